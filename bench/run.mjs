#!/usr/bin/env node
/**
 * `npm run bench`: every benchmark, one after the other (never in parallel: each wants the machine),
 * then the summary table at the top of docs/benchmarks.md, between the bench:summary markers.
 *
 *   size          node bench/size.mjs            sizes (builds the hello world and the app)
 *   lcp           node bench/lcp.mjs --size-builds   LCP, on the H5 builds the size step made
 *   network-wait  node bench/network-wait.mjs    the claim's wait on the network (when present)
 *   server        node bench/server.mjs          throughput, latency, issuance
 *
 *   node bench/run.mjs                   all of them, then the table
 *   node bench/run.mjs --skip size,lcp   leave some out (the table keeps their last results)
 *   node bench/run.mjs --table-only      only rewrite the table from bench/results/*.json
 *
 * CI does not run it. Exits non-zero when a benchmark could not measure (a missed budget is not
 * an error: the table says so).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const BENCH = dirname(fileURLToPath(import.meta.url))
const ROOT = join(BENCH, '..')
const RESULTS = join(BENCH, 'results')
const DOC = join(ROOT, 'docs', 'benchmarks.md')
const START = '<!-- bench:summary:start -->'
const END = '<!-- bench:summary:end -->'

const argv = process.argv.slice(2)
const skipArg = argv.includes('--skip') ? argv[argv.indexOf('--skip') + 1] ?? '' : ''
const SKIP = new Set(skipArg.split(',').filter(Boolean))
const TABLE_ONLY = argv.includes('--table-only')

const STEPS = [
  { name: 'size', script: 'size.mjs', args: [], result: 'size.json' },
  // the H5 builds the size step just made (same production builds, no second pair of builds)
  { name: 'lcp', script: 'lcp.mjs', args: SKIP.has('size') ? [] : ['--size-builds'], result: 'lcp.json' },
  { name: 'network-wait', script: 'network-wait.mjs', args: [], result: 'network-wait.json', optional: true },
  { name: 'server', script: 'server.mjs', args: [], result: 'server.json' },
]

function runStep(step) {
  const file = join(BENCH, step.script)
  if (!existsSync(file)) {
    console.log(`\n== ${step.name}: bench/${step.script} is not present; skipped`)
    return { name: step.name, status: 'not present', seconds: 0 }
  }
  console.log(`\n== ${step.name}: node bench/${step.script} ${step.args.join(' ')}`)
  const started = Date.now()
  const res = spawnSync(process.execPath, [file, ...step.args], { cwd: ROOT, stdio: 'inherit' })
  const seconds = Math.round((Date.now() - started) / 1000)
  const status = res.status === 0 ? 'ok' : `failed (${res.signal ?? `exit ${res.status}`})`
  console.log(`== ${step.name}: ${status} in ${seconds} s`)
  return { name: step.name, status, seconds }
}

// ---- the table ---------------------------------------------------------------------------------

const kb = (n) => `${(n / 1000).toFixed(1)} KB`
const SIZE_NAMES = {
  alipayMainJs: 'Alipay main package JS',
  alipayTotalJs: 'Alipay whole-app JS',
  h5FirstLoadJsGzip: 'H5 first-page JS, gzipped',
}

/** One result file's rows as { figure, baseline, ours, ratio, budget, met, command }. */
function rowsOf(step, json) {
  if (Array.isArray(json.summary)) return json.summary
  if (step === 'size' && Array.isArray(json.rows)) {
    return json.rows.map((r) => ({
      figure: SIZE_NAMES[r.key] ?? r.key,
      baseline: kb(r.hello),
      ours: kb(r.app),
      ratio: r.ratio,
      budget: `≤ ${r.budget}×`,
      met: r.withinBudget,
      command: 'npm run bench:size',
    }))
  }
  // any other shape: rows with recognisable fields
  const rows = Array.isArray(json.rows) ? json.rows : []
  return rows.map((r) => ({
    figure: r.figure ?? r.key ?? '?',
    baseline: String(r.baseline ?? r.hello ?? '—'),
    ours: String(r.ours ?? r.app ?? r.value ?? '—'),
    ratio: r.ratio ?? '—',
    budget: String(r.budget ?? '—'),
    met: r.met ?? r.withinBudget ?? null,
    command: r.command ?? `node bench/${step}.mjs`,
  }))
}

