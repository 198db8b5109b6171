import type { FastifyInstance } from 'fastify'
import { CURRENT_AGREEMENT } from '../../mock-server/agreement'
import { PERSONAS } from '../../mock-server/personas'
import { maskName } from '../../src/domain/mask'
import { Card, type CardT } from '../../mock-server/schemas/api'
import { advance, call, claimState, expectError, expectOk, MINUTE, newApp, signIn, type TestClock } from './helpers'

let app: FastifyInstance
let clock: TestClock
beforeEach(async () => {
  ;({ app, clock } = await newApp())
})
afterEach(async () => {
  await app.close()
})

const issue = (token: string, key?: string) =>
  call(app, 'POST', '/api/cards', { token, headers: key === undefined ? {} : { 'idempotency-key': key } })

async function readyToIssue(personaId = 'eligible-zhang'): Promise<string> {
  const { accessToken } = await signIn(app, personaId)
  await advance(app, accessToken, 'password_set')
  return accessToken
}

describe('POST /api/cards', () => {
  it('201 with the card, then 200 with the very same card for the same key', async () => {
    const token = await readyToIssue()
    const created = expectOk<CardT>(await issue(token, 'order-0001-abc'), Card, 201)
    clock.advance(5 * MINUTE)
    const replay = expectOk<CardT>(await issue(token, 'order-0001-abc'), Card, 200)
    expect(replay).toEqual(created)
    // even after the certification would have expired
    clock.advance(60 * MINUTE)
    expect(expectOk<CardT>(await issue(token, 'order-0001-abc'), Card, 200)).toEqual(created)
  })

  it('20 concurrent requests with one key make exactly one card, and all answer with it', async () => {
    const token = await readyToIssue()
    const responses = await Promise.all(Array.from({ length: 20 }, () => issue(token, 'concurrent-key-20')))
    const statuses = responses.map((r) => r.statusCode).sort()
    expect(statuses.filter((s) => s === 201)).toHaveLength(1)
    expect(statuses.filter((s) => s === 200)).toHaveLength(19)
    const numbers = new Set(responses.map((r) => r.json().cardNumber))
    expect(numbers.size).toBe(1)
    const current = (await call(app, 'GET', '/api/cards/current', { token })).json()
    expect(numbers.has(current.cardNumber)).toBe(true)
    expect(current.signSeq).toBe('01') // the first and only card this person has
  })

  it('20 concurrent requests with different keys still make one card: the rest are ECARD_EXISTS', async () => {
    const token = await readyToIssue()
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => issue(token, `distinct-key-${String(i).padStart(2, '0')}`)))
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1)
    for (const r of responses.filter((x) => x.statusCode !== 201)) expectError(r, 'ECARD_EXISTS')
  })

  it('the same key from another user is IDEMPOTENCY_KEY_CONFLICT, and that user gets no card', async () => {
    const zhang = await readyToIssue('eligible-zhang')
    const li = await readyToIssue('eligible-li')
    expect((await issue(zhang, 'shared-key-xyz')).statusCode).toBe(201)
    expectError(await issue(li, 'shared-key-xyz'), 'IDEMPOTENCY_KEY_CONFLICT')
    expect(await claimState(app, li)).toBe('password_set')
    expectError(await call(app, 'GET', '/api/cards/current', { token: li }), 'CARD_NOT_FOUND')
    // with a key of her own, li gets her own card
    const liCard = expectOk<CardT>(await issue(li, 'li-own-key-1'), Card, 201)
    expect(liCard.holderName).toBe(maskName(PERSONAS.find((p) => p.id === 'eligible-li')!.name))
  })

  it('IDEMPOTENCY_KEY_REQUIRED without the header', async () => {
    const token = await readyToIssue()
    expectError(await issue(token), 'IDEMPOTENCY_KEY_REQUIRED')
    expect(await claimState(app, token)).toBe('password_set')
  })

  it('VALIDATION_FAILED for a key that is too short or has odd characters', async () => {
    const token = await readyToIssue()
    expectError(await issue(token, 'short'), 'VALIDATION_FAILED')
    expectError(await issue(token, 'has spaces in it'), 'VALIDATION_FAILED')
    expectError(await issue(token, 'k'.repeat(129)), 'VALIDATION_FAILED')
  })

  it('CERTIFY_EXPIRED when the passed verification is 10 minutes old', async () => {
    const token = await readyToIssue()
    clock.advance(10 * MINUTE)
    expectError(await issue(token, 'too-late-key-1'), 'CERTIFY_EXPIRED')
    expect(await claimState(app, token)).toBe('password_set')
  })

  it('AGREEMENT_OUTDATED when the agreement changed after consent', async () => {
    const token = await readyToIssue()
    const original = CURRENT_AGREEMENT.version
    CURRENT_AGREEMENT.version = '2099.1'
    try {
      expectError(await issue(token, 'outdated-key-1'), 'AGREEMENT_OUTDATED')
      expect((await call(app, 'GET', '/api/agreements/current')).json().version).toBe('2099.1')
    } finally {
      CURRENT_AGREEMENT.version = original
    }
    expect((await issue(token, 'outdated-key-1')).statusCode).toBe(201)
  })

  it('STEP_OUT_OF_ORDER before password_set; ECARD_EXISTS for the has-ecard persona', async () => {
    const { accessToken: early } = await signIn(app, 'eligible-li')
    await advance(app, early, 'certified')
    expectError(await issue(early, 'early-key-123'), 'STEP_OUT_OF_ORDER')
    const { accessToken: wang } = await signIn(app, 'has-ecard-wang')
    expectError(await issue(wang, 'wang-key-1234'), 'ECARD_EXISTS')
  })

  it('dates are China dates from the injected clock, valid for 10 years', async () => {
    // 2026-11-25T16:30Z is already 26 November in China
    clock.t = Date.parse('2026-11-25T16:30:00Z')
    const token = await readyToIssue()
    const card = (await issue(token, 'date-key-0001')).json()
    expect(card.issueDate).toBe('20261126')
    expect(card.validUntil).toBe('20361126')
  })

  it('a card issued on 29 February runs until 1 March ten years on', async () => {
    clock.t = Date.parse('2028-02-29T04:00:00Z')
    const token = await readyToIssue()
    const card = (await issue(token, 'leap-key-0001')).json()
    expect(card).toMatchObject({ issueDate: '20280229', validUntil: '20380301' })
  })

  it('card numbers are unique across people', async () => {
    const numbers = new Set<string>()
    for (const id of ['eligible-zhang', 'eligible-li']) {
      const token = await readyToIssue(id)
      numbers.add((await issue(token, `${id}-key`)).json().cardNumber)
    }
    numbers.add(PERSONAS.find((p) => p.id === 'has-ecard-wang')!.preIssuedCard!.cardNumber)
    expect(numbers.size).toBe(3)
  })
})

describe('GET /api/cards/current', () => {
  it('CARD_NOT_FOUND before issuance', async () => {
    const token = await readyToIssue()
    expectError(await call(app, 'GET', '/api/cards/current', { token }), 'CARD_NOT_FOUND')
  })

  it('the has-ecard persona\'s card issued in another channel', async () => {
    const wang = PERSONAS.find((p) => p.id === 'has-ecard-wang')!
    const { accessToken: token } = await signIn(app, wang.id)
    const card = expectOk<CardT>(await call(app, 'GET', '/api/cards/current', { token }), Card)
    expect(card).toEqual({
      cardNumber: wang.preIssuedCard!.cardNumber,
      cardNumberMasked: 'D3*****16',
      holderName: '王*树',
      idNumberMasked: '440305********0378',
      aab301: '440300',
      regionName: { 'zh-CN': '深圳市', 'en-US': 'Shenzhen' },
      signNo: wang.preIssuedCard!.signNo,
      signSeq: wang.preIssuedCard!.signSeq,
      signLevel: 1,
      issueDate: wang.preIssuedCard!.issueDate,
      validUntil: wang.preIssuedCard!.validUntil,
      status: 'active',
    })
  })
})
