import { getCurrentCardFast, issueQrTokenFast, type CardT, type QrTokenT } from '../../../services/api'
import { isHandedOver } from '../../../services/handover'
import { hasSession } from '../../../services/session'
import { routes } from '../../../flow/routes'

/**
 * The card page's first two requests, in a module light enough for the H5 app shell (no React, no
 * QR encoder): app.ts sends them at launch when the app opens at the card page, before the page's
 * chunk has arrived; freshLoad.ts takes them (or sends them itself) for the page.
 */

export interface QrShown {
  token: string
  /** When the token expires, on this phone's clock (received + expiresIn: no clock skew). */
  expiresAt: number
}

/** A token as the page shows it, its expiry read when the answer arrives. */
export function qrShown(qr: QrTokenT, now: number = Date.now()): QrShown {
  return { token: qr.token, expiresAt: now + Math.max(1, qr.expiresIn) * 1000 }
}

/** A request, and its answer once it has arrived (so a render can use it without waiting a tick). */
export interface Tracked<T> {
  promise: Promise<T>
  answer?: T
}

function track<T>(promise: Promise<T>): Tracked<T> {
  const tracked: Tracked<T> = { promise }
  // Awaited by the page, or dropped with it (without a card the token fails too): never an unhandled rejection.
  promise.then(
    (answer) => {
      tracked.answer = answer
    },
    () => undefined,
  )
  return tracked
}

export interface FirstRequests {
  card: Tracked<CardT>
  qr: Tracked<QrShown>
}

/**
 * A fresh load (signed in, nothing handed over) asks for the card and its first QR token at once,
 * both by the fast path (services/api/fastPath.h5.ts). A load that had something handed over (the
 * issuance's card, the previous screen's claim) asks in order, on the page: null.
 */
export function sendFirstRequests(): FirstRequests | null {
  if (!hasSession() || isHandedOver('card') || isHandedOver('claim')) return null
  return { card: track(getCurrentCardFast()), qr: track(issueQrTokenFast().then((qr) => qrShown(qr))) }
}

/** Requests sent at launch and older than this are not the ones for the page now loading. */
export const LAUNCH_MAX_AGE_MS = 10_000

let launched: { at: number; sent: FirstRequests } | null = null

/** Whether a location hash (H5's hash router) opens the card page. */
export function opensCardPage(hash: string): boolean {
  const route = hash.replace(/^#\/?/, '/').replace(/\?.*$/, '')
  return route === routes.card
}

/**
 * H5, at the app's launch: when the app opens at the card page (a reload, a link), its first
 * requests go out now, while the rest of the app is evaluated and the page's chunk is fetched.
 */
export function sendAtLaunch(hash: string, now: number = Date.now()): void {
  if (!opensCardPage(hash)) return
  const sent = sendFirstRequests()
  launched = sent && { at: now, sent }
}

/** The requests sent at launch, once, if still fresh. */
export function takeLaunched(now: number = Date.now()): FirstRequests | null {
  const waiting = launched
  launched = null
  return waiting && now - waiting.at <= LAUNCH_MAX_AGE_MS ? waiting.sent : null
}
