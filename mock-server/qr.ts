/**
 * The card's QR code: an opaque, sealed, single-use token, good for 60 seconds.
 *
 *   q2.<base64url(C | T)>     C = AES-256(Kenc, cardId ‖ expiresAt ‖ nonce), T = AES-256(Kmac, C)
 *
 * One 16-byte block holds the card's id (4 bytes), the expiry (ms, 6 bytes) and 6 random bytes;
 * it is enciphered with one key, and the cipher block is then authenticated with a second key
 * (encrypt-then-MAC; AES on a single block of fixed length is a PRF, so T is a MAC no one without
 * Kmac can make). Both keys are derived from the server's QR secret (made on first open and kept
 * in the store, like the SM2 key). Handing a token out writes nothing: the token itself says which
 * card and until when, sealed so that a scanner learns nothing but what the scan answers (the
 * random bytes make every token's C different, so two tokens of one card do not look alike). A
 * made-up or altered token is QR_INVALID. C is the token's id: a scan spends it in the store
 * (qr_tokens), once.
 *
 * Why not AES-GCM: it needs a new cipher context per token, which cost about 30 µs on the server's
 * hot path (docs/benchmarks.md, Server); these two single-block ciphers are made once per key and
 * reused, as ECB on one block at a time allows.
 */
import { createCipheriv, createDecipheriv, createHmac, randomFillSync, timingSafeEqual, type Cipher, type Decipher } from 'node:crypto'
import { atTurnEnd } from './turnEnd'

export const QR_TTL_S = 60
const BLOCK = 16
const TOKEN = /^q2\.([A-Za-z0-9_-]{43})$/

export interface QrClaims {
  /** The token's id (its cipher block, base64url): what a scan spends. */
  tokenId: string
  cardId: number
  expiresAt: number
}

interface Keys {
  enc: Cipher
  dec: Decipher
  mac: Cipher
}

const keysBySecret = new WeakMap<Buffer, Keys>()

function blockCipher(key: Buffer): Cipher {
  const c = createCipheriv('aes-256-ecb', key, null)
  c.setAutoPadding(false)
  return c
}

function keysOf(secret: Buffer): Keys {
  let keys = keysBySecret.get(secret)
  if (!keys) {
    const derive = (label: string) => createHmac('sha256', secret).update(`qr-token|${label}`).digest()
    const encKey = derive('enc')
    const dec = createDecipheriv('aes-256-ecb', encKey, null)
    dec.setAutoPadding(false)
    keys = { enc: blockCipher(encKey), dec, mac: blockCipher(derive('mac')) }
    keysBySecret.set(secret, keys)
  }
  return keys
}

// nonces come from a pool filled 4 KB at a time: one call into the random source per 682 tokens
const pool = Buffer.alloc(6 * 682)
let poolAt = pool.length
// one token's bytes, reused: sealing is synchronous
const sealed = Buffer.alloc(2 * BLOCK)

/** Seals one token per item, in two calls into OpenSSL whatever their number (ECB: block by block). */
export function sealQrTokens(secret: Buffer, items: ReadonlyArray<{ cardId: number; expiresAt: number }>): string[] {
  const { enc, mac } = keysOf(secret)
  const n = items.length
  const plain = Buffer.allocUnsafe(n * BLOCK)
  for (let i = 0; i < n; i++) {
    if (poolAt === pool.length) {
      randomFillSync(pool)
      poolAt = 0
    }
    const at = i * BLOCK
    plain.writeUInt32BE(items[i].cardId, at)
    plain.writeUIntBE(items[i].expiresAt, at + 4, 6)
    pool.copy(plain, at + 10, poolAt, poolAt + 6)
    poolAt += 6
  }
  const c = enc.update(plain)
  const t = mac.update(c)
  const tokens = new Array<string>(n)
  for (let i = 0; i < n; i++) {
    c.copy(sealed, 0, i * BLOCK, (i + 1) * BLOCK)
    t.copy(sealed, BLOCK, i * BLOCK, (i + 1) * BLOCK)
    tokens[i] = `q2.${sealed.toString('base64url')}`
  }
  return tokens
}

/** A new token for the card, valid until expiresAt (the text, q2.…). */
export function sealQrToken(secret: Buffer, cardId: number, expiresAt: number): string {
  return sealQrTokens(secret, [{ cardId, expiresAt }])[0]
}

interface Waiting {
  cardId: number
  expiresAt: number
  then: (error: Error | null, token?: string) => void
}
const waitingBySecret = new Map<Buffer, Waiting[]>()

/**
 * Seals a token at the end of the event loop's turn, with every other token asked for in that turn
 * (mock-server/turnEnd.ts): two calls into OpenSSL per turn instead of two per token.
 */
export function sealQrTokenAtTurnEnd(secret: Buffer, cardId: number, expiresAt: number, then: Waiting['then']): void {
  let waiting = waitingBySecret.get(secret)
  if (!waiting) waitingBySecret.set(secret, (waiting = []))
  if (waiting.push({ cardId, expiresAt, then }) > 1) return
  atTurnEnd(() => {
    const batch = waiting.splice(0)
    waitingBySecret.delete(secret)
    let tokens: string[]
    try {
      tokens = sealQrTokens(secret, batch)
    } catch (error) {
      for (const w of batch) w.then(error as Error)
      return
    }
    for (let i = 0; i < batch.length; i++) batch[i].then(null, tokens[i])
  })
}

/** What a token says, or null when it is not one of ours (malformed, altered, another secret's). */
export function openQrToken(secret: Buffer, token: string): QrClaims | null {
  const m = TOKEN.exec(token)
  if (!m) return null
  const sealed = Buffer.from(m[1], 'base64url')
  // a decoder ignores the spare low bits of the last character: two strings could decode alike,
  // and an altered token must not open, so the text must be the canonical encoding
  if (sealed.length !== 2 * BLOCK || sealed.toString('base64url') !== m[1]) return null
  const { dec, mac } = keysOf(secret)
  const c = sealed.subarray(0, BLOCK)
  if (!timingSafeEqual(mac.update(c), sealed.subarray(BLOCK))) return null
  const plain = dec.update(c)
  return { tokenId: c.toString('base64url'), cardId: plain.readUInt32BE(0), expiresAt: plain.readUIntBE(4, 6) }
}
