/**
 * Before the contract tests are collected: find the gateway (CONTRACT_BASE_URL, or start the mock
 * server in this process on a free port), load the reference OpenAPI document, probe for the mock
 * stand-ins, and write what was found to a file the test file reads (CONTRACT_RUNTIME_FILE).
 *
 *   CONTRACT_BASE_URL   the gateway's API base (the value of TARO_APP_API_BASE), e.g. http://127.0.0.1:8787/api;
 *                       unset: the mock server is started in-process (buildApp + listen on 127.0.0.1:0)
 *   CONTRACT_OPENAPI    the reference document: unset/'builtin' = ours, built from mock-server/ in this
 *                       checkout; 'gateway' = the gateway's own GET <base>/openapi.json; or a URL or a file
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { pathPrefix } from './lib/openapi'
import { RUNTIME_ENV, settings, type Runtime } from './lib/runtime'

interface ContractGlobals {
  __CONTRACT_APP__?: FastifyInstance
  __CONTRACT_TMP__?: string
}
const g = globalThis as ContractGlobals

export function normalizeBaseUrl(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new Error(`the contract base URL is not a URL: "${value}"`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`the contract base URL must be http(s): "${value}"`)
  if (url.search || url.hash) throw new Error(`the contract base URL must not carry a query or fragment: "${value}"`)
  return url.toString().replace(/\/+$/, '')
}

async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(settings.timeoutMs()) })
  const text = await res.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body }
}

async function builtinDocument(): Promise<unknown> {
  const { buildApp, API_PREFIX } = await import('../../mock-server/app')
  const app = await buildApp({ dbPath: ':memory:', logLevel: 'silent' })
  try {
    const res = await app.inject({ method: 'GET', url: `${API_PREFIX}/openapi.json` })
    if (res.statusCode !== 200) throw new Error(`the built-in document answered ${res.statusCode}`)
    return res.json()
  } finally {
    await app.close()
  }
}

async function loadDocument(baseUrl: string, target: Runtime['target']): Promise<{ doc: unknown; source: string }> {
  const choice = process.env.CONTRACT_OPENAPI?.trim() || 'builtin'
  if (choice === 'builtin') {
    // in-process, the gateway IS this checkout's mock server: fetch its document over HTTP
    if (target === 'in-process') return { doc: (await getJson(`${baseUrl}/openapi.json`)).body, source: `${baseUrl}/openapi.json (this checkout's mock server)` }
    return { doc: await builtinDocument(), source: "this checkout's mock-server (built in memory)" }
  }
  if (choice === 'gateway' || /^https?:\/\//.test(choice)) {
    const url = choice === 'gateway' ? `${baseUrl}/openapi.json` : choice
    const res = await getJson(url)
    if (res.status !== 200) throw new Error(`CONTRACT_OPENAPI: GET ${url} answered ${res.status}`)
    return { doc: res.body, source: url }
  }
  const file = path.resolve(choice)
  return { doc: JSON.parse(fs.readFileSync(file, 'utf8')), source: file }
}

/** A base URL without /api (the server root) is the commonest slip: say so instead of failing 40 tests. */
async function checkBaseUrl(baseUrl: string, doc: { paths?: Record<string, unknown> }): Promise<void> {
  const docPaths = Object.keys(doc.paths ?? {})
  const health = docPaths.find((p) => /\/healthz$/.test(p)) ?? docPaths.find((p) => /\/openapi\.json$/.test(p))
  const prefix = pathPrefix(docPaths)
  const below = health ? health.slice(prefix.length) : '/openapi.json'
  let res: { status: number; body: unknown }
  try {
    res = await getJson(`${baseUrl}${below}`)
  } catch (err) {
    throw new Error(`the gateway at ${baseUrl} cannot be reached (GET ${baseUrl}${below}): ${(err as Error).message}`)
  }
  if (res.status === 404 && prefix) {
    const withPrefix = await getJson(`${baseUrl}${prefix}${below}`).catch(() => ({ status: 0, body: null }))
    if (withPrefix.status === 200) {
      throw new Error(
        `GET ${baseUrl}${below} is 404 but ${baseUrl}${prefix}${below} answers: the base URL is the API base ` +
          `(the value of TARO_APP_API_BASE), so pass --base-url ${baseUrl}${prefix}`,
      )
    }
  }
}

