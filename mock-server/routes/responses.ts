/** Response schemas shared by the routes: every error status refers to the one `ErrorBody`. */
import type { TSchema } from '@sinclair/typebox'
import { ERROR_STATUS, type ErrorCode } from '../schemas/errors'

/** Every route can answer these. */
const ALWAYS: ErrorCode[] = ['VALIDATION_FAILED', 'INTERNAL']
export const BEARER_ERRORS: ErrorCode[] = ['TOKEN_MISSING', 'TOKEN_INVALID', 'TOKEN_EXPIRED']

/**
 * `{ 400: { $ref: 'ErrorBody#', description: 'VALIDATION_FAILED, AUTH_CODE_USED' }, ... }`:
 * one entry per status, its description listing the codes the route can give with it.
 */
export function errorResponses(...codes: ErrorCode[]): Record<number, { $ref: string; description: string }> {
  const byStatus = new Map<number, ErrorCode[]>()
  for (const code of [...ALWAYS, ...codes]) {
    const status = ERROR_STATUS[code]
    const list = byStatus.get(status) ?? []
    if (!list.includes(code)) list.push(code)
    byStatus.set(status, list)
  }
  const out: Record<number, { $ref: string; description: string }> = {}
  for (const [status, list] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    out[status] = { $ref: 'ErrorBody#', description: `Error: ${list.join(', ')}` }
  }
  return out
}

/** A success schema with the description OpenAPI shows for the response. */
export function described<T extends TSchema>(schema: T, description: string): T {
  return { ...schema, description }
}

export const BEARER_SECURITY = [{ bearerAuth: [] as string[] }]
