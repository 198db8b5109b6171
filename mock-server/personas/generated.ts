/**
 * Synthetic residents made on demand for load and crash runs (EXTRA_PERSONAS=<count>, see
 * mock-server/index.ts). Deterministic: persona i is the same in the server and in the test
 * that drives it, so both sides can build the list from the count alone.
 *
 * Each is eligible (adult, normal physical card) and obviously made up: the name is 压测用户<n>
 * ("load-test user n"), the id `load-<n>`, the userId 20889000000<n>. ID numbers follow GB 11643:
 * region 110101 (Beijing, Dongcheng), a birth date between 1970 and 1997, an odd or even
 * sequence from 500 up (the fixture personas use lower ones) and the check character from
 * `idCheckChar`, so every number is valid and none repeats.
 */
import { idCheckChar } from '../../src/domain/idNumber'
import type { Persona, RegionName } from './personas.fixture'

/** More than any load run needs; keeps birth dates inside 1970..1997. */
export const MAX_GENERATED_PERSONAS = 10_000
export const GENERATED_PERSONA_PREFIX = 'load-'

const BEIJING: RegionName = { 'zh-CN': '北京市', 'en-US': 'Beijing' }
const PER_BIRTH_DATE = 100
const FIRST_BIRTH_DAY = Date.UTC(1970, 0, 1)
const DAY_MS = 86_400_000

function ymdOf(ms: number): string {
  const d = new Date(ms)
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`
}

/** The n-th generated persona, n from 1. */
export function generatedPersona(n: number): Persona {
  if (!Number.isInteger(n) || n < 1 || n > MAX_GENERATED_PERSONAS) throw new Error(`generated persona number out of range: ${n}`)
  const i = n - 1
  // 100 people share a birth date (sequences 500..599); every 100 the date moves on by 97 days
  const birth = ymdOf(FIRST_BIRTH_DAY + Math.floor(i / PER_BIRTH_DATE) * 97 * DAY_MS)
  const sequence = String(500 + (i % PER_BIRTH_DATE))
  const first17 = '110101' + birth + sequence
  const digits = String(n).padStart(5, '0')
  return {
    id: GENERATED_PERSONA_PREFIX + digits,
    userId: '20889000000' + digits,
    name: '压测用户' + digits,
    idNumber: first17 + idCheckChar(first17),
    aab301: '110100',
    regionName: BEIJING,
    traits: ['eligible'],
    hasPhysicalCard: true,
    physicalCardStatus: 'normal',
  }
}

/** Personas load-00001 .. load-<count>. */
export function generatedPersonas(count: number): Persona[] {
  if (!Number.isInteger(count) || count < 0 || count > MAX_GENERATED_PERSONAS) {
    throw new Error(`the number of generated personas must be an integer from 0 to ${MAX_GENERATED_PERSONAS}, got ${count}`)
  }
  return Array.from({ length: count }, (_, i) => generatedPersona(i + 1))
}
