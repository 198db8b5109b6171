/**
 * CORS: the API answers cross-origin browser calls only from the origins it is configured with
 * (buildApp's `corsOrigins`, CORS_ORIGINS for `npm start`). None by default: the H5 app is served
 * by this same server, and the Alipay mini-program's requests are not browser CORS requests.
 *
 * An allowed origin gets Access-Control-Allow-Origin (that origin, never `*`) and a preflight
 * answer (204); any other origin gets no CORS header at all, so the browser refuses the response
 * to the page. No credentials: the API authenticates with bearer tokens, never cookies.
 */
import type { FastifyInstance } from 'fastify'

export const CORS_ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE'
export const CORS_ALLOWED_HEADERS = 'authorization, content-type, idempotency-key, x-scanner-id'
/** How long a browser may cache a preflight answer (seconds). */
export const CORS_MAX_AGE_S = 600

/** `https://a.example, https://b.example` → normalized origins; anything that is not an http(s) origin is an error. */
export function parseCorsOrigins(value: string | undefined): string[] {
  if (!value?.trim()) return []
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((raw) => {
      let url: URL
      try {
        url = new URL(raw)
      } catch {
        throw new Error(`CORS_ORIGINS: not an origin: "${raw}"`)
      }
      if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== raw.replace(/\/$/, '')) {
        throw new Error(`CORS_ORIGINS: give origins only (scheme://host[:port]), got "${raw}"`)
      }
      return url.origin
    })
}

export function installCors(app: FastifyInstance, origins: readonly string[]): void {
  const allowed = new Set(origins)
  // a callback hook: it runs on every request and awaits nothing
  const none = allowed.size === 0
  app.addHook('onRequest', (request, reply, done) => {
    // with no origin allowed a simple request gets nothing; a preflight is still answered, below
    if (none && request.method !== 'OPTIONS') return done()
    if (!/^\/api(\/|\?|$)/.test(request.url)) return done()
    const origin = request.headers.origin
    const ok = typeof origin === 'string' && allowed.has(origin)
    if (ok) reply.header('access-control-allow-origin', origin).header('access-control-expose-headers', 'retry-after')
    // caches must not hand one origin's answer to another
    if (allowed.size > 0) reply.header('vary', 'Origin')
    const isPreflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined
    if (!isPreflight) return done()
    if (ok) {
      reply
        .header('access-control-allow-methods', CORS_ALLOWED_METHODS)
        .header('access-control-allow-headers', CORS_ALLOWED_HEADERS)
        .header('access-control-max-age', String(CORS_MAX_AGE_S))
    }
    // answered here either way: without the allow headers the browser blocks the real request
    reply.code(204).send()
  })
}
