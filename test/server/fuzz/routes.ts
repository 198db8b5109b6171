/**
 * The routes the app actually registers (app.routeTable, filled by an onRoute hook in
 * mock-server/app.ts), as the fuzz and authz suites see them. A route under /api without a schema
 * (operationId, responses) is a failure of its own, so a new route cannot slip past the suites.
 */
import type { FastifyInstance } from 'fastify'
import type { RegisteredRoute } from '../../../mock-server/app'
import { ERROR_CODES, type ErrorCode } from '../../../mock-server/schemas/errors'

export interface ApiOperation {
  method: string
  url: string
  operationId: string
  /** Declares bearer security: acts for a signed-in person. */
  bearer: boolean
  params?: unknown
  querystring?: unknown
  headers?: unknown
  body?: unknown
  /** Every error code its responses document (the `Error: A, B` descriptions). */
  documentedCodes: Set<ErrorCode>
}

/** Routes that are not the API and need no schema: the QA console's static files. */
const NON_API = [/^\/qa(\/.*)?$/]

export function isApiUrl(url: string): boolean {
  return url === '/api' || url.startsWith('/api/')
}

/** The codes an operation's error responses list (errorResponses() writes `Error: CODE, CODE`). */
export function documentedCodes(schema: RegisteredRoute['schema']): Set<ErrorCode> {
  const out = new Set<ErrorCode>()
  for (const [status, response] of Object.entries(schema?.response ?? {})) {
    if (!/^[45]/.test(status)) continue
    const description = (response as { description?: string }).description ?? ''
    for (const code of description.replace(/^Error:\s*/, '').split(/\s*,\s*/)) {
      if ((ERROR_CODES as string[]).includes(code)) out.add(code as ErrorCode)
    }
  }
  return out
}

/**
 * Every API operation (GET and the methods with bodies; Fastify's automatic HEAD routes are their
 * GET's twins), and the problems found: API routes without a schema, unknown non-API routes.
 */
export function apiOperations(app: FastifyInstance): { operations: ApiOperation[]; problems: string[] } {
  const operations: ApiOperation[] = []
  const problems: string[] = []
  for (const route of app.routeTable) {
    const label = `${route.method} ${route.url}`
    if (!isApiUrl(route.url)) {
      if (!NON_API.some((re) => re.test(route.url))) problems.push(`${label}: a route outside /api that no suite knows (add it to NON_API in test/server/fuzz/routes.ts, with a reason)`)
      continue
    }
    if (route.method === 'HEAD') continue
    const schema = route.schema
    if (!schema?.operationId) {
      problems.push(`${label}: no schema with an operationId`)
      continue
    }
    const codes = documentedCodes(schema)
    if (!schema.response || codes.size === 0) problems.push(`${label}: no documented error responses`)
    operations.push({
      method: route.method,
      url: route.url,
      operationId: schema.operationId,
      bearer: Array.isArray(schema.security) && schema.security.length > 0,
      params: schema.params,
      querystring: schema.querystring,
      headers: schema.headers,
      body: schema.body,
      documentedCodes: codes,
    })
  }
  return { operations, problems }
}

/** The path parameters of a route pattern, `:name`. */
export function pathParams(url: string): string[] {
  return [...url.matchAll(/:(\w+)/g)].map((m) => m[1])
}
