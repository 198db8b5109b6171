import type { FastifyInstance } from 'fastify'
import { CertifyResult, type CertifyResultT } from '../../mock-server/schemas/api'
import { advance, call, claimState, expectError, expectOk, MINUTE, newApp, signIn, type TestClock } from './helpers'

let app: FastifyInstance
let clock: TestClock
beforeEach(async () => {
  ;({ app, clock } = await newApp())
})
afterEach(async () => {
  await app.close()
})

const start = async (token: string): Promise<string> => {
  const res = await call(app, 'POST', '/api/certifications', { token })
  expect(res.statusCode).toBe(200)
  return res.json().certifyId
}
const complete = (certifyId: string, outcome: 'pass' | 'fail' | 'cancel') =>
  call(app, 'POST', `/api/mock/certifications/${certifyId}/complete`, { body: { outcome } })
const query = async (token: string, certifyId: string): Promise<CertifyResultT> =>
  expectOk<CertifyResultT>(await call(app, 'GET', `/api/certifications/${certifyId}`, { token }), CertifyResult)

async function consentedToken(personaId = 'eligible-zhang'): Promise<string> {
  const { accessToken } = await signIn(app, personaId)
  await advance(app, accessToken, 'consented')
  return accessToken
}

describe('GET /api/certifications/:certifyId decides from the server\'s own record', () => {
  it('nothing recorded yet: F / NOT_COMPLETED, claim stays certifying', async () => {
    const token = await consentedToken()
    const id = await start(token)
    const r = await query(token, id)
    expect(r).toMatchObject({ certifyId: id, passed: 'F', failReason: 'NOT_COMPLETED' })
    expect(r.claim.state).toBe('certifying')
  })

  it('stand-in recorded fail: F / FACE_MISMATCH', async () => {
    const token = await consentedToken()
    const id = await start(token)
    await complete(id, 'fail')
    expect(await query(token, id)).toMatchObject({ passed: 'F', failReason: 'FACE_MISMATCH' })
    expect(await claimState(app, token)).toBe('certifying')
  })

  it('stand-in recorded cancel: F / USER_CANCELLED', async () => {
    const token = await consentedToken()
    const id = await start(token)
    await complete(id, 'cancel')
    expect(await query(token, id)).toMatchObject({ passed: 'F', failReason: 'USER_CANCELLED' })
  })

  it('pass: T, claim certified with certifiedAt = now; asking again gives the same answer', async () => {
    const token = await consentedToken()
    const id = await start(token)
    await complete(id, 'pass')
    clock.advance(1234)
    const first = await query(token, id)
    expect(first).toMatchObject({ passed: 'T', failReason: null })
    expect(first.claim).toMatchObject({ state: 'certified', certifyId: id, certifiedAt: new Date(clock.t).toISOString() })
    clock.advance(60_000)
    const again = await query(token, id)
    expect(again.passed).toBe('T')
    expect(again.claim.certifiedAt).toBe(first.claim.certifiedAt)
  })

  it('the face-mismatch persona fails even after a pass outcome', async () => {
    const token = await consentedToken('face-mismatch-sun')
    for (let attempt = 0; attempt < 3; attempt++) {
      const id = await start(token)
      await complete(id, 'pass')
      const r = await query(token, id)
      expect(r).toMatchObject({ passed: 'F', failReason: 'FACE_MISMATCH' })
      expect(r.claim.state).toBe('certifying')
    }
    expectError(await call(app, 'POST', '/api/claim/password', { token, body: { keyId: 'k', encryptedPassword: 'abcd' } }), 'CERTIFY_NOT_PASSED')
  })

  it('a pass recorded after the 10-minute expiry: F / EXPIRED', async () => {
    const token = await consentedToken()
    const id = await start(token)
    clock.advance(10 * MINUTE)
    await complete(id, 'pass')
    expect(await query(token, id)).toMatchObject({ passed: 'F', failReason: 'EXPIRED' })
    expect(await claimState(app, token)).toBe('certifying')
  })

  it('a pass queried after the expiry is EXPIRED; just before it counts', async () => {
    const token = await consentedToken()
    const late = await start(token)
    await complete(late, 'pass')
    clock.advance(10 * MINUTE)
    expect(await query(token, late)).toMatchObject({ passed: 'F', failReason: 'EXPIRED' })

    const inTime = await start(token)
    await complete(inTime, 'pass')
    clock.advance(10 * MINUTE - 1)
    expect((await query(token, inTime)).passed).toBe('T')
  })

  it('nothing recorded and expired: EXPIRED', async () => {
    const token = await consentedToken()
    const id = await start(token)
    clock.advance(11 * MINUTE)
    expect(await query(token, id)).toMatchObject({ passed: 'F', failReason: 'EXPIRED' })
  })

  it('only the claim\'s current certification counts: an older one is SUPERSEDED', async () => {
    const token = await consentedToken()
    const older = await start(token)
    const newer = await start(token)
    await complete(older, 'pass')
    const r = await query(token, older)
    expect(r).toMatchObject({ passed: 'F', failReason: 'SUPERSEDED' })
    expect(r.claim).toMatchObject({ state: 'certifying', certifyId: newer })
  })

  it('a failure can be retried with a new certification', async () => {
    const token = await consentedToken()
    const first = await start(token)
    await complete(first, 'fail')
    expect((await query(token, first)).passed).toBe('F')
    const second = await start(token)
    expect(second).not.toBe(first)
    await complete(second, 'pass')
    expect((await query(token, second)).passed).toBe('T')
    expect(await claimState(app, token)).toBe('certified')
  })

  it('a certified claim may verify again (back to certifying, certifiedAt cleared)', async () => {
    const { accessToken: token } = await signIn(app, 'eligible-zhang')
    await advance(app, token, 'certified')
    const id = await start(token)
    const claim = (await call(app, 'GET', '/api/claim', { token })).json()
    expect(claim).toMatchObject({ state: 'certifying', certifyId: id, certifiedAt: null })
  })

  it('CERTIFY_NOT_FOUND for an unknown id and for another user\'s certification', async () => {
    const zhang = await consentedToken('eligible-zhang')
    const li = await consentedToken('eligible-li')
    const zhangsId = await start(zhang)
    await complete(zhangsId, 'pass')
    expectError(await call(app, 'GET', '/api/certifications/unknownCertify123', { token: zhang }), 'CERTIFY_NOT_FOUND')
    expectError(await call(app, 'GET', `/api/certifications/${zhangsId}`, { token: li }), 'CERTIFY_NOT_FOUND')
    // li's claim is untouched by zhang's pass
    expect(await claimState(app, li)).toBe('consented')
  })

  it('VALIDATION_FAILED for an id that cannot be one', async () => {
    const token = await consentedToken()
    expectError(await call(app, 'GET', '/api/certifications/short', { token }), 'VALIDATION_FAILED')
    expectError(await call(app, 'GET', `/api/certifications/${'x'.repeat(65)}`, { token }), 'VALIDATION_FAILED')
  })
})

