import { call } from './call'
import { encryptPassword } from '../crypto'
import type { ClaimT, PublicKeyT, UnbindResponseT } from './types'

/**
 * Everything that sends a password: the claim's, the card's change and reset, and unbinding with
 * the password. Each is SM2-encrypted with the server's key here, before it leaves this module.
 * SM2 (sm-crypto) is the heaviest library of the app; only the screens that import from this module
 * load it (index.ts).
 */
const authed = { authed: true } as const

type Ok = { ok: true }

export const getPublicKey = () => call<PublicKeyT>('GET', '/crypto/public-key')

let publicKey: Promise<PublicKeyT> | null = null

/**
 * The server's SM2 public key, read once and kept (it is public): the password screen asks for it
 * when it opens, so sending the password is one round trip. A failed read is forgotten.
 */
export function prefetchPublicKey(): Promise<PublicKeyT> {
  publicKey ??= getPublicKey().catch((e: unknown) => {
    publicKey = null
    throw e
  })
  return publicKey
}

/** The claim's password (step 9). */
export async function setCardPassword(password: string): Promise<ClaimT> {
  const key = await prefetchPublicKey()
  const encryptedPassword = encryptPassword(password, key.publicKey)
  try {
    return await call<ClaimT>('POST', '/claim/password', { keyId: key.keyId, encryptedPassword }, authed)
  } catch (e) {
    // The server may have rotated its key: the next attempt reads it afresh.
    if ((e as { code?: string }).code === 'PASSWORD_DECRYPT_FAILED') publicKey = null
    throw e
  }
}

/** The current password and the new one, both encrypted with one fetch of the server's key. */
export async function changeCardPassword(oldPassword: string, newPassword: string): Promise<Ok> {
  const key = await getPublicKey()
  return call<Ok>(
    'POST',
    '/cards/current/password',
    { keyId: key.keyId, encryptedOldPassword: encryptPassword(oldPassword, key.publicKey), encryptedNewPassword: encryptPassword(newPassword, key.publicKey) },
    authed,
  )
}

/** The new password after a passed reset verification (certifyId); clears a lock. */
export async function resetCardPassword(certifyId: string, newPassword: string): Promise<Ok> {
  const key = await getPublicKey()
  return call<Ok>('POST', '/cards/current/password-reset', { certifyId, keyId: key.keyId, encryptedNewPassword: encryptPassword(newPassword, key.publicKey) }, authed)
}

/** How the holder proves it is them before unbinding. */
export type UnbindProof = { method: 'password'; password: string } | { method: 'face'; certifyId: string }

/** Unbinds the card; the claim starts over (state `authorized`), so the nine steps issue a new card. */
export async function unbindCard(proof: UnbindProof): Promise<UnbindResponseT> {
  if (proof.method === 'face') return call<UnbindResponseT>('POST', '/cards/current/unbind', { method: 'face', certifyId: proof.certifyId }, authed)
  const key = await getPublicKey()
  return call<UnbindResponseT>('POST', '/cards/current/unbind', { method: 'password', keyId: key.keyId, encryptedPassword: encryptPassword(proof.password, key.publicKey) }, authed)
}
