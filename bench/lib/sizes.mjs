/**
 * Size measurements shared by the benchmark (bench/size.mjs) and the size check in npm test:
 * sizes are deterministic, so the same functions serve both.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { gzipSync } from 'node:zlib'

export function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]))
}

/** Alipay: JS bytes of the main package (everything outside subpackage roots) and of the whole app. */
export function alipaySizes(outDir) {
  const app = JSON.parse(readFileSync(join(outDir, 'app.json'), 'utf8'))
  const subRoots = (app.subPackages ?? app.subpackages ?? []).map((s) => s.root.replace(/\/$/, '') + '/')
  let main = 0
  let total = 0
  for (const file of listFiles(outDir).filter((f) => f.endsWith('.js'))) {
    const size = statSync(file).size
    total += size
    const rel = relative(outDir, file).split(sep).join('/')
    if (!subRoots.some((root) => rel.startsWith(root))) main += size
  }
  return { mainJs: main, totalJs: total, subpackages: subRoots }
}

/** H5: gzipped bytes of the given JS files (what the first page loads, as a browser reports it). */
export function gzippedSize(files) {
  return files.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0)
}

/** H5 without a browser: the scripts index.html loads up front (the entry chunks). */
export function h5EntryScripts(outDir) {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8')
  return [...html.matchAll(/<script[^>]+src="\/?([^"]+\.js)"/g)].map((m) => join(outDir, m[1]))
}
