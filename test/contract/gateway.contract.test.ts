/**
 * The integrators' contract suite: any gateway (this checkout's mock server, or an integrator's
 * real one) against the OpenAPI document, over real HTTP. Every response of every call is checked
 * against the document (status, media type, schema, error code). Which tests exist is decided
 * from facts found before collection (test/contract/globalSetup.ts): the document's operations,
 * and whether the gateway has the mock stand-ins and QA scenarios. Against the mock server every
 * test is registered and runs; on a real gateway the steps that need the face stand-in, other
 * residents, or the mock's clock offset and fault injection are registered as a plainly named
 * "not run on this gateway" test instead.
 */
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import { sm2 } from 'sm-crypto'
import { ajvVersion } from './lib/ajv'
import { ContractClient, ok, refused, type Reply } from './lib/client'
import { Coverage } from './lib/coverage'
import { ContractDocument, opLabel, type Json, type Operation } from './lib/openapi'
import { readRuntime, settings, type PersonaSummary } from './lib/runtime'
import { sampleRequest } from './lib/sample'

jest.setTimeout(30_000)

const runtime = readRuntime()
const doc = new ContractDocument(runtime.doc)
const coverage = new Coverage()
const api = new ContractClient(doc, runtime.baseUrl, coverage)
const hasMock = runtime.mock.available
/** The gateway has the QA scenarios (PATCH/DELETE /mock/scenarios): clock offset and injected faults. */
const hasScenarios = hasMock && runtime.mock.scenarios === true
const FACE_SKIP = 'face step needs the mock stand-in; not reachable on this gateway'
const CARD_SKIP = 'card management after issuance needs the mock stand-ins; not run on this gateway'
const CLOCK_SKIP = 'expiry and fault cases need the mock clock offset and fault injection (/mock/scenarios); not run on this gateway'

// --- who the suite can sign in as -----------------------------------------------------------

interface Identity {
  label: string
  /** A fresh, unused auth code (resets the mock persona first). */
  code(): Promise<string>
  personaId?: string
}

const isMockOp = (op: Operation) => op.tags.includes('mock') || /\/mock\//.test(op.docPath)
const personas: PersonaSummary[] = runtime.mock.personas

async function mockCode(personaId: string): Promise<string> {
  ok(await api.call('resetPersona', { params: { id: personaId } }), 200)
  return ok(await api.call('mockAuthCode', { body: { personaId } }), 200).authCode
}

function primaryIdentity(): Identity {
  const code = settings.authCode()
  if (code) return { label: 'the CONTRACT_AUTH_CODE user', code: async () => code }
  const id = settings.persona()
  if (!personas.some((p) => p.id === id)) throw new Error(`CONTRACT_PERSONA "${id}" is not one of the gateway's personas: ${personas.map((p) => p.id).join(', ')}`)
  return { label: `persona ${id}`, personaId: id, code: () => mockCode(id) }
}

/** A resident with a trait: a mock persona, or an auth code the integrator passes as CONTRACT_AUTH_CODE_<SUFFIX>. */
function identityWithTrait(trait: string, envSuffix: string): Identity | undefined {
  const persona = hasMock ? personas.find((p) => p.traits.includes(trait)) : undefined
  if (persona) return { label: `persona ${persona.id}`, personaId: persona.id, code: () => mockCode(persona.id) }
  const code = settings.traitAuthCode(envSuffix)
  if (code) return { label: `CONTRACT_AUTH_CODE_${envSuffix}`, code: async () => code }
  return undefined
}

const primary = primaryIdentity()
/** A second eligible resident, for a key used by someone else (IDEMPOTENCY_KEY_CONFLICT). */
const secondPersona = hasMock ? personas.find((p) => p.traits.includes('eligible') && p.id !== primary.personaId) : undefined
const second: Identity | undefined = secondPersona && { label: `persona ${secondPersona.id}`, personaId: secondPersona.id, code: () => mockCode(secondPersona.id) }

const ELIGIBILITY = [
  { trait: 'no-physical-card', env: 'NO_PHYSICAL_CARD', code: 'NO_PHYSICAL_CARD', person: (p: Json) => expect(p.hasPhysicalCard).toBe(false) },
  { trait: 'card-suspended', env: 'CARD_SUSPENDED', code: 'CARD_SUSPENDED', person: (p: Json) => expect(p.cardStatus).toBe('suspended') },
  { trait: 'minor', env: 'MINOR', code: 'MINOR_NEEDS_GUARDIAN', person: (p: Json) => expect(p.isMinor).toBe(true) },
] as const
const hasEcard = identityWithTrait('has-ecard', 'HAS_ECARD')
const faceMismatch = hasMock ? identityWithTrait('face-mismatch', 'FACE_MISMATCH') : undefined

/** An eligible persona no other part of the suite signs in as (the preferred one when it exists). */
function sparePersona(prefer: string, taken: Array<string | undefined>): PersonaSummary | undefined {
  if (!hasMock) return undefined
  const spare = (p: PersonaSummary) => p.traits.includes('eligible') && !p.traits.includes('face-mismatch') && !taken.includes(p.id)
  return personas.find((p) => p.id === prefer && spare(p)) ?? [...personas].reverse().find(spare)
}
/** Claims a card, then drives its management: QR code, scanner, password lock and reset, unbinding. */
const cardPersona = sparePersona('eligible-zheng', [primary.personaId, secondPersona?.id])
/** Signs in under a shifted clock (expired code, expired token) and gets an injected fault. */
const clockPersona = sparePersona('eligible-zhou', [primary.personaId, secondPersona?.id, cardPersona?.id]) ?? cardPersona

// --- what this gateway lets the suite reach --------------------------------------------------

/**
 * card: the card flow of cardPersona (mock stand-ins and a spare persona); clock: the QA scenarios
 * (clock offset, injectOnce) and a spare persona; card-clock: both.
 */
type Need = 'any' | 'mock' | 'face' | 'second-user' | 'card' | 'clock' | 'card-clock' | `trait:${string}`
const TRAIT_ENV: Record<string, string> = { 'no-physical-card': 'NO_PHYSICAL_CARD', 'card-suspended': 'CARD_SUSPENDED', minor: 'MINOR', 'has-ecard': 'HAS_ECARD' }

function can(need: Need): boolean {
  if (need === 'any') return true
  if (need === 'mock' || need === 'face') return hasMock
  if (need === 'second-user') return hasMock && second !== undefined
  if (need === 'card') return hasMock && cardPersona !== undefined
  if (need === 'clock') return hasScenarios && clockPersona !== undefined
  if (need === 'card-clock') return hasScenarios && cardPersona !== undefined
  const trait = need.slice('trait:'.length)
  return identityWithTrait(trait, TRAIT_ENV[trait] ?? trait.toUpperCase()) !== undefined
}

const CLOCK_WHY: Record<string, string> = {
  TOKEN_EXPIRED: 'needs an access token older than its expiresIn (7200 s on the mock); ',
  AUTH_CODE_EXPIRED: 'needs an auth code older than its lifetime (5 minutes on the mock); ',
  CERTIFY_EXPIRED: 'needs a passed face verification older than 10 minutes; ',
  QR_EXPIRED: 'needs a QR token older than 60 s; ',
  INTERNAL: 'a server fault: no well-formed request triggers it on purpose; ',
}

function whyNot(needs: Need[], code?: string): string {
  const noScenarios = hasMock ? `this mock has no QA scenarios (${runtime.mock.scenariosProbe})` : 'this gateway has no /mock/scenarios'
  return needs
    .filter((n) => !can(n))
    .map((n) => {
      if (n === 'face') return `needs a passed face verification: ${FACE_SKIP}`
      if (n === 'mock') return 'needs the mock stand-ins, which this gateway does not have'
      if (n === 'second-user') return 'needs a second eligible resident (a mock persona) and a passed face verification'
      if (n === 'card') return hasMock ? 'needs a spare eligible persona for the card flow' : `needs an issued card and the face stand-in: ${CARD_SKIP}`
      if (n === 'clock' || n === 'card-clock') {
        const switchName = code === 'INTERNAL' ? "the mock's injectOnce 5xx" : "the mock's clock offset"
        const how = `${n === 'card-clock' ? 'the card flow and ' : ''}${switchName} (PATCH /mock/scenarios)`
        return `${CLOCK_WHY[code ?? ''] ?? ''}reached only through ${how}: ${hasMock && hasScenarios ? 'no spare eligible persona' : noScenarios}`
      }
      const trait = n.slice('trait:'.length)
      return `needs a resident with trait "${trait}": not on this gateway (set CONTRACT_AUTH_CODE_${TRAIT_ENV[trait] ?? trait.toUpperCase()})`
    })
    .join('; or ')
}

