/**
 * The integrators' contract suite: any gateway (this checkout's mock server, or an integrator's
 * real one) against the OpenAPI document, over real HTTP. Every response of every call is checked
 * against the document (status, media type, schema, error code). Which tests exist is decided
 * from facts found before collection (test/contract/globalSetup.ts): the document's operations,
 * and whether the gateway has the mock stand-ins. Against the mock server every test is
 * registered and runs; on a real gateway the steps that need the face stand-in or other residents
 * are registered as a plainly named "not reachable on this gateway" test instead.
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
const FACE_SKIP = 'face step needs the mock stand-in; not reachable on this gateway'

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

// --- what this gateway lets the suite reach --------------------------------------------------

type Need = 'any' | 'mock' | 'face' | 'second-user' | `trait:${string}`
const TRAIT_ENV: Record<string, string> = { 'no-physical-card': 'NO_PHYSICAL_CARD', 'card-suspended': 'CARD_SUSPENDED', minor: 'MINOR', 'has-ecard': 'HAS_ECARD' }

function can(need: Need): boolean {
  if (need === 'any') return true
  if (need === 'mock' || need === 'face') return hasMock
  if (need === 'second-user') return hasMock && second !== undefined
  const trait = need.slice('trait:'.length)
  return identityWithTrait(trait, TRAIT_ENV[trait] ?? trait.toUpperCase()) !== undefined
}

function whyNot(needs: Need[]): string {
  return needs
    .filter((n) => !can(n))
    .map((n) => {
      if (n === 'face') return `needs a passed face verification: ${FACE_SKIP}`
      if (n === 'mock') return 'needs the mock stand-ins, which this gateway does not have'
      if (n === 'second-user') return 'needs a second eligible resident (a mock persona) and a passed face verification'
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
}

/** The scenarios that use operations only the mock server has. */
const MOCK_SCENARIOS = new Set(['listPersonas', 'resetPersona', 'mockAuthCode', 'mockCompleteCertification', 'mockCertifyPage'])

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
}

/** Documented codes no quick run over HTTP can reach, and why (listed in the table, not hidden). */
const NOT_IN_A_QUICK_RUN: Record<string, string> = {
  TOKEN_EXPIRED: 'needs an access token older than its expiresIn (7200 s on the mock)',
  AUTH_CODE_EXPIRED: 'needs an auth code older than its lifetime (5 minutes on the mock)',
  CERTIFY_EXPIRED: 'needs a passed face verification older than 10 minutes',
  INTERNAL: 'a server fault: no well-formed request triggers it on purpose',
}
for (const [code, why] of Object.entries(NOT_IN_A_QUICK_RUN)) coverage.unreachable.set(code, why)
for (const [code, needs] of Object.entries(REQUIRED_CODES)) if (!needs.some(can)) coverage.unreachable.set(code, whyNot(needs))
for (const [opId, needs] of Object.entries(SCENARIOS)) if (!needs.some(can)) coverage.successUnreachable.set(opId, whyNot(needs))

const inScope = (op: Operation) => hasMock || !isMockOp(op)
const scopeOps = doc.operations.filter(inScope)
for (const op of doc.operations.filter((o) => !inScope(o))) coverage.successUnreachable.set(op.operationId, 'a mock-only operation; this gateway has no stand-ins')
const unknownOps = scopeOps
  .filter((op) => !(op.operationId in SCENARIOS))
  // reads first, destructive methods last
  .sort((a, b) => ['get', 'head', 'post', 'put', 'patch', 'delete'].indexOf(a.method) - ['get', 'head', 'post', 'put', 'patch', 'delete'].indexOf(b.method))

if (!hasMock) console.warn(`contract: ${FACE_SKIP} (${runtime.mock.probe}); those tests are replaced by one that says so`)

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

afterAll(() => {
  const lines = [
    '',
    `CONTRACT COVERAGE: gateway ${runtime.baseUrl}, document ${runtime.docSource} (OpenAPI ${doc.doc.openapi}, ${doc.operations.length} operations), Ajv ${ajvVersion()}`,
    `mock stand-ins: ${hasMock ? 'yes' : `NO (${runtime.mock.probe}): ${FACE_SKIP}`}`,
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
  if (report) fs.writeFileSync(report, JSON.stringify({ baseUrl: runtime.baseUrl, docSource: runtime.docSource, mockStandIns: hasMock, ...(coverage.toJson(doc) as object) }, null, 2))
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

  it('a refresh token rotates: new tokens, and the old refresh token → REFRESH_TOKEN_INVALID', async () => {
    const old = need(state.tokens, 'tokens')
    const rotated = ok(await api.call('exchangeToken', { body: { grantType: 'refresh_token', refreshToken: old.refreshToken } }), 200)
    expect(rotated.refreshToken).not.toBe(old.refreshToken)
    expect(rotated.accessToken).not.toBe(old.accessToken)
    state.tokens = rotated
    refused(await api.call('exchangeToken', { body: { grantType: 'refresh_token', refreshToken: old.refreshToken } }), 'REFRESH_TOKEN_INVALID', doc)
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

  it('reached every refusal the contract requires (reachable on this gateway)', () => {
    const expected = Object.entries(REQUIRED_CODES)
      .filter(([, needs]) => needs.some(can))
      .map(([code]) => code)
    expect(expected.length).toBeGreaterThanOrEqual(hasMock ? Object.keys(REQUIRED_CODES).length : 15)
    expect(expected.filter((code) => !coverage.reached(code))).toEqual([])
  })
})
