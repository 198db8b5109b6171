/**
 * Token lifetimes and revocation (docs/security.md, "Who may do what"): authorization codes are
 * single use and live 5 minutes, access tokens 2 hours; refresh tokens rotate and a reused one
 * revokes the sign-in; logout revokes the access token and its refresh token.
 */
import Database from 'better-sqlite3'
import type { FastifyInstance } from 'fastify'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { MIGRATIONS } from '../../mock-server/store/migrations'
import { Ok, TokenResponse, type TokenResponseT } from '../../mock-server/schemas/api'
import { openStore } from '../../mock-server/store'
import { ACCESS_TOKEN_TTL_S, AUTH_CODE_TTL_S } from '../../mock-server/tokens'
import { authCode, call, expectError, expectOk, newApp, signIn, type TestClock } from './helpers'

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
const logout = (token?: string) => call(app, 'POST', '/api/oauth/logout', { token })
const claimWith = (token: string) => call(app, 'GET', '/api/claim', { token })

describe('authorization codes', () => {
  it('live 5 minutes: good at 4:59.999, AUTH_CODE_EXPIRED at 5:00', async () => {
    expect(AUTH_CODE_TTL_S).toBe(300)
    const early = await authCode(app, 'eligible-zhang')
    const late = await authCode(app, 'eligible-zhang')
    clock.advance(AUTH_CODE_TTL_S * 1000 - 1)
    expect((await exchange(early)).statusCode).toBe(200)
    clock.advance(1)
    expectError(await exchange(late), 'AUTH_CODE_EXPIRED')
  })

  it('are single use, even when two exchanges race', async () => {
    const code = await authCode(app, 'eligible-li')
    const [a, b] = await Promise.all([exchange(code), exchange(code)])
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 400])
    expectError(a.statusCode === 400 ? a : b, 'AUTH_CODE_USED')
  })
})

describe('access tokens', () => {
  it('expire at 2 hours: good at 7199.999 s, TOKEN_EXPIRED at 7200 s', async () => {
    expect(ACCESS_TOKEN_TTL_S).toBe(7200)
    const t = await signIn(app, 'eligible-zhang')
    clock.advance(ACCESS_TOKEN_TTL_S * 1000 - 1)
    expect((await claimWith(t.accessToken)).statusCode).toBe(200)
    clock.advance(1)
    expectError(await claimWith(t.accessToken), 'TOKEN_EXPIRED')
  })

  it('an expired access token is renewed by its refresh token', async () => {
    const t = await signIn(app, 'eligible-zhang')
    clock.advance(ACCESS_TOKEN_TTL_S * 1000)
    const next = expectOk<TokenResponseT>(await refresh(t.refreshToken), TokenResponse)
    expect((await claimWith(next.accessToken)).statusCode).toBe(200)
  })
})

describe('refresh tokens rotate; reuse revokes the sign-in', () => {
  it('each refresh gives a new pair and spends the old refresh token', async () => {
    const first = await signIn(app, 'eligible-zhang')
    const second = expectOk<TokenResponseT>(await refresh(first.refreshToken), TokenResponse)
    const third = expectOk<TokenResponseT>(await refresh(second.refreshToken), TokenResponse)
    expect(new Set([first.refreshToken, second.refreshToken, third.refreshToken]).size).toBe(3)
    // the older access tokens keep working until they expire or the sign-in is revoked
    expect((await claimWith(first.accessToken)).statusCode).toBe(200)
    expect((await claimWith(third.accessToken)).statusCode).toBe(200)
  })

  it('a spent refresh token presented again (a stolen copy) revokes every token of that sign-in, and only that sign-in', async () => {
    const stolen = await signIn(app, 'eligible-zhang')
    const bystander = await signIn(app, 'eligible-zhang')
    const legit = expectOk<TokenResponseT>(await refresh(stolen.refreshToken), TokenResponse)
    expectError(await refresh(stolen.refreshToken), 'REFRESH_TOKEN_INVALID')
    for (const token of [stolen.accessToken, legit.accessToken]) expectError(await claimWith(token), 'TOKEN_INVALID')
    expectError(await refresh(legit.refreshToken), 'REFRESH_TOKEN_INVALID')
    expect((await claimWith(bystander.accessToken)).statusCode).toBe(200)
    expect((await refresh(bystander.refreshToken)).statusCode).toBe(200)
  })
})