/** The operations the suite has scenarios for, and what reaching their success path needs. */
const SCENARIOS: Record<string, Need[]> = {
  getHealth: ['any'],
  getOpenApi: ['any'],
  exchangeToken: ['any'],
  getCurrentAgreement: ['any'],
  getPublicKey: ['any'],
  getPerson: ['any'],
  getClaim: ['any'],
  consentToAgreement: ['any'],
  startCertification: ['any'],
  queryCertification: ['any'],
  setCardPassword: ['face'],
  issueCard: ['face'],
  getCurrentCard: ['face', 'trait:has-ecard'],
  listPersonas: ['mock'],
  resetPersona: ['mock'],
  mockAuthCode: ['mock'],
  mockCompleteCertification: ['face'],
  mockCertifyPage: ['face'],
  // the issued card (cardPersona): reveal, QR code, scanner, password, reset, unbinding
  revealCard: ['card'],
  issueQrToken: ['card'],
  verifyQrToken: ['card'],
  changeCardPassword: ['card'],
  startPasswordResetCertification: ['card'],
  resetCardPassword: ['card'],
  startUnbindCertification: ['card'],
  unbindCard: ['card'],
  mockCardAudit: ['card'],
  mockPersonaCards: ['card'],
  // the QA scenarios: clock offset and injected faults
  getScenarios: ['clock'],
  mergeScenarios: ['clock'],
  clearScenarios: ['clock'],
  // signing out: the last thing the primary sign-in does
  logout: ['any'],
}

/** The scenarios that use operations only the mock server has. */
const MOCK_SCENARIOS = new Set([
  'listPersonas',
  'resetPersona',
  'mockAuthCode',
  'mockCompleteCertification',
  'mockCertifyPage',
  'mockCardAudit',
  'mockPersonaCards',
  'getScenarios',
  'mergeScenarios',
  'clearScenarios',
])

/** The refusals the contract requires this suite to drive, and what driving each needs. */
const REQUIRED_CODES: Record<string, Need[]> = {
  TOKEN_MISSING: ['any'],
  TOKEN_INVALID: ['any'],
  AUTH_CODE_INVALID: ['any'],
  AUTH_CODE_USED: ['any'],
  REFRESH_TOKEN_INVALID: ['any'],
  VALIDATION_FAILED: ['any'],
  NOT_FOUND: ['any'],
  UNSUPPORTED_MEDIA_TYPE: ['any'],
  BODY_TOO_LARGE: ['any'],
  STEP_OUT_OF_ORDER: ['any'],
  AGREEMENT_OUTDATED: ['any'],
  CERTIFY_NOT_FOUND: ['any'],
  CERTIFY_NOT_PASSED: ['any'],
  IDEMPOTENCY_KEY_REQUIRED: ['any'],
  CARD_NOT_FOUND: ['any'],
  WEAK_PASSWORD: ['face'],
  PASSWORD_DECRYPT_FAILED: ['face'],
  ECARD_EXISTS: ['face', 'trait:has-ecard'],
  IDEMPOTENCY_KEY_CONFLICT: ['second-user'],
  PERSONA_NOT_FOUND: ['mock'],
  NO_PHYSICAL_CARD: ['trait:no-physical-card'],
  CARD_SUSPENDED: ['trait:card-suspended'],
  MINOR_NEEDS_GUARDIAN: ['trait:minor'],
  QR_INVALID: ['any'],
  QR_ALREADY_USED: ['card'],
  CARD_UNBOUND: ['card'],
  PASSWORD_WRONG: ['card'],
  PASSWORD_LOCKED: ['card'],
  // the expiries, on the mock through its clock offset (persona-scoped; QR_EXPIRED global, briefly)
  TOKEN_EXPIRED: ['clock'],
  AUTH_CODE_EXPIRED: ['clock'],
  CERTIFY_EXPIRED: ['card-clock'],
  QR_EXPIRED: ['card-clock'],
  // a server fault, on the mock through injectOnce 5xx
  INTERNAL: ['clock'],
  // brute force: the face limit on the mock (its persona reset clears it); the token limit per IP anywhere
  FACE_RATE_LIMITED: ['mock'],
  TOKEN_RATE_LIMITED: ['any'],
}

for (const [code, needs] of Object.entries(REQUIRED_CODES)) if (!needs.some(can)) coverage.unreachable.set(code, whyNot(needs, code))
for (const [opId, needs] of Object.entries(SCENARIOS)) if (!needs.some(can)) coverage.successUnreachable.set(opId, whyNot(needs))

const inScope = (op: Operation) => hasMock || !isMockOp(op)
const scopeOps = doc.operations.filter(inScope)
for (const op of doc.operations.filter((o) => !inScope(o))) coverage.successUnreachable.set(op.operationId, 'a mock-only operation; this gateway has no stand-ins')
const unknownOps = scopeOps
  .filter((op) => !(op.operationId in SCENARIOS))
  // reads first, destructive methods last
  .sort((a, b) => ['get', 'head', 'post', 'put', 'patch', 'delete'].indexOf(a.method) - ['get', 'head', 'post', 'put', 'patch', 'delete'].indexOf(b.method))

if (!hasMock) console.warn(`contract: ${FACE_SKIP} (${runtime.mock.probe}); those tests are replaced by one that says so`)
else if (!hasScenarios) console.warn(`contract: ${CLOCK_SKIP} (${runtime.mock.scenariosProbe}); those tests are replaced by one that says so`)

// --- the flow's state, shared by the tests in order ----------------------------------------

interface Tokens {
  accessToken: string
  refreshToken: string
}
const state: {
  code?: string
  tokens?: Tokens
  agreementVersion?: string
  publicKey?: { keyId: string; publicKey: string }
  certifyId?: string
  card?: Json
  idempotencyKey?: string
} = {}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`an earlier step of the flow failed: no ${what}`)
  return value
}
const token = () => need(state.tokens, 'access token').accessToken

async function signIn(identity: Identity): Promise<Tokens> {
  const code = await identity.code()
  return ok(await api.call('exchangeToken', { body: { grantType: 'authorization_code', code } }), 200)
}

async function encrypted(password: string): Promise<{ keyId: string; encryptedPassword: string }> {
  const key = ok(await api.call('getPublicKey'), 200)
  // exactly what the app does: SM2, cipher mode 1 (C1C3C2), hex
  return { keyId: key.keyId, encryptedPassword: sm2.doEncrypt(password, key.publicKey, 1) }
}

const newKey = () => `contract-${randomUUID()}`
const GOOD_PASSWORD = '258036'

// --- the mock's QA scenarios: switches scoped to one persona, or global for a moment ----------

const MINUTE = 60_000

async function mergeScenarios(patch: Json): Promise<Json> {
  return ok(await api.call('mergeScenarios', { body: patch }), 200)
}

/** Runs `fn` with the server's clock shifted by `offsetMs` for `personaId`'s calls only; clears it afterwards. */
async function withPersonaClock<T>(personaId: string, offsetMs: number, fn: () => Promise<T>): Promise<T> {
  const state = await mergeScenarios({ personas: { [personaId]: { clockOffsetMs: offsetMs } } })
  expect(state.personas[personaId]?.clockOffsetMs).toBe(offsetMs)
  try {
    return await fn()
  } finally {
    await mergeScenarios({ personas: { [personaId]: { clockOffsetMs: null } } })
  }
}

/**
 * Runs `fn` with the server's clock shifted for EVERY call (the global scope), for calls that belong
 * to no persona (the scanner has no bearer token), and switches it off again at once. Jest runs the
 * tests of this file one after another, so nothing else of the suite runs meanwhile.
 */
async function withGlobalClock<T>(offsetMs: number, fn: () => Promise<T>): Promise<T> {
  const state = await mergeScenarios({ global: { clockOffsetMs: offsetMs } })
  expect(state.global.clockOffsetMs).toBe(offsetMs)
  try {
    return await fn()
  } finally {
    const after = await mergeScenarios({ global: { clockOffsetMs: null } })
    expect(after.global.clockOffsetMs).toBeUndefined()
  }
}

/** The stand-in records a pass and the query accepts it (purpose claim, reset or unbind). */
async function passFace(accessToken: string, certifyId: string, purpose: string): Promise<Json> {
  expect(ok(await api.call('mockCompleteCertification', { params: { certifyId }, body: { outcome: 'pass' } }), 200)).toEqual({ ok: true })
  const result = ok(await api.call('queryCertification', { token: accessToken, params: { certifyId } }), 200)
  expect(result).toEqual(expect.objectContaining({ certifyId, passed: 'T', failReason: null, purpose }))
  return result
}

/** A token that looks like the gateway's but with one character of its signature changed. */
function tampered(qrToken: string): string {
  const last = qrToken.slice(-1)
  return qrToken.slice(0, -1) + (last === 'A' ? 'B' : 'A')
}

