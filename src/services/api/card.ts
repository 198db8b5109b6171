import { call } from './call'
import type { ReceivedAnswer } from './clientSettings'
import type { CardRevealT, CardT, CertifyStartResponseT, QrTokenT } from './types'

/**
 * The issued card: reading it, the reveal toggle, the QR code and the face verifications its
 * management starts. What sends a password (change, reset, unbind) is in passwords.ts, so the card
 * page, which imports only this module's functions, loads no SM2 (index.ts).
 */
const authed = { authed: true } as const
/** `received`: the H5 fast path's answer to this very request, checked by the client as its first attempt (fastPath.h5.ts). */
const authedWith = (received?: ReceivedAnswer) => (received ? { ...authed, received } : authed)

export const getCurrentCard = (received?: ReceivedAnswer) => call<CardT>('GET', '/cards/current', undefined, authedWith(received))

/** The unmasked name, ID number and card number, for 30 seconds (until `revealedUntil`). Never store the answer. */
export const revealCard = () => call<CardRevealT>('POST', '/cards/current/reveal', {}, authed)

/** A single-use QR token, valid for `expiresIn` (60) seconds; the QR code encodes the token only. */
export const issueQrToken = (received?: ReceivedAnswer) => call<QrTokenT>('POST', '/cards/current/qr', {}, authedWith(received))

/** Starts the face verification (purpose reset) that a forgotten password's reset needs. */
export const startPasswordResetCertification = () => call<CertifyStartResponseT>('POST', '/cards/current/password-reset/certifications', {}, authed)

/** Starts the face verification (purpose unbind) for unbinding without the password. */
export const startUnbindCertification = () => call<CertifyStartResponseT>('POST', '/cards/current/unbind/certifications', {}, authed)
