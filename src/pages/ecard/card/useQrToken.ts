import { useCallback, useEffect, useRef, useState } from 'react'
import { issueQrToken } from '../../../services/api'
import { prepareQrCode } from '../../../components/QrCode'
import { useSingleFlight } from '../../../hooks/useSingleFlight'
import { toErrorInfo, type ErrorInfo } from '../../../i18n/errors'
import type { Tracked } from './freshLoad'
import { qrShown, type QrShown } from './firstRequests'

export type { QrShown } from './firstRequests'

/** A new code is fetched this many seconds before the current one expires. */
export const QR_REFRESH_LEAD_S = 5

/**
 * POST /cards/current/qr, with the expiry read on this phone's clock when the answer arrives; the
 * code's image is prepared then too, while the page is still busy with other work (QrCode).
 */
export async function requestQrToken(): Promise<QrShown> {
  const shown = qrShown(await issueQrToken())
  prepareQrCode(shown.token)
  return shown
}

export interface QrTokenState {
  token: string | null
  /** Whole seconds of validity left (0 once expired or before the first token). */
  secondsLeft: number
  expired: boolean
  pending: boolean
  error: ErrorInfo | null
  /** Fetches a new token now (the refresh button); a second tap while one is on its way is ignored. */
  refresh: () => void
}

/**
 * The card's QR code token (POST /cards/current/qr: single use, 60 s). While `active` (the card is
 * shown and the page is visible) it counts down every second and fetches a new token
 * QR_REFRESH_LEAD_S seconds before expiry; when inactive no timer runs. An automatic refresh is
 * tried once per token: after a failure the error shows with a retry, and the code disappears when
 * it expires rather than showing a dead code.
 *
 * `first`: a token already asked for (the card page sends it with the card's own request on a fresh
 * load, so the code does not wait for the card face to render before it is asked for). It stands in
 * for the first fetch, once; a new `first` (a new load of the card) is used the same way. When it
 * has already been answered it shows in the same commit as the card, before the browser paints.
 */
export function useQrToken(active: boolean, first?: Tracked<QrShown> | null): QrTokenState {
  const [shown, setShown] = useState<QrShown | null>(null)
  const [now, setNow] = useState(() => Date.now())
  const [error, setError] = useState<ErrorInfo | null>(null)
  // The token an automatic refresh was last tried for ('' = the first token).
  const autoTried = useRef<string | null>(null)
  // The `first` token already used: each is taken once, shown at once (`adopted`) or awaited (`awaited`).
  const [adopted, setAdopted] = useState<Tracked<QrShown> | null>(null)
  const awaited = useRef<Tracked<QrShown> | null>(null)

  // Already answered when the code is due: shown in this same render (React's state adjustment
  // during render), so the code paints with the card rather than after another round of effects.
  const answered = first?.answer
  if (active && first && first !== adopted && first !== awaited.current && answered && answered.expiresAt - Date.now() > QR_REFRESH_LEAD_S * 1000) {
    setAdopted(first)
    setShown(answered)
    setNow(Date.now())
  }

  const flight = useSingleFlight(async () => {
    setError(null)
    const ahead = first && first !== adopted && first !== awaited.current ? first : null
    if (ahead) awaited.current = ahead
    try {
      let next = await (ahead?.promise ?? requestQrToken())
      // Asked for ahead but taken late (the page was hidden meanwhile): not worth showing.
      if (ahead && next.expiresAt - Date.now() <= QR_REFRESH_LEAD_S * 1000) next = await requestQrToken()
      setNow(Date.now())
      setShown(next)
    } catch (e) {
      setError(toErrorInfo(e))
    }
  })
  const { run } = flight

  // The ticking clock: only while active, and it restarts (with a fresh reading) when the page shows again.
  useEffect(() => {
    if (!active) return
    autoTried.current = null
    setNow(Date.now())
    const tick = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(tick)
  }, [active])

  const secondsLeft = shown ? Math.max(0, Math.ceil((shown.expiresAt - now) / 1000)) : 0

  // The first token, and each refresh before expiry.
  useEffect(() => {
    if (!active) return
    const due = shown ? shown.token : ''
    if (shown && secondsLeft > QR_REFRESH_LEAD_S) return
    if (autoTried.current === due) return
    autoTried.current = due
    void run()
  }, [active, shown, secondsLeft, run])

  const refresh = useCallback(() => void run(), [run])
  return { token: shown?.token ?? null, secondsLeft, expired: shown !== null && secondsLeft === 0, pending: flight.pending, error, refresh }
}
