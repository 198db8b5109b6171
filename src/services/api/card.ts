import { call } from './client'
import type { CardRevealT, CardT, CertifyStartResponseT, QrTokenT } from './types'

/**
 * The issued card: reading it, the reveal toggle, the QR code and the face verifications its
 * management starts. What sends a password (change, reset, unbind) is in passwords.ts, so the card
 * page, which imports only this module's functions, loads no SM2 (index.ts).
 */
const authed = { authed: true } as const

export const getCurrentCard = () => call<CardT>('GET', '/cards/current', undefined, authed)

/** The unmasked name, ID number and card number, for 30 seconds (until `revealedUntil`). Never store the answer. */
export const revealCard = () => call<CardRevealT>('POST', '/cards/current/reveal', {}, authed)

/** A single-use QR token, valid for `expiresIn` (60) seconds; the QR code encodes the token only. */
export const issueQrToken = () => call<QrTokenT>('POST', '/cards/current/qr', {}, authed)

/** Starts the face verification (purpose reset) that a forgotten password's reset needs. */
export const startPasswordResetCertification = () => call<CertifyStartResponseT>('POST', '/cards/current/password-reset/certifications', {}, authed)

/** Starts the face verification (purpose unbind) for unbinding without the password. */
export const startUnbindCertification = () => call<CertifyStartResponseT>('POST', '/cards/current/unbind/certifications', {}, authed)
