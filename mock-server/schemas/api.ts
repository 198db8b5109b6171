/**
 * The contract, written once. Route validation (Fastify), the OpenAPI document
 * (@fastify/swagger reads the route schemas) and the app's types (`Static<...>`, imported as
 * types only by src/services/api) all come from these TypeBox schemas.
 */
import { Type, type Static, type TRecord, type TSchema, type TString } from '@sinclair/typebox'
import { ERROR_CODES } from './errors'

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()])

export const ErrorBody = Type.Object(
  {
    code: Type.Union(ERROR_CODES.map((c) => Type.Literal(c))),
    message: Type.String(),
    reason: Type.Optional(Type.String({ description: 'A finer reason, e.g. which weak-password rule was broken' })),
    remainingAttempts: Type.Optional(
      Type.Integer({ minimum: 0, description: 'PASSWORD_WRONG: how many more wrong passwords lock the card password' }),
    ),
    lockedUntil: Type.Optional(Type.String({ format: 'date-time', description: 'PASSWORD_LOCKED: when the lock ends' })),
  },
  { $id: 'ErrorBody', additionalProperties: false },
)

export const Ymd = Type.String({ pattern: '^\\d{8}$', description: 'A date as YYYYMMDD (China time)' })

/** The Ajv format the server registers for resident ID numbers (GB 11643: check character and birth date). */
export const ID_NUMBER_FORMAT = 'gb11643'
/** A resident ID number in a request: any request field that carries one must use this schema (test/server/idNumbers.test.ts). */
export const IdNumber = Type.String({ format: ID_NUMBER_FORMAT, minLength: 18, maxLength: 18, description: 'A resident ID number (GB 11643), checked by its check character and birth date' })

export const ClaimState = Type.Union(
  [
    Type.Literal('authorized'),
    Type.Literal('informed'),
    Type.Literal('consented'),
    Type.Literal('certifying'),
    Type.Literal('certified'),
    Type.Literal('password_set'),
    Type.Literal('issued'),
  ],
  { $id: 'ClaimState' },
)

// --- health ---------------------------------------------------------------
export const Health = Type.Object({ status: Type.Literal('ok'), uptimeSeconds: Type.Number() }, { additionalProperties: false })

// --- oauth (alipay.system.oauth.token) ------------------------------------
export const TokenRequest = Type.Union([
  Type.Object(
    {
      grantType: Type.Literal('authorization_code'),
      code: Type.String({ minLength: 1, maxLength: 128 }),
      include: Type.Optional(
        Type.Array(Type.Union([Type.Literal('claim'), Type.Literal('person')]), {
          maxItems: 2,
          uniqueItems: true,
          description:
            'Also answer with the claim and/or the person (as GET /claim and GET /person would, person first), so the app signs in and ' +
            'shows the next screen in one round trip.',
        }),
      ),
    },
    { additionalProperties: false },
  ),
  Type.Object({ grantType: Type.Literal('refresh_token'), refreshToken: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false }),
])
export const TokenResponse = Type.Object(
  {
    userId: Type.String(),
    accessToken: Type.String(),
    expiresIn: Type.Integer({ description: 'seconds' }),
    refreshToken: Type.String(),
    reExpiresIn: Type.Integer({ description: 'seconds' }),
  },
  { additionalProperties: false },
)

// --- the person and the claim --------------------------------------------
export const Person = Type.Object(
  {
    name: Type.String(),
    idNumberMasked: Type.String(),
    aab301: Type.String({ pattern: '^\\d{6}$', description: 'Region (administrative division) code of the insuring place' }),
    regionName: Type.Object({ 'zh-CN': Type.String(), 'en-US': Type.String() }, { additionalProperties: false }),
    hasPhysicalCard: Type.Boolean(),
    hasEcard: Type.Boolean(),
    cardStatus: Type.Union([Type.Literal('normal'), Type.Literal('suspended'), Type.Literal('none')]),
    isMinor: Type.Boolean(),
  },
  { additionalProperties: false },
)

