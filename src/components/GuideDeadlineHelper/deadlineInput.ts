import {
  examinationWindow,
  registrationDeadline,
  type CalendarDay,
  type CalendarDayProblem,
  type RegistrationKind,
} from '../../domain/deadlines'
import type { GuideUiKey } from '../../content/guide/ui'

/**
 * What the deadline helper shows for what the person typed or picked: pure, so the page only
 * renders. The rules themselves (the 30-day and 15-day windows) are src/domain/deadlines.ts.
 */

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0D\uFF0F\uFF0E]/g

/**
 * A typed day in the canonical `YYYY-MM-DD`, as far as it can be read: trims, turns full-width
 * digits and separators into ASCII, and accepts `/` or `.` as separators, one-digit months and days,
 * `2026年11月25日` and the compact `20261125`. Anything else comes back trimmed but otherwise as
 * typed, for parseCalendarDay to refuse with FORMAT.
 */
export function normaliseDayInput(text: string): string {
  const ascii = text
    .trim()
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
  const written = /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(ascii)
  const separated = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(ascii)
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(ascii)
  let ymd: [string, string, string] | null = null
  if (written) ymd = [written[1], written[2], written[3]]
  else if (separated) ymd = [separated[1], separated[3], separated[4]]
  else if (compact) ymd = [compact[1], compact[2], compact[3]]
  if (!ymd) return ascii
  return `${ymd[0]}-${ymd[1].padStart(2, '0')}-${ymd[2].padStart(2, '0')}`
}

export type DeadlineInputProblem = 'EMPTY' | CalendarDayProblem | 'IN_FUTURE'

/** The words for each problem with the typed day, in src/content/guide/ui.ts. */
export const PROBLEM_TEXT: { readonly [P in DeadlineInputProblem]: GuideUiKey } = {
  EMPTY: 'problemEmpty',
  FORMAT: 'problemFormat',
  NOT_A_DAY: 'problemNotADay',
  OUT_OF_RANGE: 'problemOutOfRange',
  IN_FUTURE: 'problemInFuture',
}

export interface DeadlineView {
  ok: true
  kind: RegistrationKind
  article: 57 | 58
  eventDay: CalendarDay
  lastDay: CalendarDay
  daysLeft: number
  overdue: boolean
  /**
   * When the agency's 15 days (Article 57) end: counted from the last day while it is still ahead,
   * and from today once it has passed (applying on a past day is no longer possible).
   */
  examDay: CalendarDay
  examBasis: 'last-day' | 'today'
  mayExtendIfHoliday: boolean
}

export type DeadlineEvaluation = DeadlineView | { ok: false; problem: DeadlineInputProblem }

export function evaluateDeadline(kind: RegistrationKind, input: string, today: CalendarDay): DeadlineEvaluation {
  if (input.trim() === '') return { ok: false, problem: 'EMPTY' }
  const eventDay = normaliseDayInput(input) as CalendarDay
  const result = registrationDeadline({ kind, eventDay, today })
  if (!result.ok) {
    // `today` comes from chinaToday(), never from the person: a refusal of it is a bug, not input.
    if (result.field === 'today') throw new RangeError(`today is not a calendar day: ${today}`)
    return { ok: false, problem: result.problem }
  }
  return {
    ok: true,
    kind,
    article: result.article,
    eventDay,
    lastDay: result.lastDay,
    daysLeft: result.daysLeft,
    overdue: result.overdue,
    examDay: result.overdue ? examinationWindow(today).lastDay : result.examinationLastDay,
    examBasis: result.overdue ? 'today' : 'last-day',
    mayExtendIfHoliday: result.mayExtendIfHoliday,
  }
}

/** Which words say how far the last day is, and the number to put in them. */
export function daysLeftText(daysLeft: number): { key: GuideUiKey; n: number } {
  if (daysLeft === 0) return { key: 'daysLeftToday', n: 0 }
  if (daysLeft > 0) return { key: daysLeft === 1 ? 'daysLeftOne' : 'daysLeftMany', n: daysLeft }
  const late = -daysLeft
  return { key: late === 1 ? 'overdueOne' : 'overdueMany', n: late }
}
