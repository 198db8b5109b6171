import type { FastifyInstance } from 'fastify'
import { sm2 } from 'sm-crypto'
import { CURRENT_AGREEMENT } from '../../mock-server/agreement'
import { PERSONAS } from '../../mock-server/personas'
import { maskCardNumber, maskName } from '../../src/domain/mask'
import {
  Card,
  CertifyResult,
  CertifyStartResponse,
  Claim,
  Person,
  type CardT,
  type CertifyResultT,
  type CertifyStartResponseT,
  type ClaimT,
  type PersonT,
} from '../../mock-server/schemas/api'
import { advance, call, claimState, encryptPassword, expectError, expectOk, GOOD_PASSWORD, newApp, signIn, T0, type TestClock } from './helpers'

let app: FastifyInstance
let clock: TestClock
beforeEach(async () => {
  ;({ app, clock } = await newApp())
})
afterEach(async () => {
  await app.close()
})

const consent = (token: string, agreementVersion = CURRENT_AGREEMENT.version) =>
  call(app, 'POST', '/api/claim/consent', { token, body: { agreementVersion } })
const startCert = (token: string) => call(app, 'POST', '/api/certifications', { token })
const setPassword = async (token: string, pw = GOOD_PASSWORD) => call(app, 'POST', '/api/claim/password', { token, body: await encryptPassword(app, pw) })
const issue = (token: string, key: string) => call(app, 'POST', '/api/cards', { token, headers: { 'idempotency-key': key } })

describe('the happy path, step by step', () => {
  it('authorize → person → consent → certify (start, stand-in pass, query) → password → issue', async () => {
    // step 5: the app gets a code from the platform, the gateway exchanges it
    const tokens = await signIn(app, 'eligible-zhang')
    const token = tokens.accessToken
    const zhang = PERSONAS.find((p) => p.id === 'eligible-zhang')!
    expect(expectOk<ClaimT>(await call(app, 'GET', '/api/claim', { token }), Claim)).toEqual({
      state: 'authorized',
      agreementVersion: null,
      certifyId: null,
      certifiedAt: null,
      updatedAt: new Date(T0).toISOString(),
    })

    // step 6: the person's record, masked
    clock.advance(1000)
    const person = expectOk<PersonT>(await call(app, 'GET', '/api/person', { token }), Person)
    expect(person).toEqual({
      name: zhang.name,
      idNumberMasked: '330106********0514',
      aab301: '330100',
      regionName: { 'zh-CN': '杭州市', 'en-US': 'Hangzhou' },
      hasPhysicalCard: true,
      hasEcard: false,
      cardStatus: 'normal',
      isMinor: false,
    })
    expect(await claimState(app, token)).toBe('informed')

    // step 6/7: consent to the current agreement
    const consented = expectOk<ClaimT>(await consent(token), Claim)
    expect(consented).toMatchObject({ state: 'consented', agreementVersion: CURRENT_AGREEMENT.version })

    // step 8: face verification, handed off to the platform and queried
    const started = expectOk<CertifyStartResponseT>(await startCert(token), CertifyStartResponse)
    expect(started.certifyId).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
    expect(started.expiresIn).toBe(600)
    expect(started.certifyUrl).toMatch(new RegExp(`^https?://[^/]+/api/mock/certifications/${started.certifyId}$`))
    expect(await claimState(app, token)).toBe('certifying')
    expect((await call(app, 'POST', `/api/mock/certifications/${started.certifyId}/complete`, { body: { outcome: 'pass' } })).json()).toEqual({ ok: true })
    clock.advance(2000)
    const result = expectOk<CertifyResultT>(await call(app, 'GET', `/api/certifications/${started.certifyId}`, { token }), CertifyResult)
    expect(result).toMatchObject({ certifyId: started.certifyId, passed: 'T', failReason: null })
    expect(result.claim).toMatchObject({ state: 'certified', certifyId: started.certifyId, certifiedAt: new Date(clock.t).toISOString() })

    // step 9: the password, SM2-encrypted exactly as the app does it
    const key = (await call(app, 'GET', '/api/crypto/public-key')).json()
    const encryptedPassword = sm2.doEncrypt(GOOD_PASSWORD, key.publicKey, 1)
    const pwClaim = expectOk<ClaimT>(await call(app, 'POST', '/api/claim/password', { token, body: { keyId: key.keyId, encryptedPassword } }), Claim)
    expect(pwClaim.state).toBe('password_set')

    // issue
    const card = expectOk<CardT>(await issue(token, 'happy-path-key-1'), Card, 201)
    expect(card).toMatchObject({
      // masked everywhere but POST /cards/current/reveal
      holderName: maskName(zhang.name),
      idNumberMasked: '330106********0514',
      aab301: '330100',
      regionName: { 'zh-CN': '杭州市', 'en-US': 'Hangzhou' },
      signLevel: 1,
      status: 'active',
      issueDate: '20261125',
      validUntil: '20361125',
    })
    expect(card.cardNumber).toMatch(/^[A-Z]\d{8}$/)
    expect(card.cardNumberMasked).toBe(maskCardNumber(card.cardNumber))
    expect(card.signNo.length).toBeGreaterThan(8)
    expect(card.signSeq).toBe('01')
    expect(await claimState(app, token)).toBe('issued')

    // afterwards
    expect(expectOk<CardT>(await call(app, 'GET', '/api/cards/current', { token }), Card)).toEqual(card)
    expect((await call(app, 'GET', '/api/person', { token })).json().hasEcard).toBe(true)
  })

  it('the certifyUrl points at a page that exists (mock only)', async () => {
    const { accessToken } = await signIn(app, 'eligible-zhang')
    const { certifyId } = await advance(app, accessToken, 'certifying')
    const started = (await call(app, 'GET', `/api/claim`, { token: accessToken })).json()
    expect(started.certifyId).toBe(certifyId)
    const page = await call(app, 'GET', `/api/mock/certifications/${certifyId}`)
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toMatch(/text\/html/)
    expect(page.body).toMatch(/face/i)
    expectError(await call(app, 'GET', '/api/mock/certifications/unknown-certify-id'), 'CERTIFY_NOT_FOUND')
  })
})

