/**
 * src/services/api/card.ts: what each function sends where. The transport (`call`) and SM2 are
 * mocked; the point is the paths, the bodies and that no password leaves unencrypted.
 */
import * as client from '../../src/services/api/client'
import { encryptPassword } from '../../src/services/crypto'
import {
  changeCardPassword,
  issueQrToken,
  resetCardPassword,
  revealCard,
  startPasswordResetCertification,
  startUnbindCertification,
  unbindCard,
  ApiError,
} from '../../src/services/api'
import { describeError, toErrorInfo } from '../../src/i18n/errors'

jest.mock('../../src/services/api/client', () => ({ ...jest.requireActual('../../src/services/api/client'), call: jest.fn() }))
jest.mock('../../src/services/crypto', () => ({ encryptPassword: jest.fn((pw: string, key: string) => `sm2(${key}):${pw.length}`), newIdempotencyKey: jest.fn() }))

const call = jest.mocked(client.call)
const KEY = { algorithm: 'SM2' as const, keyId: 'k-1', publicKey: '04abcd', cipherMode: 1 as const }

beforeEach(() => {
  call.mockReset().mockImplementation(async (method: string, path: string) => (method === 'GET' && path === '/crypto/public-key' ? KEY : { ok: true }))
  jest.mocked(encryptPassword).mockClear()
})

const authed = { authed: true }

describe('the card API', () => {
  it('reveal and QR are authenticated POSTs without a body of note', async () => {
    await revealCard()
    await issueQrToken()
    expect(call).toHaveBeenNthCalledWith(1, 'POST', '/cards/current/reveal', {}, authed)
    expect(call).toHaveBeenNthCalledWith(2, 'POST', '/cards/current/qr', {}, authed)
  })

  it('change: one key fetch, both passwords SM2-encrypted with it', async () => {
    await changeCardPassword('582931', '147036')
    expect(call).toHaveBeenNthCalledWith(1, 'GET', '/crypto/public-key')
    expect(encryptPassword).toHaveBeenCalledWith('582931', '04abcd')
    expect(encryptPassword).toHaveBeenCalledWith('147036', '04abcd')
    expect(call).toHaveBeenNthCalledWith(2, 'POST', '/cards/current/password', { keyId: 'k-1', encryptedOldPassword: 'sm2(04abcd):6', encryptedNewPassword: 'sm2(04abcd):6' }, authed)
    expect(JSON.stringify(call.mock.calls)).not.toMatch(/582931|147036/)
  })

  it('reset: its own certification, then the certifyId with the encrypted new password', async () => {
    await startPasswordResetCertification()
    await resetCardPassword('CERT-1234-abcd', '147036')
    expect(call).toHaveBeenCalledWith('POST', '/cards/current/password-reset/certifications', {}, authed)
    expect(call).toHaveBeenLastCalledWith('POST', '/cards/current/password-reset', { certifyId: 'CERT-1234-abcd', keyId: 'k-1', encryptedNewPassword: 'sm2(04abcd):6' }, authed)
    expect(JSON.stringify(call.mock.calls)).not.toContain('147036')
  })

  it('unbind: by password (encrypted) or by face (the certifyId, no key needed)', async () => {
    await unbindCard({ method: 'password', password: '582931' })
    expect(call).toHaveBeenLastCalledWith('POST', '/cards/current/unbind', { method: 'password', keyId: 'k-1', encryptedPassword: 'sm2(04abcd):6' }, authed)
    call.mockClear()
    await startUnbindCertification()
    await unbindCard({ method: 'face', certifyId: 'CERT-9999-wxyz' })
    expect(call.mock.calls).toEqual([
      ['POST', '/cards/current/unbind/certifications', {}, authed],
      ['POST', '/cards/current/unbind', { method: 'face', certifyId: 'CERT-9999-wxyz' }, authed],
    ])
  })

  it('refusals keep their attempts left and lock end through to the words', () => {
    const wrong = new ApiError('PASSWORD_WRONG', 403, 'wrong', undefined, { remainingAttempts: 2 })
    const locked = new ApiError('PASSWORD_LOCKED', 423, 'locked', undefined, { lockedUntil: '2026-11-26T09:05:00.000Z' })
    expect(toErrorInfo(wrong)).toEqual({ code: 'PASSWORD_WRONG', remainingAttempts: 2 })
    expect(toErrorInfo(locked)).toEqual({ code: 'PASSWORD_LOCKED', lockedUntil: '2026-11-26T09:05:00.000Z' })
    expect(describeError(toErrorInfo(wrong), 'en-US').detail).toBe('2 more wrong tries lock the password.')
    expect(describeError({ code: 'PASSWORD_WRONG', remainingAttempts: 1 }, 'en-US').detail).toBe('1 more wrong try locks the password.')
    expect(describeError(toErrorInfo(wrong), 'zh-CN').detail).toBe('再输错2次，密码将被锁定')
    // Without the numbers, the plain sentence.
    expect(describeError({ code: 'PASSWORD_LOCKED' }, 'zh-CN').detail).toBeUndefined()
  })

  it('rate limits tell how long to wait, from Retry-After', () => {
    const face = new ApiError('FACE_RATE_LIMITED', 429, 'limited', undefined, { retryAfterSeconds: 540 })
    expect(toErrorInfo(face)).toEqual({ code: 'FACE_RATE_LIMITED', retryAfterSeconds: 540 })
    expect(describeError(toErrorInfo(face), 'zh-CN').detail).toBe('请9分钟后再试')
    expect(describeError(toErrorInfo(face), 'en-US').detail).toBe('You can try again in 9 minutes.')
    const token = new ApiError('TOKEN_RATE_LIMITED', 429, 'limited', undefined, { retryAfterSeconds: 1 })
    expect(describeError(toErrorInfo(token), 'en-US').detail).toBe('You can try again in 1 second.')
    expect(describeError(toErrorInfo(token), 'zh-CN').detail).toBe('请1秒后再试')
    expect(describeError({ code: 'TOKEN_RATE_LIMITED', retryAfterSeconds: 61 }, 'en-US').detail).toBe('You can try again in 2 minutes.')
    // Without the header, the plain sentence; other codes never speak of waiting.
    expect(describeError({ code: 'FACE_RATE_LIMITED' }, 'zh-CN').detail).toBeUndefined()
    expect(describeError({ code: 'INTERNAL', retryAfterSeconds: 5 }, 'en-US').detail).toBeUndefined()
  })
})
