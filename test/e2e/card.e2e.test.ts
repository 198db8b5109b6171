/**
 * The issued card in the H5 build, in headless Chromium at phone size, against the mock server:
 * claim through the nine steps, reveal the details, show the QR code and scan it (once: 200; twice:
 * QR_ALREADY_USED), reload the card page (the card and its code asked for in parallel, at the app's
 * launch, without the API client), change the
 * password (a wrong current one first), unbind with face verification,
 * and claim again to a new card number. Persona eligible-zheng is this file's alone (other files use the others).
 */
import type { Browser, BrowserContext } from 'playwright-core'
import { launchBrowser, phoneContext, resetPersona, Phone, qrTokenOf, scanQrToken } from './harness'
import { acceptAgreementAndClaim, passFace, reachEcardEntry, setPasswordAndFinish } from './flows'

/** Steps 6 to 9 from the confirm page: agreement, consent, face (pass), password twice, Finish. */
async function confirmToCard(phone: Phone, password: string): Promise<void> {
  await acceptAgreementAndClaim(phone)
  await phone.step('verify')
  await passFace(phone)
  await setPasswordAndFinish(phone, password)
}

jest.setTimeout(240_000)

const PERSONA = 'eligible-zheng'
const FIRST_PASSWORD = '582931'
const NEW_PASSWORD = '147036'
const SECOND_CARD_PASSWORD = '258036'

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

/** The full card number, through the reveal toggle; masks again before returning. */
async function revealedCardNumber(phone: Phone): Promise<string> {
  await phone.tap('card-reveal')
  const eye = phone.byTestId('card-reveal')
  await phone.page.waitForFunction((el) => el?.getAttribute('data-revealed') === 'true', await eye.elementHandle(), { timeout: 15_000 })
  const number = await phone.text('card-number')
  await phone.screenshot('revealed')
  await phone.tap('card-reveal')
  await phone.page.waitForFunction((el) => el?.getAttribute('data-revealed') === 'false', await eye.elementHandle(), { timeout: 15_000 })
  return number
}

