import Database from 'better-sqlite3'
import type { FastifyInstance } from 'fastify'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sm2 } from 'sm-crypto'
import { verifyPassword } from '../../mock-server/passwords'
import { hashToken } from '../../mock-server/store'
import { advance, call, claimState, encryptPassword, expectError, GOOD_PASSWORD, MINUTE, newApp, signIn, type TestClock } from './helpers'

let app: FastifyInstance
let clock: TestClock
beforeEach(async () => {
  ;({ app, clock } = await newApp())
})
afterEach(async () => {
  await app.close()
})

const setPassword = (token: string, body: unknown) => call(app, 'POST', '/api/claim/password', { token, body })

async function certifiedZhang(): Promise<string> {
  const { accessToken } = await signIn(app, 'eligible-zhang')
  await advance(app, accessToken, 'certified')
  return accessToken
}

describe('POST /api/claim/password', () => {
  it('accepts a good password and moves to password_set; it may be changed until the card is issued', async () => {
    const token = await certifiedZhang()
    const res = await setPassword(token, await encryptPassword(app, GOOD_PASSWORD))
    expect(res.statusCode).toBe(200)
    expect(res.json().state).toBe('password_set')
    const again = await setPassword(token, await encryptPassword(app, '370159'))
    expect(again.statusCode).toBe(200)
    expect(again.json().state).toBe('password_set')
  })

  // zhang: ID 330106198803140514, born 1988-03-14
  it.each([
    ['111111', 'ALL_SAME'],
    ['999999', 'ALL_SAME'],
    ['123456', 'SEQUENTIAL'],
    ['654321', 'SEQUENTIAL'],
    ['880314', 'BIRTH_DATE'], // YYMMDD
    ['031488', 'BIRTH_DATE'], // MMDDYY
    ['140388', 'BIRTH_DATE'], // DDMMYY
    ['140514', 'ID_SUFFIX'],
    ['12345', 'FORMAT'],
    ['12a456', 'FORMAT'],
  ])('refuses %s with WEAK_PASSWORD reason %s, and the claim stays certified', async (pw, reason) => {
    const token = await certifiedZhang()
    expectError(await setPassword(token, await encryptPassword(app, pw)), 'WEAK_PASSWORD', reason)
    expect(await claimState(app, token)).toBe('certified')
  })

  it('checks the rules against the holder\'s own ID number, not someone else\'s', async () => {
    const { accessToken: li } = await signIn(app, 'eligible-li')
    await advance(app, li, 'certified')
    // 880314 is zhang's birth date, harmless for li (born 1995-07-22)
    expect((await setPassword(li, await encryptPassword(app, '880314'))).statusCode).toBe(200)
  })

  it('PASSWORD_DECRYPT_FAILED for an unknown key id', async () => {
    const token = await certifiedZhang()
    const body = await encryptPassword(app, GOOD_PASSWORD)
    expectError(await setPassword(token, { ...body, keyId: 'sm2-retired-key' }), 'PASSWORD_DECRYPT_FAILED')
  })

  it('PASSWORD_DECRYPT_FAILED for ciphertext made with another key', async () => {
    const token = await certifiedZhang()
    const { keyId } = await encryptPassword(app, GOOD_PASSWORD)
    const other = sm2.generateKeyPairHex()
    expectError(await setPassword(token, { keyId, encryptedPassword: sm2.doEncrypt(GOOD_PASSWORD, other.publicKey, 1) }), 'PASSWORD_DECRYPT_FAILED')
  })

  it('PASSWORD_DECRYPT_FAILED for tampered or malformed ciphertext', async () => {
    const token = await certifiedZhang()
    const { keyId, encryptedPassword } = await encryptPassword(app, GOOD_PASSWORD)
    // flip a nibble of the C3 digest (after the 128 hex characters of C1)
    const i = 130
    const tampered = encryptedPassword.slice(0, i) + (encryptedPassword[i] === '0' ? '1' : '0') + encryptedPassword.slice(i + 1)
    expectError(await setPassword(token, { keyId, encryptedPassword: tampered }), 'PASSWORD_DECRYPT_FAILED')
    expectError(await setPassword(token, { keyId, encryptedPassword: 'abcd' }), 'PASSWORD_DECRYPT_FAILED')
    expectError(await setPassword(token, { keyId, encryptedPassword: 'f'.repeat(204) }), 'PASSWORD_DECRYPT_FAILED')
    expect(await claimState(app, token)).toBe('certified')
  })

  it('VALIDATION_FAILED for ciphertext that is not hex, or a missing field', async () => {
    const token = await certifiedZhang()
    const { keyId } = await encryptPassword(app, GOOD_PASSWORD)
    expectError(await setPassword(token, { keyId, encryptedPassword: '258036' + 'zz' }), 'VALIDATION_FAILED')
    expectError(await setPassword(token, { keyId }), 'VALIDATION_FAILED')
    expectError(await setPassword(token, { keyId, password: GOOD_PASSWORD }), 'VALIDATION_FAILED')
  })

  it('CERTIFY_EXPIRED 10 minutes after the face verification passed', async () => {
    const token = await certifiedZhang()
    clock.advance(10 * MINUTE)
    expectError(await setPassword(token, await encryptPassword(app, GOOD_PASSWORD)), 'CERTIFY_EXPIRED')
  })

  it('still accepted just before the 10 minutes are up', async () => {
    const token = await certifiedZhang()
    clock.advance(10 * MINUTE - 1)
    expect((await setPassword(token, await encryptPassword(app, GOOD_PASSWORD))).statusCode).toBe(200)
  })

  it('after CERTIFY_EXPIRED a new verification opens the way again', async () => {
    const token = await certifiedZhang()
    clock.advance(11 * MINUTE)
    const id = (await call(app, 'POST', '/api/certifications', { token })).json().certifyId
    await call(app, 'POST', `/api/mock/certifications/${id}/complete`, { body: { outcome: 'pass' } })
    expect((await call(app, 'GET', `/api/certifications/${id}`, { token })).json().passed).toBe('T')
    expect((await setPassword(token, await encryptPassword(app, GOOD_PASSWORD))).statusCode).toBe(200)
  })

  it('STEP_OUT_OF_ORDER before certifying, CERTIFY_NOT_PASSED while certifying, ECARD_EXISTS once issued', async () => {
    const body = await encryptPassword(app, GOOD_PASSWORD)
    const { accessToken: early } = await signIn(app, 'eligible-li')
    await advance(app, early, 'consented')
    expectError(await setPassword(early, body), 'STEP_OUT_OF_ORDER')
    await call(app, 'POST', '/api/certifications', { token: early })
    expectError(await setPassword(early, body), 'CERTIFY_NOT_PASSED')
    const { accessToken: done } = await signIn(app, 'eligible-zhang')
    await advance(app, done, 'issued')
    expectError(await setPassword(done, body), 'ECARD_EXISTS')
  })
})

