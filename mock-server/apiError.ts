import { ERROR_STATUS, type ErrorCode } from './schemas/errors'

/** Default English messages; the app turns the code into the user's words, these are for developers. */
const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'The request is not valid.',
  BODY_TOO_LARGE: 'The request body is too large.',
  UNSUPPORTED_MEDIA_TYPE: 'The request body must be JSON.',
  NOT_FOUND: 'No such endpoint.',
  AUTH_CODE_INVALID: 'The authorization code is not valid.',
  AUTH_CODE_EXPIRED: 'The authorization code has expired.',
  AUTH_CODE_USED: 'The authorization code has already been used.',
  REFRESH_TOKEN_INVALID: 'The refresh token is not valid.',
  TOKEN_MISSING: 'An access token is required.',
  TOKEN_INVALID: 'The access token is not valid.',
  TOKEN_EXPIRED: 'The access token has expired.',
  PERSONA_NOT_FOUND: 'No such persona.',
  STEP_OUT_OF_ORDER: 'This step is not available in the current state of the claim.',
  AGREEMENT_OUTDATED: 'The agreement has changed; read and accept the current version.',
  NO_PHYSICAL_CARD: 'A physical social security card is required first.',
  CARD_SUSPENDED: 'The social security card is suspended.',
  MINOR_NEEDS_GUARDIAN: 'Applicants under 16 must apply through a guardian.',
  ECARD_EXISTS: 'An electronic social security card has already been issued.',
  CERTIFY_NOT_FOUND: 'No such face verification.',
  CERTIFY_PENDING: 'The face verification has not finished.',
  CERTIFY_NOT_PASSED: 'The face verification has not been passed.',
  CERTIFY_EXPIRED: 'The face verification has expired; verify again.',
  PASSWORD_DECRYPT_FAILED: 'The password could not be decrypted.',
  WEAK_PASSWORD: 'The password is too easy to guess.',
  IDEMPOTENCY_KEY_REQUIRED: 'An Idempotency-Key header is required.',
  IDEMPOTENCY_KEY_CONFLICT: 'This Idempotency-Key belongs to another request.',
  CARD_NOT_FOUND: 'No electronic social security card has been issued.',
  QR_INVALID: 'This is not a QR code of an electronic social security card.',
  QR_ALREADY_USED: 'This QR code has already been scanned; ask for a fresh one.',
  QR_EXPIRED: 'This QR code has expired; ask for a fresh one.',
  CARD_UNBOUND: 'This electronic social security card has been unbound.',
  PASSWORD_WRONG: 'The card password is wrong.',
  PASSWORD_LOCKED: 'Too many wrong passwords: the card password is locked.',
  FACE_RATE_LIMITED: 'Too many face verifications started; wait before starting another.',
  TOKEN_RATE_LIMITED: 'Too many sign-in requests from this address; wait before trying again.',
  INTERNAL: 'Something went wrong on the server.',
}

/** Optional machine-readable details some codes carry (the optional fields of ErrorBody). */
export interface ErrorDetails {
  /** PASSWORD_WRONG: wrong passwords left before the lock. */
  remainingAttempts?: number
  /** PASSWORD_LOCKED: when the lock ends (ISO 8601). */
  lockedUntil?: string
  /** 429s and PASSWORD_LOCKED: seconds until a retry can succeed; sent as the Retry-After header, not in the body. */
  retryAfterSeconds?: number
}

export interface WireError extends ErrorDetails {
  code: ErrorCode
  message: string
  reason?: string
}

/** An error with a stable wire code; the HTTP status comes from ERROR_STATUS. */
export class ApiError extends Error {
  readonly statusCode: number

  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly reason?: string,
    readonly details?: ErrorDetails,
  ) {
    super(message ?? DEFAULT_MESSAGES[code])
    this.name = 'ApiError'
    this.statusCode = ERROR_STATUS[code]
  }

  toBody(): WireError {
    const body: WireError = { code: this.code, message: this.message }
    if (this.reason !== undefined) body.reason = this.reason
    if (this.details?.remainingAttempts !== undefined) body.remainingAttempts = this.details.remainingAttempts
    if (this.details?.lockedUntil !== undefined) body.lockedUntil = this.details.lockedUntil
    return body
  }
}

export function defaultMessage(code: ErrorCode): string {
  return DEFAULT_MESSAGES[code]
}
