import type { FastifyInstance } from 'fastify'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PERSONAS } from '../../mock-server/personas'
import { Card, UnbindResponse, type CardT, type UnbindResponseT } from '../../mock-server/schemas/api'
import {
  advance,
  auditTrail,
  call,
  changeCardPassword,
  claimState,
  expectError,
  expectOk,
  faceVerification,
  GOOD_PASSWORD,
  issuedCard,
  MINUTE,
  newApp,
  RESET_CERTIFICATIONS,
  signIn,
  T0,
  UNBIND_CERTIFICATIONS,
  unbindWithPassword,
  type TestClock,
} from './helpers'

let app: FastifyInstance
let clock: TestClock
beforeEach(async () => {
  ;({ app, clock } = await newApp())
})
afterEach(async () => {
  await app.close()
})

const unbindWithFace = (token: string, certifyId: string) => call(app, 'POST', '/api/cards/current/unbind', { token, body: { method: 'face', certifyId } })
const WRONG = '370159'

describe('POST /api/cards/current/unbind, method password', () => {
  it('unbinds: the card is gone from GET /cards/current, the claim starts over at authorized', async () => {
    const { token, card } = await issuedCard(app)
    clock.advance(5000)
    const res = expectOk<UnbindResponseT>(await unbindWithPassword(app, token, GOOD_PASSWORD), UnbindResponse)
    expect(res).toEqual({
      status: 'unbound',
      unboundAt: new Date(clock.t).toISOString(),
      claim: { state: 'authorized', agreementVersion: null, certifyId: null, certifiedAt: null, updatedAt: new Date(clock.t).toISOString() },
    })
    expectError(await call(app, 'GET', '/api/cards/current', { token }), 'CARD_NOT_FOUND')
    expect(await claimState(app, token)).toBe('authorized')
    expect((await call(app, 'GET', '/api/person', { token })).json().hasEcard).toBe(false)
    // nothing the audit needs is gone: the card keeps its row and its trail, marked unbound
    const audit = (await call(app, 'GET', `/api/mock/cards/${card.cardNumber}/audit`)).json()
    expect(audit.status).toBe('unbound')
    expect(await auditTrail(app, card.cardNumber)).toEqual(['issued/ok@holder', 'unbound/ok@holder'])
    // and every card route now says there is no card
    expectError(await unbindWithPassword(app, token, GOOD_PASSWORD), 'CARD_NOT_FOUND')
    expectError(await call(app, 'POST', '/api/cards/current/reveal', { token }), 'CARD_NOT_FOUND')
    expectError(await changeCardPassword(app, token, GOOD_PASSWORD, '482915'), 'CARD_NOT_FOUND')
    expectError(await call(app, 'POST', UNBIND_CERTIFICATIONS, { token }), 'CARD_NOT_FOUND')
  })

  it('a wrong password is PASSWORD_WRONG and the card stays', async () => {
    const { token, card } = await issuedCard(app)
    const res = await unbindWithPassword(app, token, WRONG)
    expectError(res, 'PASSWORD_WRONG')
    expect(res.json().remainingAttempts).toBe(5)
    expect((await call(app, 'GET', '/api/cards/current', { token })).json().cardNumber).toBe(card.cardNumber)
  })

  it('VALIDATION_FAILED for an unknown method, a missing field or a field of the other method', async () => {
    const { token } = await issuedCard(app)
    const unbind = (body: unknown) => call(app, 'POST', '/api/cards/current/unbind', { token, body })
    expectError(await unbind({ method: 'sms' }), 'VALIDATION_FAILED')
    expectError(await unbind({ method: 'password', keyId: 'k' }), 'VALIDATION_FAILED')
    expectError(await unbind({ method: 'face' }), 'VALIDATION_FAILED')
    expectError(await unbind({ method: 'face', certifyId: 'abcdefgh1234', keyId: 'k' }), 'VALIDATION_FAILED')
    expectError(await unbind({ method: 'password', keyId: 'k', encryptedPassword: 'not hex' }), 'VALIDATION_FAILED')
    expectError(await call(app, 'POST', '/api/cards/current/unbind', { token }), 'VALIDATION_FAILED')
  })
})

