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

const ok = (data: unknown, statusCode = 200) => (o: RequestOpts) => o.success({ statusCode, data: typeof data === 'string' ? data : JSON.stringify(data), header: {} })

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
    await expect(call('GET', '/healthz')).rejects.toMatchObject({ code: 'SERVER_ERROR', status: 502 })
    mockRequest.mockImplementationOnce(ok('{"truncated":'))
    await expect(call('GET', '/healthz')).rejects.toMatchObject({ code: 'MALFORMED_RESPONSE' })
  })

  it('tells a timeout from a network failure', async () => {
    mockRequest.mockImplementationOnce((o) => o.fail({ errMsg: 'mockRequest:fail timeout' }))
    await expect(call('GET', '/healthz')).rejects.toMatchObject({ code: 'TIMEOUT' })
    mockRequest.mockImplementationOnce((o) => o.fail({ errMsg: 'mockRequest:fail net::ERR_CONNECTION_REFUSED' }))
    const err = (await call('GET', '/healthz').catch((e: unknown) => e)) as ApiError
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
