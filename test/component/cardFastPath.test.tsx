/**
 * H5's fast path for the card page's fresh load (src/services/api/fastPath.h5.ts): the first card
 * and QR token go out with the browser's fetch, and only a 200 with a well-formed body is used as
 * it is. Every other outcome is handed to the API client as that call's first attempt: the client
 * refreshes the token, retries (an idempotent GET) or reports the error as if it had sent the
 * request itself, and never sends it a second time on its own account. Then the card page wired to
 * it, with the real session and client (Taro.request mocked), as the H5 build runs it.
 */
import { render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import CardPage from '../../src/pages/ecard/card/index'
import { startEarlyLoad, takeFreshLoad } from '../../src/pages/ecard/card/freshLoad'
import { qrDataUrl } from '../../src/components/QrCode'
import { getCurrentCardFast, issueQrTokenFast, isCard, isQrToken } from '../../src/services/api/fastPath.h5'
import { configureRetry } from '../../src/services/api/client'
import { resetNetworkForTests, setOnline } from '../../src/services/network/status'
import { beginTransition, screenReady, timingRecords } from '../../src/services/timing'
import { platform } from '../../src/services/platform'
import { signOut } from '../../src/services/session'
import { card, qrToken } from '../mocks/services'
import { flush, resetHost } from '../mocks/testUtils'

jest.mock('../../src/services/platform', () => jest.requireActual('../mocks/services').platformMock())
// The H5 build resolves fastPath.h5.ts for './fastPath' (Taro's platform files); Jest does not.
jest.mock('../../src/services/api/fastPath', () => jest.requireActual('../../src/services/api/fastPath.h5'))

interface Answer {
  status: number
  body: string
  headers?: Record<string, string>
}
type FetchInit = { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal }

const fetchMock = jest.fn<Promise<unknown>, [string, FetchInit]>()
const answer = ({ status, body, headers = {} }: Answer) =>
  Promise.resolve({ status, text: async () => body, headers: { forEach: (f: (v: string, k: string) => void) => Object.entries(headers).forEach(([k, v]) => f(v, k)) } })
const json = (status: number, value: unknown, headers?: Record<string, string>) => answer({ status, body: JSON.stringify(value), headers })

type TaroRequest = { url: string; method: string; header: Record<string, string>; data?: string; success: (r: unknown) => void; fail: (e: unknown) => void }
const taroRequest = Taro.request as unknown as jest.Mock<void, [TaroRequest]>
/** The API client's transport answers: by URL, in order. */
function clientAnswers(byUrl: Record<string, Array<{ status: number; data: unknown } | 'network'>>) {
  taroRequest.mockImplementation((o) => {
    const next = byUrl[`${o.method} ${o.url}`]?.shift()
    if (!next) throw new Error(`unexpected client request ${o.method} ${o.url}`)
    if (next === 'network') o.fail({ errMsg: 'request:fail' })
    else o.success({ statusCode: next.status, data: JSON.stringify(next.data), header: {} })
  })
}

const SESSION = { principal: 'h5:test-persona', userId: 'u-1', accessToken: 'access-1', refreshToken: 'refresh-1', accessExpiresAt: Date.now() + 3600_000 }
const storage = () => (platform.storage as unknown as { data: Map<string, unknown> }).data
const requests = () => fetchMock.mock.calls.map(([url, init]) => `${init.method} ${url}`)

beforeAll(() => {
  ;(globalThis as { fetch?: unknown }).fetch = fetchMock
  configureRetry({ sleep: async () => undefined })
})
afterAll(() => {
  Reflect.deleteProperty(globalThis, 'fetch')
})
beforeEach(() => {
  resetHost('zh-CN')
  resetNetworkForTests()
  storage().clear()
  // Nothing left waiting from the test before (signed out, taking it sends nothing new).
  takeFreshLoad(Number.MAX_SAFE_INTEGER)
  storage().set('ecard.session', { ...SESSION })
  fetchMock.mockReset()
  taroRequest.mockReset()
})

describe('the fast path (fastPath.h5.ts)', () => {
  it('a 200 with a well-formed card: fetch alone, with the client’s URL, method, headers and bearer token', async () => {
    fetchMock.mockReturnValueOnce(json(200, card))
    await expect(getCurrentCardFast()).resolves.toEqual(card)
    expect(fetchMock).toHaveBeenCalledTimes(1)
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe('/api/cards/current')
    expect(init.method).toBe('GET')
    expect(init.body).toBeUndefined()
    expect(init.headers).toEqual({ 'Content-Type': 'application/json', Authorization: 'Bearer access-1' })
    expect(taroRequest).not.toHaveBeenCalled()
  })

  it('the QR token is a POST with {} as its body', async () => {
    const token = qrToken(1)
    fetchMock.mockReturnValueOnce(json(200, token))
    await expect(issueQrTokenFast()).resolves.toEqual(token)
    const [url, init] = fetchMock.mock.calls[0]
    expect([url, init.method, init.body, init.headers.Authorization]).toEqual(['/api/cards/current/qr', 'POST', '{}', 'Bearer access-1'])
    expect(taroRequest).not.toHaveBeenCalled()
  })

  it('401 TOKEN_EXPIRED: the client refreshes the session and sends the request again, once', async () => {
    fetchMock.mockReturnValueOnce(json(401, { code: 'TOKEN_EXPIRED', message: 'expired' }))
    clientAnswers({
      'POST /api/oauth/token': [{ status: 200, data: { userId: 'u-1', accessToken: 'access-2', refreshToken: 'refresh-2', expiresIn: 3600, tokenType: 'Bearer' } }],
      'GET /api/cards/current': [{ status: 200, data: card }],
    })
    await expect(getCurrentCardFast()).resolves.toEqual(card)
    expect(fetchMock).toHaveBeenCalledTimes(1)
    expect(taroRequest.mock.calls.map(([o]) => `${o.method} ${o.url}`)).toEqual(['POST /api/oauth/token', 'GET /api/cards/current'])
    expect(taroRequest.mock.calls[1][0].header.Authorization).toBe('Bearer access-2')
  })

  it('401 whose refresh fails: TOKEN_EXPIRED for the page, the card not asked for again', async () => {
    fetchMock.mockReturnValueOnce(json(401, { code: 'TOKEN_EXPIRED', message: 'expired' }))
    clientAnswers({ 'POST /api/oauth/token': [{ status: 401, data: { code: 'REFRESH_TOKEN_INVALID', message: 'no' } }] })
    await expect(getCurrentCardFast()).rejects.toMatchObject({ name: 'ApiError', code: 'TOKEN_EXPIRED', status: 401 })
    expect(taroRequest.mock.calls.map(([o]) => o.url)).toEqual(['/api/oauth/token'])
  })

  it('404 CARD_NOT_FOUND: the client’s error, with its code, and nothing sent again', async () => {
    fetchMock.mockReturnValueOnce(json(404, { code: 'CARD_NOT_FOUND', message: 'none' }))
    await expect(getCurrentCardFast()).rejects.toMatchObject({ name: 'ApiError', code: 'CARD_NOT_FOUND', status: 404 })
    expect(taroRequest).not.toHaveBeenCalled()
  })

  it('a 5xx on the QR token (not idempotent): the error, and no second token issued', async () => {
    fetchMock.mockReturnValueOnce(json(500, { code: 'INTERNAL', message: 'injected' }))
    await expect(issueQrTokenFast()).rejects.toMatchObject({ code: 'INTERNAL', status: 500 })
    expect(fetchMock).toHaveBeenCalledTimes(1)
    expect(taroRequest).not.toHaveBeenCalled()
  })

  it('a 503 on the card (idempotent GET): the client’s retry, Retry-After read from the fast path’s answer', async () => {
    const sleeps: number[] = []
    configureRetry({ sleep: async (ms) => void sleeps.push(ms) })
    fetchMock.mockReturnValueOnce(json(503, { code: 'SERVICE_UNAVAILABLE', message: 'busy' }, { 'Retry-After': '1' }))
    clientAnswers({ 'GET /api/cards/current': [{ status: 200, data: card }] })
    await expect(getCurrentCardFast()).resolves.toEqual(card)
    expect(sleeps).toEqual([1000])
    expect(taroRequest).toHaveBeenCalledTimes(1)
    configureRetry({ sleep: async () => undefined })
  })

  it('no answer on the card: the client retries it (idempotent)', async () => {
    fetchMock.mockReturnValueOnce(Promise.reject(new TypeError('Failed to fetch')))
    clientAnswers({ 'GET /api/cards/current': [{ status: 200, data: card }] })
    await expect(getCurrentCardFast()).resolves.toEqual(card)
    expect(fetchMock).toHaveBeenCalledTimes(1)
    expect(taroRequest).toHaveBeenCalledTimes(1)
  })

  it('no answer on the QR token: NETWORK, and not sent again', async () => {
    fetchMock.mockReturnValueOnce(Promise.reject(new TypeError('Failed to fetch')))
    await expect(issueQrTokenFast()).rejects.toMatchObject({ code: 'NETWORK' })
    expect(taroRequest).not.toHaveBeenCalled()
  })

  it('a malformed 200 body: MALFORMED_RESPONSE from the client, not sent again', async () => {
    fetchMock.mockReturnValueOnce(answer({ status: 200, body: '{"cardNumber":"A1234' }))
    await expect(getCurrentCardFast()).rejects.toMatchObject({ code: 'MALFORMED_RESPONSE' })
    expect(taroRequest).not.toHaveBeenCalled()
  })

  it('a 200 that is JSON but not a card the page can show: the client decides (it reads any object), nothing sent again', async () => {
    const partial = { cardNumber: 'A12345678' }
    fetchMock.mockReturnValueOnce(json(200, partial))
    await expect(getCurrentCardFast()).resolves.toEqual(partial)
    expect(taroRequest).not.toHaveBeenCalled()
  })

  it('the timeout: after the client’s 15 s the fast path gives up, and the client retries the card', async () => {
    jest.useFakeTimers()
    try {
      let signal: AbortSignal | undefined
      fetchMock.mockImplementationOnce((_url, init) => {
        signal = init.signal
        return new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))
      })
      clientAnswers({ 'GET /api/cards/current': [{ status: 200, data: card }] })
      const loaded = getCurrentCardFast()
      await Promise.resolve()
      jest.advanceTimersByTime(14_999)
      expect(signal?.aborted).toBe(false)
      jest.advanceTimersByTime(1)
      expect(signal?.aborted).toBe(true)
      await expect(loaded).resolves.toEqual(card)
      expect(taroRequest).toHaveBeenCalledTimes(1)
    } finally {
      jest.useRealTimers()
    }
  })

  it('no session: no fetch; the client sends the request (and reports what the server says)', async () => {
    signOut()
    clientAnswers({ 'GET /api/cards/current': [{ status: 401, data: { code: 'TOKEN_MISSING', message: 'no' } }] })
    await expect(getCurrentCardFast()).rejects.toMatchObject({ code: 'TOKEN_MISSING' })
    expect(fetchMock).not.toHaveBeenCalled()
    expect(taroRequest).toHaveBeenCalledTimes(1)
  })

  it('offline: no fetch; the client holds the request until the network is back', async () => {
    setOnline(false)
    clientAnswers({ 'GET /api/cards/current': [{ status: 200, data: card }] })
    const loaded = getCurrentCardFast()
    await flush()
    expect(fetchMock).not.toHaveBeenCalled()
    expect(taroRequest).not.toHaveBeenCalled()
    setOnline(true)
    await expect(loaded).resolves.toEqual(card)
    expect(taroRequest).toHaveBeenCalledTimes(1)
  })

  it('timing marks: one server request per fast-path request, and one more only for what the client sends itself', async () => {
    beginTransition('navigate')
    fetchMock.mockReturnValueOnce(json(200, card)).mockReturnValueOnce(json(500, { code: 'INTERNAL', message: 'x' }))
    await getCurrentCardFast()
    await expect(issueQrTokenFast()).rejects.toMatchObject({ code: 'INTERNAL' })
    screenReady('card')
    expect(timingRecords()).toEqual([expect.objectContaining({ to: 'card', serverRequests: 2, roundTrips: 2 })])

    beginTransition('navigate')
    fetchMock.mockReturnValueOnce(Promise.reject(new TypeError('Failed to fetch')))
    clientAnswers({ 'GET /api/cards/current': [{ status: 200, data: card }] })
    await getCurrentCardFast()
    screenReady('card')
    expect(timingRecords()[1]).toEqual(expect.objectContaining({ serverRequests: 2, roundTrips: 2 }))
  })

  it('what it takes as well-formed', () => {
    expect(isCard(card)).toBe(true)
    expect(isCard({ ...card, status: 'lost' })).toBe(false)
    expect(isCard({ ...card, regionName: 'Hangzhou' })).toBe(false)
    expect(isCard({ ...card, holderName: undefined })).toBe(false)
    expect(isCard([card])).toBe(false)
    expect(isQrToken(qrToken(1))).toBe(true)
    expect(isQrToken({ ...qrToken(1), token: '' })).toBe(false)
    expect(isQrToken({ ...qrToken(1), expiresIn: '60' })).toBe(false)
  })
})

