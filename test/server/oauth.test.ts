import type { FastifyInstance } from 'fastify'
import { AuthCodeResponse, TokenResponse, type TokenResponseT } from '../../mock-server/schemas/api'
import { authCode, call, claimState, expectError, expectOk, MINUTE, newApp, signIn, type TestClock } from './helpers'

let app: FastifyInstance
let clock: TestClock
beforeEach(async () => {
  ;({ app, clock } = await newApp())
})
afterEach(async () => {
  await app.close()
})

const exchange = (code: string) => call(app, 'POST', '/api/oauth/token', { body: { grantType: 'authorization_code', code } })
const refresh = (refreshToken: string) => call(app, 'POST', '/api/oauth/token', { body: { grantType: 'refresh_token', refreshToken } })

describe('POST /api/mock/auth-code', () => {
  it('gives a code valid for 5 minutes', async () => {
    const body = expectOk<{ authCode: string; expiresIn: number }>(
      await call(app, 'POST', '/api/mock/auth-code', { body: { personaId: 'eligible-li', scopes: 'auth_user' } }),
      AuthCodeResponse,
    )
    expect(body.expiresIn).toBe(300)
    expect(body.authCode.length).toBeGreaterThanOrEqual(20)
  })

  it('PERSONA_NOT_FOUND for an unknown persona', async () => {
    expectError(await call(app, 'POST', '/api/mock/auth-code', { body: { personaId: 'nobody' } }), 'PERSONA_NOT_FOUND')
  })
})

describe('POST /api/oauth/token, authorization_code', () => {
  it('exchanges a code for tokens shaped like alipay.system.oauth.token', async () => {
    const body = expectOk<TokenResponseT>(await exchange(await authCode(app, 'eligible-zhang')), TokenResponse)
    expect(body.userId).toMatch(/^2088\d{12}$/)
    expect(body.expiresIn).toBe(7200)
    expect(body.reExpiresIn).toBe(30 * 24 * 3600)
    expect(body.accessToken).not.toBe(body.refreshToken)
    expect(body.accessToken.length).toBeGreaterThanOrEqual(40)
  })

  it('gives each persona its own userId and random tokens', async () => {
    const a = await signIn(app, 'eligible-zhang')
    const b = await signIn(app, 'eligible-zhang')
    const c = await signIn(app, 'eligible-li')
    expect(a.userId).toBe(b.userId)
    expect(a.userId).not.toBe(c.userId)
    expect(new Set([a.accessToken, b.accessToken, c.accessToken, a.refreshToken, b.refreshToken]).size).toBe(5)
  })

  it('a code is single use: AUTH_CODE_USED the second time', async () => {
    const code = await authCode(app, 'eligible-zhang')
    expect((await exchange(code)).statusCode).toBe(200)
    expectError(await exchange(code), 'AUTH_CODE_USED')
  })

  it('a code expires 5 minutes after issue: AUTH_CODE_EXPIRED', async () => {
    const fresh = await authCode(app, 'eligible-zhang')
    const stale = await authCode(app, 'eligible-zhang')
    clock.advance(5 * MINUTE - 1)
    expect((await exchange(fresh)).statusCode).toBe(200)
    clock.advance(1)
    expectError(await exchange(stale), 'AUTH_CODE_EXPIRED')
  })

  it('an unknown code is AUTH_CODE_INVALID', async () => {
    expectError(await exchange('not-a-code-we-issued'), 'AUTH_CODE_INVALID')
  })

  it('creates the claim in state authorized, and keeps an existing claim on a later sign-in', async () => {
    const first = await signIn(app, 'eligible-zhang')
    expect(await claimState(app, first.accessToken)).toBe('authorized')
    await call(app, 'GET', '/api/person', { token: first.accessToken })
    const second = await signIn(app, 'eligible-zhang')
    expect(await claimState(app, second.accessToken)).toBe('informed')
  })

  it('creates the has-ecard persona\'s claim as issued', async () => {
    const { accessToken } = await signIn(app, 'has-ecard-wang')
    expect(await claimState(app, accessToken)).toBe('issued')
  })
})

