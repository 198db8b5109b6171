import type { ReactNode } from 'react'
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import GuidePage from '../../src/pages/guide/index'
import { LAW_ARTICLES, PHYSICAL_CARD_CHECKLIST, ROUTES, ROUTE_ANSWERS, findArticle, type RouteAnswer } from '../../src/content/guide'
import { GUIDE_UI } from '../../src/content/guide/ui'
import { resetHost, taro } from '../mocks/testUtils'

jest.mock('../../src/services/platform', () => jest.requireActual('../mocks/services').platformMock())

// The shared stand-in has no Picker: add one that hands the test's value to onChange like Taro's
// date picker does ({ detail: { value: 'YYYY-MM-DD' } }).
jest.mock('@tarojs/components', () => {
  const actual = jest.requireActual('../mocks/tarojs-components')
  function Picker(props: {
    children?: ReactNode
    mode: string
    value: string
    start?: string
    end?: string
    textProps?: { okText?: string; cancelText?: string }
    onChange: (e: { detail: { value: string } }) => void
  }) {
    return (
      <div data-testid="picker-stub" data-mode={props.mode} data-value={props.value} data-start={props.start} data-end={props.end} data-ok={props.textProps?.okText} data-cancel={props.textProps?.cancelText}>
        <input data-testid="picker-stub-input" onChange={(e) => props.onChange({ detail: { value: e.target.value } })} />
        {props.children}
      </div>
    )
  }
  return { ...actual, Picker }
})

const pageScrollTo = jest.fn((_opts: { selector?: string }) => Promise.resolve({ errMsg: 'pageScrollTo:ok' }))
const host = Taro as unknown as { pageScrollTo?: typeof pageScrollTo }

beforeEach(() => {
  resetHost('zh-CN')
  host.pageScrollTo = pageScrollTo
  pageScrollTo.mockClear()
})
afterEach(() => {
  delete host.pageScrollTo
  Reflect.deleteProperty(process.env, 'TARO_ENV')
  jest.useRealTimers()
})

const text = (testId: string) => screen.getByTestId(testId).textContent ?? ''

function choose(answer: RouteAnswer) {
  fireEvent.click(screen.getByTestId(`route-${answer}`))
}

/** China's 25 November 2026, 10:00 (02:00 UTC). */
function at(instant: string) {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] })
  jest.setSystemTime(new Date(instant))
}

