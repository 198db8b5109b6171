/**
 * The card password at rest: a salted scrypt hash, never the password. Format:
 * `scrypt$N$r$p$<salt base64url>$<hash base64url>`, so the parameters can be raised later.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import { sm2 } from 'sm-crypto'
import { weakPasswordReason } from '../src/domain/password'
import { ApiError } from './apiError'
import type { Persona } from './personas'
import type { ServerKey } from './store'

const N = 16384
const R = 8
const P = 1
const KEY_LENGTH = 32

function scryptAsync(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key)))
  })
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const hash = await scryptAsync(password, salt, KEY_LENGTH, { N, r: R, p: P })
  return ['scrypt', N, R, P, salt.toString('base64url'), hash.toString('base64url')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p) })
  return timingSafeEqual(actual, expected)
}

/**
 * Decrypts the SM2 ciphertext (C1C3C2, hex, as `sm2.doEncrypt(pw, publicKey, 1)` makes it).
 * sm-crypto returns '' when the C3 digest does not match and may throw on a malformed point:
 * both, and an unknown key id, are PASSWORD_DECRYPT_FAILED. The message never echoes the input.
 */
export function decryptPassword(key: ServerKey, keyId: string, ciphertextHex: string): string {
  if (keyId !== key.keyId) throw new ApiError('PASSWORD_DECRYPT_FAILED', 'Unknown key id; fetch the current public key.')
  let plain: string
  try {
    plain = sm2.doDecrypt(ciphertextHex.toLowerCase(), key.privateKey, 1)
  } catch {
    throw new ApiError('PASSWORD_DECRYPT_FAILED')
  }
  if (typeof plain !== 'string' || plain === '') throw new ApiError('PASSWORD_DECRYPT_FAILED')
  return plain
}

/**
 * A new card password as it arrives (claim step 9, password change, password reset): decrypted
 * with the server key named by keyId, checked against the weak-password rules for this holder
 * (WEAK_PASSWORD with the rule as reason) and hashed. Returns the hash to store; the password and
 * the ciphertext never leave this function.
 */
export async function acceptNewPassword(key: ServerKey, keyId: string, ciphertextHex: string, persona: Persona): Promise<string> {
  const password = decryptPassword(key, keyId, ciphertextHex)
  const weak = weakPasswordReason(password, { idNumber: persona.idNumber })
  if (weak) throw new ApiError('WEAK_PASSWORD', undefined, weak)
  return hashPassword(password)
}
