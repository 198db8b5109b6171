import Taro from '@tarojs/taro'
import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from 'axios'
import { AxiosError, AxiosHeaders } from 'axios'
import type { ReceivedAnswer } from './clientSettings'

/**
 * axios has no transport in mini-program runtimes ("no suitable adapter"); this one sends every
 * request through Taro.request, which is my.request on Alipay and fetch on H5. The body comes back
 * as text and axios' own transformResponse parses it, so a malformed body is seen, not swallowed.
 */
export const taroAdapter: AxiosAdapter = (config: InternalAxiosRequestConfig) =>
  new Promise<AxiosResponse>((resolve, reject) => {
    const url = buildUrl(config)
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(AxiosHeaders.from(config.headers).toJSON())) {
      if (value !== undefined && value !== null) headers[name] = String(value)
    }
    Taro.request({
      url,
      method: (config.method ?? 'get').toUpperCase() as keyof Taro.request.Method,
      data: config.data,
      header: headers,
      timeout: config.timeout || 15000,
      dataType: 'text',
      responseType: 'text',
      success: (res) => {
        const r = res as unknown as { statusCode?: number; status?: number; data: unknown; header?: Record<string, string>; headers?: Record<string, string> }
        settle(config, r.statusCode ?? r.status ?? 0, r.data, r.header ?? r.headers ?? {}, resolve, reject)
      },
      fail: (err) => {
        // Alipay reports HTTP errors (4xx/5xx) through fail, with the response attached.
        const e = err as unknown as { errMsg?: string; errorMessage?: string; error?: number; status?: number; statusCode?: number; data?: unknown; headers?: Record<string, string>; header?: Record<string, string> }
        const status = e.statusCode ?? e.status
        if (status && e.data !== undefined) {
          settle(config, status, e.data, e.header ?? e.headers ?? {}, resolve, reject)
          return
        }
        const message = e.errMsg ?? e.errorMessage ?? 'network error'
        const timedOut = /timeout|超时/i.test(message) || e.error === 13
        reject(new AxiosError(message, timedOut ? AxiosError.ETIMEDOUT : AxiosError.ERR_NETWORK, config))
      },
    })
  })

/**
 * For an attempt the H5 fast path already made (clientSettings.ts ReceivedAnswer): settles with that
 * outcome exactly as taroAdapter would have with the same answer, and sends nothing.
 */
export const receivedAdapter =
  (received: ReceivedAnswer): AxiosAdapter =>
  (config: InternalAxiosRequestConfig) =>
    new Promise<AxiosResponse>((resolve, reject) => {
      if ('failed' in received) reject(new AxiosError(received.message, received.failed === 'timeout' ? AxiosError.ETIMEDOUT : AxiosError.ERR_NETWORK, config))
      else settle(config, received.status, received.body, received.headers, resolve, reject)
    })

function settle(config: InternalAxiosRequestConfig, statusCode: number, data: unknown, header: Record<string, string>, resolve: (r: AxiosResponse) => void, reject: (e: AxiosError) => void) {
  const response: AxiosResponse = {
    data: typeof data === 'string' ? data : data === undefined || data === null ? '' : JSON.stringify(data),
    status: statusCode,
    statusText: String(statusCode),
    headers: lowerCaseKeys(header),
    config,
    request: null,
  }
  const validate = config.validateStatus
  if (!validate || validate(statusCode)) resolve(response)
  else reject(new AxiosError(`Request failed with status code ${statusCode}`, AxiosError.ERR_BAD_RESPONSE, config, null, response))
}

function buildUrl(config: InternalAxiosRequestConfig): string {
  const base = config.baseURL ?? ''
  const path = config.url ?? ''
  const full = /^https?:\/\//.test(path) ? path : base.replace(/\/+$/, '') + '/' + path.replace(/^\/+/, '')
  if (!config.params) return full
  const query = Object.entries(config.params as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&')
  return query ? `${full}${full.includes('?') ? '&' : '?'}${query}` : full
}

function lowerCaseKeys(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v
  return out
}
