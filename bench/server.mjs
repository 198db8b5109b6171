#!/usr/bin/env node
/**
 * The server benchmark (npm run bench:server), on loopback, every figure a ratio against a baseline
 * measured side by side in the same run:
 *
 *   1. throughput (autocannon, 10 connections): the mock server's card endpoint (GET /api/cards/current)
 *      and QR endpoint (POST /api/cards/current/qr), with a real token and a real issued card, against
 *      a bare Fastify route answering the same JSON (bench/lib/bare-fastify.mjs); the card endpoint
 *      also against Prism (a stateless OpenAPI mock) serving our own OpenAPI document;
 *   2. latency: p99 at a fixed 500 requests per second (autocannon overallRate) on both endpoints;
 *   3. issuance: POST /api/cards per second with the card table at 1,000 and at 100,000 cards.
 *
 * Every server runs in its own process pinned to CPU 1 (taskset, when there is one) and this
 * process, the load generator, to CPU 0; the servers are measured one at a time, in rounds whose
 * order rotates, and each figure is the median of its rounds. Servers use a SQLite file database
 * (like npm start) in a temporary folder and log to bench/results/logs/.
 *
 *   node bench/server.mjs            full run (about 3 minutes)
 *   node bench/server.mjs --quick    fewer, shorter rounds (a smoke test of the script)
 *   node bench/server.mjs --only endpoints | --only issuance    one half (writes server-<half>.json)
 *
 * Writes bench/results/server.json. Exits non-zero when it cannot measure (a server does not
 * start, a request fails); a missed budget is reported, not an error.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest, Agent } from 'node:http'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const autocannon = require('autocannon')
const Database = require('better-sqlite3')

const BENCH = dirname(fileURLToPath(import.meta.url))
const ROOT = join(BENCH, '..')
const RESULTS = join(BENCH, 'results')
const LOGS = join(RESULTS, 'logs')
const PRISM_DIR = join(BENCH, 'prism')
const PRISM_BIN = join(PRISM_DIR, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js')

const QUICK = process.argv.includes('--quick')
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null
if (ONLY !== null && ONLY !== 'endpoints' && ONLY !== 'issuance') throw new Error('--only takes endpoints or issuance')
const CFG = QUICK
  ? { rounds: 2, seconds: 2, warmup: 1, latencySeconds: 3, issueRounds: 2, issueBatches: 10, seeded: [1_000, 100_000] }
  : { rounds: 3, seconds: 5, warmup: 2, latencySeconds: 6, issueRounds: 5, issueBatches: 25, seeded: [1_000, 100_000] }
const CONNECTIONS = 10
const FIXED_RATE = 500
const CARD_PERSONA = 'has-ecard-wang'

// autocannon reports latency in whole milliseconds: 0 is under 1 ms, and a ratio against it says nothing.
const ms = (v) => (v === 0 ? '< 1 ms' : `${v} ms`)
const p99Ratio = (ours, bare) => (ours === 0 || bare === 0 ? null : Math.round((ours / bare) * 1000) / 1000)
const BUDGETS = { cardVsBare: 0.5, qrVsBare: 0.5, p99Ms: 10, cardVsPrism: 3, issuance100kVs1k: 0.8 }

const children = new Set()
const HAS_TASKSET = spawnSync('taskset', ['-c', '0', 'true']).status === 0
/** Servers on CPU 1, this process (the load generator) on CPU 0. */
const pinned = (cmd, args) => (HAS_TASKSET ? ['taskset', ['-c', '1', cmd, ...args]] : [cmd, args])
if (HAS_TASKSET) spawnSync('taskset', ['-cp', '0', String(process.pid)])

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const round2 = (n) => Math.round(n * 100) / 100
const round3 = (n) => Math.round(n * 1000) / 1000
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

// ---- processes ---------------------------------------------------------------------------------

