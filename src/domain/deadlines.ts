/**
 * Calendar days and the registration windows of the PRC Social Insurance Law (articles 57, 58).
 *
 * Pure: the caller passes every date, nothing here reads the clock. Days are calendar days in
 * China (Asia/Shanghai, UTC+8 all year, no DST) written `YYYY-MM-DD`, so they compare as strings
 * and never shift with the runtime's time zone. Arithmetic goes through Date.UTC only (no Intl),
 * because the Alipay runtime may ship without ICU data.
 *
 * How a window is counted (as Civil Code art. 201 and 203 put it, and administrative practice follows):
 * the day of the event is not counted and the period starts the next day, so "within 30 days
 * from the date of X" ends at the end of X + 30 days. When that last day is a weekend or a public
 * holiday the period runs on to the next working day. We keep no holiday calendar (it changes
 * every year by State Council notice), so we return the plain last day and flag
 * `mayExtendIfHoliday: true`; the UI should say the day may move later, never earlier.
 */

export type CalendarDay = `${number}-${number}-${number}`

export type CalendarDayProblem =
  | 'FORMAT'        // not YYYY-MM-DD
  | 'NOT_A_DAY'     // e.g. 2026-02-29, 2026-04-31
  | 'OUT_OF_RANGE'  // before 1949-10-01 or after 2100-12-31

export type ParsedCalendarDay = { ok: true; day: CalendarDay } | { ok: false; problem: CalendarDayProblem }

/** Earliest and latest day we accept from input: the founding of the PRC, and a sane horizon. */
export const FIRST_DAY: CalendarDay = '1949-10-01'
export const LAST_DAY: CalendarDay = '2100-12-31'

/** Article 57 (units) and 58 (employees): "within 30 days from the date of ...". */
export const REGISTRATION_WINDOW_DAYS = 30
/** Article 57: the agency examines "within fifteen days from the date of receiving the application". */
export const EXAMINATION_WINDOW_DAYS = 15

const MS_PER_DAY = 86_400_000
const CHINA_OFFSET_MS = 8 * 3_600_000

/** The calendar day in China at `instant` (2026-11-25T16:30:00Z is 2026-11-26 there). */
export function chinaToday(instant: Date): CalendarDay {
  const ms = instant.getTime()
  if (Number.isNaN(ms)) throw new RangeError('chinaToday needs a valid Date')
  return fromEpochDay(Math.floor((ms + CHINA_OFFSET_MS) / MS_PER_DAY))
}

export function parseCalendarDay(s: string): ParsedCalendarDay {
  const ymd = readDay(s)
  if (typeof ymd === 'string') return { ok: false, problem: ymd }
  if (s < FIRST_DAY || s > LAST_DAY) return { ok: false, problem: 'OUT_OF_RANGE' }
  return { ok: true, day: s as CalendarDay }
}

/** `day` moved by `n` whole days (negative goes back); exact across month ends and leap years. */
export function addDays(day: CalendarDay, n: number): CalendarDay {
  if (!Number.isInteger(n)) throw new RangeError('addDays needs a whole number of days')
  return fromEpochDay(toEpochDay(day) + n)
}

/** Days from `a` to `b`: positive when `b` is later, 0 on the same day. */
export function daysBetween(a: CalendarDay, b: CalendarDay): number {
  return toEpochDay(b) - toEpochDay(a)
}

export interface StatutoryWindow {
  /** The last day of the period, before any weekend or holiday extension. */
  lastDay: CalendarDay
  /** Always true: a last day on a weekend or public holiday moves to the next working day. */
  mayExtendIfHoliday: true
}

/**
 * Article 57: the agency examines and issues the certificate within 15 days from receiving the
 * application. The law writes 日 (calendar days); some local rules promise working days, which
 * only ever makes the real day later.
 */
export function examinationWindow(applicationDay: CalendarDay): StatutoryWindow {
  return { lastDay: addDays(applicationDay, EXAMINATION_WINDOW_DAYS), mayExtendIfHoliday: true }
}

