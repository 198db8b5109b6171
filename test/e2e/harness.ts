/**
 * What every end-to-end test needs: headless Chromium (Debian's package) driven by
 * playwright-core with a phone viewport and a fake camera, and helpers that speak in the QA
 * contract's names (data-step, data-testid) rather than in Taro's markup.
 */
import { chromium, type Browser, type BrowserContext, type Page, type Locator } from 'playwright-core'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'

export const BASE_URL = (): string => {
  const url = process.env.E2E_BASE_URL
  if (!url) throw new Error('E2E_BASE_URL is not set: run through jest (globalSetup starts the server)')
  return url
}

const SCREEN_DIR = join(__dirname, '..', '..', 'test-results', 'e2e')

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  })
}

export async function phoneContext(browser: Browser, locale = 'zh-CN'): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale,
    permissions: ['camera'],
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 AlipayClient/10.5.0',
  })
  return context
}

/** Resets the persona on the server so each scenario starts from its fixture. */
export async function resetPersona(persona: string): Promise<void> {
  const res = await fetch(`${BASE_URL()}/api/mock/personas/${persona}/reset`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
  if (!res.ok) throw new Error(`reset ${persona}: ${res.status}`)
}

export class Phone {
  private shot = 0
  /** What the page's Content-Security-Policy refused: any entry fails the next step. */
  private readonly cspViolations: string[] = []
  constructor(public readonly page: Page, private readonly scenario: string) {
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) this.cspViolations.push(m.text())
    })
  }

  async open(persona: string): Promise<void> {
    await this.page.goto(`${BASE_URL()}/?persona=${persona}#/pages/home/index`)
    await this.step('home')
  }

  /** The visible page root of a step; Taro's H5 router keeps earlier pages in the DOM, hidden. */
  stepRoot(step: string): Locator {
    return this.page.locator(`[data-step="${step}"]:visible`)
  }

  byTestId(id: string): Locator {
    return this.page.locator(`[data-testid="${id}"]:visible`).first()
  }

  async step(step: string, timeout = 15_000): Promise<void> {
    await this.stepRoot(step).first().waitFor({ state: 'visible', timeout })
    if (this.cspViolations.length) throw new Error(`the page broke its Content-Security-Policy: ${this.cspViolations.join(' | ')}`)
    await this.settle(step, timeout)
    await this.screenshot(step)
  }

  /** Waits for the page's slide-in to end and its loading state to clear, so screenshots show the screen. */
  private async settle(step: string, timeout: number): Promise<void> {
    await this.page.waitForFunction(
      (s) => {
        const root = Array.from(document.querySelectorAll<HTMLElement>(`[data-step="${s}"]`)).find((e) => e.offsetParent !== null)
        if (!root) return false
        const left = root.getBoundingClientRect().left
        return Math.abs(left) < 1 && !root.querySelector('[data-testid="loading"]')
      },
      step,
      { timeout, polling: 50 },
    )
  }

  async tap(id: string): Promise<void> {
    const target = this.byTestId(id)
    await target.waitFor({ state: 'visible', timeout: 15_000 })
    await target.tap()
  }

  async check(id: string): Promise<void> {
    await this.tap(id)
  }

  async text(id: string): Promise<string> {
    const target = this.byTestId(id)
    await target.waitFor({ state: 'visible', timeout: 15_000 })
    return (await target.innerText()).trim()
  }

  async errorCode(timeout = 15_000): Promise<string | null> {
    const err = this.byTestId('error-message')
    await err.waitFor({ state: 'visible', timeout })
    return err.getAttribute('data-code')
  }

  async typePassword(pw: string): Promise<void> {
    for (const digit of pw) await this.tap(`key-${digit}`)
  }

  async screenshot(name: string): Promise<void> {
    mkdirSync(SCREEN_DIR, { recursive: true })
    this.shot += 1
    await this.page.screenshot({ path: join(SCREEN_DIR, `${this.scenario}-${String(this.shot).padStart(2, '0')}-${name}.png`) })
  }
}

// --- the issued card (test/e2e/card.e2e.test.ts) ------------------------------------------------

/** The QR token the H5 simulator exposes for QA as `data-token` on `card-qrcode` (never in a phone build). */
export async function qrTokenOf(phone: Phone): Promise<string> {
  const qr = phone.byTestId('card-qrcode')
  await qr.waitFor({ state: 'visible', timeout: 15_000 })
  const token = await qr.getAttribute('data-token')
  if (!token) throw new Error('card-qrcode has no data-token: is this the H5 build?')
  return token
}

/** What a merchant's scanner does with the card's QR code: POST /api/scanner/verify. */
export async function scanQrToken(token: string, scannerId = 'e2e'): Promise<{ status: number; body: { code?: string; holderNameMasked?: string; cardStatus?: string } }> {
  const res = await fetch(`${BASE_URL()}/api/scanner/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-scanner-id': scannerId },
    body: JSON.stringify({ token }),
  })
  return { status: res.status, body: (await res.json()) as { code?: string; holderNameMasked?: string; cardStatus?: string } }
}

// --- QA scenarios (mock-server/scenarios): the same documented API the QA console uses -----------

async function mockApi<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${BASE_URL()}/api/mock${path}`, {
    method,
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} /api/mock${path}: ${res.status} ${text}`)
  return JSON.parse(text) as T
}

/** Sets switches for ONE persona only (PATCH), so parallel test files never disturb each other. */
export function setPersonaScenarios(personaId: string, switches: Record<string, unknown>): Promise<unknown> {
  return mockApi('PATCH', '/scenarios', { personas: { [personaId]: switches } })
}

/** Turns off one persona's switches (never the others'). */
export function clearPersonaScenarios(personaId: string): Promise<unknown> {
  return mockApi('DELETE', `/scenarios?personaId=${encodeURIComponent(personaId)}`)
}

export interface ScenarioStateLike {
  active: boolean
  global: Record<string, unknown>
  personas: Record<string, Record<string, unknown>>
  operationIds: string[]
}
export const getScenarios = (): Promise<ScenarioStateLike> => mockApi('GET', '/scenarios')

export interface PersonaCardsLike {
  personaId: string
  count: number
  active: { cardNumber: string; issueDate: string; validUntil: string; channel: string } | null
}
/** How many e-cards the server has issued to a persona (GET /api/mock/personas/:id/cards). */
export const personaCards = (personaId: string): Promise<PersonaCardsLike> => mockApi('GET', `/personas/${encodeURIComponent(personaId)}/cards`)

export interface ApiEventLike {
  id: number
  method: string
  route: string | null
  operationId: string | null
  status: number
  durationMs: number
  errorCode: string | null
  personaId: string | null
  fault: string | null
  delayMs: number
}
/** The live log's buffered events (GET /api/mock/events as JSON), optionally one persona's. */
export async function apiEvents(personaId?: string): Promise<ApiEventLike[]> {
  const all = await mockApi<ApiEventLike[]>('GET', '/events')
  return personaId ? all.filter((e) => e.personaId === personaId) : all
}

/** A desktop-sized browser context (the QA console). */
export async function desktopContext(browser: Browser, locale = 'zh-CN'): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1440, height: 1000 }, locale, permissions: ['camera'] })
}
