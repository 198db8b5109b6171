/**
 * Mock-only routes for QA and for the H5 build, standing in for what the platform does (tagged
 * `mock` in the OpenAPI document; a real gateway has none of them).
 */
import { Type, type Static } from '@sinclair/typebox'
import type { FastifyPluginAsync } from 'fastify'
import { ApiError } from '../apiError'
import { ensurePreIssuedCard } from '../cards'
import type { AppContext } from '../context'
import { findPersona, PERSONAS } from '../personas'
import {
  AuthCodeRequest,
  AuthCodeResponse,
  CardAudit,
  CardNumberParams,
  CertifyIdParams,
  FaceOutcomeRequest,
  Ok,
  PersonaIdParams,
  PersonaList,
  type AuthCodeResponseT,
  type CardAuditT,
  type PersonaSummaryT,
} from '../schemas/api'
import { isoOf } from '../time'
import { AUTH_CODE_TTL_S, issueAuthCode } from '../tokens'
import { described, errorResponses } from './responses'

const MOCK = ['mock']
const JSON_ERRORS = ['BODY_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'] as const

export function mockRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/mock/personas',
      {
        schema: {
          operationId: 'listPersonas',
          summary: 'The synthetic residents QA can sign in as',
          tags: MOCK,
          response: { 200: described(PersonaList, 'The personas'), ...errorResponses() },
        },
      },
      async (): Promise<PersonaSummaryT[]> => PERSONAS.map((p) => ({ id: p.id, name: p.name, traits: [...p.traits] })),
    )

    app.post<{ Params: Static<typeof PersonaIdParams> }>(
      '/mock/personas/:id/reset',
      {
        schema: {
          operationId: 'resetPersona',
          summary: "Wipe a persona's claim, certifications, password, cards (with their QR tokens and audit), idempotency keys and tokens",
          description: 'The has-ecard persona gets its pre-issued card back.',
          tags: MOCK,
          params: PersonaIdParams,
          response: { 200: described(Ok, 'Reset'), ...errorResponses('PERSONA_NOT_FOUND', ...JSON_ERRORS) },
        },
      },
      async (request) => {
        const persona = findPersona(request.params.id)
        if (!persona) throw new ApiError('PERSONA_NOT_FOUND')
        const now = ctx.now()
        ctx.store.transaction(() => {
          ctx.store.wipePersona(persona.id)
          ensurePreIssuedCard(ctx.store, persona, now)
        })
        return { ok: true as const }
      },
    )

    app.post<{ Body: Static<typeof AuthCodeRequest> }>(
      '/mock/auth-code',
      {
        schema: {
          operationId: 'mockAuthCode',
          summary: 'What my.getAuthCode would give the app for this persona (single use, 5 minutes)',
          tags: MOCK,
          body: AuthCodeRequest,
          response: { 200: described(AuthCodeResponse, 'An authorization code'), ...errorResponses('PERSONA_NOT_FOUND', ...JSON_ERRORS) },
        },
      },
      async (request): Promise<AuthCodeResponseT> => {
        const persona = findPersona(request.body.personaId)
        if (!persona) throw new ApiError('PERSONA_NOT_FOUND')
        return { authCode: issueAuthCode(ctx.store, persona.id, ctx.now()), expiresIn: AUTH_CODE_TTL_S }
      },
    )

    app.post<{ Params: Static<typeof CertifyIdParams>; Body: Static<typeof FaceOutcomeRequest> }>(
      '/mock/certifications/:certifyId/complete',
      {
        schema: {
          operationId: 'mockCompleteCertification',
          summary: 'The H5 stand-in for the face scan on the platform: records the outcome, decides nothing',
          tags: MOCK,
          params: CertifyIdParams,
          body: FaceOutcomeRequest,
          response: { 200: described(Ok, 'Recorded'), ...errorResponses('CERTIFY_NOT_FOUND', ...JSON_ERRORS) },
        },
      },
      async (request) => {
        const { certifyId } = request.params
        ctx.store.transaction(() => {
          const cert = ctx.store.getCertification(certifyId)
          if (!cert) throw new ApiError('CERTIFY_NOT_FOUND')
          // once the server has accepted a pass, the session is closed
          if (cert.passedAt === null) ctx.store.recordCertificationOutcome(certifyId, request.body.outcome, ctx.now())
        })
        return { ok: true as const }
      },
    )

    app.get<{ Params: Static<typeof CertifyIdParams> }>(
      '/mock/certifications/:certifyId',
      {
        schema: {
          operationId: 'mockCertifyPage',
          summary: 'The certifyUrl: where the platform would show its face-verification screen',
          tags: MOCK,
          params: CertifyIdParams,
          response: {
            200: { description: 'A short HTML note', content: { 'text/html': { schema: Type.String() } } },
            ...errorResponses('CERTIFY_NOT_FOUND'),
          },
        },
      },
      async (request, reply) => {
        const cert = ctx.store.getCertification(request.params.certifyId)
        if (!cert) throw new ApiError('CERTIFY_NOT_FOUND')
        reply.type('text/html; charset=utf-8')
        return (
          '<!doctype html><meta charset="utf-8"><title>Face verification (mock)</title>' +
          '<p>This is where the platform would show its own face-verification screen. ' +
          'In this simulator the app\'s H5 stand-in (the <code>face</code> step) records the outcome with ' +
          '<code>POST /api/mock/certifications/:certifyId/complete</code>.</p>'
        )
      },
    )

    app.get<{ Params: Static<typeof CardNumberParams> }>(
      '/mock/cards/:cardNumber/audit',
      {
        schema: {
          operationId: 'mockCardAudit',
          summary: "A card's audit trail, oldest first (QA)",
          description:
            'One entry per change to the card and per refused attempt at one: actor holder, system or scanner:<id>; action issued, ' +
            'qr_issued, qr_scanned, revealed, password_changed, password_reset, password_wrong, locked or unbound; outcome ok, or ' +
            'refused with the error code. No secrets and no personal data. Unbound cards keep their trail.',
          tags: MOCK,
          params: CardNumberParams,
          response: { 200: described(CardAudit, 'The audit trail'), ...errorResponses('CARD_NOT_FOUND') },
        },
      },
      async (request): Promise<CardAuditT> => {
        const card = ctx.store.findCardByNumber(request.params.cardNumber)
        if (!card) throw new ApiError('CARD_NOT_FOUND')
        return {
          cardNumber: card.cardNumber,
          status: card.status,
          entries: ctx.store.listAudit(card.id).map((row) => ({
            id: row.id,
            personaId: row.personaId,
            at: isoOf(row.at),
            actor: row.actor,
            action: row.action,
            outcome: row.outcome,
            code: row.code,
          })),
        }
      },
    )
  }
}
