#!/usr/bin/env node
/**
 * The size benchmark (npm run bench:size): builds the bare Taro hello world (bench/hello) and the
 * app for Alipay and H5 with the same toolchain, each into its own dist/bench-size-* folder, and
 * measures
 *   - Alipay: JS of the main package and of the whole app (bytes on disk);
 *   - H5: the JS the first page loads, gzipped: each build is served from a tiny static server on
 *     127.0.0.1, Debian's Chromium (playwright-core) opens it, and every JS response until the
 *     first page shows is recorded; each file's bytes are then gzipped from disk.
 * It prints the ratios against the hello world measured in the same run and writes
 * bench/results/size.json (gitignored).
 *
 *   node bench/size.mjs                    build all four, measure, report
 *   node bench/size.mjs --skip-build       measure the existing dist/bench-size-* builds
 *   node bench/size.mjs --write-baseline   also record the hello world's figures and the toolchain
 *                                          in bench/baseline.json (what npm test's size check reads)
 *   node bench/size.mjs --out-prefix dist/x  build into (or measure) dist/x-alipay and dist/x-h5 of
 *                                          both apps, apart from other runs' dist/bench-size-*
 */
import { spawnSync } from 'node:child_process'
import { createServer } from 'node:http'
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, extname, join, normalize, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const sizes = require('./lib/sizes.cjs')

const BENCH = dirname(fileURLToPath(import.meta.url))
const ROOT = join(BENCH, '..')
const HELLO = join(BENCH, 'hello')
const TARO = join(ROOT, 'node_modules', '.bin', 'taro')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const argv = process.argv.slice(2)
const args = new Set(argv)
const SKIP_BUILD = args.has('--skip-build')
const WRITE_BASELINE = args.has('--write-baseline')
const PREFIX = args.has('--out-prefix') ? argv[argv.indexOf('--out-prefix') + 1] : 'dist/bench-size'
if (!PREFIX || PREFIX.startsWith('--')) throw new Error('--out-prefix needs a path, e.g. --out-prefix dist/my-size')
const OUT = { alipay: `${PREFIX}-alipay`, h5: `${PREFIX}-h5` }

/** Every build writes to its own folder (never dist/alipay or dist/h5: other runs use those). */
const TARGETS = {
  hello: { cwd: HELLO, out: OUT, firstPage: 'text=Hello world!' },
  app: { cwd: ROOT, out: OUT, firstPage: '[data-step="home"]' },
}

function build(name, type) {
  const t = TARGETS[name]
  const out = join(t.cwd, t.out[type])
  rmSync(out, { recursive: true, force: true })
  const env = { ...process.env, NODE_ENV: 'production', TARO_OUTPUT_DIR: t.out[type] }
  // The default API base for each platform, so the bytes do not depend on the caller's shell.
  delete env.TARO_APP_API_BASE
  const started = Date.now()
  process.stdout.write(`build ${name} ${type} -> ${relative(ROOT, out)} ... `)
  const res = spawnSync(TARO, ['build', '--type', type], { cwd: t.cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (res.status !== 0 || !existsSync(out)) {
    console.log('FAILED')
    console.error(`${res.stdout ?? ''}\n${res.stderr ?? ''}`.slice(-6000))
    process.exit(1)
  }
  const seconds = (Date.now() - started) / 1000
  console.log(`${seconds.toFixed(1)} s`)
  return seconds
}

// ---- H5: what the first page loads -------------------------------------------------------------

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'application/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.gif': 'image/gif', '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf' }

/** A static server for one build folder on 127.0.0.1 and a free port (hash routing: no fallback needed). */
function serve(dir) {
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    const file = normalize(join(dir, pathname === '/' ? 'index.html' : pathname))
    if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      // The API and anything else the page asks for: not part of the measurement.
      res.writeHead(404, { 'content-type': 'application/json' })
      res.end('{"code":"NOT_FOUND","message":"size benchmark: static files only"}')
      return
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' })
    res.end(readFileSync(file))
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

async function h5FirstLoad(browser, name) {
  const t = TARGETS[name]
  const dir = join(t.cwd, t.out.h5)
  const server = await serve(dir)
  const origin = `http://127.0.0.1:${server.address().port}`
  const context = await browser.newContext(sizes.H5_PHONE_CONTEXT)
  let measured
  try {
    measured = await sizes.h5FirstPageJs(await context.newPage(), { origin, dir, selector: t.firstPage })
  } finally {
    await context.close()
    await new Promise((resolve) => server.close(resolve))
  }
  const entry = sizes.h5EntryScripts(dir)
  return {
    ...measured,
    // The browser-less approximation (index.html's scripts only), recorded for comparison.
    entryScriptsGzip: sizes.gzippedSize(entry),
  }
}

async function measureH5() {
  const { chromium } = await import('playwright-core')
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  })
  try {
    return { hello: await h5FirstLoad(browser, 'hello'), app: await h5FirstLoad(browser, 'app') }
  } finally {
    await browser.close()
  }
}