export type RegistrationKind = 'establishment' | 'employment'

export interface RegistrationDeadlineInput {
  /** `establishment`: the unit itself (Article 57); `employment`: one employee (Article 58). */
  kind: RegistrationKind
  /** The day the unit was established, or the day the employee started work. */
  eventDay: CalendarDay
  /** China's calendar day now: pass `chinaToday(new Date())`. */
  today: CalendarDay
}

export interface RegistrationDeadline extends StatutoryWindow {
  ok: true
  kind: RegistrationKind
  article: 57 | 58
  /** Days from today to the last day: 0 on the last day, negative once it has passed. */
  daysLeft: number
  overdue: boolean
  /** The latest the agency must finish examining if the application is made on the last day. */
  examinationLastDay: CalendarDay
}

export type RegistrationDeadlineProblem = CalendarDayProblem | 'IN_FUTURE'

export interface RegistrationDeadlineRefusal {
  ok: false
  problem: RegistrationDeadlineProblem
  /** Which input is at fault. */
  field: 'eventDay' | 'today'
}

/** The registration window of Article 57 or 58, counted from `eventDay` and seen from `today`. */
export function registrationDeadline(input: RegistrationDeadlineInput): RegistrationDeadline | RegistrationDeadlineRefusal {
  // Inputs may come straight from a form, so they are checked again here.
  const today = parseCalendarDay(input.today)
  if (!today.ok) return { ok: false, problem: today.problem, field: 'today' }
  const event = parseCalendarDay(input.eventDay)
  if (!event.ok) return { ok: false, problem: event.problem, field: 'eventDay' }
  if (event.day > today.day) return { ok: false, problem: 'IN_FUTURE', field: 'eventDay' }

  const lastDay = addDays(event.day, REGISTRATION_WINDOW_DAYS)
  const daysLeft = daysBetween(today.day, lastDay)
  return {
    ok: true,
    kind: input.kind,
    article: input.kind === 'establishment' ? 57 : 58,
    lastDay,
    mayExtendIfHoliday: true,
    daysLeft,
    overdue: daysLeft < 0,
    examinationLastDay: examinationWindow(lastDay).lastDay,
  }
}

const EN_MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const

/** 2026年11月25日 / 25 November 2026, built by hand so it does not depend on the runtime's ICU. */
export function formatCalendarDay(day: CalendarDay, locale: 'zh-CN' | 'en-US'): string {
  const [y, m, d] = splitDay(day)
  return locale === 'zh-CN' ? `${y}年${m}月${d}日` : `${d} ${EN_MONTHS[m - 1]} ${y}`
}

// --- epoch-day arithmetic: days since 1970-01-01, in UTC so no local offset can creep in ---------

/** [year, month, day], or why the string is not a day. */
function readDay(s: string): [number, number, number] | 'FORMAT' | 'NOT_A_DAY' {
  const m = /^([1-9]\d{3})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return 'FORMAT'
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return 'NOT_A_DAY'
  return [y, mo, d]
}

/** Typed days that are not days are a programming error, not user input: throw. */
function splitDay(day: CalendarDay): [number, number, number] {
  const ymd = readDay(day)
  if (typeof ymd === 'string') throw new RangeError(`not a calendar day: ${day}`)
  return ymd
}

function toEpochDay(day: CalendarDay): number {
  const [y, m, d] = splitDay(day)
  return Date.UTC(y, m - 1, d) / MS_PER_DAY
}

function fromEpochDay(epochDay: number): CalendarDay {
  const date = new Date(epochDay * MS_PER_DAY)
  const y = date.getUTCFullYear()
  if (y < 1000 || y > 9999) throw new RangeError('day outside years 1000-9999')
  const mm = String(date.getUTCMonth() + 1).padStart(2, '0')
  const dd = String(date.getUTCDate()).padStart(2, '0')
  return `${y}-${mm}-${dd}` as CalendarDay
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28
  return [4, 6, 9, 11].includes(m) ? 30 : 31
}
