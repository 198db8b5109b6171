import { checkIdNumber } from '../../src/domain/idNumber'
import { weakPasswordReason } from '../../src/domain/password'
import { findPersona, isMinor, PERSONAS, registerPersonas } from '../../mock-server/personas'
import { generatedPersona, generatedPersonas, MAX_GENERATED_PERSONAS } from '../../mock-server/personas/generated'
import { call, expectError, GOOD_PASSWORD, newApp, signIn, T0 } from './helpers'

describe('generated personas for load runs', () => {
  const all = generatedPersonas(MAX_GENERATED_PERSONAS)

  it('are valid GB 11643 adults, eligible, obviously synthetic', () => {
    for (const p of all) {
      expect(checkIdNumber(p.idNumber, new Date(T0))).toEqual({ valid: true })
      expect(isMinor(p, T0)).toBe(false)
      expect(p.name).toMatch(/^压测用户\d{5}$/)
      expect(p.id).toMatch(/^load-\d{5}$/)
      expect(p.userId).toMatch(/^2088\d{12}$/)
      expect(p.traits).toEqual(['eligible'])
    }
  })

  it('never repeat an id, userId or ID number, and never take a fixture persona’s', () => {
    for (const field of ['id', 'userId', 'idNumber'] as const) {
      const values = new Set([...all, ...PERSONAS].map((p) => p[field]))
      expect(values.size).toBe(all.length + PERSONAS.length)
    }
  })

  it('are deterministic and refuse counts out of range', () => {
    expect(generatedPersonas(3)).toEqual([generatedPersona(1), generatedPersona(2), generatedPersona(3)])
    expect(generatedPersona(7)).toEqual(generatedPersona(7))
    expect(() => generatedPersonas(MAX_GENERATED_PERSONAS + 1)).toThrow(/from 0 to/)
    expect(() => generatedPersonas(Number('many'))).toThrow(/from 0 to/)
    expect(generatedPersonas(0)).toEqual([])
  })

  it('accept the tests’ good password', () => {
    for (const p of all) expect(weakPasswordReason(GOOD_PASSWORD, { idNumber: p.idNumber })).toBeNull()
  })

  it('sign in through buildApp’s extraPersonas; a fixture id cannot be replaced', async () => {
    const { app } = await newApp({ extraPersonas: generatedPersonas(2) })
    try {
      expect(findPersona('load-00002')).toEqual(generatedPersona(2))
      const { accessToken } = await signIn(app, 'load-00002')
      const person = await call(app, 'GET', '/api/person', { token: accessToken })
      expect(person.statusCode).toBe(200)
      expect(person.json().name).toBe('压测用户00002')
      // not listed for QA: the console shows the fixture's residents only
      expect((await call(app, 'GET', '/api/mock/personas')).json().map((p: { id: string }) => p.id)).toEqual(PERSONAS.map((p) => p.id))
      expectError(await call(app, 'POST', '/api/mock/auth-code', { body: { personaId: 'load-09999' } }), 'PERSONA_NOT_FOUND')
    } finally {
      await app.close()
    }
    expect(() => registerPersonas([{ ...generatedPersona(1), id: 'eligible-zhang' }])).toThrow(/belongs to the fixture/)
  })
})