describe('what is stored', () => {
  it('keeps a salted scrypt hash of the password and only hashes of tokens', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecard-pw-'))
    const dbPath = path.join(dir, 'ecard.sqlite')
    const { app: fileApp } = await newApp({ dbPath })
    try {
      const tokens = await signIn(fileApp, 'eligible-zhang')
      await advance(fileApp, tokens.accessToken, 'password_set')
      const { accessToken: liToken } = await signIn(fileApp, 'eligible-li')
      await advance(fileApp, liToken, 'certified')
      expect((await call(fileApp, 'POST', '/api/claim/password', { token: liToken, body: await encryptPassword(fileApp, GOOD_PASSWORD) })).statusCode).toBe(200)

      const db = new Database(dbPath, { readonly: true })
      try {
        const rows = db.prepare('SELECT persona_id AS personaId, hash FROM passwords ORDER BY persona_id').all() as Array<{ personaId: string; hash: string }>
        expect(rows.map((r) => r.personaId)).toEqual(['eligible-li', 'eligible-zhang'])
        for (const { hash } of rows) {
          expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/)
          expect(hash).not.toContain(GOOD_PASSWORD)
          expect(await verifyPassword(GOOD_PASSWORD, hash)).toBe(true)
          expect(await verifyPassword('370159', hash)).toBe(false)
        }
        // same password, different salt: different hashes
        expect(rows[0].hash).not.toBe(rows[1].hash)

        const stored = (db.prepare('SELECT token_hash AS h FROM sessions').all() as Array<{ h: string }>).map((r) => r.h)
        expect(stored).not.toContain(tokens.accessToken)
        expect(stored).not.toContain(tokens.refreshToken)
        expect(stored).toContain(hashToken(tokens.accessToken))
        expect(stored).toContain(hashToken(tokens.refreshToken))
        for (const h of stored) expect(h).toMatch(/^[0-9a-f]{64}$/)
      } finally {
        db.close()
      }
    } finally {
      await fileApp.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
