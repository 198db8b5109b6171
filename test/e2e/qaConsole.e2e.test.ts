/**
 * The QA console (/qa) at desktop size: personas with their traits, the app started as a persona
 * in the phone frame, a face outcome set for that persona from the console, the app driven inside
 * the frame to the face step, and the live log showing the calls with their status codes and no
 * personal data. Uses eligible-wu, which no other e2e file touches; its scenarios are scoped to it.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Frame, FrameLocator, Page } from 'playwright-core'
import { findPersona } from '../../mock-server/personas'
import { BASE_URL, clearPersonaScenarios, desktopContext, getScenarios, launchBrowser, personaCards, resetPersona } from './harness'

jest.setTimeout(120_000)

const PERSONA = 'eligible-wu'
const SHOTS = join(__dirname, '..', '..', 'test-results', 'e2e')

let browser: Browser
let context: BrowserContext | undefined

beforeAll(async () => {
  browser = await launchBrowser()
  await resetPersona(PERSONA)
  await clearPersonaScenarios(PERSONA)
})
afterAll(async () => {
  await context?.close()
  await clearPersonaScenarios(PERSONA)
  await browser?.close()
})

/** Drives the app inside the console's phone frame by the QA contract's names. */
class FramedApp {
  readonly frame: FrameLocator
  constructor(
    readonly page: Page,
    private readonly handle: () => Promise<Frame>,
  ) {
    this.frame = page.frameLocator('[data-testid="qa-phone"]')
  }

  byTestId(id: string) {
    return this.frame.locator(`[data-testid="${id}"]:visible`).first()
  }

  /** The step's page root is visible, has slid in and has no loading state. */
  async step(step: string, timeout = 15_000): Promise<void> {
    await this.frame.locator(`[data-step="${step}"]:visible`).first().waitFor({ state: 'visible', timeout })
    const frame = await this.handle()
    await frame.waitForFunction(
      (s) => {
        const root = Array.from(document.querySelectorAll<HTMLElement>(`[data-step="${s}"]`)).find((e) => e.offsetParent !== null)
        return !!root && Math.abs(root.getBoundingClientRect().left) < 1 && !root.querySelector('[data-testid="loading"]')
      },
      step,
      { timeout, polling: 50 },
    )
  }

  async tap(id: string): Promise<void> {
    const target = this.byTestId(id)
    await target.waitFor({ state: 'visible', timeout: 15_000 })
    await target.click()
  }
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: join(SHOTS, `qa-console-${name}.png`), fullPage: true })
}

