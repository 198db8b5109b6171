/** The retry rule (src/services/network/retry.ts): which failures are retried, and how long to wait. */
import { backoffMs, DEFAULT_RETRY_POLICY, isIdempotent, parseRetryAfter, retryDelay, type RetryPolicy } from '../../src/services/network/retry'

const policy: RetryPolicy = { maxRetries: 3, baseMs: 200, maxDelayMs: 1000, maxRetryAfterMs: 3000 }
const GET = { method: 'GET' }
const ISSUE = { method: 'POST', headers: { 'Idempotency-Key': 'idem-1' } }
const CONSENT = { method: 'POST', headers: {} }

describe('retry rule', () => {
  it('treats GET and a POST with an Idempotency-Key as idempotent, other POSTs not', () => {
    expect(isIdempotent(GET)).toBe(true)
    expect(isIdempotent(ISSUE)).toBe(true)
    expect(isIdempotent({ method: 'POST', headers: { 'idempotency-key': 'k' } })).toBe(true)
    expect(isIdempotent(CONSENT)).toBe(false)
    expect(isIdempotent({ method: 'POST', headers: { 'Idempotency-Key': '' } })).toBe(false)
    expect(isIdempotent({ method: 'DELETE' })).toBe(false)
  })

  it('backs off exponentially, capped, with jitter between half and all of each step', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, policy, () => 0.999999))).toEqual([200, 400, 800, 1000, 1000])
    expect([1, 2, 3, 4].map((n) => backoffMs(n, policy, () => 0))).toEqual([100, 200, 400, 500])
    for (let i = 0; i < 50; i++) {
      const d = backoffMs(2, policy)
      expect(d).toBeGreaterThanOrEqual(200)
      expect(d).toBeLessThanOrEqual(400)
    }
  })

  it('retries timeouts, network errors and 5xx on idempotent calls, up to the bound', () => {
    const half = () => 0.5
    expect(retryDelay(GET, { kind: 'timeout' }, 1, policy, half)).toBe(150)
    expect(retryDelay(ISSUE, { kind: 'network' }, 2, policy, half)).toBe(300)
    expect(retryDelay(GET, { kind: 'status', status: 502 }, 3, policy, half)).toBe(600)
    expect(retryDelay(GET, { kind: 'status', status: 500 }, 4, policy, half)).toBeNull()
  })

  it('never retries a 4xx or a non-idempotent call', () => {
    for (const status of [400, 401, 404, 409, 413, 422]) expect(retryDelay(GET, { kind: 'status', status }, 1, policy)).toBeNull()
    expect(retryDelay(CONSENT, { kind: 'timeout' }, 1, policy)).toBeNull()
    expect(retryDelay(CONSENT, { kind: 'status', status: 503 }, 1, policy)).toBeNull()
  })

  it('surfaces 429 whatever its Retry-After, honours a short Retry-After on 503 and surfaces a long one', () => {
    expect(retryDelay(GET, { kind: 'status', status: 429, retryAfterMs: 1000 }, 1, policy)).toBeNull()
    expect(retryDelay(GET, { kind: 'status', status: 503, retryAfterMs: 2000 }, 1, policy)).toBe(2000)
    expect(retryDelay(GET, { kind: 'status', status: 503, retryAfterMs: 60_000 }, 1, policy)).toBeNull()
  })

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('120')).toBe(120_000)
    const now = Date.parse('2026-11-26T04:00:00Z')
    expect(parseRetryAfter('Thu, 26 Nov 2026 04:00:30 GMT', now)).toBe(30_000)
    expect(parseRetryAfter('Thu, 26 Nov 2026 03:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter(undefined)).toBeUndefined()
    expect(parseRetryAfter('soon')).toBeUndefined()
  })

  it('keeps the default policy bounded: at most a few seconds of waiting in all', () => {
    let total = 0
    for (let n = 1; n <= DEFAULT_RETRY_POLICY.maxRetries; n++) total += backoffMs(n, DEFAULT_RETRY_POLICY, () => 0.999999)
    expect(DEFAULT_RETRY_POLICY.maxRetries).toBeGreaterThan(0)
    expect(total).toBeLessThanOrEqual(DEFAULT_RETRY_POLICY.maxRetries * DEFAULT_RETRY_POLICY.maxDelayMs)
    expect(retryDelay(GET, { kind: 'timeout' }, DEFAULT_RETRY_POLICY.maxRetries + 1)).toBeNull()
  })
})
