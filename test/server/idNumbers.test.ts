/**
 * ID numbers are checked by their GB 11643 check character and birth date wherever they enter the
 * server (docs/security.md, "Bad input (server)"): personas (the fixture at load, extra personas
 * when registered) and any request field, through the `gb11643` format the app's Ajv knows.
 */
import { Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { idCheckChar } from '../../src/domain/idNumber'
import { assertValidIdNumber, PERSONAS, registerPersonas } from '../../mock-server/personas'
import { generatedPersona } from '../../mock-server/personas/generated'
import { ID_NUMBER_FORMAT, IdNumber } from '../../mock-server/schemas/api'
import { apiOperations } from './fuzz/routes'
import { expectError, newApp } from './helpers'

const valid = (first17: string) => first17 + idCheckChar(first17)
const GOOD = valid('11010519800101001')
const WRONG_CHECK = GOOD.slice(0, 17) + (GOOD[17] === '0' ? '1' : '0')
const NOT_A_DAY = valid('11010519800230001') // 30 February
const FUTURE = valid('11010521000101001')
const TOO_OLD = valid('11010518000101001')

let app: FastifyInstance | undefined
afterEach(async () => {
  await app?.close()
  app = undefined
})

describe('personas', () => {
  it('every fixture persona passed the check when the module loaded', () => {
    expect(() => PERSONAS.forEach(assertValidIdNumber)).not.toThrow()
  })

  it('an extra persona with a wrong check character, an impossible or future birth date is refused, and the number is not echoed', () => {
    for (const idNumber of [WRONG_CHECK, NOT_A_DAY, FUTURE, TOO_OLD, '11010519800101001', '1101051980010100XX']) {
      const bad = { ...generatedPersona(9999), id: 'load-bad', idNumber }
      let message = ''
      try {
        registerPersonas([bad])
      } catch (err) {
        message = (err as Error).message
      }
      expect(message).toMatch(/load-bad: the ID number is not valid \((FORMAT|BIRTH_DATE|CHECK_DIGIT)\)/)
      expect(message).not.toContain(idNumber)
    }
    expect(() => registerPersonas([{ ...generatedPersona(9999), idNumber: GOOD }])).not.toThrow()
  })
})

describe('request fields', () => {
  it('the app validates the gb11643 format: check character and birth date, as a VALIDATION_FAILED that does not echo the value', async () => {
    ;({ app } = await newApp())
    // a route of this test only, on the app's own Ajv (as a future route carrying an ID number would be)
    app.post('/api/test-only/id', { schema: { operationId: 'testOnlyId', body: Type.Object({ idNumber: IdNumber }, { additionalProperties: false }) } }, async () => ({ ok: true }))
    const post = (idNumber: string) => app!.inject({ method: 'POST', url: '/api/test-only/id', payload: { idNumber } })
    expect((await post(GOOD)).statusCode).toBe(200)
    for (const bad of [WRONG_CHECK, NOT_A_DAY, FUTURE, TOO_OLD]) {
      const res = await post(bad)
      expectError(res, 'VALIDATION_FAILED')
      expect(res.body).not.toContain(bad)
    }
  })

  it('no route takes an ID number without the gb11643 format (every field named like one, in every request schema of every route)', async () => {
    ;({ app } = await newApp())
    const ID_FIELD = /^(id_?number|id_?no|cert_?no|cert_?num(ber)?|aac002|identity(_?number)?|id_?card)$/i
    const unchecked: string[] = []
    const walk = (schema: unknown, where: string): void => {
      if (!schema || typeof schema !== 'object') return
      const s = schema as Record<string, unknown>
      for (const [name, sub] of Object.entries((s.properties ?? {}) as Record<string, unknown>)) {
        if (ID_FIELD.test(name) && (sub as { format?: string }).format !== ID_NUMBER_FORMAT) unchecked.push(`${where}.${name}`)
        walk(sub, `${where}.${name}`)
      }
      for (const key of ['anyOf', 'oneOf', 'allOf'] as const) if (Array.isArray(s[key])) (s[key] as unknown[]).forEach((x, i) => walk(x, `${where}[${i}]`))
      if (s.items) walk(s.items, `${where}[]`)
      if (s.additionalProperties && typeof s.additionalProperties === 'object') walk(s.additionalProperties, `${where}{}`)
    }
    const { operations } = apiOperations(app)
    expect(operations.length).toBeGreaterThan(25)
    for (const op of operations) for (const part of ['body', 'params', 'querystring', 'headers'] as const) walk(op[part], `${op.operationId}.${part}`)
    expect(unchecked).toEqual([])
    // the walk does find such a field when there is one
    walk(Type.Object({ idNumber: Type.String() }), 'probe')
    expect(unchecked).toEqual(['probe.idNumber'])
  })
})
