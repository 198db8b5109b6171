/**
 * The claim: the server-side record of how far a person has got. The server is the source of
 * truth; each route checks the state it requires and moves it on.
 *
 *   authorized → informed → consented → certifying ⇄ certified → password_set → issued
 *
 * authorized:   an auth code was exchanged for tokens
 * informed:     GET /person was read (the gateway fetched the person's record)
 * consented:    the current agreement was accepted and eligibility checked
 * certifying:   a face verification was started (and may have failed; retrying stays here)
 * certified:    the server accepted a passed face verification (valid for 10 minutes)
 * password_set: the card password is stored (as a hash)
 * issued:       the card exists
 *
 * Unbinding the card starts the claim over: straight back to authorized (the person is still
 * signed in), so the nine steps lead to a new card with a new number.
 */
import type { ClaimT } from './schemas/api'
import type { ClaimRow, Store } from './store'
import type { Persona } from './personas'
import { isoOf, MINUTE_MS } from './time'

/** A certification session, and a passed certification, are good for 10 minutes. */
export const CERTIFICATION_TTL_MS = 10 * MINUTE_MS

/** The person's claim, created on first sight: `issued` when they already hold an e-card. */
export function ensureClaim(store: Store, persona: Persona, now: number): ClaimRow {
  const existing = store.getClaim(persona.id)
  if (existing) return existing
  const claim: ClaimRow = {
    personaId: persona.id,
    state: store.activeCard(persona.id) ? 'issued' : 'authorized',
    agreementVersion: null,
    certifyId: null,
    certifiedAt: null,
    updatedAt: now,
  }
  store.insertClaim(claim)
  return claim
}

/** Back to the start after the card was unbound: nothing consented, verified or set. Call inside a transaction. */
export function restartClaim(store: Store, persona: Persona, now: number): ClaimRow {
  ensureClaim(store, persona, now)
  return store.updateClaim(persona.id, { state: 'authorized', agreementVersion: null, certifyId: null, certifiedAt: null, updatedAt: now })
}

/** Whether the claim's passed certification is still fresh enough to act on. */
export function certificationFresh(claim: ClaimRow, now: number): boolean {
  return claim.certifiedAt !== null && now < claim.certifiedAt + CERTIFICATION_TTL_MS
}

export function toWireClaim(claim: ClaimRow): ClaimT {
  return {
    state: claim.state,
    agreementVersion: claim.agreementVersion,
    certifyId: claim.certifyId,
    certifiedAt: claim.certifiedAt === null ? null : isoOf(claim.certifiedAt),
    updatedAt: isoOf(claim.updatedAt),
  }
}