export const Claim = Type.Object(
  {
    state: ClaimState,
    agreementVersion: Nullable(Type.String()),
    certifyId: Nullable(Type.String()),
    certifiedAt: Nullable(Type.String({ format: 'date-time' })),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
)

/** The token exchange's answer: the tokens, plus what `include` asked for (authorization_code only). */
export const TokenExchangeResponse = Type.Object(
  { ...TokenResponse.properties, claim: Type.Optional(Claim), person: Type.Optional(Person) },
  { additionalProperties: false },
)

// --- agreement ------------------------------------------------------------
const AgreementText = Type.Object({ title: Type.String(), body: Type.String() }, { additionalProperties: false })
export const Agreement = Type.Object(
  {
    version: Type.String(),
    texts: Type.Object({ 'zh-CN': AgreementText, 'en-US': AgreementText }, { additionalProperties: false }),
  },
  { additionalProperties: false },
)
export const ConsentRequest = Type.Object({ agreementVersion: Type.String({ minLength: 1, maxLength: 32 }) }, { additionalProperties: false })

// --- face verification (alipay.user.certify.open.initialize / query) ------
/** claim: step 8 of the claim; reset: before a forgotten password is replaced; unbind: before unbinding the card. */
export const CertificationPurpose = Type.Union([Type.Literal('claim'), Type.Literal('reset'), Type.Literal('unbind')])
export const CertifyStartResponse = Type.Object(
  { certifyId: Type.String(), certifyUrl: Type.String(), expiresIn: Type.Integer() },
  { additionalProperties: false },
)
export const CertifyIdParams = Type.Object({ certifyId: Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' }) }, { additionalProperties: false })
export const CertifyResult = Type.Object(
  {
    certifyId: Type.String(),
    passed: Type.Union([Type.Literal('T'), Type.Literal('F')]),
    failReason: Nullable(Type.String()),
    claim: Claim,
    purpose: Type.Optional(CertificationPurpose), // what the verification is for; always sent
  },
  { additionalProperties: false },
)

// --- password -------------------------------------------------------------
export const PublicKey = Type.Object(
  { algorithm: Type.Literal('SM2'), keyId: Type.String(), publicKey: Type.String({ description: 'Uncompressed point, hex (04...)' }), cipherMode: Type.Literal(1) },
  { additionalProperties: false },
)
export const PasswordRequest = Type.Object(
  {
    keyId: Type.String({ minLength: 1, maxLength: 64 }),
    encryptedPassword: Type.String({ minLength: 1, maxLength: 1024, pattern: '^[0-9a-fA-F]+$', description: 'SM2 ciphertext (C1C3C2), hex, without the 04 prefix' }),
  },
  { additionalProperties: false },
)

// --- the card -------------------------------------------------------------
export const Card = Type.Object(
  {
    cardNumber: Type.String({ description: 'The card number; display cardNumberMasked, and the full number only after a reveal' }),
    cardNumberMasked: Type.Optional(Type.String({ description: 'The card number masked for display, e.g. D3*****16 (always sent)' })),
    holderName: Type.String({ description: "The holder's name, MASKED (张*澜); the full name only comes from POST /cards/current/reveal" }),
    idNumberMasked: Type.String(),
    aab301: Type.String(),
    regionName: Type.Object({ 'zh-CN': Type.String(), 'en-US': Type.String() }, { additionalProperties: false }),
    signNo: Type.String(),
    signSeq: Type.String(),
    signLevel: Type.Integer(),
    issueDate: Ymd,
    validUntil: Ymd,
    status: Type.Union([Type.Literal('active'), Type.Literal('unbound')]),
  },
  { additionalProperties: false },
)
export const IdempotencyHeaders = Type.Object(
  { 'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9_-]+$' })) },
)

// --- the issued card: reveal, QR code, scanner, password, unbinding ---------
export const CardReveal = Type.Object(
  {
    holderName: Type.String({ description: 'The full name' }),
    idNumber: Type.String({ description: 'The full ID number' }),
    cardNumber: Type.String({ description: 'The full card number' }),
    revealedUntil: Type.String({ format: 'date-time', description: 'Hide the details again at this time (30 seconds)' }),
  },
  { additionalProperties: false },
)

export const QrToken = Type.Object(
  {
    token: Type.String({ description: 'Opaque and single use; render it as the QR code' }),
    expiresAt: Type.String({ format: 'date-time' }),
    expiresIn: Type.Integer({ description: 'seconds (60)' }),
  },
  { additionalProperties: false },
)

