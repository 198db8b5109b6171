import { call } from './client'
import { encryptPassword } from '../crypto'
import type { AgreementT, CardT, CertifyResultT, CertifyStartResponseT, ClaimT, PersonT, PublicKeyT, TokenExchangeResponseT, TokenResponseT } from './types'

export { ApiError, setAuthHooks, API_BASE } from './client'
export type { ApiErrorDetails, ClientErrorCode } from './client'
export * from './types'

const authed = { authed: true } as const

/** `include` asks the gateway to answer with the claim and/or the person too: sign-in and the next screen in one round trip. */
export const exchangeAuthCode = (code: string, include?: Array<'claim' | 'person'>) =>
  call<TokenExchangeResponseT>('POST', '/oauth/token', include?.length ? { grantType: 'authorization_code', code, include } : { grantType: 'authorization_code', code })
export const refreshAccessToken = (refreshToken: string) => call<TokenResponseT>('POST', '/oauth/token', { grantType: 'refresh_token', refreshToken })
/** Signs out on the server: the access token and its refresh token (the whole sign-in) stop working. */
export const logout = () => call<{ ok: true }>('POST', '/oauth/logout', {}, authed)
export const getAgreement = () => call<AgreementT>('GET', '/agreements/current')
export const getPublicKey = () => call<PublicKeyT>('GET', '/crypto/public-key')

export const getPerson = () => call<PersonT>('GET', '/person', undefined, authed)
export const getClaim = () => call<ClaimT>('GET', '/claim', undefined, authed)
export const consentToAgreement = (agreementVersion: string) => call<ClaimT>('POST', '/claim/consent', { agreementVersion }, authed)
export const startCertification = () => call<CertifyStartResponseT>('POST', '/certifications', {}, authed)
export const queryCertification = (certifyId: string) => call<CertifyResultT>('GET', `/certifications/${encodeURIComponent(certifyId)}`, undefined, authed)

let publicKey: Promise<PublicKeyT> | null = null

/**
 * The server's SM2 public key, read once and kept (it is public): the password screen asks for it
 * when it opens, so sending the password is one round trip. A failed read is forgotten.
 */
export function prefetchPublicKey(): Promise<PublicKeyT> {
  publicKey ??= getPublicKey().catch((e: unknown) => {
    publicKey = null
    throw e
  })
  return publicKey
}

/** Encrypts with the server's SM2 key before the password leaves this function. */
export async function setCardPassword(password: string): Promise<ClaimT> {
  const key = await prefetchPublicKey()
  const encryptedPassword = encryptPassword(password, key.publicKey)
  try {
    return await call<ClaimT>('POST', '/claim/password', { keyId: key.keyId, encryptedPassword }, authed)
  } catch (e) {
    // The server may have rotated its key: the next attempt reads it afresh.
    if ((e as { code?: string }).code === 'PASSWORD_DECRYPT_FAILED') publicKey = null
    throw e
  }
}

export const issueCard = (idempotencyKey: string) => call<CardT>('POST', '/cards', {}, { ...authed, headers: { 'Idempotency-Key': idempotencyKey } })
export const getCurrentCard = () => call<CardT>('GET', '/cards/current', undefined, authed)

export * from './card'
