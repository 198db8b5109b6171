/**
 * Values for the fuzz suite: schema-shaped ones (from the route's own JSON Schema, so a new field
 * is fuzzed without anyone listing it), mutations of them, and the hostile edges: lone
 * surrogates, NUL, bidi controls, huge strings, deep nesting, prototype keys.
 */
import fc from 'fast-check'
import { idCheckChar } from '../../../src/domain/idNumber'

/** A made-up ID number with a valid GB 11643 check digit, belonging to no persona: it must never reach a log line. */
export const SENTINEL_ID_NUMBER = '11010119900307123' + idCheckChar('11010119900307123')
export const SENTINEL_PASSWORD = '246813'
export const SENTINEL_FACE = 'data:image/jpeg;base64,/9j/4AAQSkZJRgFACEPAYLOADSENTINEL'
export const SENTINEL_NAME = '测试哨兵名'
export const SENTINELS = [SENTINEL_ID_NUMBER, SENTINEL_PASSWORD, SENTINEL_FACE, SENTINEL_NAME]

const EDGE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF',
  'x\uDBFFy',
  '\u202Eevil\u202C',
  '\u200F\u200E',
  '\uFEFF',
  '\u0301\u0301\u0301',
  '😀👨‍👩‍👧‍👦',
  '\r\n\t',
  '../../../etc/passwd',
  '..%2f..%2f',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${jndi:ldap://x}',
  '%00',
  '__proto__',
  'constructor',
  'prototype',
  'NaN',
  '-1',
  '1e309',
  'true',
  'null',
  'Bearer',
  ...SENTINELS,
]

/** The edges without the huge ones: for values that go into headers and seldom matter by size. */
export const smallEdgeString: fc.Arbitrary<string> = fc.oneof(fc.constantFrom(...EDGE_STRINGS), fc.string({ unit: 'binary', maxLength: 24 }))

export const edgeString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 257, max: 70_000 }).map((n) => 'A'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 3000 }).map((n) => '\uD83D'.repeat(n)) },
)

export const edgeNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, -1, 1.5, Number.MAX_SAFE_INTEGER + 2, -Number.MAX_SAFE_INTEGER - 2, 1e308, 5e-324),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
)

/** Any JSON value, a little nested. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  edgeString,
  edgeNumber,
  fc.constantFrom(null, true, false, [], {}),
)

/** A JSON document nested `depth` deep (arrays or objects), as text. */
export function deepJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
}

type Schema = Record<string, unknown>

const isObj = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v)

const conformingCache = new WeakMap<object, fc.Arbitrary<unknown>>()

/** A value that fits `schema` (as far as a simple generator can: patterns, bounds, literals, unions). */
export function conforming(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  if (!isObj(schema)) return anyJson
  let arb = conformingCache.get(schema)
  if (!arb) {
    arb = buildConforming(schema, depth)
    conformingCache.set(schema, arb)
  }
  return arb
}

function buildConforming(schema: unknown, depth: number): fc.Arbitrary<unknown> {
  if (!isObj(schema) || depth > 6) return anyJson
  if ('const' in schema) return fc.constant(schema.const)
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]))
  if (Array.isArray(schema.anyOf)) return fc.oneof(...(schema.anyOf as unknown[]).map((s) => conforming(s, depth + 1)))
  if (Array.isArray(schema.oneOf)) return fc.oneof(...(schema.oneOf as unknown[]).map((s) => conforming(s, depth + 1)))
  switch (schema.type) {
    case 'string': {
      if (typeof schema.pattern === 'string') return fc.stringMatching(new RegExp(schema.pattern))
      const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0
      const maxLength = typeof schema.maxLength === 'number' ? Math.min(schema.maxLength, 64) : 32
      if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString())
      return fc.string({ minLength, maxLength: Math.max(minLength, maxLength) })
    }
    case 'integer':
      return fc.integer({
        min: typeof schema.minimum === 'number' ? schema.minimum : -1_000_000,
        max: typeof schema.maximum === 'number' ? schema.maximum : 1_000_000,
      })
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true })
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array':
      return fc.array(conforming(schema.items, depth + 1), { maxLength: 3 })
    case 'object': {
      const props = isObj(schema.properties) ? schema.properties : {}
      const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : [])
      const model: Record<string, fc.Arbitrary<unknown>> = {}
      for (const [k, s] of Object.entries(props)) model[k] = conforming(s, depth + 1)
      const requiredKeys = Object.keys(props).filter((k) => required.has(k))
      const base = fc.record(model, { requiredKeys })
      // free-form maps (additionalProperties: <schema>): a few extra keys of that shape
      if (isObj(schema.additionalProperties)) {
        const extra = fc.dictionary(fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/), fc.constantFrom('*', 'eligible-zhang', 'getClaim')), conforming(schema.additionalProperties, depth + 1), { maxKeys: 2 })
        return fc.tuple(base, extra).map(([b, e]) => ({ ...e, ...b }))
      }
      return base
    }
    default:
      return anyJson
  }
}

/** One thing wrong with an otherwise conforming object: a field dropped, mistyped, oversized or unknown. */
export function mutated(schema: unknown): fc.Arbitrary<unknown> {
  return conforming(schema).chain((value) => {
    if (!isObj(value)) return fc.oneof(fc.constant(value), anyJson)
    const keys = Object.keys(value)
    const key = keys.length ? fc.constantFrom(...keys) : fc.constant('x')
    return fc.oneof(
      key.map((k) => omit(value, k)),
      fc.tuple(key, anyJson).map(([k, v]) => ({ ...value, [k]: v })),
      fc.tuple(key, edgeString).map(([k, v]) => ({ ...value, [k]: v })),
      fc.tuple(fc.oneof(edgeString, fc.constantFrom('__proto__', 'constructor', 'isAdmin', 'personaId')), anyJson).map(([k, v]) => withKey(value, k, v)),
      fc.constant(Object.keys(value).length ? [value] : value),
    )
  })
}

function omit(value: Schema, key: string): Schema {
  const out = { ...value }
  delete out[key]
  return out
}

/** Sets a key even when it is `__proto__` (an own property, as JSON.parse would make it). */
function withKey(value: Schema, key: string, v: unknown): Schema {
  const out = { ...value }
  Object.defineProperty(out, key, { value: v, enumerable: true, configurable: true, writable: true })
  return out
}

/** Percent-encodes a path segment; lone surrogates go as the replacement character's bytes (encodeURIComponent throws on them). */
export function encodeSegment(value: string): string {
  return [...Buffer.from(value, 'utf8')].map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : '%' + b.toString(16).toUpperCase().padStart(2, '0'))).join('')
}

/** A header value the HTTP layer can carry: the UTF-8 bytes as latin1, without control characters. */
export function headerSafe(value: string): string {
  // eslint-disable-next-line no-control-regex
  return Buffer.from(value, 'utf8').toString('latin1').replace(/[\u0000-\u001f\u007f]/g, '')
}