describe('the card page on the fast path', () => {
  /** Routes the two fast-path requests to answers. */
  function fastAnswers(cardAnswer: () => Promise<unknown>, qrAnswer: () => Promise<unknown>) {
    fetchMock.mockImplementation((url) => (url.endsWith('/qr') ? qrAnswer() : cardAnswer()))
  }

  it('answers in before the first render: the card and its code in the first commit, no loading state, no API client request', async () => {
    fastAnswers(
      () => json(200, card),
      () => json(200, qrToken(1)),
    )
    startEarlyLoad()
    await flush()
    render(<CardPage />)
    expect(screen.queryByTestId('loading')).toBeNull()
    expect(screen.getByTestId('card-name').textContent).toBe('张*')
    expect(screen.getByTestId('card-qrcode').getAttribute('src')).toBe(qrDataUrl(qrToken(1).token))
    await flush()
    expect(requests()).toEqual(['GET /api/cards/current', 'POST /api/cards/current/qr'])
    expect(taroRequest).not.toHaveBeenCalled()
  })

  it('the token refused (5xx): the card shows, the code’s error with its retry, and no second token issued', async () => {
    fastAnswers(
      () => json(200, card),
      () => json(500, { code: 'INTERNAL', message: 'injected' }),
    )
    startEarlyLoad()
    render(<CardPage />)
    await flush(6)
    expect(screen.getByTestId('card-name').textContent).toBe('张*')
    expect(screen.getByTestId('error-message').getAttribute('data-code')).toBe('INTERNAL')
    expect(screen.getByTestId('error-retry')).toBeTruthy()
    expect(screen.queryByTestId('card-qrcode')).toBeNull()
    expect(requests()).toEqual(['GET /api/cards/current', 'POST /api/cards/current/qr'])
    expect(taroRequest).not.toHaveBeenCalled()
  })

  it('the card malformed: the page’s error (MALFORMED_RESPONSE), as from the client', async () => {
    fastAnswers(
      () => answer({ status: 200, body: 'not json' }),
      () => json(200, qrToken(1)),
    )
    startEarlyLoad()
    render(<CardPage />)
    await flush(6)
    expect(screen.getByTestId('error-message').getAttribute('data-code')).toBe('MALFORMED_RESPONSE')
    expect(screen.queryByTestId('card-face')).toBeNull()
    expect(taroRequest).not.toHaveBeenCalled()
  })

  it('the session expired: refreshed by the client, then the card and its code show', async () => {
    fetchMock.mockImplementation(() => json(401, { code: 'TOKEN_EXPIRED', message: 'expired' }))
    clientAnswers({
      'POST /api/oauth/token': [{ status: 200, data: { userId: 'u-1', accessToken: 'access-2', refreshToken: 'refresh-2', expiresIn: 3600, tokenType: 'Bearer' } }],
      'GET /api/cards/current': [{ status: 200, data: card }],
      'POST /api/cards/current/qr': [{ status: 200, data: qrToken(2) }],
    })
    startEarlyLoad()
    render(<CardPage />)
    await flush(10)
    expect(screen.getByTestId('card-name').textContent).toBe('张*')
    expect(screen.getByTestId('card-qrcode').getAttribute('src')).toBe(qrDataUrl(qrToken(2).token))
    // Two concurrent 401s share one refresh (services/session.ts); each request is sent again once.
    const sent = taroRequest.mock.calls.map(([o]) => `${o.method} ${o.url}`).sort()
    expect(sent).toEqual(['GET /api/cards/current', 'POST /api/cards/current/qr', 'POST /api/oauth/token'])
    expect(fetchMock).toHaveBeenCalledTimes(2)
  })

  it('signed out: no fetch at all', async () => {
    signOut()
    startEarlyLoad()
    expect(fetchMock).not.toHaveBeenCalled()
  })
})
