/** GET /agreements/current: the service agreement the person consents to (public). */
import type { FastifyPluginAsync } from 'fastify'
import { CURRENT_AGREEMENT } from '../agreement'
import { Agreement } from '../schemas/api'
import { described, errorResponses } from './responses'

export function agreementRoutes(): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/agreements/current',
      {
        schema: {
          operationId: 'getCurrentAgreement',
          summary: 'The current service agreement, zh-CN and en-US',
          tags: ['agreement'],
          response: { 200: described(Agreement, 'The agreement'), ...errorResponses() },
        },
      },
      async () => CURRENT_AGREEMENT,
    )
  }
}
