/**
 * POST /oauth/token: the shape of alipay.system.oauth.token. The app gets a code from the host
 * (my.getAuthCode; here POST /mock/auth-code) and the gateway exchanges it for tokens.
 */
import type { Static } from '@sinclair/typebox'
import type { FastifyPluginAsync } from 'fastify'
import { ApiError } from '../apiError'
import { ensureClaim } from '../claims'
import type { AppContext } from '../context'
import { findPersona } from '../personas'
import { TokenRequest, TokenResponse } from '../schemas/api'
import { hashToken } from '../store'
import { issueTokenPair } from '../tokens'
import { described, errorResponses } from './responses'

export function oauthRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.post<{ Body: Static<typeof TokenRequest> }>(
      '/oauth/token',
      {
        schema: {
          operationId: 'exchangeToken',
          summary: 'Exchange an authorization code, or rotate a refresh token, for an access token',
          description:
            'authorization_code: codes are single use and expire 5 minutes after issue; the first exchange creates the claim. ' +
            'refresh_token: the refresh token is rotated, the old one stops working. Access tokens last 7200 s, refresh tokens 30 days.',
          tags: ['oauth'],
          body: TokenRequest,
          response: {
            200: described(TokenResponse, 'Tokens'),
            ...errorResponses('AUTH_CODE_INVALID', 'AUTH_CODE_EXPIRED', 'AUTH_CODE_USED', 'REFRESH_TOKEN_INVALID', 'BODY_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'),
          },
        },
      },
      async (request) => {
        const body = request.body
        const now = ctx.now()
        // check, consume and issue in one synchronous transaction: a code cannot be spent twice
        return ctx.store.transaction(() => {
          if (body.grantType === 'authorization_code') {
            const hash = hashToken(body.code)
            const code = ctx.store.findSession(hash, 'auth_code')
            const persona = code && findPersona(code.personaId)
            if (!code || !persona) throw new ApiError('AUTH_CODE_INVALID')
            if (code.usedAt !== null) throw new ApiError('AUTH_CODE_USED')
            if (now >= code.expiresAt) throw new ApiError('AUTH_CODE_EXPIRED')
            ctx.store.markSessionUsed(hash, now)
            ensureClaim(ctx.store, persona, now)
            return issueTokenPair(ctx.store, persona.id, persona.userId, now)
          }
          const hash = hashToken(body.refreshToken)
          const refresh = ctx.store.findSession(hash, 'refresh')
          const persona = refresh && findPersona(refresh.personaId)
          if (!refresh || !persona || refresh.usedAt !== null || now >= refresh.expiresAt) throw new ApiError('REFRESH_TOKEN_INVALID')
          ctx.store.markSessionUsed(hash, now)
          return issueTokenPair(ctx.store, persona.id, persona.userId, now)
        })
      },
    )
  }
}
