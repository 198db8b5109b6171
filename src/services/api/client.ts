import axios, { AxiosError, type AxiosInstance, type AxiosRequestConfig } from 'axios'
import { receivedAdapter, taroAdapter } from './taroAdapter'
import { ApiError, type ApiErrorDetails, type ClientErrorCode } from './apiError'
import { API_BASE, authHooks, JSON_HEADERS, REQUEST_TIMEOUT_MS, type ReceivedAnswer } from './clientSettings'
import { DEFAULT_RETRY_POLICY, isIdempotent, parseRetryAfter, retryDelay, type AttemptFailure, type RetryPolicy } from '../network/retry'
import { isOnline, whenOnline } from '../network/status'
import { requestStarted } from '../timing'

export { ApiError } from './apiError'
export type { ApiErrorDetails, ClientErrorCode } from './apiError'
export { API_BASE, setAuthHooks } from './clientSettings'
export type { AuthHooks } from './clientSettings'

export const http: AxiosInstance = axios.create({
  baseURL: API_BASE,
  adapter: taroAdapter,
  timeout: REQUEST_TIMEOUT_MS,
  headers: { ...JSON_HEADERS },
  // The adapter hands over text; parse it strictly so a malformed body is an error, not a string.
  transformResponse: [(data: unknown) => data],
  validateStatus: (s) => s >= 200 && s < 300,
})

export interface CallOptions {
  /** Sends the caller's access token (and refreshes it once on TOKEN_EXPIRED). */
  authed?: boolean
  headers?: Record<string, string>
  params?: Record<string, string>
  /** false: one attempt only, even for an idempotent call (see services/network/retry.ts). */
  retry?: boolean
  /**
   * The first attempt's outcome, already received by the H5 fast path (fastPath.h5.ts): it is
   * checked as if the adapter had received it, and not sent again; what follows it (refresh, retry,
   * the error) is the client's as for any attempt. Its timing was recorded by whoever sent it.
   */
  received?: ReceivedAnswer
}

let retryPolicy: RetryPolicy = DEFAULT_RETRY_POLICY
let sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Tests: a different policy or clock. */
export function configureRetry(options: { policy?: RetryPolicy; sleep?: (ms: number) => Promise<void> }) {
  if (options.policy) retryPolicy = options.policy
  if (options.sleep) sleep = options.sleep
}

/** A flapping network must not keep an idempotent call waiting and resending forever. */
const MAX_OFFLINE_RESUMES = 5

/**
 * One request, one typed result or one ApiError. While the platform says the device is offline the
 * request waits for the network before it goes out; an idempotent call that fails with a timeout,
 * a network error or a 5xx is sent again (services/network/retry.ts), the same Idempotency-Key
 * included, and one that failed because the network went away goes out again when it returns.
 */
export async function call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, options: CallOptions = {}): Promise<T> {
  // The H5 simulator's stand-ins for the platform (auth code, face screen) are not our server's round trips.
  const kind = path.startsWith('/mock/') ? 'platform' : 'server'
  let received = options.received
  const send = async () => {
    const headers: Record<string, string> = { ...options.headers }
    if (options.authed) {
      const token = authHooks().accessToken()
      if (token) headers.Authorization = `Bearer ${token}`
    }
    const config: AxiosRequestConfig = { method, url: path, headers, params: options.params }
    // A bodiless POST still sends {} so JSON content-type and body agree.
    if (method !== 'GET') config.data = JSON.stringify(body ?? {})
    if (received) {
      config.adapter = receivedAdapter(received)
      received = undefined
      return http.request<string>(config)
    }
    const done = requestStarted(kind)
    try {
      return await http.request<string>(config)
    } finally {
      done()
    }
  }
  const once = async (): Promise<T> => {
    try {
      return parseBody<T>((await send()).data)
    } catch (e) {
      const err = toApiError(e)
      if (options.authed && err.code === 'TOKEN_EXPIRED' && (await authHooks().refresh())) {
        try {
          return parseBody<T>((await send()).data)
        } catch (again) {
          throw toApiError(again)
        }
      }
      throw err
    }
  }

  const request = { method, headers: options.headers }
  let retries = 0
  let offlineResumes = 0
  for (;;) {
    await whenOnline()
    try {
      return await once()
    } catch (e) {
      const err = e as ApiError
      const failure = attemptFailure(err)
      if (!failure || options.retry === false) throw err
      if (failure.kind !== 'status' && !isOnline() && isIdempotent(request) && offlineResumes < MAX_OFFLINE_RESUMES) {
        // The network went away under this call: it goes out again when the network returns.
        offlineResumes++
        continue
      }
      retries++
      const delay = retryDelay(request, failure, retries, retryPolicy)
      if (delay === null) throw err
      await sleep(delay)
    }
  }
}

/** What went wrong on an attempt, in the retry rule's terms; null for a well-formed answer that is simply an error. */
function attemptFailure(err: ApiError): AttemptFailure | null {
  if (err.code === 'TIMEOUT') return { kind: 'timeout' }
  if (err.code === 'NETWORK') return { kind: 'network' }
  if (err.status >= 400) return { kind: 'status', status: err.status, retryAfterMs: err.retryAfterSeconds === undefined ? undefined : err.retryAfterSeconds * 1000 }
  return null
}

function parseBody<T>(raw: unknown): T {
  if (typeof raw !== 'string') {
    if (raw !== null && typeof raw === 'object') return raw as T
    throw new ApiError('MALFORMED_RESPONSE', 200)
  }
  try {
    return JSON.parse(raw) as T
  } catch {
    throw new ApiError('MALFORMED_RESPONSE', 200)
  }
}

export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e
  if (e instanceof AxiosError) {
    if (e.response) {
      const status = e.response.status
      const retryAfterMs = parseRetryAfter(headerOf(e.response.headers, 'retry-after'))
      const retryAfterSeconds = retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000)
      let body: unknown
      try {
        body = typeof e.response.data === 'string' ? JSON.parse(e.response.data) : e.response.data
      } catch {
        body = undefined
      }
      const b = body as { code?: unknown; message?: unknown; reason?: unknown; remainingAttempts?: unknown; lockedUntil?: unknown } | undefined
      if (b && typeof b.code === 'string') {
        const details: ApiErrorDetails = { retryAfterSeconds }
        if (typeof b.remainingAttempts === 'number') details.remainingAttempts = b.remainingAttempts
        if (typeof b.lockedUntil === 'string') details.lockedUntil = b.lockedUntil
        return new ApiError(b.code as ClientErrorCode, status, typeof b.message === 'string' ? b.message : undefined, typeof b.reason === 'string' ? b.reason : undefined, details)
      }
      return new ApiError(status >= 500 ? 'SERVER_ERROR' : 'MALFORMED_RESPONSE', status, undefined, undefined, { retryAfterSeconds })
    }
    if (e.code === AxiosError.ETIMEDOUT || e.code === AxiosError.ECONNABORTED) return new ApiError('TIMEOUT', 0)
    return new ApiError('NETWORK', 0, e.message)
  }
  return new ApiError('NETWORK', 0, (e as Error)?.message)
}

function headerOf(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined
  const h = headers as Record<string, unknown> & { get?: (n: string) => unknown }
  const value = typeof h.get === 'function' ? h.get(name) : h[name] ?? h[name.toLowerCase()]
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined
}
