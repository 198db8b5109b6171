/**
 * The live API log, GET /api/mock/events, over real HTTP (the server listens on port 0 and the
 * test reads the server-sent-events stream with fetch): one event per call, the ring buffer on
 * connect, heartbeats, clean-up on disconnect, no personal data, and a server that still closes.
 */
import type { FastifyInstance } from 'fastify'
import { Value } from '@sinclair/typebox/value'
import { findPersona } from '../../mock-server/personas'
import { ApiEvent, type ApiEventT } from '../../mock-server/schemas/api'
import { advance, newApp } from './helpers'

let app: FastifyInstance
let base: string

async function start(qa?: { eventBufferSize?: number; heartbeatMs?: number }): Promise<void> {
  ;({ app } = await newApp(qa ? { qa } : {}))
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (!address || typeof address !== 'object') throw new Error('no address')
  base = `http://127.0.0.1:${address.port}`
}
afterEach(async () => {
  await app?.close()
})

/** An open SSE stream: its events, its raw text, and a way to wait for what it should show. */
class Stream {
  text = ''
  readonly events: ApiEventT[] = []
  private readonly controller = new AbortController()
  private reader!: ReadableStreamDefaultReader<Uint8Array>
  private pump!: Promise<void>
  status = 0
  contentType = ''

  async open(headers: Record<string, string> = {}): Promise<this> {
    const res = await fetch(`${base}/api/mock/events`, { headers: { accept: 'text/event-stream', ...headers }, signal: this.controller.signal })
    this.status = res.status
    this.contentType = res.headers.get('content-type') ?? ''
    this.reader = res.body!.getReader()
    const decoder = new TextDecoder()
    this.pump = (async () => {
      try {
        for (;;) {
          const { value, done } = await this.reader.read()
          if (done) return
          this.text += decoder.decode(value, { stream: true })
          this.parse()
        }
      } catch {
        // aborted
      }
    })()
    return this
  }

  private parsed = 0
  private parse(): void {
    const frames = this.text.split('\n\n')
    for (let i = this.parsed; i < frames.length - 1; i++) {
      const data = frames[i].split('\n').find((l) => l.startsWith('data: '))
      if (data) this.events.push(JSON.parse(data.slice(6)))
    }
    this.parsed = frames.length - 1
  }

