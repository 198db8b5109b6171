import { ageOn, checkIdNumber } from '../../src/domain/idNumber'
import { chinaDate } from '../time'
import { PERSONAS, type Persona } from './personas.fixture'

export { PERSONAS, DEFAULT_PERSONA_ID, type Persona, type PreIssuedCard, type RegionName } from './personas.fixture'

/** Age below which the e-card needs a guardian (the national rule the seed article refers to). */
export const GUARDIAN_AGE = 16

/**
 * Where ID numbers enter the server (the fixture at load, extra personas when registered): the
 * GB 11643 check character and a real, past birth date. The message names the persona, never the number.
 */
export function assertValidIdNumber(persona: Pick<Persona, 'id' | 'idNumber'>): void {
  const check = checkIdNumber(persona.idNumber)
  if (!check.valid) throw new Error(`persona ${persona.id}: the ID number is not valid (${check.problem})`)
}

for (const persona of PERSONAS) assertValidIdNumber(persona)

const byId = new Map(PERSONAS.map((p) => [p.id, p]))
const fixtureIds = new Set(PERSONAS.map((p) => p.id))

export function findPersona(id: string): Persona | undefined {
  return byId.get(id)
}

/**
 * Adds personas to this process's lookup (load and crash runs: EXTRA_PERSONAS, buildApp's
 * `extraPersonas`). They sign in like the fixture's but are not listed by GET /mock/personas.
 * A fixture id cannot be replaced; registering the same extra id again replaces it.
 */
export function registerPersonas(extra: readonly Persona[]): void {
  for (const persona of extra) {
    if (fixtureIds.has(persona.id)) throw new Error(`persona id ${persona.id} belongs to the fixture`)
    assertValidIdNumber(persona)
    byId.set(persona.id, persona)
  }
}

/** Computed from the ID number's birth date on today's date in China, not from the trait. */
export function isMinor(persona: Persona, nowMs: number): boolean {
  return ageOn(persona.idNumber, chinaDate(nowMs)) < GUARDIAN_AGE
}

export function hasFaceMismatch(persona: Persona): boolean {
  return persona.traits.includes('face-mismatch')
}