afterAll(() => {
  const lines = [
    '',
    `CONTRACT COVERAGE: gateway ${runtime.baseUrl}, document ${runtime.docSource} (OpenAPI ${doc.doc.openapi}, ${doc.operations.length} operations), Ajv ${ajvVersion()}`,
    `mock stand-ins: ${hasMock ? 'yes' : `NO (${runtime.mock.probe}): ${FACE_SKIP}; ${CARD_SKIP}; ${CLOCK_SKIP}`}`,
    ...(hasMock ? [`QA scenarios (clock offset, injected faults): ${hasScenarios ? 'yes' : `NO (${runtime.mock.scenariosProbe}): ${CLOCK_SKIP}`}`] : []),
    ...(cardPersona || clockPersona ? [`spare personas: card flow ${cardPersona?.id ?? '-'}, clock and faults ${clockPersona?.id ?? '-'}`] : []),
    '',
    'Operations (every response of every call was checked against the document):',
    coverage.operationTable(doc),
    '',
    'Error codes, documented vs reached:',
    coverage.codeTable(doc),
  ]
  if (doc.formatWarnings.length) lines.push('', `Ajv warnings: ${[...new Set(doc.formatWarnings)].join('; ')}`)
  console.log(lines.join('\n'))
  const report = settings.reportFile()
  if (report) {
    const json = { baseUrl: runtime.baseUrl, docSource: runtime.docSource, mockStandIns: hasMock, qaScenarios: hasScenarios, ...(coverage.toJson(doc) as object) }
    fs.writeFileSync(report, JSON.stringify(json, null, 2))
  }
})

// === the document =============================================================================

describe('the reference OpenAPI document', () => {
  it('has more than 10 operations, each with a unique operationId and a documented success response', () => {
    expect(doc.operations.length).toBeGreaterThan(10)
    const ids = doc.operations.map((o) => o.operationId)
    expect(new Set(ids).size).toBe(ids.length)
    for (const op of doc.operations) {
      expect({ op: opLabel(op), operationId: typeof op.raw.operationId }).toEqual({ op: opLabel(op), operationId: 'string' })
      expect({ op: opLabel(op), success: doc.statuses(op).some((s) => /^2/.test(s)) }).toEqual({ op: opLabel(op), success: true })
    }
  })

  it('every error response of every operation is the shared ErrorBody', () => {
    const errorBody = doc.errorBodySchema()
    expect(errorBody).toBeDefined()
    expect(errorBody.required).toEqual(expect.arrayContaining(['code', 'message']))
    expect(doc.errorCodes.length).toBeGreaterThan(10)
    let errorResponses = 0
    for (const op of doc.operations) {
      for (const s of doc.statuses(op).filter((x) => /^[45]/.test(x))) {
        const schema = doc.resolve(op.raw.responses[s]).content?.['application/json']?.schema
        expect({ op: opLabel(op), status: s, errorBody: schema !== undefined && doc.resolve(schema) === errorBody }).toEqual({ op: opLabel(op), status: s, errorBody: true })
        errorResponses++
      }
    }
    expect(errorResponses).toBeGreaterThan(doc.operations.length)
  })

  it('compiles every documented response schema with Ajv 8 ($ref to components, OpenAPI 3.0 nullable)', () => {
    expect(ajvVersion()).toMatch(/^(8|9|\d{2,})\./)
    expect(doc.compileAllResponses()).toBeGreaterThanOrEqual(doc.operations.length * 2)
    // nullable really is honoured: a Claim with null certifiedAt validates, a number does not
    const claim = doc.has('getClaim') ? doc.response(doc.op('getClaim'), 200)?.content?.['application/json']?.schema : undefined
    if (claim) {
      const sample = { state: 'authorized', agreementVersion: null, certifyId: null, certifiedAt: null, updatedAt: new Date().toISOString() }
      expect(doc.check(claim, sample)).toEqual([])
      expect(doc.check(claim, { ...sample, certifiedAt: 42 })).not.toEqual([])
      expect(doc.check(claim, { ...sample, updatedAt: 'yesterday' })).not.toEqual([])
    }
  })

  it('names the error codes of every error status of every operation, each code under one status', () => {
    const statusOf = new Map<string, Set<string>>()
    for (const [op, byStatus] of doc.errorTable()) {
      expect({ op: opLabel(op), errorStatuses: byStatus.size > 0 }).toEqual({ op: opLabel(op), errorStatuses: true })
      for (const [status, codes] of byStatus) {
        expect({ op: opLabel(op), status, codesNamed: codes !== null }).toEqual({ op: opLabel(op), status, codesNamed: true })
        for (const code of codes ?? []) statusOf.set(code, (statusOf.get(code) ?? new Set()).add(status))
      }
    }
    const twoStatuses = [...statusOf].filter(([, s]) => s.size > 1).map(([c, s]) => `${c}: ${[...s].join('/')}`)
    expect(twoStatuses).toEqual([])
  })

  it('has every operation the suite has a scenario for, and every code it must drive', () => {
    const missing = Object.keys(SCENARIOS).filter((id) => !doc.has(id) && (hasMock || !MOCK_SCENARIOS.has(id)))
    expect(missing).toEqual([])
    expect(Object.keys(REQUIRED_CODES).filter((c) => !doc.errorCodes.includes(c))).toEqual([])
  })

  it('declares bearer security on the operations that need a signed-in user', () => {
    expect(scopeOps.filter((o) => o.secured).length).toBeGreaterThanOrEqual(5)
  })
})

// === public operations ========================================================================

describe('public operations', () => {
  it('getHealth: the gateway is up', async () => {
    expect(ok(await api.call('getHealth'), 200).status).toBe('ok')
  })

  it('getOpenApi: the gateway serves an OpenAPI 3 document', async () => {
    const served = ok(await api.call('getOpenApi'), 200)
    expect(served.openapi).toMatch(/^3\./)
    expect(Object.keys(served.paths).length).toBeGreaterThan(0)
  })

  it('getCurrentAgreement: the agreement in zh-CN and en-US', async () => {
    const agreement = ok(await api.call('getCurrentAgreement'), 200)
    expect(agreement.version.length).toBeGreaterThan(0)
    expect(agreement.texts['zh-CN'].body.length).toBeGreaterThan(0)
    expect(agreement.texts['en-US'].body.length).toBeGreaterThan(0)
    state.agreementVersion = agreement.version
  })

  it('getPublicKey: an SM2 public key (uncompressed point, hex)', async () => {
    const key = ok(await api.call('getPublicKey'), 200)
    expect(key.publicKey).toMatch(/^04[0-9a-fA-F]{128}$/)
    state.publicKey = key
  })

  it('an unknown endpoint → 404 NOT_FOUND as an ErrorBody', async () => {
    const res = await api.raw('GET', `/contract-no-such-endpoint-${randomUUID()}`)
    expect(res.status).toBe(404)
    expect(res.code).toBe('NOT_FOUND')
  })

  it('a body that is not JSON → VALIDATION_FAILED', async () => {
    refused(await api.call('exchangeToken', { rawBody: '{"grantType": "authorization_code", "code":', contentType: 'application/json' }), 'VALIDATION_FAILED', doc)
  })

  it('a text/plain body → UNSUPPORTED_MEDIA_TYPE', async () => {
    refused(await api.call('exchangeToken', { rawBody: 'grantType=authorization_code&code=x', contentType: 'text/plain' }), 'UNSUPPORTED_MEDIA_TYPE', doc)
  })

  it('a body over 1 MiB → BODY_TOO_LARGE', async () => {
    const body = JSON.stringify({ grantType: 'authorization_code', code: 'x'.repeat(1024 * 1024 + 1) })
    refused(await api.call('exchangeToken', { rawBody: body, contentType: 'application/json' }), 'BODY_TOO_LARGE', doc)
  })

  it('verifyQrToken (the scanner, no bearer): a token the gateway never signed → QR_INVALID', async () => {
    const headers = { 'x-scanner-id': 'contract' }
    refused(await api.call('verifyQrToken', { headers, body: { token: `contract-not-a-token-${randomUUID()}` } }), 'QR_INVALID', doc)
    // well-formed for the mock's q2.<sealed>, but never issued
    refused(await api.call('verifyQrToken', { headers, body: { token: `q2.${'A'.repeat(43)}` } }), 'QR_INVALID', doc)
  })
})

// === signing in ===============================================================================

