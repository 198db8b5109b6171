import type { FastifyInstance } from 'fastify'
import { PERSONAS } from '../../mock-server/personas'
import { QrToken, ScanResult, type QrTokenT, type ScanResultT } from '../../mock-server/schemas/api'
import { ERROR_STATUS } from '../../mock-server/schemas/errors'
import { maskName } from '../../src/domain/mask'
import { auditTrail, call, expectError, expectOk, GOOD_PASSWORD, issuedCard, issueQr, newApp, scan, signIn, T0, unbindWithPassword, type TestClock } from './helpers'

let app: FastifyInstance
let clock: TestClock
beforeEach(async () => {
  ;({ app, clock } = await newApp())
})
afterEach(async () => {
  await app.close()
})

const SECOND = 1000
const zhang = PERSONAS.find((p) => p.id === 'eligible-zhang')!

describe('POST /api/cards/current/qr', () => {
  it('gives an opaque token valid for 60 seconds from the injected clock', async () => {
    const { token } = await issuedCard(app)
    const res = await call(app, 'POST', '/api/cards/current/qr', { token })
    const qr = expectOk<QrTokenT>(res, QrToken)
    // the route writes this JSON itself: the contract's fields, nothing else, as JSON
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(Object.keys(qr)).toEqual(['token', 'expiresAt', 'expiresIn'])
    expect(qr.expiresIn).toBe(60)
    expect(qr.expiresAt).toBe(new Date(T0 + 60 * SECOND).toISOString())
    expect(qr.token).toMatch(/^q2\.[A-Za-z0-9_-]{43}$/)
    // opaque: nothing about the person or the card inside
    const { card } = await issuedCardOf(token)
    for (const s of [zhang.idNumber, zhang.name, card.cardNumber, zhang.userId, zhang.aab301]) expect(qr.token).not.toContain(s)
  })

  it('every token is new; a bodiless POST with {} is fine', async () => {
    const { token } = await issuedCard(app)
    const tokens = new Set<string>()
    for (let i = 0; i < 5; i++) tokens.add((await call(app, 'POST', '/api/cards/current/qr', { token, body: {} })).json().token)
    expect(tokens.size).toBe(5)
  })

  it('CARD_NOT_FOUND without a card; bearer errors like every card route', async () => {
    const { accessToken } = await signIn(app, 'eligible-li')
    expectError(await call(app, 'POST', '/api/cards/current/qr', { token: accessToken }), 'CARD_NOT_FOUND')
    expectError(await call(app, 'POST', '/api/cards/current/qr'), 'TOKEN_MISSING')
    expectError(await call(app, 'POST', '/api/cards/current/qr', { token: 'made-up-token-0123456789' }), 'TOKEN_INVALID')
  })

  it('works for the has-ecard persona\'s pre-issued card', async () => {
    const { accessToken } = await signIn(app, 'has-ecard-wang')
    const qr = await issueQr(app, accessToken)
    expect(expectOk<ScanResultT>(await scan(app, qr.token), ScanResult)).toMatchObject({ holderNameMasked: '王*树', aab301: '440300' })
  })
})

async function issuedCardOf(token: string) {
  return { card: (await call(app, 'GET', '/api/cards/current', { token })).json() }
}

