import { call } from './call'
import type { AgreementT, CardT, CertifyResultT, CertifyStartResponseT, ClaimT, PersonT } from './types'

/** The claim's steps that send no password (the password's are in passwords.ts, with SM2). */
const authed = { authed: true } as const

export const getAgreement = () => call<AgreementT>('GET', '/agreements/current')
export const getPerson = () => call<PersonT>('GET', '/person', undefined, authed)
export const getClaim = () => call<ClaimT>('GET', '/claim', undefined, authed)
export const consentToAgreement = (agreementVersion: string) => call<ClaimT>('POST', '/claim/consent', { agreementVersion }, authed)
export const startCertification = () => call<CertifyStartResponseT>('POST', '/certifications', {}, authed)
export const queryCertification = (certifyId: string) => call<CertifyResultT>('GET', `/certifications/${encodeURIComponent(certifyId)}`, undefined, authed)
export const issueCard = (idempotencyKey: string) => call<CardT>('POST', '/cards', {}, { ...authed, headers: { 'Idempotency-Key': idempotencyKey } })
