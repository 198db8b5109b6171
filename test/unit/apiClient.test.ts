/**
 * The API client over Taro.mockRequest: what goes on the wire, and how every kind of answer
 * (JSON error, bare 5xx, malformed body, timeout, Alipay's fail-with-response) becomes an ApiError.
 */
type RequestOpts = {
  url: string
  method: string
  data?: string
  header: Record<string, string>
  success: (r: unknown) => void
  fail: (e: unknown) => void
}
const mockRequest = jest.fn<void, [RequestOpts]>()
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { request: (o: RequestOpts) => mockRequest(o) } }))

import { call, setAuthHooks, ApiError } from '../../src/services/api/client'
import { issueCard, consentToAgreement } from '../../src/services/api'
import { resetNetworkForTests, setOnline } from '../../src/services/network/status'
import { beginTransition, resetTiming, screenReady, timingRecords } from '../../src/services/timing'

const ok = (data: unknown, statusCode = 200) => (o: RequestOpts) => o.success({ statusCode, data: typeof data === 'string' ? data : JSON.stringify(data), header: {} })

afterEach(() => {
  jest.useRealTimers()
  resetNetworkForTests()
})

beforeEach(() => {
  mockRequest.mockReset()
  setAuthHooks({ accessToken: () => undefined, refresh: async () => false })
})

describe('api client', () => {
  it('sends JSON to the configured base with the bearer token', async () => {
    setAuthHooks({ accessToken: () => 'tok-1', refresh: async () => false })
    mockRequest.mockImplementationOnce(ok({ state: 'consented' }))
    const claim = await consentToAgreement('2026.1')
    expect(claim).toEqual({ state: 'consented' })
    const o = mockRequest.mock.calls[0][0]
    expect(o.url).toBe('/api/claim/consent')
    expect(o.method).toBe('POST')
    expect(JSON.parse(o.data!)).toEqual({ agreementVersion: '2026.1' })
    expect(o.header.Authorization).toBe('Bearer tok-1')
    expect(o.header['Content-Type']).toMatch(/application\/json/)
  })

  it('carries the Idempotency-Key on issuance', async () => {
    mockRequest.mockImplementationOnce(ok({ cardNumber: 'A12345678' }, 201))
    await issueCard('idem-abc12345')
    expect(mockRequest.mock.calls[0][0].header['Idempotency-Key']).toBe('idem-abc12345')
  })

  it('turns the server error shape into an ApiError with its code and reason', async () => {
    mockRequest.mockImplementationOnce(ok({ code: 'WEAK_PASSWORD', message: 'weak', reason: 'SEQUENTIAL' }, 422))
    await expect(call('POST', '/claim/password', {})).rejects.toMatchObject({ code: 'WEAK_PASSWORD', status: 422, reason: 'SEQUENTIAL' })
  })

  it('handles Alipay reporting an HTTP error through fail with the response attached', async () => {
    mockRequest.mockImplementationOnce((o) => o.fail({ error: 19, status: 409, data: JSON.stringify({ code: 'STEP_OUT_OF_ORDER', message: 'no' }), headers: {} }))
    await expect(call('GET', '/claim')).rejects.toMatchObject({ code: 'STEP_OUT_OF_ORDER', status: 409 })
  })

  it('calls a bare 5xx a server error and a non-JSON 200 malformed', async () => {
    mockRequest.mockImplementationOnce(ok('<html>bad gateway</html>', 502))
    await expect(call('GET', '/healthz', undefined, { retry: false })).rejects.toMatchObject({ code: 'SERVER_ERROR', status: 502 })
    mockRequest.mockImplementationOnce(ok('{"truncated":'))
    await expect(call('GET', '/healthz')).rejects.toMatchObject({ code: 'MALFORMED_RESPONSE' })
  })

  it('tells a timeout from a network failure', async () => {
    mockRequest.mockImplementationOnce((o) => o.fail({ errMsg: 'mockRequest:fail timeout' }))
    await expect(call('GET', '/healthz', undefined, { retry: false })).rejects.toMatchObject({ code: 'TIMEOUT' })
    mockRequest.mockImplementationOnce((o) => o.fail({ errMsg: 'mockRequest:fail net::ERR_CONNECTION_REFUSED' }))
    const err = (await call('GET', '/healthz', undefined, { retry: false }).catch((e: unknown) => e)) as ApiError
    expect(err).toBeInstanceOf(ApiError)
    expect(err.code).toBe('NETWORK')
  })

  it('refreshes once on TOKEN_EXPIRED and replays with the new token', async () => {
    let token = 'old'
    const refresh = jest.fn(async () => {
      token = 'new'
      return true
    })
    setAuthHooks({ accessToken: () => token, refresh })
    mockRequest
      .mockImplementationOnce(ok({ code: 'TOKEN_EXPIRED', message: 'expired' }, 401))
      .mockImplementationOnce(ok({ state: 'informed' }))
    await expect(call('GET', '/claim', undefined, { authed: true })).resolves.toEqual({ state: 'informed' })
    expect(refresh).toHaveBeenCalledTimes(1)
    expect(mockRequest.mock.calls[1][0].header.Authorization).toBe('Bearer new')
  })

  it('gives up when the refresh fails', async () => {
    setAuthHooks({ accessToken: () => 'old', refresh: async () => false })
    mockRequest.mockImplementationOnce(ok({ code: 'TOKEN_EXPIRED', message: 'expired' }, 401))
    await expect(call('GET', '/claim', undefined, { authed: true })).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' })
    expect(mockRequest).toHaveBeenCalledTimes(1)
  })
})

