/**
 * POST /oauth/token and POST /oauth/logout. /oauth/token: the shape of alipay.system.oauth.token. The app gets a code from the host
 * (my.getAuthCode; here POST /mock/auth-code) and the gateway exchanges it for tokens.
 */
import type { Static } from '@sinclair/typebox'
import type { FastifyPluginAsync } from 'fastify'
import { ApiError } from '../apiError'
import { ensureClaim, toWireClaim } from '../claims'
import type { AppContext } from '../context'
import { bearerGuard } from '../auth'
import { findPersona } from '../personas'
import { SlidingWindowLimiter, TOKEN_WINDOW_MS, tokenRateLimited } from '../rateLimit'
import { Ok, TokenExchangeResponse, TokenRequest, type TokenExchangeResponseT, type TokenResponseT } from '../schemas/api'
import { readPerson } from './person'
import { hashToken } from '../store'
import { issueTokenPair, newTokenFamily } from '../tokens'
import { BEARER_ERRORS, BEARER_SECURITY, described, errorResponses } from './responses'

export function oauthRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    // per client IP, before the body is even parsed: guessing codes or refresh tokens costs a window
    const tokenLimiter = new SlidingWindowLimiter(ctx.limits.tokenPerMinute, TOKEN_WINDOW_MS)

    app.post<{ Body: Static<typeof TokenRequest> }>(
      '/oauth/token',
      {
        onRequest: async (request) => {
          const retryAfter = tokenLimiter.hit(request.ip, ctx.now())
          if (retryAfter !== null) throw tokenRateLimited(retryAfter)
        },
        schema: {
          operationId: 'exchangeToken',
          summary: 'Exchange an authorization code, or rotate a refresh token, for an access token',
          description:
            'authorization_code: codes are single use and expire 5 minutes after issue; the first exchange creates the claim. ' +
            'refresh_token: the refresh token is rotated, the old one stops working; presenting a rotated (already used) refresh token ' +
            'again revokes the whole sign-in (every access and refresh token descended from the same code) and is REFRESH_TOKEN_INVALID. ' +
            'Access tokens last 7200 s, refresh tokens 30 days. Each client IP may call this 60 times a minute (configurable): ' +
            'then TOKEN_RATE_LIMITED (429) with Retry-After. With `include`, an authorization_code exchange also answers with the ' +
            'claim and/or the person (reading the person moves the claim authorized → informed, as GET /person does).',
          tags: ['oauth'],
          body: TokenRequest,
          response: {
            200: described(TokenExchangeResponse, 'Tokens (and what `include` asked for)'),
            ...errorResponses(
              'AUTH_CODE_INVALID',
              'AUTH_CODE_EXPIRED',
              'AUTH_CODE_USED',
              'REFRESH_TOKEN_INVALID',
              'TOKEN_RATE_LIMITED',
              'BODY_TOO_LARGE',
              'UNSUPPORTED_MEDIA_TYPE',
            ),
          },
        },
      },
      async (request): Promise<TokenExchangeResponseT> => {
        const body = request.body
        const now = ctx.now()
        let signedIn: ReturnType<typeof findPersona>
        // check, consume and issue in one synchronous transaction: a code cannot be spent twice.
        // A refusal that must still commit (revoking a family on reuse) is returned, not thrown.
        const outcome = ctx.store.transaction((): TokenResponseT | ApiError => {
          if (body.grantType === 'authorization_code') {
            const hash = hashToken(body.code)
            const code = ctx.store.findSession(hash, 'auth_code')
            const persona = code && findPersona(code.personaId)
            if (!code || !persona) throw new ApiError('AUTH_CODE_INVALID')
            if (code.usedAt !== null) throw new ApiError('AUTH_CODE_USED')
            if (now >= code.expiresAt) throw new ApiError('AUTH_CODE_EXPIRED')
            ctx.store.markSessionUsed(hash, now)
            ensureClaim(ctx.store, persona, now)
            signedIn = persona
            return issueTokenPair(ctx.store, persona.id, persona.userId, now, newTokenFamily())
          }
          const hash = hashToken(body.refreshToken)
          const refresh = ctx.store.findSession(hash, 'refresh')
          const persona = refresh && findPersona(refresh.personaId)
          if (!refresh || !persona || refresh.revokedAt !== null || now >= refresh.expiresAt) throw new ApiError('REFRESH_TOKEN_INVALID')
          if (refresh.usedAt !== null) {
            // a rotated refresh token came back: it was copied. Whoever holds the newer one loses it too.
            if (refresh.familyId) ctx.store.revokeSessionFamily(refresh.familyId, now)
            request.log.warn({ tokenEvent: 'refresh_token_reused', personaId: persona.id }, 'refresh token reused: sign-in revoked')
            return new ApiError('REFRESH_TOKEN_INVALID')
          }
          ctx.store.markSessionUsed(hash, now)
          return issueTokenPair(ctx.store, persona.id, persona.userId, now, refresh.familyId ?? newTokenFamily())
        })
        if (outcome instanceof ApiError) throw outcome
        const include = body.grantType === 'authorization_code' ? body.include ?? [] : []
        if (!signedIn || include.length === 0) return outcome
        // The person first: reading it is the step that moves the claim, so the claim answered is the one after it.
        const person = include.includes('person') ? readPerson(ctx, signedIn, now) : undefined
        const persona = signedIn
        const claim = include.includes('claim') ? toWireClaim(ctx.store.transaction(() => ensureClaim(ctx.store, persona, now))) : undefined
        return { ...outcome, ...(claim ? { claim } : {}), ...(person ? { person } : {}) }
      },
    )

    app.post(
      '/oauth/logout',
      {
        onRequest: bearerGuard(ctx),
        schema: {
          operationId: 'logout',
          summary: 'Sign out: revoke the access token and its refresh token (the whole sign-in)',
          description:
            'Every access and refresh token descended from the same authorization code stops working at once: the access token is ' +
            'TOKEN_INVALID afterwards, the refresh token REFRESH_TOKEN_INVALID. Takes no body.',
          tags: ['oauth'],
          security: BEARER_SECURITY,
          response: { 200: described(Ok, 'Signed out'), ...errorResponses(...BEARER_ERRORS, 'BODY_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE') },
        },
      },
      async (request) => {
        const familyId = request.tokenFamilyId
        if (!familyId) throw new ApiError('TOKEN_INVALID')
        ctx.store.transaction(() => ctx.store.revokeSessionFamily(familyId, ctx.now()))
        return { ok: true as const }
      },
    )
  }
}
