/**
 * Every error on the wire is `{ code, message }` with one of these codes. The app turns a code
 * into words (src/i18n); the status says whose fault it is.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  NOT_FOUND: 404,
  AUTH_CODE_INVALID: 400,
  AUTH_CODE_EXPIRED: 400,
  AUTH_CODE_USED: 400,
  REFRESH_TOKEN_INVALID: 400,
  TOKEN_MISSING: 401,
  TOKEN_INVALID: 401,
  TOKEN_EXPIRED: 401,
  PERSONA_NOT_FOUND: 404,
  STEP_OUT_OF_ORDER: 409,
  AGREEMENT_OUTDATED: 409,
  NO_PHYSICAL_CARD: 403,
  CARD_SUSPENDED: 403,
  MINOR_NEEDS_GUARDIAN: 403,
  ECARD_EXISTS: 409,
  CERTIFY_NOT_FOUND: 404,
  CERTIFY_PENDING: 409,
  CERTIFY_NOT_PASSED: 403,
  CERTIFY_EXPIRED: 403,
  PASSWORD_DECRYPT_FAILED: 400,
  WEAK_PASSWORD: 422,
  IDEMPOTENCY_KEY_REQUIRED: 400,
  IDEMPOTENCY_KEY_CONFLICT: 409,
  CARD_NOT_FOUND: 404,
  // the issued card: its QR code, its password, unbinding
  QR_INVALID: 400,
  QR_ALREADY_USED: 409,
  QR_EXPIRED: 410,
  CARD_UNBOUND: 410,
  PASSWORD_WRONG: 403,
  PASSWORD_LOCKED: 423,
  // brute force: each limit has its own code; the answer carries Retry-After (seconds)
  FACE_RATE_LIMITED: 429,
  TOKEN_RATE_LIMITED: 429,
  INTERNAL: 500,
} as const

export type ErrorCode = keyof typeof ERROR_STATUS

export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[]
