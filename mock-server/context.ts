import type { Store } from './store'

/** What every route needs: the store and the clock. */
export interface AppContext {
  store: Store
  /** The injectable clock, ms since the epoch. */
  now: () => number
  startedAt: number
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The persona the bearer token belongs to; set by the bearer guard. */
    personaId: string | null
  }
  interface FastifyReply {
    /** The wire error code of this response, for the request log line. */
    errorCode: string | null
  }
}