/** Starts a server process; resolves with its port once `ready` (a regex on its stdout log) matches. */
async function startProcess(name, cmd, args, { env = {}, ready, cwd = ROOT }) {
  mkdirSync(LOGS, { recursive: true })
  const logFile = join(LOGS, `${name}.log`)
  const out = openSync(logFile, 'w')
  const [c, a] = pinned(cmd, args)
  const child = spawn(c, a, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', out, out] })
  children.add(child)
  let exited = null
  child.on('exit', (code, signal) => {
    exited = signal ?? `exit ${code}`
    children.delete(child)
  })
  const started = Date.now()
  for (;;) {
    const m = ready.exec(readFileSync(logFile, 'utf8'))
    if (m) return { child, port: Number(m[1]), logFile, name }
    if (exited) throw new Error(`${name} stopped before it was ready (${exited}); see ${relative(ROOT, logFile)}`)
    if (Date.now() - started > 60_000) throw new Error(`${name} not ready after 60 s; see ${relative(ROOT, logFile)}`)
    await sleep(100)
  }
}

function stopProcess(proc) {
  if (!proc || proc.child.exitCode !== null || proc.child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    proc.child.once('exit', resolve)
    proc.child.kill('SIGTERM')
    setTimeout(() => proc.child.kill('SIGKILL'), 5000).unref()
  })
}

/** The mock server as npm start runs it (mock-server/index.ts), on a file database in `dataDir`. */
function startMockServer(name, dataDir) {
  return startProcess(name, process.execPath, ['--import', 'tsx', 'mock-server/index.ts'], {
    env: { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SKIP_H5_BUILD: '1', LOG_LEVEL: 'info', NODE_ENV: 'production' },
    ready: /is running at http:\/\/127\.0\.0\.1:(\d+)\//,
  })
}

// ---- HTTP --------------------------------------------------------------------------------------

const agent = new Agent({ keepAlive: true, maxSockets: 64 })

function call(port, method, path, { body, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body)
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path, agent, headers: { ...(data ? { 'content-type': 'application/json' } : {}), ...headers } },
      (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let json
          try {
            json = JSON.parse(text)
          } catch {
            json = undefined
          }
          resolve({ status: res.statusCode, json, text })
        })
      },
    )
    req.on('error', reject)
    req.end(data)
  })
}

async function must(port, method, path, opts, expected = [200]) {
  const res = await call(port, method, path, opts)
  if (!expected.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${res.text.slice(0, 300)}`)
  return res.json
}

/** A real access token for a persona: the mock auth code, exchanged as the app does. */
async function signIn(port, personaId) {
  const { authCode } = await must(port, 'POST', '/api/mock/auth-code', { body: { personaId } })
  const { accessToken } = await must(port, 'POST', '/api/oauth/token', { body: { grantType: 'authorization_code', code: authCode } })
  return accessToken
}

/** CPU time (user + system) a process has used, in microseconds (Linux /proc; null elsewhere). */
function cpuMicros(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS
  } catch {
    return null
  }
}
const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100

/** autocannon against one endpoint; refuses a run with errors or non-2xx answers. */
async function cannon(label, port, { method = 'GET', path, headers = {}, seconds, overallRate, pid }) {
  const cpuBefore = pid ? cpuMicros(pid) : null
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${path}`,
    method,
    headers,
    connections: CONNECTIONS,
    duration: seconds,
    ...(overallRate ? { overallRate } : {}),
  })
  const bad = result.errors + result.timeouts + result.non2xx
  if (bad > 0 || result.requests.total === 0) {
    throw new Error(`${label}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx of ${result.requests.total} requests`)
  }
  const cpuAfter = pid ? cpuMicros(pid) : null
  // the server's own CPU per request: unlike req/s, barely moved by other work on the machine
  const cpuUsPerRequest = cpuBefore !== null && cpuAfter !== null ? (cpuAfter - cpuBefore) / result.requests.total : null
  return { rps: result.requests.average, p99: result.latency.p99, p50: result.latency.p50, total: result.requests.total, cpuUsPerRequest }
}

// ---- 1 and 2: the card and QR endpoints --------------------------------------------------------

