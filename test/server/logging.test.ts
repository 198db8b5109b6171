import type { FastifyInstance } from 'fastify'
import { Writable } from 'node:stream'
import { CURRENT_AGREEMENT } from '../../mock-server/agreement'
import { PERSONAS } from '../../mock-server/personas'
import { advance, call, encryptPassword, GOOD_PASSWORD, newApp, signIn } from './helpers'

function captureStream(): { stream: Writable; lines: string[] } {
  const lines: string[] = []
  let buffer = ''
  const stream = new Writable({
    write(chunk, _enc, cb) {
      buffer += String(chunk)
      let nl: number
      while ((nl = buffer.indexOf('\n')) >= 0) {
        lines.push(buffer.slice(0, nl))
        buffer = buffer.slice(nl + 1)
      }
      cb()
    },
  })
  return { stream, lines }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** The secret as a whole token: not a piece of a longer run of digits such as a timestamp. */
const standalone = (s: string) => new RegExp(`(?<![0-9A-Za-z_-])${escape(s)}(?![0-9A-Za-z_-])`)

describe('logs of a full claim', () => {
  let app: FastifyInstance
  let lines: string[]
  const secrets: string[] = []
  const certifyIds: string[] = []

  beforeAll(async () => {
    const capture = captureStream()
    lines = capture.lines
    ;({ app } = await newApp({ logStream: capture.stream, logLevel: 'trace' }))

    // the whole happy path, with detours that produce errors
    const zhang = await signIn(app, 'eligible-zhang')
    secrets.push(zhang.accessToken, zhang.refreshToken)
    const token = zhang.accessToken
    await call(app, 'GET', '/api/person', { token })
    await call(app, 'POST', '/api/claim/consent', { token, body: { agreementVersion: '1999.1' } })
    await call(app, 'POST', '/api/claim/consent', { token, body: { agreementVersion: CURRENT_AGREEMENT.version } })
    const failed = (await call(app, 'POST', '/api/certifications', { token })).json().certifyId
    await call(app, 'POST', `/api/mock/certifications/${failed}/complete`, { body: { outcome: 'fail' } })
    await call(app, 'GET', `/api/certifications/${failed}`, { token })
    const passed = (await call(app, 'POST', '/api/certifications', { token })).json().certifyId
    certifyIds.push(failed, passed)
    await call(app, 'POST', `/api/mock/certifications/${passed}/complete`, { body: { outcome: 'pass' } })
    await call(app, 'GET', `/api/certifications/${passed}`, { token })
    for (const weak of ['880314', '140514', '111111']) {
      const body = await encryptPassword(app, weak)
      secrets.push(body.encryptedPassword)
      await call(app, 'POST', '/api/claim/password', { token, body })
    }
    const good = await encryptPassword(app, GOOD_PASSWORD)
    secrets.push(good.encryptedPassword)
    await call(app, 'POST', '/api/claim/password', { token, body: { keyId: good.keyId, encryptedPassword: good.encryptedPassword.slice(0, -4) + '0000' } })
    await call(app, 'POST', '/api/claim/password', { token, body: good })
    await call(app, 'POST', '/api/cards', { token, headers: { 'idempotency-key': 'log-test-key-1' } })
    await call(app, 'POST', '/api/cards', { token, headers: { 'idempotency-key': 'log-test-key-1' } })
    await call(app, 'GET', '/api/cards/current', { token })
    const refreshed = (await call(app, 'POST', '/api/oauth/token', { body: { grantType: 'refresh_token', refreshToken: zhang.refreshToken } })).json()
    secrets.push(refreshed.accessToken, refreshed.refreshToken)

    // every other persona, as far as each gets
    for (const p of PERSONAS.filter((x) => x.id !== 'eligible-zhang')) {
      const code = (await call(app, 'POST', '/api/mock/auth-code', { body: { personaId: p.id } })).json().authCode
      secrets.push(code)
      const t = (await call(app, 'POST', '/api/oauth/token', { body: { grantType: 'authorization_code', code } })).json()
      secrets.push(t.accessToken, t.refreshToken)
      await call(app, 'POST', '/api/oauth/token', { body: { grantType: 'authorization_code', code } }) // AUTH_CODE_USED
      await advance(app, t.accessToken, 'informed')
      await call(app, 'POST', '/api/claim/consent', { token: t.accessToken, body: { agreementVersion: CURRENT_AGREEMENT.version } })
      await call(app, 'GET', '/api/cards/current', { token: t.accessToken })
    }

    // things a careless server would log: personal data in the URL and in headers, bad bodies
    const id = PERSONAS[0].idNumber
    await call(app, 'GET', `/api/nope?idNumber=${id}&name=${encodeURIComponent(PERSONAS[0].name)}`)
    await call(app, 'GET', '/api/claim', { token: 'not-a-real-token-but-secretish' })
    await app.inject({ method: 'POST', url: '/api/mock/auth-code', headers: { 'content-type': 'application/json' }, payload: `{"personaId":"${id}` })
    await call(app, 'POST', '/api/mock/auth-code', { body: { personaId: 'eligible-zhang', idNumber: id } })
    await call(app, 'GET', `/api/mock/personas`)
  })

  afterAll(async () => {
    await app.close()
  })

  it('captured the requests, one JSON line each', () => {
    expect(lines.length).toBeGreaterThan(60)
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow()
  })

  it('logs method, route pattern, status, duration and the error code per request', () => {
    const requests = lines.map((l) => JSON.parse(l)).filter((o) => o.msg === 'request')
    expect(requests.length).toBeGreaterThan(60)
    for (const r of requests) {
      expect(typeof r.method).toBe('string')
      expect(typeof r.status).toBe('number')
      expect(typeof r.durationMs).toBe('number')
      expect(r).not.toHaveProperty('url')
      expect(r).not.toHaveProperty('req')
      if (r.status >= 400) expect(typeof r.errorCode).toBe('string')
      else expect(r.errorCode).toBeUndefined()
    }
    const routes = new Set(requests.map((r) => r.route))
    expect([...routes]).toEqual(expect.arrayContaining(['/api/certifications/:certifyId', '/api/claim/password', '/api/cards', '/api/oauth/token']))
    const codes = new Set(requests.map((r) => r.errorCode).filter(Boolean))
    for (const code of ['AGREEMENT_OUTDATED', 'WEAK_PASSWORD', 'PASSWORD_DECRYPT_FAILED', 'AUTH_CODE_USED', 'NO_PHYSICAL_CARD', 'NOT_FOUND', 'TOKEN_INVALID', 'VALIDATION_FAILED']) {
      expect(codes).toContain(code)
    }
  })

  it('contains no full ID number of any persona', () => {
    const all = lines.join('\n')
    for (const p of PERSONAS) expect(all).not.toContain(p.idNumber)
    expect(all).not.toMatch(/(?<!\d)[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])\d{2}\d{3}[\dXx](?!\d)/)
  })

  it('contains no persona name', () => {
    const all = lines.join('\n')
    for (const p of PERSONAS) expect(all).not.toContain(p.name)
    for (const p of PERSONAS) expect(all).not.toContain(encodeURIComponent(p.name))
  })

  it('contains no token, auth code, password or ciphertext, and no URL with its ids', () => {
    const all = lines.join('\n')
    expect(secrets.length).toBeGreaterThan(20)
    for (const s of secrets) expect(all).not.toMatch(standalone(s))
    for (const pw of [GOOD_PASSWORD, '880314', '140514', '111111']) expect(all).not.toMatch(standalone(pw))
    expect(all).not.toContain('not-a-real-token-but-secretish')
    expect(all).not.toContain('Bearer')
    // route patterns, never URLs: the certification ids do not appear
    for (const id of certifyIds) expect(all).not.toContain(id)
    expect(all).not.toContain('log-test-key-1')
  })
})

describe('the guards themselves', () => {
  it('mask an ID number in any message and redact secret fields of logged objects', async () => {
    const capture = captureStream()
    const { app } = await newApp({ logStream: capture.stream, logLevel: 'info' })
    try {
      const id = PERSONAS[1].idNumber
      app.log.info(`looked up ${id} for someone`)
      app.log.info({ password: GOOD_PASSWORD, body: { encryptedPassword: 'abc' }, user: { idNumber: id, name: PERSONAS[1].name }, accessToken: 'tok' }, 'careless')
      const [first, second] = capture.lines.map((l) => JSON.parse(l))
      expect(first.msg).toBe(`looked up ${id.slice(0, 6)}********${id.slice(-4)} for someone`)
      expect(second).toMatchObject({ password: '[redacted]', body: '[redacted]', user: { idNumber: '[redacted]', name: '[redacted]' }, accessToken: '[redacted]' })
    } finally {
      await app.close()
    }
  })
})
