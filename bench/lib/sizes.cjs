/**
 * Size measurements and budgets shared by the benchmark (bench/size.mjs) and the size check in
 * npm test (test/build/size.test.ts). Sizes are deterministic for a given toolchain, so the same
 * functions serve both. CommonJS so that Jest (CommonJS) and the ESM benchmark can both load it.
 */
const { readdirSync, readFileSync, statSync, existsSync } = require('node:fs')
const { join, relative, sep } = require('node:path')
const { gzipSync } = require('node:zlib')

/** The budgets, as ratios against the bare Taro hello world built with the same toolchain. */
const BUDGETS = {
  /** Alipay: JS of the main package (what loads before the first screen). */
  alipayMainJs: 1.3,
  /** Alipay: JS of the whole app, subpackages included. */
  alipayTotalJs: 2.0,
  /** H5: the JS the first page loads, gzipped. */
  h5FirstLoadJsGzip: 1.4,
}

/** npm test fails only when a build exceeds a budget by more than this (the bench reports the exact ratio). */
const TOLERANCE = 0.05

/** The packages whose versions shape the built bytes; a baseline is only valid for the versions it was measured with. */
const TOOLCHAIN_PACKAGES = [
  '@tarojs/cli',
  '@tarojs/taro',
  '@tarojs/runtime',
  '@tarojs/webpack5-runner',
  '@tarojs/plugin-platform-alipay',
  '@tarojs/plugin-platform-h5',
  'babel-preset-taro',
  'webpack',
  'terser',
  'react',
  'react-dom',
]

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]))
}

function posixRel(from, file) {
  return relative(from, file).split(sep).join('/')
}

/** Alipay: the subpackage roots declared in the build's app.json ('pages/ecard/', ...). */
function alipaySubpackageRoots(outDir) {
  const app = JSON.parse(readFileSync(join(outDir, 'app.json'), 'utf8'))
  return (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, '') + '/')
}

/** Alipay: the JS files of the main package (everything outside the subpackage roots), relative to outDir. */
function alipayMainPackageJsFiles(outDir) {
  const roots = alipaySubpackageRoots(outDir)
  return listFiles(outDir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => posixRel(outDir, f))
    .filter((rel) => !roots.some((root) => rel.startsWith(root)))
    .sort()
}

/** Alipay: JS bytes of the main package and of the whole app. */
function alipaySizes(outDir) {
  const roots = alipaySubpackageRoots(outDir)
  let main = 0
  let total = 0
  for (const file of listFiles(outDir).filter((f) => f.endsWith('.js'))) {
    const size = statSync(file).size
    total += size
    const rel = posixRel(outDir, file)
    if (!roots.some((root) => rel.startsWith(root))) main += size
  }
  return { mainJs: main, totalJs: total, subpackages: roots }
}

/** gzip level 9 of one file's bytes, as read from disk. */
function gzipBytes(file) {
  return gzipSync(readFileSync(file), { level: 9 }).length
}

/** H5: gzipped bytes of the given JS files. */
function gzippedSize(files) {
  return files.reduce((sum, f) => sum + gzipBytes(f), 0)
}

/** H5 without a browser: the scripts index.html loads up front (entry chunks only, not the first page's own chunk). */
function h5EntryScripts(outDir) {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8')
  return [...html.matchAll(/<script[^>]+src="\/?([^"]+\.js)"/g)].map((m) => join(outDir, m[1]))
}

/** The browser context both H5 measurements open (playwright-core newContext options): a phone. */
const H5_PHONE_CONTEXT = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' }

/**
 * H5: what a first page costs. Opens `origin + path` in `page` (a playwright-core Page in a fresh
 * context, so nothing is cached), records every JS response from `origin` until `selector` shows,
 * and gzips (level 9) each recorded file as it is on disk in the build folder `dir`. Used by the
 * benchmark (a static server) and by npm test's e2e check (the mock server) alike.
 */