describe('POST /api/oauth/logout', () => {
  it('revokes the access token and its refresh token (the whole sign-in, rotations included)', async () => {
    const first = await signIn(app, 'eligible-zhang')
    const rotated = expectOk<TokenResponseT>(await refresh(first.refreshToken), TokenResponse)
    expectOk(await logout(rotated.accessToken), Ok)
    expectError(await claimWith(rotated.accessToken), 'TOKEN_INVALID')
    expectError(await claimWith(first.accessToken), 'TOKEN_INVALID')
    expectError(await refresh(rotated.refreshToken), 'REFRESH_TOKEN_INVALID')
    // a second logout with the dead token is refused like any other use of it
    expectError(await logout(rotated.accessToken), 'TOKEN_INVALID')
  })

  it("leaves the person's other sign-ins and other people alone", async () => {
    const a1 = await signIn(app, 'eligible-zhang')
    const a2 = await signIn(app, 'eligible-zhang')
    const b = await signIn(app, 'eligible-li')
    expectOk(await logout(a1.accessToken), Ok)
    expect((await claimWith(a2.accessToken)).statusCode).toBe(200)
    expect((await claimWith(b.accessToken)).statusCode).toBe(200)
    expect((await refresh(a2.refreshToken)).statusCode).toBe(200)
  })

  it('needs the access token: missing → TOKEN_MISSING, unknown → TOKEN_INVALID, expired → TOKEN_EXPIRED', async () => {
    expectError(await logout(), 'TOKEN_MISSING')
    expectError(await logout('not-a-token-we-issued'), 'TOKEN_INVALID')
    const t = await signIn(app, 'eligible-zhang')
    clock.advance(ACCESS_TOKEN_TTL_S * 1000)
    expectError(await logout(t.accessToken), 'TOKEN_EXPIRED')
  })

  it('a refresh token is not accepted as the bearer', async () => {
    const t = await signIn(app, 'eligible-zhang')
    expectError(await logout(t.refreshToken), 'TOKEN_INVALID')
    expect((await claimWith(t.accessToken)).statusCode).toBe(200)
  })

  it('takes no body: unknown fields → VALIDATION_FAILED; `{}` is fine', async () => {
    const t = await signIn(app, 'eligible-zhang')
    expectError(await call(app, 'POST', '/api/oauth/logout', { token: t.accessToken, body: { refreshToken: t.refreshToken } }), 'VALIDATION_FAILED')
    expectOk(await call(app, 'POST', '/api/oauth/logout', { token: t.accessToken, body: {} }), Ok)
  })
})

describe('tokens from a database older than token families', () => {
  it('become families of one on upgrade, so logout still revokes the token used', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecard-tokens-'))
    const file = path.join(dir, 'old.sqlite')
    try {
      const old = new Database(file)
      for (const m of MIGRATIONS.slice(0, 2)) old.exec(m)
      old.pragma('user_version = 2')
      const insert = old.prepare(`INSERT INTO sessions (token_hash, kind, persona_id, created_at, expires_at) VALUES (?, ?, 'eligible-zhang', 0, 10)`)
      insert.run('h-access', 'access')
      insert.run('h-refresh', 'refresh')
      old.close()
      const store = openStore(file)
      try {
        expect(store.findSession('h-access', 'access')?.familyId).toBe('h-access')
        expect(store.revokeSessionFamily('h-access', 5)).toBe(1)
        expect(store.findSession('h-access', 'access')?.revokedAt).toBe(5)
        expect(store.findSession('h-refresh', 'refresh')?.revokedAt).toBeNull()
      } finally {
        store.close()
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
