/** Issuing the card (idempotent) and reading it back. */
import type { Static } from '@sinclair/typebox'
import type { FastifyPluginAsync } from 'fastify'
import { CURRENT_AGREEMENT } from '../agreement'
import { ApiError } from '../apiError'
import { recordAudit } from '../audit'
import { bearerGuard, personaOf } from '../auth'
import { newCard, toWireCard } from '../cards'
import type { CardRow } from '../store'
import { certificationFresh, ensureClaim } from '../claims'
import type { AppContext } from '../context'
import { Card, IdempotencyHeaders } from '../schemas/api'
import { BEARER_ERRORS, BEARER_SECURITY, described, errorResponses } from './responses'

export function cardRoutes(ctx: AppContext): FastifyPluginAsync {
  const wireJson = new WeakMap<CardRow, string>()
  return async (app) => {
    app.addHook('onRequest', bearerGuard(ctx))

    app.post<{ Headers: Static<typeof IdempotencyHeaders> }>(
      '/cards',
      {
        schema: {
          operationId: 'issueCard',
          summary: 'Issue the e-card (password_set → issued); idempotent by the Idempotency-Key header',
          description:
            'Requires, on the server: state password_set, consent to the current agreement, a passed face verification younger ' +
            'than 10 minutes and a stored password. 201 when the card is created; 200 with the same card when the same key is ' +
            'sent again by the same user; IDEMPOTENCY_KEY_CONFLICT when the key was used by another user.',
          tags: ['card'],
          security: BEARER_SECURITY,
          headers: IdempotencyHeaders,
          response: {
            200: described(Card, 'The card issued earlier under this Idempotency-Key (a replay)'),
            201: described(Card, 'The card, issued now'),
            ...errorResponses(
              ...BEARER_ERRORS,
              'IDEMPOTENCY_KEY_REQUIRED',
              'IDEMPOTENCY_KEY_CONFLICT',
              'STEP_OUT_OF_ORDER',
              'ECARD_EXISTS',
              'AGREEMENT_OUTDATED',
              'CERTIFY_EXPIRED',
              'BODY_TOO_LARGE',
              'UNSUPPORTED_MEDIA_TYPE',
            ),
          },
        },
      },
      async (request, reply) => {
        const persona = personaOf(request)
        const key = request.headers['idempotency-key']
        if (!key) throw new ApiError('IDEMPOTENCY_KEY_REQUIRED')
        const now = ctx.now()
        // Check and insert in ONE synchronous transaction (no await inside): concurrent requests
        // with one key are serialized by SQLite, so exactly one of them creates the card and the
        // rest find its key.
        const { card, created } = ctx.store.transaction(() => {
          const seen = ctx.store.findIdempotencyKey(key)
          if (seen) {
            if (seen.personaId !== persona.id) throw new ApiError('IDEMPOTENCY_KEY_CONFLICT')
            const earlier = ctx.store.getCard(seen.cardId)
            if (!earlier) throw new Error('idempotency key refers to a missing card')
            return { card: earlier, created: false }
          }
          const claim = ensureClaim(ctx.store, persona, now)
          if (claim.state === 'issued' || ctx.store.activeCard(persona.id)) throw new ApiError('ECARD_EXISTS')
          if (claim.state !== 'password_set') throw new ApiError('STEP_OUT_OF_ORDER')
          if (claim.agreementVersion !== CURRENT_AGREEMENT.version) throw new ApiError('AGREEMENT_OUTDATED')
          if (!certificationFresh(claim, now)) throw new ApiError('CERTIFY_EXPIRED')
          if (!ctx.store.getPasswordHash(persona.id)) throw new ApiError('STEP_OUT_OF_ORDER', 'No card password has been set.')
          const issued = ctx.store.insertCard(newCard(ctx.store, persona, now))
          ctx.store.insertIdempotencyKey(key, persona.id, issued.id, now)
          recordAudit(ctx.store, { card: issued, actor: 'holder', action: 'issued' }, now)
          ctx.store.updateClaim(persona.id, { state: 'issued', updatedAt: now })
          return { card: issued, created: true }
        })
        reply.code(created ? 201 : 200)
        return toWireCard(card, persona)
      },
    )

    app.get(
      '/cards/current',
      {
        schema: {
          operationId: 'getCurrentCard',
          summary: "The signed-in person's active e-card (holder name and ID number masked)",
          description: 'CARD_NOT_FOUND before issuance and after the card was unbound. The unmasked details come only from POST /cards/current/reveal.',
          tags: ['card'],
          security: BEARER_SECURITY,
          response: { 200: described(Card, 'The card'), ...errorResponses(...BEARER_ERRORS, 'CARD_NOT_FOUND') },
        },
      },
      async (request, reply) => {
        const persona = personaOf(request)
        const card = ctx.store.activeCard(persona.id)
        if (!card) throw new ApiError('CARD_NOT_FOUND')
        // The card screen's every load reads this. The answer depends on the card row and its
        // holder only, and the store hands out the same row object until the card changes: its
        // JSON (masked, through the route's own serializer) is made once per row.
        let json = wireJson.get(card)
        if (json === undefined) wireJson.set(card, (json = reply.serialize(toWireCard(card, persona)) as string))
        return reply.type('application/json; charset=utf-8').send(json)
      },
    )
  }
}
