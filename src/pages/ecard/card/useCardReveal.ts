import { useCallback, useEffect, useRef, useState } from 'react'
import { revealCard, type CardRevealT } from '../../../services/api'
import { useSingleFlight } from '../../../hooks/useSingleFlight'
import { toErrorInfo, type ErrorInfo } from '../../../i18n/errors'

/** The longest the unmasked details stay on screen, whatever the clocks say. */
export const REVEAL_MAX_MS = 30_000

/**
 * How long to show the details, from the server's `revealedUntil` read on this phone's clock: never
 * longer than 30 seconds, and the full 30 when the phone's clock is off (ahead of the server's, or
 * an unreadable time), so a clock cannot keep the details up longer or hide them at once.
 */
export function revealDuration(revealedUntil: string, now: number): number {
  const left = Date.parse(revealedUntil) - now
  if (!Number.isFinite(left) || left <= 0) return REVEAL_MAX_MS
  return Math.min(left, REVEAL_MAX_MS)
}

interface Revealed {
  details: CardRevealT
  /** When to mask again, on this phone's clock. */
  until: number
}

export interface CardReveal {
  /** The unmasked details while they may show; null otherwise. Held in memory only. */
  details: CardRevealT | null
  secondsLeft: number
  pending: boolean
  error: ErrorInfo | null
  /** Reveals (asking the server) or, while revealed, masks again at once. */
  toggle: () => void
  /** Masks again and drops any answer still on its way (page hidden, card gone). */
  conceal: () => void
}

/**
 * The eye toggle of the card face: asks POST /cards/current/reveal, shows the answer until
 * `revealedUntil` (at most 30 s), then drops it. Never stored, never logged.
 */
export function useCardReveal(): CardReveal {
  const [revealed, setRevealed] = useState<Revealed | null>(null)
  const [now, setNow] = useState(() => Date.now())
  const [error, setError] = useState<ErrorInfo | null>(null)
  // Bumped by conceal(): an answer that arrives after it is dropped.
  const generation = useRef(0)

  useEffect(() => {
    if (!revealed) return
    const hide = setTimeout(() => setRevealed(null), Math.max(0, revealed.until - Date.now()))
    const tick = setInterval(() => setNow(Date.now()), 1000)
    return () => {
      clearTimeout(hide)
      clearInterval(tick)
    }
  }, [revealed])

  const conceal = useCallback(() => {
    generation.current += 1
    setRevealed(null)
  }, [])

  const flight = useSingleFlight(async () => {
    if (revealed) {
      conceal()
      return
    }
    const mine = generation.current
    setError(null)
    try {
      const details = await revealCard()
      if (mine !== generation.current) return
      const received = Date.now()
      setNow(received)
      setRevealed({ details, until: received + revealDuration(details.revealedUntil, received) })
    } catch (e) {
      if (mine === generation.current) setError(toErrorInfo(e))
    }
  })

  const secondsLeft = revealed ? Math.max(0, Math.ceil((revealed.until - now) / 1000)) : 0
  const { run } = flight
  const toggle = useCallback(() => void run(), [run])
  return { details: revealed?.details ?? null, secondsLeft, pending: flight.pending, error, toggle, conceal }
}
