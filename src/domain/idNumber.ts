/**
 * Resident identity numbers (GB 11643-1999): 6-digit region, 8-digit birth date,
 * 3-digit sequence (odd = male), and an ISO 7064 MOD 11-2 check character.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const CHECK_CHARS = '10X98765432'

export type IdNumberProblem = 'FORMAT' | 'BIRTH_DATE' | 'CHECK_DIGIT'

export interface IdNumberCheck {
  valid: boolean
  problem?: IdNumberProblem
}

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('idCheckChar needs 17 digits')
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK_CHARS[sum % 11]
}

/** Validates format, birth date (a real calendar day, not in the future) and check character. */
export function checkIdNumber(raw: string, today: Date = new Date()): IdNumberCheck {
  const id = raw.trim().toUpperCase()
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return { valid: false, problem: 'FORMAT' }
  const birth = birthDateOf(id)
  if (!birth || birth > formatYmd(today) || birth < '18900101') return { valid: false, problem: 'BIRTH_DATE' }
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return { valid: false, problem: 'CHECK_DIGIT' }
  return { valid: true }
}

export function isValidIdNumber(raw: string, today?: Date): boolean {
  return checkIdNumber(raw, today).valid
}

/** The birth date as YYYYMMDD, or null when it is not a calendar day. */
export function birthDateOf(id: string): string | null {
  const ymd = id.slice(6, 14)
  if (!/^\d{8}$/.test(ymd)) return null
  const y = Number(ymd.slice(0, 4))
  const m = Number(ymd.slice(4, 6))
  const d = Number(ymd.slice(6, 8))
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return ymd
}

/** Whole years of age on `today` (China time is close enough for eligibility at day granularity). */
export function ageOn(id: string, today: Date): number {
  const birth = birthDateOf(id)
  if (!birth) throw new Error('invalid birth date')
  const now = formatYmd(today)
  let age = Number(now.slice(0, 4)) - Number(birth.slice(0, 4))
  if (now.slice(4) < birth.slice(4)) age -= 1
  return age
}

function formatYmd(d: Date): string {
  const y = d.getUTCFullYear()
  const m = String(d.getUTCMonth() + 1).padStart(2, '0')
  const day = String(d.getUTCDate()).padStart(2, '0')
  return `${y}${m}${day}`
}
