/**
 * Whose call is this? The persona a call is made for, as far as the server can tell without
 * trusting anything the client says about itself: the bearer token's owner, or for the calls made
 * before there is a token, the owner of the code / certification / persona the call names.
 */
import type { FastifyRequest } from 'fastify'
import type { Store } from '../store'
import { hashToken } from '../store'
import { findPersona } from '../personas'

const BEARER = /^Bearer[ \t]+([A-Za-z0-9._~+/=-]+)[ \t]*$/i

/** The owner of the request's access token, expired or not (for attribution, not authorization). */
export function personaFromBearer(request: FastifyRequest, store: Store): string | null {
  const header = request.headers.authorization
  if (!header) return null
  const match = BEARER.exec(header)
  if (!match) return null
  return store.findSession(hashToken(match[1]), 'access')?.personaId ?? null
}

/** The persona of a call by what it names, for the routes that have no bearer token. */
export function personaNamedBy(request: FastifyRequest, store: Store, operationId: string): string | null {
  const body = (request.body ?? {}) as Record<string, unknown>
  const params = (request.params ?? {}) as Record<string, unknown>
  switch (operationId) {
    case 'mockAuthCode':
      return typeof body.personaId === 'string' && findPersona(body.personaId) ? body.personaId : null
    case 'exchangeToken':
      if (body.grantType === 'authorization_code' && typeof body.code === 'string') return store.findSession(hashToken(body.code), 'auth_code')?.personaId ?? null
      if (body.grantType === 'refresh_token' && typeof body.refreshToken === 'string') return store.findSession(hashToken(body.refreshToken), 'refresh')?.personaId ?? null
      return null
    case 'mockCompleteCertification':
    case 'mockCertifyPage':
      return typeof params.certifyId === 'string' ? (store.getCertification(params.certifyId)?.personaId ?? null) : null
    case 'resetPersona':
    case 'mockPersonaCards':
      return typeof params.id === 'string' && findPersona(params.id) ? params.id : null
    default:
      return null
  }
}