async function h5FirstPageJs(page, { origin, dir, path = '/', selector, timeout = 60000 }) {
  const seen = new Set()
  let recording = true
  const onResponse = (res) => {
    if (!recording) return
    const url = new URL(res.url())
    if (url.origin === origin && (res.request().resourceType() === 'script' || url.pathname.endsWith('.js'))) seen.add(url.pathname)
  }
  page.on('response', onResponse)
  try {
    await page.goto(origin + path, { waitUntil: 'commit' })
    await page.locator(selector).first().waitFor({ state: 'visible', timeout })
  } finally {
    recording = false
    page.off('response', onResponse)
  }
  const files = [...seen].sort().map((p) => {
    const file = join(dir, decodeURIComponent(p))
    if (!existsSync(file)) throw new Error(`${p} was loaded from ${origin} but is not in the build folder ${dir}`)
    return { file: p.replace(/^\//, ''), bytes: statSync(file).size, gzip: gzipBytes(file) }
  })
  return { files, bytes: files.reduce((s, f) => s + f.bytes, 0), gzip: files.reduce((s, f) => s + f.gzip, 0) }
}

/** The installed versions of TOOLCHAIN_PACKAGES (null when a package is absent). */
function toolchainVersions(root) {
  const out = {}
  for (const name of TOOLCHAIN_PACKAGES) {
    const file = join(root, 'node_modules', name, 'package.json')
    out[name] = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : null
  }
  return out
}

/** Packages whose installed version differs from the recorded one: [{ name, recorded, installed }]. */
function toolchainDifferences(recorded, installed) {
  const names = new Set([...Object.keys(recorded ?? {}), ...Object.keys(installed ?? {})])
  return [...names].filter((n) => (recorded ?? {})[n] !== (installed ?? {})[n]).map((name) => ({ name, recorded: (recorded ?? {})[name] ?? null, installed: (installed ?? {})[name] ?? null }))
}

/**
 * Library markers that must never appear in the Alipay main package's JS, nor in what the H5 first
 * page loads (they belong to the ecard subpackage). Each is a string that survives minification;
 * `expectedIn` is where the marker is found, so a test can check the marker still finds its library.
 */
const MAIN_PACKAGE_FORBIDDEN = [
  { name: 'axios', pattern: /axios/i, expectedIn: 'pages/ecard/sub-vendors.js' },
  // SM2's curve prime p, from sm-crypto's curve parameters.
  { name: 'sm-crypto (SM2)', pattern: /FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF/i, expectedIn: 'pages/ecard/sub-vendors.js' },
  // src/domain/qr's refusal of an over-long text.
  { name: 'the QR encoder', pattern: /do not fit version/, expectedIn: 'pages/ecard/card/index.js' },
]

/** Files whose text carries a forbidden marker: [{ file, library }]. */
function forbiddenIn(files, readText) {
  const hits = []
  for (const file of files) {
    const text = readText(file)
    for (const { name, pattern } of MAIN_PACKAGE_FORBIDDEN) if (pattern.test(text)) hits.push({ file, library: name })
  }
  return hits
}

/** Main-package JS files that carry a forbidden marker: [{ file, library }]. */
function forbiddenInMainPackage(outDir) {
  return forbiddenIn(alipayMainPackageJsFiles(outDir), (rel) => readFileSync(join(outDir, rel), 'utf8'))
}

module.exports = {
  BUDGETS,
  TOLERANCE,
  TOOLCHAIN_PACKAGES,
  MAIN_PACKAGE_FORBIDDEN,
  listFiles,
  alipaySubpackageRoots,
  alipayMainPackageJsFiles,
  alipaySizes,
  gzipBytes,
  gzippedSize,
  h5EntryScripts,
  H5_PHONE_CONTEXT,
  h5FirstPageJs,
  toolchainVersions,
  toolchainDifferences,
  forbiddenIn,
  forbiddenInMainPackage,
}