async function endpointBenchmarks(tmp) {
  const ours = await startMockServer('server-ours', join(tmp, 'ours'))
  const token = await signIn(ours.port, CARD_PERSONA)
  const auth = { authorization: `Bearer ${token}` }
  const card = await must(ours.port, 'GET', '/api/cards/current', { headers: auth })
  const qr = await must(ours.port, 'POST', '/api/cards/current/qr', { headers: auth })
  const openapi = await must(ours.port, 'GET', '/api/openapi.json')

  const payloadFile = join(tmp, 'bare-payloads.json')
  writeFileSync(payloadFile, JSON.stringify({ card, qr }))
  const bare = await startProcess('server-bare-fastify', process.execPath, [join(BENCH, 'lib', 'bare-fastify.mjs')], {
    env: { BARE_PAYLOADS: payloadFile },
    ready: /listening (\d+)/,
  })

  ensurePrism()
  const openapiFile = join(tmp, 'openapi.json')
  writeFileSync(openapiFile, JSON.stringify(openapi))
  const prismPort = await freePort()
  // Quiet logging (-v error): Prism at its fastest; its default logs several lines per request.
  const prism = await startProcess('server-prism', process.execPath, [PRISM_BIN, 'mock', openapiFile, '-h', '127.0.0.1', '-p', String(prismPort), '-v', 'error'], {
    cwd: PRISM_DIR,
    ready: /^/,
  })
  prism.port = prismPort
  await waitForHttp(prismPort, '/api/cards/current', auth)
  const prismCard = await must(prismPort, 'GET', '/api/cards/current', { headers: auth })

  const targets = {
    'card/ours': { port: ours.port, path: '/api/cards/current', headers: auth, pid: ours.child.pid },
    'card/bare': { port: bare.port, path: '/api/cards/current', headers: auth, pid: bare.child.pid },
    'card/prism': { port: prismPort, path: '/api/cards/current', headers: auth, pid: prism.child.pid },
    'qr/ours': { port: ours.port, method: 'POST', path: '/api/cards/current/qr', headers: auth, pid: ours.child.pid },
    'qr/bare': { port: bare.port, method: 'POST', path: '/api/cards/current/qr', headers: auth, pid: bare.child.pid },
  }
  const names = Object.keys(targets)
  console.log(`warm-up: ${CFG.warmup} s each`)
  for (const n of names) await cannon(n, targets[n].port, { ...targets[n], seconds: CFG.warmup })

  const rps = Object.fromEntries(names.map((n) => [n, []]))
  const cpu = Object.fromEntries(names.map((n) => [n, []]))
  for (let r = 0; r < CFG.rounds; r++) {
    // rotate the order, so no target always runs first (or right after the heaviest)
    const order = names.map((_, i) => names[(i + r) % names.length])
    for (const n of order) {
      const m = await cannon(n, targets[n].port, { ...targets[n], seconds: CFG.seconds })
      rps[n].push(m.rps)
      if (m.cpuUsPerRequest !== null) cpu[n].push(m.cpuUsPerRequest)
      console.log(`round ${r + 1}/${CFG.rounds} ${n.padEnd(12)} ${m.rps.toFixed(0).padStart(7)} req/s  p99 ${m.p99} ms  server CPU ${m.cpuUsPerRequest?.toFixed(1) ?? '?'} µs/request`)
    }
  }

  const fixed = { 'card/ours': [], 'card/bare': [], 'qr/ours': [], 'qr/bare': [] }
  const fixedNames = Object.keys(fixed)
  for (let r = 0; r < CFG.rounds; r++) {
    const order = fixedNames.map((_, i) => fixedNames[(i + r) % fixedNames.length])
    for (const n of order) {
      const m = await cannon(`${n}@${FIXED_RATE}`, targets[n].port, { ...targets[n], seconds: CFG.latencySeconds, overallRate: FIXED_RATE })
      fixed[n].push(m.p99)
      console.log(`round ${r + 1}/${CFG.rounds} ${n.padEnd(12)} at ${FIXED_RATE} req/s: p99 ${m.p99} ms, p50 ${m.p50} ms`)
    }
  }

  await Promise.all([stopProcess(ours), stopProcess(bare), stopProcess(prism)])
  return {
    rps: Object.fromEntries(names.map((n) => [n, { median: round2(median(rps[n])), runs: rps[n].map(round2) }])),
    cpuUsPerRequest: Object.fromEntries(names.map((n) => [n, cpu[n].length ? { median: round2(median(cpu[n])), runs: cpu[n].map(round2) } : null])),
    p99At500: Object.fromEntries(fixedNames.map((n) => [n, { median: median(fixed[n]), runs: fixed[n] }])),
    prismAnswered: Object.keys(prismCard ?? {}).sort(),
  }
}

