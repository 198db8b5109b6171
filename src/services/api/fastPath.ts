import { getCurrentCard, issueQrToken } from './card'

/**
 * The card page's first card and first QR token. Mini-programs send them through the API client as
 * any other request; H5 resolves fastPath.h5.ts, which sends them with the browser's fetch first.
 */
export const getCurrentCardFast = () => getCurrentCard()
export const issueQrTokenFast = () => issueQrToken()
