import { sm2 } from 'sm-crypto'
import { encryptPassword, newIdempotencyKey } from '../../src/services/crypto'

describe('password transport', () => {
  it('SM2-encrypts so that only the private key recovers the password', () => {
    const { publicKey, privateKey } = sm2.generateKeyPairHex()
    const cipher = encryptPassword('582931', publicKey)
    expect(cipher).toMatch(/^[0-9a-f]+$/)
    expect(cipher).not.toContain('582931')
    expect(sm2.doDecrypt(cipher, privateKey, 1)).toBe('582931')
    const other = sm2.generateKeyPairHex()
    expect(sm2.doDecrypt(cipher, other.privateKey, 1)).not.toBe('582931')
  })

  it('gives a fresh ciphertext each time (random ephemeral key)', () => {
    const { publicKey } = sm2.generateKeyPairHex()
    expect(encryptPassword('582931', publicKey)).not.toBe(encryptPassword('582931', publicKey))
  })

  it('makes idempotency keys the server schema accepts, unique per call', () => {
    const a = newIdempotencyKey()
    expect(a).toMatch(/^[A-Za-z0-9_-]{8,128}$/)
    expect(newIdempotencyKey()).not.toBe(a)
  })
})
