import type { CallOptions } from './client'

/**
 * H5: the API client (axios, its adapter and Taro.request: about 70 KB) is loaded on the first call,
 * as a chunk of its own, so a page's chunk does not carry it and a page that asks for nothing before
 * its first paint (the card page: fastPath.h5.ts) does not evaluate it first. Taro resolves this file
 * for `./call` in the H5 build; the Alipay build and the tests use call.ts.
 */
let client: Promise<typeof import('./client')> | null = null

export function loadClient(): Promise<typeof import('./client')> {
  client ??= import(/* webpackChunkName: "api-client" */ './client')
  return client
}

export function call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, options?: CallOptions): Promise<T> {
  return loadClient().then((c) => c.call<T>(method, path, body, options))
}