describe('GET /api/person', () => {
  it('is idempotent and does not move a later state back', async () => {
    const { accessToken: token } = await signIn(app, 'eligible-li')
    await call(app, 'GET', '/api/person', { token })
    await call(app, 'GET', '/api/person', { token })
    expect(await claimState(app, token)).toBe('informed')
    await consent(token)
    await call(app, 'GET', '/api/person', { token })
    expect(await claimState(app, token)).toBe('consented')
  })

  it('describes each ineligible persona truthfully', async () => {
    const get = async (id: string) => expectOk<PersonT>(await call(app, 'GET', '/api/person', { token: (await signIn(app, id)).accessToken }), Person)
    expect(await get('no-card-zhao')).toMatchObject({ hasPhysicalCard: false, cardStatus: 'none', isMinor: false, hasEcard: false })
    expect(await get('suspended-chen')).toMatchObject({ hasPhysicalCard: true, cardStatus: 'suspended', isMinor: false })
    expect(await get('minor-liu')).toMatchObject({ hasPhysicalCard: true, cardStatus: 'normal', isMinor: true })
    expect(await get('has-ecard-wang')).toMatchObject({ hasEcard: true, cardStatus: 'normal' })
  })

  it('a has-ecard claim stays issued when the person is read', async () => {
    const { accessToken: token } = await signIn(app, 'has-ecard-wang')
    await call(app, 'GET', '/api/person', { token })
    expect(await claimState(app, token)).toBe('issued')
  })
})