describe('guide page', () => {
  it('opens on the route finder, with nothing chosen yet', () => {
    const { container } = render(<GuidePage />)
    expect(container.querySelector('[data-step="guide"]')).not.toBeNull()
    expect(text('guide-title')).toBe(GUIDE_UI.title['zh-CN'])
    expect(taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '社保卡办理指南' })
    const group = within(screen.getByTestId('route-finder')).getByRole('radiogroup')
    expect(within(group).getAllByRole('radio').map((r) => r.getAttribute('data-testid'))).toEqual(['route-employee', 'route-job-seeker', 'route-flexible', 'route-employer'])
    expect(within(group).getAllByRole('radio').map((r) => r.getAttribute('aria-checked'))).toEqual(['false', 'false', 'false', 'false'])
    expect(screen.queryByTestId('route-result')).toBeNull()
    expect(screen.queryByTestId('deadline-helper')).toBeNull()
    // Everyone sees the checklist and the law without choosing.
    expect(screen.getByTestId('checklist')).toBeTruthy()
    for (const article of LAW_ARTICLES) expect(screen.getByTestId(`law-article-${article.number}`).getAttribute('data-expanded')).toBe('false')
  })

  it.each(ROUTE_ANSWERS.map((a) => [a]))('%s: shows what applies, in Chinese and English, with its article links', (answer) => {
    const route = ROUTES[answer]
    const { unmount } = render(<GuidePage />)
    choose(answer)
    const result = screen.getByTestId('route-result')
    expect(result.getAttribute('data-route')).toBe(answer)
    expect(screen.getByTestId(`route-${answer}`).getAttribute('aria-checked')).toBe('true')
    expect(text('route-summary')).toBe(route.summary['zh-CN'])
    for (const point of route.points) expect(result.textContent).toContain(point['zh-CN'])
    expect(screen.getByTestId('route-visit').getAttribute('data-visit-needed')).toBe(String(route.visitNeeded))
    const links = within(result).getAllByRole('link').map((l) => l.getAttribute('data-testid')).filter((id) => id!.startsWith('route-article-link-'))
    expect(links).toEqual(route.articles.map((n) => `route-article-link-${n}`))
    for (const n of route.articles) expect(text(`route-article-link-${n}`)).toContain(findArticle(n)!.title['zh-CN'])
    expect(screen.queryByTestId('route-checklist-link') !== null).toBe(route.physicalCardChecklist)
    expect(screen.queryByTestId('deadline-helper') !== null).toBe(route.deadlineHelper)
    unmount()

    resetHost('en-US')
    render(<GuidePage />)
    choose(answer)
    expect(text('route-summary')).toBe(route.summary['en-US'])
    for (const point of route.points) expect(text('route-result')).toContain(point['en-US'])
    for (const n of route.articles) expect(text(`route-article-link-${n}`)).toBe(`Read Article ${n} in full ›`)
  })

  it('says what the article and the law say for each answer', () => {
    resetHost('en-US')
    render(<GuidePage />)
    choose('employee')
    expect(text('route-result')).toMatch(/employer registers you and handles your card in a unified way/)
    expect(text('route-visit')).toBe('No visit needed')
    choose('job-seeker')
    expect(text('route-result')).toMatch(/public employment service agency or an institution designated by the labour department/)
    expect(text('route-visit')).toBe('A visit is needed')
    choose('flexible')
    expect(text('route-result')).toMatch(/Apply to the social insurance agency for registration yourself \(Article 58\)/)
    choose('employer')
    expect(text('route-result')).toMatch(/within 30 days of its establishment/)
    expect(text('route-result')).toMatch(/each employee within 30 days of employment/)
    expect(text('route-result')).toMatch(/within 15 days/)
  })

  it.each(ROUTE_ANSWERS.flatMap((a) => ROUTES[a].articles.map((n) => [a, n] as const)))('%s: tapping the link to article %i opens its full text and scrolls to it', (answer, n) => {
    jest.useFakeTimers()
    render(<GuidePage />)
    choose(answer)
    const article = findArticle(n)!
    expect(screen.queryByTestId(`law-article-${n}-text`)).toBeNull()
    fireEvent.click(screen.getByTestId(`route-article-link-${n}`))
    expect(screen.getByTestId(`law-article-${n}`).getAttribute('data-expanded')).toBe('true')
    const full = text(`law-article-${n}-text`)
    for (const p of article.paragraphs) expect(full).toContain(p['zh-CN'])
    act(() => {
      jest.advanceTimersByTime(100)
    })
    expect(pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: `#law-article-${n}` }))
    expect(document.getElementById(`law-article-${n}`)).toBe(screen.getByTestId(`law-article-${n}`))
    // Tapping it again keeps it open and scrolls again.
    fireEvent.click(screen.getByTestId(`route-article-link-${n}`))
    act(() => {
      jest.advanceTimersByTime(100)
    })
    expect(screen.getByTestId(`law-article-${n}`).getAttribute('data-expanded')).toBe('true')
    expect(pageScrollTo).toHaveBeenCalledTimes(2)
  })

  it('folds each article open and shut on its own, in English too', () => {
    resetHost('en-US')
    render(<GuidePage />)
    for (const article of LAW_ARTICLES) {
      const toggle = screen.getByTestId(`law-article-${article.number}-toggle`)
      expect(toggle.getAttribute('aria-expanded')).toBe('false')
      expect(text(`law-article-${article.number}`)).toContain(article.summary['en-US'])
      fireEvent.click(toggle)
      expect(toggle.getAttribute('aria-expanded')).toBe('true')
      expect(text(`law-article-${article.number}-text`)).toBe(article.paragraphs.map((p) => p['en-US']).join(''))
    }
    fireEvent.click(screen.getByTestId('law-article-57-toggle'))
    expect(screen.queryByTestId('law-article-57-text')).toBeNull()
    expect(screen.getByTestId('law-article-58-text')).toBeTruthy()
    expect(text('law-articles')).toContain("People's Republic of China (PRC) social insurance law")
  })

  it('survives a host without pageScrollTo', () => {
    jest.useFakeTimers()
    delete host.pageScrollTo
    render(<GuidePage />)
    choose('employer')
    fireEvent.click(screen.getByTestId('route-article-link-57'))
    act(() => {
      jest.advanceTimersByTime(100)
    })
    expect(screen.getByTestId('law-article-57-text')).toBeTruthy()
  })

  it('links the checklist from the routes that need it', () => {
    jest.useFakeTimers()
    render(<GuidePage />)
    choose('job-seeker')
    fireEvent.click(screen.getByTestId('route-checklist-link'))
    act(() => {
      jest.advanceTimersByTime(100)
    })
    expect(pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#guide-checklist' }))
    expect(screen.getByTestId('checklist').id).toBe('guide-checklist')
  })
})

