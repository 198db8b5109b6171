/** The QR token's seal (mock-server/qr.ts), on its own: what it carries, and what does not open. */
import { randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { openQrToken, sealQrToken } from '../../mock-server/qr'

const secret = randomBytes(32)
const MAX_MS = 2 ** 48 - 1

describe('sealQrToken / openQrToken', () => {
  it('opens to the card and expiry it was sealed with; the id is the token\'s own', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: MAX_MS }), (cardId, expiresAt) => {
        const sealed = sealQrToken(secret, cardId, expiresAt)
        expect(openQrToken(secret, sealed.token)).toEqual({ tokenId: sealed.tokenId, cardId, expiresAt })
      }),
    )
  })

  it('two tokens of one card and expiry share nothing: neither id nor any part of the text', () => {
    const tokens = Array.from({ length: 2000 }, () => sealQrToken(secret, 7, 1_795_572_060_000))
    expect(new Set(tokens.map((t) => t.tokenId)).size).toBe(tokens.length)
    const [a, b] = tokens
    expect(a.token.slice(3, 25)).not.toBe(b.token.slice(3, 25))
    expect(a.token.slice(25)).not.toBe(b.token.slice(25))
  })

  it('a cipher block with another token\'s MAC, another secret\'s token, or any changed character does not open', () => {
    const a = sealQrToken(secret, 7, 1_795_572_060_000).token
    const b = sealQrToken(secret, 8, 1_795_572_060_000).token
    expect(openQrToken(secret, a.slice(0, 25) + b.slice(25))).toBeNull()
    expect(openQrToken(randomBytes(32), a)).toBeNull()
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    fc.assert(
      fc.property(fc.integer({ min: 3, max: a.length - 1 }), fc.constantFrom(...alphabet), (i, ch) => {
        fc.pre(a[i] !== ch)
        expect(openQrToken(secret, a.slice(0, i) + ch + a.slice(i + 1))).toBeNull()
      }),
    )
  })
})
