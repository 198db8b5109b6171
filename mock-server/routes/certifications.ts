/**
 * Face verification, the shape of alipay.user.certify.open.initialize / .query. The app starts a
 * certification, the platform (here: the H5 stand-in, POST /mock/certifications/:id/complete)
 * does the face scan and records an outcome, and the app asks the server for the result. The
 * server decides from its own record of the session only: nothing the client says at the query
 * counts.
 */
import type { Static } from '@sinclair/typebox'
import type { FastifyPluginAsync } from 'fastify'
import { ApiError } from '../apiError'
import { bearerGuard, personaOf } from '../auth'
import { CERTIFICATION_TTL_MS, ensureClaim, toWireClaim } from '../claims'
import type { AppContext } from '../context'
import { hasFaceMismatch, type Persona } from '../personas'
import { CertifyIdParams, CertifyResult, CertifyStartResponse, type CertifyResultT, type ClaimStateT } from '../schemas/api'
import type { CertificationRow, ClaimRow } from '../store'
import { randomToken } from '../tokens'
import { BEARER_ERRORS, BEARER_SECURITY, described, errorResponses } from './responses'

const START_FROM: ClaimStateT[] = ['consented', 'certifying', 'certified']

/** The failReason values a query can give. */
export const CERTIFY_FAIL_REASONS = ['FACE_MISMATCH', 'USER_CANCELLED', 'NOT_COMPLETED', 'EXPIRED', 'SUPERSEDED'] as const
type FailReason = (typeof CERTIFY_FAIL_REASONS)[number]

/** The verdict on a certification that has not been accepted yet; null means it passes. */
function verdict(cert: CertificationRow, claim: ClaimRow, persona: Persona, now: number): FailReason | null {
  if (cert.outcome === 'cancel') return 'USER_CANCELLED'
  if (cert.outcome === 'fail') return 'FACE_MISMATCH'
  // the face-mismatch persona's face never matches, whatever the stand-in was told
  if (cert.outcome === 'pass' && hasFaceMismatch(persona)) return 'FACE_MISMATCH'
  if (now >= cert.expiresAt) return 'EXPIRED'
  if (cert.outcome === null) return 'NOT_COMPLETED'
  // a newer certification was started since: only the claim's current one counts
  if (claim.certifyId !== cert.certifyId || claim.state !== 'certifying') return 'SUPERSEDED'
  return null
}

export function certificationRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.addHook('onRequest', bearerGuard(ctx))

    app.post(
      '/certifications',
      {
        schema: {
          operationId: 'startCertification',
          summary: 'Start a face verification (consented|certifying|certified → certifying)',
          description: 'certifyUrl is what the platform would open; the session expires after 10 minutes.',
          tags: ['certification'],
          security: BEARER_SECURITY,
          response: {
            200: described(CertifyStartResponse, 'The new certification'),
            ...errorResponses(...BEARER_ERRORS, 'STEP_OUT_OF_ORDER', 'BODY_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'),
          },
        },
      },
      async (request) => {
        const persona = personaOf(request)
        const now = ctx.now()
        const certifyId = randomToken(18)
        ctx.store.transaction(() => {
          const claim = ensureClaim(ctx.store, persona, now)
          if (!START_FROM.includes(claim.state)) throw new ApiError('STEP_OUT_OF_ORDER')
          ctx.store.insertCertification({
            certifyId,
            personaId: persona.id,
            createdAt: now,
            expiresAt: now + CERTIFICATION_TTL_MS,
            outcome: null,
            outcomeAt: null,
            passedAt: null,
          })
          ctx.store.updateClaim(persona.id, { state: 'certifying', certifyId, certifiedAt: null, updatedAt: now })
        })
        return {
          certifyId,
          certifyUrl: `${request.protocol}://${request.host}/api/mock/certifications/${certifyId}`,
          expiresIn: CERTIFICATION_TTL_MS / 1000,
        }
      },
    )

    app.get<{ Params: Static<typeof CertifyIdParams> }>(
      '/certifications/:certifyId',
      {
        schema: {
          operationId: 'queryCertification',
          summary: 'The result of a face verification; a pass moves the claim certifying → certified',
          description: `passed is T or F; failReason is one of ${CERTIFY_FAIL_REASONS.join(', ')} (null when passed).`,
          tags: ['certification'],
          security: BEARER_SECURITY,
          params: CertifyIdParams,
          response: { 200: described(CertifyResult, 'The result and the claim'), ...errorResponses(...BEARER_ERRORS, 'CERTIFY_NOT_FOUND') },
        },
      },
      async (request): Promise<CertifyResultT> => {
        const persona = personaOf(request)
        const now = ctx.now()
        const { certifyId } = request.params
        return ctx.store.transaction(() => {
          const cert = ctx.store.getCertification(certifyId)
          if (!cert || cert.personaId !== persona.id) throw new ApiError('CERTIFY_NOT_FOUND')
          let claim = ensureClaim(ctx.store, persona, now)
          // already accepted: the answer does not change
          if (cert.passedAt !== null) return { certifyId, passed: 'T', failReason: null, claim: toWireClaim(claim) }
          const failReason = verdict(cert, claim, persona, now)
          if (failReason) return { certifyId, passed: 'F', failReason, claim: toWireClaim(claim) }
          ctx.store.markCertificationPassed(certifyId, now)
          claim = ctx.store.updateClaim(persona.id, { state: 'certified', certifiedAt: now, updatedAt: now })
          return { certifyId, passed: 'T', failReason: null, claim: toWireClaim(claim) }
        })
      },
    )
  }
}