describe('POST /api/claim/consent', () => {
  it('STEP_OUT_OF_ORDER before the person was read (authorized)', async () => {
    const { accessToken: token } = await signIn(app, 'eligible-zhang')
    expectError(await consent(token), 'STEP_OUT_OF_ORDER')
  })

  it('allows consenting again from consented', async () => {
    const { accessToken: token } = await signIn(app, 'eligible-zhang')
    await advance(app, token, 'consented')
    clock.advance(5000)
    const again = expectOk<ClaimT>(await consent(token), Claim)
    expect(again).toMatchObject({ state: 'consented', updatedAt: new Date(clock.t).toISOString() })
  })

  it.each(['certifying', 'certified', 'password_set'] as const)('STEP_OUT_OF_ORDER from %s', async (stage) => {
    const { accessToken: token } = await signIn(app, 'eligible-zhang')
    await advance(app, token, stage)
    expectError(await consent(token), 'STEP_OUT_OF_ORDER')
    expect(await claimState(app, token)).toBe(stage)
  })

  it('ECARD_EXISTS once issued (issued here, or elsewhere for has-ecard)', async () => {
    const zhang = (await signIn(app, 'eligible-zhang')).accessToken
    await advance(app, zhang, 'issued')
    expectError(await consent(zhang), 'ECARD_EXISTS')
    const wang = (await signIn(app, 'has-ecard-wang')).accessToken
    await call(app, 'GET', '/api/person', { token: wang })
    expectError(await consent(wang), 'ECARD_EXISTS')
  })

  it('AGREEMENT_OUTDATED for any other version', async () => {
    const { accessToken: token } = await signIn(app, 'eligible-zhang')
    await call(app, 'GET', '/api/person', { token })
    expectError(await consent(token, '2025.9'), 'AGREEMENT_OUTDATED')
    expect(await claimState(app, token)).toBe('informed')
  })

  it('VALIDATION_FAILED without a version', async () => {
    const { accessToken: token } = await signIn(app, 'eligible-zhang')
    await call(app, 'GET', '/api/person', { token })
    expectError(await call(app, 'POST', '/api/claim/consent', { token, body: {} }), 'VALIDATION_FAILED')
    expectError(await call(app, 'POST', '/api/claim/consent', { token, body: { agreementVersion: '' } }), 'VALIDATION_FAILED')
  })

  it.each([
    ['no-card-zhao', 'NO_PHYSICAL_CARD'],
    ['suspended-chen', 'CARD_SUSPENDED'],
    ['minor-liu', 'MINOR_NEEDS_GUARDIAN'],
  ] as const)('%s is refused with %s and stays informed', async (personaId, code) => {
    const { accessToken: token } = await signIn(app, personaId)
    await call(app, 'GET', '/api/person', { token })
    expectError(await consent(token), code)
    expect(await claimState(app, token)).toBe('informed')
    // and cannot go on
    expectError(await startCert(token), 'STEP_OUT_OF_ORDER')
  })

  it('the minor rule follows the clock: minor-liu may claim from her 16th birthday', async () => {
    const { app: later, clock: laterClock } = await newApp()
    try {
      // 2031-06-12 00:00 in China = 2031-06-11T16:00Z
      laterClock.t = Date.parse('2031-06-11T15:59:59Z')
      const { accessToken: token } = await signIn(later, 'minor-liu')
      expect((await call(later, 'GET', '/api/person', { token })).json().isMinor).toBe(true)
      expectError(await call(later, 'POST', '/api/claim/consent', { token, body: { agreementVersion: CURRENT_AGREEMENT.version } }), 'MINOR_NEEDS_GUARDIAN')
      laterClock.t = Date.parse('2031-06-11T16:00:00Z')
      expect((await call(later, 'GET', '/api/person', { token })).json().isMinor).toBe(false)
      expect((await call(later, 'POST', '/api/claim/consent', { token, body: { agreementVersion: CURRENT_AGREEMENT.version } })).statusCode).toBe(200)
    } finally {
      await later.close()
    }
  })
})

