import {
  addDays,
  chinaToday,
  daysBetween,
  examinationWindow,
  formatCalendarDay,
  parseCalendarDay,
  registrationDeadline,
  type CalendarDay,
} from '../../src/domain/deadlines'

describe('calendar days', () => {
  it('parses real days and names the problem with the others', () => {
    expect(parseCalendarDay('2026-11-25')).toEqual({ ok: true, day: '2026-11-25' })
    expect(parseCalendarDay('2028-02-29')).toEqual({ ok: true, day: '2028-02-29' })
    expect(parseCalendarDay('2000-02-29')).toEqual({ ok: true, day: '2000-02-29' })
    expect(parseCalendarDay('2026-02-29')).toEqual({ ok: false, problem: 'NOT_A_DAY' })
    expect(parseCalendarDay('2100-02-29')).toEqual({ ok: false, problem: 'NOT_A_DAY' })
    expect(parseCalendarDay('2026-04-31')).toEqual({ ok: false, problem: 'NOT_A_DAY' })
    expect(parseCalendarDay('2026-13-01')).toEqual({ ok: false, problem: 'NOT_A_DAY' })
    expect(parseCalendarDay('2026-00-10')).toEqual({ ok: false, problem: 'NOT_A_DAY' })
    for (const bad of ['', '2026-1-5', '2026/11/25', '20261125', ' 2026-11-25', '2026-11-25T00:00', 'abcd-ef-gh']) {
      expect(parseCalendarDay(bad)).toEqual({ ok: false, problem: 'FORMAT' })
    }
  })

  it('accepts 1949-10-01 to 2100-12-31 only', () => {
    expect(parseCalendarDay('1949-10-01').ok).toBe(true)
    expect(parseCalendarDay('2100-12-31').ok).toBe(true)
    expect(parseCalendarDay('1949-09-30')).toEqual({ ok: false, problem: 'OUT_OF_RANGE' })
    expect(parseCalendarDay('2101-01-01')).toEqual({ ok: false, problem: 'OUT_OF_RANGE' })
  })

  it('adds days exactly across month ends, year ends and leap years', () => {
    expect(addDays('2026-01-31', 30)).toBe('2026-03-02')
    expect(addDays('2028-01-31', 30)).toBe('2028-03-01')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01')
    expect(addDays('2026-12-15', 30)).toBe('2027-01-14')
    expect(addDays('2026-03-02', -30)).toBe('2026-01-31')
    expect(addDays('2026-11-25', 0)).toBe('2026-11-25')
  })

  it('counts the days between two days, signed', () => {
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365)
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366)
    expect(daysBetween('2026-11-25', '2026-11-20')).toBe(-5)
    expect(daysBetween('2026-11-25', '2026-11-25')).toBe(0)
  })

  it('refuses typed days that are not days', () => {
    expect(() => addDays('2026-02-29' as CalendarDay, 1)).toThrow(RangeError)
    expect(() => addDays('2026-11-25', 1.5)).toThrow(RangeError)
  })
})

