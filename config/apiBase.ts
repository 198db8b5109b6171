/**
 * The API base URL: same-origin `/api` on H5 (the mock server serves the app and the API
 * together); mini-programs need an absolute https URL, except loopback http for local runs.
 */
export function resolveApiBase(raw: string | undefined, platform: string): string {
  const value = (raw ?? '').trim()
  if (!value) {
    if (platform === 'h5') return '/api'
    return 'http://127.0.0.1:8787/api'
  }
  if (value.startsWith('/')) {
    if (platform !== 'h5') throw new Error(`TARO_APP_API_BASE must be an absolute URL for ${platform}, got "${value}"`)
    return value.replace(/\/+$/, '')
  }
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new Error(`TARO_APP_API_BASE is not a URL: "${value}"`)
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new Error(`TARO_APP_API_BASE must use https (http only for loopback), got "${value}"`)
  }
  if (url.search || url.hash) throw new Error(`TARO_APP_API_BASE must not carry a query or fragment: "${value}"`)
  return value.replace(/\/+$/, '')
}
