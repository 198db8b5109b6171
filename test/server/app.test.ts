import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../mock-server/app'
import { CURRENT_AGREEMENT } from '../../mock-server/agreement'
import { Agreement, Health, PublicKey, type AgreementT } from '../../mock-server/schemas/api'
import { call, expectError, expectOk, newApp, signIn, T0, type TestClock } from './helpers'

let app: FastifyInstance
let clock: TestClock
beforeEach(async () => {
  ;({ app, clock } = await newApp())
})
afterEach(async () => {
  await app.close()
})

describe('meta', () => {
  it('GET /api/healthz reports ok and the uptime from the injected clock', async () => {
    clock.advance(90_000)
    const body = expectOk<{ status: string; uptimeSeconds: number }>(await call(app, 'GET', '/api/healthz'), Health)
    expect(body).toEqual({ status: 'ok', uptimeSeconds: 90 })
  })

  it('GET /api/agreements/current serves the current version in both languages', async () => {
    const body = expectOk<AgreementT>(await call(app, 'GET', '/api/agreements/current'), Agreement)
    expect(body.version).toBe(CURRENT_AGREEMENT.version)
    expect(body.version).toMatch(/^\d{4}\.\d+$/)
    for (const lang of ['zh-CN', 'en-US'] as const) {
      expect(body.texts[lang].title.length).toBeGreaterThan(5)
      // a few real paragraphs, covering data use, face verification, password and withdrawal
      expect(body.texts[lang].body.split('\n\n').length).toBeGreaterThanOrEqual(4)
    }
    expect(body.texts['zh-CN'].body).toMatch(/人脸/)
    expect(body.texts['zh-CN'].body).toMatch(/密码/)
    expect(body.texts['zh-CN'].body).toMatch(/撤回/)
    expect(body.texts['en-US'].body).toMatch(/face/i)
    expect(body.texts['en-US'].body).toMatch(/password/i)
    expect(body.texts['en-US'].body).toMatch(/withdraw/i)
  })

  it('GET /api/crypto/public-key serves an SM2 uncompressed public key for cipher mode 1', async () => {
    const body = expectOk<{ keyId: string; publicKey: string }>(await call(app, 'GET', '/api/crypto/public-key'), PublicKey)
    expect(body).toMatchObject({ algorithm: 'SM2', cipherMode: 1 })
    expect(body.publicKey).toMatch(/^04[0-9a-f]{128}$/)
    expect(body.keyId.length).toBeGreaterThan(0)
  })
})

