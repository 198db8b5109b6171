/**
 * The real server (`npm start`'s mock-server/index.ts) as a child process on a file database, so it
 * can be killed with SIGKILL (no shutdown hook runs) and started again on the same DATA_DIR.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '..', '..')

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

export interface ServerOptions {
  port: number
  dataDir: string
  /** Extra environment (EXTRA_PERSONAS, rate limits). */
  env?: Record<string, string>
}

export interface ServerProcess {
  child: ChildProcess
  /** Everything it wrote to stdout and stderr. */
  output(): string
}

const STARTUP_TIMEOUT_MS = 60_000

export interface LaunchedServer {
  process: ServerProcess
  /** Resolves when the server listens; rejects when it exits (or is killed) first. */
  ready: Promise<void>
}

/** Spawns the server; `ready` says when it listens. */
export function launchServer({ port, dataDir, env = {} }: ServerOptions): LaunchedServer {
  const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['mock-server/index.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SKIP_H5_BUILD: '1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // its own process group, so SIGKILL reaches tsx and the node process it runs
    detached: true,
  })
  let out = ''
  const server: ServerProcess = { child, output: () => out }
  const ready = new Promise<void>((resolve, reject) => {
    let listening = false
    const timer = setTimeout(() => reject(new Error(`server did not start in ${STARTUP_TIMEOUT_MS} ms:\n${out}`)), STARTUP_TIMEOUT_MS)
    const onData = (chunk: Buffer) => {
      out += chunk.toString()
      if (!listening && out.includes(`is running at http://127.0.0.1:${port}/`)) {
        listening = true
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('exit', (code, signal) => {
      if (listening) return
      clearTimeout(timer)
      reject(new Error(`server exited while starting (${signal ?? code}):\n${out}`))
    })
  })
  return { process: server, ready }
}

export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  const launched = launchServer(options)
  await launched.ready
  return launched.process
}

function exited(server: ServerProcess): boolean {
  return server.child.exitCode !== null || server.child.signalCode !== null
}

/** SIGKILL to the whole process group: no handler, no flush, no close of the database. */
export function killHard(server: ServerProcess): Promise<void> {
  return new Promise((resolve) => {
    if (exited(server)) return resolve()
    server.child.once('exit', () => resolve())
    process.kill(-server.child.pid!, 'SIGKILL')
  })
}

/** SIGTERM (the graceful shutdown); SIGKILL if it has not exited after `graceMs`. */
export function stopGracefully(server: ServerProcess, graceMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    if (exited(server)) return resolve()
    const timer = setTimeout(() => process.kill(-server.child.pid!, 'SIGKILL'), graceMs)
    server.child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    server.child.kill('SIGTERM')
  })
}