describe('physical-card checklist', () => {
  it('lists what to bring, in order, and what happens next', () => {
    render(<GuidePage />)
    const checklist = screen.getByTestId('checklist')
    const items = within(checklist).getAllByRole('listitem')
    expect(items.map((i) => i.getAttribute('data-testid'))).toEqual([
      ...PHYSICAL_CARD_CHECKLIST.items.map((i) => `checklist-item-${i.id}`),
      ...PHYSICAL_CARD_CHECKLIST.nextSteps.map((i) => `checklist-next-${i.id}`),
    ])
    expect(text('checklist-item-id-card-original')).toContain('本人有效身份证原件')
    expect(text('checklist-item-declaration-form')).toContain('申报登记表')
    expect(text('checklist-item-id-card-copies')).toContain('身份证复印件')
    expect(text('checklist-item-photos')).toContain('照片')
    expect(text('checklist-next-notice')).toContain('通知')
    expect(text('checklist-next-collect-card')).toContain('新的社保卡')
  })

  it('in English', () => {
    resetHost('en-US')
    render(<GuidePage />)
    const t = text('checklist')
    expect(t).toContain('Your original, valid ID card')
    expect(t).toContain('declaration registration form')
    expect(t).toContain('Copies of your ID card')
    expect(t).toContain('Photos')
    expect(t).toContain('you receive a notice')
    expect(t).toContain('collect your new social security card')
  })
})

