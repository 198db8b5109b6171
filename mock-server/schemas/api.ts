/**
 * The contract, written once. Route validation (Fastify), the OpenAPI document
 * (@fastify/swagger reads the route schemas) and the app's types (`Static<...>`, imported as
 * types only by src/services/api) all come from these TypeBox schemas.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox'
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
  Type.Object({ grantType: Type.Literal('authorization_code'), code: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false }),
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