function ensurePrism() {
  if (existsSync(PRISM_BIN)) return
  console.log('bench/prism/node_modules is missing: npm ci --prefix bench/prism')
  const res = spawnSync('npm', ['ci', '--prefix', PRISM_DIR, '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' })
  if (res.status !== 0 || !existsSync(PRISM_BIN)) throw new Error('could not install Prism into bench/prism')
}

function freePort() {
  return new Promise((resolve, reject) => {
    import('node:net').then(({ createServer }) => {
      const s = createServer()
      s.on('error', reject)
      s.listen(0, '127.0.0.1', () => {
        const { port } = s.address()
        s.close(() => resolve(port))
      })
    })
  })
}

async function waitForHttp(port, path, headers) {
  const started = Date.now()
  for (;;) {
    try {
      const res = await call(port, 'GET', path, { headers })
      if (res.status === 200) return
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 60_000) throw new Error(`nothing answers on port ${port} after 60 s`)
    await sleep(200)
  }
}

// ---- 3: issuance against the size of the card table --------------------------------------------

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'

/** Synthetic issued cards (with their claim, audit row and idempotency key), in one transaction. */
function seedCards(db, count, now) {
  const insertCard = db.prepare(
    `INSERT INTO cards (persona_id, card_number, sign_no, sign_seq, sign_level, aab301, issue_date, valid_until, status, channel, created_at)
     VALUES (?, ?, ?, '01', 1, '330100', '2025-01-01', '2035-01-01', 'active', 'alipay', ?)`,
  )
  const insertClaim = db.prepare(`INSERT INTO claims (persona_id, state, agreement_version, updated_at) VALUES (?, 'issued', NULL, ?)`)
  const insertAudit = db.prepare(`INSERT INTO card_audit (card_id, persona_id, at, actor, action, outcome, code) VALUES (?, ?, ?, 'holder', 'issued', 'ok', NULL)`)
  const insertKey = db.prepare(`INSERT INTO idempotency_keys (key, persona_id, card_id, created_at) VALUES (?, ?, ?, ?)`)
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const personaId = `seed-${String(i).padStart(7, '0')}`
      const cardNumber = LETTERS[i % LETTERS.length] + String(i).padStart(8, '0')
      const { lastInsertRowid: id } = insertCard.run(personaId, cardNumber, `330100SEED${String(i).padStart(18, '0')}`, now)
      insertClaim.run(personaId, now)
      insertAudit.run(id, personaId, now)
      insertKey.run(`seed-key-${i}`, personaId, id, now)
    }
  })()
}

async function issuanceServer(tmp, count, agreementVersion) {
  const dataDir = join(tmp, `issue-${count}`)
  const server = await startMockServer(`server-issuance-${count}`, dataDir)
  const db = new Database(join(dataDir, 'ecard.sqlite'))
  db.pragma('busy_timeout = 5000')
  const started = Date.now()
  seedCards(db, count, Date.now())
  const seedSeconds = (Date.now() - started) / 1000
  const personas = (await must(server.port, 'GET', '/api/mock/personas')).map((p) => p.id)
  const tokens = {}
  for (const id of personas) tokens[id] = await signIn(server.port, id)
  const baseId = db.prepare('SELECT MAX(id) AS id FROM cards').get().id
  const rearm = db.prepare(
    `INSERT INTO claims (persona_id, state, agreement_version, certify_id, certified_at, updated_at) VALUES (?, 'password_set', ?, NULL, ?, ?)
     ON CONFLICT (persona_id) DO UPDATE SET state = 'password_set', agreement_version = excluded.agreement_version,
       certified_at = excluded.certified_at, updated_at = excluded.updated_at`,
  )
  const unbind = db.prepare(`UPDATE cards SET status = 'unbound', unbound_at = ? WHERE persona_id = ? AND status = 'active'`)
  const password = db.prepare(`INSERT OR IGNORE INTO passwords (persona_id, hash, updated_at) VALUES (?, 'scrypt$bench$placeholder', ?)`)
  const cleanup = [
    db.prepare('DELETE FROM card_audit WHERE card_id > ?'),
    db.prepare('DELETE FROM idempotency_keys WHERE card_id > ?'),
    db.prepare('DELETE FROM qr_tokens WHERE card_id > ?'),
    db.prepare('DELETE FROM cards WHERE id > ?'),
  ]
  return {
    count,
    server,
    db,
    seedSeconds,
    cards: () => db.prepare('SELECT COUNT(*) AS n FROM cards').get().n,
    /** Every persona back to "password set, face verified just now, no active card": ready to issue. */
    rearm: db.transaction((now) => {
      for (const id of personas) {
        unbind.run(now, id)
        password.run(id, now)
        rearm.run(id, agreementVersion, now, now)
      }
    }),
    /** The table back to its seeded size (this round's cards, their audit and keys removed). */
    trim: db.transaction(() => {
      for (const s of cleanup) s.run(baseId)
    }),
    personas,
    tokens,
  }
}

