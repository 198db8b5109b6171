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
    cardNumber: Type.String(),
    holderName: Type.String(),
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