describe(`signing in (exchangeToken) as ${primary.label}`, () => {
  it('an auth code the gateway never issued → AUTH_CODE_INVALID', async () => {
    refused(await api.call('exchangeToken', { body: { grantType: 'authorization_code', code: `contract-unknown-${randomUUID()}` } }), 'AUTH_CODE_INVALID', doc)
  })

  it('a request outside the schema (unknown grantType) → VALIDATION_FAILED', async () => {
    refused(await api.call('exchangeToken', { body: { grantType: 'password', username: 'x', password: 'y' } }), 'VALIDATION_FAILED', doc)
  })

  it('a fresh auth code → tokens', async () => {
    state.code = await primary.code()
    const tokens = ok(await api.call('exchangeToken', { body: { grantType: 'authorization_code', code: state.code } }), 200)
    expect(tokens.accessToken.length).toBeGreaterThan(0)
    expect(tokens.expiresIn).toBeGreaterThan(0)
    state.tokens = tokens
  })

  it('the same auth code again → AUTH_CODE_USED', async () => {
    refused(await api.call('exchangeToken', { body: { grantType: 'authorization_code', code: need(state.code, 'auth code') } }), 'AUTH_CODE_USED', doc)
  })

  it('a refresh token rotates: new tokens that work (presenting the old one again is checked at the end: it revokes the sign-in)', async () => {
    const old = need(state.tokens, 'tokens')
    const rotated = ok(await api.call('exchangeToken', { body: { grantType: 'refresh_token', refreshToken: old.refreshToken } }), 200)
    expect(rotated.refreshToken).not.toBe(old.refreshToken)
    expect(rotated.accessToken).not.toBe(old.accessToken)
    state.tokens = rotated
    ok(await api.call('getClaim', { token: rotated.accessToken }), 200)
  })
})

// === the bearer guard, for every operation that declares it ===================================

describe('the bearer guard, on every operation the document secures', () => {
  const secured = scopeOps.filter((o) => o.secured)
  if (secured.length) {
    it.each(secured.map((op) => [opLabel(op), op] as const))('%s without a token → TOKEN_MISSING', async (_l, op) => {
      const req = sampleRequest(doc, op, api.known)
      refused(await api.call(op.operationId, req), 'TOKEN_MISSING', doc)
    })
    it.each(secured.map((op) => [opLabel(op), op] as const))('%s with a token the gateway never issued → TOKEN_INVALID', async (_l, op) => {
      const req = sampleRequest(doc, op, api.known)
      refused(await api.call(op.operationId, { ...req, token: `contract${randomUUID().replace(/-/g, '')}` }), 'TOKEN_INVALID', doc)
    })
  }
  it('a malformed Authorization header → TOKEN_INVALID', async () => {
    refused(await api.call('getClaim', { authorization: 'Basic Y29udHJhY3Q6dGVzdA==' }), 'TOKEN_INVALID', doc)
  })
})

// === the claim, up to the face step ===========================================================

describe(`the claim state machine up to face verification, as ${primary.label}`, () => {
  it('a freshly signed-in claim is "authorized"', async () => {
    const claim = ok(await api.call('getClaim', { token: token() }), 200)
    if (claim.state !== 'authorized') {
      throw new Error(
        `the test user's claim is "${claim.state}", not "authorized": the suite needs a user who has not started a claim ` +
          '(on the mock the persona is reset first; on a real gateway use a fresh test user, see test/contract/README.md)',
      )
    }
  })

  it('consent before the person was read → STEP_OUT_OF_ORDER', async () => {
    refused(await api.call('consentToAgreement', { token: token(), body: { agreementVersion: need(state.agreementVersion, 'agreement') } }), 'STEP_OUT_OF_ORDER', doc)
  })

  it('no card yet → CARD_NOT_FOUND', async () => {
    refused(await api.call('getCurrentCard', { token: token() }), 'CARD_NOT_FOUND', doc)
  })

  const CARD_OPS = ['revealCard', 'issueQrToken', 'changeCardPassword', 'startPasswordResetCertification', 'resetCardPassword', 'startUnbindCertification', 'unbindCard']
  it(`no card yet: managing it → CARD_NOT_FOUND (${CARD_OPS.filter((id) => doc.has(id)).join(', ')})`, async () => {
    const { keyId, encryptedPassword } = await encrypted(GOOD_PASSWORD)
    const bodies: Record<string, Json> = {
      changeCardPassword: { keyId, encryptedOldPassword: encryptedPassword, encryptedNewPassword: encryptedPassword },
      resetCardPassword: { certifyId: `ContractNoSuchCert${Date.now()}`, keyId, encryptedNewPassword: encryptedPassword },
      unbindCard: { method: 'password', keyId, encryptedPassword },
    }
    for (const id of CARD_OPS.filter((o) => doc.has(o))) {
      refused(await api.call(id, { token: token(), ...(bodies[id] ? { body: bodies[id] } : {}) }), 'CARD_NOT_FOUND', doc)
    }
  })

  it('issuing without an Idempotency-Key → IDEMPOTENCY_KEY_REQUIRED', async () => {
    refused(await api.call('issueCard', { token: token() }), 'IDEMPOTENCY_KEY_REQUIRED', doc)
  })

  it('reading the person: the record, ID number masked; the claim becomes "informed"', async () => {
    const person = ok(await api.call('getPerson', { token: token() }), 200)
    expect(person.idNumberMasked).toMatch(/\*/)
    expect(person.hasEcard).toBe(false)
    expect(ok(await api.call('getClaim', { token: token() }), 200).state).toBe('informed')
  })

  it('face verification before consent → STEP_OUT_OF_ORDER', async () => {
    refused(await api.call('startCertification', { token: token() }), 'STEP_OUT_OF_ORDER', doc)
  })

  it('consent to an outdated agreement version → AGREEMENT_OUTDATED', async () => {
    refused(await api.call('consentToAgreement', { token: token(), body: { agreementVersion: 'contract-outdated-0' } }), 'AGREEMENT_OUTDATED', doc)
  })

  it('a consent body outside the schema → VALIDATION_FAILED', async () => {
    refused(await api.call('consentToAgreement', { token: token(), body: { agreementVersion: need(state.agreementVersion, 'agreement'), extra: true } }), 'VALIDATION_FAILED', doc)
  })

  it('consent to the current agreement → "consented"', async () => {
    const claim = ok(await api.call('consentToAgreement', { token: token(), body: { agreementVersion: need(state.agreementVersion, 'agreement') } }), 200)
    expect(claim.state).toBe('consented')
    expect(claim.agreementVersion).toBe(state.agreementVersion)
  })

  it('the password before face verification → STEP_OUT_OF_ORDER', async () => {
    refused(await api.call('setCardPassword', { token: token(), body: await encrypted(GOOD_PASSWORD) }), 'STEP_OUT_OF_ORDER', doc)
  })

  it('issuing before the password → STEP_OUT_OF_ORDER', async () => {
    refused(await api.call('issueCard', { token: token(), headers: { 'idempotency-key': newKey() } }), 'STEP_OUT_OF_ORDER', doc)
  })

  it('a certification that does not exist → CERTIFY_NOT_FOUND', async () => {
    refused(await api.call('queryCertification', { token: token(), params: { certifyId: `ContractNoSuchCert${Date.now()}` } }), 'CERTIFY_NOT_FOUND', doc)
  })

  it('starting face verification → a certifyId and certifyUrl; the claim is "certifying"', async () => {
    const started = ok(await api.call('startCertification', { token: token() }), 200)
    expect(started.expiresIn).toBeGreaterThan(0)
    expect(() => new URL(started.certifyUrl)).not.toThrow()
    state.certifyId = started.certifyId
    const claim = ok(await api.call('getClaim', { token: token() }), 200)
    expect(claim).toEqual(expect.objectContaining({ state: 'certifying', certifyId: started.certifyId }))
  })

  it('querying it before the face step: passed F, still "certifying"', async () => {
    const result = ok(await api.call('queryCertification', { token: token(), params: { certifyId: need(state.certifyId, 'certifyId') } }), 200)
    expect(result.passed).toBe('F')
    expect(result.failReason).toEqual(expect.any(String))
    expect(result.claim.state).toBe('certifying')
  })

  it('the password while face verification has not passed → CERTIFY_NOT_PASSED', async () => {
    refused(await api.call('setCardPassword', { token: token(), body: await encrypted(GOOD_PASSWORD) }), 'CERTIFY_NOT_PASSED', doc)
  })
})

// === after the face step: needs the platform's face scan, i.e. the mock stand-in ==============

