/** Shared helpers for the server tests: an app on an in-memory database with a test clock. */
import { FormatRegistry, type TSchema } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { sm2 } from 'sm-crypto'
import { buildApp, type BuildAppOptions } from '../../mock-server/app'
import { CURRENT_AGREEMENT } from '../../mock-server/agreement'
import { ErrorBody, type CardT, type ClaimT, type TokenResponseT } from '../../mock-server/schemas/api'
import { ERROR_STATUS, type ErrorCode } from '../../mock-server/schemas/errors'

if (!FormatRegistry.Has('date-time')) FormatRegistry.Set('date-time', (v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(v) && !Number.isNaN(Date.parse(v)))

/** 2026-11-25 10:00 in China. */
export const T0 = Date.parse('2026-11-25T02:00:00.000Z')
export const MINUTE = 60_000

/** A six-digit password none of the weak-password rules refuse for any persona. */
export const GOOD_PASSWORD = '258036'

export interface TestClock {
  t: number
  advance(ms: number): void
}

export async function newApp(extra: BuildAppOptions = {}): Promise<{ app: FastifyInstance; clock: TestClock }> {
  const clock: TestClock = {
    t: T0,
    advance(ms: number) {
      this.t += ms
    },
  }
  const app = await buildApp({ now: () => clock.t, logLevel: 'silent', ...extra })
  return { app, clock }
}

export interface CallOptions {
  token?: string
  body?: unknown
  headers?: Record<string, string>
}

export function call(app: FastifyInstance, method: 'GET' | 'POST', url: string, opts: CallOptions = {}): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) }
  if (opts.token) headers.authorization = `Bearer ${opts.token}`
  return app.inject({ method, url, headers, ...(opts.body === undefined ? {} : { payload: opts.body as object }) })
}

/** Asserts the one error shape: status from ERROR_STATUS, `{ code, message }`, no stack. */
export function expectError(res: LightMyRequestResponse, code: ErrorCode, reason?: string): void {
  const body = res.json()
  expect({ status: res.statusCode, code: body.code }).toEqual({ status: ERROR_STATUS[code], code })
  expect(Value.Check(ErrorBody, body)).toBe(true)
  expect(typeof body.message).toBe('string')
  expect(res.body).not.toMatch(/\bat .+\.(ts|js):\d+/)
  if (reason !== undefined) expect(body.reason).toBe(reason)
}

