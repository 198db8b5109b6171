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

export class EventLog {
  private readonly buffer: ApiEventT[] = []
  private readonly subscribers = new Set<Subscriber>()
  private seq = 0

  constructor(
    private readonly size = EVENT_BUFFER_SIZE,
    private readonly heartbeatMs = HEARTBEAT_MS,
  ) {}

  publish(event: Omit<ApiEventT, 'id'>): ApiEventT {
    const full: ApiEventT = { id: ++this.seq, ...event }
    this.buffer.push(full)
    if (this.buffer.length > this.size) this.buffer.shift()
    if (this.subscribers.size) {
      const frame = sseFrame(full)
      for (const s of this.subscribers) s.res.write(frame)
    }
    return full
  }

  /** The buffered events, oldest first; only those after `afterId` when given. */
  recent(afterId?: number): ApiEventT[] {
    return afterId === undefined ? [...this.buffer] : this.buffer.filter((e) => e.id > afterId)
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

function sseFrame(e: ApiEventT): string {
  return `id: ${e.id}\nevent: api\ndata: ${JSON.stringify(e)}\n\n`
}