describe('the issued card in the H5 simulator', () => {
  it('claims, reveals, shows a single-use QR code, changes the password, unbinds and claims again', async () => {
    await resetPersona(PERSONA)
    context = await phoneContext(browser)
    const phone = new Phone(await context.newPage(), 'card')
    await phone.open(PERSONA)

    // --- the nine steps -------------------------------------------------------------------
    await reachEcardEntry(phone)
    await phone.step('authorize')
    await phone.tap('authorize-agree')
    await confirmToCard(phone, FIRST_PASSWORD)

    // --- the card face: masked, then the 30-second reveal ------------------------------------
    const maskedId = await phone.text('card-id')
    expect(maskedId).toMatch(/^\d{6}\*+\d{3}[\dX]$/)
    expect(await phone.text('card-name')).toContain('*')
    const masked = await phone.text('card-number')
    expect(masked).toContain('*')
    const firstNumber = await revealedCardNumber(phone)
    expect(firstNumber).toMatch(/^[A-Z0-9]{9}$/)
    expect(await phone.text('card-number')).toBe(masked)

    // --- the QR code: a server token, 60 s, single use ---------------------------------------
    const token = await qrTokenOf(phone)
    expect(token).toMatch(/^q2\./)
    const seconds = Number(await phone.byTestId('qr-countdown').getAttribute('data-seconds'))
    expect(seconds).toBeGreaterThan(50)
    expect(seconds).toBeLessThanOrEqual(60)
    const first = await scanQrToken(token)
    expect(first.status).toBe(200)
    expect(first.body.cardStatus).toBe('active')
    expect(first.body.holderNameMasked).toContain('*')
    const again = await scanQrToken(token)
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('QR_ALREADY_USED')
    // A new code on demand.
    await phone.tap('qr-refresh')
    await phone.page.waitForFunction(
      (old) => {
        const el = Array.from(document.querySelectorAll('[data-testid="card-qrcode"]')).find((e) => (e as HTMLElement).offsetParent !== null)
        const now = el?.getAttribute('data-token')
        return Boolean(now && now !== old)
      },
      token,
      { timeout: 15_000 },
    )
    await phone.screenshot('qr')

    // --- a fresh load: the card and its QR code asked for together, not one after the other ---
    // When the card face first appears, from the reload's first byte.
    await phone.page.addInitScript(() => {
      const w = window as unknown as { __cardFaceAt?: number }
      const seen = new MutationObserver(() => {
        if (w.__cardFaceAt === undefined && document.querySelector('[data-testid="card-face"]')) {
          w.__cardFaceAt = performance.now()
          seen.disconnect()
        }
      })
      seen.observe(document, { childList: true, subtree: true })
    })
    await phone.page.reload()
    await phone.step('card')
    const refreshed = await qrTokenOf(phone)
    const { requests, cardFaceAt, scripts } = await phone.page.evaluate(async () => {
      const resources = performance.getEntriesByType('resource')
      const js = resources.filter((e) => new URL(e.name).pathname.endsWith('.js'))
      return {
        requests: resources
          .filter((e) => /\/api\/cards\/current(\/qr)?$/.test(new URL(e.name).pathname))
          .map((e) => ({ path: new URL(e.name).pathname, start: e.startTime })),
        cardFaceAt: (window as unknown as { __cardFaceAt?: number }).__cardFaceAt,
        // Each script loaded, and whether it is the card page's own chunk (the one that renders its code).
        scripts: await Promise.all(js.map(async (e) => ({ path: new URL(e.name).pathname, start: e.startTime, cardPage: (await (await fetch(e.name)).text()).includes('"card-qrcode"') }))),
      }
    })
    const cardRead = requests.filter((r) => r.path.endsWith('/cards/current'))
    const qrIssued = requests.filter((r) => r.path.endsWith('/cards/current/qr'))
    // One of each: the code shown is the token asked for beside the card, not a second one.
    expect({ cardReads: cardRead.length, qrTokens: qrIssued.length }).toEqual({ cardReads: 1, qrTokens: 1 })
    // The token was asked for before the card face was on the page (it used to wait for it).
    expect(cardFaceAt).toBeDefined()
    expect(qrIssued[0].start).toBeLessThan(cardFaceAt!)
    expect(refreshed).not.toBe(token)
    // Opened at the card page, the app sends both at its launch (pages/ecard/card/firstRequests.ts),
    // before it even asks for the page's chunk; and by the fast path, so the API client's chunk
    // (axios, Taro.request: services/api/call.h5.ts) is not loaded for them.
    const pageChunk = scripts.filter((f) => f.cardPage)
    expect(pageChunk).toHaveLength(1)
    expect(cardRead[0].start).toBeLessThanOrEqual(pageChunk[0].start)
    expect(qrIssued[0].start).toBeLessThanOrEqual(pageChunk[0].start)
    expect(scripts.filter((f) => /\/api-client\.[0-9a-f]+\.js$/.test(f.path))).toEqual([])

    // --- change the password: a wrong current one first --------------------------------------
    await phone.tap('open-card-settings')
    await phone.step('card-settings')
    await phone.tap('settings-change-password')
    await phone.typePassword('000111')
    await phone.typePassword(NEW_PASSWORD)
    await phone.typePassword(NEW_PASSWORD)
    await phone.tap('password-change-submit')
    expect(await phone.errorCode()).toBe('PASSWORD_WRONG')
    // The API client came with the first call that needed it (so its absence above means something).
    const clientChunks = await phone.page.evaluate(() => performance.getEntriesByType('resource').filter((e) => /\/api-client\.[0-9a-f]+\.js$/.test(new URL(e.name).pathname)).length)
    expect(clientChunks).toBe(1)
    expect(await phone.byTestId('error-message').innerText()).toMatch(/5/)
    await phone.screenshot('password-wrong')
    await phone.typePassword(FIRST_PASSWORD)
    await phone.typePassword(NEW_PASSWORD)
    await phone.typePassword(NEW_PASSWORD)
    await phone.tap('password-change-submit')
    await phone.byTestId('settings-success').waitFor({ state: 'visible', timeout: 15_000 })
    await phone.screenshot('password-changed')
    await phone.tap('settings-done')
    await phone.step('card')

    // --- unbind with face verification (the H5 stand-in, purpose unbind) ---------------------
    await phone.tap('open-card-settings')
    await phone.step('card-settings')
    await phone.tap('settings-unbind')
    await phone.tap('unbind-method-face')
    await phone.tap('unbind-face-start')
    await phone.step('face')
    expect(await phone.stepRoot('face').first().getAttribute('data-purpose')).toBe('unbind')
    await phone.tap('face-pass')
    await phone.step('card-settings')
    await phone.byTestId('unbind-warning').waitFor({ state: 'visible', timeout: 15_000 })
    await phone.screenshot('unbind-confirm')
    await phone.tap('unbind-confirm')
    await phone.step('social-security')
    // The card's codes ended with it.
    const afterUnbind = await scanQrToken(refreshed)
    expect(afterUnbind.status).toBe(410)
    expect(afterUnbind.body.code).toBe('CARD_UNBOUND')

    // --- claim again: the claim is `authorized`, so the e-card entry opens confirm --------------
    await phone.tap('open-ecard')
    await confirmToCard(phone, SECOND_CARD_PASSWORD)
    const secondNumber = await revealedCardNumber(phone)
    expect(secondNumber).toMatch(/^[A-Z0-9]{9}$/)
    expect(secondNumber).not.toBe(firstNumber)
    const secondToken = await qrTokenOf(phone)
    expect((await scanQrToken(secondToken)).status).toBe(200)
  })
})