describe('POST /api/cards/current/unbind, method face', () => {
  it('unbinds with a passed verification of purpose unbind', async () => {
    const { token } = await issuedCard(app)
    const start = await call(app, 'POST', UNBIND_CERTIFICATIONS, { token })
    expect(start.statusCode).toBe(200)
    const certifyId = start.json().certifyId
    await call(app, 'POST', `/api/mock/certifications/${certifyId}/complete`, { body: { outcome: 'pass' } })
    const result = (await call(app, 'GET', `/api/certifications/${certifyId}`, { token })).json()
    expect(result).toMatchObject({ passed: 'T', purpose: 'unbind', claim: { state: 'issued' } })
    expectOk(await unbindWithFace(token, certifyId), UnbindResponse)
    expectError(await call(app, 'GET', '/api/cards/current', { token }), 'CARD_NOT_FOUND')
  })

  it('works while the password is locked (it does not use the password)', async () => {
    const { token } = await issuedCard(app)
    for (let i = 0; i < 6; i++) await unbindWithPassword(app, token, WRONG)
    expectError(await unbindWithPassword(app, token, GOOD_PASSWORD), 'PASSWORD_LOCKED')
    const certifyId = await faceVerification(app, token, UNBIND_CERTIFICATIONS)
    expectOk(await unbindWithFace(token, certifyId), UnbindResponse)
  })

  it('refused without a passed unbind verification: not passed, failed, expired, reset purpose, claim purpose, another person\'s', async () => {
    const { accessToken: token } = await signIn(app, 'eligible-zhang')
    const { certifyId: claimCert } = await advance(app, token, 'issued')
    expectError(await unbindWithFace(token, claimCert!), 'CERTIFY_NOT_PASSED', 'WRONG_PURPOSE')
    expectError(await unbindWithFace(token, await faceVerification(app, token, RESET_CERTIFICATIONS)), 'CERTIFY_NOT_PASSED', 'WRONG_PURPOSE')
    expectError(await unbindWithFace(token, await faceVerification(app, token, UNBIND_CERTIFICATIONS, null)), 'CERTIFY_NOT_PASSED', 'NOT_COMPLETED')
    expectError(await unbindWithFace(token, await faceVerification(app, token, UNBIND_CERTIFICATIONS, 'fail')), 'CERTIFY_NOT_PASSED', 'FACE_MISMATCH')
    const old = await faceVerification(app, token, UNBIND_CERTIFICATIONS)
    clock.advance(10 * MINUTE)
    expectError(await unbindWithFace(token, old), 'CERTIFY_EXPIRED', 'EXPIRED')
    const li = await issuedCard(app, 'eligible-li')
    expectError(await unbindWithFace(token, await faceVerification(app, li.token, UNBIND_CERTIFICATIONS)), 'CERTIFY_NOT_FOUND')
    expectError(await unbindWithFace(token, 'unknownCertify123'), 'CERTIFY_NOT_FOUND')
    expect((await call(app, 'GET', '/api/cards/current', { token })).statusCode).toBe(200)
    expect((await call(app, 'GET', '/api/cards/current', { token: li.token })).statusCode).toBe(200)
  })

  it('concurrent unbinds with one verification: exactly one succeeds', async () => {
    const { token, card } = await issuedCard(app)
    const certifyId = await faceVerification(app, token, UNBIND_CERTIFICATIONS)
    const responses = await Promise.all(Array.from({ length: 5 }, () => unbindWithFace(token, certifyId)))
    expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(1)
    for (const r of responses.filter((x) => x.statusCode !== 200)) expect(['CARD_NOT_FOUND', 'CERTIFY_EXPIRED']).toContain(r.json().code)
    expect((await auditTrail(app, card.cardNumber)).filter((e) => e === 'unbound/ok@holder')).toHaveLength(1)
  })
})

