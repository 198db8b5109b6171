import { call } from './client'
import { encryptPassword } from '../crypto'
import type { AgreementT, CardT, CertifyResultT, CertifyStartResponseT, ClaimT, PersonT, PublicKeyT, TokenResponseT } from './types'

export { ApiError, setAuthHooks, API_BASE } from './client'
export type { ApiErrorDetails, ClientErrorCode } from './client'
export * from './types'

const authed = { authed: true } as const

export const exchangeAuthCode = (code: string) => call<TokenResponseT>('POST', '/oauth/token', { grantType: 'authorization_code', code })
export const refreshAccessToken = (refreshToken: string) => call<TokenResponseT>('POST', '/oauth/token', { grantType: 'refresh_token', refreshToken })
export const getAgreement = () => call<AgreementT>('GET', '/agreements/current')
export const getPublicKey = () => call<PublicKeyT>('GET', '/crypto/public-key')

export const getPerson = () => call<PersonT>('GET', '/person', undefined, authed)
export const getClaim = () => call<ClaimT>('GET', '/claim', undefined, authed)
export const consentToAgreement = (agreementVersion: string) => call<ClaimT>('POST', '/claim/consent', { agreementVersion }, authed)
export const startCertification = () => call<CertifyStartResponseT>('POST', '/certifications', {}, authed)
export const queryCertification = (certifyId: string) => call<CertifyResultT>('GET', `/certifications/${encodeURIComponent(certifyId)}`, undefined, authed)

/** Encrypts with the server's SM2 key before the password leaves this function. */
export async function setCardPassword(password: string): Promise<ClaimT> {
  const key = await getPublicKey()
  const encryptedPassword = encryptPassword(password, key.publicKey)
  return call<ClaimT>('POST', '/claim/password', { keyId: key.keyId, encryptedPassword }, authed)
}

export const issueCard = (idempotencyKey: string) => call<CardT>('POST', '/cards', {}, { ...authed, headers: { 'Idempotency-Key': idempotencyKey } })
export const getCurrentCard = () => call<CardT>('GET', '/cards/current', undefined, authed)

export * from './card'