describe('POST /api/scanner/verify', () => {
  it('the first scan answers with the masked holder, status, region and sign level', async () => {
    const { token } = await issuedCard(app)
    const qr = await issueQr(app, token)
    clock.advance(12 * SECOND)
    const result = expectOk<ScanResultT>(await scan(app, qr.token, 'pharmacy-0571-01'), ScanResult)
    expect(result).toEqual({ holderNameMasked: maskName(zhang.name), cardStatus: 'active', aab301: '330100', signLevel: 1, scannedAt: new Date(clock.t).toISOString() })
    expect(JSON.stringify(result)).not.toContain(zhang.name)
    expect(JSON.stringify(result)).not.toContain(zhang.idNumber)
  })

  it('is single use: the second scan is QR_ALREADY_USED (409), also from another scanner', async () => {
    const { token } = await issuedCard(app)
    const qr = await issueQr(app, token)
    expect((await scan(app, qr.token, 'hospital-a')).statusCode).toBe(200)
    expectError(await scan(app, qr.token, 'hospital-a'), 'QR_ALREADY_USED')
    expectError(await scan(app, qr.token, 'hospital-b'), 'QR_ALREADY_USED')
    expect(ERROR_STATUS['QR_ALREADY_USED']).toBe(409)
  })

  it('10 concurrent scans of one token: exactly one 200, nine QR_ALREADY_USED', async () => {
    const { token, card } = await issuedCard(app)
    const qr = await issueQr(app, token)
    const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => scan(app, qr.token, `lane-${i}`)))
    expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(1)
    for (const r of responses.filter((x) => x.statusCode !== 200)) expectError(r, 'QR_ALREADY_USED')
    const trail = await auditTrail(app, card.cardNumber)
    expect(trail.filter((e) => e.startsWith('qr_scanned/ok'))).toHaveLength(1)
    expect(trail.filter((e) => e.startsWith('qr_scanned/refused/QR_ALREADY_USED'))).toHaveLength(9)
  })

  it('QR_EXPIRED (410) once the clock passes 60 seconds; just before, it works', async () => {
    const { token } = await issuedCard(app)
    const inTime = await issueQr(app, token)
    const late = await issueQr(app, token)
    clock.advance(60 * SECOND - 1)
    expect((await scan(app, inTime.token)).statusCode).toBe(200)
    clock.advance(1)
    expectError(await scan(app, late.token), 'QR_EXPIRED')
    clock.advance(3600 * SECOND)
    expectError(await scan(app, late.token), 'QR_EXPIRED')
    expect(ERROR_STATUS['QR_EXPIRED']).toBe(410)
  })

  it('a new token does not end older unexpired ones', async () => {
    const { token } = await issuedCard(app)
    const first = await issueQr(app, token)
    clock.advance(50 * SECOND)
    const second = await issueQr(app, token)
    expect((await scan(app, first.token)).statusCode).toBe(200)
    clock.advance(30 * SECOND) // first would have expired by now; second has 20 s left
    expect((await scan(app, second.token)).statusCode).toBe(200)
  })

  it('a forged or altered token is QR_INVALID (400)', async () => {
    const { token } = await issuedCard(app)
    const qr = await issueQr(app, token)
    const [v, sealed] = qr.token.split('.')
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1)
    const forged = [
      `${v}.${flip(sealed, 0)}`, // the cipher block (the token's id) changed
      `${v}.${flip(sealed, 20)}`, // the cipher block's end and the MAC's start changed
      `${v}.${flip(sealed, 40)}`, // the MAC changed
      `${v}.${flip(sealed, sealed.length - 1)}`, // only the spare bits of the last character
      `q1.${sealed}`, // another version
      `${v}.${sealed.slice(0, -1)}`, // cut short
      `${v}.${sealed}x`,
      `${v}.${sealed}.x`,
      'not-a-token',
      `q2.${'A'.repeat(43)}`,
    ]
    for (const f of forged) expectError(await scan(app, f), 'QR_INVALID')
    // a token signed by another server (another secret) is no token here
    const { app: other } = await newApp()
    try {
      const { token: otherToken } = await issuedCard(other)
      const foreign = await issueQr(other, otherToken)
      expectError(await scan(app, foreign.token), 'QR_INVALID')
    } finally {
      await other.close()
    }
    // the real one still works: the failures spent nothing
    expect((await scan(app, qr.token)).statusCode).toBe(200)
  })

  it('VALIDATION_FAILED for a missing token or a bad X-Scanner-Id; no bearer token needed', async () => {
    expectError(await call(app, 'POST', '/api/scanner/verify', { body: {} }), 'VALIDATION_FAILED')
    expectError(await call(app, 'POST', '/api/scanner/verify', { body: { token: '' } }), 'VALIDATION_FAILED')
    const { token } = await issuedCard(app)
    const qr = await issueQr(app, token)
    expectError(await scan(app, qr.token, 'has spaces'), 'VALIDATION_FAILED')
    expectError(await scan(app, qr.token, 'x'.repeat(65)), 'VALIDATION_FAILED')
    expect((await scan(app, qr.token)).statusCode).toBe(200)
  })

  it('records the scanner in the audit: scanner:<X-Scanner-Id>, or scanner:anonymous', async () => {
    const { token, card } = await issuedCard(app)
    const a = await issueQr(app, token)
    const b = await issueQr(app, token)
    await scan(app, a.token, 'hospital-0571-7')
    await scan(app, b.token)
    await scan(app, b.token, 'pharmacy-9')
    const trail = await auditTrail(app, card.cardNumber)
    expect(trail).toEqual([
      'issued/ok@holder',
      'qr_issued/ok@holder',
      'qr_issued/ok@holder',
      'qr_scanned/ok@scanner:hospital-0571-7',
      'qr_scanned/ok@scanner:anonymous',
      'qr_scanned/refused/QR_ALREADY_USED@scanner:pharmacy-9',
    ])
  })

  it('after unbinding, the card\'s tokens are CARD_UNBOUND (410), used ones too', async () => {
    const { token } = await issuedCard(app)
    const unused = await issueQr(app, token)
    const used = await issueQr(app, token)
    expect((await scan(app, used.token)).statusCode).toBe(200)
    expect((await unbindWithPassword(app, token, GOOD_PASSWORD)).statusCode).toBe(200)
    expectError(await scan(app, unused.token), 'CARD_UNBOUND')
    expectError(await scan(app, used.token), 'CARD_UNBOUND')
    expectError(await call(app, 'POST', '/api/cards/current/qr', { token }), 'CARD_NOT_FOUND')
    expect(ERROR_STATUS['CARD_UNBOUND']).toBe(410)
  })

  it('one person\'s token says nothing of another: each scan answers for its own card', async () => {
    const z = await issuedCard(app, 'eligible-zhang')
    const l = await issuedCard(app, 'eligible-li')
    const zq = await issueQr(app, z.token)
    const lq = await issueQr(app, l.token)
    expect((await scan(app, lq.token)).json().aab301).toBe('110100')
    expect((await scan(app, zq.token)).json().aab301).toBe('330100')
  })
})
