/** The H5 build puts Chromium's compile hint on every JS file it emits (config/compileHints.ts). */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import webpack from 'webpack'
import { COMPILE_HINT, CompileHintsPlugin } from '../../config/compileHints'

jest.setTimeout(60_000)

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compile-hints-'))
  // a licence comment: the minifier moves it to a file of its own and leaves a banner line, which must not come first
  fs.writeFileSync(path.join(dir, 'page.js'), '/*! @license synthetic */\nglobalThis.pageLoaded = true\nexport function render(name) { return "page " + name }\n')
  fs.writeFileSync(path.join(dir, 'entry.js'), 'export function greet(name) { return "hello " + name }\nimport("./page.js").then((m) => console.log(m.render(greet("x"))))\n')
})
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

/** A production build (minified, real content hashes) of the fixture, with or without the plugin. */
function build(withPlugin: boolean): Promise<Record<string, string>> {
  const out = path.join(dir, withPlugin ? 'with' : 'without')
  const compiler = webpack({
    mode: 'production',
    context: dir,
    entry: { app: './entry.js' },
    output: { path: out, filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
    plugins: withPlugin ? [new CompileHintsPlugin()] : [],
  })
  return new Promise((resolve, reject) => {
    compiler.run((error, stats) => {
      compiler.close(() => undefined)
      if (error || !stats || stats.hasErrors()) return reject(error ?? new Error(stats?.toString('errors-only')))
      const files = fs.readdirSync(path.join(out, 'js')).filter((f) => f.endsWith('.js'))
      resolve(Object.fromEntries(files.map((f) => [f, fs.readFileSync(path.join(out, 'js', f), 'utf8')])))
    })
  })
}

describe('CompileHintsPlugin', () => {
  it('puts the hint on the first line of every emitted JS file, after minification, and on nothing else', async () => {
    const files = await build(true)
    expect(Object.keys(files)).toHaveLength(2) // the entry and the page's chunk
    for (const [name, text] of Object.entries(files)) {
      expect({ name, firstLine: text.split('\n')[0] }).toEqual({ name, firstLine: COMPILE_HINT.trim() })
      expect(text.indexOf(COMPILE_HINT, 1)).toBe(-1)
      // minified: the fixture's own layout is gone
      expect(text).not.toContain('export function')
    }
    const licences = fs.readdirSync(path.join(dir, 'with', 'js')).filter((f) => f.endsWith('.LICENSE.txt'))
    expect(licences.length).toBeGreaterThan(0)
    for (const f of licences) expect(fs.readFileSync(path.join(dir, 'with', 'js', f), 'utf8')).not.toContain(COMPILE_HINT.trim())
  })

  it('names each file after its final bytes: with the hint, a file never keeps the name it had without', async () => {
    const [withHint, without] = [await build(true), await build(false)]
    const entry = (files: Record<string, string>) => Object.keys(files).find((f) => f.startsWith('app.'))!
    expect(entry(withHint)).toMatch(/^app\.[0-9a-f]{8}\.js$/)
    expect(entry(withHint)).not.toBe(entry(without))
    // the same code otherwise, file names (content hashes) aside
    const unhashed = (text: string) => text.replace(/\.[0-9a-f]{8}\.js/g, '.#.js').replace(/"[0-9a-f]{8}"/g, '"#"')
    expect(unhashed(withHint[entry(withHint)])).toBe(COMPILE_HINT + unhashed(without[entry(without)]))
  })
})
