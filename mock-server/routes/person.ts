/** GET /person: the person's record as the gateway holds it, masked for the screen. */
import type { FastifyPluginAsync } from 'fastify'
import { maskIdNumber } from '../../src/domain/mask'
import { bearerGuard, personaOf } from '../auth'
import { ensureClaim } from '../claims'
import type { AppContext } from '../context'
import { isMinor, type Persona } from '../personas'
import { Person, type PersonT } from '../schemas/api'
import { BEARER_ERRORS, BEARER_SECURITY, described, errorResponses } from './responses'

export function personRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/person',
      {
        onRequest: bearerGuard(ctx),
        schema: {
          operationId: 'getPerson',
          summary: "The signed-in person's record (ID number masked); moves the claim authorized → informed",
          tags: ['person'],
          security: BEARER_SECURITY,
          response: { 200: described(Person, 'The person'), ...errorResponses(...BEARER_ERRORS) },
        },
      },
      async (request): Promise<PersonT> => readPerson(ctx, personaOf(request), ctx.now()),
    )
  }
}

/** The person's record, masked, as GET /person answers it (also the token exchange's `include: ['person']`). */
export function readPerson(ctx: AppContext, persona: Persona, now: number): PersonT {
  const hasEcard = ctx.store.transaction(() => {
    const claim = ensureClaim(ctx.store, persona, now)
    // Reading the person is the step where the gateway fetches the resident's record from
    // the social security system and shows it for confirmation (seed step 6). The claim
    // records that it happened: authorized → informed. Reading again, or in any later
    // state, changes nothing (idempotent).
    if (claim.state === 'authorized') ctx.store.updateClaim(persona.id, { state: 'informed', updatedAt: now })
    return ctx.store.activeCard(persona.id) !== undefined
  })
  return {
    name: persona.name,
    idNumberMasked: maskIdNumber(persona.idNumber),
    aab301: persona.aab301,
    regionName: { ...persona.regionName },
    hasPhysicalCard: persona.hasPhysicalCard,
    hasEcard,
    cardStatus: persona.physicalCardStatus,
    isMinor: isMinor(persona, now),
  }
}
