import { useCallback, useEffect, useRef, useState } from 'react'
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
 */
export function useAsyncData<T>(loader: () => Promise<T | typeof LEAVING>): AsyncDataHandle<T> {
  const [state, setState] = useState<AsyncData<T>>({ status: 'loading' })
  const seq = useRef(0)
  const latest = useRef(loader)
  latest.current = loader

  const load = useCallback(() => {
    const mine = ++seq.current
    setState({ status: 'loading' })
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

  useEffect(() => {
    load()
    return () => {
      // Invalidate in-flight answers after unmount.
      seq.current++
    }
  }, [load])

  const setData = useCallback((data: T) => setState({ status: 'ready', data }), [])
  return { state, reload: load, setData }
}
