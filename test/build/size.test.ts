/**
 * The size budgets of the Alipay build, in npm test. It builds nothing: the `alipay` project's
 * globalSetup has built dist/alipay-runtime (production, default API base: the same bytes as
 * `npm run bench:size` measures). Sizes are deterministic for a toolchain, so the bare hello world's
 * figures come from bench/baseline.json (written by `npm run bench:size -- --write-baseline`), and
 * this file refuses a baseline measured with other versions.
 *
 * A build fails when it exceeds a budget by more than 5% (the benchmark reports the exact ratios).
 * H5's budget (the first page's JS gzipped <= 1.4x) is checked by test/e2e/size.e2e.test.ts, which
 * has the H5 build and a browser to see what the first page loads.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { alipayRuntimeDist, ROOT } from '../alipay-runtime/harness/build'

interface Sizes {
  BUDGETS: { alipayMainJs: number; alipayTotalJs: number; h5FirstLoadJsGzip: number }
  TOLERANCE: number
  alipaySizes(outDir: string): { mainJs: number; totalJs: number; subpackages: string[] }
  alipayMainPackageJsFiles(outDir: string): string[]
  forbiddenInMainPackage(outDir: string): Array<{ file: string; library: string }>
  forbiddenIn(files: string[], readText: (file: string) => string): Array<{ file: string; library: string }>
  MAIN_PACKAGE_FORBIDDEN: Array<{ name: string; expectedIn: string }>
  toolchainVersions(root: string): Record<string, string | null>
  toolchainDifferences(recorded: Record<string, string | null>, installed: Record<string, string | null>): Array<{ name: string; recorded: string | null; installed: string | null }>
}
interface Baseline {
  measuredAt: string
  toolchain: Record<string, string | null>
  hello: { alipay: { mainJs: number; totalJs: number }; h5?: { firstLoadJsGzip: number } }
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sizes: Sizes = require('../../bench/lib/sizes.cjs')

const REMEASURE = 'Re-measure the hello world with this toolchain: npm run bench:size -- --write-baseline (and commit bench/baseline.json).'
const BASELINE_FILE = join(ROOT, 'bench', 'baseline.json')
const out = alipayRuntimeDist()

function baseline(): Baseline {
  if (!existsSync(BASELINE_FILE)) throw new Error(`bench/baseline.json is missing. ${REMEASURE}`)
  return JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as Baseline
}

function built(): void {
  if (!existsSync(join(out, 'app.json'))) throw new Error(`no Alipay build in ${out}: run through the alipay Jest project (its globalSetup builds it)`)
}

const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`

/** Passes when `actual` is within `budget` x baseline, plus the tolerance; the message carries the figures. */
function expectWithinBudget(what: string, actual: number, hello: number, budget: number) {
  const ratio = actual / hello
  const limit = budget * (1 + sizes.TOLERANCE)
  const verdict = {
    what,
    withinBudget: ratio <= limit,
    detail: `${kb(actual)} = ${ratio.toFixed(3)}x the hello world's ${kb(hello)}; budget ${budget}x (fails above ${limit.toFixed(3)}x)`,
  }
  expect(verdict).toEqual({ ...verdict, withinBudget: true })
}

describe('Alipay build size (budgets against the hello world in bench/baseline.json)', () => {
  it('the baseline was measured with the installed toolchain', () => {
    const recorded = baseline()
    const installed = sizes.toolchainVersions(ROOT)
    const taro = installed['@tarojs/cli']
    if (recorded.toolchain['@tarojs/cli'] !== taro) {
      throw new Error(`bench/baseline.json was measured with Taro ${recorded.toolchain['@tarojs/cli']}, node_modules has Taro ${taro}. ${REMEASURE}`)
    }
    const diff = sizes.toolchainDifferences(recorded.toolchain, installed)
    if (diff.length) {
      throw new Error(`bench/baseline.json was measured with other versions: ${diff.map((d) => `${d.name} ${d.recorded} -> ${d.installed}`).join(', ')}. ${REMEASURE}`)
    }
  })

  it('main package JS <= 1.3x the hello world', () => {
    built()
    const { hello } = baseline()
    expectWithinBudget('Alipay main package JS', sizes.alipaySizes(out).mainJs, hello.alipay.mainJs, sizes.BUDGETS.alipayMainJs)
  })

  it('whole app JS (subpackages included) <= 2.0x the hello world', () => {
    built()
    const { hello } = baseline()
    expectWithinBudget('Alipay whole-app JS', sizes.alipaySizes(out).totalJs, hello.alipay.totalJs, sizes.BUDGETS.alipayTotalJs)
  })

  it('the claim flow and card management are subpackages, so the first screens load from the main package alone', () => {
    built()
    expect(sizes.alipaySizes(out).subpackages).toContain('pages/ecard/')
    const app = JSON.parse(readFileSync(join(out, 'app.json'), 'utf8')) as {
      pages: string[]
      subPackages?: Array<{ root: string; pages: string[] }>
      preloadRule?: Record<string, { packages: string[] }>
    }
    expect(app.pages).toEqual(['pages/home/index', 'pages/apps/index', 'pages/city-services/index', 'pages/social-security/index'])
    const ecard = (app.subPackages ?? []).find((p) => p.root.replace(/\/$/, '') === 'pages/ecard')
    // The claim (entered through ecard/entry) and the card with its management.
    for (const page of ['entry/index', 'authorize/index', 'confirm/index', 'verify/index', 'password/index', 'card/index', 'card-settings/index']) expect(ecard?.pages).toContain(page)
  })

  it('Social Security preloads the claim subpackage', () => {
    built()
    const app = JSON.parse(readFileSync(join(out, 'app.json'), 'utf8')) as { preloadRule?: Record<string, { packages: string[] }> }
    expect(app.preloadRule?.['pages/social-security/index']?.packages).toContain('pages/ecard')
  })

  it('the main package carries neither axios, SM2 (sm-crypto) nor the QR encoder', () => {
    built()
    expect(sizes.alipayMainPackageJsFiles(out).length).toBeGreaterThan(0)
    expect(sizes.forbiddenInMainPackage(out)).toEqual([])
    // Each marker still finds its library where it lives, so the check above can fail.
    for (const { name, expectedIn } of sizes.MAIN_PACKAGE_FORBIDDEN) {
      expect(sizes.forbiddenIn([expectedIn], (rel) => readFileSync(join(out, rel), 'utf8'))).toContainEqual({ file: expectedIn, library: name })
    }
  })
})