describe('the state machine refuses skipped steps', () => {
  it('from authorized: every later step is STEP_OUT_OF_ORDER', async () => {
    const { accessToken: token } = await signIn(app, 'eligible-zhang')
    expectError(await consent(token), 'STEP_OUT_OF_ORDER')
    expectError(await startCert(token), 'STEP_OUT_OF_ORDER')
    expectError(await setPassword(token), 'STEP_OUT_OF_ORDER')
    expectError(await issue(token, 'skip-key-0001'), 'STEP_OUT_OF_ORDER')
    expect(await claimState(app, token)).toBe('authorized')
  })

  it('from informed: certify, password and issue are STEP_OUT_OF_ORDER', async () => {
    const { accessToken: token } = await signIn(app, 'eligible-zhang')
    await advance(app, token, 'informed')
    expectError(await startCert(token), 'STEP_OUT_OF_ORDER')
    expectError(await setPassword(token), 'STEP_OUT_OF_ORDER')
    expectError(await issue(token, 'skip-key-0002'), 'STEP_OUT_OF_ORDER')
    expect(await claimState(app, token)).toBe('informed')
  })

  it('from consented: password and issue are STEP_OUT_OF_ORDER', async () => {
    const { accessToken: token } = await signIn(app, 'eligible-zhang')
    await advance(app, token, 'consented')
    expectError(await setPassword(token), 'STEP_OUT_OF_ORDER')
    expectError(await issue(token, 'skip-key-0003'), 'STEP_OUT_OF_ORDER')
  })

  it('from certifying: password is CERTIFY_NOT_PASSED, issue STEP_OUT_OF_ORDER', async () => {
    const { accessToken: token } = await signIn(app, 'eligible-zhang')
    await advance(app, token, 'certifying')
    expectError(await setPassword(token), 'CERTIFY_NOT_PASSED')
    expectError(await issue(token, 'skip-key-0004'), 'STEP_OUT_OF_ORDER')
  })

  it('from certified: issue is STEP_OUT_OF_ORDER (no password yet)', async () => {
    const { accessToken: token } = await signIn(app, 'eligible-zhang')
    await advance(app, token, 'certified')
    expectError(await issue(token, 'skip-key-0005'), 'STEP_OUT_OF_ORDER')
  })

  it('from password_set: starting a new certification is STEP_OUT_OF_ORDER', async () => {
    const { accessToken: token } = await signIn(app, 'eligible-zhang')
    await advance(app, token, 'password_set')
    expectError(await startCert(token), 'STEP_OUT_OF_ORDER')
  })

  it('from issued: consent/password ECARD_EXISTS, certification STEP_OUT_OF_ORDER, another key ECARD_EXISTS', async () => {
    const { accessToken: token } = await signIn(app, 'eligible-zhang')
    await advance(app, token, 'issued')
    expectError(await consent(token), 'ECARD_EXISTS')
    expectError(await startCert(token), 'STEP_OUT_OF_ORDER')
    expectError(await setPassword(token), 'ECARD_EXISTS')
    expectError(await issue(token, 'another-key-0006'), 'ECARD_EXISTS')
  })

  it('the server state is per person: one persona\'s progress grants nothing to another', async () => {
    const zhang = (await signIn(app, 'eligible-zhang')).accessToken
    const li = (await signIn(app, 'eligible-li')).accessToken
    await advance(app, zhang, 'password_set')
    expect(await claimState(app, li)).toBe('authorized')
    expectError(await issue(li, 'li-key-000001'), 'STEP_OUT_OF_ORDER')
  })
})

describe('GET /api/claim', () => {
  it('returns the claim after each step', async () => {
    const { accessToken: token } = await signIn(app, 'eligible-li')
    const states: string[] = [await claimState(app, token)]
    for (const stage of ['informed', 'consented', 'certifying', 'certified', 'password_set'] as const) {
      await call(app, 'POST', '/api/mock/personas/eligible-li/reset')
      const fresh = (await signIn(app, 'eligible-li')).accessToken
      await advance(app, fresh, stage)
      states.push(await claimState(app, fresh))
    }
    expect(states).toEqual(['authorized', 'informed', 'consented', 'certifying', 'certified', 'password_set'])
  })
})
