/**
 * Brute force is bounded (docs/security.md, "Brute force"): each limit answers 429 with its own
 * code and a Retry-After header in seconds; the password lock carries Retry-After too.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { DEFAULT_RATE_LIMITS, rateLimitsFromEnv, SlidingWindowLimiter } from '../../mock-server/rateLimit'
import { advance, call, changeCardPassword, expectError, GOOD_PASSWORD, issuedCard, MINUTE, newApp, RESET_CERTIFICATIONS, signIn, UNBIND_CERTIFICATIONS, type TestClock } from './helpers'

let app: FastifyInstance
let clock: TestClock
afterEach(async () => {
  await app?.close()
})

function retryAfter(res: LightMyRequestResponse): number {
  const value = res.headers['retry-after']
  expect(value).toMatch(/^\d+$/)
  return Number(value)
}

const tokenCall = (ip: string) =>
  app.inject({ method: 'POST', url: '/api/oauth/token', remoteAddress: ip, payload: { grantType: 'authorization_code', code: 'guessed-code' } })

describe('POST /api/oauth/token: per client IP', () => {
  it(`defaults to ${DEFAULT_RATE_LIMITS.tokenPerMinute} a minute; the next → 429 TOKEN_RATE_LIMITED with Retry-After; other IPs unaffected`, async () => {
    ;({ app, clock } = await newApp())
    for (let i = 0; i < DEFAULT_RATE_LIMITS.tokenPerMinute; i++) expectError(await tokenCall('203.0.113.7'), 'AUTH_CODE_INVALID')
    const refused = await tokenCall('203.0.113.7')
    expectError(refused, 'TOKEN_RATE_LIMITED')
    expect(retryAfter(refused)).toBe(60)
    expectError(await tokenCall('203.0.113.8'), 'AUTH_CODE_INVALID')
  })

  it('a sliding window: Retry-After counts down, and once it has passed the IP may call again', async () => {
    ;({ app, clock } = await newApp({ rateLimits: { tokenPerMinute: 3 } }))
    for (let i = 0; i < 3; i++) {
      expect((await tokenCall('198.51.100.1')).statusCode).toBe(400)
      clock.advance(10_000)
    }
    // the first call was 30 s ago: 30 s to wait
    expect(retryAfter(await tokenCall('198.51.100.1'))).toBe(30)
    clock.advance(30_000)
    expectError(await tokenCall('198.51.100.1'), 'AUTH_CODE_INVALID')
  })

  it('refused calls are not exchanged: a valid code sent while limited still works afterwards', async () => {
    ;({ app, clock } = await newApp({ rateLimits: { tokenPerMinute: 1 } }))
    const code = (await call(app, 'POST', '/api/mock/auth-code', { body: { personaId: 'eligible-zhang' } })).json().authCode as string
    expectError(await tokenCall('127.0.0.1'), 'AUTH_CODE_INVALID')
    const exchange = () => call(app, 'POST', '/api/oauth/token', { body: { grantType: 'authorization_code', code } })
    expectError(await exchange(), 'TOKEN_RATE_LIMITED')
    clock.advance(MINUTE)
    expect((await exchange()).statusCode).toBe(200)
  })
})

describe('face-verification starts: per person', () => {
  it('5 in 10 minutes, claim, reset and unbind together; the 6th → 429 FACE_RATE_LIMITED with Retry-After; nothing is opened', async () => {
    ;({ app, clock } = await newApp())
    const { token } = await issuedCard(app) // one claim start already
    const starts = [RESET_CERTIFICATIONS, UNBIND_CERTIFICATIONS, RESET_CERTIFICATIONS, UNBIND_CERTIFICATIONS]
    for (const url of starts) {
      clock.advance(MINUTE)
      expect((await call(app, 'POST', url, { token })).statusCode).toBe(200)
    }
    clock.advance(MINUTE)
    const refused = await call(app, 'POST', RESET_CERTIFICATIONS, { token })
    expectError(refused, 'FACE_RATE_LIMITED')
    // the claim's start was 5 minutes ago: it leaves the window in 5 minutes
    expect(retryAfter(refused)).toBe(5 * 60)
    expectError(await call(app, 'POST', UNBIND_CERTIFICATIONS, { token }), 'FACE_RATE_LIMITED')
    clock.advance(5 * MINUTE)
    expect((await call(app, 'POST', RESET_CERTIFICATIONS, { token })).statusCode).toBe(200)
  })

  it('the claim start is refused without moving the claim; another person is not limited', async () => {
    ;({ app, clock } = await newApp())
    const { accessToken: token } = await signIn(app, 'eligible-zhang')
    await advance(app, token, 'consented')
    for (let i = 0; i < 5; i++) expect((await call(app, 'POST', '/api/certifications', { token })).statusCode).toBe(200)
    const before = (await call(app, 'GET', '/api/claim', { token })).json()
    expectError(await call(app, 'POST', '/api/certifications', { token }), 'FACE_RATE_LIMITED')
    expect((await call(app, 'GET', '/api/claim', { token })).json()).toEqual(before)
    const other = (await signIn(app, 'eligible-li')).accessToken
    await advance(app, other, 'consented')
    expect((await call(app, 'POST', '/api/certifications', { token: other })).statusCode).toBe(200)
  })

  it('the QA persona reset clears the limit', async () => {
    ;({ app, clock } = await newApp({ rateLimits: { faceStartsPer10Minutes: 1 } }))
    let token = (await signIn(app, 'eligible-zhang')).accessToken
    await advance(app, token, 'certifying')
    expectError(await call(app, 'POST', '/api/certifications', { token }), 'FACE_RATE_LIMITED')
    expect((await call(app, 'POST', '/api/mock/personas/eligible-zhang/reset')).statusCode).toBe(200)
    token = (await signIn(app, 'eligible-zhang')).accessToken
    await advance(app, token, 'certifying')
  })
})

describe('the card password lock', () => {
  it('the sixth wrong password → 423 PASSWORD_LOCKED with Retry-After of 24 hours, counting down', async () => {
    ;({ app, clock } = await newApp())
    const { token } = await issuedCard(app)
    for (let i = 0; i < 5; i++) expectError(await changeCardPassword(app, token, '111111', '258147'), 'PASSWORD_WRONG')
    const locked = await changeCardPassword(app, token, '111111', '258147')
    expectError(locked, 'PASSWORD_LOCKED')
    expect(retryAfter(locked)).toBe(24 * 60 * 60)
    clock.advance(60 * MINUTE)
    const still = await changeCardPassword(app, token, GOOD_PASSWORD, '258147')
    expectError(still, 'PASSWORD_LOCKED')
    expect(retryAfter(still)).toBe(23 * 60 * 60)
  })
})

describe('the QA persona reset clears the password lock too', () => {
  it('locked, reset, claimed again: the new card password works and is not locked', async () => {
    ;({ app, clock } = await newApp())
    const { token } = await issuedCard(app)
    for (let i = 0; i < 6; i++) await changeCardPassword(app, token, '111111', '258147')
    expectError(await changeCardPassword(app, token, GOOD_PASSWORD, '258147'), 'PASSWORD_LOCKED')
    expect((await call(app, 'POST', '/api/mock/personas/eligible-zhang/reset')).statusCode).toBe(200)
    const again = await issuedCard(app)
    expect((await changeCardPassword(app, again.token, GOOD_PASSWORD, '258147')).statusCode).toBe(200)
  })
})

describe('configuration', () => {
  it('reads RATE_LIMIT_TOKEN_PER_MINUTE and RATE_LIMIT_FACE_STARTS_PER_10_MINUTES; refuses what is not a positive integer', () => {
    expect(rateLimitsFromEnv({})).toEqual({})
    expect(rateLimitsFromEnv({ RATE_LIMIT_TOKEN_PER_MINUTE: '100000', RATE_LIMIT_FACE_STARTS_PER_10_MINUTES: ' 7 ' })).toEqual({
      tokenPerMinute: 100000,
      faceStartsPer10Minutes: 7,
    })
    for (const bad of ['0', '-1', '1.5', 'lots']) expect(() => rateLimitsFromEnv({ RATE_LIMIT_TOKEN_PER_MINUTE: bad })).toThrow(/RATE_LIMIT_TOKEN_PER_MINUTE/)
  })

  it('the limiter forgets idle keys once it holds too many, and keeps the active ones', () => {
    const limiter = new SlidingWindowLimiter(1, 1000, 2)
    expect(limiter.hit('a', 0)).toBeNull()
    expect(limiter.hit('b', 1500)).toBeNull()
    expect(limiter.hit('c', 1600)).toBeNull()
    // a (idle since 0) was dropped; b and c are still counted
    expect(limiter.size).toBe(2)
    expect(limiter.hit('b', 1700)).toBe(1)
    expect(limiter.hit('c', 1700)).toBe(1)
  })
})
