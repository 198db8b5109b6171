/**
 * POST /scanner/verify: what a hospital's or pharmacy's scanner does with the card's QR code. For
 * integrators and QA. A real scanner would authenticate as a merchant; here it may name itself with
 * X-Scanner-Id, which the audit records as the actor `scanner:<id>`.
 *
 * The token itself says which card and until when (sealed: mock-server/qr.ts); the store holds only
 * the tokens spent. Single use holds under concurrent scans: the checks and the spend (an insert
 * of the token's id, which is unique) happen in one synchronous better-sqlite3 transaction, so of
 * any number of simultaneous scans of one token exactly one succeeds and the others find it used.
 */
import type { Static } from '@sinclair/typebox'
import type { FastifyPluginAsync } from 'fastify'
import { maskName } from '../../src/domain/mask'
import { ApiError } from '../apiError'
import { recordAudit, withAudit } from '../audit'
import type { AppContext } from '../context'
import { findPersona } from '../personas'
import { openQrToken, QR_TTL_S } from '../qr'
import { ScannerHeaders, ScanRequest, ScanResult, type ScanResultT } from '../schemas/api'
import type { AuditActor } from '../store'
import { isoOf } from '../time'
import { described, errorResponses } from './responses'

export function scannerRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.post<{ Body: Static<typeof ScanRequest>; Headers: Static<typeof ScannerHeaders> }>(
      '/scanner/verify',
      {
        schema: {
          operationId: 'verifyQrToken',
          summary: "Check a card's QR code token and spend it (single use)",
          description:
            'The first scan answers with the masked holder, card status, region code and sign level. Then: QR_ALREADY_USED (409) ' +
            'for a token scanned before; QR_EXPIRED (410) 60 seconds after issue; CARD_UNBOUND (410) once the card was unbound ' +
            '(its tokens end with it); QR_INVALID (400) for a token this server did not seal or that was altered. ' +
            'No bearer token: a real scanner would authenticate as a merchant; X-Scanner-Id (optional) is recorded in the audit.',
          tags: ['scanner'],
          headers: ScannerHeaders,
          body: ScanRequest,
          response: {
            200: described(ScanResult, 'Valid: spent now'),
            ...errorResponses('QR_INVALID', 'QR_ALREADY_USED', 'QR_EXPIRED', 'CARD_UNBOUND', 'BODY_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'),
          },
        },
      },
      async (request): Promise<ScanResultT> => {
        const scannerId = request.headers['x-scanner-id']
        const actor: AuditActor = `scanner:${scannerId ?? 'anonymous'}`
        const claims = openQrToken(ctx.store.qrSecret(), request.body.token)
        const card = claims && ctx.store.getCard(claims.cardId)
        const persona = card && findPersona(card.personaId)
        if (!claims || !card || !persona) {
          // nothing of ours: no card to audit
          ctx.lines.cardEvent({ reqId: request.id, action: 'qr_scanned', actor: 'scanner', outcome: 'refused', code: 'QR_INVALID' })
          throw new ApiError('QR_INVALID')
        }
        const now = ctx.now()
        return withAudit(ctx, request.id, { card, actor, action: 'qr_scanned' }, () =>
          ctx.store.transaction((): ScanResultT => {
            const current = ctx.store.getCard(claims.cardId)
            if (!current || current.status !== 'active') throw new ApiError('CARD_UNBOUND')
            if (ctx.store.getSpentQrToken(claims.tokenId)) throw new ApiError('QR_ALREADY_USED')
            if (now >= claims.expiresAt) throw new ApiError('QR_EXPIRED')
            const spent = { ...claims, personaId: current.personaId, createdAt: claims.expiresAt - QR_TTL_S * 1000, usedAt: now }
            if (!ctx.store.spendQrToken(spent)) throw new ApiError('QR_ALREADY_USED')
            recordAudit(ctx.store, { card: current, actor, action: 'qr_scanned' }, now)
            return {
              holderNameMasked: maskName(persona.name),
              cardStatus: 'active',
              aab301: current.aab301,
              signLevel: current.signLevel,
              scannedAt: isoOf(now),
            }
          }),
        )
      },
    )
  }
}