if (hasMock) {
  describe(`after face verification (through the mock stand-in), as ${primary.label}`, () => {
    it('the certifyUrl page exists (mockCertifyPage)', async () => {
      const page = ok(await api.call('mockCertifyPage', { params: { certifyId: need(state.certifyId, 'certifyId') } }), 200)
      expect(page).toMatch(/<html|<!doctype/i)
    })

    it('the stand-in records a pass; the query passes and the claim is "certified"', async () => {
      const certifyId = need(state.certifyId, 'certifyId')
      expect(ok(await api.call('mockCompleteCertification', { params: { certifyId }, body: { outcome: 'pass' } }), 200)).toEqual({ ok: true })
      const result = ok(await api.call('queryCertification', { token: token(), params: { certifyId } }), 200)
      expect(result).toEqual(expect.objectContaining({ certifyId, passed: 'T', failReason: null }))
      expect(result.claim.state).toBe('certified')
      expect(result.claim.certifiedAt).toEqual(expect.any(String))
    })

    it('issuing before the password, now certified → STEP_OUT_OF_ORDER', async () => {
      refused(await api.call('issueCard', { token: token(), headers: { 'idempotency-key': newKey() } }), 'STEP_OUT_OF_ORDER', doc)
    })

    it('a weak password → WEAK_PASSWORD with the rule as reason', async () => {
      expect(refused(await api.call('setCardPassword', { token: token(), body: await encrypted('123456') }), 'WEAK_PASSWORD', doc).reason).toBe('SEQUENTIAL')
      expect(refused(await api.call('setCardPassword', { token: token(), body: await encrypted('777777') }), 'WEAK_PASSWORD', doc).reason).toBe('ALL_SAME')
    })

    it('a ciphertext the server key cannot open → PASSWORD_DECRYPT_FAILED', async () => {
      const good = await encrypted(GOOD_PASSWORD)
      refused(await api.call('setCardPassword', { token: token(), body: { ...good, keyId: `contract-${Date.now()}` } }), 'PASSWORD_DECRYPT_FAILED', doc)
      const last = good.encryptedPassword.slice(-1)
      const tampered = good.encryptedPassword.slice(0, -1) + (last === '0' ? '1' : '0')
      refused(await api.call('setCardPassword', { token: token(), body: { ...good, encryptedPassword: tampered } }), 'PASSWORD_DECRYPT_FAILED', doc)
    })

    it('a password body outside the schema → VALIDATION_FAILED', async () => {
      refused(await api.call('setCardPassword', { token: token(), body: { keyId: 'k', encryptedPassword: 'not hex!' } }), 'VALIDATION_FAILED', doc)
    })

    it('the password, SM2-encrypted → "password_set"', async () => {
      expect(ok(await api.call('setCardPassword', { token: token(), body: await encrypted(GOOD_PASSWORD) }), 200).state).toBe('password_set')
    })

    it('10 concurrent issuances with one Idempotency-Key: all succeed with one card (one 201, nine 200 replays)', async () => {
      const key = newKey()
      const replies: Reply[] = await Promise.all(Array.from({ length: 10 }, () => api.call('issueCard', { token: token(), headers: { 'idempotency-key': key } })))
      const statuses = replies.map((r) => r.status).sort()
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201])
      const numbers = new Set(replies.map((r) => r.body.cardNumber))
      expect(numbers.size).toBe(1)
      state.card = replies.find((r) => r.status === 201)?.body
      state.idempotencyKey = key
      for (const r of replies) expect(r.body).toEqual(state.card)
    })

    it('the issued card is the current card; the claim is "issued"; the person has an e-card', async () => {
      const card = need(state.card, 'card')
      expect(ok(await api.call('getCurrentCard', { token: token() }), 200)).toEqual(card)
      expect(ok(await api.call('getClaim', { token: token() }), 200).state).toBe('issued')
      expect(ok(await api.call('getPerson', { token: token() }), 200).hasEcard).toBe(true)
    })

    it('the same key again → 200 with the same card', async () => {
      const replay = ok(await api.call('issueCard', { token: token(), headers: { 'idempotency-key': need(state.idempotencyKey, 'key') } }), 200)
      expect(replay).toEqual(state.card)
    })

    it('a new key after issuance → ECARD_EXISTS; consent and password → ECARD_EXISTS', async () => {
      refused(await api.call('issueCard', { token: token(), headers: { 'idempotency-key': newKey() } }), 'ECARD_EXISTS', doc)
      refused(await api.call('consentToAgreement', { token: token(), body: { agreementVersion: need(state.agreementVersion, 'agreement') } }), 'ECARD_EXISTS', doc)
      refused(await api.call('setCardPassword', { token: token(), body: await encrypted(GOOD_PASSWORD) }), 'ECARD_EXISTS', doc)
      expect(ok(await api.call('getCurrentCard', { token: token() }), 200).cardNumber).toBe(need(state.card, 'card').cardNumber)
    })

    if (second) {
      it(`the key used by another resident (${second.label}) → IDEMPOTENCY_KEY_CONFLICT`, async () => {
        const other = await signIn(second)
        refused(await api.call('issueCard', { token: other.accessToken, headers: { 'idempotency-key': need(state.idempotencyKey, 'key') } }), 'IDEMPOTENCY_KEY_CONFLICT', doc)
        refused(await api.call('getCurrentCard', { token: other.accessToken }), 'CARD_NOT_FOUND', doc)
      })
    }
  })
} else {
  describe(`${FACE_SKIP} (the steps after face verification are not run)`, () => {
    it(`the gateway has no mock stand-ins (${runtime.mock.probe}); not covered: ${Object.entries(SCENARIOS)
      .filter(([, n]) => n.includes('face') && !n.some(can))
      .map(([id]) => id)
      .join(', ')}`, () => {
      expect(hasMock).toBe(false)
      expect(runtime.mock.probe).not.toMatch(/answered 200 with/)
    })
  })
}

// === refusals that need other residents =======================================================

describe('residents the card cannot be issued to (eligibility at consent)', () => {
  for (const c of ELIGIBILITY) {
    const who = identityWithTrait(c.trait, c.env)
    if (who) {
      it(`${who.label} (${c.trait}): the person says so, consent → ${c.code}, the claim stays "informed"`, async () => {
        const t = (await signIn(who)).accessToken
        c.person(ok(await api.call('getPerson', { token: t }), 200))
        refused(await api.call('consentToAgreement', { token: t, body: { agreementVersion: need(state.agreementVersion, 'agreement') } }), c.code, doc)
        expect(ok(await api.call('getClaim', { token: t }), 200).state).toBe('informed')
      })
    } else {
      it(`a resident with trait "${c.trait}" is not reachable on this gateway (no stand-in persona, no CONTRACT_AUTH_CODE_${c.env}): ${c.code} not driven`, () => {
        expect(hasMock && personas.some((p) => p.traits.includes(c.trait))).toBe(false)
        expect(settings.traitAuthCode(c.env)).toBeUndefined()
      })
    }
  }

  if (hasEcard) {
    it(`${hasEcard.label} (has-ecard): the claim is "issued", the card is there, consent and a new issuance → ECARD_EXISTS`, async () => {
      const t = (await signIn(hasEcard)).accessToken
      expect(ok(await api.call('getClaim', { token: t }), 200).state).toBe('issued')
      expect(ok(await api.call('getPerson', { token: t }), 200).hasEcard).toBe(true)
      expect(ok(await api.call('getCurrentCard', { token: t }), 200).status).toBe('active')
      refused(await api.call('consentToAgreement', { token: t, body: { agreementVersion: need(state.agreementVersion, 'agreement') } }), 'ECARD_EXISTS', doc)
      refused(await api.call('issueCard', { token: t, headers: { 'idempotency-key': newKey() } }), 'ECARD_EXISTS', doc)
    })
  } else {
    it('a resident who already holds an e-card is not reachable on this gateway (no stand-in persona, no CONTRACT_AUTH_CODE_HAS_ECARD)', () => {
      expect(settings.traitAuthCode('HAS_ECARD')).toBeUndefined()
    })
  }

  if (faceMismatch) {
    it(`${faceMismatch.label} (face-mismatch): a "pass" from the stand-in still fails the query (FACE_MISMATCH); password → CERTIFY_NOT_PASSED`, async () => {
      const t = (await signIn(faceMismatch)).accessToken
      ok(await api.call('getPerson', { token: t }), 200)
      ok(await api.call('consentToAgreement', { token: t, body: { agreementVersion: need(state.agreementVersion, 'agreement') } }), 200)
      const { certifyId } = ok(await api.call('startCertification', { token: t }), 200)
      ok(await api.call('mockCompleteCertification', { params: { certifyId }, body: { outcome: 'pass' } }), 200)
      expect(ok(await api.call('queryCertification', { token: t, params: { certifyId } }), 200)).toEqual(expect.objectContaining({ passed: 'F', failReason: 'FACE_MISMATCH' }))
      refused(await api.call('setCardPassword', { token: t, body: await encrypted(GOOD_PASSWORD) }), 'CERTIFY_NOT_PASSED', doc)
    })
  }
})

// === the issued card: reveal, QR code, scanner, password lock and reset, unbinding ===========

