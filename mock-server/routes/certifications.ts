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
import { CERTIFY_FAIL_REASONS, certifyUrlOf, openCertification, verdict } from '../faceVerification'
import { CertifyIdParams, CertifyResult, CertifyStartResponse, type CertifyResultT, type ClaimStateT } from '../schemas/api'
import { BEARER_ERRORS, BEARER_SECURITY, described, errorResponses } from './responses'

const START_FROM: ClaimStateT[] = ['consented', 'certifying', 'certified']

/** Kept here too for importers of this module; the list lives with the verdict. */
export { CERTIFY_FAIL_REASONS }

export function certificationRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.addHook('onRequest', bearerGuard(ctx))

    app.post(
      '/certifications',
      {
        schema: {
          operationId: 'startCertification',
          summary: 'Start a face verification (consented|certifying|certified → certifying)',
          description:
            'certifyUrl is what the platform would open; the session expires after 10 minutes. A person may start 5 face verifications ' +
            '(claim, reset and unbind together) in any 10 minutes: the next is FACE_RATE_LIMITED (429) with Retry-After.',
          tags: ['certification'],
          security: BEARER_SECURITY,
          response: {
            200: described(CertifyStartResponse, 'The new certification'),
            ...errorResponses(...BEARER_ERRORS, 'STEP_OUT_OF_ORDER', 'FACE_RATE_LIMITED', 'BODY_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'),
          },
        },
      },
      async (request) => {
        const persona = personaOf(request)
        const now = ctx.now()
        const certifyId = ctx.store.transaction(() => {
          const claim = ensureClaim(ctx.store, persona, now)
          if (!START_FROM.includes(claim.state)) throw new ApiError('STEP_OUT_OF_ORDER')
          const id = openCertification(ctx.store, persona, 'claim', now, ctx.limits.faceStartsPer10Minutes)
          ctx.store.updateClaim(persona.id, { state: 'certifying', certifyId: id, certifiedAt: null, updatedAt: now })
          return id
        })
        return { certifyId, certifyUrl: certifyUrlOf(request, certifyId), expiresIn: CERTIFICATION_TTL_MS / 1000 }
      },
    )

    app.get<{ Params: Static<typeof CertifyIdParams> }>(
      '/certifications/:certifyId',
      {
        schema: {
          operationId: 'queryCertification',
          summary: 'The result of a face verification; a pass of a claim verification moves the claim certifying → certified',
          description:
            `passed is T or F; failReason is one of ${CERTIFY_FAIL_REASONS.join(', ')} (null when passed). ` +
            'Works for every purpose (claim, reset, unbind); only a claim verification moves the claim, and only it can be SUPERSEDED.',
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
          const { purpose } = cert
          let claim = ensureClaim(ctx.store, persona, now)
          // already accepted: the answer does not change
          if (cert.passedAt !== null) return { certifyId, passed: 'T', failReason: null, claim: toWireClaim(claim), purpose }
          const failReason = verdict(cert, claim, persona, now)
          if (failReason) return { certifyId, passed: 'F', failReason, claim: toWireClaim(claim), purpose }
          ctx.store.markCertificationPassed(certifyId, now)
          if (purpose === 'claim') claim = ctx.store.updateClaim(persona.id, { state: 'certified', certifiedAt: now, updatedAt: now })
          return { certifyId, passed: 'T', failReason: null, claim: toWireClaim(claim), purpose }
        })
      },
    )
  }
}