let keySeq = 0
/** One round: `batches` times, re-arm every persona (not timed), then issue one card to each at once (timed). */
async function issuanceRound(target, batches) {
  let timedMs = 0
  let issued = 0
  for (let b = 0; b < batches; b++) {
    target.rearm(Date.now())
    const t0 = performance.now()
    const answers = await Promise.all(
      target.personas.map((id) =>
        call(target.server.port, 'POST', '/api/cards', { headers: { authorization: `Bearer ${target.tokens[id]}`, 'idempotency-key': `bench-${process.pid}-${++keySeq}` } }),
      ),
    )
    timedMs += performance.now() - t0
    for (const a of answers) if (a.status !== 201) throw new Error(`POST /api/cards (${target.count} cards): ${a.status} ${a.text.slice(0, 200)}`)
    issued += answers.length
  }
  target.trim()
  return (issued / timedMs) * 1000
}

async function issuanceBenchmark(tmp) {
  // the agreement version the claim must have consented to, from the server itself
  const probe = await startMockServer('server-issuance-probe', join(tmp, 'probe'))
  const { version } = await must(probe.port, 'GET', '/api/agreements/current')
  await stopProcess(probe)

  const targets = []
  for (const count of CFG.seeded) targets.push(await issuanceServer(tmp, count, version))
  for (const t of targets) console.log(`issuance server seeded with ${t.count} cards in ${t.seedSeconds.toFixed(1)} s (${t.cards()} rows); ${t.personas.length} personas issue at once`)
  for (const t of targets) await issuanceRound(t, 3) // warm-up

  const perSecond = Object.fromEntries(targets.map((t) => [t.count, []]))
  for (let r = 0; r < CFG.issueRounds; r++) {
    const order = r % 2 ? [...targets].reverse() : targets
    for (const t of order) {
      const v = await issuanceRound(t, CFG.issueBatches)
      perSecond[t.count].push(v)
      console.log(`round ${r + 1}/${CFG.issueRounds} issuance with ${String(t.count).padStart(6)} cards: ${v.toFixed(0)} cards/s`)
    }
  }
  const rows = targets.map((t) => ({ cards: t.count, rowsAtEnd: t.cards() }))
  for (const t of targets) {
    t.db.close()
    await stopProcess(t.server)
  }
  return {
    perSecond: Object.fromEntries(Object.entries(perSecond).map(([k, v]) => [k, { median: round2(median(v)), runs: v.map(round2) }])),
    tables: rows,
    concurrency: targets[0].personas.length,
  }
}

// ---- report ------------------------------------------------------------------------------------

