/**
 * The card password: six digits, checked against the weak-password rules before it is
 * sent (app) and again when it arrives (server).
 */

export const PASSWORD_LENGTH = 6

export type WeakPasswordReason =
  | 'FORMAT'        // not exactly six digits
  | 'ALL_SAME'      // 111111
  | 'SEQUENTIAL'    // 123456, 654321
  | 'BIRTH_DATE'    // YYMMDD or MMDDYY... of the holder's birth date
  | 'ID_SUFFIX'     // the last six characters of the ID number
  | 'MISMATCH'      // the second entry differs from the first

export interface PasswordContext {
  /** The holder's full ID number, when known (server side). */
  idNumber?: string
  /** Birth date YYYYMMDD, when the ID number is not known (app side gets it masked). */
  birthDate?: string
}

/** The first rule the password breaks, or null when it is acceptable. */
export function weakPasswordReason(pw: string, ctx: PasswordContext = {}): WeakPasswordReason | null {
  if (!/^\d{6}$/.test(pw)) return 'FORMAT'
  if (/^(\d)\1{5}$/.test(pw)) return 'ALL_SAME'
  if (isRun(pw, 1) || isRun(pw, -1)) return 'SEQUENTIAL'
  const birth = ctx.birthDate ?? (ctx.idNumber ? ctx.idNumber.slice(6, 14) : undefined)
  if (birth && birthDateForms(birth).includes(pw)) return 'BIRTH_DATE'
  if (ctx.idNumber && ctx.idNumber.slice(-6).toUpperCase() === pw) return 'ID_SUFFIX'
  return null
}

export function confirmPasswordReason(first: string, second: string): WeakPasswordReason | null {
  return first === second ? null : 'MISMATCH'
}

function isRun(pw: string, step: 1 | -1): boolean {
  for (let i = 1; i < pw.length; i++) {
    if (Number(pw[i]) - Number(pw[i - 1]) !== step) return false
  }
  return true
}

/** The six-digit ways people write a birth date: YYMMDD, MMDDYY, DDMMYY, and YYYYMM / MMDD doubled is too rare to refuse. */
function birthDateForms(ymd: string): string[] {
  const yy = ymd.slice(2, 4)
  const mm = ymd.slice(4, 6)
  const dd = ymd.slice(6, 8)
  return [yy + mm + dd, mm + dd + yy, dd + mm + yy, ymd.slice(0, 6)]
}

/** A refused entry of a new password, in the shape the app shows errors in (`data-code`, `data-reason`). */
export interface NewPasswordRefusal {
  code: 'WEAK_PASSWORD' | 'MISMATCH'
  reason?: WeakPasswordReason
}

/**
 * One entry of a new password typed twice: the first against the weak rules the app can check
 * (it sees the ID masked, so no context; the server checks the rest), the second against the first.
 * Null when the entry is accepted.
 */
export function refuseNewPasswordEntry(entry: 'first' | 'second', value: string, first = ''): NewPasswordRefusal | null {
  if (entry === 'first') {
    const reason = weakPasswordReason(value)
    return reason ? { code: 'WEAK_PASSWORD', reason } : null
  }
  return confirmPasswordReason(first, value) ? { code: 'MISMATCH' } : null
}