describe('the QA console', () => {
  it('starts the app as a persona, sets its face outcome, shows the failure and a live log without personal data', async () => {
    context = await desktopContext(browser)
    const page = await context.newPage()
    await page.goto(`${BASE_URL()}/qa`)

    // personas with their traits
    const wu = page.locator(`[data-testid="qa-persona-${PERSONA}"]`)
    await wu.waitFor({ state: 'visible' })
    await expect(wu.innerText()).resolves.toContain('eligible')
    await expect(page.locator('[data-testid="qa-persona-face-mismatch-sun"]').innerText()).resolves.toContain('face-mismatch')
    await expect(page.locator('[data-testid="qa-persona-has-ecard-wang"]').innerText()).resolves.toContain('has-ecard')
    await expect(page.locator('[data-testid="qa-log-conn"]').innerText()).resolves.toMatch(/live|connecting/)

    // Start as: the phone frame shows the app's home page as that persona
    await page.locator(`[data-testid="qa-start-${PERSONA}"]`).click()
    const phone = page.locator('[data-testid="qa-phone"]')
    await expect(phone.getAttribute('src')).resolves.toBe(`/?persona=${PERSONA}#/pages/home/index`)
    const box = await phone.boundingBox()
    expect([Math.round(box!.width), Math.round(box!.height)]).toEqual([375, 812])
    const app = new FramedApp(page, async () => (await phone.elementHandle())!.contentFrame() as Promise<Frame>)
    await app.step('home')

    // a face outcome for this persona only, from the console
    await page.locator('[data-testid="qa-face-outcome"]').selectOption('fail')
    await page.locator('[data-testid="qa-scenarios-state"]', { hasText: `${PERSONA}: face fail` }).waitFor()
    const scenarios = await getScenarios()
    expect(scenarios.personas[PERSONA]).toEqual({ faceOutcome: 'fail' })
    expect(scenarios.global).toEqual({})
    await shot(page, 'started')

    // drive the app in the frame to the face step; the stand-in says pass, the platform says fail
    await app.tap('open-more')
    await app.step('apps')
    await app.tap('open-city-services')
    await app.step('city-services')
    await app.tap('open-social-security')
    await app.step('social-security')
    await app.tap('open-ecard')
    await app.step('authorize')
    await app.tap('authorize-agree')
    await app.step('confirm')
    await app.tap('agreement-check')
    await app.tap('confirm-claim')
    await app.step('verify')
    await app.tap('consent-check')
    await app.tap('verify-start')
    await app.step('face')
    await app.tap('face-pass')
    await app.step('verify')
    const error = app.byTestId('error-message')
    await error.waitFor({ state: 'visible' })
    expect(await error.getAttribute('data-code')).toBe('CERTIFY_NOT_PASSED')
    expect(await error.getAttribute('data-reason')).toBe('FACE_MISMATCH')

    // the live log: the calls, with status codes, newest on top, the injected outcome marked
    const log = page.locator('[data-testid="qa-log"]')
    await log.locator('tr[data-operation="queryCertification"][data-status="200"]').first().waitFor()
    await log.locator('tr[data-operation="mockCompleteCertification"][data-fault="face:fail"]').first().waitFor()
    const rows = log.locator('tbody tr')
    const firstIds = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-event-id'))))
    expect(firstIds.length).toBeGreaterThanOrEqual(8)
    expect(firstIds).toEqual([...firstIds].sort((a, b) => b - a))
    const statuses = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-status')))
    for (const s of statuses) expect(s).toMatch(/^[1-5]\d\d$/)
    const mine = await log.locator(`tbody tr[data-persona="${PERSONA}"]`).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-operation')))
    // (the person's record comes with the token exchange: GET /person is not called on the way)
    expect(mine).toEqual(expect.arrayContaining(['mockAuthCode', 'exchangeToken', 'consentToAgreement', 'startCertification', 'mockCompleteCertification', 'queryCertification']))

    // filter by persona
    await page.locator('[data-testid="qa-log-filter"]').selectOption(PERSONA)
    const shown = await log.locator('tbody tr:visible').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-persona')))
    expect(shown.length).toBeGreaterThan(0)
    expect(new Set(shown)).toEqual(new Set([PERSONA]))
    await shot(page, 'face-failed')

    // no personal data in the log: no name, no ID number (full or masked), no token
    const persona = findPersona(PERSONA)!
    const logText = await log.innerText()
    const session = await page.evaluate(() => localStorage.getItem('ecard.session') ?? '')
    const accessToken = /"accessToken":"([^"]+)"/.exec(session)?.[1]
    expect(accessToken).toBeDefined()
    for (const secret of [persona.name, persona.idNumber, persona.idNumber.slice(-6), persona.idNumber.slice(0, 6) + '*', accessToken!, persona.userId]) {
      expect(logText).not.toContain(secret)
    }

    // the face outcome off again (this persona only), then Reset from the console
    await page.locator('[data-testid="qa-face-outcome"]').selectOption({ index: 0 })
    await page.locator('[data-testid="qa-status"]', { hasText: 'Face result: off' }).waitFor()
    expect((await getScenarios()).personas[PERSONA]).toBeUndefined()
    await page.locator(`[data-testid="qa-reset-${PERSONA}"]`).click()
    await page.locator('[data-testid="qa-status"]', { hasText: `Reset ${PERSONA}` }).waitFor()
    await log.locator(`tr[data-operation="resetPersona"][data-persona="${PERSONA}"][data-status="200"]`).first().waitFor()
    expect((await personaCards(PERSONA)).count).toBe(0)
  })
})
