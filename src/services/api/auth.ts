import { call } from './call'
import type { TokenExchangeResponseT, TokenResponseT } from './types'

/** Sign-in and sign-out: no SM2 here, so the screens that only read (the card) load none (index.ts). */

/** `include` asks the gateway to answer with the claim and/or the person too: sign-in and the next screen in one round trip. */
export const exchangeAuthCode = (code: string, include?: Array<'claim' | 'person'>) =>
  call<TokenExchangeResponseT>('POST', '/oauth/token', include?.length ? { grantType: 'authorization_code', code, include } : { grantType: 'authorization_code', code })
export const refreshAccessToken = (refreshToken: string) => call<TokenResponseT>('POST', '/oauth/token', { grantType: 'refresh_token', refreshToken })
/** Signs out on the server: the access token and its refresh token (the whole sign-in) stop working. */
export const logout = () => call<{ ok: true }>('POST', '/oauth/logout', {}, { authed: true })
