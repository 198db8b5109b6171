/**
 * Who may do what (docs/security.md): a table over EVERY route the app registers.
 *   - every operation that acts for a person (bearer security) refuses a missing, malformed,
 *     forged, revoked, expired or wrong-kind token with 401 and its documented code;
 *   - every operation without a bearer is listed in PUBLIC with the reason it needs none;
 *   - every bearer operation is listed in CROSS_PERSON with what in its request could name another
 *     person, and each such way is proven refused: a valid token of persona A can neither read
 *     nor change persona B's claim, card, QR tokens or password.
 * A new route that is in neither table fails here.
 */
import fc from 'fast-check'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { CURRENT_AGREEMENT } from '../../mock-server/agreement'
import type { ErrorCode } from '../../mock-server/schemas/errors'
import { apiOperations, type ApiOperation } from './fuzz/routes'
import { conforming } from './fuzz/values'
import {
  advance,
  auditTrail,
  call,
  changeCardPassword,
  expectError,
  faceVerification,
  GOOD_PASSWORD,
  issueQr,
  issuedCard,
  MINUTE,
  newApp,
  RESET_CERTIFICATIONS,
  scan,
  signIn,
  sm2Encrypt,
  UNBIND_CERTIFICATIONS,
  type TestClock,
} from './helpers'

/** Operations that act for nobody in particular, or are the mock's QA stand-ins, and why they take no bearer. */
const PUBLIC: Record<string, string> = {
  getHealth: 'liveness, no data',
  getOpenApi: 'the contract itself',
  getCurrentAgreement: 'the same text for everyone',
  getPublicKey: 'the SM2 public key, public by design',
  exchangeToken: 'how a token is obtained: the code or refresh token is the credential (rate limited per IP)',
  verifyQrToken: "the scanner: the single-use signed QR token is the credential; answers only the masked holder",
  listPersonas: 'mock only (QA): the synthetic residents',
  resetPersona: 'mock only (QA): wipes a synthetic resident',
  mockAuthCode: "mock only: stands in for the host app's my.getAuthCode",
  mockCompleteCertification: "mock only: stands in for the platform's face screen; the server still decides",
  mockCertifyPage: "mock only: the platform's face page",
  mockCardAudit: 'mock only (QA): the audit trail, no personal data',
  mockPersonaCards: 'mock only (QA): card counts',
  getScenarios: 'mock only (QA): fault switches',
  replaceScenarios: 'mock only (QA): fault switches',
  mergeScenarios: 'mock only (QA): fault switches',
  clearScenarios: 'mock only (QA): fault switches',
  streamApiEvents: 'mock only (QA): the live log, no personal data',
}

/**
 * For each bearer operation: what in its request could name another person. "none" means the
 * server takes the person from the token alone, and the body schema refuses a personaId (or any
 * unknown field); the cross-person tests below prove the rest.
 */
const CROSS_PERSON: Record<string, string> = {
  logout: 'none: revokes the sign-in of the token presented',
  getPerson: 'none',
  getClaim: 'none',
  consentToAgreement: 'none (body: agreementVersion)',
  setCardPassword: 'none (body: keyId, ciphertext)',
  startCertification: 'none',
  queryCertification: "path :certifyId: another person's certification → CERTIFY_NOT_FOUND",
  issueCard: "header Idempotency-Key: another person's key → IDEMPOTENCY_KEY_CONFLICT, never their card",
  getCurrentCard: 'none',
  revealCard: 'none',
  issueQrToken: 'none: a QR token is minted for the holder\'s own card; no operation lists or reads tokens',
  changeCardPassword: "none: the current password is checked against the token holder's card only; wrong guesses count against the guesser",
  startPasswordResetCertification: 'none',
  resetCardPassword: "body certifyId: another person's reset verification → CERTIFY_NOT_FOUND",
  startUnbindCertification: 'none',
  unbindCard: "body certifyId (method face): another person's unbind verification → CERTIFY_NOT_FOUND",
}

let app: FastifyInstance
let clock: TestClock
afterEach(async () => {
  await app?.close()
})

