/**
 * GET /api/mock/events: the live API log (mock only). With `Accept: text/event-stream` (an
 * EventSource) it is a server-sent-events stream: the last 200 events on connect (or those after
 * Last-Event-ID), then each call as it finishes, with a heartbeat comment every 15 s. Any other
 * Accept gets the buffered events as one JSON array.
 */
import { Type } from '@sinclair/typebox'
import type { FastifyPluginAsync } from 'fastify'
import type { Qa } from '../scenarios'
import { ApiEventList, type ApiEventT } from '../schemas/api'
import { errorResponses } from './responses'

export function eventRoutes(qa: Qa): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/mock/events',
      {
        schema: {
          operationId: 'streamApiEvents',
          summary: 'The live API log: one event per API call (server-sent events)',
          description:
            'With Accept: text/event-stream, a stream of `event: api` frames whose `data` is one ApiEvent (JSON) and whose `id` is its ' +
            'sequence number; the buffered events (the last 200) come first, or only those after the Last-Event-ID header; `: heartbeat` ' +
            'comments keep the connection open. Otherwise the buffered events as a JSON array. An event carries method, route pattern, ' +
            'operationId, status, duration, error code, persona id and the injected fault: never a name, ID number, token, body or query string. ' +
            'The QA API itself (scenarios, this stream) and health/OpenAPI reads are not logged.',
          tags: ['mock'],
          response: {
            200: {
              description: 'The events: a JSON array, or an SSE stream of them',
              content: {
                'application/json': { schema: ApiEventList },
                'text/event-stream': { schema: Type.String({ description: 'id: <n>\\nevent: api\\ndata: <ApiEvent JSON>\\n\\n, repeated' }) },
              },
            },
            ...errorResponses(),
          },
        },
      },
      async (request, reply) => {
        const lastId = Number(request.headers['last-event-id'])
        const afterId = Number.isInteger(lastId) && lastId >= 0 ? lastId : undefined
        if (!/\btext\/event-stream\b/i.test(request.headers.accept ?? '')) {
          reply.type('application/json; charset=utf-8')
          return qa.events.recent(afterId) satisfies ApiEventT[]
        }
        reply.hijack()
        const res = reply.raw
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
          'x-accel-buffering': 'no',
          connection: 'keep-alive',
        })
        const unsubscribe = qa.events.subscribe(res, afterId)
        res.on('close', unsubscribe)
        res.on('error', unsubscribe)
      },
    )
  }
}
