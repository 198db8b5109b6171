/**
 * Brute-force limits. Each has its own error code, answers 429 and says when to try again in a
 * `Retry-After` header (seconds):
 *   TOKEN_RATE_LIMITED  POST /oauth/token, per client IP, `tokenPerMinute` requests a minute
 *   FACE_RATE_LIMITED   face-verification starts (claim, reset, unbind together), per person,
 *                       `faceStartsPer10Minutes` in any 10 minutes
 * (The card password has its own lock: 6 wrong in a row lock it for 24 hours, cardPassword.ts.)
 *
 * The face limit counts the person's certifications in the database, so it holds across restarts
 * and the QA persona reset (which deletes them) clears it. The token limit is per process, in
 * memory: a sliding window of request times per IP.
 */
import { ApiError } from './apiError'
import { MINUTE_MS } from './time'

export interface RateLimits {
  /** POST /oauth/token requests per client IP per minute. */
  tokenPerMinute: number
  /** Face verifications a person may start in any 10 minutes. */
  faceStartsPer10Minutes: number
}

export const DEFAULT_RATE_LIMITS: RateLimits = { tokenPerMinute: 60, faceStartsPer10Minutes: 5 }
export const TOKEN_WINDOW_MS = MINUTE_MS
export const FACE_START_WINDOW_MS = 10 * MINUTE_MS

/** The environment variables `npm start` reads (mock-server/index.ts), and what they set. */
export const RATE_LIMIT_ENV = {
  RATE_LIMIT_TOKEN_PER_MINUTE: 'tokenPerMinute',
  RATE_LIMIT_FACE_STARTS_PER_10_MINUTES: 'faceStartsPer10Minutes',
} as const satisfies Record<string, keyof RateLimits>

/** The limits from the environment, over the defaults; a value that is not a positive integer is an error. */
export function rateLimitsFromEnv(env: Record<string, string | undefined>): Partial<RateLimits> {
  const out: Partial<RateLimits> = {}
  for (const [name, field] of Object.entries(RATE_LIMIT_ENV)) {
    const raw = env[name]?.trim()
    if (!raw) continue
    const value = Number(raw)
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`)
    out[field] = value
  }
  return out
}

/** Whole seconds until `until`, at least 1 (a Retry-After of 0 invites a hot loop). */
export function retryAfterSeconds(until: number, now: number): number {
  return Math.max(1, Math.ceil((until - now) / 1000))
}

/**
 * At most `limit` events per `windowMs` per key, counted over a sliding window. `hit` records the
 * event when it is allowed; a refused one is not recorded (it does not push the window forward).
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>()

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    /** Keys kept at most; past it, keys with no hit in the window are dropped. */
    private readonly maxKeys = 10_000,
  ) {}

  /** null when allowed (and counted), else the seconds until the next one would be. */
  hit(key: string, now: number): number | null {
    const since = now - this.windowMs
    const times = (this.hits.get(key) ?? []).filter((t) => t > since && t <= now)
    if (times.length >= this.limit) {
      this.hits.set(key, times)
      return retryAfterSeconds(times[times.length - this.limit] + this.windowMs, now)
    }
    times.push(now)
    this.hits.set(key, times)
    if (this.hits.size > this.maxKeys) this.prune(since)
    return null
  }

  clear(): void {
    this.hits.clear()
  }

  /** How many keys it holds (memory stays bounded by maxKeys plus the keys active in the window). */
  get size(): number {
    return this.hits.size
  }

  private prune(since: number): void {
    for (const [key, times] of this.hits) if (!times.some((t) => t > since)) this.hits.delete(key)
  }
}

export function tokenRateLimited(retryAfter: number): ApiError {
  return new ApiError('TOKEN_RATE_LIMITED', undefined, undefined, { retryAfterSeconds: retryAfter })
}

/**
 * Refuses a new face verification when the person already started `limit` in the last 10
 * minutes. `starts` are those start times, oldest first. Call inside the transaction that opens
 * the certification, so concurrent starts cannot both slip under the limit.
 */
export function assertFaceStartAllowed(starts: readonly number[], limit: number, now: number): void {
  if (starts.length < limit) return
  const oldestThatCounts = starts[starts.length - limit]
  throw new ApiError('FACE_RATE_LIMITED', undefined, undefined, { retryAfterSeconds: retryAfterSeconds(oldestThatCounts + FACE_START_WINDOW_MS, now) })
}