/** A request for `op` that passes the schema, so only the token decides the answer. */
function plausibleRequest(op: ApiOperation, authorization?: string): InjectOptions {
  const url = op.url.replace(':certifyId', 'abcdefgh12').replace(':cardNumber', 'D12345678').replace(':id', 'eligible-zhang')
  const headers: Record<string, string> = { 'idempotency-key': 'authz-key-0001' }
  if (authorization !== undefined) headers.authorization = authorization
  const body = op.body ? fc.sample(conforming(op.body), { numRuns: 1, seed: 7 })[0] : undefined
  return { method: op.method as InjectOptions['method'], url, headers, ...(body === undefined ? {} : { payload: body as object }) }
}

describe('the tables cover every route', () => {
  it('each API operation is either bearer-secured and in CROSS_PERSON, or public and in PUBLIC with a reason', async () => {
    ;({ app } = await newApp())
    const { operations, problems } = apiOperations(app)
    expect(problems).toEqual([])
    const unlisted = operations.filter((op) => (op.bearer ? !(op.operationId in CROSS_PERSON) : !(op.operationId in PUBLIC)))
    expect(unlisted.map((op) => `${op.method} ${op.url} (${op.operationId}, ${op.bearer ? 'bearer: add to CROSS_PERSON' : 'no bearer: add to PUBLIC'})`)).toEqual([])
    // and nothing listed that is gone (or that changed sides)
    const ids = new Set(operations.map((o) => o.operationId))
    expect(Object.keys(PUBLIC).filter((id) => !ids.has(id) || operations.find((o) => o.operationId === id)?.bearer)).toEqual([])
    expect(Object.keys(CROSS_PERSON).filter((id) => !ids.has(id) || !operations.find((o) => o.operationId === id)?.bearer)).toEqual([])
  })
})

describe('every operation that acts for a person refuses a bad token with 401', () => {
  const CASES: Array<[string, (t: Tokens) => string | undefined, ErrorCode]> = [
    ['missing', () => undefined, 'TOKEN_MISSING'],
    ['empty bearer', () => 'Bearer ', 'TOKEN_MISSING'],
    ['another scheme', (t) => `Basic ${Buffer.from(`u:${t.live}`).toString('base64')}`, 'TOKEN_INVALID'],
    ['malformed: two tokens', (t) => `Bearer ${t.live} ${t.live}`, 'TOKEN_INVALID'],
    ['malformed: bad characters', () => 'Bearer abc%def!', 'TOKEN_INVALID'],
    ['forged: our shape, never issued', () => `Bearer ${'Zm9yZ2VkLXRva2VuLXRoYXQtbm9ib2R5LWlzc3VlZA'.padEnd(43, 'A')}`, 'TOKEN_INVALID'],
    ['forged: a live token altered in one character', (t) => `Bearer ${t.live.slice(0, -1)}${t.live.endsWith('A') ? 'B' : 'A'}`, 'TOKEN_INVALID'],
    ['a refresh token', (t) => `Bearer ${t.refresh}`, 'TOKEN_INVALID'],
    ['an authorization code', (t) => `Bearer ${t.code}`, 'TOKEN_INVALID'],
    ['signed out', (t) => `Bearer ${t.revoked}`, 'TOKEN_INVALID'],
    ['expired', (t) => `Bearer ${t.expired}`, 'TOKEN_EXPIRED'],
  ]
  interface Tokens {
    live: string
    refresh: string
    code: string
    revoked: string
    expired: string
  }

  it(`${CASES.length} kinds of bad token × every bearer operation: the documented 401 code, and the operation documents it`, async () => {
    ;({ app, clock } = await newApp())
    const expiredSignIn = await signIn(app, 'eligible-li')
    clock.advance(2 * 60 * MINUTE)
    const live = await signIn(app, 'eligible-zhang')
    const revoked = await signIn(app, 'eligible-zhang')
    expect((await call(app, 'POST', '/api/oauth/logout', { token: revoked.accessToken })).statusCode).toBe(200)
    const code = (await call(app, 'POST', '/api/mock/auth-code', { body: { personaId: 'eligible-zhang' } })).json().authCode as string
    const tokens: Tokens = { live: live.accessToken, refresh: live.refreshToken, code, revoked: revoked.accessToken, expired: expiredSignIn.accessToken }

    const bearerOps = apiOperations(app).operations.filter((op) => op.bearer)
    expect(bearerOps.length).toBe(Object.keys(CROSS_PERSON).length)
    const wrong: string[] = []
    for (const op of bearerOps) {
      for (const [label, header, expected] of CASES) {
        const res = await app.inject(plausibleRequest(op, header(tokens)))
        const got = res.statusCode === 401 ? res.json().code : `${res.statusCode} ${res.body.slice(0, 80)}`
        if (got !== expected) wrong.push(`${op.operationId} with ${label}: ${got}, expected ${expected}`)
        if (!op.documentedCodes.has(expected)) wrong.push(`${op.operationId} does not document ${expected}`)
      }
    }
    expect(wrong).toEqual([])
    // the live token itself was good all along
    expect((await call(app, 'GET', '/api/claim', { token: tokens.live })).statusCode).toBe(200)
  })
})

