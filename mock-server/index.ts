/**
 * `npm start`: builds the H5 app if there is no build yet (or src/ changed since), then serves it at / and the API at
 * /api on one local URL.
 *
 *   PORT           default 8787 (0 picks a free port; the URL printed says which)
 *   HOST           default 127.0.0.1
 *   DATA_DIR       default .data/ (the SQLite file is DATA_DIR/ecard.sqlite)
 *   SKIP_H5_BUILD  1 = never run the H5 build (tests that start the server as a child process)
 *   LOG_LEVEL      pino level, default info
 *   EXTRA_PERSONAS a count: adds that many generated eligible personas (load-00001...) for load and
 *                  crash runs (mock-server/personas/generated.ts); they are not listed in the console
 *   RATE_LIMIT_TOKEN_PER_MINUTE            POST /api/oauth/token calls per client IP per minute (default 60)
 *   RATE_LIMIT_FACE_STARTS_PER_10_MINUTES  face verifications a person may start in 10 minutes (default 5)
 *   CORS_ORIGINS   comma-separated origins allowed to call the API from a browser (default none)
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { buildApp } from './app'
import { parseCorsOrigins } from './cors'
import { batchedLines } from './logging'
import { DEFAULT_PERSONA_ID, PERSONAS } from './personas'
import { generatedPersonas } from './personas/generated'
import { rateLimitsFromEnv } from './rateLimit'

const ROOT = path.resolve(__dirname, '..')
// H5_DIR: which H5 build to serve (the e2e suite builds its own); dist/h5 by default.
const H5_DIR = path.resolve(ROOT, process.env.H5_DIR ?? path.join('dist', 'h5'))

/** The newest modification time under the app's sources, to tell a stale build from a fresh one. */
function newestSourceMtime(dir: string): number {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestSourceMtime(full) : fs.statSync(full).mtimeMs)
  }
  return newest
}

function h5BuildIsStale(): boolean {
  const index = path.join(H5_DIR, 'index.html')
  if (!fs.existsSync(index)) return true
  const built = fs.statSync(index).mtimeMs
  return ['src', 'config'].some((d) => fs.existsSync(path.join(ROOT, d)) && newestSourceMtime(path.join(ROOT, d)) > built)
}

function runH5Build(): Promise<void> {
  return new Promise((resolve, reject) => {
    console.log('The H5 build in dist/h5 is missing or older than src/: running `npm run build:h5` (about 30 s)...')
    const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build:h5'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, TARO_OUTPUT_DIR: path.relative(ROOT, H5_DIR) },
    })
    child.on('error', reject)
    child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`npm run build:h5 failed (${signal ?? `exit ${code}`})`))))
  })
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8787)
  const host = process.env.HOST ?? '127.0.0.1'
  const dataDir = path.resolve(process.env.DATA_DIR ?? '.data')
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${process.env.PORT}`)

  const hasH5 = () => fs.existsSync(path.join(H5_DIR, 'index.html'))
  if (process.env.SKIP_H5_BUILD !== '1' && h5BuildIsStale()) await runH5Build()

  fs.mkdirSync(dataDir, { recursive: true })
  const app = await buildApp({
    dbPath: path.join(dataDir, 'ecard.sqlite'),
    logStream: batchedLines(process.stdout),
    logLevel: process.env.LOG_LEVEL ?? 'info',
    staticRoot: hasH5() ? H5_DIR : undefined,
    extraPersonas: generatedPersonas(Number(process.env.EXTRA_PERSONAS ?? 0)),
    rateLimits: rateLimitsFromEnv(process.env),
    corsOrigins: parseCorsOrigins(process.env.CORS_ORIGINS),
  })

  let closing = false
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down')
    // app.close() stops accepting connections, finishes in-flight requests and closes the db
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  process.once('SIGTERM', shutdown)
  process.once('SIGINT', shutdown)

  await app.listen({ port, host })
  const address = app.server.address()
  const actualPort = typeof address === 'object' && address ? address.port : port
  const shownHost = host === '0.0.0.0' || host === '::' || host === 'localhost' ? '127.0.0.1' : host
  const url = `http://${shownHost}:${actualPort}/`
  console.log(`E-Social Security Card is running at ${url}`)
  if (!hasH5()) console.log('(no H5 build in dist/h5: only the API is served, at /api)')
  console.log(`QA: open ${url}?persona=<id> to sign in as a persona (default ${DEFAULT_PERSONA_ID}): ${PERSONAS.map((p) => p.id).join(', ')}`)
  console.log(`QA console: ${url}qa  API: ${url}api  OpenAPI: ${url}api/openapi.json`)
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
