/**
 * The H5 size budget in npm test: the JS the first page loads, gzipped, at most 1.4x the bare Taro
 * H5 hello world's (bench/baseline.json), failing above 5% over. It measures the e2e build
 * (globalSetup: production, default API base: the bytes `npm run bench:size` measures) as the
 * benchmark does (bench/lib/sizes.cjs h5FirstPageJs): Chromium opens `/`, every JS response until the
 * home page shows is recorded, and each file is gzipped from the build folder. The Alipay budgets
 * are in test/build/size.test.ts.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { COMPILE_HINT } from '../../config/compileHints'
import { BASE_URL, launchBrowser } from './harness'

interface FirstPage {
  files: Array<{ file: string; bytes: number; gzip: number }>
  gzip: number
}
interface Sizes {
  BUDGETS: { h5FirstLoadJsGzip: number }
  TOLERANCE: number
  H5_PHONE_CONTEXT: Record<string, unknown>
  h5FirstPageJs(page: unknown, options: { origin: string; dir: string; selector: string }): Promise<FirstPage>
  forbiddenIn(files: string[], readText: (file: string) => string): Array<{ file: string; library: string }>
  toolchainVersions(root: string): Record<string, string | null>
  toolchainDifferences(recorded: Record<string, string | null>, installed: Record<string, string | null>): Array<{ name: string }>
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sizes: Sizes = require('../../bench/lib/sizes.cjs')

jest.setTimeout(120_000)

const ROOT = join(__dirname, '..', '..')
const H5_DIR = join(ROOT, process.env.E2E_H5_DIR ?? 'dist/h5-e2e')
const baseline = JSON.parse(readFileSync(join(ROOT, 'bench', 'baseline.json'), 'utf8')) as {
  toolchain: Record<string, string | null>
  hello: { h5: { firstLoadJsGzip: number } }
}

let browser: Browser
let firstPage: FirstPage

beforeAll(async () => {
  browser = await launchBrowser()
  const context = await browser.newContext(sizes.H5_PHONE_CONTEXT)
  try {
    firstPage = await sizes.h5FirstPageJs(await context.newPage(), { origin: BASE_URL(), dir: H5_DIR, selector: '[data-step="home"]' })
  } finally {
    await context.close()
  }
})
afterAll(async () => {
  await browser?.close()
})

describe('H5 first page size (budget against the hello world in bench/baseline.json)', () => {
  it('the baseline was measured with the installed toolchain', () => {
    const diff = sizes.toolchainDifferences(baseline.toolchain, sizes.toolchainVersions(ROOT))
    expect({ differing: diff.map((d) => d.name), remeasure: 'npm run bench:size -- --write-baseline' }).toEqual({ differing: [], remeasure: expect.any(String) })
  })

  it('the JS the first page loads, gzipped, <= 1.4x the hello world', () => {
    const hello = baseline.hello.h5.firstLoadJsGzip
    const ratio = firstPage.gzip / hello
    const limit = sizes.BUDGETS.h5FirstLoadJsGzip * (1 + sizes.TOLERANCE)
    const verdict = {
      withinBudget: ratio <= limit,
      detail: `${(firstPage.gzip / 1000).toFixed(1)} KB gzipped in ${firstPage.files.length} files = ${ratio.toFixed(3)}x the hello world's ${(hello / 1000).toFixed(1)} KB; budget ${sizes.BUDGETS.h5FirstLoadJsGzip}x (fails above ${limit.toFixed(3)}x)`,
    }
    expect(verdict).toEqual({ ...verdict, withinBudget: true })
  })

  it('the first page loads neither axios, SM2 (sm-crypto) nor the QR encoder', () => {
    expect(firstPage.files.length).toBeGreaterThan(0)
    expect(sizes.forbiddenIn(firstPage.files.map((f) => f.file), (file) => readFileSync(join(H5_DIR, file), 'utf8'))).toEqual([])
  })
})

// Taro's React components stylesheet has a spinner image on a third-party host, which the app's CSP
// refuses; the build keeps only the rules of the components the app renders (config/h5ComponentStyles.ts).
describe("the H5 build's styles", () => {
  const files = ['css', 'js'].flatMap((d) => readdirSync(join(H5_DIR, d)).filter((f) => /\.(css|js)$/.test(f)).map((f) => join(d, f)))

  it('load nothing from another host', () => {
    expect(files.length).toBeGreaterThan(2)
    const remote = files.flatMap((f) => [...readFileSync(join(H5_DIR, f), 'utf8').matchAll(/url\(\s*['"]?(?:https?:)?\/\/[^)]*\)/g)].map((m) => `${f}: ${m[0].slice(0, 80)}`))
    expect(remote).toEqual([])
  })

  it("keep the date picker's rules and none of the button's", () => {
    const css = readdirSync(join(H5_DIR, 'css')).map((f) => readFileSync(join(H5_DIR, 'css', f), 'utf8')).join('\n')
    expect(css).toContain('.taro-picker__item--selected')
    expect(css).toContain('.taro-scroll-view__scroll-y')
    expect(css).not.toContain('taro-button-core')
  })
})

// Chromium compiles the functions of a file with this first line on the thread that streams it in,
// not lazily on the main thread (config/compileHints.ts; docs/benchmarks.md, LCP sixth round).
describe("the H5 build's scripts", () => {
  it('every JS file starts with the compile hint', () => {
    const js = readdirSync(join(H5_DIR, 'js')).filter((f) => f.endsWith('.js'))
    expect(js.length).toBeGreaterThan(2)
    const without = js.filter((f) => !readFileSync(join(H5_DIR, 'js', f), 'utf8').startsWith(COMPILE_HINT))
    expect(without).toEqual([])
  })
})

// Taro's View keeps hover state for every element; the build swaps in a light View that hands only a
// View with a hover class to Taro's, and a Text of one component (config/h5View.ts). React keeps
// each element's props and fiber on the node.
describe("the H5 build's View and Text", () => {
  it('is a bare <div> without a hover class, and Taro\'s hover-tracking View with one; a Text is one component', async () => {
    const context = await browser.newContext(sizes.H5_PHONE_CONTEXT)
    try {
      const page = await context.newPage()
      await page.goto(`${BASE_URL()}/#/pages/home/index`)
      await page.locator('[data-step="home"]').first().waitFor({ state: 'visible', timeout: 60_000 })
      const touchHandled = (selector: string) =>
        page.locator(selector).first().evaluate((el) => {
          const key = Object.keys(el).find((k) => k.startsWith('__reactProps$'))
          const props = key ? (el as unknown as Record<string, Record<string, unknown>>)[key] : {}
          return { tag: el.tagName, onTouchStart: typeof props.onTouchStart }
        })
      // the page's root View has no hover class; a service tile has one
      expect(await touchHandled('[data-step="home"]')).toEqual({ tag: 'DIV', onTouchStart: 'undefined' })
      expect(await touchHandled('.service-grid__tile')).toEqual({ tag: 'DIV', onTouchStart: 'function' })
      // A Text is the light one: its <span> is rendered straight from the forwardRef (React's tag
      // 11), where Taro's forwardRef renders its Text component (tag 0), which renders the <span>.
      const textParent = await page.locator('.home__banner-title.taro-text').first().evaluate((el) => {
        const key = Object.keys(el).find((k) => k.startsWith('__reactFiber$'))
        const fiber = key ? (el as unknown as Record<string, { return?: { tag: number } }>)[key] : undefined
        return { tag: el.tagName, parentFiberTag: fiber?.return?.tag }
      })
      expect(textParent).toEqual({ tag: 'SPAN', parentFiberTag: 11 })
    } finally {
      await context.close()
    }
  })
})
