// Only the SM2 module of sm-crypto: its index also bundles SM3 and SM4 (about 6 KB minified) that
// the app never uses. types/sm-crypto-sm2.d.ts types this path with @types/sm-crypto's sm2.
import sm2 from 'sm-crypto/src/sm2'

/** SM2 (GM/T 0003) encryption of the card password, C1C3C2 hex as the server expects (cipherMode 1). */
export function encryptPassword(password: string, publicKeyHex: string): string {
  return sm2.doEncrypt(password, publicKeyHex, 1)
}

/** A random key for one issuance attempt; retries reuse it so the server issues one card. */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16)
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto
  if (c?.getRandomValues) c.getRandomValues(bytes)
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256)
  return 'idem-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