/** Asserts a 2xx response whose body matches the contract schema, and returns it. */
export function expectOk<T>(res: LightMyRequestResponse, schema: TSchema, status = 200): T {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`)
  const body = res.json()
  const errors = [...Value.Errors(schema, body)].map((e) => `${e.path} ${e.message}`)
  expect(errors).toEqual([])
  return body as T
}

export async function authCode(app: FastifyInstance, personaId: string): Promise<string> {
  const res = await call(app, 'POST', '/api/mock/auth-code', { body: { personaId } })
  expect(res.statusCode).toBe(200)
  return res.json().authCode
}

export async function signIn(app: FastifyInstance, personaId: string): Promise<TokenResponseT> {
  const code = await authCode(app, personaId)
  const res = await call(app, 'POST', '/api/oauth/token', { body: { grantType: 'authorization_code', code } })
  expect(res.statusCode).toBe(200)
  return res.json()
}

export async function encryptPassword(app: FastifyInstance, password: string): Promise<{ keyId: string; encryptedPassword: string }> {
  const key = (await call(app, 'GET', '/api/crypto/public-key')).json()
  // exactly what the app does
  return { keyId: key.keyId, encryptedPassword: sm2.doEncrypt(password, key.publicKey, 1) }
}

export type Stage = 'informed' | 'consented' | 'certifying' | 'certified' | 'password_set' | 'issued'
const ORDER: Stage[] = ['informed', 'consented', 'certifying', 'certified', 'password_set', 'issued']

/** Walks the claim forward through the real endpoints, asserting each step, up to `stage`. */
export async function advance(app: FastifyInstance, token: string, stage: Stage, idempotencyKey = 'key-' + Math.random().toString(36).slice(2, 12)): Promise<{ claim?: ClaimT; certifyId?: string; card?: CardT }> {
  const upTo = ORDER.indexOf(stage)
  const out: { claim?: ClaimT; certifyId?: string; card?: CardT } = {}
  expect((await call(app, 'GET', '/api/person', { token })).statusCode).toBe(200)
  if (upTo < 1) return out
  let res = await call(app, 'POST', '/api/claim/consent', { token, body: { agreementVersion: CURRENT_AGREEMENT.version } })
  expect(res.statusCode).toBe(200)
  if (upTo < 2) return out
  res = await call(app, 'POST', '/api/certifications', { token })
  expect(res.statusCode).toBe(200)
  out.certifyId = res.json().certifyId as string
  if (upTo < 3) return out
  res = await call(app, 'POST', `/api/mock/certifications/${out.certifyId}/complete`, { body: { outcome: 'pass' } })
  expect(res.statusCode).toBe(200)
  res = await call(app, 'GET', `/api/certifications/${out.certifyId}`, { token })
  expect(res.json().passed).toBe('T')
  out.claim = res.json().claim
  if (upTo < 4) return out
  res = await call(app, 'POST', '/api/claim/password', { token, body: await encryptPassword(app, GOOD_PASSWORD) })
  expect(res.statusCode).toBe(200)
  out.claim = res.json()
  if (upTo < 5) return out
  res = await call(app, 'POST', '/api/cards', { token, headers: { 'idempotency-key': idempotencyKey } })
  expect(res.statusCode).toBe(201)
  out.card = res.json()
  return out
}

export async function claimState(app: FastifyInstance, token: string): Promise<string> {
  return (await call(app, 'GET', '/api/claim', { token })).json().state
}

/** Signs in and runs the claim to an issued card. */
export async function issuedCard(app: FastifyInstance, personaId = 'eligible-zhang'): Promise<{ token: string; card: CardT }> {
  const { accessToken: token } = await signIn(app, personaId)
  const { card } = await advance(app, token, 'issued')
  return { token, card: card! }
}

/** Starts a face verification at `startUrl` (a POST .../certifications route) and records `outcome` with the stand-in. */
export async function faceVerification(
  app: FastifyInstance,
  token: string,
  startUrl: string,
  outcome: 'pass' | 'fail' | 'cancel' | null = 'pass',
  query = true,
): Promise<string> {
  const res = await call(app, 'POST', startUrl, { token })
  if (res.statusCode !== 200) throw new Error(`start ${startUrl}: ${res.statusCode} ${res.body}`)
  const certifyId = res.json().certifyId as string
  if (outcome) expect((await call(app, 'POST', `/api/mock/certifications/${certifyId}/complete`, { body: { outcome } })).statusCode).toBe(200)
  if (query) expect((await call(app, 'GET', `/api/certifications/${certifyId}`, { token })).statusCode).toBe(200)
  return certifyId
}

export const RESET_CERTIFICATIONS = '/api/cards/current/password-reset/certifications'
export const UNBIND_CERTIFICATIONS = '/api/cards/current/unbind/certifications'

/** SM2 ciphertext of `password` under the server's current key, as the app makes it. */
export async function sm2Encrypt(app: FastifyInstance, password: string): Promise<{ keyId: string; ciphertext: string }> {
  const { keyId, encryptedPassword } = await encryptPassword(app, password)
  return { keyId, ciphertext: encryptedPassword }
}

export async function changeCardPassword(app: FastifyInstance, token: string, oldPassword: string, newPassword: string): Promise<LightMyRequestResponse> {
  const old = await sm2Encrypt(app, oldPassword)
  const next = await sm2Encrypt(app, newPassword)
  return call(app, 'POST', '/api/cards/current/password', {
    token,
    body: { keyId: old.keyId, encryptedOldPassword: old.ciphertext, encryptedNewPassword: next.ciphertext },
  })
}

export async function unbindWithPassword(app: FastifyInstance, token: string, password: string): Promise<LightMyRequestResponse> {
  const { keyId, ciphertext } = await sm2Encrypt(app, password)
  return call(app, 'POST', '/api/cards/current/unbind', { token, body: { method: 'password', keyId, encryptedPassword: ciphertext } })
}

export async function issueQr(app: FastifyInstance, token: string): Promise<{ token: string; expiresAt: string; expiresIn: number }> {
  const res = await call(app, 'POST', '/api/cards/current/qr', { token })
  if (res.statusCode !== 200) throw new Error(`qr: ${res.statusCode} ${res.body}`)
  return res.json()
}

export function scan(app: FastifyInstance, qrToken: string, scannerId?: string): Promise<LightMyRequestResponse> {
  return call(app, 'POST', '/api/scanner/verify', { body: { token: qrToken }, headers: scannerId ? { 'x-scanner-id': scannerId } : {} })
}

export interface AuditEntryLike {
  actor: string
  action: string
  outcome: 'ok' | 'refused'
  code: string | null
}

/** The card's audit trail from the mock route, as `action/outcome[/code]@actor` strings. */
export async function auditTrail(app: FastifyInstance, cardNumber: string): Promise<string[]> {
  const res = await call(app, 'GET', `/api/mock/cards/${cardNumber}/audit`)
  if (res.statusCode !== 200) throw new Error(`audit: ${res.statusCode} ${res.body}`)
  return (res.json().entries as AuditEntryLike[]).map((e) => `${e.action}/${e.outcome}${e.code ? '/' + e.code : ''}@${e.actor}`)
}
