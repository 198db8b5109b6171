/**
 * What the API client and the H5 fast path (fastPath.h5.ts) share, free of axios: the API base, the
 * timeout, how the caller's tokens are found, and the shape of an answer received outside the client.
 */

export const API_BASE: string = process.env.TARO_APP_API_BASE || '/api'

/** One attempt's limit, in the client and in the fast path alike. */
export const REQUEST_TIMEOUT_MS = 15_000

/** The request headers every call sends, whatever the transport (the bearer token is added per call). */
export const JSON_HEADERS: Readonly<Record<string, string>> = { 'Content-Type': 'application/json' }

/** API_BASE joined with an endpoint's path. */
export function apiUrl(path: string): string {
  return /^https?:\/\//.test(path) ? path : API_BASE.replace(/\/+$/, '') + '/' + path.replace(/^\/+/, '')
}

/** How the client finds the caller's tokens; set by services/session so the client stays I/O-free. */
export interface AuthHooks {
  accessToken(): string | undefined
  /** Gets a new access token after TOKEN_EXPIRED; resolves false when that is not possible. */
  refresh(): Promise<boolean>
}

let hooks: AuthHooks = { accessToken: () => undefined, refresh: async () => false }

export function setAuthHooks(next: AuthHooks) {
  hooks = next
}

export function authHooks(): AuthHooks {
  return hooks
}

/**
 * An attempt's outcome received by the H5 fast path rather than by the client: an HTTP answer (its
 * body as text), or no answer at all. Handed to `call` (CallOptions.received), it is checked there
 * as the call's first attempt, so the request is not sent a second time.
 */
export type ReceivedAnswer =
  | { status: number; headers: Record<string, string>; body: string }
  | { failed: 'network' | 'timeout'; message: string }
