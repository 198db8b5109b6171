import { daysLeftText, evaluateDeadline, normaliseDayInput, PROBLEM_TEXT } from '../../src/components/GuideDeadlineHelper/deadlineInput'
import { GUIDE_UI } from '../../src/content/guide/ui'

describe('reading a typed day', () => {
  it('keeps the canonical form', () => {
    expect(normaliseDayInput('2026-11-25')).toBe('2026-11-25')
  })

  it('trims and pads, and accepts / . 年月日 and compact digits', () => {
    expect(normaliseDayInput('  2026-11-25 ')).toBe('2026-11-25')
    expect(normaliseDayInput('2026-1-5')).toBe('2026-01-05')
    expect(normaliseDayInput('2026/11/25')).toBe('2026-11-25')
    expect(normaliseDayInput('2026.3.7')).toBe('2026-03-07')
    expect(normaliseDayInput('2026年11月25日')).toBe('2026-11-25')
    expect(normaliseDayInput('2026年3月7')).toBe('2026-03-07')
    expect(normaliseDayInput('20261125')).toBe('2026-11-25')
    expect(normaliseDayInput('２０２６－１１－２５')).toBe('2026-11-25')
    expect(normaliseDayInput('2026 - 11 - 25')).toBe('2026-11-25')
  })

  it('leaves what it cannot read for the parser to refuse', () => {
    expect(normaliseDayInput('25/11/2026')).toBe('25/11/2026')
    expect(normaliseDayInput('2026-11/25')).toBe('2026-11/25')
    expect(normaliseDayInput('yesterday')).toBe('yesterday')
    expect(normaliseDayInput('2026-111-5')).toBe('2026-111-5')
  })
})

describe('evaluating the deadline', () => {
  const today = '2026-11-25' as const

  it('establishment (Article 57): last day, days left and the examination after the last day', () => {
    expect(evaluateDeadline('establishment', '2026-11-10', today)).toEqual({
      ok: true,
      kind: 'establishment',
      article: 57,
      eventDay: '2026-11-10',
      lastDay: '2026-12-10',
      daysLeft: 15,
      overdue: false,
      examDay: '2026-12-25',
      examBasis: 'last-day',
      mayExtendIfHoliday: true,
    })
  })

  it('employment (Article 58), typed loosely', () => {
    expect(evaluateDeadline('employment', '2026/11/1', today)).toMatchObject({ ok: true, article: 58, eventDay: '2026-11-01', lastDay: '2026-12-01', daysLeft: 6, examDay: '2026-12-16' })
  })

  it('the event today gives the full 30 days', () => {
    expect(evaluateDeadline('employment', today, today)).toMatchObject({ ok: true, lastDay: '2026-12-25', daysLeft: 30 })
  })

  it('overdue: counts the days late and the examination from an application today', () => {
    expect(evaluateDeadline('employment', '2026-09-01', today)).toMatchObject({
      ok: true,
      lastDay: '2026-10-01',
      daysLeft: -55,
      overdue: true,
      examDay: '2026-12-10',
      examBasis: 'today',
    })
  })

  it('names the problem with each bad input', () => {
    expect(evaluateDeadline('employment', '', today)).toEqual({ ok: false, problem: 'EMPTY' })
    expect(evaluateDeadline('employment', '   ', today)).toEqual({ ok: false, problem: 'EMPTY' })
    expect(evaluateDeadline('employment', 'next Monday', today)).toEqual({ ok: false, problem: 'FORMAT' })
    expect(evaluateDeadline('employment', '25/11/2026', today)).toEqual({ ok: false, problem: 'FORMAT' })
    expect(evaluateDeadline('employment', '2026-02-30', today)).toEqual({ ok: false, problem: 'NOT_A_DAY' })
    expect(evaluateDeadline('employment', '2026-13-01', today)).toEqual({ ok: false, problem: 'NOT_A_DAY' })
    expect(evaluateDeadline('establishment', '1900-01-01', today)).toEqual({ ok: false, problem: 'OUT_OF_RANGE' })
    expect(evaluateDeadline('establishment', '2026-11-26', today)).toEqual({ ok: false, problem: 'IN_FUTURE' })
  })

  it('has words for every problem', () => {
    for (const key of Object.values(PROBLEM_TEXT)) expect(GUIDE_UI[key]).toBeDefined()
  })

  it('treats a bad today as a bug, not as input', () => {
    expect(() => evaluateDeadline('employment', '2026-11-01', '2026-02-30' as never)).toThrow(RangeError)
  })
})

describe('days left in words', () => {
  it('picks singular, plural, today and overdue', () => {
    expect(daysLeftText(0)).toEqual({ key: 'daysLeftToday', n: 0 })
    expect(daysLeftText(1)).toEqual({ key: 'daysLeftOne', n: 1 })
    expect(daysLeftText(15)).toEqual({ key: 'daysLeftMany', n: 15 })
    expect(daysLeftText(-1)).toEqual({ key: 'overdueOne', n: 1 })
    expect(daysLeftText(-55)).toEqual({ key: 'overdueMany', n: 55 })
  })
})
