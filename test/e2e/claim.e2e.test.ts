/**
 * The nine steps of the article in the H5 build, in headless Chromium at phone size, against the
 * mock server: the happy path and the cases QA asks about first.
 */
import type { Browser, BrowserContext } from 'playwright-core'
import { launchBrowser, phoneContext, resetPersona, Phone } from './harness'
import { encodeQr } from '../../src/domain/qr'
import { acceptAgreementAndClaim, authorize, authorizeAndConsent, passFace, reachEcardEntry, setPasswordAndFinish, startFace } from './flows'

jest.setTimeout(120_000)

/** The page rule's font stack (src/app.scss), as the browser reports it. */
const APP_FONT = '-apple-system, sans-serif'

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

async function phoneFor(persona: string, scenario: string, locale = 'zh-CN'): Promise<Phone> {
  await resetPersona(persona)
  context = await phoneContext(browser, locale)
  const phone = new Phone(await context.newPage(), scenario)
  await phone.open(persona)
  return phone
}

describe('claiming an e-card in the H5 simulator', () => {
  it('takes an eligible person through all nine steps to the card and its QR code', async () => {
    const phone = await phoneFor('eligible-zhang', 'eligible')
    await reachEcardEntry(phone)
    await authorize(phone)
    await phone.step('confirm')
    const name = await phone.text('person-name')
    const id = await phone.text('person-id')
    expect(name.length).toBeGreaterThan(0)
    expect(id).toMatch(/^\d{6}\*+\d{3}[\dX]$/)
    await phone.check('agreement-check')
    await phone.tap('confirm-claim')
    await phone.step('verify')
    await passFace(phone)
    await setPasswordAndFinish(phone, '582931')
    expect(await phone.text('card-name')).toContain(name.slice(0, 1))
    expect(await phone.text('card-number')).toMatch(/[A-Z0-9*]{9}/)
    const qr = phone.byTestId('card-qrcode')
    await qr.waitFor({ state: 'visible' })
    // The code Chromium draws is the token's: the <svg> rendered to a canvas, 8 pixels a module, and
    // read back at each module's centre, against the encoder's matrix for the token.
    const token = await qr.getAttribute('data-token')
    expect(token).toBeTruthy()
    const drawn = await qr.evaluate(async (svg) => {
      const size = (svg as SVGSVGElement).viewBox.baseVal.width
      const copy = svg.cloneNode(true) as SVGSVGElement
      copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg')
      copy.setAttribute('width', String(size * 8))
      copy.setAttribute('height', String(size * 8))
      const image = new Image()
      image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(new XMLSerializer().serializeToString(copy))
      await image.decode()
      const canvas = document.createElement('canvas')
      canvas.width = canvas.height = size * 8
      const g = canvas.getContext('2d')!
      g.fillStyle = '#fff'
      g.fillRect(0, 0, canvas.width, canvas.height)
      g.drawImage(image, 0, 0)
      const pixels = g.getImageData(0, 0, canvas.width, canvas.height).data
      let dark = ''
      for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) dark += pixels[((r * 8 + 4) * canvas.width + c * 8 + 4) * 4] < 128 ? '1' : '0'
      const path = svg.querySelector('path')!
      return { size, dark, fill: getComputedStyle(path).fill, visibility: getComputedStyle(svg).visibility }
    })
    const expected = encodeQr(token!)
    expect(drawn.size).toBe(expected.size)
    expect(drawn.dark).toBe(Array.from(expected.modules).join(''))
    expect(drawn.fill).toBe('rgb(0, 0, 0)')
    expect(drawn.visibility).toBe('visible')
    const box = await qr.boundingBox()
    expect(box!.width).toBeGreaterThan(100)
    expect(box!.height).toBeCloseTo(box!.width, 0)
  })

  it('lets a failed face verification be retried', async () => {
    const phone = await phoneFor('eligible-li', 'face-retry')
    await reachEcardEntry(phone)
    await authorizeAndConsent(phone)
    await startFace(phone)
    await phone.tap('face-fail')
    await phone.step('verify')
    expect(await phone.errorCode()).toBe('CERTIFY_NOT_PASSED')
    await phone.tap('verify-start')
    await phone.step('face')
    await phone.tap('face-pass')
    await phone.step('password')
  })

  it('refuses a weak password before sending it, then accepts a good one', async () => {
    const phone = await phoneFor('eligible-li', 'weak-password')
    await reachEcardEntry(phone)
    await authorizeAndConsent(phone)
    await passFace(phone)
    await phone.typePassword('123456')
    expect(['WEAK_PASSWORD', 'SEQUENTIAL']).toContain(await phone.errorCode())
    await phone.screenshot('weak-refused')
    await setPasswordAndFinish(phone, '582931')
  })

  it('sends a person who already has an e-card straight to it after authorization', async () => {
    const phone = await phoneFor('has-ecard-wang', 'has-ecard')
    await reachEcardEntry(phone)
    await authorize(phone)
    await phone.step('card')
    expect(await phone.text('card-number')).toMatch(/\S{9}/)
  })

  // Every style a page draws with costs its first layout a font lookup (docs/architecture.md, "A
  // four-style type scale on the card page"): the card page keeps to the scale, in one family.
  it('draws the card page in the four styles of the type scale, in one family, in both languages', async () => {
    for (const locale of ['zh-CN', 'en-US']) {
      await context?.close()
      const phone = await phoneFor('has-ecard-wang', `type-scale-${locale}`, locale)
      await reachEcardEntry(phone)
      await authorize(phone)
      await phone.step('card')
      await phone.byTestId('card-qrcode').waitFor({ state: 'visible', timeout: 15_000 })
      const drawn = await phone.stepRoot('card').first().evaluate((root) => {
        const styles = new Set<string>()
        const families = new Set<string>()
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const el = node.parentElement
          if (!el || !node.textContent?.trim() || el.getClientRects().length === 0) continue
          const style = getComputedStyle(el)
          styles.add(`${style.fontSize} ${style.fontWeight}`)
          families.add(style.fontFamily)
        }
        return { styles: [...styles].sort(), families: [...families] }
      })
      expect(drawn.styles).toEqual(['12px 400', '15px 400', '15px 700', '22px 700'])
      expect(drawn.families).toEqual([APP_FONT])
    }
  })

  // What a page inherits (its background is the .page class's on both builds).
  it("gives the simulator's pages the look the page rule gives a phone's", async () => {
    const phone = await phoneFor('eligible-zhang', 'page-rule')
    const look = await phone.byTestId('home-banner').evaluate((banner) => {
      const page = banner.closest('.taro_page')
      // The banner's title sets no colour of its own: it takes the page's.
      const title = banner.firstElementChild
      if (!page || !title) return null
      const style = getComputedStyle(page)
      return { color: style.color, fontFamily: style.fontFamily, fontSize: style.fontSize, titleColor: getComputedStyle(title).color }
    })
    expect(look).toEqual({ color: 'rgb(51, 51, 51)', fontFamily: APP_FONT, fontSize: '14px', titleColor: 'rgb(51, 51, 51)' })
  })

  it('explains the missing physical card and leads to the offline route', async () => {
    const phone = await phoneFor('no-card-zhao', 'no-physical-card')
    await reachEcardEntry(phone)
    await authorize(phone)
    await acceptAgreementAndClaim(phone)
    expect(await phone.errorCode()).toBe('NO_PHYSICAL_CARD')
    await phone.tap('open-guide')
    await phone.step('guide')
  })

  it('resumes where the server says the claim is after a reload and after leaving', async () => {
    const phone = await phoneFor('eligible-zhang', 'resume')
    await reachEcardEntry(phone)
    await authorizeAndConsent(phone)
    await phone.page.reload()
    await phone.step('verify')
    // Leave the flow entirely and come back through the article's steps.
    await phone.open('eligible-zhang')
    await reachEcardEntry(phone)
    await phone.step('verify')
    await passFace(phone)
    await setPasswordAndFinish(phone, '582931')
  })

  it('speaks English when the phone does, and switches language on demand', async () => {
    const phone = await phoneFor('eligible-zhang', 'english', 'en-US')
    await phone.tap('open-more')
    await phone.step('apps')
    expect(await phone.stepRoot('apps').innerText()).toMatch(/City Services/)
    await phone.open('eligible-zhang')
    await phone.tap('lang-switch')
    await phone.tap('open-more')
    await phone.step('apps')
    expect(await phone.stepRoot('apps').innerText()).toMatch(/城市服务/)
  })
})