describe('deadline helper', () => {
  function openHelper() {
    render(<GuidePage />)
    choose('employer')
    return screen.getByTestId('deadline-helper')
  }
  function enter(day: string) {
    fireEvent.change(screen.getByTestId('deadline-date-input'), { target: { value: day } })
  }
  const day = (testId: string) => screen.getByTestId(testId).getAttribute('data-day')

  it('establishment (Article 57): the last day, days left and the examination window, in Chinese', () => {
    at('2026-11-25T02:00:00Z')
    openHelper()
    expect(text('deadline-today')).toContain('2026年11月25日')
    fireEvent.click(screen.getByTestId('deadline-kind-establishment'))
    expect(screen.getByTestId('deadline-kind-establishment').getAttribute('aria-checked')).toBe('true')
    enter('2026-11-10')
    expect(text('deadline-last-day')).toBe('2026年12月10日')
    expect(day('deadline-last-day')).toBe('2026-12-10')
    expect(text('deadline-days-left')).toBe('还剩 15 天')
    expect(text('deadline-exam-day')).toBe('2026年12月25日')
    expect(screen.getByTestId('deadline-exam-day').getAttribute('data-basis')).toBe('last-day')
    expect(text('deadline-holiday-note')).toContain('顺延')
    expect(text('deadline-result')).toContain('营业执照')
    expect(screen.queryByTestId('deadline-error')).toBeNull()
  })

  it('employment (Article 58): counted from the day after the first day of work', () => {
    at('2026-11-25T02:00:00Z')
    openHelper()
    fireEvent.click(screen.getByTestId('deadline-kind-employment'))
    expect(screen.getByTestId('deadline-kind-establishment').getAttribute('aria-checked')).toBe('false')
    enter('2026-11-01')
    expect(screen.getByTestId('deadline-result').getAttribute('data-kind')).toBe('employment')
    expect(day('deadline-last-day')).toBe('2026-12-01')
    expect(text('deadline-days-left')).toBe('还剩 6 天')
    expect(day('deadline-exam-day')).toBe('2026-12-16')
    // Switching the kind keeps the day and recomputes.
    fireEvent.click(screen.getByTestId('deadline-kind-establishment'))
    expect(screen.getByTestId('deadline-result').getAttribute('data-kind')).toBe('establishment')
    expect(day('deadline-last-day')).toBe('2026-12-01')
  })

  it("uses China's date, not the phone's: 16:30 UTC on 25 November is already the 26th", () => {
    at('2026-11-25T16:30:00Z')
    openHelper()
    expect(screen.getByTestId('deadline-today').getAttribute('data-day')).toBe('2026-11-26')
    enter('2026-11-26')
    expect(day('deadline-last-day')).toBe('2026-12-26')
    expect(text('deadline-days-left')).toBe('还剩 30 天')
  })

  it('the last day itself, and overdue the day after, with the examination from today', () => {
    at('2026-12-01T02:00:00Z')
    openHelper()
    fireEvent.click(screen.getByTestId('deadline-kind-employment'))
    enter('2026-11-01')
    expect(text('deadline-days-left')).toBe('今天是最后一天')
    expect(screen.getByTestId('deadline-days-left').getAttribute('data-overdue')).toBe('false')
    enter('2026-10-31')
    expect(day('deadline-last-day')).toBe('2026-11-30')
    expect(text('deadline-days-left')).toBe('已逾期 1 天')
    enter('2026-09-01')
    expect(day('deadline-last-day')).toBe('2026-10-01')
    expect(text('deadline-days-left')).toBe('已逾期 61 天')
    expect(screen.getByTestId('deadline-days-left').getAttribute('data-overdue')).toBe('true')
    expect(screen.getByTestId('deadline-exam-day').getAttribute('data-basis')).toBe('today')
    expect(day('deadline-exam-day')).toBe('2026-12-16')
    expect(text('deadline-overdue-advice')).toContain('尽快')
  })

  it('says what is wrong with each bad date, once the person asks', () => {
    at('2026-11-25T02:00:00Z')
    openHelper()
    fireEvent.click(screen.getByTestId('deadline-calculate'))
    expect(screen.getByTestId('deadline-error').getAttribute('data-problem')).toBe('EMPTY')
    expect(screen.getByTestId('deadline-error').getAttribute('role')).toBe('alert')
    expect(text('deadline-error')).toBe(GUIDE_UI.problemEmpty['zh-CN'])

    const cases: Array<[string, string, string]> = [
      ['25/11/2026', 'FORMAT', GUIDE_UI.problemFormat['zh-CN']],
      ['2026-02-30', 'NOT_A_DAY', GUIDE_UI.problemNotADay['zh-CN']],
      ['1900-01-01', 'OUT_OF_RANGE', GUIDE_UI.problemOutOfRange['zh-CN']],
      ['2026-11-26', 'IN_FUTURE', GUIDE_UI.problemInFuture['zh-CN']],
    ]
    for (const [typed, problem, words] of cases) {
      enter(typed)
      // Not while typing...
      expect(screen.queryByTestId('deadline-error')).toBeNull()
      expect(screen.queryByTestId('deadline-result')).toBeNull()
      // ...but as soon as the person asks for the result, or presses Enter.
      fireEvent.click(screen.getByTestId('deadline-calculate'))
      expect({ typed, problem: screen.getByTestId('deadline-error').getAttribute('data-problem') }).toEqual({ typed, problem })
      expect(text('deadline-error')).toBe(words)
    }
    enter('2026-11-2')
    expect(screen.queryByTestId('deadline-error')).toBeNull()
    expect(day('deadline-last-day')).toBe('2026-12-02')
    enter('nonsense')
    fireEvent.keyDown(screen.getByTestId('deadline-date-input'), { key: 'Enter' })
    expect(screen.getByTestId('deadline-error').getAttribute('data-problem')).toBe('FORMAT')
  })

  it('in English: dates, days and messages', () => {
    at('2026-11-25T02:00:00Z')
    resetHost('en-US')
    openHelper()
    expect(text('deadline-today')).toBe('Today (China time): 25 November 2026')
    enter('2026-11-10')
    expect(text('deadline-last-day')).toBe('10 December 2026')
    expect(text('deadline-days-left')).toBe('15 days left')
    expect(text('deadline-exam-day')).toBe('25 December 2026')
    expect(text('deadline-holiday-note')).toMatch(/may be later, never earlier/)
    enter('2026-10-27')
    expect(text('deadline-days-left')).toBe('1 day left')
    enter('2026-10-25')
    expect(text('deadline-days-left')).toBe('Overdue by 1 day')
    enter('2026-10-01')
    expect(text('deadline-days-left')).toBe('Overdue by 25 days')
    enter('2026-02-30')
    fireEvent.click(screen.getByTestId('deadline-calculate'))
    expect(text('deadline-error')).toBe('That day does not exist (check the month and day; February has no 30th, for example).')
    expect(screen.getByTestId('deadline-date-input').getAttribute('aria-label')).toBe('Date of establishment')
  })

  it('offers no calendar picker off H5 (Alipay has no date picker component)', () => {
    process.env.TARO_ENV = 'alipay'
    openHelper()
    expect(screen.queryByTestId('picker-stub')).toBeNull()
    expect(screen.queryByTestId('deadline-date-picker')).toBeNull()
  })

  it('on H5, a calendar pick fills the day and computes', () => {
    at('2026-11-25T02:00:00Z')
    process.env.TARO_ENV = 'h5'
    openHelper()
    const picker = screen.getByTestId('picker-stub')
    expect(picker.getAttribute('data-mode')).toBe('date')
    expect(picker.getAttribute('data-end')).toBe('2026-11-25')
    expect(picker.getAttribute('data-value')).toBe('2026-11-25')
    expect([picker.getAttribute('data-ok'), picker.getAttribute('data-cancel')]).toEqual(['确定', '取消'])
    expect(screen.getByTestId('deadline-date-picker')).toBeTruthy()
    fireEvent.change(screen.getByTestId('picker-stub-input'), { target: { value: '2026-11-20' } })
    expect((screen.getByTestId('deadline-date-input') as HTMLInputElement).value).toBe('2026-11-20')
    expect(day('deadline-last-day')).toBe('2026-12-20')
    expect(picker.getAttribute('data-value')).toBe('2026-11-20')
  })
})
