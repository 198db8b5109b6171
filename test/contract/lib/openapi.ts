/**
 * The OpenAPI document as the contract suite reads it: its operations, the error codes each one
 * documents, and every response schema compiled with Ajv. Nothing here knows our routes; it all
 * comes from the document, so operations added to the document are picked up without edits.
 */
import { loadAjv, type AjvInstance, type ValidateFn } from './ajv'

/* eslint-disable @typescript-eslint/no-explicit-any */
export type Json = any

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const

export interface Operation {
  operationId: string
  method: string
  /** The path as the document writes it, e.g. /api/certifications/{certifyId}. */
  docPath: string
  /** The path below the API base, e.g. /certifications/{certifyId}. */
  path: string
  tags: string[]
  secured: boolean
  raw: Json
}

/** `METHOD /path (operationId)`: how an operation is named in messages and test titles. */
export const opLabel = (op: Operation): string => `${op.method.toUpperCase()} ${op.docPath} (${op.operationId})`

const DOC_ID = 'contract:openapi.json'

export class ContractDocument {
  readonly operations: Operation[]
  /** The path prefix the document's paths carry below the API base ('/api' for ours). */
  readonly prefix: string
  /** Every code of the ErrorBody schema's `code` enum. */
  readonly errorCodes: string[]
  readonly is31: boolean
  readonly formatWarnings: string[] = []
  private readonly ajv: AjvInstance
  private readonly cache = new Map<string, ValidateFn>()

  constructor(readonly doc: Json) {
    if (!doc || typeof doc !== 'object' || typeof doc.openapi !== 'string' || !/^3\./.test(doc.openapi)) {
      throw new Error(`not an OpenAPI 3 document (openapi: ${JSON.stringify(doc?.openapi)})`)
    }
    this.is31 = /^3\.1\./.test(doc.openapi)
    this.ajv = loadAjv({ draft2020: this.is31, warnings: this.formatWarnings })
    this.ajv.addSchema({ $id: DOC_ID, components: this.normalize(doc.components ?? {}) })
    this.operations = collectOperations(doc)
    this.prefix = pathPrefix(this.operations.map((o) => o.docPath))
    for (const op of this.operations) op.path = op.docPath.slice(this.prefix.length) || '/'
    this.errorCodes = collectStrings(this.resolve(this.errorBodySchema()?.properties?.code))
  }

  op(operationId: string): Operation {
    const op = this.operations.find((o) => o.operationId === operationId)
    if (!op) throw new Error(`the document has no operation "${operationId}"`)
    return op
  }

  has(operationId: string): boolean {
    return this.operations.some((o) => o.operationId === operationId)
  }

  /** Follows a local $ref (#/components/...) to its target. */
  resolve(node: Json): Json {
    let cur = node
    for (let i = 0; cur && typeof cur.$ref === 'string' && i < 20; i++) {
      const ref: string = cur.$ref
      if (!ref.startsWith('#/')) throw new Error(`only local $ref is supported, got ${ref}`)
      cur = ref
        .slice(2)
        .split('/')
        .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce((n: Json, part) => n?.[part], this.doc)
      if (cur === undefined) throw new Error(`unresolved $ref ${ref}`)
    }
    return cur
  }

  errorBodySchema(): Json {
    return this.doc.components?.schemas?.ErrorBody
  }

  /** The response object documented for this status (exact, then 4XX-style, then default). */
  response(op: Operation, status: number): Json | undefined {
    const r = op.raw.responses ?? {}
    const hit = r[String(status)] ?? r[`${String(status)[0]}XX`] ?? r[`${String(status)[0]}xx`] ?? r.default
    return hit === undefined ? undefined : this.resolve(hit)
  }

  /** The documented statuses of an operation, as strings ('200', '4XX', 'default'). */
  statuses(op: Operation): string[] {
    return Object.keys(op.raw.responses ?? {})
  }

  /**
   * The error codes an operation documents for a status: the ErrorBody codes named in the
   * response's description (our server writes `Error: CODE_A, CODE_B`). null when the description
   * names none (then any ErrorBody code is accepted for that status).
   */
  codesFor(op: Operation, status: number | string): string[] | null {
    const r = typeof status === 'number' ? this.response(op, status) : this.resolve(op.raw.responses?.[status])
    if (!r) return null
    const named = String(r.description ?? '').match(/\b[A-Z][A-Z0-9_]{2,}\b/g) ?? []
    const codes = [...new Set(named.filter((c) => this.errorCodes.includes(c)))]
    return codes.length ? codes : null
  }

  /** operationId → status → codes, for every documented 4xx/5xx. */
  errorTable(): Map<Operation, Map<string, string[] | null>> {
    const out = new Map<Operation, Map<string, string[] | null>>()
    for (const op of this.operations) {
      const byStatus = new Map<string, string[] | null>()
      for (const s of this.statuses(op)) if (/^[45]/.test(s)) byStatus.set(s, this.codesFor(op, s))
      out.set(op, byStatus)
    }
    return out
  }

  /** The validator for a schema written somewhere in the document (refs resolve to components). */
  validator(schema: Json): ValidateFn {
    const key = JSON.stringify(schema)
    let fn = this.cache.get(key)
    if (!fn) {
      fn = this.ajv.compile(rewriteRefs(this.normalize(schema)))
      this.cache.set(key, fn)
    }
    return fn
  }

