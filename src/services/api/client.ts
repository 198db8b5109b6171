import axios, { AxiosError, type AxiosInstance, type AxiosRequestConfig } from 'axios'
import { taroAdapter } from './taroAdapter'
import type { ErrorCode } from './types'

/** What can go wrong on a call, as a code the UI turns into words (src/i18n). */
export type ClientErrorCode = ErrorCode | 'NETWORK' | 'TIMEOUT' | 'MALFORMED_RESPONSE' | 'SERVER_ERROR'

/** What some refusals add to `{ code, message }`: PASSWORD_WRONG's attempts left, PASSWORD_LOCKED's end. */
export interface ApiErrorDetails {
  remainingAttempts?: number
  lockedUntil?: string
}

export class ApiError extends Error {
  readonly remainingAttempts?: number
  readonly lockedUntil?: string

  constructor(
    public readonly code: ClientErrorCode,
    public readonly status: number,
    message?: string,
    public readonly reason?: string,
    details?: ApiErrorDetails,
  ) {
    super(message ?? code)
    this.name = 'ApiError'
    if (details?.remainingAttempts !== undefined) this.remainingAttempts = details.remainingAttempts
    if (details?.lockedUntil !== undefined) this.lockedUntil = details.lockedUntil
  }
}

export const API_BASE: string = process.env.TARO_APP_API_BASE || '/api'

/** How the client finds the caller's tokens; set by services/session so this file stays I/O-free. */
export interface AuthHooks {
  accessToken(): string | undefined
  /** Gets a new access token after TOKEN_EXPIRED; resolves false when that is not possible. */
  refresh(): Promise<boolean>
}

let auth: AuthHooks = { accessToken: () => undefined, refresh: async () => false }
export function setAuthHooks(hooks: AuthHooks) {
  auth = hooks
}

export const http: AxiosInstance = axios.create({
  baseURL: API_BASE,
  adapter: taroAdapter,
  timeout: 15000,
  headers: { 'Content-Type': 'application/json' },
  // The adapter hands over text; parse it strictly so a malformed body is an error, not a string.
  transformResponse: [(data: unknown) => data],
  validateStatus: (s) => s >= 200 && s < 300,
})

export interface CallOptions {
  /** Sends the caller's access token (and refreshes it once on TOKEN_EXPIRED). */
  authed?: boolean
  headers?: Record<string, string>
  params?: Record<string, string>
}

/** One request, one typed result or one ApiError. */
export async function call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, options: CallOptions = {}): Promise<T> {
  const send = () => {
    const headers: Record<string, string> = { ...options.headers }
    if (options.authed) {
      const token = auth.accessToken()
      if (token) headers.Authorization = `Bearer ${token}`
    }
    const config: AxiosRequestConfig = { method, url: path, headers, params: options.params }
    // A bodiless POST still sends {} so JSON content-type and body agree.
    if (method !== 'GET') config.data = JSON.stringify(body ?? {})
    return http.request<string>(config)
  }
  try {
    return parseBody<T>((await send()).data)
  } catch (e) {
    const err = toApiError(e)
    if (options.authed && err.code === 'TOKEN_EXPIRED' && (await auth.refresh())) {
      try {
        return parseBody<T>((await send()).data)
      } catch (again) {
        throw toApiError(again)
      }
    }
    throw err
  }
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
      let body: unknown
      try {
        body = typeof e.response.data === 'string' ? JSON.parse(e.response.data) : e.response.data
      } catch {
        body = undefined
      }
      const b = body as { code?: unknown; message?: unknown; reason?: unknown; remainingAttempts?: unknown; lockedUntil?: unknown } | undefined
      if (b && typeof b.code === 'string') {
        const details: ApiErrorDetails = {}
        if (typeof b.remainingAttempts === 'number') details.remainingAttempts = b.remainingAttempts
        if (typeof b.lockedUntil === 'string') details.lockedUntil = b.lockedUntil
        return new ApiError(b.code as ClientErrorCode, status, typeof b.message === 'string' ? b.message : undefined, typeof b.reason === 'string' ? b.reason : undefined, details)
      }
      return new ApiError(status >= 500 ? 'SERVER_ERROR' : 'MALFORMED_RESPONSE', status)
    }
    if (e.code === AxiosError.ETIMEDOUT || e.code === AxiosError.ECONNABORTED) return new ApiError('TIMEOUT', 0)
    return new ApiError('NETWORK', 0, e.message)
  }
  return new ApiError('NETWORK', 0, (e as Error)?.message)
}