const fail5xx = (status = 503, header: Record<string, string> = {}) => (o: RequestOpts) =>
  o.success({ statusCode: status, data: JSON.stringify({ code: 'INTERNAL', message: 'x' }), header })
const netFail = (o: RequestOpts) => o.fail({ errMsg: 'request:fail net::ERR_INTERNET_DISCONNECTED' })

/** Lets pending promise callbacks and the client's backoff timers run, without real waiting. */
async function drain(ms: number) {
  await jest.advanceTimersByTimeAsync(ms)
}

describe('api client: retries', () => {
  beforeEach(() => jest.useFakeTimers())

  it('retries a GET after a 5xx and a network error, with backoff, and returns the answer', async () => {
    mockRequest.mockImplementationOnce(fail5xx(500)).mockImplementationOnce(netFail).mockImplementationOnce(ok({ state: 'informed' }))
    const result = call('GET', '/claim')
    await drain(0)
    expect(mockRequest).toHaveBeenCalledTimes(1)
    // the first backoff step is at most 250 ms: nothing is resent before it
    await drain(100)
    expect(mockRequest).toHaveBeenCalledTimes(1)
    await drain(3000)
    await expect(result).resolves.toEqual({ state: 'informed' })
    expect(mockRequest).toHaveBeenCalledTimes(3)
  })

  it('gives up after the bounded number of retries and surfaces the last failure', async () => {
    mockRequest.mockImplementation(fail5xx(502))
    const result = call('GET', '/claim').catch((e: unknown) => e)
    await drain(10_000)
    expect(await result).toMatchObject({ code: 'INTERNAL', status: 502 })
    expect(mockRequest).toHaveBeenCalledTimes(3)
  })

  it('retries issuance (POST with an Idempotency-Key) with the SAME key', async () => {
    mockRequest.mockImplementationOnce(fail5xx(500)).mockImplementationOnce((o) => o.fail({ errMsg: 'request:fail timeout' })).mockImplementationOnce(ok({ cardNumber: 'A1' }, 201))
    const result = issueCard('idem-same-key-1')
    await drain(5000)
    await expect(result).resolves.toEqual({ cardNumber: 'A1' })
    expect(mockRequest.mock.calls.map((c) => c[0].header['Idempotency-Key'])).toEqual(['idem-same-key-1', 'idem-same-key-1', 'idem-same-key-1'])
  })

  it('never retries a non-idempotent POST or a 4xx', async () => {
    mockRequest.mockImplementation(fail5xx(500))
    const post = consentToAgreement('2026.1').catch((e: unknown) => e)
    await drain(10_000)
    expect(await post).toMatchObject({ code: 'INTERNAL' })
    expect(mockRequest).toHaveBeenCalledTimes(1)

    mockRequest.mockReset()
    mockRequest.mockImplementation(ok({ code: 'CARD_NOT_FOUND', message: 'none' }, 404))
    const get = call('GET', '/cards/current').catch((e: unknown) => e)
    await drain(10_000)
    expect(await get).toMatchObject({ code: 'CARD_NOT_FOUND', status: 404 })
    expect(mockRequest).toHaveBeenCalledTimes(1)
  })

  it('surfaces a 429 with its Retry-After instead of waiting', async () => {
    mockRequest.mockImplementation(ok({ code: 'RATE_LIMITED', message: 'slow down' }, 429))
    // the mock's header is the response header; the adapter lower-cases it
    mockRequest.mockImplementation((o) => o.success({ statusCode: 429, data: JSON.stringify({ code: 'RATE_LIMITED', message: 'x' }), header: { 'Retry-After': '600' } }))
    const result = call('GET', '/claim').catch((e: unknown) => e)
    await drain(10_000)
    expect(await result).toMatchObject({ status: 429, retryAfterSeconds: 600 })
    expect(mockRequest).toHaveBeenCalledTimes(1)
  })

  it('honours a short Retry-After on a 503 and surfaces a long one', async () => {
    mockRequest.mockImplementationOnce(fail5xx(503, { 'Retry-After': '2' })).mockImplementationOnce(ok({ ok: true }))
    const short = call('GET', '/claim')
    await drain(1900)
    expect(mockRequest).toHaveBeenCalledTimes(1)
    await drain(200)
    await expect(short).resolves.toEqual({ ok: true })
    expect(mockRequest).toHaveBeenCalledTimes(2)

    mockRequest.mockReset()
    mockRequest.mockImplementation(fail5xx(503, { 'Retry-After': '120' }))
    const long = call('GET', '/claim').catch((e: unknown) => e)
    await drain(10_000)
    expect(await long).toMatchObject({ status: 503, retryAfterSeconds: 120 })
    expect(mockRequest).toHaveBeenCalledTimes(1)
  })
})

