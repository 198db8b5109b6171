/**
 * The live API log: one event per API call, kept in a small ring buffer and pushed to every open
 * server-sent-events stream. An event names the call (method, route pattern, operationId), its
 * outcome (status, duration, error code), the persona it was made for (a QA label) and the fault a
 * scenario injected; never a name, an ID number, a token, a body or a query string.
 */
import type { ServerResponse } from 'node:http'
import type { ApiEventT } from '../schemas/api'

export const EVENT_BUFFER_SIZE = 200
export const HEARTBEAT_MS = 15_000

interface Subscriber {
  res: ServerResponse
  heartbeat: NodeJS.Timeout
}

/** One call as the hooks record it: `at` stays a number until someone reads the log. */
export type CallRecord = Omit<ApiEventT, 'id' | 'at'> & { atMs: number }

export class EventLog {
  // A ring of records, written in place: publishing a call allocates nothing that outlives the
  // request, and the ISO time is formatted only for the few events anyone reads.
  private readonly ring: (CallRecord & { id: number })[] = []
  private next = 0
  private readonly subscribers = new Set<Subscriber>()
  private seq = 0

  constructor(
    private readonly size = EVENT_BUFFER_SIZE,
    private readonly heartbeatMs = HEARTBEAT_MS,
  ) {}

  publish(record: CallRecord): void {
    const id = ++this.seq
    if (this.ring.length < this.size) this.ring.push({ id, ...record })
    else Object.assign(this.ring[this.next], record, { id })
    this.next = (this.next + 1) % this.size
    if (this.subscribers.size) {
      const frame = sseFrame(toEvent({ id, ...record }))
      for (const s of this.subscribers) s.res.write(frame)
    }
  }

  /** The buffered events, oldest first; only those after `afterId` when given. */
  recent(afterId?: number): ApiEventT[] {
    const full = this.ring.length === this.size
    const ordered = full ? [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)] : this.ring
    return ordered.filter((e) => afterId === undefined || e.id > afterId).map(toEvent)
  }

  get streams(): number {
    return this.subscribers.size
  }

  /**
   * Streams to `res` (its head already written): the buffered events first, then each new one as
   * it happens, and a comment line every heartbeatMs so proxies keep the connection open.
   */
  subscribe(res: ServerResponse, afterId?: number): () => void {
    res.write(`retry: 2000\n\n`)
    for (const e of this.recent(afterId)) res.write(sseFrame(e))
    const heartbeat = setInterval(() => res.write(`: heartbeat ${Date.now()}\n\n`), this.heartbeatMs)
    // an open stream never keeps the process alive on its own
    heartbeat.unref()
    const sub: Subscriber = { res, heartbeat }
    this.subscribers.add(sub)
    let done = false
    return () => {
      if (done) return
      done = true
      clearInterval(heartbeat)
      this.subscribers.delete(sub)
    }
  }

  /** Ends every stream (the server is shutting down). */
  closeAll(): void {
    for (const s of [...this.subscribers]) {
      clearInterval(s.heartbeat)
      this.subscribers.delete(s)
      s.res.end()
    }
  }
}

function toEvent(r: CallRecord & { id: number }): ApiEventT {
  return {
    id: r.id,
    at: new Date(r.atMs).toISOString(),
    method: r.method,
    route: r.route,
    operationId: r.operationId,
    status: r.status,
    durationMs: r.durationMs,
    errorCode: r.errorCode,
    personaId: r.personaId,
    fault: r.fault,
    delayMs: r.delayMs,
  }
}

function sseFrame(e: ApiEventT): string {
  return `id: ${e.id}\nevent: api\ndata: ${JSON.stringify(e)}\n\n`
}
