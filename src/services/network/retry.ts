/**
 * When a failed call is tried again, as pure rules (no timers, no I/O): the API client asks
 * `retryDelay` after each failure and waits what it says, or gives up on null.
 *
 * - Only idempotent calls are retried: GET, and a POST carrying an Idempotency-Key (issuance),
 *   always resent with the SAME key so the server answers with the same card.
 * - Only failures that say nothing about the request itself: a timeout, a network error, a 5xx.
 *   A 4xx is the server's considered answer and is never retried.
 * - 429 is never retried here: the limits it enforces (face starts, password attempts, token
 *   requests) last minutes to hours, so the wait is surfaced to the person (ApiError.retryAfterSeconds).
 * - A 503 with Retry-After is honoured when the wait is short (≤ maxRetryAfterMs); a longer one is surfaced.
 * - Backoff is exponential with "full jitter" (a random wait between half and all of the
 *   exponential step), capped, and bounded by maxRetries.
 */

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number
  /** The first backoff step. */
  baseMs: number
  /** No single wait is longer than this. */
  maxDelayMs: number
  /** A server-sent Retry-After longer than this is surfaced rather than waited for. */
  maxRetryAfterMs: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 2, baseMs: 250, maxDelayMs: 2000, maxRetryAfterMs: 3000 }

/** What the client saw go wrong on one attempt. */
export type AttemptFailure =
  | { kind: 'timeout' }
  | { kind: 'network' }
  | { kind: 'status'; status: number; retryAfterMs?: number }

export interface RetryRequest {
  method: string
  headers?: Record<string, string | undefined>
}

/** GET, or any call carrying an Idempotency-Key: sending it twice has the effect of sending it once. */
export function isIdempotent(request: RetryRequest): boolean {
  if (request.method.toUpperCase() === 'GET') return true
  const headers = request.headers ?? {}
  return Object.keys(headers).some((name) => name.toLowerCase() === 'idempotency-key' && Boolean(headers[name]))
}

/** The failures that may be retried at all (for an idempotent call). */
export function isRetryableFailure(failure: AttemptFailure): boolean {
  if (failure.kind !== 'status') return true
  return failure.status >= 500 && failure.status <= 599
}

/** The exponential step for retry number `retry` (1-based), with jitter drawn from random() in [0, 1). */
export function backoffMs(retry: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseMs * 2 ** Math.max(0, retry - 1))
  return Math.round(step / 2 + random() * (step / 2))
}

/**
 * How long to wait before retry number `retry` (1-based) after `failure`, or null to give up and
 * surface the failure.
 */
export function retryDelay(
  request: RetryRequest,
  failure: AttemptFailure,
  retry: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
): number | null {
  if (!isIdempotent(request) || !isRetryableFailure(failure) || retry > policy.maxRetries) return null
  if (failure.kind === 'status' && failure.retryAfterMs !== undefined) {
    return failure.retryAfterMs <= policy.maxRetryAfterMs ? failure.retryAfterMs : null
  }
  return backoffMs(retry, policy, random)
}

/**
 * Retry-After as milliseconds: delay-seconds ("120") or an HTTP date, relative to `nowMs`.
 * Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined | null, nowMs: number = Date.now()): number | undefined {
  if (value === undefined || value === null) return undefined
  const text = String(value).trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  const at = Date.parse(text)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, at - nowMs)
}
