/** OAuth-style codes and tokens (the shape of alipay.system.oauth.token). Random, stored hashed. */
import { randomBytes } from 'node:crypto'
import type { TokenResponseT } from './schemas/api'
import { hashToken, type Store } from './store'

export const AUTH_CODE_TTL_S = 5 * 60
export const ACCESS_TOKEN_TTL_S = 7200
export const REFRESH_TOKEN_TTL_S = 30 * 24 * 60 * 60

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

/** What `my.getAuthCode` gives the app: a single-use code, valid for 5 minutes. */
export function issueAuthCode(store: Store, personaId: string, now: number): string {
  const code = randomToken(24)
  store.insertSession(hashToken(code), 'auth_code', personaId, now, now + AUTH_CODE_TTL_S * 1000)
  return code
}

/** A new token family: one sign-in, and every refresh-token rotation that follows from it. */
export function newTokenFamily(): string {
  return randomToken(16)
}

/**
 * A fresh access + refresh token pair in `familyId` (a new family for an auth code, the refresh
 * token's own on rotation). Logout, or the reuse of a rotated refresh token, revokes the family.
 * Call inside the transaction that consumed the grant.
 */
export function issueTokenPair(store: Store, personaId: string, userId: string, now: number, familyId: string): TokenResponseT {
  const accessToken = randomToken()
  const refreshToken = randomToken()
  store.insertSession(hashToken(accessToken), 'access', personaId, now, now + ACCESS_TOKEN_TTL_S * 1000, familyId)
  store.insertSession(hashToken(refreshToken), 'refresh', personaId, now, now + REFRESH_TOKEN_TTL_S * 1000, familyId)
  return { userId, accessToken, expiresIn: ACCESS_TOKEN_TTL_S, refreshToken, reExpiresIn: REFRESH_TOKEN_TTL_S }
}