/** What the run names when a group of cases cannot run here: its scenarios and codes. */
function notRunHere(needs: Need[]): string {
  // mock-only operations are left out: they are listed as such in the operations table
  const ops = Object.entries(SCENARIOS).filter(([id, n]) => n.some((x) => needs.includes(x)) && !n.some(can) && doc.has(id) && !isMockOp(doc.op(id)))
  const codes = Object.entries(REQUIRED_CODES).filter(([, n]) => n.some((x) => needs.includes(x)) && !n.some(can))
  return [...codes.map(([c]) => c), ...ops.map(([id]) => `${id} success`)].join(', ')
}

const SCANNER = { 'x-scanner-id': 'contract-scanner' }
const WRONG_PASSWORD = '741852'
const RESET_PASSWORD = '581470'
const CHANGED_PASSWORD = '369147'

if (cardPersona) {
  const who: Identity = { label: `persona ${cardPersona.id}`, personaId: cardPersona.id, code: () => mockCode(cardPersona.id) }
  const c: { tokens?: Tokens; card?: Json; passValidMs?: number } = {}
  const t = () => need(c.tokens, `access token of ${who.label}`).accessToken

  async function changePassword(oldPassword: string, newPassword: string): Promise<Reply> {
    const key = ok(await api.call('getPublicKey'), 200)
    const body = {
      keyId: key.keyId,
      encryptedOldPassword: sm2.doEncrypt(oldPassword, key.publicKey, 1),
      encryptedNewPassword: sm2.doEncrypt(newPassword, key.publicKey, 1),
    }
    return api.call('changeCardPassword', { token: t(), body })
  }
  async function unbindWithPassword(password: string): Promise<Reply> {
    const { keyId, encryptedPassword } = await encrypted(password)
    return api.call('unbindCard', { token: t(), body: { method: 'password', keyId, encryptedPassword } })
  }

  describe(`the issued card: reveal, QR code, scanner, password lock and reset, unbinding, as ${who.label}`, () => {
    it('claims a card up to face verification: the persona reset, signed in, consented, the stand-in passes', async () => {
      if (hasScenarios) ok(await api.call('clearScenarios', { query: { personaId: cardPersona.id } }), 200)
      c.tokens = await signIn(who)
      expect(ok(await api.call('getClaim', { token: t() }), 200).state).toBe('authorized')
      expect(ok(await api.call('getPerson', { token: t() }), 200).hasEcard).toBe(false)
      ok(await api.call('consentToAgreement', { token: t(), body: { agreementVersion: need(state.agreementVersion, 'agreement') } }), 200)
      const started = ok(await api.call('startCertification', { token: t() }), 200)
      // a pass is good for as long as the session (10 minutes on the mock)
      c.passValidMs = started.expiresIn * 1000
      expect((await passFace(t(), started.certifyId, 'claim')).claim.state).toBe('certified')
    })

    if (hasScenarios) {
      it('the pass older than 10 minutes (clock offset for this persona) → CERTIFY_EXPIRED at the password', async () => {
        await withPersonaClock(cardPersona.id, need(c.passValidMs, 'pass validity') + MINUTE, async () => {
          refused(await api.call('setCardPassword', { token: t(), body: await encrypted(GOOD_PASSWORD) }), 'CERTIFY_EXPIRED', doc)
        })
      })
    }

    it('the password → "password_set"', async () => {
      expect(ok(await api.call('setCardPassword', { token: t(), body: await encrypted(GOOD_PASSWORD) }), 200).state).toBe('password_set')
    })

    if (hasScenarios) {
      it('the pass older than 10 minutes (clock offset for this persona) → CERTIFY_EXPIRED at issuance; the claim stays "password_set"', async () => {
        await withPersonaClock(cardPersona.id, need(c.passValidMs, 'pass validity') + MINUTE, async () => {
          refused(await api.call('issueCard', { token: t(), headers: { 'idempotency-key': newKey() } }), 'CERTIFY_EXPIRED', doc)
        })
        expect(ok(await api.call('getClaim', { token: t() }), 200).state).toBe('password_set')
      })
    }

    it('issuing → 201; the card is the current card', async () => {
      c.card = ok(await api.call('issueCard', { token: t(), headers: { 'idempotency-key': newKey() } }), 201)
      expect(ok(await api.call('getCurrentCard', { token: t() }), 200)).toEqual(c.card)
    })

    it('revealCard: the full name, ID number and card number, for a short while; the card itself stays masked', async () => {
      const card = need(c.card, 'card')
      const revealed = ok(await api.call('revealCard', { token: t() }), 200)
      expect(revealed.cardNumber).toBe(card.cardNumber)
      expect(revealed.holderName).not.toBe(card.holderName)
      expect(revealed.idNumber).not.toBe(card.idNumberMasked)
      expect(Date.parse(revealed.revealedUntil)).toBeGreaterThan(Date.now())
    })

    it('issueQrToken → a token; the scanner spends it (masked holder, active card); a second scan → QR_ALREADY_USED', async () => {
      const qr = ok(await api.call('issueQrToken', { token: t() }), 200)
      expect(qr.expiresIn).toBeGreaterThan(0)
      const scanned = ok(await api.call('verifyQrToken', { headers: SCANNER, body: { token: qr.token } }), 200)
      expect(scanned).toEqual(expect.objectContaining({ cardStatus: 'active', aab301: need(c.card, 'card').aab301 }))
      expect(scanned.holderNameMasked).toMatch(/\*/)
      refused(await api.call('verifyQrToken', { headers: SCANNER, body: { token: qr.token } }), 'QR_ALREADY_USED', doc)
    })

    it('a token altered in one character → QR_INVALID; the genuine token still scans once', async () => {
      const qr = ok(await api.call('issueQrToken', { token: t() }), 200)
      refused(await api.call('verifyQrToken', { headers: SCANNER, body: { token: tampered(qr.token) } }), 'QR_INVALID', doc)
      ok(await api.call('verifyQrToken', { headers: SCANNER, body: { token: qr.token } }), 200)
    })

    if (hasScenarios) {
      it('a token older than its expiresIn → QR_EXPIRED (the scanner has no bearer, so no persona scope reaches it: the clock is shifted globally for that one scan)', async () => {
        const qr = ok(await api.call('issueQrToken', { token: t() }), 200)
        await withGlobalClock(qr.expiresIn * 1000 + MINUTE, async () => {
          refused(await api.call('verifyQrToken', { headers: SCANNER, body: { token: qr.token } }), 'QR_EXPIRED', doc)
        })
      })
    }

    it('a wrong current password → PASSWORD_WRONG with remainingAttempts counting down (changing it, unbinding with it), then → PASSWORD_LOCKED with lockedUntil', async () => {
      // the fields are documented: an ErrorBody without them in the document would fail the schema check (additionalProperties: false)
      expect(Object.keys(doc.errorBodySchema().properties)).toEqual(expect.arrayContaining(['remainingAttempts', 'lockedUntil']))
      const remaining: number[] = []
      let locked: Json
      for (let i = 0; i < 20 && !locked; i++) {
        // every third attempt through unbinding: it counts toward the same lock
        const reply = i % 3 === 2 ? await unbindWithPassword(WRONG_PASSWORD) : await changePassword(WRONG_PASSWORD, CHANGED_PASSWORD)
        if (reply.code === 'PASSWORD_LOCKED') locked = refused(reply, 'PASSWORD_LOCKED', doc)
        else remaining.push(refused(reply, 'PASSWORD_WRONG', doc).remainingAttempts)
      }
      expect(remaining.length).toBeGreaterThanOrEqual(1)
      expect(remaining).toEqual(remaining.map((_, i) => remaining[0] - i))
      expect(remaining[remaining.length - 1]).toBe(1)
      expect(Date.parse(need(locked, 'PASSWORD_LOCKED').lockedUntil)).toBeGreaterThan(Date.now() + 60 * MINUTE)
    })

    it('while locked: Retry-After (seconds) says when the lock ends', async () => {
      const reply = await changePassword(GOOD_PASSWORD, CHANGED_PASSWORD)
      refused(reply, 'PASSWORD_LOCKED', doc)
      expect(reply.retryAfter).toMatch(/^\d+$/)
      expect(Number(reply.retryAfter)).toBeGreaterThan(60 * 60)
    })

    it('while locked, even the right password → PASSWORD_LOCKED (changing it, unbinding with it); the card stays', async () => {
      expect(refused(await changePassword(GOOD_PASSWORD, CHANGED_PASSWORD), 'PASSWORD_LOCKED', doc).lockedUntil).toEqual(expect.any(String))
      expect(refused(await unbindWithPassword(GOOD_PASSWORD), 'PASSWORD_LOCKED', doc).lockedUntil).toEqual(expect.any(String))
      expect(ok(await api.call('getCurrentCard', { token: t() }), 200).status).toBe('active')
    })

    it('a forgotten password: face verification (purpose reset), resetCardPassword clears the lock; the verification is single use → CERTIFY_EXPIRED', async () => {
      const started = ok(await api.call('startPasswordResetCertification', { token: t() }), 200)
      await passFace(t(), started.certifyId, 'reset')
      const reset = { certifyId: started.certifyId, ...(await encrypted(RESET_PASSWORD)) }
      const body = { certifyId: reset.certifyId, keyId: reset.keyId, encryptedNewPassword: reset.encryptedPassword }
      expect(ok(await api.call('resetCardPassword', { token: t(), body }), 200)).toEqual({ ok: true })
      expect(refused(await api.call('resetCardPassword', { token: t(), body }), 'CERTIFY_EXPIRED', doc).reason).toBe('ALREADY_USED')
      // the lock is gone and the new password is the password
      expect(ok(await changePassword(RESET_PASSWORD, CHANGED_PASSWORD), 200)).toEqual({ ok: true })
    })

    if (hasScenarios) {
      it('a reset verification passed more than 10 minutes ago (clock offset for this persona) → CERTIFY_EXPIRED', async () => {
        const started = ok(await api.call('startPasswordResetCertification', { token: t() }), 200)
        await passFace(t(), started.certifyId, 'reset')
        const { keyId, encryptedPassword } = await encrypted(RESET_PASSWORD)
        await withPersonaClock(cardPersona.id, started.expiresIn * 1000 + MINUTE, async () => {
          const body = { certifyId: started.certifyId, keyId, encryptedNewPassword: encryptedPassword }
          expect(refused(await api.call('resetCardPassword', { token: t(), body }), 'CERTIFY_EXPIRED', doc).reason).toBe('EXPIRED')
        })
      })
    }

    it('unbinding after face verification (purpose unbind): unbound, the claim starts over; a QR token from before → CARD_UNBOUND', async () => {
      const before = ok(await api.call('issueQrToken', { token: t() }), 200)
      const started = ok(await api.call('startUnbindCertification', { token: t() }), 200)
      await passFace(t(), started.certifyId, 'unbind')
      const unbound = ok(await api.call('unbindCard', { token: t(), body: { method: 'face', certifyId: started.certifyId } }), 200)
      expect(unbound.status).toBe('unbound')
      expect(unbound.claim.state).toBe('authorized')
      refused(await api.call('verifyQrToken', { headers: SCANNER, body: { token: before.token } }), 'CARD_UNBOUND', doc)
    })

    it('after unbinding the card is gone → CARD_NOT_FOUND (current card, reveal, QR code, password change, unbinding)', async () => {
      refused(await api.call('getCurrentCard', { token: t() }), 'CARD_NOT_FOUND', doc)
      refused(await api.call('revealCard', { token: t() }), 'CARD_NOT_FOUND', doc)
      refused(await api.call('issueQrToken', { token: t() }), 'CARD_NOT_FOUND', doc)
      refused(await changePassword(CHANGED_PASSWORD, RESET_PASSWORD), 'CARD_NOT_FOUND', doc)
      refused(await unbindWithPassword(CHANGED_PASSWORD), 'CARD_NOT_FOUND', doc)
      expect(ok(await api.call('getPerson', { token: t() }), 200).hasEcard).toBe(false)
    })

    it('the mock keeps the record: one card, none active (mockPersonaCards); its audit trail has every step (mockCardAudit)', async () => {
      const card = need(c.card, 'card')
      expect(ok(await api.call('mockPersonaCards', { params: { id: cardPersona.id } }), 200)).toEqual(expect.objectContaining({ count: 1, active: null }))
      const audit = ok(await api.call('mockCardAudit', { params: { cardNumber: card.cardNumber } }), 200)
      expect(audit.status).toBe('unbound')
      const actions = new Set(audit.entries.map((e: Json) => e.action))
      for (const a of ['issued', 'revealed', 'qr_issued', 'qr_scanned', 'password_wrong', 'locked', 'password_reset', 'password_changed', 'unbound']) expect([a, actions.has(a)]).toEqual([a, true])
      const refusals = new Set(audit.entries.filter((e: Json) => e.outcome === 'refused').map((e: Json) => e.code))
      for (const code of ['QR_ALREADY_USED', 'PASSWORD_WRONG', 'PASSWORD_LOCKED', 'CARD_UNBOUND']) expect([code, refusals.has(code)]).toEqual([code, true])
    })
  })
} else {
  describe(`${CARD_SKIP} (the issued card's management is not run)`, () => {
    it(`not run on this gateway (${hasMock ? 'no spare eligible persona' : runtime.mock.probe}): ${notRunHere(['card', 'card-clock'])}`, () => {
      expect(can('card')).toBe(false)
    })
  })
}

