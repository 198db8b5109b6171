import { getClaim, type ClaimT } from '../services/api'
// Importing session also installs the API client's auth hooks (a side effect of that module), so
// every page that goes through this guard sends the access token.
import { hasSession, signOut } from '../services/session'
import { redirectFor, type ClaimPage } from '../flow/claimFlow'
import { isSessionError, toErrorInfo } from '../i18n/errors'
import { takeHandedOver } from '../services/handover'
import { LEAVING } from './useAsyncData'
import { redirectTo } from './navigation'

/**
 * The entry check of a claim page: the server's claim state decides whether the page may show.
 * Resolves the claim when it may; otherwise redirects (to authorize without a session, or to the
 * page the state allows) and resolves LEAVING. Other errors are thrown for the page to show.
 * A claim the previous screen handed over (the server's answer to the action that led here) is
 * used instead of asking again: one round trip fewer per step.
 */
export async function guardClaim(page: ClaimPage): Promise<ClaimT | typeof LEAVING> {
  if (!hasSession()) {
    await redirectTo('authorize')
    return LEAVING
  }
  let claim: ClaimT
  try {
    claim = takeHandedOver('claim') ?? (await getClaim())
  } catch (e) {
    if (isSessionError(toErrorInfo(e).code)) {
      signOut()
      await redirectTo('authorize')
      return LEAVING
    }
    throw e
  }
  const target = redirectFor(page, claim.state)
  if (target) {
    await redirectTo(target)
    return LEAVING
  }
  return claim
}

/**
 * For actions on a claim page: when the server no longer knows the person, forget the session and
 * send them to authorize. Returns true when it did.
 */
export async function leaveOnSessionError(code: string): Promise<boolean> {
  if (!isSessionError(code)) return false
  signOut()
  await redirectTo('authorize')
  return true
}
