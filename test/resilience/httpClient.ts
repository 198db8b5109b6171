/**
 * HTTP as the simulated users see it: a response (any status) or a lost answer. A lost answer is
 * what a crash looks like from the phone: the connection is refused, reset or closed before the
 * response arrived, or the request times out. The client counts the requests in flight (by
 * operation), so the killer can aim at an issuance.
 *
 * Each person calls from an address of their own in 127.0.0.0/8 (Linux answers on all of it), so
 * per-IP limits see 200 phones, not one.
 */
import http from 'node:http'

export class LostAnswer extends Error {
  constructor(readonly operation: string, cause: string) {
    super(`${operation}: ${cause}`)
  }
}

export interface Answer {
  status: number
  body: any
}

export interface RequestOptions {
  /** The client's own address (127.x.y.z): each simulated person is a phone of its own. */
  from?: string
  token?: string
  body?: unknown
  headers?: Record<string, string>
}

const REQUEST_TIMEOUT_MS = 30_000
const HEALTH = 'GET /healthz'

export class LoadClient {
  /** Requests sent and not answered yet, by operation ("POST /cards"). */
  readonly inFlight = new Map<string, number>()
  /** When each request in flight was sent, by operation. */
  private readonly sentAt = new Map<string, Set<number>>()
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: Infinity })

  constructor(private readonly port: number) {}

  /** How long the oldest request of `operation` still in flight has waited, in ms (0 when none). */
  oldestInFlightMs(operation: string): number {
    const stamps = this.sentAt.get(operation)
    if (!stamps || stamps.size === 0) return 0
    return Date.now() - Math.min(...stamps)
  }

  /** Requests of the claim flow in flight (the health polls of people waiting for the server left out). */
  inFlightTotal(): number {
    let n = 0
    for (const [operation, v] of this.inFlight) if (operation !== HEALTH) n += v
    return n
  }

  inFlightOf(operation: string): number {
    return this.inFlight.get(operation) ?? 0
  }

  /** `operation` names the route for the counters (no ids in it). */
  request(operation: string, method: 'GET' | 'POST' | 'PATCH', url: string, opts: RequestOptions = {}): Promise<Answer> {
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body)
    const headers: Record<string, string> = { ...(opts.headers ?? {}) }
    if (payload !== undefined) headers['content-type'] = 'application/json'
    if (opts.token) headers.authorization = `Bearer ${opts.token}`
    this.inFlight.set(operation, this.inFlightOf(operation) + 1)
    // a unique stamp per request (ms plus a fraction), so equal send times stay apart in the set
    const stamp = Date.now() + Math.random() / 2
    const stamps = this.sentAt.get(operation) ?? new Set<number>()
    stamps.add(stamp)
    this.sentAt.set(operation, stamps)
    const done = () => {
      this.inFlight.set(operation, this.inFlightOf(operation) - 1)
      stamps.delete(stamp)
    }
    return new Promise<Answer>((resolve, reject) => {
      const target = { host: '127.0.0.1', port: this.port, method, path: '/api' + url, headers, agent: this.agent, localAddress: opts.from }
      const req = http.request(target, (res) => {
        let data = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (data += c))
        res.on('error', (e) => reject(new LostAnswer(operation, e.message)))
        res.on('close', () => {
          if (!res.complete) reject(new LostAnswer(operation, 'connection closed mid-response'))
        })
        res.on('end', () => {
          if (!res.complete) return reject(new LostAnswer(operation, 'response incomplete'))
          let body: unknown = data
          try {
            body = data ? JSON.parse(data) : undefined
          } catch {
            // a half-written body is a lost answer too; a complete non-JSON one is kept as text
          }
          resolve({ status: res.statusCode!, body })
        })
      })
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('timeout')))
      req.on('error', (e: NodeJS.ErrnoException) => reject(new LostAnswer(operation, e.code ?? e.message)))
      if (payload !== undefined) req.write(payload)
      req.end()
    }).finally(done)
  }

  /** Resolves once GET /api/healthz answers 200 (the server is back). */
  async waitUntilUp(from?: string, timeoutMs = 90_000): Promise<void> {
    const until = Date.now() + timeoutMs
    for (;;) {
      try {
        const res = await this.request(HEALTH, 'GET', '/healthz', { from })
        if (res.status === 200) return
      } catch (e) {
        if (!(e instanceof LostAnswer)) throw e
      }
      if (Date.now() > until) throw new Error(`the server did not come back within ${timeoutMs} ms`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  close(): void {
    this.agent.destroy()
  }
}
