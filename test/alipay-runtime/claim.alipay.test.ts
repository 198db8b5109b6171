/**
 * The nine steps of the claim in the compiled Alipay app (dist/alipay-runtime), executed headless
 * in a Node vm by the smoke-level simulator in ./harness, against the real mock server over HTTP.
 * Every assertion reads what the app rendered: the page's setData tree (what the Alipay view layer
 * would draw) and Taro's runtime DOM (data-step / data-testid from docs/qa.md).
 */
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../mock-server/app'
import { AlipayRuntime } from './harness/runtime'
import { COMPILED_API_ORIGIN, alipayRuntimeDist, ensureAlipayBuild } from './harness/build'
import { findAll } from './harness/dataTree'

jest.setTimeout(60_000)

// The persona the brief asks for is eligible-wu; until the server has it, eligible-li (also eligible,
// also "nine steps to the card") stands in. The test says which one it used.
const PREFERRED_PERSONA = 'eligible-wu'
const FALLBACK_PERSONA = 'eligible-li'
const PASSWORD = '582931'

let server: FastifyInstance
let origin: string
let distDir: string
let persona: { id: string; name: string }
let rt: AlipayRuntime | undefined

async function api<T = any>(method: string, path: string, opts: { token?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {}
  if (opts.body !== undefined) headers['content-type'] = 'application/json'
  if (opts.token) headers.authorization = `Bearer ${opts.token}`
  const res = await fetch(origin + path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : undefined }
}

beforeAll(async () => {
  // globalSetup has built the app; run on its own (no globalSetup), the file builds it here.
  distDir = process.env.ALIPAY_RUNTIME_BUILT === '1' ? alipayRuntimeDist() : ensureAlipayBuild()
  server = await buildApp({ dbPath: ':memory:', logLevel: 'warn' })
  await server.listen({ port: 0, host: '127.0.0.1' })
  origin = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`
  const personas = (await api<Array<{ id: string; name: string; traits: string[] }>>('GET', '/api/mock/personas')).body
  const chosen = personas.find((p) => p.id === PREFERRED_PERSONA) ?? personas.find((p) => p.id === FALLBACK_PERSONA)
  if (!chosen) throw new Error(`neither ${PREFERRED_PERSONA} nor ${FALLBACK_PERSONA} is a persona of the mock server`)
  if (chosen.id !== PREFERRED_PERSONA) console.info(`alipay-runtime: ${PREFERRED_PERSONA} is not on the server yet; using ${chosen.id}`)
  persona = chosen
})

afterAll(async () => {
  await server?.close()
})

afterEach(async () => {
  await rt?.dispose()
  rt = undefined
})

async function launch(faceOutcome: 'pass' | 'fail' | 'cancel' = 'pass'): Promise<AlipayRuntime> {
  expect((await api('POST', `/api/mock/personas/${persona.id}/reset`, { body: {} })).status).toBe(200)
  rt = await AlipayRuntime.launch({ distDir, apiOrigin: origin, compiledApiOrigin: COMPILED_API_ORIGIN, personaId: persona.id, faceOutcome })
  return rt
}

/** Steps 1 to 4: Alipay home, all apps, City Services, Social Security, then the e-card entry. */
async function reachAuthorize(rt: AlipayRuntime): Promise<void> {
  await rt.waitForStep('home')
  expect(rt.renderedText('open-more')).toContain('更多')
  expect(rt.tap('open-more')).toBe(true)

  await rt.waitForStep('apps')
  expect(rt.renderedText('open-city-services')).toContain('城市服务')
  rt.tap('open-city-services')

  await rt.waitForStep('city-services')
  expect(rt.renderedText('open-social-security')).toContain('社保')
  rt.tap('open-social-security')

  await rt.waitForStep('social-security')
  await rt.waitForTestId('open-ecard')
  expect(rt.renderedText('open-ecard').length).toBeGreaterThan(0)
  rt.tap('open-ecard')

  await rt.waitForStep('authorize')
  expect(rt.pages().map((p) => p.route)).toEqual([
    'pages/home/index',
    'pages/apps/index',
    'pages/city-services/index',
    'pages/social-security/index',
    'pages/ecard/authorize/index',
  ])
}

/** Steps 5 and 6: authorize (my.getAuthCode), then the person's details and the agreement. */
async function authorizeAndConfirm(rt: AlipayRuntime): Promise<void> {
  expect(rt.renderedTag('authorize-agree')).toBe('button')
  rt.tap('authorize-agree')
  await rt.waitForStep('confirm')
  expect(rt.records.authCodes).toBe(1)

  await rt.waitForTestId('person-name')
  expect(rt.renderedText('person-name')).toBe(persona.name)
  expect(rt.renderedText('person-id')).toMatch(/^\d{6}\*+\d{3}[\dX]$/)
  // The claim button is disabled until the agreement is accepted, and the native button swallows taps.
  expect(rt.renderedAttr('confirm-claim', 'disabled')).toBe(true)
  expect(rt.tap('confirm-claim')).toBe(false)

  rt.tap('agreement-check')
  await rt.waitFor(() => rt.renderedText('agreement-check').includes('✓'), 'the tick to be drawn')
  expect(rt.getByTestId('agreement-check').dataset.checked).toBe('true')
  await rt.waitFor(() => !rt.renderedAttr('confirm-claim', 'disabled'), 'confirm-claim to be enabled')
  rt.tap('confirm-claim')
  await rt.waitForStep('verify')
}

function renderedDots(rt: AlipayRuntime): number {
  const dots = rt.byTestId('password-dots')
  return dots ? findAll(rt.rendered(dots), (n) => String(n.cl ?? '').split(' ').includes('password-dots__dot')).length : -1
}

/** Enters one six-digit password on the shuffled keypad, checking the dots the view layer gets. */
async function typePassword(rt: AlipayRuntime, pw: string): Promise<void> {
  for (let i = 0; i < pw.length; i++) {
    await rt.waitFor(() => renderedDots(rt) === i && rt.byTestId(`key-${pw[i]}`), `key-${pw[i]} with ${i} dots drawn`)
    rt.tap(`key-${pw[i]}`)
    if (i < pw.length - 1) {
      // The dots the view layer draws (setData lands a moment after Taro's DOM changes).
      await rt.waitFor(() => renderedDots(rt) === i + 1, `${i + 1} dots drawn`)
      expect(rt.getByTestId('password-dots').dataset.filled).toBe(String(i + 1))
    }
  }
}

describe('the compiled Alipay app in the headless runtime', () => {
  it('takes an eligible person through the nine steps to an issued card', async () => {
    const rt = await launch('pass')
    await reachAuthorize(rt)
    await authorizeAndConfirm(rt)

    // Step 7: consent, then the platform's face screen (my.call startBizService open-certify).
    await rt.waitForTestId('consent-check')
    expect(rt.renderedAttr('verify-start', 'disabled')).toBe(true)
    rt.tap('consent-check')
    await rt.waitFor(() => !rt.renderedAttr('verify-start', 'disabled'), 'verify-start to be enabled')
    rt.tap('verify-start')
    await rt.waitForStep('password')
    expect(rt.records.faceCalls).toHaveLength(1)
    expect(rt.records.faceCalls[0].outcome).toBe('pass')

    // Steps 8-9: the password twice on the secure keypad, then Finish issues the card.
    await rt.waitForTestId('password-entry')
    expect(rt.getByTestId('password-entry').dataset.phase).toBe('set')
    await typePassword(rt, PASSWORD)
    await rt.waitFor(() => rt.byTestId('password-entry')?.dataset.phase === 'confirm', 'the confirm phase')
    await typePassword(rt, PASSWORD)
    await rt.waitFor(() => rt.byTestId('password-entry')?.dataset.phase === 'ready', 'the ready phase')
    await rt.waitFor(() => !rt.renderedAttr('password-finish', 'disabled'), 'password-finish to be enabled')
    rt.tap('password-finish')

    // After: the card, as the server issued it.
    await rt.waitForStep('card', 20_000)
    await rt.waitForTestId('card-number')
    const session = JSON.parse(rt.records.storage.get('ecard.session') ?? 'null') as { accessToken: string } | null
    expect(session?.accessToken).toBeTruthy()
    const card = await api('GET', '/api/cards/current', { token: session!.accessToken })
    expect(card.status).toBe(200)
    expect(card.body.status).toBe('active')
    expect(rt.renderedText('card-number')).toBe(card.body.cardNumberMasked)
    expect(rt.renderedText('card-name')).toBe(card.body.holderName)
    // The QR code: a server token drawn as a GIF data URL, the screen at full brightness meanwhile.
    await rt.waitForTestId('card-qrcode')
    expect(rt.renderedTag('card-qrcode')).toBe('image')
    expect(String(rt.renderedAttr('card-qrcode', 'src'))).toMatch(/^data:image\/gif;base64,/)
    expect(rt.records.requests.some((r) => r.method === 'POST' && r.url === '/api/cards/current/qr' && r.status === 200)).toBe(true)
    await rt.waitFor(() => rt.records.brightness === 1, 'full screen brightness for the QR code')
    const audit = await api('GET', `/api/mock/cards/${card.body.cardNumber}/audit`)
    expect(audit.body.entries.map((e: { action: string; outcome: string }) => `${e.action}:${e.outcome}`)).toContain('issued:ok')

    // The page stack as Alipay would have it: authorize and password were redirected away.
    expect(rt.pages().map((p) => p.route)).toEqual([
      'pages/home/index',
      'pages/apps/index',
      'pages/city-services/index',
      'pages/social-security/index',
      'pages/ecard/confirm/index',
      'pages/ecard/verify/index',
      'pages/ecard/card/index',
    ])
    // Every call reached the test server and succeeded; the password went out once, encrypted.
    expect(rt.records.requests.filter((r) => typeof r.status !== 'number' || r.status >= 400)).toEqual([])
    expect(rt.records.requests.filter((r) => r.method === 'POST' && r.url === '/api/claim/password')).toHaveLength(1)
    expect(rt.records.titles).toContain('我的电子社保卡')
    expect(rt.errors).toEqual([])
  })

  it('shows CERTIFY_NOT_PASSED when the face screen fails, and lets the person retry', async () => {
    const rt = await launch('fail')
    await reachAuthorize(rt)
    await authorizeAndConfirm(rt)
    await rt.waitForTestId('consent-check')
    rt.tap('consent-check')
    await rt.waitFor(() => !rt.renderedAttr('verify-start', 'disabled'), 'verify-start to be enabled')
    rt.tap('verify-start')
    const error = await rt.waitForTestId('error-message')
    expect(error.dataset.code).toBe('CERTIFY_NOT_PASSED')
    expect(rt.renderedText(error).length).toBeGreaterThan(0)
    expect(rt.step()).toBe('verify')

    rt.setFaceOutcome('pass')
    await rt.waitFor(() => !rt.renderedAttr('verify-start', 'disabled'), 'verify-start to be enabled again')
    rt.tap('verify-start')
    await rt.waitForStep('password')
    expect(rt.records.faceCalls.map((c) => c.outcome)).toEqual(['fail', 'pass'])
    expect(rt.errors).toEqual([])
  })

  it("follows the server's faceOutcome scenario for the persona over its own default", async () => {
    const rt = await launch('pass')
    const set = await api('PATCH', '/api/mock/scenarios', { body: { personas: { [persona.id]: { faceOutcome: 'fail' } } } })
    expect(set.status).toBe(200)
    try {
      await reachAuthorize(rt)
      await authorizeAndConfirm(rt)
      await rt.waitForTestId('consent-check')
      rt.tap('consent-check')
      await rt.waitFor(() => !rt.renderedAttr('verify-start', 'disabled'), 'verify-start to be enabled')
      rt.tap('verify-start')
      const error = await rt.waitForTestId('error-message')
      expect(error.dataset.code).toBe('CERTIFY_NOT_PASSED')
      expect(rt.records.faceCalls).toEqual([expect.objectContaining({ outcome: 'fail', source: 'scenario' })])
    } finally {
      await api('DELETE', `/api/mock/scenarios?personaId=${persona.id}`)
    }
  })

  it('stays on the authorization sheet with AUTH_CANCELLED when the person refuses my.getAuthCode', async () => {
    const rt = await launch()
    rt.setAuth('deny')
    await reachAuthorize(rt)
    rt.tap('authorize-agree')
    const error = await rt.waitForTestId('error-message')
    expect(error.dataset.code).toBe('AUTH_CANCELLED')
    expect(rt.step()).toBe('authorize')
    expect(rt.records.requests.filter((r) => r.url.startsWith('/api/oauth'))).toEqual([])
    expect(rt.records.storage.has('ecard.session')).toBe(false)

    // Cancel goes back (my.navigateBack) to the Social Security page underneath, which shows again.
    await rt.waitFor(() => !rt.renderedAttr('authorize-cancel', 'disabled'), 'authorize-cancel to be enabled')
    rt.tap('authorize-cancel')
    await rt.waitForStep('social-security')
    expect(rt.pages().map((p) => p.route)).toEqual(['pages/home/index', 'pages/apps/index', 'pages/city-services/index', 'pages/social-security/index'])
    expect(rt.history[rt.history.length - 1]).toEqual({ kind: 'navigateBack', route: 'pages/social-security/index' })
    expect(rt.byTestId('open-ecard')).toBeDefined()
    expect(rt.errors).toEqual([])
  })
})
