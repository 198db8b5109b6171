import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { sm2 } from 'sm-crypto'
import { CURRENT_AGREEMENT } from '../../mock-server/agreement'
import { advance, call, newApp, signIn } from './helpers'

const ROOT = path.resolve(__dirname, '..', '..')

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecard-persist-'))
})
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('a file database survives a restart', () => {
  it('keeps the card, the claim, the tokens and the SM2 key across close and build', async () => {
    const dbPath = path.join(dir, 'ecard.sqlite')
    const first = await newApp({ dbPath })
    const tokens = await signIn(first.app, 'eligible-zhang')
    const { card } = await advance(first.app, tokens.accessToken, 'issued', 'restart-key-1')
    const key = (await call(first.app, 'GET', '/api/crypto/public-key')).json()
    await first.app.close()

    const second = await newApp({ dbPath })
    try {
      const again = await call(second.app, 'GET', '/api/cards/current', { token: tokens.accessToken })
      expect(again.statusCode).toBe(200)
      expect(again.json()).toEqual(card)
      expect((await call(second.app, 'GET', '/api/claim', { token: tokens.accessToken })).json().state).toBe('issued')
      // the idempotency key still answers with the same card
      const replay = await call(second.app, 'POST', '/api/cards', { token: tokens.accessToken, headers: { 'idempotency-key': 'restart-key-1' } })
      expect(replay.statusCode).toBe(200)
      expect(replay.json().cardNumber).toBe(card!.cardNumber)
      // same key pair: what was encrypted before the restart decrypts after it
      expect((await call(second.app, 'GET', '/api/crypto/public-key')).json()).toEqual(key)
      // the pre-issued card is not duplicated by opening again
      const { accessToken: wang } = await signIn(second.app, 'has-ecard-wang')
      expect((await call(second.app, 'GET', '/api/cards/current', { token: wang })).statusCode).toBe(200)
    } finally {
      await second.app.close()
    }
  })

  it('uses WAL and records its schema version', async () => {
    const dbPath = path.join(dir, 'ecard.sqlite')
    const { app } = await newApp({ dbPath })
    await app.close()
    const Database = (await import('better-sqlite3')).default
    const db = new Database(dbPath)
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(1)
    } finally {
      db.close()
    }
  })
})

// ---------------------------------------------------------------------------------------------
// kill -9: the real server as a child process, over real HTTP

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

interface Server {
  child: ChildProcess
  output: () => string
}

function startServer(port: number, dataDir: string, logLevel = 'warn'): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['mock-server/index.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SKIP_H5_BUILD: '1', LOG_LEVEL: logLevel },
      stdio: ['ignore', 'pipe', 'pipe'],
      // its own process group, so SIGKILL reaches tsx and the node process it runs
      detached: true,
    })
    let out = ''
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 15_000)
    const onData = (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes(`E-Social Security Card is running at http://127.0.0.1:${port}/`)) {
        clearTimeout(timer)
        resolve({ child, output: () => out })
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited early (${code}):\n${out}`))
    })
  })
}

function killHard(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolve()
    server.child.once('exit', () => resolve())
    process.kill(-server.child.pid!, 'SIGKILL')
  })
}

function request(port: number, method: string, url: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body)
    const headers: Record<string, string> = { ...(opts.headers ?? {}) }
    if (payload !== undefined) headers['content-type'] = 'application/json'
    if (opts.token) headers.authorization = `Bearer ${opts.token}`
    const req = http.request({ host: '127.0.0.1', port, method, path: url, headers, agent: false }, (res) => {
      let data = ''
      res.on('data', (c) => (data += c))
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode!, json: data ? JSON.parse(data) : undefined })
        } catch (e) {
          reject(e)
        }
      })
    })
    req.on('error', reject)
    if (payload !== undefined) req.write(payload)
    req.end()
  })
}

describe('kill -9', () => {
  jest.setTimeout(30_000)

  it('an issued card survives SIGKILL of the server', async () => {
    const port = await freePort()
    let server = await startServer(port, dir)
    try {
      const api = (method: string, url: string, opts?: Parameters<typeof request>[3]) => request(port, method, `/api${url}`, opts)
      const { authCode } = (await api('POST', '/mock/auth-code', { body: { personaId: 'eligible-li' } })).json
      const tokens = (await api('POST', '/oauth/token', { body: { grantType: 'authorization_code', code: authCode } })).json
      const token = tokens.accessToken as string
      expect((await api('GET', '/person', { token })).status).toBe(200)
      expect((await api('POST', '/claim/consent', { token, body: { agreementVersion: CURRENT_AGREEMENT.version } })).status).toBe(200)
      const { certifyId } = (await api('POST', '/certifications', { token, body: {} })).json
      expect((await api('POST', `/mock/certifications/${certifyId}/complete`, { body: { outcome: 'pass' } })).status).toBe(200)
      expect((await api('GET', `/certifications/${certifyId}`, { token })).json.passed).toBe('T')
      const key = (await api('GET', '/crypto/public-key')).json
      const pw = await api('POST', '/claim/password', { token, body: { keyId: key.keyId, encryptedPassword: sm2.doEncrypt('258036', key.publicKey, 1) } })
      expect(pw.status).toBe(200)
      const issued = await api('POST', '/cards', { token, headers: { 'idempotency-key': 'kill-nine-key-1' } })
      expect(issued.status).toBe(201)

      // no graceful anything: the acknowledged write must already be on disk
      await killHard(server)
      expect(server.child.signalCode).toBe('SIGKILL')

      server = await startServer(port, dir)
      const after = await api('GET', '/cards/current', { token })
      expect(after.status).toBe(200)
      expect(after.json).toEqual(issued.json)
      expect((await api('GET', '/claim', { token })).json.state).toBe('issued')
      expect((await api('GET', '/crypto/public-key')).json).toEqual(key)
    } finally {
      await killHard(server)
    }
  })

  it('SIGTERM shuts down gracefully', async () => {
    const port = await freePort()
    const server = await startServer(port, dir, 'info')
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)))
    // to tsx only, as a terminal or a process manager would: it passes the signal on
    server.child.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(server.output()).toContain('"msg":"shutting down"')
    // the port is free again: nothing was left behind
    await new Promise<void>((resolve, reject) => {
      const probe = net.createServer().once('error', reject)
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()))
    })
  })
})
