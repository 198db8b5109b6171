/**
 * The issued card, after the claim: its unmasked details for the reveal toggle, its QR code, its
 * password (change, and reset after face verification) and unbinding. Every action on the card is
 * audited (card_audit) and logged as one line without personal data.
 */
import type { Static } from '@sinclair/typebox'
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import { ApiError } from '../apiError'
import { auditEntry, recordAudit, withAudit } from '../audit'
import { bearerGuard, personaOf } from '../auth'
import { verifyCardPassword, assertPasswordUsable } from '../cardPassword'
import { CERTIFICATION_TTL_MS, restartClaim, toWireClaim } from '../claims'
import type { AppContext } from '../context'
import { certifyUrlOf, openCertification, passedCertificationFor } from '../faceVerification'
import { acceptNewPassword } from '../passwords'
import type { Persona } from '../personas'
import { QR_TTL_S, sealQrTokenAtTurnEnd } from '../qr'
import {
  CardPasswordChangeRequest,
  CardReveal,
  CertifyStartResponse,
  Ok,
  PasswordResetRequest,
  QrToken,
  UnbindRequest,
  UnbindResponse,
  type CardRevealT,
  type CertifyStartResponseT,
  type UnbindResponseT,
} from '../schemas/api'
import type { CardRow, Store } from '../store'
import { isoOf } from '../time'
import { BEARER_ERRORS, BEARER_SECURITY, described, errorResponses } from './responses'

/** How long the unmasked details may stay on screen. */
export const REVEAL_TTL_MS = 30 * 1000

const JSON_ERRORS = ['BODY_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'] as const
const CARD_ERRORS = [...BEARER_ERRORS, 'CARD_NOT_FOUND', ...JSON_ERRORS] as const
const CERTIFY_USE_ERRORS = ['CERTIFY_NOT_FOUND', 'CERTIFY_NOT_PASSED', 'CERTIFY_EXPIRED'] as const
const PASSWORD_USE_ERRORS = ['PASSWORD_WRONG', 'PASSWORD_LOCKED', 'PASSWORD_DECRYPT_FAILED', 'STEP_OUT_OF_ORDER'] as const

function currentCard(ctx: AppContext, persona: Persona): CardRow {
  const card = ctx.store.activeCard(persona.id)
  if (!card) throw new ApiError('CARD_NOT_FOUND')
  return card
}

/** Inside a transaction: the card is still the person's active card (it may have been unbound meanwhile). */
function assertStillActive(store: Store, card: CardRow): void {
  if (store.getCard(card.id)?.status !== 'active') throw new ApiError('CARD_NOT_FOUND')
}

