/** The claim: its state, consent to the agreement, and the card password. */
import type { Static } from '@sinclair/typebox'
import type { FastifyPluginAsync } from 'fastify'
import { CURRENT_AGREEMENT } from '../agreement'
import { ApiError } from '../apiError'
import { bearerGuard, personaOf } from '../auth'
import { certificationFresh, ensureClaim, toWireClaim } from '../claims'
import type { AppContext } from '../context'
import { acceptNewPassword } from '../passwords'
import { isMinor } from '../personas'
import { Claim, ConsentRequest, PasswordRequest, type ClaimStateT } from '../schemas/api'
import type { ClaimRow } from '../store'
import { BEARER_ERRORS, BEARER_SECURITY, described, errorResponses } from './responses'

const CONSENT_FROM: ClaimStateT[] = ['informed', 'consented']
const PASSWORD_FROM: ClaimStateT[] = ['certified', 'password_set']

/** Why the password step is refused in this state, or null when it is allowed. */
function passwordStepRefusal(claim: ClaimRow, now: number): ApiError | null {
  if (claim.state === 'issued') return new ApiError('ECARD_EXISTS')
  if (claim.state === 'certifying') return new ApiError('CERTIFY_NOT_PASSED')
  if (!PASSWORD_FROM.includes(claim.state)) return new ApiError('STEP_OUT_OF_ORDER')
  if (!certificationFresh(claim, now)) return new ApiError('CERTIFY_EXPIRED')
  return null
}

export function claimRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.addHook('onRequest', bearerGuard(ctx))

    app.get(
      '/claim',
      {
        schema: {
          operationId: 'getClaim',
          summary: "The claim's server-side state",
          tags: ['claim'],
          security: BEARER_SECURITY,
          response: { 200: described(Claim, 'The claim'), ...errorResponses(...BEARER_ERRORS) },
        },
      },
      async (request) => {
        const persona = personaOf(request)
        return toWireClaim(ctx.store.transaction(() => ensureClaim(ctx.store, persona, ctx.now())))
      },
    )

    app.post<{ Body: Static<typeof ConsentRequest> }>(
      '/claim/consent',
      {
        schema: {
          operationId: 'consentToAgreement',
          summary: 'Accept the current agreement; eligibility is checked here (informed|consented → consented)',
          tags: ['claim'],
          security: BEARER_SECURITY,
          body: ConsentRequest,
          response: {
            200: described(Claim, 'The claim, now consented'),
            ...errorResponses(
              ...BEARER_ERRORS,
              'STEP_OUT_OF_ORDER',
              'ECARD_EXISTS',
              'AGREEMENT_OUTDATED',
              'NO_PHYSICAL_CARD',
              'CARD_SUSPENDED',
              'MINOR_NEEDS_GUARDIAN',
              'BODY_TOO_LARGE',
              'UNSUPPORTED_MEDIA_TYPE',
            ),
          },
        },
      },
      async (request) => {
        const persona = personaOf(request)
        const now = ctx.now()
        const claim = ctx.store.transaction(() => {
          const current = ensureClaim(ctx.store, persona, now)
          if (current.state === 'issued') throw new ApiError('ECARD_EXISTS')
          if (!CONSENT_FROM.includes(current.state)) throw new ApiError('STEP_OUT_OF_ORDER')
          if (request.body.agreementVersion !== CURRENT_AGREEMENT.version) throw new ApiError('AGREEMENT_OUTDATED')
          if (!persona.hasPhysicalCard) throw new ApiError('NO_PHYSICAL_CARD')
          if (persona.physicalCardStatus === 'suspended') throw new ApiError('CARD_SUSPENDED')
          if (isMinor(persona, now)) throw new ApiError('MINOR_NEEDS_GUARDIAN')
          return ctx.store.updateClaim(persona.id, { state: 'consented', agreementVersion: CURRENT_AGREEMENT.version, updatedAt: now })
        })
        return toWireClaim(claim)
      },
    )

    app.post<{ Body: Static<typeof PasswordRequest> }>(
      '/claim/password',
      {
        schema: {
          operationId: 'setCardPassword',
          summary: 'Set the six-digit card password, SM2-encrypted (certified|password_set → password_set)',
          description:
            'The password is decrypted with the server key named by keyId, checked against the weak-password rules ' +
            '(WEAK_PASSWORD with reason FORMAT, ALL_SAME, SEQUENTIAL, BIRTH_DATE or ID_SUFFIX) and stored as a salted scrypt hash. ' +
            'The passed face verification must be younger than 10 minutes.',
          tags: ['claim'],
          security: BEARER_SECURITY,
          body: PasswordRequest,
          response: {
            200: described(Claim, 'The claim, now password_set'),
            ...errorResponses(
              ...BEARER_ERRORS,
              'STEP_OUT_OF_ORDER',
              'ECARD_EXISTS',
              'CERTIFY_NOT_PASSED',
              'CERTIFY_EXPIRED',
              'PASSWORD_DECRYPT_FAILED',
              'WEAK_PASSWORD',
              'BODY_TOO_LARGE',
              'UNSUPPORTED_MEDIA_TYPE',
            ),
          },
        },
      },
      async (request) => {
        const persona = personaOf(request)
        const before = ctx.store.transaction(() => ensureClaim(ctx.store, persona, ctx.now()))
        const refusal = passwordStepRefusal(before, ctx.now())
        if (refusal) throw refusal

        // Never log the password or the ciphertext: neither leaves acceptNewPassword.
        const hash = await acceptNewPassword(ctx.store.serverKey(), request.body.keyId, request.body.encryptedPassword, persona)

        // The state may have moved while scrypt ran: check again, then write, atomically.
        const now = ctx.now()
        const claim = ctx.store.transaction(() => {
          const current = ensureClaim(ctx.store, persona, now)
          const late = passwordStepRefusal(current, now)
          if (late) throw late
          ctx.store.setPasswordHash(persona.id, hash, now)
          return ctx.store.updateClaim(persona.id, { state: 'password_set', updatedAt: now })
        })
        return toWireClaim(claim)
      },
    )
  }
}
