/**
 * The token exchange's `include`: sign-in and what the next screen needs in one round trip. The
 * person answered is GET /person's (masked, and reading it moves the claim authorized → informed);
 * the claim answered is the one after that read.
 */
import type { FastifyInstance } from 'fastify'
import { Claim, Person, TokenExchangeResponse, type TokenExchangeResponseT } from '../../mock-server/schemas/api'
import { authCode, call, expectError, expectOk, newApp } from './helpers'

let app: FastifyInstance
beforeEach(async () => {
  ;({ app } = await newApp())
})
afterEach(async () => {
  await app.close()
})

const exchange = async (persona: string, include?: unknown) =>
  call(app, 'POST', '/api/oauth/token', { body: { grantType: 'authorization_code', code: await authCode(app, persona), ...(include === undefined ? {} : { include }) } })

describe('POST /api/oauth/token with include', () => {
  it('answers the tokens alone when nothing is asked for', async () => {
    const body = expectOk<TokenExchangeResponseT>(await exchange('eligible-li'), TokenExchangeResponse)
    expect(body.claim).toBeUndefined()
    expect(body.person).toBeUndefined()
  })

  it('answers the person (masked) and the claim it moved to informed, as GET /person and GET /claim would', async () => {
    const body = expectOk<TokenExchangeResponseT>(await exchange('eligible-li', ['person', 'claim']), TokenExchangeResponse)
    expect(body.person?.idNumberMasked).toMatch(/\*/)
    expect(JSON.stringify(body)).not.toMatch(/\d{17}[\dX]/)
    expect(body.claim?.state).toBe('informed')
    const person = expectOk(await call(app, 'GET', '/api/person', { token: body.accessToken }), Person)
    expect(person).toEqual(body.person)
    const claim = expectOk<{ state: string }>(await call(app, 'GET', '/api/claim', { token: body.accessToken }), Claim)
    expect(claim.state).toBe('informed')
  })

  it('answers the claim alone without reading the person (the claim stays authorized)', async () => {
    const body = expectOk<TokenExchangeResponseT>(await exchange('eligible-li', ['claim']), TokenExchangeResponse)
    expect(body.person).toBeUndefined()
    expect(body.claim?.state).toBe('authorized')
  })

  it('refuses unknown or repeated items and include on a refresh', async () => {
    expectError(await exchange('eligible-li', ['card']), 'VALIDATION_FAILED')
    expectError(await exchange('eligible-li', ['claim', 'claim']), 'VALIDATION_FAILED')
    const tokens = expectOk<TokenExchangeResponseT>(await exchange('eligible-li'), TokenExchangeResponse)
    const refreshed = await call(app, 'POST', '/api/oauth/token', { body: { grantType: 'refresh_token', refreshToken: tokens.refreshToken, include: ['claim'] } })
    expectError(refreshed, 'VALIDATION_FAILED')
  })
})