describe("a valid token of persona A cannot read or change persona B's claim, card, QR tokens or password", () => {
  let a: string
  let b: string
  let aCard: string

  beforeEach(async () => {
    ;({ app, clock } = await newApp())
    ;({ token: a, card: { cardNumber: aCard } } = await issuedCard(app, 'eligible-zhang'))
    ;({ token: b } = await issuedCard(app, 'eligible-li'))
  })

  it('operations that take the person from the token: B reads B, never A; a personaId in the body is refused', async () => {
    const aPerson = (await call(app, 'GET', '/api/person', { token: a })).json()
    const bPerson = (await call(app, 'GET', '/api/person', { token: b })).json()
    expect(bPerson.idNumberMasked).not.toBe(aPerson.idNumberMasked)
    expect((await call(app, 'GET', '/api/cards/current', { token: b })).json().cardNumber).not.toBe(aCard)
    expect((await call(app, 'POST', '/api/cards/current/reveal', { token: b })).json().cardNumber).not.toBe(aCard)
    for (const [url, body] of [
      ['/api/claim/consent', { agreementVersion: CURRENT_AGREEMENT.version, personaId: 'eligible-zhang' }],
      ['/api/certifications', { personaId: 'eligible-zhang' }],
      ['/api/cards/current/reveal', { personaId: 'eligible-zhang' }],
      ['/api/cards/current/qr', { cardNumber: aCard }],
      ['/api/oauth/logout', { personaId: 'eligible-zhang' }],
    ] as const) {
      expectError(await call(app, 'POST', url, { token: b, body }), 'VALIDATION_FAILED')
    }
  })

  it("A's certification by its id (queryCertification): B → CERTIFY_NOT_FOUND, and A's claim does not move", async () => {
    const fresh = await newApp()
    try {
      const aToken = (await signIn(fresh.app, 'eligible-zhang')).accessToken
      const bToken = (await signIn(fresh.app, 'eligible-li')).accessToken
      const { certifyId } = await advance(fresh.app, aToken, 'certifying')
      expect((await call(fresh.app, 'POST', `/api/mock/certifications/${certifyId}/complete`, { body: { outcome: 'pass' } })).statusCode).toBe(200)
      expectError(await call(fresh.app, 'GET', `/api/certifications/${certifyId}`, { token: bToken }), 'CERTIFY_NOT_FOUND')
      expect((await call(fresh.app, 'GET', '/api/claim', { token: aToken })).json().state).toBe('certifying')
      expect((await call(fresh.app, 'GET', '/api/claim', { token: bToken })).json().state).toBe('authorized')
      expect((await call(fresh.app, 'GET', `/api/certifications/${certifyId}`, { token: aToken })).json().passed).toBe('T')
    } finally {
      await fresh.app.close()
    }
  })

  it("A's Idempotency-Key (issueCard): B → IDEMPOTENCY_KEY_CONFLICT, never A's card", async () => {
    const fresh = await newApp()
    try {
      const aToken = (await signIn(fresh.app, 'eligible-zhang')).accessToken
      const bToken = (await signIn(fresh.app, 'eligible-li')).accessToken
      const { card } = await advance(fresh.app, aToken, 'issued', 'shared-key-000001')
      await advance(fresh.app, bToken, 'password_set')
      const res = await call(fresh.app, 'POST', '/api/cards', { token: bToken, headers: { 'idempotency-key': 'shared-key-000001' } })
      expectError(res, 'IDEMPOTENCY_KEY_CONFLICT')
      expect(res.body).not.toContain(card!.cardNumber)
    } finally {
      await fresh.app.close()
    }
  })

  it("A's passed reset verification (resetCardPassword): B → CERTIFY_NOT_FOUND; A's password unchanged; A can still use it", async () => {
    const certifyId = await faceVerification(app, a, RESET_CERTIFICATIONS, 'pass')
    const next = await sm2Encrypt(app, '258147')
    expectError(await call(app, 'POST', '/api/cards/current/password-reset', { token: b, body: { certifyId, keyId: next.keyId, encryptedNewPassword: next.ciphertext } }), 'CERTIFY_NOT_FOUND')
    // B's own password did not change either, and A's old password still works
    expect((await changeCardPassword(app, a, GOOD_PASSWORD, '369147')).statusCode).toBe(200)
    expect((await changeCardPassword(app, b, GOOD_PASSWORD, '369147')).statusCode).toBe(200)
    const again = await sm2Encrypt(app, '258147')
    expect((await call(app, 'POST', '/api/cards/current/password-reset', { token: a, body: { certifyId, keyId: again.keyId, encryptedNewPassword: again.ciphertext } })).statusCode).toBe(200)
  })

  it("A's passed unbind verification (unbindCard, method face): B → CERTIFY_NOT_FOUND; both cards stay", async () => {
    const certifyId = await faceVerification(app, a, UNBIND_CERTIFICATIONS, 'pass')
    expectError(await call(app, 'POST', '/api/cards/current/unbind', { token: b, body: { method: 'face', certifyId } }), 'CERTIFY_NOT_FOUND')
    expect((await call(app, 'GET', '/api/cards/current', { token: a })).json().cardNumber).toBe(aCard)
    expect((await call(app, 'GET', '/api/cards/current', { token: b })).statusCode).toBe(200)
  })

  it("password guesses count against the guesser: B sending A's password to B's card moves B's count, not A's", async () => {
    // A's password is GOOD_PASSWORD; B changes B's own to something else first
    expect((await changeCardPassword(app, b, GOOD_PASSWORD, '147258')).statusCode).toBe(200)
    const res = await changeCardPassword(app, b, GOOD_PASSWORD, '369147')
    expectError(res, 'PASSWORD_WRONG')
    expect(res.json().remainingAttempts).toBe(5)
    // A's count is untouched: a wrong guess by A leaves 5, not 4
    const aWrong = await changeCardPassword(app, a, '111222', '369147')
    expect(aWrong.json().remainingAttempts).toBe(5)
    expect((await auditTrail(app, aCard)).filter((e) => e.startsWith('password_wrong/'))).toHaveLength(1)
  })

  it("QR tokens: B's token mints only B's card; A's token scans as A's (masked) and B cannot spend or revoke it", async () => {
    const aQr = await issueQr(app, a)
    const bQr = await issueQr(app, b)
    const aScan = (await scan(app, aQr.token)).json()
    const bScan = (await scan(app, bQr.token)).json()
    expect(aScan.holderNameMasked).not.toBe(bScan.holderNameMasked)
    // B unbinding B's card ends B's tokens only
    const aQr2 = await issueQr(app, a)
    const bQr2 = await issueQr(app, b)
    const { keyId, ciphertext } = await sm2Encrypt(app, GOOD_PASSWORD)
    expect((await call(app, 'POST', '/api/cards/current/unbind', { token: b, body: { method: 'password', keyId, encryptedPassword: ciphertext } })).statusCode).toBe(200)
    expectError(await scan(app, bQr2.token), 'CARD_UNBOUND')
    expect((await scan(app, aQr2.token)).statusCode).toBe(200)
  })

  it("signing out B leaves A signed in", async () => {
    expect((await call(app, 'POST', '/api/oauth/logout', { token: b })).statusCode).toBe(200)
    expectError(await call(app, 'GET', '/api/claim', { token: b }), 'TOKEN_INVALID')
    expect((await call(app, 'GET', '/api/claim', { token: a })).statusCode).toBe(200)
  })
})