export function cardManagementRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.addHook('onRequest', bearerGuard(ctx))

    /** A face verification for an action on the issued card (same shape as the claim's; the claim is untouched). */
    const startCardCertification =
      (purpose: 'reset' | 'unbind') =>
      async (request: FastifyRequest): Promise<CertifyStartResponseT> => {
        const persona = personaOf(request)
        const now = ctx.now()
        const certifyId = ctx.store.transaction(() => {
          currentCard(ctx, persona)
          return openCertification(ctx.store, persona, purpose, now, ctx.limits.faceStartsPer10Minutes)
        })
        return { certifyId, certifyUrl: certifyUrlOf(request, certifyId), expiresIn: CERTIFICATION_TTL_MS / 1000 }
      }

    app.post(
      '/cards/current/reveal',
      {
        schema: {
          operationId: 'revealCard',
          summary: "The card's unmasked details, for the card page's reveal toggle only (30 seconds)",
          description:
            'The full name, ID number and card number, with the time the app must mask them again. Cache-Control: no-store; ' +
            'audited as revealed; never logged. Every other card response stays masked.',
          tags: ['card'],
          security: BEARER_SECURITY,
          response: { 200: described(CardReveal, 'The unmasked details'), ...errorResponses(...CARD_ERRORS) },
        },
      },
      async (request, reply): Promise<CardRevealT> => {
        const persona = personaOf(request)
        const card = currentCard(ctx, persona)
        const now = ctx.now()
        await withAudit(ctx, request.id, { card, actor: 'holder', action: 'revealed' }, () =>
          ctx.store.transaction(() => {
            assertStillActive(ctx.store, card)
            recordAudit(ctx.store, { card, actor: 'holder', action: 'revealed' }, now)
          }),
        )
        reply.header('cache-control', 'no-store').header('pragma', 'no-cache')
        return { holderName: persona.name, idNumber: persona.idNumber, cardNumber: card.cardNumber, revealedUntil: isoOf(now + REVEAL_TTL_MS) }
      },
    )

    app.post(
      '/cards/current/qr',
      {
        schema: {
          operationId: 'issueQrToken',
          summary: 'A QR code token for the card: opaque, signed, single use, valid for 60 seconds',
          description:
            'Sealed with a server secret kept in the store (AES, encrypt-then-MAC), bound to the card. A new token does not end older unexpired ones ' +
            '(the screen refreshes before expiry); unbinding the card ends them all. Scanners check it with POST /scanner/verify.',
          tags: ['card'],
          security: BEARER_SECURITY,
          response: { 200: described(QrToken, 'The token'), ...errorResponses(...CARD_ERRORS) },
        },
      },
      (request, reply) => {
        const persona = personaOf(request)
        const card = currentCard(ctx, persona)
        const now = ctx.now()
        const expiresAt = now + QR_TTL_S * 1000
        // Nothing can be refused once the card is read, so no withAudit (its await and its catch):
        // the ok row and the ok line directly. The token is stored nowhere (it seals its card and
        // expiry) and the row changes nothing, so the row is group-committed (Store.queueAudit).
        ctx.store.queueAudit(auditEntry({ card, actor: 'holder', action: 'qr_issued' }, now))
        ctx.lines.cardEvent({ reqId: request.id, action: 'qr_issued', actor: 'holder', outcome: 'ok' })
        sealQrTokenAtTurnEnd(ctx.store.qrSecret(), card.id, expiresAt, (error, token) => {
          if (error) return reply.send(error)
          // the schema's serializer would make the same text: a token and an ISO time need no escaping
          reply.type('application/json; charset=utf-8').send(`{"token":"${token}","expiresAt":"${isoOf(expiresAt)}","expiresIn":${QR_TTL_S}}`)
        })
      },
    )

    app.post<{ Body: Static<typeof CardPasswordChangeRequest> }>(
      '/cards/current/password',
      {
        schema: {
          operationId: 'changeCardPassword',
          summary: 'Change the card password: the current one and the new one, both SM2-encrypted',
          description:
            'A wrong current password is PASSWORD_WRONG with remainingAttempts; the sixth wrong one in a row is PASSWORD_LOCKED with ' +
            'lockedUntil (24 hours) and a Retry-After header (seconds), and while locked every use of the password is refused. A correct password resets the count. ' +
            'The new password follows the rules of the claim (WEAK_PASSWORD with its reason).',
          tags: ['card'],
          security: BEARER_SECURITY,
          body: CardPasswordChangeRequest,
          response: { 200: described(Ok, 'Changed'), ...errorResponses(...CARD_ERRORS, ...PASSWORD_USE_ERRORS, 'WEAK_PASSWORD') },
        },
      },
      async (request) => {
        const persona = personaOf(request)
        const card = currentCard(ctx, persona)
        const { keyId, encryptedOldPassword, encryptedNewPassword } = request.body
        await withAudit(ctx, request.id, { card, actor: 'holder', action: 'password_changed' }, async () => {
          await verifyCardPassword(ctx, persona, card, keyId, encryptedOldPassword)
          const hash = await acceptNewPassword(ctx.store.serverKey(), keyId, encryptedNewPassword, persona)
          const now = ctx.now()
          ctx.store.transaction(() => {
            assertStillActive(ctx.store, card)
            // locked by concurrent wrong passwords while the new one was hashed
            assertPasswordUsable(ctx.store.getPassword(persona.id), now)
            ctx.store.setPasswordHash(persona.id, hash, now)
            recordAudit(ctx.store, { card, actor: 'holder', action: 'password_changed' }, now)
          })
        })
        return { ok: true as const }
      },
    )

    app.post(
      '/cards/current/password-reset/certifications',
      {
        schema: {
          operationId: 'startPasswordResetCertification',
          summary: 'Start a face verification for resetting a forgotten card password (purpose reset)',
          description:
            'Same shape as POST /certifications. Query it with GET /certifications/{certifyId}; then POST /cards/current/password-reset ' +
            'within 10 minutes of the pass. Does not touch the claim.',
          tags: ['card'],
          security: BEARER_SECURITY,
          response: { 200: described(CertifyStartResponse, 'The new certification'), ...errorResponses(...CARD_ERRORS, 'FACE_RATE_LIMITED') },
        },
      },
      startCardCertification('reset'),
    )

    app.post<{ Body: Static<typeof PasswordResetRequest> }>(
      '/cards/current/password-reset',
      {
        schema: {
          operationId: 'resetCardPassword',
          summary: 'Set a new card password after face verification (forgotten password); clears the lock',
          description:
            'certifyId must be this person\'s verification of purpose reset, passed less than 10 minutes ago and not used before ' +
            '(CERTIFY_NOT_FOUND; CERTIFY_NOT_PASSED with reason WRONG_PURPOSE or the failReason; CERTIFY_EXPIRED with reason EXPIRED ' +
            'or ALREADY_USED). The new password follows the rules of the claim.',
          tags: ['card'],
          security: BEARER_SECURITY,
          body: PasswordResetRequest,
          response: {
            200: described(Ok, 'The new password is set and the lock cleared'),
            ...errorResponses(...CARD_ERRORS, ...CERTIFY_USE_ERRORS, 'PASSWORD_DECRYPT_FAILED', 'WEAK_PASSWORD'),
          },
        },
      },
      async (request) => {
        const persona = personaOf(request)
        const card = currentCard(ctx, persona)
        const { certifyId, keyId, encryptedNewPassword } = request.body
        await withAudit(ctx, request.id, { card, actor: 'holder', action: 'password_reset' }, async () => {
          // refuse early, before the slow hash, when the verification cannot be used
          ctx.store.transaction(() => passedCertificationFor(ctx.store, persona, certifyId, 'reset', ctx.now()))
          const hash = await acceptNewPassword(ctx.store.serverKey(), keyId, encryptedNewPassword, persona)
          const now = ctx.now()
          ctx.store.transaction(() => {
            assertStillActive(ctx.store, card)
            passedCertificationFor(ctx.store, persona, certifyId, 'reset', now)
            if (!ctx.store.consumeCertification(certifyId, now)) throw new ApiError('CERTIFY_EXPIRED', undefined, 'ALREADY_USED')
            ctx.store.setPasswordHash(persona.id, hash, now)
            recordAudit(ctx.store, { card, actor: 'holder', action: 'password_reset' }, now)
          })
        })
        return { ok: true as const }
      },
    )

    app.post(
      '/cards/current/unbind/certifications',
      {
        schema: {
          operationId: 'startUnbindCertification',
          summary: 'Start a face verification for unbinding the card without its password (purpose unbind)',
          description: 'Same shape as POST /certifications. Query it with GET /certifications/{certifyId}; then unbind with method face.',
          tags: ['card'],
          security: BEARER_SECURITY,
          response: { 200: described(CertifyStartResponse, 'The new certification'), ...errorResponses(...CARD_ERRORS, 'FACE_RATE_LIMITED') },
        },
      },
      startCardCertification('unbind'),
    )

    app.post<{ Body: Static<typeof UnbindRequest> }>(
      '/cards/current/unbind',
      {
        schema: {
          operationId: 'unbindCard',
          summary: 'Unbind the card from this channel, with the card password or a passed face verification (purpose unbind)',
          description:
            'The card row stays (status unbound) with its audit; its QR tokens end (a scan is CARD_UNBOUND); the card password is ' +
            'removed; the claim starts over at authorized, so the nine steps issue a new card with a new number. ' +
            'method password counts toward the lockout like a password change. GET /cards/current is CARD_NOT_FOUND afterwards.',
          tags: ['card'],
          security: BEARER_SECURITY,
          body: UnbindRequest,
          response: {
            200: described(UnbindResponse, 'Unbound; the claim as it starts over'),
            ...errorResponses(...CARD_ERRORS, ...PASSWORD_USE_ERRORS, ...CERTIFY_USE_ERRORS),
          },
        },
      },
      async (request): Promise<UnbindResponseT> => {
        const persona = personaOf(request)
        const card = currentCard(ctx, persona)
        const body = request.body
        return withAudit(ctx, request.id, { card, actor: 'holder', action: 'unbound' }, async () => {
          if (body.method === 'password') await verifyCardPassword(ctx, persona, card, body.keyId, body.encryptedPassword)
          else ctx.store.transaction(() => passedCertificationFor(ctx.store, persona, body.certifyId, 'unbind', ctx.now()))
          const now = ctx.now()
          const claim = ctx.store.transaction(() => {
            if (body.method === 'face') {
              passedCertificationFor(ctx.store, persona, body.certifyId, 'unbind', now)
              if (!ctx.store.consumeCertification(body.certifyId, now)) throw new ApiError('CERTIFY_EXPIRED', undefined, 'ALREADY_USED')
            } else {
              assertPasswordUsable(ctx.store.getPassword(persona.id), now)
            }
            if (!ctx.store.unbindCard(card.id, now)) throw new ApiError('CARD_NOT_FOUND')
            // its QR tokens end with it: a scan checks the card (mock-server/routes/scanner.ts)
            ctx.store.deletePassword(persona.id)
            recordAudit(ctx.store, { card, actor: 'holder', action: 'unbound' }, now)
            return restartClaim(ctx.store, persona, now)
          })
          return { status: 'unbound' as const, unboundAt: isoOf(now), claim: toWireClaim(claim) }
        })
      },
    )
  }
}
