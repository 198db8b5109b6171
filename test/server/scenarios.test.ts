/**
 * QA scenarios (mock-server/scenarios): the switches API, and that each switch does what it says,
 * globally and scoped to one persona, without touching anyone else's calls.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { CertifyResult, ScenarioState, type CertifyResultT, type ScenarioStateT } from '../../mock-server/schemas/api'
import {
  advance,
  authCode,
  auditTrail,
  call,
  claimState,
  expectError,
  expectOk,
  MINUTE,
  newApp,
  signIn,
  type TestClock,
} from './helpers'

let app: FastifyInstance
let clock: TestClock
beforeEach(async () => {
  ;({ app, clock } = await newApp())
})
afterEach(async () => {
  await app.close()
})

const ZHOU = 'eligible-zhou'
const WU = 'eligible-wu'

function scenarios(method: 'GET' | 'PUT' | 'PATCH' | 'DELETE', body?: unknown, query = ''): Promise<LightMyRequestResponse> {
  return app.inject({ method, url: `/api/mock/scenarios${query}`, ...(body === undefined ? {} : { payload: body as object }) })
}
async function patch(body: unknown): Promise<ScenarioStateT> {
  return expectOk<ScenarioStateT>(await scenarios('PATCH', body), ScenarioState)
}
async function state(): Promise<ScenarioStateT> {
  return expectOk<ScenarioStateT>(await scenarios('GET'), ScenarioState)
}
const personaScope = (personaId: string, switches: unknown) => patch({ personas: { [personaId]: switches } })

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now()
  const value = await f()
  return { value, ms: performance.now() - t0 }
}

async function certifying(personaId: string): Promise<{ token: string; certifyId: string }> {
  const { accessToken: token } = await signIn(app, personaId)
  await advance(app, token, 'consented')
  const res = await call(app, 'POST', '/api/certifications', { token })
  expect(res.statusCode).toBe(200)
  return { token, certifyId: res.json().certifyId }
}
const complete = (certifyId: string, outcome: 'pass' | 'fail' | 'cancel') =>
  call(app, 'POST', `/api/mock/certifications/${certifyId}/complete`, { body: { outcome } })
const query = async (token: string, certifyId: string): Promise<CertifyResultT> =>
  expectOk<CertifyResultT>(await call(app, 'GET', `/api/certifications/${certifyId}`, { token }), CertifyResult)

describe('the scenarios API', () => {
  it('is all off by default, and lists the operationIds a scenario can name (not its own)', async () => {
    const s = await state()
    expect(s).toMatchObject({ active: false, global: {}, personas: {} })
    expect(s.operationIds).toEqual(expect.arrayContaining(['issueCard', 'getPerson', 'exchangeToken', 'mockAuthCode', 'queryCertification']))
    for (const own of ['getScenarios', 'replaceScenarios', 'mergeScenarios', 'clearScenarios', 'streamApiEvents']) expect(s.operationIds).not.toContain(own)
  })

  it('PUT replaces, PATCH merges (null turns a switch off), DELETE turns everything off', async () => {
    let s = expectOk<ScenarioStateT>(
      await scenarios('PUT', { global: { latencyMs: { '*': 10 } }, personas: { [ZHOU]: { faceOutcome: 'fail', clockOffsetMs: 60_000 } } }),
      ScenarioState,
    )
    expect(s).toMatchObject({ active: true, global: { latencyMs: { '*': 10 } }, personas: { [ZHOU]: { faceOutcome: 'fail', clockOffsetMs: 60_000 } } })

    s = await patch({ global: { latencyMs: { getPerson: 20 } }, personas: { [ZHOU]: { clockOffsetMs: null }, [WU]: { injectOnce: { operationId: 'getClaim', kind: '5xx' } } } })
    expect(s.global).toEqual({ latencyMs: { '*': 10, getPerson: 20 } })
    expect(s.personas).toEqual({ [WU]: { injectOnce: { operationId: 'getClaim', kind: '5xx' } }, [ZHOU]: { faceOutcome: 'fail' } })

    s = await patch({ global: { latencyMs: { '*': null } }, personas: { [ZHOU]: null } })
    expect(s.global).toEqual({ latencyMs: { getPerson: 20 } })
    expect(Object.keys(s.personas)).toEqual([WU])

    // PUT: what is not given is off
    s = expectOk<ScenarioStateT>(await scenarios('PUT', { personas: { [ZHOU]: { faceOutcome: 'pass' } } }), ScenarioState)
    expect(s).toMatchObject({ active: true, global: {}, personas: { [ZHOU]: { faceOutcome: 'pass' } } })

    s = expectOk<ScenarioStateT>(await scenarios('DELETE'), ScenarioState)
    expect(s).toMatchObject({ active: false, global: {}, personas: {} })
  })

  it('DELETE ?personaId= clears only that persona', async () => {
    await patch({ global: { faceOutcome: 'cancel' }, personas: { [ZHOU]: { faceOutcome: 'fail' }, [WU]: { faceOutcome: 'pass' } } })
    const s = expectOk<ScenarioStateT>(await scenarios('DELETE', undefined, `?personaId=${WU}`), ScenarioState)
    expect(s).toMatchObject({ global: { faceOutcome: 'cancel' }, personas: { [ZHOU]: { faceOutcome: 'fail' } } })
    expect(s.personas[WU]).toBeUndefined()
  })

  it('refuses unknown personas, unknown operationIds and out-of-range values, changing nothing', async () => {
    await patch({ global: { faceOutcome: 'fail' } })
    expectError(await scenarios('PATCH', { personas: { 'nobody-here': { faceOutcome: 'fail' } } }), 'PERSONA_NOT_FOUND')
    expectError(await scenarios('DELETE', undefined, '?personaId=nobody-here'), 'PERSONA_NOT_FOUND')
    expectError(await scenarios('PUT', { global: { injectOnce: { operationId: 'launchRockets', kind: '5xx' } } }), 'VALIDATION_FAILED')
    expectError(await scenarios('PATCH', { global: { latencyMs: { getScenarios: 10 } } }), 'VALIDATION_FAILED')
    expectError(await scenarios('PATCH', { global: { injectOnce: { operationId: 'issueCard', kind: 'explode' } } }), 'VALIDATION_FAILED')
    expectError(await scenarios('PATCH', { global: { latencyMs: { '*': 10 ** 9 } } }), 'VALIDATION_FAILED')
    expectError(await scenarios('PATCH', { global: { faceOutcome: 'maybe' } }), 'VALIDATION_FAILED')
    expectError(await scenarios('PATCH', { global: { surprise: true } }), 'VALIDATION_FAILED')
    expect((await state()).global).toEqual({ faceOutcome: 'fail' })
  })

  it('is in the OpenAPI document, tagged mock', async () => {
    const doc = (await call(app, 'GET', '/api/openapi.json')).json()
    const ops = doc.paths['/api/mock/scenarios']
    expect(Object.keys(ops).sort()).toEqual(['delete', 'get', 'patch', 'put'])
    expect(ops.put.operationId).toBe('replaceScenarios')
    expect(ops.patch.requestBody.content['application/json'].schema).toBeDefined()
    for (const op of Object.values(ops) as Array<{ tags: string[] }>) expect(op.tags).toEqual(['mock'])
    expect(doc.paths['/api/mock/events'].get.operationId).toBe('streamApiEvents')
    expect(Object.keys(doc.paths['/api/mock/events'].get.responses['200'].content).sort()).toEqual(['application/json', 'text/event-stream'])
    expect(doc.paths['/api/mock/personas/{id}/cards'].get.tags).toEqual(['mock'])
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/qa'))).toBe(false)
  })
})

describe('latencyMs', () => {
  it('delays the named endpoint; * delays every API route but /api/mock/*', async () => {
    await patch({ global: { latencyMs: { getCurrentAgreement: 300 } } })
    let t = await timed(() => call(app, 'GET', '/api/agreements/current'))
    expect(t.value.statusCode).toBe(200)
    expect(t.ms).toBeGreaterThanOrEqual(290)
    t = await timed(() => call(app, 'GET', '/api/crypto/public-key'))
    expect(t.ms).toBeLessThan(290)

    await scenarios('PUT', { global: { latencyMs: { '*': 300 } } })
    t = await timed(() => call(app, 'GET', '/api/crypto/public-key'))
    expect(t.ms).toBeGreaterThanOrEqual(290)
    t = await timed(() => call(app, 'GET', '/api/mock/personas'))
    expect(t.ms).toBeLessThan(290)
    // a mock route named explicitly is delayed
    await patch({ global: { latencyMs: { listPersonas: 300 } } })
    t = await timed(() => call(app, 'GET', '/api/mock/personas'))
    expect(t.ms).toBeGreaterThanOrEqual(290)
  })

  it('scoped to a persona, delays only that persona\'s calls (bearer token, and its auth code)', async () => {
    const zhou = await signIn(app, ZHOU)
    const wu = await signIn(app, WU)
    await personaScope(ZHOU, { latencyMs: { '*': 300, mockAuthCode: 300 } })
    let t = await timed(() => call(app, 'GET', '/api/claim', { token: zhou.accessToken }))
    expect(t.value.statusCode).toBe(200)
    expect(t.ms).toBeGreaterThanOrEqual(290)
    t = await timed(() => call(app, 'GET', '/api/claim', { token: wu.accessToken }))
    expect(t.ms).toBeLessThan(290)
    const code = await timed(() => authCode(app, ZHOU))
    expect(code.ms).toBeGreaterThanOrEqual(290)
    const other = await timed(() => authCode(app, WU))
    expect(other.ms).toBeLessThan(290)
    // no token: nobody's call
    t = await timed(() => call(app, 'GET', '/api/crypto/public-key'))
    expect(t.ms).toBeLessThan(290)
  })
})

describe('injectOnce', () => {
  it('5xx: 500 INTERNAL before the handler runs (nothing happens), consumed by the first matching call', async () => {
    const { accessToken: token } = await signIn(app, ZHOU)
    await advance(app, token, 'informed')
    await patch({ global: { injectOnce: { operationId: 'consentToAgreement', kind: '5xx' } } })
    // another endpoint does not consume it
    expect((await call(app, 'GET', '/api/claim', { token })).statusCode).toBe(200)
    const agreement = (await call(app, 'GET', '/api/agreements/current')).json()
    const first = await call(app, 'POST', '/api/claim/consent', { token, body: { agreementVersion: agreement.version } })
    expect(first.statusCode).toBe(500)
    expect(first.json()).toMatchObject({ code: 'INTERNAL' })
    expect(await claimState(app, token)).toBe('informed')
    expect((await state()).active).toBe(false)
    const second = await call(app, 'POST', '/api/claim/consent', { token, body: { agreementVersion: agreement.version } })
    expect(second.statusCode).toBe(200)
    expect(await claimState(app, token)).toBe('consented')
  })

  it('5xx-after-commit on issueCard: the card is issued, the answer lost; a retry with the same key gets the same card, and there is one card', async () => {
    const { accessToken: token } = await signIn(app, ZHOU)
    await advance(app, token, 'password_set')
    await personaScope(ZHOU, { injectOnce: { operationId: 'issueCard', kind: '5xx-after-commit' } })
    const key = 'qa-lost-response-0001'
    const lost = await call(app, 'POST', '/api/cards', { token, headers: { 'idempotency-key': key } })
    expect(lost.statusCode).toBe(500)
    expect(lost.json()).toMatchObject({ code: 'INTERNAL' })
    expect(await claimState(app, token)).toBe('issued')

    const retry = await call(app, 'POST', '/api/cards', { token, headers: { 'idempotency-key': key } })
    expect(retry.statusCode).toBe(200)
    const card = retry.json()
    const current = (await call(app, 'GET', '/api/cards/current', { token })).json()
    expect(current.cardNumber).toBe(card.cardNumber)

    const cards = (await call(app, 'GET', `/api/mock/personas/${ZHOU}/cards`)).json()
    expect(cards).toEqual({ personaId: ZHOU, count: 1, active: expect.objectContaining({ cardNumber: card.cardNumber, channel: 'alipay' }) })
    expect(await auditTrail(app, card.cardNumber)).toEqual(['issued/ok@holder'])
  })

  it('malformed: 200 with a body that is not JSON (the handler ran)', async () => {
    const { accessToken: token } = await signIn(app, ZHOU)
    await personaScope(ZHOU, { injectOnce: { operationId: 'getPerson', kind: 'malformed' } })
    const res = await call(app, 'GET', '/api/person', { token })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/application\/json/)
    expect(res.body.length).toBeGreaterThan(0)
    expect(() => JSON.parse(res.body)).toThrow()
    expect(await claimState(app, token)).toBe('informed')
    // once
    expect((await call(app, 'GET', '/api/person', { token })).json().name).toEqual(expect.any(String))
  })

  it('timeout: holds the response holdMs, then answers normally', async () => {
    await patch({ global: { injectOnce: { operationId: 'getCurrentAgreement', kind: 'timeout', holdMs: 200 } } })
    const t = await timed(() => call(app, 'GET', '/api/agreements/current'))
    expect(t.ms).toBeGreaterThanOrEqual(190)
    expect(t.value.statusCode).toBe(200)
    expect(t.value.json().version).toEqual(expect.any(String))
    const again = await timed(() => call(app, 'GET', '/api/agreements/current'))
    expect(again.ms).toBeLessThan(190)
  })

  it('a held response does not keep the server from closing', async () => {
    await patch({ global: { injectOnce: { operationId: 'getCurrentAgreement', kind: 'timeout', holdMs: 60_000 } } })
    const held = call(app, 'GET', '/api/agreements/current')
    await new Promise((r) => setTimeout(r, 50))
    const t = await timed(() => app.close())
    expect(t.ms).toBeLessThan(5000)
    expect((await held).statusCode).toBe(200)
  })

  it('scoped to a persona: another persona\'s call neither gets nor consumes it', async () => {
    const zhou = await signIn(app, ZHOU)
    const wu = await signIn(app, WU)
    await personaScope(ZHOU, { injectOnce: { operationId: 'getClaim', kind: '5xx' } })
    expect((await call(app, 'GET', '/api/claim', { token: wu.accessToken })).statusCode).toBe(200)
    expect((await state()).personas[ZHOU]?.injectOnce).toBeDefined()
    expect((await call(app, 'GET', '/api/claim', { token: zhou.accessToken })).statusCode).toBe(500)
    expect((await call(app, 'GET', '/api/claim', { token: zhou.accessToken })).statusCode).toBe(200)
    expect((await state()).personas).toEqual({})
  })

  it('scoped on exchangeToken: applies to that persona\'s auth code only', async () => {
    await personaScope(ZHOU, { injectOnce: { operationId: 'exchangeToken', kind: '5xx' } })
    const wuCode = await authCode(app, WU)
    expect((await call(app, 'POST', '/api/oauth/token', { body: { grantType: 'authorization_code', code: wuCode } })).statusCode).toBe(200)
    const zhouCode = await authCode(app, ZHOU)
    expect((await call(app, 'POST', '/api/oauth/token', { body: { grantType: 'authorization_code', code: zhouCode } })).statusCode).toBe(500)
    // nothing happened: the code is still good
    expect((await call(app, 'POST', '/api/oauth/token', { body: { grantType: 'authorization_code', code: zhouCode } })).statusCode).toBe(200)
  })

  it('the QA API itself is never faulted', async () => {
    expectError(await scenarios('PUT', { global: { injectOnce: { operationId: 'getScenarios', kind: '5xx' } } }), 'VALIDATION_FAILED')
  })
})

describe('clockOffsetMs', () => {
  it('scoped: moves that persona\'s clock, so its auth code expires, and nobody else\'s', async () => {
    const zhouCode = await authCode(app, ZHOU)
    const wuCode = await authCode(app, WU)
    await personaScope(ZHOU, { clockOffsetMs: 5 * MINUTE })
    expectError(await call(app, 'POST', '/api/oauth/token', { body: { grantType: 'authorization_code', code: zhouCode } }), 'AUTH_CODE_EXPIRED')
    expect((await call(app, 'POST', '/api/oauth/token', { body: { grantType: 'authorization_code', code: wuCode } })).statusCode).toBe(200)
  })

  it('global: access tokens expire after 2 hours (the bearer guard reads the moved clock too)', async () => {
    const { accessToken: token } = await signIn(app, WU)
    await patch({ global: { clockOffsetMs: 2 * 60 * MINUTE - 1000 } })
    expect((await call(app, 'GET', '/api/claim', { token })).statusCode).toBe(200)
    await patch({ global: { clockOffsetMs: 2 * 60 * MINUTE } })
    expectError(await call(app, 'GET', '/api/claim', { token }), 'TOKEN_EXPIRED')
    await scenarios('DELETE')
    expect((await call(app, 'GET', '/api/claim', { token })).statusCode).toBe(200)
  })

  it('scoped, on a bearer route: that persona\'s token expires, another\'s does not', async () => {
    const zhou = await signIn(app, ZHOU)
    const wu = await signIn(app, WU)
    await personaScope(ZHOU, { clockOffsetMs: 3 * 60 * MINUTE })
    expectError(await call(app, 'GET', '/api/claim', { token: zhou.accessToken }), 'TOKEN_EXPIRED')
    expect((await call(app, 'GET', '/api/claim', { token: wu.accessToken })).statusCode).toBe(200)
  })

  it('the certification session expires after 10 minutes of offset', async () => {
    const { token, certifyId } = await certifying(ZHOU)
    await personaScope(ZHOU, { clockOffsetMs: 10 * MINUTE })
    expect(await query(token, certifyId)).toMatchObject({ passed: 'F', failReason: 'EXPIRED' })
  })
})

describe('faceOutcome', () => {
  it('fail overrides the stand-in\'s pass', async () => {
    const { token, certifyId } = await certifying(ZHOU)
    await personaScope(ZHOU, { faceOutcome: 'fail' })
    expect((await complete(certifyId, 'pass')).statusCode).toBe(200)
    expect(await query(token, certifyId)).toMatchObject({ passed: 'F', failReason: 'FACE_MISMATCH' })
  })

  it('pass overrides the stand-in\'s fail; cancel gives USER_CANCELLED', async () => {
    let { token, certifyId } = await certifying(ZHOU)
    await personaScope(ZHOU, { faceOutcome: 'pass' })
    await complete(certifyId, 'fail')
    expect(await query(token, certifyId)).toMatchObject({ passed: 'T', claim: { state: 'certified' } })
    ;({ token, certifyId } = await certifying(WU))
    await personaScope(WU, { faceOutcome: 'cancel' })
    await complete(certifyId, 'pass')
    expect(await query(token, certifyId)).toMatchObject({ passed: 'F', failReason: 'USER_CANCELLED' })
  })

  it('timeout: the certification never completes, NOT_COMPLETED until it expires', async () => {
    const { token, certifyId } = await certifying(ZHOU)
    await patch({ global: { faceOutcome: 'timeout' } })
    expect((await complete(certifyId, 'pass')).json()).toEqual({ ok: true })
    expect(await query(token, certifyId)).toMatchObject({ passed: 'F', failReason: 'NOT_COMPLETED' })
    clock.advance(9 * MINUTE)
    await complete(certifyId, 'pass')
    expect(await query(token, certifyId)).toMatchObject({ passed: 'F', failReason: 'NOT_COMPLETED' })
    clock.advance(MINUTE)
    expect(await query(token, certifyId)).toMatchObject({ passed: 'F', failReason: 'EXPIRED' })
  })

  it('decides even when the stand-in never says anything (as on Alipay)', async () => {
    const { token, certifyId } = await certifying(ZHOU)
    await personaScope(ZHOU, { faceOutcome: 'pass' })
    expect(await query(token, certifyId)).toMatchObject({ passed: 'T' })
  })

  it('the face-mismatch persona still always fails', async () => {
    const { token, certifyId } = await certifying('face-mismatch-sun')
    await patch({ global: { faceOutcome: 'pass' } })
    await complete(certifyId, 'pass')
    expect(await query(token, certifyId)).toMatchObject({ passed: 'F', failReason: 'FACE_MISMATCH' })
  })

  it('scoped: another persona\'s stand-in decides as before', async () => {
    await personaScope(ZHOU, { faceOutcome: 'fail' })
    const { token, certifyId } = await certifying(WU)
    await complete(certifyId, 'pass')
    expect(await query(token, certifyId)).toMatchObject({ passed: 'T' })
  })
})

describe('every injected fault is an event in the live log', () => {
  it('names the fault, the operation, the status and the persona', async () => {
    const { accessToken: token } = await signIn(app, ZHOU)
    await personaScope(ZHOU, { injectOnce: { operationId: 'getClaim', kind: '5xx' }, latencyMs: { getPerson: 20 } })
    await call(app, 'GET', '/api/claim', { token })
    await call(app, 'GET', '/api/person', { token })
    const events = (await app.inject({ method: 'GET', url: '/api/mock/events', headers: { accept: 'application/json' } })).json()
    const claim = events.find((e: { operationId: string }) => e.operationId === 'getClaim')
    expect(claim).toMatchObject({ method: 'GET', route: '/api/claim', status: 500, errorCode: 'INTERNAL', personaId: ZHOU, fault: '5xx', delayMs: 0 })
    const person = events.find((e: { operationId: string }) => e.operationId === 'getPerson')
    expect(person).toMatchObject({ status: 200, personaId: ZHOU, fault: null, delayMs: 20 })
    expect(person.durationMs).toBeGreaterThanOrEqual(19)
    // the QA API's own calls are not in the log
    expect(events.some((e: { route: string }) => e.route === '/api/mock/scenarios')).toBe(false)
  })
})

describe('the QA console', () => {
  it('is served at /qa (HTML, its script and stylesheet), outside the API and the OpenAPI document', async () => {
    for (const url of ['/qa', '/qa/']) {
      const page = await app.inject({ method: 'GET', url })
      expect(page.statusCode).toBe(200)
      expect(page.headers['content-type']).toMatch(/^text\/html/)
      expect(page.headers['content-security-policy']).toContain("script-src 'self'")
      for (const id of ['qa-phone', 'qa-face-outcome', 'qa-latency', 'qa-inject-operation', 'qa-inject-kind', 'qa-inject-apply', 'qa-clock-offset', 'qa-scenarios-clear', 'qa-log']) {
        expect(page.body).toContain(`data-testid="${id}"`)
      }
    }
    const js = await app.inject({ method: 'GET', url: '/qa/console.js' })
    expect(js.statusCode).toBe(200)
    expect(js.headers['content-type']).toMatch(/^text\/javascript/)
    for (const id of ['qa-persona-', 'qa-start-', 'qa-reset-']) expect(js.body).toContain(`'${id}' + p.id`)
    expect((await app.inject({ method: 'GET', url: '/qa/console.css' })).headers['content-type']).toMatch(/^text\/css/)
    expect((await app.inject({ method: 'GET', url: '/qa/secret.txt' })).statusCode).toBe(404)
  })
})
