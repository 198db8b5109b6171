/** GET /api/mock/personas/:id/cards (mock only): how many e-cards a persona has, for QA checks such as "exactly one card". */
import type { Static } from '@sinclair/typebox'
import type { FastifyPluginAsync } from 'fastify'
import { ApiError } from '../apiError'
import type { AppContext } from '../context'
import { findPersona } from '../personas'
import { PersonaCards, PersonaIdParams, type PersonaCardsT } from '../schemas/api'
import { described, errorResponses } from './responses'

export function personaCardRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Params: Static<typeof PersonaIdParams> }>(
      '/mock/personas/:id/cards',
      {
        schema: {
          operationId: 'mockPersonaCards',
          summary: "How many e-cards a persona has been issued, and its active one (QA)",
          description: 'count includes unbound cards; a card issued twice under one Idempotency-Key counts once, as it is one card.',
          tags: ['mock'],
          params: PersonaIdParams,
          response: { 200: described(PersonaCards, "The persona's cards"), ...errorResponses('PERSONA_NOT_FOUND') },
        },
      },
      async (request): Promise<PersonaCardsT> => {
        const persona = findPersona(request.params.id)
        if (!persona) throw new ApiError('PERSONA_NOT_FOUND')
        const active = ctx.store.activeCard(persona.id)
        return {
          personaId: persona.id,
          count: ctx.store.countCards(persona.id),
          active: active ? { cardNumber: active.cardNumber, issueDate: active.issueDate, validUntil: active.validUntil, channel: active.channel } : null,
        }
      },
    )
  }
}
