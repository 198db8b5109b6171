/** The bearer guard: `Authorization: Bearer <accessToken>` → the persona, or a 401 code. */
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify'
import { ApiError } from './apiError'
import type { AppContext } from './context'
import { findPersona, type Persona } from './personas'
import { hashToken } from './store'

const BEARER = /^Bearer[ \t]+([A-Za-z0-9._~+/=-]+)[ \t]*$/i

export function bearerGuard(ctx: AppContext): onRequestAsyncHookHandler {
  return async (request) => {
    const header = request.headers.authorization
    if (header === undefined || header.trim() === '' || /^Bearer\s*$/i.test(header.trim())) throw new ApiError('TOKEN_MISSING')
    const match = BEARER.exec(header)
    if (!match) throw new ApiError('TOKEN_INVALID')
    const session = ctx.store.findSession(hashToken(match[1]), 'access')
    // a revoked token (logout, refresh-token reuse) is as good as an unknown one
    if (!session || session.revokedAt !== null || !findPersona(session.personaId)) throw new ApiError('TOKEN_INVALID')
    if (ctx.now() >= session.expiresAt) throw new ApiError('TOKEN_EXPIRED')
    request.personaId = session.personaId
    request.tokenFamilyId = session.familyId
  }
}

/** The persona of a request that passed the bearer guard. */
export function personaOf(request: FastifyRequest): Persona {
  const persona = request.personaId ? findPersona(request.personaId) : undefined
  if (!persona) throw new ApiError('TOKEN_INVALID')
  return persona
}
