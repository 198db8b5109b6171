import type { FastifyInstance } from 'fastify'
import { ERROR_CODES } from '../../mock-server/schemas/errors'
import { call, newApp } from './helpers'

/** Every route of the API, as OpenAPI paths. */
const EXPECTED: Array<[string, string]> = [
  ['get', '/api/healthz'],
  ['get', '/api/openapi.json'],
  ['post', '/api/oauth/token'],
  ['post', '/api/oauth/logout'],
  ['get', '/api/agreements/current'],
  ['get', '/api/crypto/public-key'],
  ['get', '/api/person'],
  ['get', '/api/claim'],
  ['post', '/api/claim/consent'],
  ['post', '/api/claim/password'],
  ['post', '/api/certifications'],
  ['get', '/api/certifications/{certifyId}'],
  ['post', '/api/cards'],
  ['get', '/api/cards/current'],
  ['post', '/api/cards/current/reveal'],
  ['post', '/api/cards/current/qr'],
  ['post', '/api/cards/current/password'],
  ['post', '/api/cards/current/password-reset/certifications'],
  ['post', '/api/cards/current/password-reset'],
  ['post', '/api/cards/current/unbind/certifications'],
  ['post', '/api/cards/current/unbind'],
  ['post', '/api/scanner/verify'],
  ['get', '/api/mock/cards/{cardNumber}/audit'],
  ['get', '/api/mock/personas'],
  ['post', '/api/mock/personas/{id}/reset'],
  ['post', '/api/mock/auth-code'],
  ['post', '/api/mock/certifications/{certifyId}/complete'],
  ['get', '/api/mock/certifications/{certifyId}'],
  ['get', '/api/mock/personas/{id}/cards'],
  ['get', '/api/mock/scenarios'],
  ['put', '/api/mock/scenarios'],
  ['patch', '/api/mock/scenarios'],
  ['delete', '/api/mock/scenarios'],
  ['get', '/api/mock/events'],
]
const BEARER = [
  '/api/oauth/logout',
  '/api/person',
  '/api/claim',
  '/api/claim/consent',
  '/api/claim/password',
  '/api/certifications',
  '/api/certifications/{certifyId}',
  '/api/cards',
  '/api/cards/current',
  '/api/cards/current/reveal',
  '/api/cards/current/qr',
  '/api/cards/current/password',
  '/api/cards/current/password-reset/certifications',
  '/api/cards/current/password-reset',
  '/api/cards/current/unbind/certifications',
  '/api/cards/current/unbind',
]
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

type Json = any

let app: FastifyInstance
let doc: Json
beforeAll(async () => {
  ;({ app } = await newApp())
  const res = await call(app, 'GET', '/api/openapi.json')
  expect(res.statusCode).toBe(200)
  doc = res.json()
})
afterAll(async () => {
  await app.close()
})

