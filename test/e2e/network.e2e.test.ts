/**
 * The network and personal data in the H5 build, in headless Chromium against the mock server:
 * the phone goes offline twice in the middle of a claim (before consenting, and while the card
 * password is on its way), the offline banner shows, nothing the person typed is lost, and the
 * claim finishes with one card. Along the way the page never shows the full ID number except
 * through the card's reveal toggle, the browser's storage ends up holding no password, ID number
 * or name, and the app's own timing marks show no screen transition waiting for more than one
 * round trip to the server. Persona eligible-feng is this file's alone.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser, personaCards, phoneContext, resetPersona, Phone } from './harness'
import { authorize, passFace, reachEcardEntry } from './flows'
import type { TransitionRecord as Transition } from '../../src/services/timing'

jest.setTimeout(180_000)

const PERSONA = 'eligible-feng'
// Synthetic (mock-server/personas/personas.fixture.ts), with a valid GB 11643 check digit.
const FULL_ID = '330106199508122377'
const NAME = '冯知远'
const PASSWORD = '396027'


let browser: Browser
let context: BrowserContext | undefined

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})
afterEach(async () => {
  await context?.close()
  context = undefined
})

/**
 * Watches the document from its first byte: every text node and attribute value, after every
 * change, is checked for the full ID number; hits are kept with the step that was showing.
 */
async function watchForFullId(page: Page, id: string): Promise<void> {
  await page.addInitScript((needle: string) => {
    const w = window as unknown as { __idSightings: string[] }
    w.__idSightings = []
    const scan = () => {
      const html = document.documentElement ? document.documentElement.outerHTML : ''
      const text = document.body ? document.body.innerText : ''
      if (html.includes(needle) || text.includes(needle)) {
        const visible = Array.from(document.querySelectorAll<HTMLElement>('[data-step]')).find((e) => e.offsetParent !== null)
        w.__idSightings.push(visible?.getAttribute('data-step') ?? '(none)')
      }
    }
    new MutationObserver(scan).observe(document, { childList: true, subtree: true, attributes: true, characterData: true })
  }, id)
}

const sightings = (page: Page) => page.evaluate(() => (window as unknown as { __idSightings: string[] }).__idSightings.slice())
const transitions = (page: Page) => page.evaluate(() => (window as unknown as { __ecardTiming: { transitions(): unknown[] } }).__ecardTiming.transitions() as never as Transition[])

/** Everything the H5 build could have left in the browser, as one string per place. */
async function browserStorage(page: Page, ctx: BrowserContext): Promise<Record<string, string>> {
  const inPage = await page.evaluate(async () => {
    const dump = (s: Storage) => JSON.stringify(Object.fromEntries(Array.from({ length: s.length }, (_, i) => [s.key(i), s.getItem(s.key(i)!)])))
    const idb: string[] = []
    const dbs = typeof indexedDB.databases === 'function' ? await indexedDB.databases() : []
    for (const info of dbs) {
      if (!info.name) continue
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(info.name!)
        req.onsuccess = () => resolve(req.result)
        req.onerror = () => reject(req.error)
      })
      for (const store of Array.from(db.objectStoreNames)) {
        const all = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(store, 'readonly').objectStore(store).getAll()
          req.onsuccess = () => resolve(req.result)
          req.onerror = () => reject(req.error)
        })
        idb.push(`${info.name}/${store}: ${JSON.stringify(all)}`)
      }
      db.close()
    }
    const cached: string[] = []
    if (typeof caches !== 'undefined') {
      for (const name of await caches.keys()) {
        const cache = await caches.open(name)
        for (const req of await cache.keys()) {
          const res = await cache.match(req)
          cached.push(`${req.url} ${res ? await res.text() : ''}`)
        }
      }
    }
    return {
      localStorage: dump(localStorage),
      sessionStorage: dump(sessionStorage),
      indexedDB: `${dbs.length} databases ${idb.join('\n')}`,
      cacheStorage: cached.join('\n'),
      documentCookie: document.cookie,
    }
  })
  return { ...inPage, cookies: JSON.stringify(await ctx.cookies()) }
}

