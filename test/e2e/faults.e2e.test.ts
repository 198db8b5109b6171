/**
 * Fault scenarios in the H5 simulator: the app meets a lost response, a slow network and a
 * malformed body, and still takes the person to the card. Every scenario is SCOPED to the persona
 * this file uses (eligible-zhou, which no other e2e file touches), so files running in parallel
 * never see these faults.
 */
import type { Browser, BrowserContext } from 'playwright-core'
import { apiEvents, clearPersonaScenarios, launchBrowser, personaCards, phoneContext, resetPersona, setPersonaScenarios, BASE_URL, Phone } from './harness'
import { authorizeAndConsent, enterPasswordAndFinish, passFace, reachEcardEntry } from './flows'

jest.setTimeout(120_000)

const PERSONA = 'eligible-zhou'
const PASSWORD = '582931'

/** Steps 1 to 7: home to the face-verification consent. */
async function toVerify(phone: Phone): Promise<void> {
  await reachEcardEntry(phone)
  await authorizeAndConsent(phone)
}

/** Steps 8 and 9 up to Finish (not waiting for the card). */
async function faceAndPassword(phone: Phone): Promise<void> {
  await passFace(phone)
  await enterPasswordAndFinish(phone, PASSWORD)
}

let browser: Browser
let context: BrowserContext | undefined
/** The live log's last event id when the current test began: its own events come after. */
let sinceId = 0
const eventsOfThisTest = async () => (await apiEvents(PERSONA)).filter((e) => e.id > sinceId)

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await clearPersonaScenarios(PERSONA)
  await browser?.close()
})
afterEach(async () => {
  await context?.close()
  context = undefined
  await clearPersonaScenarios(PERSONA)
})

async function phoneFor(scenario: string): Promise<Phone> {
  await resetPersona(PERSONA)
  await clearPersonaScenarios(PERSONA)
  sinceId = Math.max(0, ...(await apiEvents()).map((e) => e.id))
  context = await phoneContext(browser)
  const page = await context.newPage()
  // remembers whether a loading state was ever on screen (it may come and go between two polls)
  await page.addInitScript(() => {
    const w = window as unknown as { __sawLoading?: boolean }
    w.__sawLoading = false
    const look = () => {
      if (document.querySelector('[data-testid="loading"]')) w.__sawLoading = true
    }
    new MutationObserver(look).observe(document, { childList: true, subtree: true })
  })
  const phone = new Phone(page, scenario)
  await phone.open(PERSONA)
  return phone
}

describe('fault scenarios (persona-scoped) in the H5 simulator', () => {
  it('a lost issuance response (5xx after commit): the app sends it again with the same Idempotency-Key and shows the one card issued', async () => {
    const phone = await phoneFor('fault-lost-issue')
    await setPersonaScenarios(PERSONA, { injectOnce: { operationId: 'issueCard', kind: '5xx-after-commit' } })
    await toVerify(phone)
    await faceAndPassword(phone)

    // the server issued the card, the app saw a 500 and retried by itself (issuance is idempotent by its key)
    await phone.step('card')
    expect(await phone.byTestId('error-message').count()).toBe(0)
    const cards = await personaCards(PERSONA)
    expect(cards.count).toBe(1)
    expect(await phone.text('card-number')).toContain(cards.active!.cardNumber.slice(-2))

    const audit = await (await fetch(`${BASE_URL()}/api/mock/cards/${cards.active!.cardNumber}/audit`)).json()
    expect(audit.entries.filter((e: { action: string }) => e.action === 'issued')).toHaveLength(1)

    const issues = (await eventsOfThisTest()).filter((e) => e.operationId === 'issueCard')
    expect(issues.map((e) => [e.status, e.fault])).toEqual([
      [500, '5xx-after-commit'],
      [200, null],
    ])
  })

  it('400 ms of latency on every call: the flow still completes, and a loading state shows', async () => {
    const phone = await phoneFor('fault-latency')
    await setPersonaScenarios(PERSONA, { latencyMs: { '*': 400 } })
    await toVerify(phone)
    await faceAndPassword(phone)
    await phone.step('card', 30_000)
    expect(await phone.page.evaluate(() => (window as unknown as { __sawLoading?: boolean }).__sawLoading)).toBe(true)
    expect((await personaCards(PERSONA)).count).toBe(1)

    const delayed = (await eventsOfThisTest()).filter((e) => e.delayMs === 400)
    expect(delayed.map((e) => e.operationId)).toEqual(expect.arrayContaining(['exchangeToken', 'consentToAgreement', 'issueCard', 'issueQrToken']))
    for (const e of delayed) expect(e.durationMs).toBeGreaterThanOrEqual(400)
  })

  it('a malformed body on the token exchange shows the generic error, not a crash, and agreeing again recovers', async () => {
    const phone = await phoneFor('fault-malformed')
    await setPersonaScenarios(PERSONA, { injectOnce: { operationId: 'exchangeToken', kind: 'malformed' } })
    await phone.tap('open-more')
    await phone.step('apps')
    await phone.tap('open-city-services')
    await phone.step('city-services')
    await phone.tap('open-social-security')
    await phone.step('social-security')
    await phone.tap('open-ecard')
    await phone.step('authorize')
    await phone.tap('authorize-agree')

    expect(await phone.errorCode()).toBe('MALFORMED_RESPONSE')
    await phone.screenshot('malformed')
    // a fresh authorization code: the half-read answer's tokens are never used
    await phone.tap('authorize-agree')
    await phone.step('confirm')
    expect((await phone.text('person-name')).length).toBeGreaterThan(0)
    expect(await phone.byTestId('error-message').count()).toBe(0)

    // and the claim goes on
    await phone.check('agreement-check')
    await phone.tap('confirm-claim')
    await phone.step('verify')
    const exchanges = (await eventsOfThisTest()).filter((e) => e.operationId === 'exchangeToken')
    expect(exchanges[0]).toMatchObject({ status: 200, fault: 'malformed' })
    expect(exchanges).toHaveLength(2)
  })
})