/** Resolves a local $ref (#/components/...) or fails the test. */
function resolveRef(ref: string): Json {
  expect(ref).toMatch(/^#\/components\//)
  let node: Json = doc
  for (const part of ref.slice(2).split('/')) {
    node = node?.[part]
    if (node === undefined) throw new Error(`unresolved $ref ${ref}`)
  }
  return node
}

function collectRefs(node: Json, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => collectRefs(n, out))
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v)
      else collectRefs(v, out)
    }
  }
  return out
}

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3 document with info, paths and components', () => {
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/)
    expect(typeof doc.info.title).toBe('string')
    expect(typeof doc.info.version).toBe('string')
    expect(typeof doc.paths).toBe('object')
    expect(doc.components.securitySchemes.bearerAuth).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }))
  })

  it('lists every route, and nothing else', () => {
    const listed: Array<[string, string]> = []
    for (const [p, item] of Object.entries(doc.paths as Record<string, Json>)) {
      for (const m of Object.keys(item).filter((k) => METHODS.includes(k))) listed.push([m, p])
    }
    const key = ([m, p]: [string, string]) => `${m} ${p}`
    expect(listed.map(key).sort()).toEqual(EXPECTED.map(key).sort())
  })

  it('every operation is structurally valid: unique operationId, tags, responses with descriptions and content', () => {
    const ids = new Set<string>()
    for (const [m, p] of EXPECTED) {
      const op = doc.paths[p][m]
      expect(typeof op.operationId).toBe('string')
      expect(ids.has(op.operationId)).toBe(false)
      ids.add(op.operationId)
      expect(op.tags.length).toBeGreaterThan(0)
      expect(typeof op.summary).toBe('string')
      const statuses = Object.keys(op.responses)
      expect(statuses.some((s) => /^2\d\d$/.test(s))).toBe(true)
      for (const s of statuses) {
        expect(s).toMatch(/^[1-5]\d\d$|^default$/)
        const r = op.responses[s]
        expect(typeof r.description).toBe('string')
        expect(r.description.length).toBeGreaterThan(0)
        expect(Object.keys(r.content ?? {}).length).toBeGreaterThan(0)
        for (const media of Object.values(r.content as Record<string, Json>)) expect(media.schema).toBeDefined()
      }
      // path parameters declared, in: path, required
      for (const name of [...p.matchAll(/\{(\w+)\}/g)].map((x) => x[1])) {
        const param = (op.parameters ?? []).find((x: Json) => x.name === name && x.in === 'path')
        expect(param).toBeDefined()
        expect(param.required).toBe(true)
      }
      if (['post', 'put', 'patch'].includes(m) && op.requestBody) {
        expect(op.requestBody.content['application/json'].schema).toBeDefined()
      }
    }
  })

  it('every error response refers to the shared ErrorBody with all error codes', () => {
    const errorBody = doc.components.schemas.ErrorBody
    expect(errorBody).toBeDefined()
    expect(errorBody.required).toEqual(expect.arrayContaining(['code', 'message']))
    expect(JSON.stringify(errorBody.properties.code)).toEqual(expect.stringContaining('VALIDATION_FAILED'))
    for (const code of ERROR_CODES) expect(JSON.stringify(errorBody.properties.code)).toContain(`"${code}"`)
    for (const [m, p] of EXPECTED) {
      const responses = doc.paths[p][m].responses
      for (const s of Object.keys(responses).filter((x) => /^[45]/.test(x))) {
        expect(responses[s].content['application/json'].schema.$ref).toBe('#/components/schemas/ErrorBody')
        expect(responses[s].description).toMatch(/^Error: [A-Z_, ]+$/)
      }
      expect(responses['500']).toBeDefined()
    }
  })

  it('names each route\'s error codes (e.g. the card route lists its idempotency errors)', () => {
    const cards = doc.paths['/api/cards'].post.responses
    expect(cards['400'].description).toContain('IDEMPOTENCY_KEY_REQUIRED')
    expect(cards['409'].description).toContain('IDEMPOTENCY_KEY_CONFLICT')
    expect(cards['401'].description).toContain('TOKEN_EXPIRED')
    expect(cards['201']).toBeDefined()
    expect(cards['200']).toBeDefined()
    const password = doc.paths['/api/claim/password'].post.responses
    expect(password['422'].description).toContain('WEAK_PASSWORD')
  })

  it('every $ref resolves', () => {
    const refs = collectRefs(doc)
    expect(refs.length).toBeGreaterThan(0)
    for (const ref of refs) expect(resolveRef(ref)).toBeDefined()
  })

  it('bearer routes declare the bearer security scheme; the others do not', () => {
    for (const [m, p] of EXPECTED) {
      const security = doc.paths[p][m].security
      if (BEARER.includes(p)) expect(security).toEqual([{ bearerAuth: [] }])
      else expect(security).toBeUndefined()
    }
  })

  it('mock-only routes are tagged mock, and only they are', () => {
    for (const [m, p] of EXPECTED) expect(doc.paths[p][m].tags.includes('mock')).toBe(p.startsWith('/api/mock/'))
  })

  it('the idempotency key is a header parameter of POST /api/cards', () => {
    const params = doc.paths['/api/cards'].post.parameters
    expect(params).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'idempotency-key' })]))
  })

  it('request bodies carry the contract schemas', () => {
    const consent = doc.paths['/api/claim/consent'].post.requestBody.content['application/json'].schema
    expect(consent.required).toEqual(['agreementVersion'])
    const password = doc.paths['/api/claim/password'].post.requestBody.content['application/json'].schema
    expect(Object.keys(password.properties).sort()).toEqual(['encryptedPassword', 'keyId'])
  })
})