describe('api client: offline', () => {
  beforeEach(() => jest.useFakeTimers())

  it('holds a call made while offline until the network returns, then sends it once', async () => {
    setOnline(false)
    mockRequest.mockImplementation(ok({ state: 'consented' }))
    let settled = false
    const result = consentToAgreement('2026.1').then((v) => {
      settled = true
      return v
    })
    await drain(60_000)
    expect(mockRequest).not.toHaveBeenCalled()
    expect(settled).toBe(false)
    setOnline(true)
    await drain(0)
    await expect(result).resolves.toEqual({ state: 'consented' })
    expect(mockRequest).toHaveBeenCalledTimes(1)
  })

  it('resends an idempotent call that failed because the network went away, when it returns', async () => {
    mockRequest.mockImplementationOnce((o) => {
      setOnline(false)
      netFail(o)
    })
    mockRequest.mockImplementationOnce(ok({ cardNumber: 'A1' }, 201))
    const result = issueCard('idem-offline-1')
    await drain(60_000)
    expect(mockRequest).toHaveBeenCalledTimes(1)
    setOnline(true)
    await drain(0)
    await expect(result).resolves.toEqual({ cardNumber: 'A1' })
    expect(mockRequest.mock.calls[1][0].header['Idempotency-Key']).toBe('idem-offline-1')
  })

  it('surfaces the network error of a non-idempotent call that failed when the network went away', async () => {
    mockRequest.mockImplementationOnce((o) => {
      setOnline(false)
      netFail(o)
    })
    const result = consentToAgreement('2026.1').catch((e: unknown) => e)
    await drain(0)
    expect(await result).toMatchObject({ code: 'NETWORK' })
    expect(mockRequest).toHaveBeenCalledTimes(1)
  })
})

describe('api client: timing marks', () => {
  beforeEach(() => resetTiming())

  it('counts sequential round trips once each and parallel ones once, platform stand-ins apart', async () => {
    mockRequest.mockImplementation(ok({ ok: true }))
    screenReady('authorize')
    beginTransition('authorize-agree')
    await call('POST', '/mock/auth-code', {})
    await call('POST', '/oauth/token', {})
    await Promise.all([call('GET', '/claim'), call('GET', '/person')])
    screenReady('confirm')
    const [t] = timingRecords()
    expect(t).toMatchObject({ action: 'authorize-agree', from: 'authorize', to: 'confirm', roundTrips: 2, serverRequests: 3, platformRoundTrips: 1 })
  })
})
