import { useCallback, useEffect, useRef, useState } from 'react'
import { beginTransition, finishAction } from '../services/timing'

export interface SingleFlight<A extends unknown[]> {
  /** Starts the action unless one is already running; a second tap while pending is ignored. */
  run: (...args: A) => Promise<void>
  pending: boolean
}

/**
 * One request per tap, however fast the taps: re-entry is refused through a ref (state updates
 * land too late to stop a double tap in the same frame), and `pending` drives the button's
 * loading/disabled look. The action handles its own errors; anything it throws is re-thrown.
 * `transition` names a person's action that the timing marks follow (services/timing.ts) to the
 * next screen; background actions (a QR code's renewal) leave it out.
 */
export function useSingleFlight<A extends unknown[]>(action: (...args: A) => Promise<unknown> | unknown, transition?: string): SingleFlight<A> {
  const inFlight = useRef(false)
  const mounted = useRef(true)
  const latest = useRef(action)
  latest.current = action
  const [pending, setPending] = useState(false)

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  const run = useCallback(async (...args: A) => {
    if (inFlight.current) return
    inFlight.current = true
    setPending(true)
    const timing = transition ? beginTransition(transition) : undefined
    try {
      await latest.current(...args)
    } finally {
      if (timing !== undefined) finishAction(timing)
      inFlight.current = false
      if (mounted.current) setPending(false)
    }
  }, [transition])

  return { run, pending }
}
