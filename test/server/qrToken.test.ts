/** The QR token's seal (mock-server/qr.ts), on its own: what it carries, and what does not open. */
import { randomBytes } from 'node:crypto'
import fc from 'fast-check'
import { openQrToken, sealQrToken, sealQrTokenAtTurnEnd, sealQrTokens } from '../../mock-server/qr'

const secret = randomBytes(32)
const MAX_MS = 2 ** 48 - 1

describe('sealQrToken / openQrToken', () => {
  it('opens to the card and expiry it was sealed with; the id is the token\'s own', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: MAX_MS }), (cardId, expiresAt) => {
        const token = sealQrToken(secret, cardId, expiresAt)
        // the id is the cipher block, the token's first 16 bytes
        const tokenId = Buffer.from(token.slice(3), 'base64url').subarray(0, 16).toString('base64url')
        expect(openQrToken(secret, token)).toEqual({ tokenId, cardId, expiresAt })
      }),
    )
  })

  it('two tokens of one card and expiry share nothing: neither id nor any part of the text', () => {
    const tokens = Array.from({ length: 2000 }, () => sealQrToken(secret, 7, 1_795_572_060_000))
    expect(new Set(tokens.map((t) => openQrToken(secret, t)?.tokenId)).size).toBe(tokens.length)
    const [a, b] = tokens
    expect(a.slice(3, 25)).not.toBe(b.slice(3, 25))
    expect(a.slice(25)).not.toBe(b.slice(25))
  })

  it('a cipher block with another token\'s MAC, another secret\'s token, or any changed character does not open', () => {
    const a = sealQrToken(secret, 7, 1_795_572_060_000)
    const b = sealQrToken(secret, 8, 1_795_572_060_000)
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

  it('a batch seals each item as if alone: every token opens to its own card and expiry, no two ids alike', () => {
    const items = Array.from({ length: 700 }, (_, i) => ({ cardId: 1 + (i % 7), expiresAt: 1_795_572_060_000 + i }))
    // 700 tokens take more than one pool of random bytes (682 nonces): the refill inside a batch too
    const tokens = sealQrTokens(secret, items)
    expect(tokens).toHaveLength(items.length)
    const opened = tokens.map((t) => openQrToken(secret, t))
    expect(opened.map((o) => o && { cardId: o.cardId, expiresAt: o.expiresAt })).toEqual(items)
    expect(new Set(opened.map((o) => o?.tokenId)).size).toBe(items.length)
    expect(sealQrTokens(secret, [])).toEqual([])
  })

  it('at the turn\'s end: never at once, every caller its own token, each secret its own', async () => {
    const other = randomBytes(32)
    const got: Array<{ secret: Buffer; cardId: number; token?: string; error: Error | null }> = []
    for (const [s, cardId] of [[secret, 1], [other, 2], [secret, 3], [other, 4]] as const) {
      sealQrTokenAtTurnEnd(s, cardId, 1_795_572_060_000, (error, token) => got.push({ secret: s, cardId, token, error }))
    }
    expect(got).toEqual([])
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect(got.map((g) => g.cardId).sort()).toEqual([1, 2, 3, 4])
    for (const g of got) {
      expect(g.error).toBeNull()
      expect(openQrToken(g.secret, g.token!)).toMatchObject({ cardId: g.cardId, expiresAt: 1_795_572_060_000 })
    }
  })
})