function table(statuses) {
  const lines = []
  const when = []
  lines.push('| figure | baseline | ours | ratio | budget | met? | reproduce |')
  lines.push('| --- | --- | --- | --- | --- | --- | --- |')
  for (const step of STEPS) {
    const file = join(RESULTS, step.result)
    const status = statuses.find((s) => s.name === step.name)
    if (!existsSync(file)) {
      const why = status?.status === 'not present' ? `bench/${step.script} is not present` : 'no result yet'
      lines.push(`| ${step.name} | — | — | — | — | — | ${why} |`)
      continue
    }
    const json = JSON.parse(readFileSync(file, 'utf8'))
    when.push(`${step.name} ${String(json.measuredAt ?? '?').slice(0, 16).replace('T', ' ')} UTC${json.quick ? ' (quick)' : ''}`)
    for (const r of rowsOf(step.name, json)) {
      const interval = Array.isArray(r.interval) ? ` (95%: ${r.interval[0].toFixed(2)}–${r.interval[1].toFixed(2)})` : ''
      const ratio = typeof r.ratio === 'number' ? `${r.ratio.toFixed(2)}×${interval}` : (r.ratio ?? '—')
      const met = r.met === true ? 'yes' : r.met === false ? '**no**' : r.met === 'edge' ? '**at the edge**' : '—'
      lines.push(`| ${r.figure} | ${r.baseline} | ${r.ours} | ${ratio} | ${r.budget} | ${met} | \`${r.command}\` |`)
    }
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model?.trim() ?? 'CPU'}, Node ${process.version}`
  const failed = statuses.filter((s) => s.status.startsWith('failed'))
  const skipped = statuses.filter((s) => s.status === 'skipped')
  const notes = []
  if (failed.length) notes.push('', `Not measured in the last run: ${failed.map((s) => `${s.name} (${s.status})`).join(', ')}; their rows are older results.`)
  if (skipped.length) notes.push('', `Left out of the last run (--skip): ${skipped.map((s) => s.name).join(', ')}; their rows are older results.`)
  return [
    START,
    `Written by \`npm run bench\` (bench/run.mjs); do not edit by hand. Measured: ${when.join('; ') || '—'}. Machine: ${machine}.`,
    ...notes,
    '',
    ...lines,
    END,
  ].join('\n')
}

function writeTable(statuses) {
  const doc = readFileSync(DOC, 'utf8')
  const block = table(statuses)
  let next
  if (doc.includes(START) && doc.includes(END)) {
    next = doc.slice(0, doc.indexOf(START)) + block + doc.slice(doc.indexOf(END) + END.length)
  } else {
    // first time: after the title and its first paragraph
    const title = doc.indexOf('\n') + 1
    const para = doc.indexOf('\n\n', doc.indexOf('\n\n', 0) + 2)
    const at = para > title ? para + 2 : title
    next = `${doc.slice(0, at)}## Summary\n\n${block}\n\n${doc.slice(at)}`
  }
  writeFileSync(DOC, next)
  console.log(`\nwrote the summary table in docs/benchmarks.md`)
}

const started = Date.now()
const statuses = []
if (!TABLE_ONLY) {
  for (const step of STEPS) {
    if (SKIP.has(step.name)) {
      console.log(`\n== ${step.name}: skipped (--skip)`)
      statuses.push({ name: step.name, status: 'skipped', seconds: 0 })
      continue
    }
    statuses.push(runStep(step))
  }
}
writeTable(statuses)
console.log('')
for (const s of statuses) console.log(`${s.name.padEnd(14)} ${s.status.padEnd(22)} ${s.seconds} s`)
console.log(`total ${Math.round((Date.now() - started) / 1000)} s`)
const failed = statuses.filter((s) => s.status.startsWith('failed'))
process.exit(failed.length ? 1 : 0)