describe('network resilience and personal data in the H5 simulator', () => {
  it('goes offline mid-claim, shows the banner, resumes, and finishes with one card; no trace of the ID number, name or password; one round trip per transition', async () => {
    await resetPersona(PERSONA)
    context = await phoneContext(browser)
    const page = await context.newPage()
    await watchForFullId(page, FULL_ID)
    const phone = new Phone(page, 'network-offline')
    await phone.open(PERSONA)
    expect(await page.locator('[data-testid="offline-banner"]').count()).toBe(0)

    // Steps 1 to 6.
    await reachEcardEntry(phone)
    await authorize(phone)
    await phone.step('confirm')
    expect(await phone.text('person-id')).not.toContain(FULL_ID)

    // Offline before consenting: the banner shows on the page, and the claim waits for the network.
    await context.setOffline(true)
    await phone.byTestId('offline-banner').waitFor({ state: 'visible', timeout: 10_000 })
    expect(await phone.byTestId('offline-banner').getAttribute('role')).toBe('status')
    await phone.screenshot('offline-banner')
    await phone.check('agreement-check')
    await phone.tap('confirm-claim')
    // Still here, no error: the consent is held until the network returns.
    await page.waitForTimeout(500)
    expect(await phone.stepRoot('confirm').count()).toBe(1)
    expect(await phone.byTestId('error-message').count()).toBe(0)
    await context.setOffline(false)
    await phone.step('verify')
    expect(await page.locator('[data-testid="offline-banner"]:visible').count()).toBe(0)

    // Steps 7 and 8.
    await passFace(phone)

    // Step 9: the first entry, then offline; the second entry's send waits, and nothing typed is lost.
    await phone.typePassword(PASSWORD)
    await page.waitForFunction(() => document.querySelector('[data-testid="password-entry"]')?.getAttribute('data-phase') === 'confirm')
    await context.setOffline(true)
    await phone.byTestId('offline-banner').waitFor({ state: 'visible', timeout: 10_000 })
    await phone.typePassword(PASSWORD)
    const entry = phone.byTestId('password-entry')
    expect(await entry.getAttribute('data-phase')).toBe('ready')
    await page.waitForTimeout(500)
    expect(await entry.getAttribute('data-saved')).toBe('false')
    expect(await phone.byTestId('error-message').count()).toBe(0)
    await phone.screenshot('offline-password')
    await context.setOffline(false)
    await page.waitForFunction(() => document.querySelector('[data-testid="password-entry"]')?.getAttribute('data-saved') === 'true', undefined, { timeout: 15_000 })
    await phone.tap('password-finish')
    await phone.step('card')

    // One card, and the person's own password works on it (nothing typed was lost or garbled).
    const cards = await personaCards(PERSONA)
    expect(cards.count).toBe(1)
    expect(cards.active).not.toBeNull()

    // Personal data: not in any of the browser's stores.
    const stores = await browserStorage(page, context)
    for (const [where, content] of Object.entries(stores)) {
      expect({ where, hasId: content.includes(FULL_ID) }).toEqual({ where, hasId: false })
      expect({ where, hasPassword: content.includes(PASSWORD) }).toEqual({ where, hasPassword: false })
      expect({ where, hasName: content.includes(NAME) }).toEqual({ where, hasName: false })
    }
    // The session is there (so the scan looked at the right place), without the person's data.
    expect(stores.localStorage).toContain('ecard.session')

    // The full ID number never showed at any step so far...
    expect(await sightings(page)).toEqual([])
    // ...and does through the card's reveal toggle (which proves the watch sees it when it is there).
    await phone.tap('card-reveal')
    await page.waitForFunction(() => document.querySelector('[data-testid="card-face"]')?.getAttribute('data-revealed') === 'true', undefined, { timeout: 15_000 })
    await page.waitForFunction(() => (window as unknown as { __idSightings: string[] }).__idSightings.length > 0, undefined, { timeout: 5_000 })
    expect(new Set(await sightings(page))).toEqual(new Set(['card']))

    // The app's timing marks: every transition of the nine steps, none waiting for more than one round trip.
    const marks = await transitions(page)
    const reached = marks.map((m) => m.to)
    for (const step of ['apps', 'city-services', 'social-security', 'authorize', 'confirm', 'verify', 'face', 'password', 'card']) expect(reached).toContain(step)
    const over = marks.filter((m) => m.roundTrips > 1)
    expect(over).toEqual([])
    // The marks hold screen names, action labels and numbers: nothing of the person's.
    const marksText = JSON.stringify(marks)
    for (const secret of [FULL_ID, FULL_ID.slice(-6), NAME, PASSWORD]) expect({ secret, found: marksText.includes(secret) }).toEqual({ secret, found: false })
    // They did wait for the server (the marks are not empty numbers).
    expect(marks.reduce((n, m) => n + m.serverRequests, 0)).toBeGreaterThanOrEqual(6)
    expect(marks.find((m) => m.to === 'card')).toMatchObject({ action: 'password-finish', from: 'password', roundTrips: 1 })
    expect(marks.find((m) => m.to === 'confirm')).toMatchObject({ action: 'authorize-agree', from: 'authorize', roundTrips: 1 })
  })
})
