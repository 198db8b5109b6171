/** Health and the OpenAPI document. */
import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsync } from 'fastify'
import type { AppContext } from '../context'
import { Health } from '../schemas/api'
import { described, errorResponses } from './responses'

const OpenApiDocument = Type.Object(
  { openapi: Type.String(), info: Type.Object({}, { additionalProperties: true }), paths: Type.Object({}, { additionalProperties: true }) },
  { additionalProperties: true },
)

export function metaRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/healthz',
      {
        schema: {
          operationId: 'getHealth',
          summary: 'Liveness: the server is up and its database answers',
          tags: ['meta'],
          response: { 200: described(Health, 'The server is up'), ...errorResponses() },
        },
      },
      async () => {
        ctx.store.ping()
        return { status: 'ok' as const, uptimeSeconds: Math.max(0, (ctx.now() - ctx.startedAt) / 1000) }
      },
    )

    app.get(
      '/openapi.json',
      {
        schema: {
          operationId: 'getOpenApi',
          summary: 'This API as an OpenAPI 3 document',
          tags: ['meta'],
          response: { 200: described(OpenApiDocument, 'The OpenAPI document'), ...errorResponses() },
        },
      },
      async () => app.swagger(),
    )
  }
}
