import { getClaim } from '../../../services/api'
// Importing session also installs the API client's auth hooks (a side effect of that module).
import { hasSession } from '../../../services/session'
import { resumePage } from '../../../flow/claimFlow'
import { handOver } from '../../../services/handover'
import { LEAVING } from '../../../hooks/useAsyncData'
import { leaveOnSessionError } from '../../../hooks/useClaimGuard'
import { redirectTo } from '../../../hooks/navigation'
import { toErrorInfo } from '../../../i18n/errors'

/**
 * Where a person who opens the e-card goes: authorization without a session (or with one the
 * server no longer accepts), else the page the server's claim state allows. The entry page is
 * replaced (redirectTo), so the page under the claim stays Social Security. Resolves LEAVING once
 * it has sent the person on; other errors are thrown for the page to show with a retry.
 */
export async function resumeClaim(): Promise<typeof LEAVING> {
  if (!hasSession()) {
    await redirectTo('authorize')
    return LEAVING
  }
  try {
    const claim = await getClaim()
    // The page it resumes on guards itself with this same answer instead of asking again.
    handOver('claim', claim)
    await redirectTo(resumePage(claim.state))
    return LEAVING
  } catch (e) {
    if (await leaveOnSessionError(toErrorInfo(e).code)) return LEAVING
    throw e
  }
}
