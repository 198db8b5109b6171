import { useEffect } from 'react'
import { screenReady } from '../services/timing'

/**
 * Tells the timing marks (services/timing.ts) that this screen has its content: the transition
 * that led here ends. Call it in the page, before hooks that start background requests (a QR
 * code's renewal, a key fetched ahead of time), so those are not counted as the screen's wait.
 */
export function useScreenReady(step: string, ready = true): void {
  useEffect(() => {
    if (ready) screenReady(step)
  }, [step, ready])
}
