/**
 * Real HTTP (Node's fetch) against the gateway, by operationId. Every response is checked
 * against the document before the test sees it: the status must be documented for the
 * operation, the media type too, the body must match that response's schema, and an error's
 * code must be one the operation lists for that status. A mismatch throws ContractViolation.
 */
import type { Coverage } from './coverage'
import { opLabel, type ContractDocument, type Json, type Operation } from './openapi'
import { settings } from './runtime'

export interface CallOptions {
  /** Path parameters by name. */
  params?: Record<string, string>
  /** Query parameters by name. */
  query?: Record<string, string>
  /** Sends `Authorization: Bearer <token>`. */
  token?: string
  /** Sends this Authorization header verbatim (for malformed-token cases). */
  authorization?: string
  /** A JSON body (sent with Content-Type: application/json). */
  body?: unknown
  /** A body sent as is, with `contentType`. */
  rawBody?: string
  contentType?: string
  headers?: Record<string, string>
}

export interface Reply {
  op?: Operation
  method: string
  url: string
  status: number
  /** Parsed JSON when the response is JSON, the text otherwise. */
  body: Json
  text: string
  contentType: string
  /** The ErrorBody code of an error response. */
  code?: string
  /** The Retry-After header (seconds), when there is one. */
  retryAfter?: string
}

export class ContractViolation extends Error {
  constructor(reply: Pick<Reply, 'method' | 'url' | 'status' | 'text'>, problem: string) {
    const text = reply.text.length > 600 ? reply.text.slice(0, 600) + '…' : reply.text
    super(`${reply.method} ${reply.url} → ${reply.status}: ${problem}\n  body: ${text}`)
    this.name = 'ContractViolation'
  }
}

export class ContractClient {
  /** Top-level string fields of successful responses by name (certifyId, cardNumber, ...). */
  readonly known = new Map<string, string>()

  constructor(
    readonly doc: ContractDocument,
    readonly baseUrl: string,
    readonly coverage: Coverage,
  ) {}

