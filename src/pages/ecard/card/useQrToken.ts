import { useCallback, useEffect, useRef, useState } from 'react'
import { issueQrToken } from '../../../services/api'
import { useSingleFlight } from '../../../hooks/useSingleFlight'
import { toErrorInfo, type ErrorInfo } from '../../../i18n/errors'

/** A new code is fetched this many seconds before the current one expires. */
export const QR_REFRESH_LEAD_S = 5

interface Shown {
  token: string
  /** When the token expires, on this phone's clock (received + expiresIn: no clock skew). */
  expiresAt: number
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
 */
export function useQrToken(active: boolean): QrTokenState {
  const [shown, setShown] = useState<Shown | null>(null)
  const [now, setNow] = useState(() => Date.now())
  const [error, setError] = useState<ErrorInfo | null>(null)
  // The token an automatic refresh was last tried for ('' = the first token).
  const autoTried = useRef<string | null>(null)

  const flight = useSingleFlight(async () => {
    setError(null)
    try {
      const qr = await issueQrToken()
      const received = Date.now()
      setNow(received)
      setShown({ token: qr.token, expiresAt: received + Math.max(1, qr.expiresIn) * 1000 })
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
