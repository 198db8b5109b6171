import { call } from './client'
import { encryptPassword } from '../crypto'
// getPublicKey lives in ./index, which re-exports this module; it is only called inside the
// functions below (never while the modules load), so the import cycle is harmless.
import { getPublicKey } from './index'
import type { CardRevealT, CertifyStartResponseT, QrTokenT, UnbindResponseT } from './types'

/**
 * The issued card: the reveal toggle, the QR code, the card password (change, reset after face
 * verification) and unbinding. Passwords are SM2-encrypted with the server's key here, before
 * they leave this module, exactly as at the claim (src/services/api/index.ts setCardPassword).
 */
const authed = { authed: true } as const

type Ok = { ok: true }

/** The unmasked name, ID number and card number, for 30 seconds (until `revealedUntil`). Never store the answer. */
export const revealCard = () => call<CardRevealT>('POST', '/cards/current/reveal', {}, authed)

/** A single-use QR token, valid for `expiresIn` (60) seconds; the QR code encodes the token only. */
export const issueQrToken = () => call<QrTokenT>('POST', '/cards/current/qr', {}, authed)

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

/** Starts the face verification (purpose reset) that a forgotten password's reset needs. */
export const startPasswordResetCertification = () => call<CertifyStartResponseT>('POST', '/cards/current/password-reset/certifications', {}, authed)

/** The new password after a passed reset verification (certifyId); clears a lock. */
export async function resetCardPassword(certifyId: string, newPassword: string): Promise<Ok> {
  const key = await getPublicKey()
  return call<Ok>('POST', '/cards/current/password-reset', { certifyId, keyId: key.keyId, encryptedNewPassword: encryptPassword(newPassword, key.publicKey) }, authed)
}

/** Starts the face verification (purpose unbind) for unbinding without the password. */
export const startUnbindCertification = () => call<CertifyStartResponseT>('POST', '/cards/current/unbind/certifications', {}, authed)

/** How the holder proves it is them before unbinding. */
export type UnbindProof = { method: 'password'; password: string } | { method: 'face'; certifyId: string }

/** Unbinds the card; the claim starts over (state `authorized`), so the nine steps issue a new card. */
export async function unbindCard(proof: UnbindProof): Promise<UnbindResponseT> {
  if (proof.method === 'face') return call<UnbindResponseT>('POST', '/cards/current/unbind', { method: 'face', certifyId: proof.certifyId }, authed)
  const key = await getPublicKey()
  return call<UnbindResponseT>('POST', '/cards/current/unbind', { method: 'password', keyId: key.keyId, encryptedPassword: encryptPassword(proof.password, key.publicKey) }, authed)
}