  async until(what: string, test: () => boolean, ms = 3000): Promise<void> {
    const deadline = Date.now() + ms
    while (!test()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got:\n${this.text}`)
      await new Promise((r) => setTimeout(r, 10))
    }
  }

  /** Resolves when the server ends the stream. */
  ended(): Promise<void> {
    return this.pump
  }

  close(): void {
    this.controller.abort()
  }
}

async function post(path: string, body: unknown, token?: string): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
}

async function signInOverHttp(personaId: string): Promise<{ accessToken: string; refreshToken: string; authCode: string }> {
  const { authCode } = await (await post('/api/mock/auth-code', { personaId })).json()
  const tokens = await (await post('/api/oauth/token', { grantType: 'authorization_code', code: authCode })).json()
  return { ...tokens, authCode }
}

describe('GET /api/mock/events (server-sent events)', () => {
  it('streams one event per API call: method, route pattern, operationId, status, duration, code, persona', async () => {
    await start()
    const stream = await new Stream().open()
    expect(stream.status).toBe(200)
    expect(stream.contentType).toMatch(/^text\/event-stream/)

    const { accessToken } = await signInOverHttp('eligible-zhou')
    await fetch(`${base}/api/person?lang=en&debug=1`, { headers: { authorization: `Bearer ${accessToken}` } })
    await fetch(`${base}/api/claim`) // no token: 401
    await stream.until('four events', () => stream.events.length >= 4)

    for (const e of stream.events) expect([...Value.Errors(ApiEvent, e)].map((x) => `${x.path} ${x.message}`)).toEqual([])
    expect(stream.events.map((e) => [e.method, e.route, e.operationId, e.status, e.personaId, e.errorCode])).toEqual([
      ['POST', '/api/mock/auth-code', 'mockAuthCode', 200, 'eligible-zhou', null],
      ['POST', '/api/oauth/token', 'exchangeToken', 200, 'eligible-zhou', null],
      ['GET', '/api/person', 'getPerson', 200, 'eligible-zhou', null],
      ['GET', '/api/claim', 'getClaim', 401, null, 'TOKEN_MISSING'],
    ])
    expect(stream.text).toMatch(/^retry: \d+\n\n/)
    expect(stream.text).toContain('event: api\n')
    const ids = stream.events.map((e) => e.id)
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
    for (const e of stream.events) {
      expect(e.durationMs).toBeGreaterThanOrEqual(0)
      expect(Date.parse(e.at)).not.toBeNaN()
    }
    stream.close()
  })

  it('never carries personal data: no names, ID numbers, tokens, codes, bodies or query strings', async () => {
    await start()
    const stream = await new Stream().open()
    const persona = findPersona('eligible-wu')!
    const { accessToken, refreshToken, authCode } = await signInOverHttp(persona.id)
    await advance(app, accessToken, 'certifying')
    await fetch(`${base}/api/person?name=${encodeURIComponent(persona.name)}`, { headers: { authorization: `Bearer ${accessToken}` } })
    await post('/api/oauth/token', { grantType: 'refresh_token', refreshToken })
    await stream.until('the calls', () => stream.events.length >= 7)
    for (const secret of [persona.name, persona.idNumber, persona.idNumber.slice(-6), persona.userId, accessToken, refreshToken, authCode, '?name', 'agreementVersion']) {
      expect(stream.text).not.toContain(secret)
    }
    // the certification's id appears only as the route pattern's :certifyId
    expect(stream.events.some((e) => e.route === '/api/certifications')).toBe(true)
    // the persona (a QA label) is known even for the token-less calls: both exchanges, the code and the refresh token
    expect(stream.events.filter((e) => e.operationId === 'exchangeToken').map((e) => e.personaId)).toEqual([persona.id, persona.id])
    stream.close()
  })

  it('sends the buffered events on connect (the last N), or those after Last-Event-ID', async () => {
    await start({ eventBufferSize: 3 })
    for (let i = 0; i < 5; i++) await fetch(`${base}/api/agreements/current`)
    const stream = await new Stream().open()
    await stream.until('the buffer', () => stream.events.length >= 3)
    expect(stream.events.map((e) => e.id)).toEqual([3, 4, 5])
    stream.close()

    const resumed = await new Stream().open({ 'last-event-id': '4' })
    await resumed.until('the rest', () => resumed.events.length >= 1)
    await new Promise((r) => setTimeout(r, 50))
    expect(resumed.events.map((e) => e.id)).toEqual([5])
    resumed.close()
  })

  it('answers a JSON array to a client that does not ask for a stream', async () => {
    await start()
    await fetch(`${base}/api/crypto/public-key`)
    const res = await fetch(`${base}/api/mock/events`, { headers: { accept: 'application/json' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const list = (await res.json()) as ApiEventT[]
    expect(list.map((e) => e.operationId)).toEqual(['getPublicKey'])
  })

  it('sends heartbeat comments, and forgets a client that disconnects', async () => {
    await start({ heartbeatMs: 30 })
    const stream = await new Stream().open()
    await stream.until('a heartbeat', () => /\n: heartbeat \d+\n\n/.test(stream.text))
    expect(app.qa.events.streams).toBe(1)
    stream.close()
    const deadline = Date.now() + 2000
    while (app.qa.events.streams !== 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
    expect(app.qa.events.streams).toBe(0)
    // and the log goes on without it
    await fetch(`${base}/api/healthz`)
    await fetch(`${base}/api/crypto/public-key`)
    expect(app.qa.events.recent().map((e) => e.operationId)).toEqual(['getPublicKey'])
  })

  it('does not keep the server from closing: open streams are ended', async () => {
    await start()
    const a = await new Stream().open()
    const b = await new Stream().open()
    await a.until('connected', () => a.text.startsWith('retry:'))
    await b.until('connected', () => b.text.startsWith('retry:'))
    const t0 = Date.now()
    await app.close()
    expect(Date.now() - t0).toBeLessThan(3000)
    await Promise.all([a.ended(), b.ended()])
  })
})

describe('a call the client gives up on', () => {
  it('is logged when the client leaves (status 499), with the fault that held it', async () => {
    await start()
    await app.inject({ method: 'PATCH', url: '/api/mock/scenarios', payload: { global: { injectOnce: { operationId: 'getCurrentAgreement', kind: 'timeout', holdMs: 2000 } } } })
    await expect(fetch(`${base}/api/agreements/current`, { signal: AbortSignal.timeout(200) })).rejects.toThrow()
    const deadline = Date.now() + 3000
    while (!app.qa.events.recent().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
    const [event, ...more] = app.qa.events.recent()
    expect(more).toEqual([])
    expect(event).toMatchObject({ operationId: 'getCurrentAgreement', status: 499, fault: 'timeout', errorCode: null })
    expect(event.durationMs).toBeGreaterThanOrEqual(150)
    // the held answer still goes out (to nobody) without a second event
    await new Promise((r) => setTimeout(r, 2200))
    expect(app.qa.events.recent()).toHaveLength(1)
  })
})
