import { call } from './call'
import type { AuthCodeResponseT, FaceOutcome, PersonaSummaryT } from './types'

/** Mock-only endpoints: the H5 simulator's stand-ins for the platform, and QA's personas. */
export const listPersonas = () => call<PersonaSummaryT[]>('GET', '/mock/personas')
export const resetPersona = (id: string) => call<{ ok: true }>('POST', `/mock/personas/${encodeURIComponent(id)}/reset`)
export const requestMockAuthCode = (personaId: string) => call<AuthCodeResponseT>('POST', '/mock/auth-code', { personaId, scopes: 'auth_user' })
export const completeMockCertification = (certifyId: string, outcome: FaceOutcome) =>
  call<{ ok: true }>('POST', `/mock/certifications/${encodeURIComponent(certifyId)}/complete`, { outcome })