describe('POST /api/certifications', () => {
  it.each(['authorized', 'informed'] as const)('STEP_OUT_OF_ORDER from %s', async (stage) => {
    const { accessToken: token } = await signIn(app, 'eligible-zhang')
    if (stage === 'informed') await advance(app, token, 'informed')
    expectError(await call(app, 'POST', '/api/certifications', { token }), 'STEP_OUT_OF_ORDER')
  })

  it('each start is a new random id', async () => {
    const token = await consentedToken()
    const ids = new Set([await start(token), await start(token), await start(token)])
    expect(ids.size).toBe(3)
  })
})

describe('POST /api/mock/certifications/:certifyId/complete', () => {
  it('records the outcome only: the claim moves when the app queries, not before', async () => {
    const token = await consentedToken()
    const id = await start(token)
    expect((await complete(id, 'pass')).json()).toEqual({ ok: true })
    expect(await claimState(app, token)).toBe('certifying')
  })

  it('a later outcome replaces an earlier one until the server accepted a pass', async () => {
    const token = await consentedToken()
    const id = await start(token)
    await complete(id, 'cancel')
    await complete(id, 'pass')
    expect((await query(token, id)).passed).toBe('T')
    await complete(id, 'fail')
    expect((await query(token, id)).passed).toBe('T')
  })

  it('CERTIFY_NOT_FOUND for an unknown id; VALIDATION_FAILED for an unknown outcome', async () => {
    expectError(await complete('unknownCertify123', 'pass'), 'CERTIFY_NOT_FOUND')
    const token = await consentedToken()
    const id = await start(token)
    expectError(await call(app, 'POST', `/api/mock/certifications/${id}/complete`, { body: { outcome: 'maybe' } }), 'VALIDATION_FAILED')
  })
})