describe('POST /api/oauth/token, refresh_token', () => {
  it('rotates: new tokens work, the old refresh token dies', async () => {
    const first = await signIn(app, 'eligible-zhang')
    const body = expectOk<TokenResponseT>(await refresh(first.refreshToken), TokenResponse)
    expect(body.userId).toBe(first.userId)
    expect(body.refreshToken).not.toBe(first.refreshToken)
    expect(body.accessToken).not.toBe(first.accessToken)
    expect((await call(app, 'GET', '/api/claim', { token: body.accessToken })).statusCode).toBe(200)
    // the new one rotates again
    const second = expectOk<TokenResponseT>(await refresh(body.refreshToken), TokenResponse)
    expect((await call(app, 'GET', '/api/claim', { token: second.accessToken })).statusCode).toBe(200)
  })

  it('a rotated refresh token presented again → REFRESH_TOKEN_INVALID, and the whole sign-in is revoked (newer tokens too)', async () => {
    const first = await signIn(app, 'eligible-zhang')
    const rotated = expectOk<TokenResponseT>(await refresh(first.refreshToken), TokenResponse)
    expectError(await refresh(first.refreshToken), 'REFRESH_TOKEN_INVALID')
    expectError(await call(app, 'GET', '/api/claim', { token: rotated.accessToken }), 'TOKEN_INVALID')
    expectError(await call(app, 'GET', '/api/claim', { token: first.accessToken }), 'TOKEN_INVALID')
    expectError(await refresh(rotated.refreshToken), 'REFRESH_TOKEN_INVALID')
    // another sign-in of the same person is a family of its own: untouched
    const other = await signIn(app, 'eligible-zhang')
    expect((await call(app, 'GET', '/api/claim', { token: other.accessToken })).statusCode).toBe(200)
  })

  it('REFRESH_TOKEN_INVALID for an unknown token, an access token, or one older than 30 days', async () => {
    const t = await signIn(app, 'eligible-zhang')
    expectError(await refresh('unknown-refresh-token'), 'REFRESH_TOKEN_INVALID')
    expectError(await refresh(t.accessToken), 'REFRESH_TOKEN_INVALID')
    clock.advance(30 * 24 * 60 * MINUTE)
    expectError(await refresh(t.refreshToken), 'REFRESH_TOKEN_INVALID')
  })

  it('a refresh token cannot be used as an authorization code, nor a code as a refresh token', async () => {
    const t = await signIn(app, 'eligible-zhang')
    expectError(await exchange(t.refreshToken), 'AUTH_CODE_INVALID')
    expectError(await refresh(await authCode(app, 'eligible-zhang')), 'REFRESH_TOKEN_INVALID')
  })
})

describe('bearer tokens', () => {
  const bearerRoutes: Array<['GET' | 'POST', string]> = [
    ['GET', '/api/person'],
    ['GET', '/api/claim'],
    ['POST', '/api/claim/consent'],
    ['POST', '/api/certifications'],
    ['GET', '/api/certifications/abcdefgh12345'],
    ['POST', '/api/claim/password'],
    ['POST', '/api/cards'],
    ['GET', '/api/cards/current'],
  ]

  it.each(bearerRoutes)('%s %s: TOKEN_MISSING without a token', async (method, url) => {
    expectError(await call(app, method, url), 'TOKEN_MISSING')
    expectError(await call(app, method, url, { headers: { authorization: 'Bearer ' } }), 'TOKEN_MISSING')
  })

  it.each(bearerRoutes)('%s %s: TOKEN_INVALID for an unknown token or another scheme', async (method, url) => {
    expectError(await call(app, method, url, { token: 'made-up-token-0123456789' }), 'TOKEN_INVALID')
    expectError(await call(app, method, url, { headers: { authorization: 'Basic dXNlcjpwYXNz' } }), 'TOKEN_INVALID')
  })

  it.each(bearerRoutes)('%s %s: TOKEN_EXPIRED 7200 s after issue', async (method, url) => {
    const { accessToken } = await signIn(app, 'eligible-zhang')
    clock.advance(7200 * 1000)
    expectError(await call(app, method, url, { token: accessToken }), 'TOKEN_EXPIRED')
  })

  it('an access token works until its 7200th second', async () => {
    const { accessToken } = await signIn(app, 'eligible-zhang')
    clock.advance(7200 * 1000 - 1)
    expect((await call(app, 'GET', '/api/claim', { token: accessToken })).statusCode).toBe(200)
  })

  it('a refresh token is not an access token', async () => {
    const { refreshToken } = await signIn(app, 'eligible-zhang')
    expectError(await call(app, 'GET', '/api/claim', { token: refreshToken }), 'TOKEN_INVALID')
  })

  it('checks the token before the body: no validation details for anonymous callers', async () => {
    expectError(await call(app, 'POST', '/api/claim/consent', { body: { nonsense: true } }), 'TOKEN_MISSING')
  })
})
