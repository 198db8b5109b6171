/**
 * Headers on every response (docs/security.md, "Headers, CORS, browser"): no X-Powered-By,
 * Cache-Control: no-store on every API answer (personal data or not, errors included), a CSP on
 * the pages, and CORS only for configured origins.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PAGE_CSP } from '../../mock-server/app'
import { CORS_ALLOWED_HEADERS, parseCorsOrigins } from '../../mock-server/cors'
import { call, issuedCard, newApp } from './helpers'

let app: FastifyInstance
afterEach(async () => {
  await app?.close()
})

const ALLOWED = 'https://qa.example.org'

function expectNoCors(res: LightMyRequestResponse): void {
  expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([])
}

describe('every API response', () => {
  it('has Cache-Control: no-store and no X-Powered-By: every registered GET route, answers with personal data, errors, 404s', async () => {
    ;({ app } = await newApp())
    const { token, card } = await issuedCard(app)
    const responses: Array<[string, LightMyRequestResponse]> = []
    // every GET route the app registers under /api (params filled with something of the right shape)
    const fill = (url: string) =>
      url.replace(':certifyId', 'abcdefgh12').replace(':cardNumber', card.cardNumber).replace(':id', 'eligible-zhang')
    for (const r of app.routeTable.filter((r) => r.method === 'GET' && r.url.startsWith('/api/'))) {
      responses.push([`GET ${r.url}`, await call(app, 'GET', fill(r.url), { token })])
    }
    responses.push(['reveal', await call(app, 'POST', '/api/cards/current/reveal', { token })])
    responses.push(['qr', await call(app, 'POST', '/api/cards/current/qr', { token })])
    responses.push(['401', await call(app, 'GET', '/api/person')])
    responses.push(['404', await call(app, 'GET', '/api/nowhere')])
    responses.push(['400', await call(app, 'POST', '/api/claim/consent', { token, body: { wrong: 1 } })])
    expect(responses.length).toBeGreaterThan(12)
    for (const [label, res] of responses) {
      expect({ label, cacheControl: res.headers['cache-control'], poweredBy: res.headers['x-powered-by'] }).toEqual({
        label,
        cacheControl: 'no-store',
        poweredBy: undefined,
      })
      expect(res.headers['x-content-type-options']).toBe('nosniff')
    }
  })
})

describe('pages', () => {
  it('the QA console and the H5 app carry the Content-Security-Policy, frame and referrer headers, and no X-Powered-By', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecard-h5-'))
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>app</title>')
    try {
      ;({ app } = await newApp({ staticRoot: dir }))
      for (const url of ['/', '/index.html', '/qa', '/qa/console.js']) {
        const res = await app.inject({ method: 'GET', url })
        expect({ url, status: res.statusCode }).toEqual({ url, status: 200 })
        const csp = String(res.headers['content-security-policy'])
        // the QA console keeps its own, stricter policy (no inline scripts); the app gets PAGE_CSP
        if (url.startsWith('/qa')) {
          expect(csp).toMatch(/default-src 'self'/)
          expect(csp).toMatch(/script-src 'self';/)
          expect(csp).not.toMatch(/unsafe-inline/)
        } else expect(csp).toBe(PAGE_CSP)
        expect(res.headers['x-frame-options']).toBe('SAMEORIGIN')
        expect(res.headers['referrer-policy']).toBe('no-referrer')
        expect(res.headers['x-powered-by']).toBeUndefined()
      }
      expect(PAGE_CSP).toMatch(/default-src 'self'/)
      expect(PAGE_CSP).toMatch(/object-src 'none'/)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('CORS', () => {
  it('no origins configured (the default): no Access-Control-* header for any origin, a preflight gets no allowance', async () => {
    ;({ app } = await newApp())
    expectNoCors(await app.inject({ method: 'GET', url: '/api/healthz', headers: { origin: ALLOWED } }))
    const pre = await app.inject({
      method: 'OPTIONS',
      url: '/api/claim',
      headers: { origin: ALLOWED, 'access-control-request-method': 'GET' },
    })
    expectNoCors(pre)
  })

  it('a configured origin gets its own origin back (never *), Vary: Origin, and Retry-After exposed', async () => {
    ;({ app } = await newApp({ corsOrigins: [ALLOWED] }))
    const res = await app.inject({ method: 'GET', url: '/api/healthz', headers: { origin: ALLOWED } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED)
    expect(res.headers['access-control-allow-credentials']).toBeUndefined()
    expect(res.headers['access-control-expose-headers']).toBe('retry-after')
    expect(res.headers.vary).toMatch(/Origin/)
    // on errors too, so the page can read the code
    const err = await app.inject({ method: 'GET', url: '/api/person', headers: { origin: ALLOWED } })
    expect(err.statusCode).toBe(401)
    expect(err.headers['access-control-allow-origin']).toBe(ALLOWED)
  })

  it('a preflight from a configured origin → 204 with the methods, the headers the API reads, and a max age', async () => {
    ;({ app } = await newApp({ corsOrigins: [ALLOWED] }))
    const res = await app.inject({
      method: 'OPTIONS',
      url: '/api/cards',
      headers: { origin: ALLOWED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, idempotency-key, content-type' },
    })
    expect(res.statusCode).toBe(204)
    expect(res.headers['access-control-allow-origin']).toBe(ALLOWED)
    expect(res.headers['access-control-allow-methods']).toMatch(/POST/)
    for (const h of ['authorization', 'idempotency-key', 'content-type']) expect(String(res.headers['access-control-allow-headers'])).toContain(h)
    expect(CORS_ALLOWED_HEADERS).toContain('x-scanner-id')
    expect(Number(res.headers['access-control-max-age'])).toBeGreaterThan(0)
    expect(res.body).toBe('')
  })

  it('an unknown origin gets no Access-Control-Allow-Origin, on simple requests and preflights alike; lookalikes too', async () => {
    ;({ app } = await newApp({ corsOrigins: [ALLOWED] }))
    for (const origin of ['https://evil.example', 'https://qa.example.org.evil.example', 'http://qa.example.org', 'null', `${ALLOWED}:8443`]) {
      const res = await app.inject({ method: 'GET', url: '/api/healthz', headers: { origin } })
      expect(res.headers['access-control-allow-origin']).toBeUndefined()
      const pre = await app.inject({ method: 'OPTIONS', url: '/api/claim', headers: { origin, 'access-control-request-method': 'GET' } })
      expect(pre.headers['access-control-allow-origin']).toBeUndefined()
      expect(pre.headers['access-control-allow-methods']).toBeUndefined()
    }
  })

  it('CORS_ORIGINS parsing: comma-separated origins; a path, a wildcard or a non-http scheme is refused', () => {
    expect(parseCorsOrigins(undefined)).toEqual([])
    expect(parseCorsOrigins(' https://a.example , http://127.0.0.1:5173 ')).toEqual(['https://a.example', 'http://127.0.0.1:5173'])
    for (const bad of ['*', 'https://a.example/path', 'ftp://a.example', 'a.example']) expect(() => parseCorsOrigins(bad)).toThrow(/CORS_ORIGINS/)
  })
})
