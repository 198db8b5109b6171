/**
 * End-to-end runs need the real H5 build served by the real mock server. Build once, start the
 * server as a child process on a free port with a throw-away data directory, and hand the URL to
 * the test files through the environment (workers inherit it).
 */
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = join(__dirname, '..', '..')

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
  })
}

async function waitForHealth(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/api/healthz`)
      if (res.ok) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`mock server did not become healthy at ${url}`)
}

export default async function globalSetup(): Promise<void> {
  // E2E_SKIP_BUILD=1 reuses dist/h5 for quick local reruns; CI always builds the code under test.
  // E2E_H5_DIR keeps this build apart from the one `npm start` serves (default dist/h5-e2e).
  const h5Dir = process.env.E2E_H5_DIR ?? 'dist/h5-e2e'
  if (!(process.env.E2E_SKIP_BUILD === '1' && existsSync(join(root, h5Dir, 'index.html')))) {
    execFileSync('npm', ['run', 'build:h5'], { cwd: root, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production', TARO_OUTPUT_DIR: h5Dir } })
  }
  const port = await freePort()
  const dataDir = mkdtempSync(join(tmpdir(), 'ecard-e2e-'))
  const child = spawn(join(root, 'node_modules/.bin/tsx'), ['mock-server/index.ts'], {
    cwd: root,
    // every browser of the suite signs in from 127.0.0.1, many personas a minute: far more than one
    // client does, so the per-IP token limit is raised for this server (the face limit stays as shipped)
    env: {
      RATE_LIMIT_TOKEN_PER_MINUTE: '100000',
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      SKIP_H5_BUILD: '1',
      LOG_LEVEL: 'warn',
      H5_DIR: h5Dir,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const url = `http://127.0.0.1:${port}`
  ;(globalThis as { __E2E_SERVER__?: unknown }).__E2E_SERVER__ = child
  await waitForHealth(url, Date.now() + 30_000)
  process.env.E2E_BASE_URL = url
}