describe('chinaToday', () => {
  it('turns an instant into the calendar day in China (UTC+8)', () => {
    expect(chinaToday(new Date('2026-11-25T15:59:59Z'))).toBe('2026-11-25')
    expect(chinaToday(new Date('2026-11-25T16:00:00Z'))).toBe('2026-11-26')
    expect(chinaToday(new Date('2026-11-25T16:30:00Z'))).toBe('2026-11-26')
    expect(chinaToday(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01')
    expect(chinaToday(new Date('2028-02-28T16:00:00Z'))).toBe('2028-02-29')
  })

  it('refuses an invalid Date', () => {
    expect(() => chinaToday(new Date('not a date'))).toThrow(RangeError)
  })
})

describe('statutory windows', () => {
  it('examination: fifteen days from receiving the application, not counting that day', () => {
    expect(examinationWindow('2026-11-25')).toEqual({ lastDay: '2026-12-10', mayExtendIfHoliday: true })
    expect(examinationWindow('2028-02-20')).toEqual({ lastDay: '2028-03-06', mayExtendIfHoliday: true })
    expect(examinationWindow('2026-02-20')).toEqual({ lastDay: '2026-03-07', mayExtendIfHoliday: true })
  })

  it('employment (Article 58): 30 days from the day after employment, with days left', () => {
    expect(registrationDeadline({ kind: 'employment', eventDay: '2026-11-01', today: '2026-11-25' })).toEqual({
      ok: true,
      kind: 'employment',
      article: 58,
      lastDay: '2026-12-01',
      mayExtendIfHoliday: true,
      daysLeft: 6,
      overdue: false,
      examinationLastDay: '2026-12-16',
    })
  })

  it('establishment (Article 57): a window crossing February in a leap and a non-leap year', () => {
    const leap = registrationDeadline({ kind: 'establishment', eventDay: '2028-02-15', today: '2028-02-15' })
    expect(leap).toMatchObject({ ok: true, article: 57, lastDay: '2028-03-16', daysLeft: 30, overdue: false, examinationLastDay: '2028-03-31' })
    const common = registrationDeadline({ kind: 'establishment', eventDay: '2026-02-15', today: '2026-02-15' })
    expect(common).toMatchObject({ ok: true, article: 57, lastDay: '2026-03-17', daysLeft: 30, overdue: false, examinationLastDay: '2026-04-01' })
  })

  it('a unit established on 31 January has until 2 March (non-leap year)', () => {
    expect(registrationDeadline({ kind: 'establishment', eventDay: '2026-01-31', today: '2026-02-10' }))
      .toMatchObject({ lastDay: '2026-03-02', daysLeft: 20 })
  })

  it('is on time on the last day and overdue from the next', () => {
    const onLastDay = registrationDeadline({ kind: 'employment', eventDay: '2026-11-01', today: '2026-12-01' })
    expect(onLastDay).toMatchObject({ daysLeft: 0, overdue: false })
    const dayAfter = registrationDeadline({ kind: 'employment', eventDay: '2026-11-01', today: '2026-12-02' })
    expect(dayAfter).toMatchObject({ daysLeft: -1, overdue: true })
    const muchLater = registrationDeadline({ kind: 'employment', eventDay: '2026-01-01', today: '2026-11-25' })
    expect(muchLater).toMatchObject({ lastDay: '2026-01-31', daysLeft: -298, overdue: true })
  })

  it('refuses an event day after today', () => {
    expect(registrationDeadline({ kind: 'employment', eventDay: '2026-11-26', today: '2026-11-25' }))
      .toEqual({ ok: false, problem: 'IN_FUTURE', field: 'eventDay' })
  })

  it('names the bad input and its problem', () => {
    expect(registrationDeadline({ kind: 'employment', eventDay: '2026-02-29' as CalendarDay, today: '2026-11-25' }))
      .toEqual({ ok: false, problem: 'NOT_A_DAY', field: 'eventDay' })
    expect(registrationDeadline({ kind: 'establishment', eventDay: '1900-01-01' as CalendarDay, today: '2026-11-25' }))
      .toEqual({ ok: false, problem: 'OUT_OF_RANGE', field: 'eventDay' })
    expect(registrationDeadline({ kind: 'establishment', eventDay: '2026-11-01', today: '25/11/2026' as CalendarDay }))
      .toEqual({ ok: false, problem: 'FORMAT', field: 'today' })
  })
})

describe('formatCalendarDay', () => {
  it('writes the day in Chinese and in English without Intl', () => {
    expect(formatCalendarDay('2026-11-25', 'zh-CN')).toBe('2026年11月25日')
    expect(formatCalendarDay('2026-11-25', 'en-US')).toBe('25 November 2026')
    expect(formatCalendarDay('2028-02-09', 'zh-CN')).toBe('2028年2月9日')
    expect(formatCalendarDay('2028-02-09', 'en-US')).toBe('9 February 2028')
    expect(formatCalendarDay('2027-01-01', 'en-US')).toBe('1 January 2027')
  })
})