  /** Validation errors as short lines ('' when valid). */
  check(schema: Json, value: unknown): string[] {
    const fn = this.validator(schema)
    if (fn(value)) return []
    return summarize(fn.errors ?? [])
  }

  /** How many distinct response schemas the document has, compiled (fails on a schema Ajv rejects). */
  compileAllResponses(): number {
    let n = 0
    for (const op of this.operations) {
      for (const s of this.statuses(op)) {
        const content = this.resolve(op.raw.responses[s]).content ?? {}
        for (const media of Object.values(content) as Json[]) {
          if (media.schema) {
            this.validator(media.schema)
            n++
          }
        }
      }
    }
    return n
  }

  /** OpenAPI 3.0 → JSON Schema: `nullable: true` and boolean exclusiveMinimum/Maximum. */
  private normalize(node: Json): Json {
    if (this.is31) return node
    return normalize30(node)
  }
}

/**
 * Ajv's errors, one line per place: the enum/const branches of an anyOf (ErrorBody's code) become
 * one "must be one of" line instead of thirty.
 */
function summarize(errors: NonNullable<ValidateFn['errors']>): string[] {
  const allowed = new Map<string, unknown[]>()
  const lines: string[] = []
  for (const e of errors as Array<{ instancePath: string; message?: string; params?: Json; keyword?: string }>) {
    const where = e.instancePath || '(root)'
    if (e.keyword === 'enum' || e.keyword === 'const') {
      const values = e.keyword === 'enum' ? (e.params?.allowedValues ?? []) : [e.params?.allowedValue]
      allowed.set(where, [...(allowed.get(where) ?? []), ...values])
      continue
    }
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') continue
    lines.push(`${where} ${e.message ?? ''}${e.params && Object.keys(e.params).length ? ' ' + JSON.stringify(e.params) : ''}`)
  }
  for (const [where, values] of allowed) {
    const shown = values.length > 12 ? [...values.slice(0, 12), `… ${values.length - 12} more`] : values
    lines.unshift(`${where} must be one of ${JSON.stringify(shown)}`)
  }
  if (!lines.length && errors.length) lines.push(`${errors[0].instancePath || '(root)'} ${errors[0].message ?? 'is not valid'}`)
  return [...new Set(lines)]
}

function normalize30(node: Json): Json {
  if (Array.isArray(node)) return node.map(normalize30)
  if (!node || typeof node !== 'object') return node
  const out: Json = {}
  for (const [k, v] of Object.entries(node)) out[k] = normalize30(v)
  for (const [bool, num] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[bool] === 'boolean') {
      if (out[bool] && typeof out[num] === 'number') out[bool] = out[num]
      if (out[bool] === true || out[bool] === false) delete out[bool]
      else delete out[num]
    }
  }
  if (out.nullable === true) {
    delete out.nullable
    const { description, ...rest } = out
    return { ...(description === undefined ? {} : { description }), anyOf: [rest, { type: 'null' }] }
  }
  if (out.nullable === false) delete out.nullable
  return out
}

function rewriteRefs(node: Json): Json {
  if (Array.isArray(node)) return node.map(rewriteRefs)
  if (!node || typeof node !== 'object') return node
  const out: Json = {}
  for (const [k, v] of Object.entries(node)) out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${DOC_ID}${v}` : rewriteRefs(v)
  // an inline schema carries no $id of its own (fastify-swagger may leave one); it would clash
  delete out.$id
  return out
}

function collectOperations(doc: Json): Operation[] {
  const ops: Operation[] = []
  for (const [docPath, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    for (const method of HTTP_METHODS) {
      const raw = item?.[method]
      if (!raw) continue
      const parameters = [...(item.parameters ?? []), ...(raw.parameters ?? [])]
      const security = raw.security ?? doc.security ?? []
      ops.push({
        operationId: raw.operationId ?? `${method} ${docPath}`,
        method,
        docPath,
        path: docPath,
        tags: raw.tags ?? [],
        secured: Array.isArray(security) && security.some((s: Json) => s && Object.keys(s).length > 0),
        raw: { ...raw, parameters },
      })
    }
  }
  return ops
}

/**
 * The leading path segments every path of the document shares, short of a last segment ('/api'
 * for ours): the part of the document's paths that the API base already contains.
 */
export function pathPrefix(docPaths: string[]): string {
  if (docPaths.length < 2) return ''
  const split = docPaths.map((p) => p.split('/').slice(1))
  const prefix: string[] = []
  for (let i = 0; ; i++) {
    const seg = split[0][i]
    if (seg === undefined || seg.startsWith('{') || split.some((s) => s[i] !== seg || s.length <= i + 1)) break
    prefix.push(seg)
  }
  return prefix.length ? '/' + prefix.join('/') : ''
}

function collectStrings(node: Json, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => collectStrings(n, out))
  else if (node && typeof node === 'object') {
    if (typeof node.const === 'string') out.push(node.const)
    if (Array.isArray(node.enum)) for (const v of node.enum) if (typeof v === 'string') out.push(v)
    for (const k of ['anyOf', 'oneOf', 'allOf']) if (node[k]) collectStrings(node[k], out)
  }
  return [...new Set(out)]
}