async function main() {
  const tmp = mkdtempSync(join(tmpdir(), 'ecard-bench-server-'))
  const started = Date.now()
  try {
    console.log(`server benchmark${QUICK ? ' (quick)' : ''}: servers pinned to CPU 1, load generator to CPU 0${HAS_TASKSET ? '' : ' (no taskset: not pinned)'}`)
    const endpoints = ONLY === 'issuance' ? null : await endpointBenchmarks(tmp)
    const issuance = ONLY === 'endpoints' ? null : await issuanceBenchmark(tmp)

    const cmd = 'npm run bench:server'
    const summary = []
    if (endpoints) {
      const r = endpoints.rps
      const p = endpoints.p99At500
      summary.push(
      { figure: 'Card endpoint req/s vs bare Fastify', baseline: `${r['card/bare'].median.toFixed(0)} req/s`, ours: `${r['card/ours'].median.toFixed(0)} req/s`, ratio: round3(r['card/ours'].median / r['card/bare'].median), budget: `≥ ${BUDGETS.cardVsBare}×`, met: r['card/ours'].median / r['card/bare'].median >= BUDGETS.cardVsBare, command: cmd },
      { figure: 'QR endpoint req/s vs bare Fastify', baseline: `${r['qr/bare'].median.toFixed(0)} req/s`, ours: `${r['qr/ours'].median.toFixed(0)} req/s`, ratio: round3(r['qr/ours'].median / r['qr/bare'].median), budget: `≥ ${BUDGETS.qrVsBare}×`, met: r['qr/ours'].median / r['qr/bare'].median >= BUDGETS.qrVsBare, command: cmd },
      { figure: `Card endpoint p99 at ${FIXED_RATE} req/s`, baseline: `${ms(p['card/bare'].median)} (bare)`, ours: ms(p['card/ours'].median), ratio: p99Ratio(p['card/ours'].median, p['card/bare'].median), budget: `< ${BUDGETS.p99Ms} ms`, met: p['card/ours'].median < BUDGETS.p99Ms, command: cmd },
      { figure: `QR endpoint p99 at ${FIXED_RATE} req/s`, baseline: `${ms(p['qr/bare'].median)} (bare)`, ours: ms(p['qr/ours'].median), ratio: p99Ratio(p['qr/ours'].median, p['qr/bare'].median), budget: `< ${BUDGETS.p99Ms} ms`, met: p['qr/ours'].median < BUDGETS.p99Ms, command: cmd },
      { figure: 'Card endpoint req/s vs Prism', baseline: `${r['card/prism'].median.toFixed(0)} req/s`, ours: `${r['card/ours'].median.toFixed(0)} req/s`, ratio: round3(r['card/ours'].median / r['card/prism'].median), budget: `≥ ${BUDGETS.cardVsPrism}×`, met: r['card/ours'].median / r['card/prism'].median >= BUDGETS.cardVsPrism, command: cmd },
      )
    }
    if (issuance) {
      const small = issuance.perSecond[CFG.seeded[0]].median
      const large = issuance.perSecond[CFG.seeded[1]].median
      summary.push({ figure: 'Issuance/s, 100,000 vs 1,000 cards', baseline: `${small.toFixed(0)} /s`, ours: `${large.toFixed(0)} /s`, ratio: round3(large / small), budget: `≥ ${BUDGETS.issuance100kVs1k}×`, met: large / small >= BUDGETS.issuance100kVs1k, command: cmd })
    }
    console.log('')
    for (const s of summary) console.log(`${s.figure.padEnd(40)} ${s.baseline.padStart(18)} ${s.ours.padStart(14)} ${String(s.ratio).padStart(7)}  ${s.budget.padEnd(9)} ${s.met ? 'ok' : 'OVER'}`)

    const result = {
      measuredAt: new Date().toISOString(),
      node: process.version,
      quick: QUICK,
      config: { ...CFG, connections: CONNECTIONS, fixedRate: FIXED_RATE, pinned: HAS_TASKSET },
      seconds: Math.round((Date.now() - started) / 1000),
      endpoints,
      issuance,
      budgets: BUDGETS,
      summary,
    }
    mkdirSync(RESULTS, { recursive: true })
    const file = join(RESULTS, ONLY ? `server-${ONLY}.json` : 'server.json')
    writeFileSync(file, JSON.stringify(result, null, 2) + '\n')
    console.log(`\nwrote ${relative(ROOT, file)} (${result.seconds} s)`)
  } finally {
    for (const c of children) c.kill('SIGKILL')
    rmSync(tmp, { recursive: true, force: true })
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e)
    for (const c of children) c.kill('SIGKILL')
    process.exit(1)
  },
)