export default async function globalSetup(): Promise<void> {
  const started = Date.now()
  let baseUrl: string
  let target: Runtime['target']
  const explicit = process.env.CONTRACT_BASE_URL?.trim()
  if (explicit) {
    baseUrl = normalizeBaseUrl(explicit)
    target = 'external'
  } else {
    const { buildApp, API_PREFIX } = await import('../../mock-server/app')
    // the suite signs in a few dozen times from one IP, then looks for the token limit itself:
    // a limit above what it uses, and low enough to find in a second
    const app = await buildApp({ dbPath: ':memory:', logLevel: process.env.CONTRACT_LOG_LEVEL ?? 'silent', rateLimits: { tokenPerMinute: 150 } })
    g.__CONTRACT_APP__ = app
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    if (!address || typeof address !== 'object') throw new Error('the in-process mock server has no address')
    baseUrl = `http://127.0.0.1:${address.port}${API_PREFIX}`
    target = 'in-process'
  }

  const { doc, source } = await loadDocument(baseUrl, target)
  const d = doc as { openapi?: unknown; paths?: Record<string, Record<string, { operationId?: string; tags?: string[] }>> }
  if (!d || typeof d.openapi !== 'string' || typeof d.paths !== 'object') throw new Error(`the reference document from ${source} is not an OpenAPI document`)
  await checkBaseUrl(baseUrl, d)

  // the mock stand-ins: the document's listPersonas operation, asked on the gateway
  const mock: Runtime['mock'] = { available: false, probe: 'the document has no listPersonas operation', personas: [], scenarios: false, scenariosProbe: 'no mock stand-ins' }
  const ops = Object.entries(d.paths).flatMap(([p, item]) => Object.entries(item).map(([m, op]) => ({ p, m, op })))
  const list = ops.find((o) => o.op?.operationId === 'listPersonas')
  if (list) {
    const url = `${baseUrl}${list.p.slice(pathPrefix(Object.keys(d.paths)).length)}`
    try {
      const res = await getJson(url)
      const ok = res.status === 200 && Array.isArray(res.body)
      mock.available = ok
      mock.probe = `GET ${url} answered ${res.status}${ok ? ` with ${(res.body as unknown[]).length} personas` : ''}`
      if (ok) mock.personas = res.body as Runtime['mock']['personas']
    } catch (err) {
      mock.probe = `GET ${url} failed: ${(err as Error).message}`
    }
  }
  // the QA scenarios (clock offset, injected faults): the document's getScenarios operation, asked on the gateway
  if (mock.available) {
    const get = ops.find((o) => o.op?.operationId === 'getScenarios')
    if (!get) mock.scenariosProbe = 'the document has no getScenarios operation'
    else {
      const url = `${baseUrl}${get.p.slice(pathPrefix(Object.keys(d.paths)).length)}`
      try {
        const res = await getJson(url)
        mock.scenarios = res.status === 200 && typeof res.body === 'object' && res.body !== null && 'personas' in res.body
        mock.scenariosProbe = `GET ${url} answered ${res.status}`
      } catch (err) {
        mock.scenariosProbe = `GET ${url} failed: ${(err as Error).message}`
      }
    }
  }
  if (!mock.available && !settings.authCode()) {
    throw new Error(
      `The gateway at ${baseUrl} has no mock stand-ins (${mock.probe}), so the suite cannot sign in by itself: ` +
        'set CONTRACT_AUTH_CODE to a fresh one-time auth code (my.getAuthCode) of your test user. See test/contract/README.md.',
    )
  }

  const runtime: Runtime = { baseUrl, target, docSource: source, doc, mock }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecard-contract-'))
  g.__CONTRACT_TMP__ = dir
  const file = path.join(dir, 'runtime.json')
  fs.writeFileSync(file, JSON.stringify(runtime))
  process.env[RUNTIME_ENV] = file

  const lines = [
    `contract: gateway ${baseUrl} (${target === 'in-process' ? "this checkout's mock server, started in-process" : 'external'})`,
    `contract: reference document ${source}`,
    `contract: mock stand-ins ${mock.available ? 'available' : 'NOT available'} (${mock.probe})`,
  ]
  if (mock.available) lines.push(`contract: QA scenarios (clock offset, injected faults) ${mock.scenarios ? 'available' : 'NOT available'} (${mock.scenariosProbe})`)
  if (!mock.available) {
    lines.push(
      'contract: face step needs the mock stand-in; not reachable on this gateway: the steps after face verification ' +
        '(password, issuance, idempotency, the issued card and its management: QR code, scanner, password change, lock, reset, unbinding) ' +
        'are NOT run, nor the expiry and fault cases that need /mock/scenarios; see the coverage table at the end',
    )
  }
  console.log(`\n${lines.join('\n')}\ncontract: setup took ${Date.now() - started} ms`)
}
