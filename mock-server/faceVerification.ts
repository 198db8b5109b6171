/**
 * Face verifications (certifications), whatever they are for:
 *   claim   step 8 of the claim; a pass moves the claim certifying → certified
 *   reset   before a forgotten card password is replaced
 *   unbind  before the card is unbound without the password
 * Each is a session of 10 minutes; a pass is good for 10 minutes after the server accepted it. A
 * reset or unbind verification is spent by the action it allows (single use).
 */
import { ApiError } from './apiError'
import { CERTIFICATION_TTL_MS } from './claims'
import { hasFaceMismatch, type Persona } from './personas'
import { assertFaceStartAllowed, FACE_START_WINDOW_MS } from './rateLimit'
import type { CertificationPurposeT } from './schemas/api'
import type { CertificationRow, ClaimRow, Store } from './store'
import { randomToken } from './tokens'

/** The failReason values a query can give. */
export const CERTIFY_FAIL_REASONS = ['FACE_MISMATCH', 'USER_CANCELLED', 'NOT_COMPLETED', 'EXPIRED', 'SUPERSEDED'] as const
export type CertifyFailReason = (typeof CERTIFY_FAIL_REASONS)[number]

/**
 * The verdict on a certification that has not been accepted yet; null means it passes. `claim` is
 * the person's claim, which only a claim verification is checked against.
 */
export function verdict(cert: CertificationRow, claim: ClaimRow | null, persona: Persona, now: number): CertifyFailReason | null {
  if (cert.outcome === 'cancel') return 'USER_CANCELLED'
  if (cert.outcome === 'fail') return 'FACE_MISMATCH'
  // the face-mismatch persona's face never matches, whatever the stand-in was told
  if (cert.outcome === 'pass' && hasFaceMismatch(persona)) return 'FACE_MISMATCH'
  if (now >= cert.expiresAt) return 'EXPIRED'
  if (cert.outcome === null) return 'NOT_COMPLETED'
  // a newer claim certification was started since: only the claim's current one counts
  if (cert.purpose === 'claim' && (!claim || claim.certifyId !== cert.certifyId || claim.state !== 'certifying')) return 'SUPERSEDED'
  return null
}

/**
 * Opens a certification session and returns its id; FACE_RATE_LIMITED when the person has started
 * `startsPer10Minutes` already in the last 10 minutes (whatever the purpose). Call inside a transaction.
 */
export function openCertification(store: Store, persona: Persona, purpose: CertificationPurposeT, now: number, startsPer10Minutes: number): string {
  assertFaceStartAllowed(store.certificationStartsSince(persona.id, now - FACE_START_WINDOW_MS + 1), startsPer10Minutes, now)
  const certifyId = randomToken(18)
  store.insertCertification({
    certifyId,
    personaId: persona.id,
    createdAt: now,
    expiresAt: now + CERTIFICATION_TTL_MS,
    outcome: null,
    outcomeAt: null,
    passedAt: null,
    purpose,
  })
  return certifyId
}

/** Where the platform would show its face screen (the mock's stand-in page). */
export function certifyUrlOf(request: { protocol: string; host: string }, certifyId: string): string {
  return `${request.protocol}://${request.host}/api/mock/certifications/${certifyId}`
}

/**
 * The passed, fresh, unspent reset/unbind certification `certifyId` of this person, or the refusal:
 *   CERTIFY_NOT_FOUND   unknown, or another person's
 *   CERTIFY_NOT_PASSED  made for another purpose (reason WRONG_PURPOSE), or not passed (reason: the failReason)
 *   CERTIFY_EXPIRED     passed 10 minutes ago or more, the session ran out (reason EXPIRED), or already spent (reason ALREADY_USED)
 * A pass the app has not queried yet is accepted here as the query would accept it. Call inside a
 * transaction; the caller spends it with `store.consumeCertification` in the same one.
 */
export function passedCertificationFor(
  store: Store,
  persona: Persona,
  certifyId: string,
  purpose: Exclude<CertificationPurposeT, 'claim'>,
  now: number,
): CertificationRow {
  const cert = store.getCertification(certifyId)
  if (!cert || cert.personaId !== persona.id) throw new ApiError('CERTIFY_NOT_FOUND')
  if (cert.purpose !== purpose) {
    throw new ApiError('CERTIFY_NOT_PASSED', `This face verification was made for ${cert.purpose}, not ${purpose}: start one for ${purpose}.`, 'WRONG_PURPOSE')
  }
  if (cert.consumedAt !== null) throw new ApiError('CERTIFY_EXPIRED', 'This face verification has been used already; verify again.', 'ALREADY_USED')
  let passedAt = cert.passedAt
  if (passedAt === null) {
    const failReason = verdict(cert, null, persona, now)
    if (failReason === 'EXPIRED') throw new ApiError('CERTIFY_EXPIRED', undefined, 'EXPIRED')
    if (failReason) throw new ApiError('CERTIFY_NOT_PASSED', undefined, failReason)
    store.markCertificationPassed(certifyId, now)
    passedAt = now
  }
  if (now >= passedAt + CERTIFICATION_TTL_MS) throw new ApiError('CERTIFY_EXPIRED', undefined, 'EXPIRED')
  return { ...cert, passedAt }
}
