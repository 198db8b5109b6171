import type { ErrorCode } from './types'

/** What can go wrong on a call, as a code the UI turns into words (src/i18n). */
export type ClientErrorCode = ErrorCode | 'NETWORK' | 'TIMEOUT' | 'MALFORMED_RESPONSE' | 'SERVER_ERROR'

/** What some refusals add to `{ code, message }`: PASSWORD_WRONG's attempts left, PASSWORD_LOCKED's end. */
export interface ApiErrorDetails {
  remainingAttempts?: number
  lockedUntil?: string
  retryAfterSeconds?: number
}

/** One failed call. Its own module, free of axios, so code that only reads errors does not load the client (call.h5.ts). */
export class ApiError extends Error {
  readonly remainingAttempts?: number
  readonly lockedUntil?: string
  /** From a Retry-After header (429, 503): how long the server asked us to wait. */
  readonly retryAfterSeconds?: number

  constructor(
    public readonly code: ClientErrorCode,
    public readonly status: number,
    message?: string,
    public readonly reason?: string,
    details?: ApiErrorDetails,
  ) {
    super(message ?? code)
    this.name = 'ApiError'
    if (details?.remainingAttempts !== undefined) this.remainingAttempts = details.remainingAttempts
    if (details?.lockedUntil !== undefined) this.lockedUntil = details.lockedUntil
    if (details?.retryAfterSeconds !== undefined) this.retryAfterSeconds = details.retryAfterSeconds
  }
}
