import type { FastifyInstance } from 'fastify'
import { checkIdNumber, idCheckChar } from '../../src/domain/idNumber'
import { DEFAULT_PERSONA_ID, isMinor, PERSONAS } from '../../mock-server/personas'
import { PersonaList, type PersonaSummaryT } from '../../mock-server/schemas/api'
import { advance, call, claimState, expectError, expectOk, newApp, signIn, T0 } from './helpers'

describe('the persona fixtures', () => {
  it('has exactly the agreed ids and traits', () => {
    expect(PERSONAS.map((p) => [p.id, p.traits])).toEqual([
      ['eligible-zhang', ['eligible']],
      ['eligible-li', ['eligible']],
      ['has-ecard-wang', ['has-ecard']],
      ['no-card-zhao', ['no-physical-card']],
      ['suspended-chen', ['card-suspended']],
      ['minor-liu', ['minor']],
      ['face-mismatch-sun', ['eligible', 'face-mismatch']],
      ['eligible-zhou', ['eligible']],
      ['eligible-wu', ['eligible']],
      ['eligible-zheng', ['eligible']],
      ['no-card-qian', ['no-physical-card']],
      ['eligible-feng', ['eligible']],
    ])
    expect(DEFAULT_PERSONA_ID).toBe('eligible-zhang')
  })

  it.each(PERSONAS.map((p) => [p.id, p.idNumber]))('%s has a valid GB 11643 ID number', (_id, idNumber) => {
    expect(checkIdNumber(idNumber, new Date(T0))).toEqual({ valid: true })
    expect(idNumber).toHaveLength(18)
    expect(idCheckChar(idNumber.slice(0, 17))).toBe(idNumber[17])
  })

  it('each has a region with zh-CN and en-US names, a distinct name, ID number and userId', () => {
    const regions: Record<string, [string, string]> = {
      '330100': ['杭州市', 'Hangzhou'],
      '110100': ['北京市', 'Beijing'],
      '440300': ['深圳市', 'Shenzhen'],
      '310100': ['上海市', 'Shanghai'],
    }
    for (const p of PERSONAS) {
      expect(regions[p.aab301]).toEqual([p.regionName['zh-CN'], p.regionName['en-US']])
      // born in the province of the insuring place
      expect(p.idNumber.slice(0, 2)).toBe(p.aab301.slice(0, 2))
    }
    for (const key of ['name', 'idNumber', 'userId'] as const) expect(new Set(PERSONAS.map((p) => p[key])).size).toBe(PERSONAS.length)
  })

  it('the traits agree with the data', () => {
    const now = T0
    for (const p of PERSONAS) {
      expect(isMinor(p, now)).toBe(p.traits.includes('minor'))
      expect(p.hasPhysicalCard).toBe(!p.traits.includes('no-physical-card'))
      expect(p.physicalCardStatus === 'suspended').toBe(p.traits.includes('card-suspended'))
      expect(p.preIssuedCard !== undefined).toBe(p.traits.includes('has-ecard'))
    }
    // "under 16 on today's date": on the real clock too, not only the tests' fixed one
    expect(isMinor(PERSONAS.find((p) => p.id === 'minor-liu')!, Date.now())).toBe(true)
    const wang = PERSONAS.find((p) => p.id === 'has-ecard-wang')!
    expect(wang.preIssuedCard!.cardNumber).toMatch(/^[A-Z]\d{8}$/)
  })
})

