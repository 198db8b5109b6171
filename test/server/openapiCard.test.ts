import type { FastifyInstance } from 'fastify'
import { call, expectError, newApp, signIn } from './helpers'

type Json = any

let app: FastifyInstance
let doc: Json
beforeAll(async () => {
  ;({ app } = await newApp())
  doc = (await call(app, 'GET', '/api/openapi.json')).json()
})
afterAll(async () => {
  await app.close()
})

const responsesOf = (p: string, m = 'post') => doc.paths[p][m].responses

describe('the issued card in /api/openapi.json', () => {
  it('the scanner route: no bearer, the X-Scanner-Id header, and each QR code error under its status', () => {
    const op = doc.paths['/api/scanner/verify'].post
    expect(op.security).toBeUndefined()
    expect(op.tags).toEqual(['scanner'])
    expect(op.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'x-scanner-id', required: false })]))
    expect(op.requestBody.content['application/json'].schema.required).toEqual(['token'])
    const r = responsesOf('/api/scanner/verify')
    expect(r['400'].description).toContain('QR_INVALID')
    expect(r['409'].description).toContain('QR_ALREADY_USED')
    expect(r['410'].description).toContain('QR_EXPIRED')
    expect(r['410'].description).toContain('CARD_UNBOUND')
    expect(Object.keys(r['200'].content['application/json'].schema.properties).sort()).toEqual(['aab301', 'cardStatus', 'holderNameMasked', 'scannedAt', 'signLevel'])
  })

  it('password routes name the lockout codes; unbind takes either method', () => {
    const change = responsesOf('/api/cards/current/password')
    expect(change['403'].description).toContain('PASSWORD_WRONG')
    expect(change['423'].description).toContain('PASSWORD_LOCKED')
    expect(change['422'].description).toContain('WEAK_PASSWORD')
    const reset = responsesOf('/api/cards/current/password-reset')
    expect(reset['403'].description).toContain('CERTIFY_NOT_PASSED')
    expect(reset['403'].description).toContain('CERTIFY_EXPIRED')
    expect(reset['423']).toBeUndefined() // a reset is the way out of the lock
    const unbind = doc.paths['/api/cards/current/unbind'].post
    const methods = unbind.requestBody.content['application/json'].schema.anyOf.map((s: Json) => s.properties.method.enum[0])
    expect(methods.sort()).toEqual(['face', 'password'])
    expect(unbind.responses['423'].description).toContain('PASSWORD_LOCKED')
  })

  it('the reveal and QR responses, the masked card and the error body\'s optional fields', () => {
    const reveal = responsesOf('/api/cards/current/reveal')['200'].content['application/json'].schema
    expect(Object.keys(reveal.properties).sort()).toEqual(['cardNumber', 'holderName', 'idNumber', 'revealedUntil'])
    const qr = responsesOf('/api/cards/current/qr')['200'].content['application/json'].schema
    expect(Object.keys(qr.properties).sort()).toEqual(['expiresAt', 'expiresIn', 'token'])
    const card = doc.paths['/api/cards/current'].get.responses['200'].content['application/json'].schema
    expect(card.properties.cardNumberMasked).toBeDefined()
    expect(card.properties.holderName.description).toMatch(/MASKED/)
    const errorBody = doc.components.schemas.ErrorBody
    expect(errorBody.properties.remainingAttempts.type).toBe('integer')
    expect(errorBody.properties.lockedUntil.format).toBe('date-time')
    expect(errorBody.required).toEqual(['code', 'message'])
  })

  it('the audit route is mock-only and documented', () => {
    const op = doc.paths['/api/mock/cards/{cardNumber}/audit'].get
    expect(op.tags).toEqual(['mock'])
    expect(op.responses['404'].description).toContain('CARD_NOT_FOUND')
    expect(doc.tags.map((t: Json) => t.name)).toEqual(expect.arrayContaining(['scanner', 'card', 'mock']))
  })
})

describe('bearer tokens on every new card route', () => {
  const routes = [
    '/api/cards/current/reveal',
    '/api/cards/current/qr',
    '/api/cards/current/password',
    '/api/cards/current/password-reset/certifications',
    '/api/cards/current/password-reset',
    '/api/cards/current/unbind/certifications',
    '/api/cards/current/unbind',
  ]
  it.each(routes)('POST %s: TOKEN_MISSING, TOKEN_INVALID, TOKEN_EXPIRED, and the token before the body', async (url) => {
    const { app: own, clock } = await newApp()
    try {
      expectError(await call(own, 'POST', url), 'TOKEN_MISSING')
      expectError(await call(own, 'POST', url, { body: { nonsense: true } }), 'TOKEN_MISSING')
      expectError(await call(own, 'POST', url, { token: 'made-up-token-0123456789' }), 'TOKEN_INVALID')
      const { accessToken } = await signIn(own, 'has-ecard-wang')
      clock.advance(7200 * 1000)
      expectError(await call(own, 'POST', url, { token: accessToken }), 'TOKEN_EXPIRED')
    } finally {
      await own.close()
    }
  })
})
