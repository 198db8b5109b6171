/**
 * Whether the device is online, as the platform reports it (H5: navigator.onLine and the
 * online/offline events; Alipay: my.getNetworkType and my.onNetworkStatusChange). One store for
 * the app: the offline banner shows from it and the API client waits on it, so a call made while
 * offline goes out when the network returns instead of failing.
 *
 * It starts "online" and stays so until a source is connected (the app shell connects the
 * platform's), which keeps unit tests and the first render free of platform calls.
 */

export type NetworkListener = (online: boolean) => void

/** What a platform adapter offers: the current state once known, then every change. */
export interface NetworkSource {
  watchNetwork(listener: NetworkListener): () => void
}

let online = true
const listeners = new Set<NetworkListener>()
let waiters: Array<() => void> = []
let detach: (() => void) | null = null

export function isOnline(): boolean {
  return online
}

/** Records a change (the connected source calls this); listeners hear only real changes. */
export function setOnline(next: boolean): void {
  if (next === online) return
  online = next
  if (online) {
    const ready = waiters
    waiters = []
    for (const resolve of ready) resolve()
  }
  for (const listener of Array.from(listeners)) listener(online)
}

export function subscribeNetwork(listener: NetworkListener): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** Resolves at once when online, else when the network returns. */
export function whenOnline(): Promise<void> {
  if (online) return Promise.resolve()
  return new Promise<void>((resolve) => waiters.push(resolve))
}

/** Follows one source (a second call replaces the first); returns the way to stop. */
export function connectNetwork(source: NetworkSource): () => void {
  detach?.()
  const stop = source.watchNetwork(setOnline)
  detach = () => {
    stop()
    detach = null
  }
  return detach
}

/** Tests only: back to online with no source and no listeners. */
export function resetNetworkForTests(): void {
  detach?.()
  detach = null
  listeners.clear()
  online = true
  const ready = waiters
  waiters = []
  for (const resolve of ready) resolve()
}