// ---- report ------------------------------------------------------------------------------------

const kb = (n) => `${(n / 1000).toFixed(1)} KB`
const ratio = (a, b) => Math.round((a / b) * 1000) / 1000

async function main() {
  const buildSeconds = {}
  if (!SKIP_BUILD) {
    // One at a time: the machine has 2 cores and each build uses them.
    for (const name of ['hello', 'app']) for (const type of ['alipay', 'h5']) buildSeconds[`${name}-${type}`] = build(name, type)
  }
  const alipay = { hello: sizes.alipaySizes(join(HELLO, TARGETS.hello.out.alipay)), app: sizes.alipaySizes(join(ROOT, TARGETS.app.out.alipay)) }
  const h5 = await measureH5()

  const toolchain = sizes.toolchainVersions(ROOT)
  const figures = {
    alipayMainJs: { hello: alipay.hello.mainJs, app: alipay.app.mainJs },
    alipayTotalJs: { hello: alipay.hello.totalJs, app: alipay.app.totalJs },
    h5FirstLoadJsGzip: { hello: h5.hello.gzip, app: h5.app.gzip },
  }
  const rows = Object.entries(figures).map(([key, f]) => {
    const r = ratio(f.app, f.hello)
    return { key, hello: f.hello, app: f.app, ratio: r, budget: sizes.BUDGETS[key], withinBudget: r <= sizes.BUDGETS[key] }
  })

  console.log('')
  console.log(`toolchain: Taro ${toolchain['@tarojs/cli']}, webpack ${toolchain.webpack}, React ${toolchain.react}, Node ${process.version}`)
  console.log('figure                        hello        app          ratio   budget')
  for (const r of rows) console.log(`${r.key.padEnd(30)}${kb(r.hello).padEnd(13)}${kb(r.app).padEnd(13)}${r.ratio.toFixed(2).padEnd(8)}${`<= ${r.budget}`.padEnd(8)} ${r.withinBudget ? 'ok' : 'OVER'}`)
  console.log(`Alipay subpackages: ${alipay.app.subpackages.join(', ') || '(none)'}`)
  console.log(`H5 first page loads ${h5.app.files.length} JS files (hello: ${h5.hello.files.length}); index.html's scripts alone: ${kb(h5.app.entryScriptsGzip)} gz (hello ${kb(h5.hello.entryScriptsGzip)})`)

  const result = {
    measuredAt: new Date().toISOString(),
    node: process.version,
    toolchain,
    buildSeconds,
    alipay,
    h5,
    ratios: Object.fromEntries(rows.map((r) => [r.key, r.ratio])),
    budgets: sizes.BUDGETS,
    rows,
  }
  mkdirSync(join(BENCH, 'results'), { recursive: true })
  writeFileSync(join(BENCH, 'results', 'size.json'), JSON.stringify(result, null, 2) + '\n')
  console.log(`\nwrote ${relative(ROOT, join(BENCH, 'results', 'size.json'))}`)

  if (WRITE_BASELINE) {
    const baseline = {
      about: 'The bare Taro hello world (bench/hello) built with this toolchain: the denominator of the size budgets. Written by `npm run bench:size -- --write-baseline`; test/build/size.test.ts reads it and refuses a different toolchain.',
      measuredAt: result.measuredAt,
      node: process.version,
      toolchain,
      hello: {
        alipay: { mainJs: alipay.hello.mainJs, totalJs: alipay.hello.totalJs },
        h5: { firstLoadJsGzip: h5.hello.gzip, firstLoadJsFiles: h5.hello.files.length, entryScriptsGzip: h5.hello.entryScriptsGzip },
      },
      budgets: sizes.BUDGETS,
      tolerance: sizes.TOLERANCE,
    }
    writeFileSync(join(BENCH, 'baseline.json'), JSON.stringify(baseline, null, 2) + '\n')
    console.log(`wrote ${relative(ROOT, join(BENCH, 'baseline.json'))}`)
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
