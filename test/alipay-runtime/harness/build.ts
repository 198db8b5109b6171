/**
 * The Alipay build the simulator runs: its own output folder (so it never races `dist/alipay` or
 * the build test's `dist/alipay-test`), built in production mode with the default loopback API
 * base, which the simulator's my.request rewrites to the test server.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'

export const ROOT = join(__dirname, '..', '..', '..')
/** Compiled into the build as TARO_APP_API_BASE; the runtime sends it to the real server instead. */
export const COMPILED_API_ORIGIN = 'http://127.0.0.1:8787'

/** Relative to the project root, as TARO_OUTPUT_DIR wants it. */
export const OUT_DIR = process.env.ALIPAY_RUNTIME_OUT_DIR ?? 'dist/alipay-runtime'

export function alipayRuntimeDist(): string {
  return join(ROOT, OUT_DIR)
}

/** Builds the app unless ALIPAY_RUNTIME_SKIP_BUILD=1 and a build is already there. */
export function ensureAlipayBuild(force = false): string {
  const dist = alipayRuntimeDist()
  const reuse = !force && process.env.ALIPAY_RUNTIME_SKIP_BUILD === '1' && existsSync(join(dist, 'app.js'))
  if (!reuse) {
    try {
      execFileSync('npm', ['run', 'build:alipay'], {
        cwd: ROOT,
        stdio: 'pipe',
        env: { ...process.env, NODE_ENV: 'production', TARO_OUTPUT_DIR: OUT_DIR, TARO_APP_API_BASE: `${COMPILED_API_ORIGIN}/api` },
      })
    } catch (e) {
      const err = e as { stdout?: Buffer; stderr?: Buffer }
      throw new Error(`npm run build:alipay failed:\n${err.stderr?.toString() ?? ''}${err.stdout?.toString().slice(-4000) ?? ''}`)
    }
  }
  return dist
}