// === expiry through the mock's clock offset, and an injected server fault ====================

if (hasScenarios && clockPersona) {
  const id = clockPersona.id
  const who = `persona ${id}`
  const z: { tokens?: Tokens & { expiresIn: number } } = {}
  const zt = () => need(z.tokens, `access token of ${who}`).accessToken

  describe(`expiry through the mock's clock offset (scoped to ${who}), and an injected fault`, () => {
    afterAll(async () => {
      // never leave a switch on, whatever failed
      ok(await api.call('clearScenarios', { query: { personaId: id } }), 200)
    })

    it('an auth code older than its lifetime → AUTH_CODE_EXPIRED (exchangeToken is in the scope of the code\'s persona); back on time the same code signs in', async () => {
      const cleared = ok(await api.call('clearScenarios', { query: { personaId: id } }), 200)
      expect(cleared.personas[id]).toBeUndefined()
      ok(await api.call('resetPersona', { params: { id } }), 200)
      const issued = ok(await api.call('mockAuthCode', { body: { personaId: id } }), 200)
      await withPersonaClock(id, issued.expiresIn * 1000 + MINUTE, async () => {
        refused(await api.call('exchangeToken', { body: { grantType: 'authorization_code', code: issued.authCode } }), 'AUTH_CODE_EXPIRED', doc)
      })
      z.tokens = ok(await api.call('exchangeToken', { body: { grantType: 'authorization_code', code: issued.authCode } }), 200)
    })

    describe(`an access token older than its expiresIn (clock offset for ${who}) → TOKEN_EXPIRED, on every operation the document secures`, () => {
      beforeAll(async () => {
        const offset = need(z.tokens, `tokens of ${who}`).expiresIn * 1000 + MINUTE
        expect((await mergeScenarios({ personas: { [id]: { clockOffsetMs: offset } } })).personas[id].clockOffsetMs).toBe(offset)
      })
      afterAll(async () => {
        await mergeScenarios({ personas: { [id]: { clockOffsetMs: null } } })
      })
      const secured = scopeOps.filter((o) => o.secured)
      it.each(secured.map((op) => [opLabel(op), op] as const))('%s → TOKEN_EXPIRED', async (_l, op) => {
        const req = sampleRequest(doc, op, api.known)
        refused(await api.call(op.operationId, { ...req, token: zt() }), 'TOKEN_EXPIRED', doc)
      })
    })

    it('the scope cleared (clearScenarios ?personaId), the same token works again', async () => {
      const state = ok(await api.call('clearScenarios', { query: { personaId: id } }), 200)
      expect(state.personas[id]).toBeUndefined()
      expect(ok(await api.call('getScenarios'), 200).personas[id]).toBeUndefined()
      expect(ok(await api.call('getClaim', { token: zt() }), 200).state).toBe('authorized')
    })

    it('injectOnce 5xx on getClaim for this persona → INTERNAL as an ErrorBody, once; the next call answers', async () => {
      const fault = { operationId: 'getClaim', kind: '5xx' }
      expect((await mergeScenarios({ personas: { [id]: { injectOnce: fault } } })).personas[id].injectOnce).toEqual(fault)
      const reply = await api.call('getClaim', { token: zt() })
      expect(reply.status).toBeGreaterThanOrEqual(500)
      refused(reply, 'INTERNAL', doc)
      // the document names INTERNAL for the operation (under 500)
      expect(doc.statuses(doc.op('getClaim')).some((s) => /^5/.test(s) && (doc.codesFor(doc.op('getClaim'), s) ?? []).includes('INTERNAL'))).toBe(true)
      expect(ok(await api.call('getClaim', { token: zt() }), 200).state).toBe('authorized')
      expect(ok(await api.call('getScenarios'), 200).personas[id]).toBeUndefined()
    })
  })
} else {
  describe(`${CLOCK_SKIP} (the expiry and fault cases are not run)`, () => {
    it(`not run on this gateway (${hasMock ? runtime.mock.scenariosProbe : runtime.mock.probe}): ${notRunHere(['clock', 'card-clock'])}`, () => {
      expect(hasScenarios && clockPersona !== undefined).toBe(false)
    })
  })
}

// === the mock stand-ins themselves ============================================================

