import { ageOn } from '../../src/domain/idNumber'
import { chinaDate } from '../time'
import { PERSONAS, type Persona } from './personas.fixture'

export { PERSONAS, DEFAULT_PERSONA_ID, type Persona, type PreIssuedCard, type RegionName } from './personas.fixture'

/** Age below which the e-card needs a guardian (the national rule the seed article refers to). */
export const GUARDIAN_AGE = 16

const byId = new Map(PERSONAS.map((p) => [p.id, p]))

export function findPersona(id: string): Persona | undefined {
  return byId.get(id)
}

/** Computed from the ID number's birth date on today's date in China, not from the trait. */
export function isMinor(persona: Persona, nowMs: number): boolean {
  return ageOn(persona.idNumber, chinaDate(nowMs)) < GUARDIAN_AGE
}

export function hasFaceMismatch(persona: Persona): boolean {
  return persona.traits.includes('face-mismatch')
}