describe('one error shape', () => {
  it('unknown routes are NOT_FOUND', async () => {
    expectError(await call(app, 'GET', '/api/nothing-here'), 'NOT_FOUND')
    expectError(await call(app, 'POST', '/api/healthz'), 'NOT_FOUND')
    expectError(await call(app, 'GET', '/'), 'NOT_FOUND') // no staticRoot given
  })

  it('bad JSON is VALIDATION_FAILED without echoing the body', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/oauth/token',
      headers: { 'content-type': 'application/json' },
      payload: '{"grantType":"authorization_code","code":"secret-ish',
    })
    expectError(res, 'VALIDATION_FAILED')
    expect(res.body).not.toContain('secret-ish')
  })

  it('schema violations are VALIDATION_FAILED (missing, wrong type, unknown property, bad pattern)', async () => {
    expectError(await call(app, 'POST', '/api/oauth/token', { body: { grantType: 'password' } }), 'VALIDATION_FAILED')
    expectError(await call(app, 'POST', '/api/oauth/token', { body: { grantType: 'authorization_code', code: 5 } }), 'VALIDATION_FAILED')
    expectError(await call(app, 'POST', '/api/oauth/token', { body: { grantType: 'authorization_code', code: 'x', extra: 1 } }), 'VALIDATION_FAILED')
    expectError(await call(app, 'POST', '/api/mock/auth-code', { body: { personaId: 'Not Valid!' } }), 'VALIDATION_FAILED')
    expectError(await call(app, 'POST', '/api/mock/auth-code'), 'VALIDATION_FAILED') // no body at all
  })

  it('a body over 64 KiB is BODY_TOO_LARGE', async () => {
    const res = await call(app, 'POST', '/api/oauth/token', { body: { grantType: 'authorization_code', code: 'x'.repeat(70 * 1024) } })
    expectError(res, 'BODY_TOO_LARGE')
  })

  it('a body that is not JSON is UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/oauth/token', headers: { 'content-type': 'text/plain' }, payload: 'grantType=x' })
    expectError(res, 'UNSUPPORTED_MEDIA_TYPE')
  })

  it('an empty JSON body counts as no body (POST /certifications takes none)', async () => {
    const { accessToken } = await signIn(app, 'eligible-zhang')
    const res = await app.inject({
      method: 'POST',
      url: '/api/certifications',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      payload: '',
    })
    // the request reaches the state machine instead of failing on the empty body
    expectError(res, 'STEP_OUT_OF_ORDER')
  })

  it('an operation that reads no body refuses one, but takes none, {} and null', async () => {
    const { accessToken } = await signIn(app, 'has-ecard-wang')
    const post = (payload: string | undefined) =>
      app.inject({
        method: 'POST',
        url: '/api/cards/current/qr',
        headers: { authorization: `Bearer ${accessToken}`, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(payload === undefined ? {} : { payload }),
      })
    for (const payload of [undefined, '', '{}', 'null', ' { } ']) expect([payload, (await post(payload)).statusCode]).toEqual([payload, 200])
    for (const payload of ['{"cardId":1}', '[]', '[1]', '"x"', '0', 'true']) {
      const res = await post(payload)
      expectError(res, 'VALIDATION_FAILED')
      expect(res.json().message).toBe('This operation takes no request body.')
    }
    // an operation with a body schema is not affected: its own schema answers
    const res = await app.inject({
      method: 'POST',
      url: '/api/cards/current/password',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      payload: '{}',
    })
    expectError(res, 'VALIDATION_FAILED')
    expect(res.json().message).not.toBe('This operation takes no request body.')
  })

  it('unexpected errors are INTERNAL with a generic message and no stack trace', async () => {
    let explode = false
    const lines: string[] = []
    const { Writable } = await import('node:stream')
    const logStream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk))
        cb()
      },
    })
    const boom = await buildApp({
      now: () => {
        if (explode) throw new Error('disk on fire at /var/secret/path')
        return T0
      },
      logStream,
      logLevel: 'info',
    })
    try {
      explode = true
      const res = await call(boom, 'GET', '/api/healthz')
      expectError(res, 'INTERNAL')
      expect(res.json().message).not.toContain('disk on fire')
      expect(res.body).not.toContain('/var/secret/path')
      // the details go to the log instead
      expect(lines.some((l) => l.includes('disk on fire'))).toBe(true)
    } finally {
      explode = false
      await boom.close()
    }
  })
})

describe('security headers', () => {
  it('API responses carry Cache-Control: no-store and no X-Powered-By, errors included', async () => {
    for (const res of [await call(app, 'GET', '/api/healthz'), await call(app, 'GET', '/api/nope'), await call(app, 'GET', '/api/person')]) {
      expect(res.headers['cache-control']).toBe('no-store')
      expect(res.headers['x-powered-by']).toBeUndefined()
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(res.headers['referrer-policy']).toBe('no-referrer')
      // a CSP belongs to pages; JSON answers need none
      expect(res.headers['content-security-policy']).toBeUndefined()
    }
  })
})

describe('static H5', () => {
  it('serves staticRoot at / when it has an index.html, and keeps /api working', async () => {
    const fs = await import('node:fs')
    const os = await import('node:os')
    const path = await import('node:path')
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h5-'))
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>ecard</title>')
    const withStatic = await buildApp({ staticRoot: dir, logLevel: 'silent' })
    try {
      const res = await call(withStatic, 'GET', '/')
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toMatch(/text\/html/)
      expect(res.body).toContain('<title>ecard</title>')
      // pages load only from this origin, may be framed only by it (the QA console), and send no referrer
      const csp = String(res.headers['content-security-policy'])
      expect(csp).toContain("default-src 'self'")
      expect(csp).toContain("connect-src 'self'")
      expect(csp).toContain("object-src 'none'")
      expect(csp).toContain("frame-ancestors 'self'")
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN')
      expect(res.headers['referrer-policy']).toBe('no-referrer')
      expect(res.headers['cache-control']).not.toBe('no-store')
      expect((await call(withStatic, 'GET', '/api/healthz')).statusCode).toBe(200)
      expectError(await call(withStatic, 'GET', '/api/unknown'), 'NOT_FOUND')
    } finally {
      await withStatic.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
