/** OAuth-style codes and tokens (the shape of alipay.system.oauth.token). Random, stored hashed. */
import { randomBytes } from 'node:crypto'
import type { TokenResponseT } from './schemas/api'
import { hashToken, type Store } from './store'
import { MINUTE_MS } from './time'

export const AUTH_CODE_TTL_S = 5 * 60
export const ACCESS_TOKEN_TTL_S = 7200
export const REFRESH_TOKEN_TTL_S = 30 * 24 * 60 * 60

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

/** What `my.getAuthCode` gives the app: a single-use code, valid for 5 minutes. */
export function issueAuthCode(store: Store, personaId: string, now: number): string {
  const code = randomToken(24)
  store.insertSession(hashToken(code), 'auth_code', personaId, now, now + 5 * MINUTE_MS)
  return code
}

/** A fresh access + refresh token pair. Call inside the transaction that consumed the grant. */
export function issueTokenPair(store: Store, personaId: string, userId: string, now: number): TokenResponseT {
  const accessToken = randomToken()
  const refreshToken = randomToken()
  store.insertSession(hashToken(accessToken), 'access', personaId, now, now + ACCESS_TOKEN_TTL_S * 1000)
  store.insertSession(hashToken(refreshToken), 'refresh', personaId, now, now + REFRESH_TOKEN_TTL_S * 1000)
  return { userId, accessToken, expiresIn: ACCESS_TOKEN_TTL_S, refreshToken, reExpiresIn: REFRESH_TOKEN_TTL_S }
}
