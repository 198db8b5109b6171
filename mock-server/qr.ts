/**
 * The card's QR code: an opaque, signed, single-use token, good for 60 seconds.
 *
 *   q1.<tokenId>.<mac>
 *
 * tokenId is 16 random bytes (base64url); mac is HMAC-SHA256, keyed with the server's QR secret
 * (made on first open and kept in the store, like the SM2 key), over `q1|tokenId|cardId|expiresAt`.
 * The token carries no personal data; the card it is bound to and its expiry live in the store, and
 * the MAC binds them: a token whose row was moved to another card, or whose expiry was changed, no
 * longer verifies. A made-up or altered token is QR_INVALID.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

export const QR_TTL_S = 60
const VERSION = 'q1'
const TOKEN = /^q1\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/

export interface QrTokenParts {
  tokenId: string
  mac: string
}

export function newQrTokenId(): string {
  return randomBytes(16).toString('base64url')
}

export function qrMac(secret: Buffer, tokenId: string, cardId: number, expiresAt: number): string {
  return createHmac('sha256', secret).update(`${VERSION}|${tokenId}|${cardId}|${expiresAt}`, 'utf8').digest('base64url')
}

export function formatQrToken(tokenId: string, mac: string): string {
  return `${VERSION}.${tokenId}.${mac}`
}

/** The parts of a well-formed token, or null. */
export function parseQrToken(token: string): QrTokenParts | null {
  const m = TOKEN.exec(token)
  return m ? { tokenId: m[1], mac: m[2] } : null
}

/**
 * Constant-time comparison of two MACs as text: the base64url strings themselves, not the bytes
 * they decode to (a decoder ignores the spare low bits of the last character, so two different
 * strings can decode alike; an altered token must not verify).
 */
export function macMatches(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, 'utf8')
  const b = Buffer.from(actual, 'utf8')
  return a.length === b.length && timingSafeEqual(a, b)
}