  url(op: Operation, params: Record<string, string> = {}, query: Record<string, string> = {}): string {
    const path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => {
      const v = params[name]
      if (v === undefined) throw new Error(`${opLabel(op)}: path parameter ${name} not given`)
      return encodeURIComponent(v)
    })
    const search = new URLSearchParams(query).toString()
    return this.baseUrl + path + (search ? `?${search}` : '')
  }

  /** Calls an operation of the document and checks the response against it. */
  async call(operationId: string, opts: CallOptions = {}): Promise<Reply> {
    const op = this.doc.op(operationId)
    const reply = await this.send(op.method.toUpperCase(), this.url(op, opts.params, opts.query), opts)
    reply.op = op
    try {
      this.checkAgainst(op, reply)
    } catch (err) {
      this.coverage.record(op, reply.status, reply.code, false)
      throw err
    }
    this.coverage.record(op, reply.status, reply.code, true)
    if (reply.status < 300 && reply.body && typeof reply.body === 'object' && !Array.isArray(reply.body)) {
      for (const [k, v] of Object.entries(reply.body)) if (typeof v === 'string') this.known.set(k, v)
    }
    return reply
  }

  /** A request outside the document (an unknown route): an error must still be an ErrorBody. */
  async raw(method: string, pathBelowBase: string, opts: CallOptions = {}): Promise<Reply> {
    const reply = await this.send(method, this.baseUrl + pathBelowBase, opts)
    if (reply.status >= 400) {
      const errs = this.doc.check(this.doc.errorBodySchema(), reply.body)
      if (errs.length) throw new ContractViolation(reply, `the error body does not match ErrorBody: ${errs.join('; ')}`)
      this.coverage.recordUnrouted(reply.code)
    }
    return reply
  }

  private async send(method: string, url: string, opts: CallOptions): Promise<Reply> {
    const headers: Record<string, string> = { accept: 'application/json', ...(opts.headers ?? {}) }
    if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`
    if (opts.authorization !== undefined) headers.authorization = opts.authorization
    let body: string | undefined
    if (opts.rawBody !== undefined) {
      body = opts.rawBody
      headers['content-type'] = opts.contentType ?? 'application/octet-stream'
    } else if (opts.body !== undefined) {
      body = JSON.stringify(opts.body)
      headers['content-type'] = 'application/json'
    }
    let res: Response
    try {
      res = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(settings.timeoutMs()) })
    } catch (err) {
      throw new Error(`${method} ${url}: no response (${(err as Error).message})`)
    }
    const text = await res.text()
    const contentType = (res.headers.get('content-type') ?? '').toLowerCase()
    let parsed: Json = text
    if (/[/+]json\b/.test(contentType)) {
      try {
        parsed = text === '' ? undefined : JSON.parse(text)
      } catch {
        throw new ContractViolation({ method, url, status: res.status, text }, `Content-Type is ${contentType} but the body is not JSON`)
      }
    }
    const reply: Reply = { method, url, status: res.status, body: parsed, text, contentType, retryAfter: res.headers.get('retry-after') ?? undefined }
    if (res.status >= 400 && parsed && typeof parsed === 'object' && typeof parsed.code === 'string') reply.code = parsed.code
    return reply
  }

  private checkAgainst(op: Operation, reply: Reply): void {
    const documented = this.doc.response(op, reply.status)
    if (!documented) {
      throw new ContractViolation(reply, `status ${reply.status} is not documented for ${opLabel(op)} (documented: ${this.doc.statuses(op).join(', ')})`)
    }
    const content: Record<string, Json> = documented.content ?? {}
    const mediaTypes = Object.keys(content)
    if (mediaTypes.length === 0) {
      if (reply.text !== '') throw new ContractViolation(reply, 'the document gives this response no body, but it has one')
    } else {
      const ct = reply.contentType.split(';')[0].trim()
      const media =
        mediaTypes.find((m) => m.toLowerCase() === ct) ??
        mediaTypes.find((m) => m.endsWith('/*') && ct.startsWith(m.slice(0, -1).toLowerCase())) ??
        mediaTypes.find((m) => m === '*/*')
      if (!media) throw new ContractViolation(reply, `Content-Type "${ct}" is not documented for ${reply.status} (documented: ${mediaTypes.join(', ')})`)
      const schema = content[media].schema
      if (schema) {
        const errs = this.doc.check(schema, reply.body)
        if (errs.length) throw new ContractViolation(reply, `the body does not match the documented ${reply.status} schema: ${errs.join('; ')}`)
      }
    }
    if (reply.status >= 400) {
      const errs = this.doc.check(this.doc.errorBodySchema(), reply.body)
      if (errs.length) throw new ContractViolation(reply, `the error body does not match ErrorBody: ${errs.join('; ')}`)
      const codes = this.doc.codesFor(op, reply.status)
      if (codes && !codes.includes(reply.code as string)) {
        throw new ContractViolation(reply, `code ${reply.code} is not among the codes ${opLabel(op)} documents for ${reply.status}: ${codes.join(', ')}`)
      }
    }
  }
}

/** Asserts a success status (any 2xx, or exactly `status`) and returns the body. */
export function ok(reply: Reply, status?: number): Json {
  const good = status === undefined ? reply.status >= 200 && reply.status < 300 : reply.status === status
  if (!good) throw new ContractViolation(reply, `expected ${status ?? '2xx'}`)
  return reply.body
}

/** Asserts an error with this code (status and shape were checked against the document already). */
export function refused(reply: Reply, code: string, doc: ContractDocument): Json {
  if (reply.code !== code) throw new ContractViolation(reply, `expected the refusal ${code}, got ${reply.code ?? 'no error code'}`)
  // the code belongs under the status the operation documents it with (checked in call(); say it here too)
  if (reply.op) {
    const listed = doc.codesFor(reply.op, reply.status)
    if (listed && !listed.includes(code)) throw new ContractViolation(reply, `${code} is not documented under ${reply.status}`)
  }
  return reply.body
}
