import type { FastifyInstance } from 'fastify'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sm2 } from 'sm-crypto'
import { newCard } from '../../mock-server/cards'
import { findPersona } from '../../mock-server/personas'
import { ErrorBody, Ok } from '../../mock-server/schemas/api'
import { openStore } from '../../mock-server/store'
import { ERROR_STATUS } from '../../mock-server/schemas/errors'
import {
  advance,
  auditTrail,
  call,
  changeCardPassword,
  expectError,
  expectOk,
  faceVerification,
  GOOD_PASSWORD,
  issuedCard,
  MINUTE,
  newApp,
  RESET_CERTIFICATIONS,
  signIn,
  sm2Encrypt,
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

const HOUR = 60 * MINUTE
const WRONG = '370159'
const NEW_PASSWORD = '482915'

async function resetPassword(token: string, certifyId: string, password: string) {
  const { keyId, ciphertext } = await sm2Encrypt(app, password)
  return call(app, 'POST', '/api/cards/current/password-reset', { token, body: { certifyId, keyId, encryptedNewPassword: ciphertext } })
}

async function wrongTimes(token: string, n: number) {
  const out = []
  for (let i = 0; i < n; i++) out.push(await changeCardPassword(app, token, WRONG, NEW_PASSWORD))
  return out
}

describe('POST /api/cards/current/password', () => {
  it('changes the password: the old one stops working, the new one works', async () => {
    const { token } = await issuedCard(app)
    expectOk(await changeCardPassword(app, token, GOOD_PASSWORD, NEW_PASSWORD), Ok)
    expectError(await changeCardPassword(app, token, GOOD_PASSWORD, '592837'), 'PASSWORD_WRONG')
    expectOk(await changeCardPassword(app, token, NEW_PASSWORD, GOOD_PASSWORD), Ok)
  })

  it('PASSWORD_WRONG (403) with remainingAttempts counting down from 5', async () => {
    const { token } = await issuedCard(app)
    const responses = await wrongTimes(token, 5)
    responses.forEach((r, i) => {
      expectError(r, 'PASSWORD_WRONG')
      expect(r.json().remainingAttempts).toBe(4 - i + 1)
    })
    expect(ERROR_STATUS.PASSWORD_WRONG).toBe(403)
  })

  it('the sixth wrong password in a row locks for 24 hours: PASSWORD_LOCKED (423) with lockedUntil', async () => {
    const { token } = await issuedCard(app)
    await wrongTimes(token, 5)
    clock.advance(MINUTE)
    const sixth = await changeCardPassword(app, token, WRONG, NEW_PASSWORD)
    expectError(sixth, 'PASSWORD_LOCKED')
    expect(sixth.statusCode).toBe(423)
    const lockedUntil = new Date(clock.t + 24 * HOUR).toISOString()
    expect(sixth.json().lockedUntil).toBe(lockedUntil)
    expect(sixth.json().remainingAttempts).toBeUndefined()
  })

  it('while locked every use of the password is refused, the right one too; for change and for unbind', async () => {
    const first = await issuedCard(app)
    await wrongTimes(first.token, 6)
    const lockedUntil = new Date(clock.t + 24 * HOUR).toISOString()
    clock.advance(23 * HOUR)
    const { accessToken: token } = await signIn(app, 'eligible-zhang') // access tokens last 2 hours
    for (const res of [
      await changeCardPassword(app, token, GOOD_PASSWORD, NEW_PASSWORD),
      await changeCardPassword(app, token, WRONG, NEW_PASSWORD),
      await unbindWithPassword(app, token, GOOD_PASSWORD),
    ]) {
      expectError(res, 'PASSWORD_LOCKED')
      expect(res.json().lockedUntil).toBe(lockedUntil) // refusals while locked do not extend the lock
    }
    // even an undecryptable attempt is refused as locked, before anything else
    const { keyId } = await sm2Encrypt(app, GOOD_PASSWORD)
    expectError(await call(app, 'POST', '/api/cards/current/password', { token, body: { keyId, encryptedOldPassword: 'abcd', encryptedNewPassword: 'abcd' } }), 'PASSWORD_LOCKED')
    expect((await call(app, 'GET', '/api/cards/current', { token })).statusCode).toBe(200)
  })

  it('the lock ends after 24 hours, and the count starts over', async () => {
    const first = await issuedCard(app)
    await wrongTimes(first.token, 6)
    clock.advance(24 * HOUR - 1)
    const { accessToken: token } = await signIn(app, 'eligible-zhang') // access tokens last 2 hours
    expectError(await changeCardPassword(app, token, GOOD_PASSWORD, NEW_PASSWORD), 'PASSWORD_LOCKED')
    clock.advance(1)
    // a wrong one after the lock is the first of a new count, not the seventh
    const afterLock = await changeCardPassword(app, token, WRONG, NEW_PASSWORD)
    expectError(afterLock, 'PASSWORD_WRONG')
    expect(afterLock.json().remainingAttempts).toBe(5)
    expectOk(await changeCardPassword(app, token, GOOD_PASSWORD, NEW_PASSWORD), Ok)
  })

  it('a correct password resets the count: five wrong, one right, five wrong is not a lock', async () => {
    const { token } = await issuedCard(app)
    await wrongTimes(token, 5)
    expectOk(await changeCardPassword(app, token, GOOD_PASSWORD, NEW_PASSWORD), Ok)
    const again = await wrongTimes(token, 5)
    expect(again.map((r) => r.json().code)).toEqual(Array(5).fill('PASSWORD_WRONG'))
    expect(again[4].json().remainingAttempts).toBe(1)
    expectOk(await changeCardPassword(app, token, NEW_PASSWORD, GOOD_PASSWORD), Ok)
  })

  it('wrong passwords through unbind count toward the same lock', async () => {
    const { token } = await issuedCard(app)
    await wrongTimes(token, 3)
    for (let i = 0; i < 2; i++) expectError(await unbindWithPassword(app, token, WRONG), 'PASSWORD_WRONG')
    expectError(await unbindWithPassword(app, token, WRONG), 'PASSWORD_LOCKED')
    expectError(await changeCardPassword(app, token, GOOD_PASSWORD, NEW_PASSWORD), 'PASSWORD_LOCKED')
  })

  it('concurrent wrong passwords cannot slip past the lock: at most six are counted', async () => {
    const { token, card } = await issuedCard(app)
    const responses = await Promise.all(Array.from({ length: 10 }, () => changeCardPassword(app, token, WRONG, NEW_PASSWORD)))
    const codes = responses.map((r) => r.json().code)
    expect(codes.filter((c) => c === 'PASSWORD_WRONG')).toHaveLength(5)
    expect(codes.filter((c) => c === 'PASSWORD_LOCKED')).toHaveLength(5)
    const trail = await auditTrail(app, card.cardNumber)
    expect(trail.filter((e) => e.startsWith('password_wrong/'))).toHaveLength(6)
    expect(trail.filter((e) => e.startsWith('locked/'))).toHaveLength(1)
    expectError(await changeCardPassword(app, token, GOOD_PASSWORD, NEW_PASSWORD), 'PASSWORD_LOCKED')
  })

  it('the new password follows the claim\'s rules: WEAK_PASSWORD with the reason, nothing changes', async () => {
    const { token } = await issuedCard(app)
    expectError(await changeCardPassword(app, token, GOOD_PASSWORD, '123456'), 'WEAK_PASSWORD', 'SEQUENTIAL')
    expectError(await changeCardPassword(app, token, GOOD_PASSWORD, '880314'), 'WEAK_PASSWORD', 'BIRTH_DATE') // zhang, born 1988-03-14
    expectError(await changeCardPassword(app, token, GOOD_PASSWORD, '140514'), 'WEAK_PASSWORD', 'ID_SUFFIX')
    expectOk(await changeCardPassword(app, token, GOOD_PASSWORD, NEW_PASSWORD), Ok)
  })

  it('PASSWORD_DECRYPT_FAILED for a bad ciphertext or key id, and it does not count as a wrong password', async () => {
    const { token } = await issuedCard(app)
    const good = await sm2Encrypt(app, GOOD_PASSWORD)
    const next = await sm2Encrypt(app, NEW_PASSWORD)
    const other = sm2.generateKeyPairHex()
    for (let i = 0; i < 7; i++) {
      expectError(
        await call(app, 'POST', '/api/cards/current/password', {
          token,
          body: { keyId: good.keyId, encryptedOldPassword: sm2.doEncrypt(GOOD_PASSWORD, other.publicKey, 1), encryptedNewPassword: next.ciphertext },
        }),
        'PASSWORD_DECRYPT_FAILED',
      )
    }
    expectError(
      await call(app, 'POST', '/api/cards/current/password', { token, body: { keyId: 'sm2-retired', encryptedOldPassword: good.ciphertext, encryptedNewPassword: next.ciphertext } }),
      'PASSWORD_DECRYPT_FAILED',
    )
    expectOk(await changeCardPassword(app, token, GOOD_PASSWORD, NEW_PASSWORD), Ok)
  })

  it('VALIDATION_FAILED for a missing field or a plain password; CARD_NOT_FOUND without a card', async () => {
    const { token } = await issuedCard(app)
    const { keyId, ciphertext } = await sm2Encrypt(app, GOOD_PASSWORD)
    expectError(await call(app, 'POST', '/api/cards/current/password', { token, body: { keyId, encryptedOldPassword: ciphertext } }), 'VALIDATION_FAILED')
    expectError(
      await call(app, 'POST', '/api/cards/current/password', { token, body: { keyId, encryptedOldPassword: ciphertext, encryptedNewPassword: ciphertext, password: '1' } }),
      'VALIDATION_FAILED',
    )
    const { accessToken: li } = await signIn(app, 'eligible-li')
    expectError(await changeCardPassword(app, li, GOOD_PASSWORD, NEW_PASSWORD), 'CARD_NOT_FOUND')
  })

  it('the has-ecard persona has no password here: STEP_OUT_OF_ORDER / PASSWORD_NOT_SET until a reset sets one', async () => {
    const { accessToken: token } = await signIn(app, 'has-ecard-wang')
    expectError(await changeCardPassword(app, token, GOOD_PASSWORD, NEW_PASSWORD), 'STEP_OUT_OF_ORDER', 'PASSWORD_NOT_SET')
    expectError(await unbindWithPassword(app, token, GOOD_PASSWORD), 'STEP_OUT_OF_ORDER', 'PASSWORD_NOT_SET')
    const certifyId = await faceVerification(app, token, RESET_CERTIFICATIONS)
    expectOk(await resetPassword(token, certifyId, NEW_PASSWORD), Ok)
    expectOk(await changeCardPassword(app, token, NEW_PASSWORD, GOOD_PASSWORD), Ok)
  })

  it('the error body keeps the one shape, with the optional fields in the contract', async () => {
    const { token } = await issuedCard(app)
    const [wrong] = await wrongTimes(token, 1)
    expect(Object.keys(wrong.json()).sort()).toEqual(['code', 'message', 'remainingAttempts'])
    expect(ErrorBody.properties.remainingAttempts).toBeDefined()
    expect(ErrorBody.properties.lockedUntil).toBeDefined()
  })
})

describe('password reset after face verification', () => {
  it('reset certification → pass → new password: the lock is cleared and the new password works', async () => {
    const { token } = await issuedCard(app)
    await wrongTimes(token, 6)
    expectError(await changeCardPassword(app, token, GOOD_PASSWORD, NEW_PASSWORD), 'PASSWORD_LOCKED')

    const start = await call(app, 'POST', RESET_CERTIFICATIONS, { token })
    expect(start.statusCode).toBe(200)
    expect(start.json()).toMatchObject({ expiresIn: 600 })
    expect(start.json().certifyUrl).toMatch(new RegExp(`/api/mock/certifications/${start.json().certifyId}$`))
    const certifyId = start.json().certifyId
    await call(app, 'POST', `/api/mock/certifications/${certifyId}/complete`, { body: { outcome: 'pass' } })
    const result = (await call(app, 'GET', `/api/certifications/${certifyId}`, { token })).json()
    expect(result).toMatchObject({ passed: 'T', purpose: 'reset', claim: { state: 'issued' } })

    expectOk(await resetPassword(token, certifyId, NEW_PASSWORD), Ok)
    expectOk(await changeCardPassword(app, token, NEW_PASSWORD, '592837'), Ok)
    expectError(await changeCardPassword(app, token, GOOD_PASSWORD, NEW_PASSWORD), 'PASSWORD_WRONG')
  })

  it('a pass the app has not queried yet is accepted at the reset', async () => {
    const { token } = await issuedCard(app)
    const certifyId = await faceVerification(app, token, RESET_CERTIFICATIONS, 'pass', false)
    expectOk(await resetPassword(token, certifyId, NEW_PASSWORD), Ok)
  })

  it('refused without a passed reset certification: not completed, failed, cancelled', async () => {
    const { token } = await issuedCard(app)
    const notDone = await faceVerification(app, token, RESET_CERTIFICATIONS, null)
    expectError(await resetPassword(token, notDone, NEW_PASSWORD), 'CERTIFY_NOT_PASSED', 'NOT_COMPLETED')
    const failed = await faceVerification(app, token, RESET_CERTIFICATIONS, 'fail')
    expectError(await resetPassword(token, failed, NEW_PASSWORD), 'CERTIFY_NOT_PASSED', 'FACE_MISMATCH')
    const cancelled = await faceVerification(app, token, RESET_CERTIFICATIONS, 'cancel')
    expectError(await resetPassword(token, cancelled, NEW_PASSWORD), 'CERTIFY_NOT_PASSED', 'USER_CANCELLED')
    expectError(await resetPassword(token, 'unknownCertify123', NEW_PASSWORD), 'CERTIFY_NOT_FOUND')
    // the old password still works
    expectOk(await changeCardPassword(app, token, GOOD_PASSWORD, NEW_PASSWORD), Ok)
  })

  it('refused with an old one: 10 minutes after the pass, or a session that ran out', async () => {
    const { token } = await issuedCard(app)
    const passed = await faceVerification(app, token, RESET_CERTIFICATIONS)
    clock.advance(10 * MINUTE)
    expectError(await resetPassword(token, passed, NEW_PASSWORD), 'CERTIFY_EXPIRED', 'EXPIRED')
    const lateOutcome = await faceVerification(app, token, RESET_CERTIFICATIONS, null)
    clock.advance(10 * MINUTE)
    await call(app, 'POST', `/api/mock/certifications/${lateOutcome}/complete`, { body: { outcome: 'pass' } })
    expectError(await resetPassword(token, lateOutcome, NEW_PASSWORD), 'CERTIFY_EXPIRED', 'EXPIRED')
    // just in time
    const inTime = await faceVerification(app, token, RESET_CERTIFICATIONS)
    clock.advance(10 * MINUTE - 1)
    expectOk(await resetPassword(token, inTime, NEW_PASSWORD), Ok)
  })

  it('refused with the claim\'s certification or an unbind one (WRONG_PURPOSE), and with another person\'s', async () => {
    const { accessToken: token } = await signIn(app, 'eligible-zhang')
    const { certifyId: claimCert } = await advance(app, token, 'issued')
    expectError(await resetPassword(token, claimCert!, NEW_PASSWORD), 'CERTIFY_NOT_PASSED', 'WRONG_PURPOSE')
    const unbindCert = await faceVerification(app, token, UNBIND_CERTIFICATIONS)
    expectError(await resetPassword(token, unbindCert, NEW_PASSWORD), 'CERTIFY_NOT_PASSED', 'WRONG_PURPOSE')

    const li = await issuedCard(app, 'eligible-li')
    const lisCert = await faceVerification(app, li.token, RESET_CERTIFICATIONS)
    expectError(await resetPassword(token, lisCert, NEW_PASSWORD), 'CERTIFY_NOT_FOUND')
    expectOk(await changeCardPassword(app, token, GOOD_PASSWORD, NEW_PASSWORD), Ok)
  })

  it('a reset certification is good for one reset', async () => {
    const { token } = await issuedCard(app)
    const certifyId = await faceVerification(app, token, RESET_CERTIFICATIONS)
    expectOk(await resetPassword(token, certifyId, NEW_PASSWORD), Ok)
    expectError(await resetPassword(token, certifyId, '592837'), 'CERTIFY_EXPIRED', 'ALREADY_USED')
    expectOk(await changeCardPassword(app, token, NEW_PASSWORD, GOOD_PASSWORD), Ok)
  })

  it('the face-mismatch persona never passes a reset verification', async () => {
    // sun's face never matches, so sun cannot claim a card through the stand-in: give sun one
    // directly in the store (a second connection to the same file), then try to reset
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecard-sun-'))
    const dbPath = path.join(dir, 'ecard.sqlite')
    const { app: fileApp } = await newApp({ dbPath })
    try {
      const store = openStore(dbPath)
      try {
        store.insertCard(newCard(store, findPersona('face-mismatch-sun')!, T0))
      } finally {
        store.close()
      }
      const { accessToken: token } = await signIn(fileApp, 'face-mismatch-sun')
      const start = await call(fileApp, 'POST', RESET_CERTIFICATIONS, { token })
      expect(start.statusCode).toBe(200)
      const certifyId = start.json().certifyId
      await call(fileApp, 'POST', `/api/mock/certifications/${certifyId}/complete`, { body: { outcome: 'pass' } })
      expect((await call(fileApp, 'GET', `/api/certifications/${certifyId}`, { token })).json()).toMatchObject({ passed: 'F', failReason: 'FACE_MISMATCH' })
      const { keyId, ciphertext } = await sm2Encrypt(fileApp, NEW_PASSWORD)
      expectError(
        await call(fileApp, 'POST', '/api/cards/current/password-reset', { token, body: { certifyId, keyId, encryptedNewPassword: ciphertext } }),
        'CERTIFY_NOT_PASSED',
        'FACE_MISMATCH',
      )
    } finally {
      await fileApp.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('a reset weak password is WEAK_PASSWORD and leaves the certification unspent', async () => {
    const { token } = await issuedCard(app)
    const certifyId = await faceVerification(app, token, RESET_CERTIFICATIONS)
    expectError(await resetPassword(token, certifyId, '111111'), 'WEAK_PASSWORD', 'ALL_SAME')
    expectOk(await resetPassword(token, certifyId, NEW_PASSWORD), Ok)
  })

  it('CARD_NOT_FOUND without a card, for the start and the reset', async () => {
    const { accessToken: token } = await signIn(app, 'eligible-li')
    expectError(await call(app, 'POST', RESET_CERTIFICATIONS, { token }), 'CARD_NOT_FOUND')
    expectError(await resetPassword(token, 'unknownCertify123', NEW_PASSWORD), 'CARD_NOT_FOUND')
  })
})