describe('claiming again after unbinding', () => {
  it('runs the nine steps again and issues a NEW card; the old one stays unbound with its trail', async () => {
    const { token, card: first } = await issuedCard(app)
    expect((await unbindWithPassword(app, token, GOOD_PASSWORD)).statusCode).toBe(200)
    // the old password went with the card: issuing again needs the whole flow
    expectError(await call(app, 'POST', '/api/cards', { token, headers: { 'idempotency-key': 'again-too-early' } }), 'STEP_OUT_OF_ORDER')
    const { card: second } = await advance(app, token, 'issued')
    expect(second!.cardNumber).not.toBe(first.cardNumber)
    expect(second!.signSeq).toBe('02')
    expect(second!.status).toBe('active')
    expect(expectOk<CardT>(await call(app, 'GET', '/api/cards/current', { token }), Card).cardNumber).toBe(second!.cardNumber)
    expect((await call(app, 'GET', `/api/mock/cards/${first.cardNumber}/audit`)).json().status).toBe('unbound')
    expect(await auditTrail(app, second!.cardNumber)).toEqual(['issued/ok@holder'])
    // the new card works like the first
    expect((await changeCardPassword(app, token, GOOD_PASSWORD, '482915')).statusCode).toBe(200)
  })

  it('the old idempotency key still answers with the old card, now unbound', async () => {
    const { accessToken: token } = await signIn(app, 'eligible-li')
    await advance(app, token, 'issued', 'li-first-card-key')
    await unbindWithPassword(app, token, GOOD_PASSWORD)
    const replay = await call(app, 'POST', '/api/cards', { token, headers: { 'idempotency-key': 'li-first-card-key' } })
    expect(replay.statusCode).toBe(200)
    expect(replay.json().status).toBe('unbound')
  })

  it('the has-ecard persona can unbind its pre-issued card, and it does not come back on restart', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecard-unbind-'))
    const dbPath = path.join(dir, 'ecard.sqlite')
    const wang = PERSONAS.find((p) => p.id === 'has-ecard-wang')!
    try {
      const first = await newApp({ dbPath })
      const { accessToken: token } = await signIn(first.app, wang.id)
      const start = await call(first.app, 'POST', UNBIND_CERTIFICATIONS, { token })
      const certifyId = start.json().certifyId
      await call(first.app, 'POST', `/api/mock/certifications/${certifyId}/complete`, { body: { outcome: 'pass' } })
      expect((await call(first.app, 'POST', '/api/cards/current/unbind', { token, body: { method: 'face', certifyId } })).statusCode).toBe(200)
      await first.app.close()

      const second = await newApp({ dbPath })
      try {
        expectError(await call(second.app, 'GET', '/api/cards/current', { token }), 'CARD_NOT_FOUND')
        expect(await claimState(second.app, token)).toBe('authorized')
        const { card } = await advance(second.app, token, 'issued')
        expect(card!.cardNumber).not.toBe(wang.preIssuedCard!.cardNumber)
        expect(card!.signSeq).toBe('02')
        expect(await auditTrail(second.app, wang.preIssuedCard!.cardNumber)).toEqual(['issued/ok@system', 'unbound/ok@holder'])
        // the mock reset gives the persona its pre-issued card back, as before
        await call(second.app, 'POST', `/api/mock/personas/${wang.id}/reset`)
        const { accessToken: again } = await signIn(second.app, wang.id)
        expect((await call(second.app, 'GET', '/api/cards/current', { token: again })).json().cardNumber).toBe(wang.preIssuedCard!.cardNumber)
      } finally {
        await second.app.close()
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('the access token outlives the card: the person stays signed in', async () => {
    const { token } = await issuedCard(app)
    await unbindWithPassword(app, token, GOOD_PASSWORD)
    expect((await call(app, 'GET', '/api/claim', { token })).statusCode).toBe(200)
    expect(clock.t).toBe(T0)
  })
})
