/** The bearer guard: `Authorization: Bearer <accessToken>` → the persona, or a 401 code. */
import type { FastifyRequest, onRequestHookHandler } from 'fastify'
import { ApiError } from './apiError'
import type { AppContext } from './context'
import { findPersona, type Persona } from './personas'
import { hashToken } from './store'

const BEARER = /^Bearer[ \t]+([A-Za-z0-9._~+/=-]+)[ \t]*$/i

export function bearerGuard(ctx: AppContext): onRequestHookHandler {
  // a callback hook: an async one costs a promise and a microtask on every authenticated call
  return (request, _reply, done) => {
    const failure = authenticate(ctx, request)
    done(failure ?? undefined)
  }
}

// A client sends its access token on every call: its SHA-256 is remembered for the next one (the
// store keeps hashes only; this map lives in the process, which sees the tokens anyway). Bounded:
// past the limit it starts again.
const HASHES_KEPT = 1000
const hashes = new Map<string, string>()
function tokenHash(token: string): string {
  let hash = hashes.get(token)
  if (hash === undefined) {
    if (hashes.size >= HASHES_KEPT) hashes.clear()
    hashes.set(token, (hash = hashToken(token)))
  }
  return hash
}

/** Sets the request's persona and sign-in from its bearer token; the refusal, or null. */
function authenticate(ctx: AppContext, request: FastifyRequest): ApiError | null {
  const header = request.headers.authorization
  if (header === undefined || header.trim() === '' || /^Bearer\s*$/i.test(header.trim())) return new ApiError('TOKEN_MISSING')
  const match = BEARER.exec(header)
  if (!match) return new ApiError('TOKEN_INVALID')
  const session = ctx.store.findSession(tokenHash(match[1]), 'access')
  // a revoked token (logout, refresh-token reuse) is as good as an unknown one
  if (!session || session.revokedAt !== null || !findPersona(session.personaId)) return new ApiError('TOKEN_INVALID')
  if (ctx.now() >= session.expiresAt) return new ApiError('TOKEN_EXPIRED')
  request.personaId = session.personaId
  request.tokenFamilyId = session.familyId
  return null
}

/** The persona of a request that passed the bearer guard. */
export function personaOf(request: FastifyRequest): Persona {
  const persona = request.personaId ? findPersona(request.personaId) : undefined
  if (!persona) throw new ApiError('TOKEN_INVALID')
  return persona
}