export const ScanRequest = Type.Object({ token: Type.String({ minLength: 1, maxLength: 512 }) }, { additionalProperties: false })
export const ScannerHeaders = Type.Object({
  'x-scanner-id': Type.Optional(
    Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$', description: 'The merchant terminal; recorded in the audit as scanner:<id>' }),
  ),
})
export const ScanResult = Type.Object(
  {
    holderNameMasked: Type.String(),
    cardStatus: Type.Literal('active'),
    aab301: Type.String({ pattern: '^\\d{6}$' }),
    signLevel: Type.Integer(),
    scannedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
)

const Sm2Hex = (description: string) => Type.String({ minLength: 1, maxLength: 1024, pattern: '^[0-9a-fA-F]+$', description })
const KeyId = Type.String({ minLength: 1, maxLength: 64 })
const CertifyIdField = Type.String({ pattern: '^[A-Za-z0-9_-]{8,64}$' })

export const CardPasswordChangeRequest = Type.Object(
  {
    keyId: KeyId,
    encryptedOldPassword: Sm2Hex('The current password, SM2 ciphertext (C1C3C2), hex'),
    encryptedNewPassword: Sm2Hex('The new password, SM2 ciphertext (C1C3C2), hex'),
  },
  { additionalProperties: false },
)
export const PasswordResetRequest = Type.Object(
  {
    certifyId: CertifyIdField,
    keyId: KeyId,
    encryptedNewPassword: Sm2Hex('The new password, SM2 ciphertext (C1C3C2), hex'),
  },
  { additionalProperties: false },
)
export const UnbindRequest = Type.Union([
  Type.Object(
    { method: Type.Literal('password'), keyId: KeyId, encryptedPassword: Sm2Hex('The card password, SM2 ciphertext (C1C3C2), hex') },
    { additionalProperties: false },
  ),
  Type.Object({ method: Type.Literal('face'), certifyId: CertifyIdField }, { additionalProperties: false }),
])
export const UnbindResponse = Type.Object(
  {
    status: Type.Literal('unbound'),
    unboundAt: Type.String({ format: 'date-time' }),
    claim: Claim,
  },
  { additionalProperties: false },
)

// --- mock-only: the card audit --------------------------------------------
export const AuditAction = Type.Union([
  Type.Literal('issued'),
  Type.Literal('qr_issued'),
  Type.Literal('qr_scanned'),
  Type.Literal('revealed'),
  Type.Literal('password_changed'),
  Type.Literal('password_reset'),
  Type.Literal('password_wrong'),
  Type.Literal('locked'),
  Type.Literal('unbound'),
])
export const CardAuditEntry = Type.Object(
  {
    id: Type.Integer(),
    personaId: Type.String(),
    at: Type.String({ format: 'date-time' }),
    actor: Type.String({ description: 'holder, system or scanner:<X-Scanner-Id> (scanner:anonymous without one)' }),
    action: AuditAction,
    outcome: Type.Union([Type.Literal('ok'), Type.Literal('refused')]),
    code: Nullable(Type.String({ description: 'The error code of a refusal' })),
  },
  { additionalProperties: false },
)
export const CardAudit = Type.Object(
  { cardNumber: Type.String(), status: Type.Union([Type.Literal('active'), Type.Literal('unbound')]), entries: Type.Array(CardAuditEntry) },
  { additionalProperties: false },
)
export const CardNumberParams = Type.Object({ cardNumber: Type.String({ pattern: '^[A-Za-z0-9]{1,32}$' }) }, { additionalProperties: false })

// --- mock-only: personas and the H5 stand-ins for the platform -------------
export const PersonaTrait = Type.Union([
  Type.Literal('eligible'),
  Type.Literal('has-ecard'),
  Type.Literal('no-physical-card'),
  Type.Literal('card-suspended'),
  Type.Literal('minor'),
  Type.Literal('face-mismatch'),
])
export const PersonaSummary = Type.Object(
  { id: Type.String(), name: Type.String(), traits: Type.Array(PersonaTrait) },
  { additionalProperties: false },
)
export const PersonaList = Type.Array(PersonaSummary)
export const PersonaIdParams = Type.Object({ id: Type.String({ pattern: '^[a-z0-9-]{1,64}$' }) }, { additionalProperties: false })
export const AuthCodeRequest = Type.Object(
  { personaId: Type.String({ pattern: '^[a-z0-9-]{1,64}$' }), scopes: Type.Optional(Type.String({ maxLength: 64 })) },
  { additionalProperties: false },
)
export const AuthCodeResponse = Type.Object({ authCode: Type.String(), expiresIn: Type.Integer() }, { additionalProperties: false })
export const FaceOutcomeRequest = Type.Object(
  { outcome: Type.Union([Type.Literal('pass'), Type.Literal('fail'), Type.Literal('cancel')]) },
  { additionalProperties: false },
)
export const Ok = Type.Object({ ok: Type.Literal(true) }, { additionalProperties: false })

export type ErrorBodyT = Static<typeof ErrorBody>
export type ClaimStateT = Static<typeof ClaimState>
export type TokenResponseT = Static<typeof TokenResponse>
export type TokenExchangeResponseT = Static<typeof TokenExchangeResponse>
export type PersonT = Static<typeof Person>
export type ClaimT = Static<typeof Claim>
export type AgreementT = Static<typeof Agreement>
export type CertifyStartResponseT = Static<typeof CertifyStartResponse>
export type CertifyResultT = Static<typeof CertifyResult>
export type PublicKeyT = Static<typeof PublicKey>
export type CardT = Static<typeof Card>
export type PersonaSummaryT = Static<typeof PersonaSummary>
export type PersonaTraitT = Static<typeof PersonaTrait>
export type AuthCodeResponseT = Static<typeof AuthCodeResponse>
export type FaceOutcome = Static<typeof FaceOutcomeRequest>['outcome']
export type CertificationPurposeT = Static<typeof CertificationPurpose>
export type CardRevealT = Static<typeof CardReveal>
export type QrTokenT = Static<typeof QrToken>
export type ScanResultT = Static<typeof ScanResult>
export type UnbindRequestT = Static<typeof UnbindRequest>
export type UnbindResponseT = Static<typeof UnbindResponse>
export type AuditActionT = Static<typeof AuditAction>
export type CardAuditEntryT = Static<typeof CardAuditEntry>
export type CardAuditT = Static<typeof CardAudit>

// --- mock-only: QA scenarios (fault and outcome switches) and the live API log ---------------
const OperationIdPattern = '^[A-Za-z][A-Za-z0-9]{0,63}$'
const PersonaIdPattern = '^[a-z0-9-]{1,64}$'
/** Bounds of the switches: a minute of added latency, two minutes of hold, a year and a month of clock offset. */
export const SCENARIO_LIMITS = { latencyMs: 60_000, holdMs: 120_000, clockOffsetMs: 400 * 24 * 60 * 60 * 1000 } as const

export const ScenarioFaceOutcome = Type.Union([Type.Literal('pass'), Type.Literal('fail'), Type.Literal('cancel'), Type.Literal('timeout')], {
  description:
    "The platform's face-verification result whatever the H5 stand-in page says: pass, fail (FACE_MISMATCH), cancel (USER_CANCELLED), or " +
    'timeout (the certification never completes: queries say NOT_COMPLETED until the session expires). The face-mismatch persona still always fails.',
})
export const InjectKind = Type.Union([Type.Literal('5xx'), Type.Literal('5xx-after-commit'), Type.Literal('timeout'), Type.Literal('malformed')], {
  description:
    '5xx: 500 INTERNAL before the handler runs (nothing happens). 5xx-after-commit: the handler runs and commits, the client gets a 500 ' +
    'instead (a lost response). timeout: the response is held holdMs, then sent as it is. malformed: 200 with a truncated JSON body.',
})
export const InjectOnce = Type.Object(
  {
    operationId: Type.String({ pattern: OperationIdPattern, description: 'The OpenAPI operationId of the endpoint whose next call gets the fault' }),
    kind: InjectKind,
    holdMs: Type.Optional(Type.Integer({ minimum: 0, maximum: SCENARIO_LIMITS.holdMs, description: 'timeout only: how long to hold the response (default 20000; the app gives up after 15000)' })),
  },
  { additionalProperties: false, description: 'One fault, consumed by the first matching call' },
)
/**
 * An object keyed by free-form names (`additionalProperties`, valid OpenAPI 3.0; no patternProperties
 * or propertyNames, which 3.0 lacks): the keys are checked by the handler (known persona, known operationId).
 */
const StringMap = <T extends TSchema>(t: T, description: string) =>
  // an Object schema at run time (TypeBox's Value and Ajv check it), typed as the Record it is
  Type.Object({}, { additionalProperties: t, description }) as unknown as TRecord<TString, T>
const LATENCY_KEYS = 'keys: an operationId, or `*` for every API route except /api/mock/* (an operationId of its own wins over `*`)'
export const LatencyMap = StringMap(Type.Integer({ minimum: 0, maximum: SCENARIO_LIMITS.latencyMs }), `Added delay in ms before the handler runs; ${LATENCY_KEYS}`)
export const ScenarioSwitches = Type.Object(
  {
    faceOutcome: Type.Optional(ScenarioFaceOutcome),
    latencyMs: Type.Optional(LatencyMap),
    injectOnce: Type.Optional(InjectOnce),
    clockOffsetMs: Type.Optional(
      Type.Integer({
        minimum: -SCENARIO_LIMITS.clockOffsetMs,
        maximum: SCENARIO_LIMITS.clockOffsetMs,
        description: "Added to the server's clock (expiry tests: auth codes 5 min, certifications 10 min, QR codes 60 s, access tokens 2 h)",
      }),
    ),
  },
  { additionalProperties: false, description: 'Every switch is off unless set' },
)
const PersonaScopes = <T extends TSchema>(t: T) =>
  StringMap(t, "By persona id: switches that apply only to that persona's calls (its bearer token; for mockAuthCode and exchangeToken, its code)")
/** PUT: the whole scenario set. */
export const ScenarioSet = Type.Object(
  {
    global: Type.Optional(ScenarioSwitches),
    personas: Type.Optional(PersonaScopes(ScenarioSwitches)),
  },
  { additionalProperties: false },
)
/** PATCH: a switch given replaces it, null turns it off; latencyMs merges by operationId; a persona (or global) set to null clears that scope. */
export const ScenarioSwitchesPatch = Type.Object(
  {
    faceOutcome: Type.Optional(Nullable(ScenarioFaceOutcome)),
    latencyMs: Type.Optional(Nullable(StringMap(Nullable(Type.Integer({ minimum: 0, maximum: SCENARIO_LIMITS.latencyMs })), `null removes one; ${LATENCY_KEYS}`))),
    injectOnce: Type.Optional(Nullable(InjectOnce)),
    clockOffsetMs: Type.Optional(Nullable(Type.Integer({ minimum: -SCENARIO_LIMITS.clockOffsetMs, maximum: SCENARIO_LIMITS.clockOffsetMs }))),
  },
  { additionalProperties: false },
)
export const ScenarioPatch = Type.Object(
  {
    global: Type.Optional(Nullable(ScenarioSwitchesPatch)),
    personas: Type.Optional(PersonaScopes(Nullable(ScenarioSwitchesPatch))),
  },
  { additionalProperties: false },
)
export const ScenarioState = Type.Object(
  {
    active: Type.Boolean({ description: 'false when every switch is off' }),
    global: ScenarioSwitches,
    personas: PersonaScopes(ScenarioSwitches),
    operationIds: Type.Array(Type.String(), { description: 'The operationIds latencyMs and injectOnce can name' }),
  },
  { additionalProperties: false },
)
export const ScenarioScopeQuery = Type.Object(
  { personaId: Type.Optional(Type.String({ pattern: PersonaIdPattern, description: "Clear only this persona's scenarios" })) },
  { additionalProperties: false },
)

export const ApiEvent = Type.Object(
  {
    id: Type.Integer({ minimum: 1, description: 'Sequence number (also the SSE event id)' }),
    at: Type.String({ format: 'date-time', description: 'When the response was finished (server clock, without any clock offset)' }),
    method: Type.String(),
    route: Nullable(Type.String({ description: 'The route pattern (/api/certifications/:certifyId), never the URL; null for an unknown route' })),
    operationId: Nullable(Type.String()),
    status: Type.Integer({ description: 'The HTTP status sent; 499 when the client gave up (closed the connection) before the answer' }),
    durationMs: Type.Number(),
    errorCode: Nullable(Type.String({ description: 'The ErrorBody code of an error response' })),
    personaId: Nullable(Type.String({ description: 'The persona the call was made for (a QA label), when known' })),
    fault: Nullable(
      Type.String({ description: 'The injected fault: 5xx, 5xx-after-commit, timeout or malformed; face:<outcome> when faceOutcome decided a face result' }),
    ),
    delayMs: Type.Integer({ minimum: 0, description: 'Latency added by a scenario' }),
  },
  { additionalProperties: false, description: 'One API call. No names, ID numbers, tokens, bodies or query strings.' },
)
export const ApiEventList = Type.Array(ApiEvent)

export const PersonaCards = Type.Object(
  {
    personaId: Type.String(),
    count: Type.Integer({ minimum: 0, description: 'Every e-card ever issued to the persona, unbound ones included' }),
    active: Nullable(
      Type.Object(
        { cardNumber: Type.String(), issueDate: Ymd, validUntil: Ymd, channel: Type.String({ description: 'alipay, or other (issued before the story starts)' }) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)

export type ScenarioFaceOutcomeT = Static<typeof ScenarioFaceOutcome>
export type InjectKindT = Static<typeof InjectKind>
export type InjectOnceT = Static<typeof InjectOnce>
export type ScenarioSwitchesT = Static<typeof ScenarioSwitches>
export type ScenarioSetT = Static<typeof ScenarioSet>
export type ScenarioPatchT = Static<typeof ScenarioPatch>
export type ScenarioSwitchesPatchT = Static<typeof ScenarioSwitchesPatch>
export type ScenarioStateT = Static<typeof ScenarioState>
export type ApiEventT = Static<typeof ApiEvent>
export type PersonaCardsT = Static<typeof PersonaCards>
