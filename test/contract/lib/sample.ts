/**
 * Requests made up from the document, for operations no scenario of the suite knows: path
 * parameters, headers and a JSON body that satisfy the documented schemas (checked with the same
 * Ajv), preferring values the gateway handed out earlier under the same name (certifyId,
 * cardNumber, ...).
 */
import { randomUUID } from 'node:crypto'
import type { CallOptions } from './client'
import type { ContractDocument, Json, Operation } from './openapi'

const GENERIC_STRINGS = ['contract-probe-0001', 'ContractProbe0001', 'contract', '00000000', '20260101', '123456', '1', 'a', 'true']

export function sampleValue(doc: ContractDocument, schemaIn: Json, hint: string, known: Map<string, string>, depth = 0): Json {
  const schema = doc.resolve(schemaIn ?? {})
  if (depth > 8) return null
  if (schema.example !== undefined) return schema.example
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0]
  if (schema.default !== undefined) return schema.default
  if (schema.const !== undefined) return schema.const
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0]
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(schema[key])) {
      for (const branch of schema[key]) {
        const v = sampleValue(doc, branch, hint, known, depth + 1)
        if (doc.check(branch, v).length === 0) return v
      }
      return sampleValue(doc, schema[key][0], hint, known, depth + 1)
    }
  }
  if (Array.isArray(schema.allOf)) return Object.assign({}, ...schema.allOf.map((s: Json) => sampleValue(doc, s, hint, known, depth + 1)))
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type
  if (type === 'object' || schema.properties) {
    const out: Record<string, Json> = {}
    for (const name of schema.required ?? []) out[name] = sampleValue(doc, schema.properties?.[name] ?? {}, name, known, depth + 1)
    return out
  }
  if (type === 'array') {
    return (schema.minItems ?? 0) > 0 ? [sampleValue(doc, schema.items ?? {}, hint, known, depth + 1)] : []
  }
  if (type === 'integer' || type === 'number') return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? Number(schema.exclusiveMinimum) + 1 : 1)
  if (type === 'boolean') return true
  // a string (or no type): the first candidate the schema accepts
  const byFormat: Record<string, string> = {
    'date-time': new Date().toISOString(),
    date: new Date().toISOString().slice(0, 10),
    uri: 'https://example.com/contract',
    email: 'contract@example.com',
    uuid: randomUUID(),
  }
  const candidates = [
    known.get(hint),
    ...[...known].filter(([k]) => k.toLowerCase() === hint.toLowerCase()).map(([, v]) => v),
    schema.format ? byFormat[schema.format] : undefined,
    /key/i.test(hint) ? `contract-${randomUUID()}` : undefined,
    ...GENERIC_STRINGS,
  ].filter((c): c is string => typeof c === 'string')
  return candidates.find((c) => doc.check(schema, c).length === 0) ?? candidates[0]
}

/** A request for `op` made up from its documented parameters and body. */
export function sampleRequest(doc: ContractDocument, op: Operation, known: Map<string, string>): CallOptions {
  const params: Record<string, string> = {}
  const headers: Record<string, string> = {}
  for (const pIn of op.raw.parameters ?? []) {
    const p = doc.resolve(pIn)
    if (p.in === 'path' || (p.in === 'header' && p.required) || (p.in === 'header' && /idempotency/i.test(p.name))) {
      const v = String(sampleValue(doc, p.schema ?? {}, p.name, known))
      if (p.in === 'path') params[p.name] = v
      else headers[p.name] = v
    }
  }
  const opts: CallOptions = { params, headers }
  const body = op.raw.requestBody && doc.resolve(op.raw.requestBody)
  const schema = body?.content?.['application/json']?.schema
  if (schema) opts.body = sampleValue(doc, schema, 'body', known)
  return opts
}
