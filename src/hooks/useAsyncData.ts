import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import { toErrorInfo, type ErrorInfo } from '../i18n/errors'

/** Returned by a loader that has sent the person elsewhere (e.g. a guard's redirect). */
export const LEAVING = Symbol('leaving')

export type AsyncData<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ErrorInfo }
  | { status: 'ready'; data: T }

export interface AsyncDataHandle<T> {
  state: AsyncData<T>
  reload: () => void
  /** Replaces the loaded data (after an action changed it on the server). */
  setData: (data: T) => void
}

/**
 * Loading / error / ready for a screen that waits for the network. A loader that returns LEAVING
 * keeps the loading state while the redirect happens; answers to superseded loads are dropped.
 *
 * `answered`: for a screen that sent its requests ahead. It gives the data when it is already here:
 * asked at the first render (then the loading state is never rendered) and, if not yet, at the first
 * commit (then the data shows before the browser paints the loading state). Either way the first
 * load is not run. When it gives undefined both times the first load starts at the commit (not after
 * the paint, as without `answered`), so an answer arriving meanwhile shows sooner.
 */
export function useAsyncData<T>(loader: () => Promise<T | typeof LEAVING>, answered?: () => T | undefined): AsyncDataHandle<T> {
  const [state, setState] = useState<AsyncData<T>>(() => {
    const data = answered?.()
    return data === undefined ? { status: 'loading' } : { status: 'ready', data }
  })
  const seq = useRef(0)
  const latest = useRef(loader)
  latest.current = loader
  const latestAnswered = useRef(answered)
  latestAnswered.current = answered
  // Answered at the first render: nothing to load.
  const firstLoadStarted = useRef(state.status === 'ready')

  const load = useCallback(() => {
    const mine = ++seq.current
    setState((current) => (current.status === 'loading' ? current : { status: 'loading' }))
    latest
      .current()
      .then((data) => {
        if (mine !== seq.current || data === LEAVING) return
        setState({ status: 'ready', data: data as T })
      })
      .catch((e: unknown) => {
        if (mine !== seq.current) return
        setState({ status: 'error', error: toErrorInfo(e) })
      })
  }, [])

  // A state set in a layout effect renders again before the browser paints: no loading state flashes.
  useLayoutEffect(() => {
    if (!latestAnswered.current || firstLoadStarted.current) return
    firstLoadStarted.current = true
    const data = latestAnswered.current()
    if (data === undefined) load()
    else setState({ status: 'ready', data })
  }, [load])

  useEffect(() => {
    if (!firstLoadStarted.current) load()
    firstLoadStarted.current = true
    return () => {
      // Invalidate in-flight answers after unmount.
      seq.current++
    }
  }, [load])

  const setData = useCallback((data: T) => setState({ status: 'ready', data }), [])
  return { state, reload: load, setData }
}