describe('mock persona routes', () => {
  let app: FastifyInstance
  beforeEach(async () => {
    ;({ app } = await newApp())
  })
  afterEach(async () => {
    await app.close()
  })

  it('GET /api/mock/personas lists id, name and traits', async () => {
    const list = expectOk<PersonaSummaryT[]>(await call(app, 'GET', '/api/mock/personas'), PersonaList)
    expect(list).toEqual(PERSONAS.map((p) => ({ id: p.id, name: p.name, traits: p.traits })))
  })

  it('POST /api/mock/personas/:id/reset wipes claim, certifications, password, cards, keys and tokens', async () => {
    const tokens = await signIn(app, 'eligible-zhang')
    const { certifyId, card } = await advance(app, tokens.accessToken, 'issued', 'reset-test-key')
    expect(card).toBeDefined()

    expect((await call(app, 'POST', '/api/mock/personas/eligible-zhang/reset')).json()).toEqual({ ok: true })

    // tokens are gone
    expectError(await call(app, 'GET', '/api/claim', { token: tokens.accessToken }), 'TOKEN_INVALID')
    expectError(await call(app, 'POST', '/api/oauth/token', { body: { grantType: 'refresh_token', refreshToken: tokens.refreshToken } }), 'REFRESH_TOKEN_INVALID')
    // a new sign-in starts from scratch
    const { accessToken: token } = await signIn(app, 'eligible-zhang')
    expect(await claimState(app, token)).toBe('authorized')
    expectError(await call(app, 'GET', '/api/cards/current', { token }), 'CARD_NOT_FOUND')
    expectError(await call(app, 'GET', `/api/certifications/${certifyId}`, { token }), 'CERTIFY_NOT_FOUND')
    expect((await call(app, 'GET', '/api/person', { token })).json().hasEcard).toBe(false)
    // the old idempotency key is free again and the claim can run to a new card
    const again = await advance(app, token, 'issued', 'reset-test-key')
    expect(again.card!.cardNumber).not.toBe(card!.cardNumber)
  })

  it('reset before the card: the password is gone too (a new claim needs the whole flow)', async () => {
    const { accessToken: first } = await signIn(app, 'eligible-li')
    await advance(app, first, 'password_set')
    await call(app, 'POST', '/api/mock/personas/eligible-li/reset')
    const { accessToken: token } = await signIn(app, 'eligible-li')
    expectError(await call(app, 'POST', '/api/cards', { token, headers: { 'idempotency-key': 'after-reset-1' } }), 'STEP_OUT_OF_ORDER')
  })

  it('reset touches only that persona', async () => {
    const { accessToken: zhang } = await signIn(app, 'eligible-zhang')
    const { accessToken: li } = await signIn(app, 'eligible-li')
    await advance(app, zhang, 'consented')
    await advance(app, li, 'consented')
    await call(app, 'POST', '/api/mock/personas/eligible-zhang/reset')
    expect(await claimState(app, li)).toBe('consented')
  })

  it('the has-ecard persona gets its pre-issued card back', async () => {
    // "under 16 on today's date": on the real clock too, not only the tests' fixed one
    expect(isMinor(PERSONAS.find((p) => p.id === 'minor-liu')!, Date.now())).toBe(true)
    const wang = PERSONAS.find((p) => p.id === 'has-ecard-wang')!
    await call(app, 'POST', '/api/mock/personas/has-ecard-wang/reset')
    await call(app, 'POST', '/api/mock/personas/has-ecard-wang/reset') // twice: still one card
    const { accessToken: token } = await signIn(app, wang.id)
    expect(await claimState(app, token)).toBe('issued')
    expect((await call(app, 'GET', '/api/cards/current', { token })).json().cardNumber).toBe(wang.preIssuedCard!.cardNumber)
  })

  it('PERSONA_NOT_FOUND for an unknown persona; VALIDATION_FAILED for an impossible id', async () => {
    expectError(await call(app, 'POST', '/api/mock/personas/nobody-here/reset'), 'PERSONA_NOT_FOUND')
    expectError(await call(app, 'POST', '/api/mock/personas/Bad_Id/reset'), 'VALIDATION_FAILED')
  })

  it('accepts the {} body the app sends with bodiless POSTs', async () => {
    expect((await call(app, 'POST', '/api/mock/personas/eligible-li/reset', { body: {} })).statusCode).toBe(200)
  })
})
