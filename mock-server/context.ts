import type { FixedLines } from './logging'
import type { RateLimits } from './rateLimit'
import type { Store } from './store'

/** What every route needs: the store, the clock and the log's fixed-shape lines. */
export interface AppContext {
  store: Store
  /** The injectable clock, ms since the epoch. */
  now: () => number
  startedAt: number
  /** The brute-force limits in force (buildApp's rateLimits over DEFAULT_RATE_LIMITS). */
  limits: RateLimits
  /** The request line and the card events (mock-server/logging.ts). */
  lines: FixedLines
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The persona the bearer token belongs to; set by the bearer guard. */
    personaId: string | null
    /** The sign-in (token family) of the bearer token; set by the bearer guard (logout revokes it). */
    tokenFamilyId: string | null
  }
  interface FastifyReply {
    /** The wire error code of this response, for the request log line. */
    errorCode: string | null
  }
}
