/**
 * The guide in the H5 build: reached the way a person without a physical card reaches it (refused
 * with NO_PHYSICAL_CARD at the claim button), then the route finder, an article it cites, and the
 * employer's deadline helper computing in the browser.
 * Persona no-card-qian is this file's alone, so no other file's reset can land mid-flow.
 */
import type { Browser, BrowserContext } from 'playwright-core'
import { launchBrowser, phoneContext, resetPersona, Phone } from './harness'
import { acceptAgreementAndClaim, authorize, reachEcardEntry } from './flows'
import { addDays, formatCalendarDay, type CalendarDay } from '../../src/domain/deadlines'

jest.setTimeout(180_000)

const PERSONA = 'no-card-qian'

let browser: Browser
let context: BrowserContext | undefined

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await context?.close()
  await browser?.close()
})

/** Social Security → e-card → authorize → confirm → claim, until the server refuses with NO_PHYSICAL_CARD. */
async function reachNoPhysicalCardError(phone: Phone): Promise<void> {
  await reachEcardEntry(phone)
  await authorize(phone)
  await acceptAgreementAndClaim(phone)
  expect(await phone.errorCode()).toBe('NO_PHYSICAL_CARD')
}

/** Taro's H5 Input, which is the <input> itself (config/index.ts: useHtmlComponents). */
function dateInput(phone: Phone) {
  return phone.byTestId('deadline-date-input')
}

async function inViewport(phone: Phone, testId: string): Promise<boolean> {
  return phone.byTestId(testId).evaluate((el) => {
    const r = el.getBoundingClientRect()
    return r.top >= 0 && r.top < window.innerHeight
  })
}

describe('the guide in the H5 simulator', () => {
  it('leads from NO_PHYSICAL_CARD to the route, the law it cites, and the employer deadline', async () => {
    await resetPersona(PERSONA)
    context = await phoneContext(browser, 'zh-CN')
    const phone = new Phone(await context.newPage(), 'guide')
    await phone.open(PERSONA)
    await reachNoPhysicalCardError(phone)
    await phone.tap('open-guide')
    await phone.step('guide')

    // Everyone sees the physical-card checklist.
    expect(await phone.text('checklist')).toContain('本人有效身份证原件')

    // A job seeker: a public employment service agency, articles 7 and 72.
    await phone.tap('route-job-seeker')
    const result = phone.byTestId('route-result')
    await result.waitFor({ state: 'visible' })
    expect(await result.getAttribute('data-route')).toBe('job-seeker')
    expect(await phone.text('route-summary')).toContain('公共就业服务机构')
    expect(await phone.byTestId('route-job-seeker').getAttribute('aria-checked')).toBe('true')
    await phone.screenshot('job-seeker')

    expect(await phone.byTestId('law-article-7').getAttribute('data-expanded')).toBe('false')
    await phone.tap('route-article-link-7')
    const article = phone.byTestId('law-article-7-text')
    await article.waitFor({ state: 'visible' })
    expect(await article.innerText()).toContain('县级以上地方人民政府社会保险行政部门负责本行政区域的社会保险管理工作')
    // The link scrolled the page to the article.
    await phone.page.waitForFunction(
      () => {
        const el = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="law-article-7"]')).find((e) => e.offsetParent !== null)
        if (!el) return false
        const top = el.getBoundingClientRect().top
        return top >= 0 && top < window.innerHeight
      },
      undefined,
      { timeout: 5_000, polling: 100 },
    )
    expect(await inViewport(phone, 'law-article-7')).toBe(true)
    await phone.screenshot('article-7')

    // An employer: the deadline helper computes in the browser, in China's calendar.
    await phone.tap('route-employer')
    await phone.byTestId('deadline-helper').waitFor({ state: 'visible' })
    expect(await phone.byTestId('route-result').getAttribute('data-route')).toBe('employer')
    await phone.tap('deadline-kind-employment')
    expect(await phone.byTestId('deadline-kind-employment').getAttribute('aria-checked')).toBe('true')
    const today = (await phone.byTestId('deadline-today').getAttribute('data-day')) as CalendarDay
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    const started = addDays(today, -10)
    const lastDay = addDays(started, 30)
    await dateInput(phone).fill(started)
    await phone.byTestId('deadline-last-day').waitFor({ state: 'visible' })
    expect(await phone.byTestId('deadline-last-day').getAttribute('data-day')).toBe(lastDay)
    expect(await phone.text('deadline-last-day')).toBe(formatCalendarDay(lastDay, 'zh-CN'))
    expect(await phone.text('deadline-days-left')).toBe('还剩 20 天')
    expect(await phone.byTestId('deadline-exam-day').getAttribute('data-day')).toBe(addDays(lastDay, 15))
    expect(await phone.text('deadline-holiday-note')).toContain('顺延')
    await phone.screenshot('deadline')

    // A day that does not exist gets its own message when the person asks for the result.
    await dateInput(phone).fill('2026-02-30')
    await phone.tap('deadline-calculate')
    const error = phone.byTestId('deadline-error')
    await error.waitFor({ state: 'visible' })
    expect(await error.getAttribute('data-problem')).toBe('NOT_A_DAY')
    expect(await error.innerText()).toContain('这一天不存在')
    await phone.screenshot('deadline-bad-date')
  })
})