if (hasMock) {
  describe('the mock stand-ins (mock-only operations)', () => {
    it('listPersonas: the personas, including the one the main flow used', async () => {
      const list = ok(await api.call('listPersonas'), 200)
      expect(list.length).toBeGreaterThanOrEqual(1)
      if (primary.personaId) expect(list.map((p: PersonaSummary) => p.id)).toContain(primary.personaId)
    })

    it('an unknown persona → PERSONA_NOT_FOUND (reset and auth code)', async () => {
      refused(await api.call('resetPersona', { params: { id: 'contract-nobody' } }), 'PERSONA_NOT_FOUND', doc)
      refused(await api.call('mockAuthCode', { body: { personaId: 'contract-nobody' } }), 'PERSONA_NOT_FOUND', doc)
    })

    it('an auth-code request outside the schema → VALIDATION_FAILED', async () => {
      refused(await api.call('mockAuthCode', { body: { personaId: 'Not A Persona!' } }), 'VALIDATION_FAILED', doc)
    })

    it('an unknown certification → CERTIFY_NOT_FOUND (complete and page)', async () => {
      const certifyId = `ContractNoSuchCert${Date.now()}`
      refused(await api.call('mockCompleteCertification', { params: { certifyId }, body: { outcome: 'pass' } }), 'CERTIFY_NOT_FOUND', doc)
      refused(await api.call('mockCertifyPage', { params: { certifyId } }), 'CERTIFY_NOT_FOUND', doc)
    })
  })
}

// === operations this suite has no scenario for: probed from the document ======================

if (unknownOps.length) {
  describe('operations without a scenario in this suite (request made up from the document)', () => {
    it.each(unknownOps.map((op) => [opLabel(op), op] as const))('%s answers as documented', async (_l, op) => {
      const req = sampleRequest(doc, op, api.known)
      const res = await api.call(op.operationId, { ...req, ...(op.secured ? { token: token() } : {}) })
      // a made-up but schema-valid request may be refused (documented 4xx), never a server fault
      expect(res.status).toBeLessThan(500)
      if (res.status >= 300) coverage.successUnreachable.set(op.operationId, `no scenario; a request made up from the document was refused with ${res.status} ${res.code ?? ''}`.trim())
    })
  })
}

// === signing out, then brute force (last: they end the primary sign-in and exhaust the limits) ===

describe('signing out (logout), and a refresh token presented twice, as the last acts of the primary sign-in', () => {
  it('logout → ok; the access token → TOKEN_INVALID, its refresh token → REFRESH_TOKEN_INVALID; a rotated-away refresh token → REFRESH_TOKEN_INVALID', async () => {
    const old = need(state.tokens, 'tokens')
    const tokens = ok(await api.call('exchangeToken', { body: { grantType: 'refresh_token', refreshToken: old.refreshToken } }), 200)
    expect(ok(await api.call('logout', { token: tokens.accessToken }), 200)).toEqual({ ok: true })
    refused(await api.call('getClaim', { token: tokens.accessToken }), 'TOKEN_INVALID', doc)
    refused(await api.call('exchangeToken', { body: { grantType: 'refresh_token', refreshToken: tokens.refreshToken } }), 'REFRESH_TOKEN_INVALID', doc)
    refused(await api.call('logout', { token: tokens.accessToken }), 'TOKEN_INVALID', doc)
    refused(await api.call('exchangeToken', { body: { grantType: 'refresh_token', refreshToken: old.refreshToken } }), 'REFRESH_TOKEN_INVALID', doc)
    state.tokens = undefined
  })

  if (hasMock) {
    it('a refresh token presented a second time → REFRESH_TOKEN_INVALID, and the tokens that came from it stop working too (reuse revokes the sign-in)', async () => {
      const first = await signIn(primary)
      const rotated = ok(await api.call('exchangeToken', { body: { grantType: 'refresh_token', refreshToken: first.refreshToken } }), 200)
      ok(await api.call('getClaim', { token: rotated.accessToken }), 200)
      refused(await api.call('exchangeToken', { body: { grantType: 'refresh_token', refreshToken: first.refreshToken } }), 'REFRESH_TOKEN_INVALID', doc)
      refused(await api.call('getClaim', { token: rotated.accessToken }), 'TOKEN_INVALID', doc)
      refused(await api.call('exchangeToken', { body: { grantType: 'refresh_token', refreshToken: rotated.refreshToken } }), 'REFRESH_TOKEN_INVALID', doc)
    })
  }
})

if (hasMock && primary.personaId) {
  const personaId = primary.personaId
  describe(`brute force: face-verification starts per person, as ${primary.label}`, () => {
    it('starting face verification again and again → FACE_RATE_LIMITED with Retry-After; the persona reset clears it', async () => {
      const t = (await signIn(primary)).accessToken
      ok(await api.call('getPerson', { token: t }), 200)
      const agreement = ok(await api.call('getCurrentAgreement'), 200)
      ok(await api.call('consentToAgreement', { token: t, body: { agreementVersion: agreement.version } }), 200)
      let limited: Reply | undefined
      let started = 0
      for (let i = 0; i < 50 && !limited; i++) {
        const reply = await api.call('startCertification', { token: t })
        if (reply.code === 'FACE_RATE_LIMITED') limited = reply
        else started += ok(reply, 200) ? 1 : 0
      }
      expect(started).toBeGreaterThanOrEqual(1)
      refused(need(limited, 'FACE_RATE_LIMITED'), 'FACE_RATE_LIMITED', doc)
      expect(limited!.retryAfter).toMatch(/^[1-9]\d*$/)
      ok(await api.call('resetPersona', { params: { id: personaId } }), 200)
      const again = (await signIn(primary)).accessToken
      ok(await api.call('getPerson', { token: again }), 200)
      ok(await api.call('consentToAgreement', { token: again, body: { agreementVersion: agreement.version } }), 200)
      ok(await api.call('startCertification', { token: again }), 200)
    })
  })
}

describe('brute force: the token endpoint per client IP (the last calls of the suite: the limit holds for a while after)', () => {
  it(`exchangeToken again and again → TOKEN_RATE_LIMITED with Retry-After, within CONTRACT_RATE_LIMIT_PROBE (${settings.rateLimitProbe()}) calls`, async () => {
    let limited: Reply | undefined
    for (let i = 0; i < settings.rateLimitProbe() && !limited; i++) {
      const reply = await api.call('exchangeToken', { body: { grantType: 'authorization_code', code: `contract-guess-${i}-${randomUUID()}` } })
      if (reply.code === 'TOKEN_RATE_LIMITED') limited = reply
      else refused(reply, 'AUTH_CODE_INVALID', doc)
    }
    if (!limited) throw new Error(`no TOKEN_RATE_LIMITED within ${settings.rateLimitProbe()} token requests from this IP: the gateway needs a per-IP limit (raise CONTRACT_RATE_LIMIT_PROBE if it is higher)`)
    refused(limited, 'TOKEN_RATE_LIMITED', doc)
    expect(limited.retryAfter).toMatch(/^[1-9]\d*$/)
  })
})

// === coverage =================================================================================

describe('coverage of the document', () => {
  it('called every operation of the document (in scope on this gateway), and every response conformed', () => {
    expect(scopeOps.length).toBeGreaterThan(10)
    const notCalled = scopeOps.filter((op) => !coverage.ops.get(op.operationId)?.calls).map(opLabel)
    expect(notCalled).toEqual([])
    const nonConforming = scopeOps.filter((op) => {
      const s = coverage.ops.get(op.operationId)
      return s && s.conforming !== s.calls
    })
    expect(nonConforming.map(opLabel)).toEqual([])
  })

  it('reached a documented success response of every operation it has a scenario for (reachable on this gateway)', () => {
    const expected = Object.entries(SCENARIOS)
      .filter(([id, needs]) => needs.some(can) && doc.has(id))
      .map(([id]) => id)
    expect(expected.length).toBeGreaterThan(hasMock ? 15 : 8)
    expect(expected.filter((id) => !coverage.succeeded(id))).toEqual([])
  })

  it(
    hasMock && hasScenarios
      ? 'reached every error code an operation of the document documents (on the mock none is out of reach)'
      : 'reached every error code an operation of the document documents, or listed why this gateway cannot reach it',
    () => {
      const notReached = coverage.documentedNotReached(doc)
      if (hasMock && hasScenarios) expect(notReached).toEqual([])
      else expect(notReached.filter((code) => code in REQUIRED_CODES && !coverage.unreachable.has(code))).toEqual([])
    },
  )

  it('reached every refusal the contract requires (reachable on this gateway)', () => {
    const expected = Object.entries(REQUIRED_CODES)
      .filter(([, needs]) => needs.some(can))
      .map(([code]) => code)
    expect(expected.length).toBeGreaterThanOrEqual(hasMock ? Object.keys(REQUIRED_CODES).length : 15)
    expect(expected.filter((code) => !coverage.reached(code))).toEqual([])
  })
})
