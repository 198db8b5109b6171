import { getCurrentCard, type CardT } from '../../../services/api'
import { isHandedOver } from '../../../services/handover'
import { hasSession } from '../../../services/session'
import { requestQrToken, type QrShown } from './useQrToken'

/** A request, and its answer once it has arrived (so a render can use it without waiting a tick). */
export interface Tracked<T> {
  promise: Promise<T>
  answer?: T
}

function track<T>(promise: Promise<T>): Tracked<T> {
  const tracked: Tracked<T> = { promise }
  // Awaited by the page, or dropped with it; never an unhandled rejection meanwhile.
  promise.then(
    (answer) => {
      tracked.answer = answer
    },
    () => undefined,
  )
  return tracked
}

/** A fresh load's two requests: the card, and its first QR token beside it. */
export interface FreshLoad {
  card: Tracked<CardT>
  qr: Tracked<QrShown>
}

/**
 * A fresh load (signed in, nothing handed over) asks for the card and its first QR token at once:
 * the token needs nothing from the card, and the code is what the person waits for. Without a card
 * the token request fails too (CARD_NOT_FOUND) and is dropped. A load that had something handed
 * over (the issuance's card, the previous screen's claim) asks in order, as before: null.
 */
export function startFreshLoad(): FreshLoad | null {
  if (!hasSession() || isHandedOver('card') || isHandedOver('claim')) return null
  return { card: track(getCurrentCard()), qr: track(requestQrToken()) }
}

/** An early load older than this is not the one for the page now mounting: it asks afresh. */
export const EARLY_LOAD_MAX_AGE_MS = 10_000

let early: { at: number; load: FreshLoad | null } | null = null

/**
 * Starts the fresh load ahead of the page's first render: the H5 build calls it when the page's
 * chunk is evaluated, which happens when the person opens the page (each H5 page is a chunk loaded
 * on its route), so the requests go out while the page is still being set up and rendered.
 */
export function startEarlyLoad(now: number = Date.now()): void {
  early = { at: now, load: startFreshLoad() }
}

/** For the page's first render: the early load if one is waiting and fresh (taken once), else a fresh load now. */
export function takeFreshLoad(now: number = Date.now()): FreshLoad | null {
  const waiting = early
  early = null
  if (waiting && now - waiting.at <= EARLY_LOAD_MAX_AGE_MS) return waiting.load
  return startFreshLoad()
}
