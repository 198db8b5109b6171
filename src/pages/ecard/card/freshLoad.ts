import { prepareQrCode } from '../../../components/QrCode'
import { sendFirstRequests, takeLaunched, type FirstRequests } from './firstRequests'

export type { Tracked } from './firstRequests'

/** A fresh load's two requests: the card, and its first QR token beside it. */
export type FreshLoad = FirstRequests

/**
 * A fresh load: the card and its first QR token asked for at once (firstRequests.ts; null when the
 * page asks in order instead), or `sent`, the same two already out since the app's launch.
 */
export function startFreshLoad(sent: FirstRequests | null = sendFirstRequests()): FreshLoad | null {
  if (!sent) return null
  // The code's image is drawn when the token arrives (now, if it has), while the page is still busy with other work.
  const { qr } = sent
  if (qr.answer) prepareQrCode(qr.answer.token)
  else qr.promise.then((shown) => prepareQrCode(shown.token), () => undefined)
  return sent
}

/** An early load older than this is not the one for the page now mounting: it asks afresh. */
export const EARLY_LOAD_MAX_AGE_MS = 10_000

let early: { at: number; load: FreshLoad | null } | null = null

/**
 * Starts the fresh load ahead of the page's first render: the H5 build calls it when the page's
 * chunk is evaluated, which happens when the person opens the page (each H5 page is a chunk loaded
 * on its route), so the requests go out while the page is still being set up and rendered. When the
 * app was opened at this page, they went out at its launch (app.ts) and are taken here.
 */
export function startEarlyLoad(now: number = Date.now()): void {
  const launched = takeLaunched(now)
  early = { at: now, load: launched ? startFreshLoad(launched) : startFreshLoad() }
}

/** For the page's first render: the early load if one is waiting and fresh (taken once), else a fresh load now. */
export function takeFreshLoad(now: number = Date.now()): FreshLoad | null {
  const waiting = early
  early = null
  if (waiting && now - waiting.at <= EARLY_LOAD_MAX_AGE_MS) return waiting.load
  return startFreshLoad()
}
