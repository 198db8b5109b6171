import { act, fireEvent, render, screen } from '@testing-library/react'
import { useDidHide, useDidShow } from '@tarojs/taro'
import CardPage from '../../src/pages/ecard/card/index'
import { QR_REFRESH_LEAD_S } from '../../src/pages/ecard/card/useQrToken'
import { revealDuration, REVEAL_MAX_MS } from '../../src/pages/ecard/card/useCardReveal'
import { qrDataUrl } from '../../src/components/QrCode'
import { routes } from '../../src/flow/routes'
import * as api from '../../src/services/api'
import * as session from '../../src/services/session'
import { platform } from '../../src/services/platform'
import { handOver } from '../../src/services/handover'
import { ApiError, card, cardReveal, claim, qrToken } from '../mocks/services'
import { deferred, flush, resetHost, taro, taroMock } from '../mocks/testUtils'

jest.mock('../../src/services/platform', () => jest.requireActual('../mocks/services').platformMock())
jest.mock('../../src/services/api', () => jest.requireActual('../mocks/services').apiMock())
jest.mock('../../src/services/session', () => jest.requireActual('../mocks/services').sessionMock())

const m = jest.mocked(api)
const FULL_ID = '110101199003071234'
let issued: number

beforeEach(() => {
  jest.useFakeTimers({ now: new Date('2026-11-25T08:00:00.000Z') })
  resetHost('zh-CN')
  ;(platform.storage as unknown as { data: Map<string, unknown> }).data.clear()
  m.getClaim.mockReset().mockResolvedValue(claim('issued'))
  m.getCurrentCard.mockReset().mockResolvedValue(card)
  issued = 0
  m.issueQrToken.mockReset().mockImplementation(async () => qrToken(++issued, Date.now()))
  m.revealCard.mockReset().mockImplementation(async () => cardReveal(Date.now()))
  jest.mocked(session.hasSession).mockReset().mockReturnValue(true)
})

afterEach(() => {
  jest.useRealTimers()
  Reflect.deleteProperty(process.env, 'TARO_ENV')
})

async function renderLoaded() {
  const view = render(<CardPage />)
  await flush()
  return view
}

async function advance(ms: number) {
  await act(async () => {
    jest.advanceTimersByTime(ms)
  })
  await flush()
}

/** What Taro calls when another page covers this one, and when it shows again. */
function hidePage() {
  const calls = jest.mocked(useDidHide).mock.calls
  act(() => calls[calls.length - 1][0]())
}
function showPage() {
  const calls = jest.mocked(useDidShow).mock.calls
  act(() => calls[calls.length - 1][0]())
}

const qrImage = () => screen.getByTestId('card-qrcode')
const countdown = () => Number(screen.getByTestId('qr-countdown').getAttribute('data-seconds'))

describe('card page', () => {
  it('loads, then shows the card face with masked details', async () => {
    const { container } = render(<CardPage />)
    expect(container.querySelector('[data-step="card"]')).not.toBeNull()
    expect(screen.getByTestId('loading')).toBeTruthy()
    await flush()
    expect(m.getCurrentCard).toHaveBeenCalledTimes(1)
    // one round trip: the card itself says the claim is issued
    expect(m.getClaim).not.toHaveBeenCalled()
    expect(screen.getByTestId('card-name').textContent).toBe('张*')
    expect(screen.getByTestId('card-number').textContent).toBe('A1*****78')
    expect(screen.getByTestId('card-id').textContent).toBe('110101********1234')
    expect(screen.getByTestId('card-region').textContent).toBe('浙江省杭州市')
    expect(screen.getByTestId('card-issue-date').textContent).toBe('2026年11月25日')
    expect(screen.getByTestId('card-valid-until').textContent).toBe('2036年11月25日')
    expect(screen.getByTestId('card-sign-level').textContent).toBe('3级')
    expect(container.textContent).not.toContain(card.cardNumber)
    expect(screen.getByTestId('card-reveal').getAttribute('aria-label')).toBe('显示完整信息')
    expect(screen.getByTestId('card-reveal').getAttribute('aria-pressed')).toBe('false')
    expect(taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '我的电子社保卡' })
  })

  it('links to the offline guide and to the card management', async () => {
    await renderLoaded()
    fireEvent.click(screen.getByTestId('open-guide'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: routes.guide })
    fireEvent.click(screen.getByTestId('open-card-settings'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: routes.cardSettings })
  })

  it('speaks English when asked', async () => {
    resetHost('en-US')
    await renderLoaded()
    expect(screen.getByTestId('card-region').textContent).toBe('Hangzhou, Zhejiang')
    expect(screen.getByTestId('card-issue-date').textContent).toBe('2026-11-25')
    expect(screen.getByTestId('card-face').textContent).toContain('Social Security Card')
    expect(screen.getByTestId('qr-countdown').textContent).toBe('Expires in 60 s; refreshes automatically')
    expect(screen.getByTestId('card-reveal').getAttribute('aria-label')).toBe('Show full details')
  })

  it('asks for the card and its QR code at once, during the first render, before either answers', async () => {
    const pendingCard = deferred<typeof card>()
    m.getCurrentCard.mockImplementationOnce(() => pendingCard.promise)
    render(<CardPage />)
    // Both requests are out while the loading state shows: the code does not wait for the card face.
    expect(m.getCurrentCard).toHaveBeenCalledTimes(1)
    expect(m.issueQrToken).toHaveBeenCalledTimes(1)
    expect(screen.getByTestId('loading')).toBeTruthy()
    await act(async () => {
      pendingCard.resolve(card)
      await pendingCard.promise
    })
    await flush()
    // The token asked for beside the card is the one shown; no second request.
    expect(qrImage().getAttribute('src')).toBe(qrDataUrl(qrToken(1).token))
    expect(m.issueQrToken).toHaveBeenCalledTimes(1)
    expect(countdown()).toBe(60)
  })

  it('a QR token asked for ahead but taken late (page hidden meanwhile) is replaced by a new one', async () => {
    const pendingCard = deferred<typeof card>()
    m.getCurrentCard.mockImplementationOnce(() => pendingCard.promise)
    render(<CardPage />)
    await flush()
    hidePage()
    await act(async () => {
      pendingCard.resolve(card)
      await pendingCard.promise
    })
    await advance(58_000)
    expect(m.issueQrToken).toHaveBeenCalledTimes(1)
    showPage()
    await flush()
    expect(m.issueQrToken).toHaveBeenCalledTimes(2)
    expect(qrImage().getAttribute('src')).toBe(qrDataUrl(qrToken(2).token))
    expect(countdown()).toBe(60)
  })

  it('with no card yet it shows an empty state that leads to the claim; the QR request sent beside the card shows nothing', async () => {
    m.getCurrentCard.mockRejectedValue(new ApiError('CARD_NOT_FOUND', 404))
    m.issueQrToken.mockRejectedValue(new ApiError('CARD_NOT_FOUND', 404))
    await renderLoaded()
    expect(screen.getByTestId('empty-state').textContent).toContain('还没有领取电子社保卡')
    fireEvent.click(screen.getByTestId('card-start-claim'))
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.socialSecurity })
    // Only the one sent with the card's request: no QR code, no error, no retry.
    expect(m.issueQrToken).toHaveBeenCalledTimes(1)
    expect(screen.queryByTestId('card-qrcode')).toBeNull()
    expect(screen.queryByTestId('error-message')).toBeNull()
    await advance(60_000)
    expect(m.issueQrToken).toHaveBeenCalledTimes(1)
  })

  it('a failed load shows the error with a retry', async () => {
    m.getCurrentCard.mockRejectedValueOnce(new ApiError('NETWORK', 0))
    await renderLoaded()
    expect(screen.getByTestId('error-message').getAttribute('data-code')).toBe('NETWORK')
    fireEvent.click(screen.getByTestId('error-retry'))
    await flush()
    expect(screen.getByTestId('card-name')).toBeTruthy()
  })

  it.each([
    ['password_set', routes.password],
    ['informed', routes.confirm],
  ] as const)('with no card, a claim in state %s is sent to %s, with no QR code asked for after the card', async (state, url) => {
    m.getCurrentCard.mockRejectedValue(new ApiError('CARD_NOT_FOUND', 404))
    m.issueQrToken.mockRejectedValue(new ApiError('CARD_NOT_FOUND', 404))
    m.getClaim.mockResolvedValue(claim(state))
    await renderLoaded()
    expect(taro.redirectTo).toHaveBeenCalledWith({ url })
    // The one request sent beside the card's, none after.
    expect(m.issueQrToken).toHaveBeenCalledTimes(1)
    expect(screen.queryByTestId('error-message')).toBeNull()
  })

  it('a claim handed over by the previous screen is checked before the card is asked for', async () => {
    handOver('claim', claim('password_set'))
    await renderLoaded()
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.password })
    expect(m.getClaim).not.toHaveBeenCalled()
    expect(m.getCurrentCard).not.toHaveBeenCalled()
    expect(m.issueQrToken).not.toHaveBeenCalled()
  })

  it('a card handed over by the issuance shows without asking for it; its QR code is asked for once it shows', async () => {
    handOver('card', card)
    render(<CardPage />)
    expect(m.issueQrToken).not.toHaveBeenCalled()
    await flush()
    expect(m.getCurrentCard).not.toHaveBeenCalled()
    expect(m.issueQrToken).toHaveBeenCalledTimes(1)
    expect(qrImage().getAttribute('src')).toBe(qrDataUrl(qrToken(1).token))
  })

  it('without a session it goes to authorize, asking for nothing', async () => {
    jest.mocked(session.hasSession).mockReturnValue(false)
    await renderLoaded()
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.authorize })
    expect(m.getCurrentCard).not.toHaveBeenCalled()
    expect(m.issueQrToken).not.toHaveBeenCalled()
  })
})

describe('the QR code', () => {
  it('encodes the server token (not card data) and counts down from 60 seconds', async () => {
    const { container } = await renderLoaded()
    expect(m.issueQrToken).toHaveBeenCalledTimes(1)
    const token = qrToken(1).token
    expect(qrImage().tagName).toBe('IMG')
    expect(qrImage().getAttribute('src')).toBe(qrDataUrl(token))
    expect(qrImage().getAttribute('aria-label')).toBe('电子社保卡二维码，卡号A1*****78')
    expect(countdown()).toBe(60)
    expect(screen.getByTestId('qr-countdown').textContent).toBe('60秒后失效，将自动刷新')
    await advance(10_000)
    expect(countdown()).toBe(50)
    expect(m.issueQrToken).toHaveBeenCalledTimes(1)
    // Not the token and nothing of the card in the markup outside the image: no data-token off H5.
    expect(qrImage().hasAttribute('data-token')).toBe(false)
    expect(container.innerHTML).not.toContain(token)
  })

  it('exposes the token as data-token in the H5 build only', async () => {
    process.env.TARO_ENV = 'h5'
    await renderLoaded()
    expect(qrImage().getAttribute('data-token')).toBe(qrToken(1).token)
  })

  it(`refreshes by itself ${QR_REFRESH_LEAD_S} seconds before expiry, once`, async () => {
    await renderLoaded()
    await advance((60 - QR_REFRESH_LEAD_S - 1) * 1000)
    expect(m.issueQrToken).toHaveBeenCalledTimes(1)
    await advance(1000)
    expect(m.issueQrToken).toHaveBeenCalledTimes(2)
    expect(qrImage().getAttribute('src')).toBe(qrDataUrl(qrToken(2).token))
    expect(countdown()).toBe(60)
    await advance(3000)
    expect(m.issueQrToken).toHaveBeenCalledTimes(2)
    expect(countdown()).toBe(57)
  })

  it('refreshes on demand; a double tap asks once', async () => {
    await renderLoaded()
    await advance(20_000)
    const pending = deferred<ReturnType<typeof qrToken>>()
    m.issueQrToken.mockImplementationOnce(() => pending.promise)
    const refresh = screen.getByTestId('qr-refresh')
    expect(refresh.getAttribute('aria-label')).toBe('刷新二维码')
    act(() => {
      refresh.click()
      refresh.click()
    })
    expect(refresh.getAttribute('aria-busy')).toBe('true')
    await act(async () => {
      pending.resolve(qrToken(99, Date.now()))
      await pending.promise
    })
    await flush()
    expect(m.issueQrToken).toHaveBeenCalledTimes(2)
    expect(qrImage().getAttribute('src')).toBe(qrDataUrl(qrToken(99).token))
    expect(countdown()).toBe(60)
  })

  it('a failed refresh shows the error; an expired code is taken down; retry brings a new one', async () => {
    await renderLoaded()
    m.issueQrToken.mockRejectedValueOnce(new ApiError('NETWORK', 0))
    await advance(55_000)
    expect(m.issueQrToken).toHaveBeenCalledTimes(2)
    expect(screen.getByTestId('error-message').getAttribute('data-code')).toBe('NETWORK')
    // Still valid for a few seconds: still shown; no second automatic try for the same code.
    expect(screen.getByTestId('card-qrcode')).toBeTruthy()
    await advance(5_000)
    expect(m.issueQrToken).toHaveBeenCalledTimes(2)
    expect(screen.queryByTestId('card-qrcode')).toBeNull()
    expect(screen.getByTestId('qr-expired').textContent).toBe('二维码已失效，请刷新')
    expect(countdown()).toBe(0)
    fireEvent.click(screen.getByTestId('error-retry'))
    await flush()
    expect(m.issueQrToken).toHaveBeenCalledTimes(3)
    expect(screen.queryByTestId('error-message')).toBeNull()
    expect(qrImage().getAttribute('src')).toBe(qrDataUrl(qrToken(issued).token))
    expect(countdown()).toBe(60)
  })

  it('stops every timer while the page is hidden and catches up when it shows again', async () => {
    await renderLoaded()
    hidePage()
    await advance(120_000)
    expect(m.issueQrToken).toHaveBeenCalledTimes(1)
    expect(jest.getTimerCount()).toBe(0)
    showPage()
    await flush()
    expect(m.issueQrToken).toHaveBeenCalledTimes(2)
    expect(countdown()).toBe(60)
  })

  it('clears its timers on unmount', async () => {
    const { unmount } = await renderLoaded()
    expect(jest.getTimerCount()).toBeGreaterThan(0)
    unmount()
    expect(jest.getTimerCount()).toBe(0)
  })

  it('when the card is gone (CARD_NOT_FOUND) the page loads again and shows what is there', async () => {
    await renderLoaded()
    // unbound elsewhere: the server has no card and the claim started over
    m.issueQrToken.mockRejectedValue(new ApiError('CARD_NOT_FOUND', 404))
    m.getCurrentCard.mockRejectedValue(new ApiError('CARD_NOT_FOUND', 404))
    m.getClaim.mockResolvedValue(claim('authorized'))
    fireEvent.click(screen.getByTestId('qr-refresh'))
    await flush(6)
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.confirm })
  })

  it('a session error on refresh sends the person to authorize', async () => {
    await renderLoaded()
    m.issueQrToken.mockRejectedValue(new ApiError('TOKEN_INVALID', 401))
    fireEvent.click(screen.getByTestId('qr-refresh'))
    await flush()
    expect(session.signOut).toHaveBeenCalled()
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.authorize })
  })
})

describe('screen brightness while the code shows', () => {
  it('on Alipay: full brightness while shown, the old value back when hidden and on unmount', async () => {
    process.env.TARO_ENV = 'alipay'
    const { unmount } = await renderLoaded()
    expect(taro.getScreenBrightness).toHaveBeenCalledTimes(1)
    expect(taro.setScreenBrightness).toHaveBeenLastCalledWith({ value: 1 })
    hidePage()
    await flush()
    expect(taro.setScreenBrightness).toHaveBeenLastCalledWith({ value: 0.4 })
    showPage()
    await flush()
    expect(taro.setScreenBrightness).toHaveBeenLastCalledWith({ value: 1 })
    unmount()
    expect(taro.setScreenBrightness).toHaveBeenLastCalledWith({ value: 0.4 })
  })

  it('on Alipay a refused brightness call changes nothing and breaks nothing', async () => {
    process.env.TARO_ENV = 'alipay'
    taro.getScreenBrightness.mockImplementationOnce(() => Promise.reject(new Error('no permission')))
    await renderLoaded()
    expect(taro.setScreenBrightness).not.toHaveBeenCalled()
    expect(qrImage()).toBeTruthy()
  })

  it('on H5 it is skipped silently', async () => {
    process.env.TARO_ENV = 'h5'
    await renderLoaded()
    expect(taro.getScreenBrightness).not.toHaveBeenCalled()
    expect(taro.setScreenBrightness).not.toHaveBeenCalled()
  })
})

describe('revealing the details', () => {
  it('the eye asks the server, shows everything for 30 seconds, then masks again', async () => {
    const { container } = await renderLoaded()
    fireEvent.click(screen.getByTestId('card-reveal'))
    await flush()
    expect(m.revealCard).toHaveBeenCalledTimes(1)
    expect(screen.getByTestId('card-name').textContent).toBe('张三')
    expect(screen.getByTestId('card-id').textContent).toBe(FULL_ID)
    expect(screen.getByTestId('card-number').textContent).toBe(card.cardNumber)
    const eye = screen.getByTestId('card-reveal')
    expect(eye.getAttribute('aria-label')).toBe('隐藏完整信息')
    expect(eye.getAttribute('aria-pressed')).toBe('true')
    expect(screen.getByTestId('card-reveal-countdown').textContent).toBe('完整信息30秒后自动隐藏')
    await advance(29_000)
    expect(screen.getByTestId('card-id').textContent).toBe(FULL_ID)
    expect(screen.getByTestId('card-reveal-countdown').getAttribute('data-seconds')).toBe('1')
    await advance(1_000)
    expect(screen.getByTestId('card-name').textContent).toBe('张*')
    expect(screen.getByTestId('card-id').textContent).toBe('110101********1234')
    expect(screen.getByTestId('card-number').textContent).toBe('A1*****78')
    expect(screen.queryByTestId('card-reveal-countdown')).toBeNull()
    expect(container.textContent).not.toContain(FULL_ID)
    // Nothing unmasked was kept anywhere.
    const stored = JSON.stringify([...taroMock.storage.entries(), ...(platform.storage as unknown as { data: Map<string, unknown> }).data.entries()])
    expect(stored).not.toContain(FULL_ID)
    expect(stored).not.toContain('张三')
  })

  it('the eye masks again at once while revealed, without asking', async () => {
    await renderLoaded()
    fireEvent.click(screen.getByTestId('card-reveal'))
    await flush()
    fireEvent.click(screen.getByTestId('card-reveal'))
    await flush()
    expect(m.revealCard).toHaveBeenCalledTimes(1)
    expect(screen.getByTestId('card-id').textContent).toBe('110101********1234')
  })

  it('masks at revealedUntil when the server says sooner, and never later than 30 s', async () => {
    const now = Date.now()
    expect(revealDuration(new Date(now + 12_000).toISOString(), now)).toBe(12_000)
    expect(revealDuration(new Date(now + 90_000).toISOString(), now)).toBe(REVEAL_MAX_MS)
    expect(revealDuration(new Date(now - 5_000).toISOString(), now)).toBe(REVEAL_MAX_MS)
    expect(revealDuration('not a date', now)).toBe(REVEAL_MAX_MS)
    m.revealCard.mockResolvedValueOnce({ ...cardReveal(now), revealedUntil: new Date(now + 12_000).toISOString() })
    await renderLoaded()
    fireEvent.click(screen.getByTestId('card-reveal'))
    await flush()
    await advance(11_000)
    expect(screen.getByTestId('card-id').textContent).toBe(FULL_ID)
    await advance(1_000)
    expect(screen.getByTestId('card-id').textContent).toBe('110101********1234')
  })

  it('masks again when the page is hidden', async () => {
    await renderLoaded()
    fireEvent.click(screen.getByTestId('card-reveal'))
    await flush()
    hidePage()
    await flush()
    expect(screen.getByTestId('card-id').textContent).toBe('110101********1234')
  })

  it('an answer that arrives after the page was hidden is dropped', async () => {
    const pending = deferred<ReturnType<typeof cardReveal>>()
    m.revealCard.mockReturnValueOnce(pending.promise)
    await renderLoaded()
    fireEvent.click(screen.getByTestId('card-reveal'))
    hidePage()
    await act(async () => {
      pending.resolve(cardReveal(Date.now()))
      await pending.promise
    })
    await flush()
    expect(screen.getByTestId('card-id').textContent).toBe('110101********1234')
  })

  it('a double tap on the eye asks once', async () => {
    const pending = deferred<ReturnType<typeof cardReveal>>()
    m.revealCard.mockReturnValueOnce(pending.promise)
    await renderLoaded()
    const eye = screen.getByTestId('card-reveal')
    act(() => {
      eye.click()
      eye.click()
    })
    await act(async () => {
      pending.resolve(cardReveal(Date.now()))
      await pending.promise
    })
    await flush()
    expect(m.revealCard).toHaveBeenCalledTimes(1)
    expect(screen.getByTestId('card-id').textContent).toBe(FULL_ID)
  })

  it('a refused reveal is shown and the details stay masked', async () => {
    m.revealCard.mockRejectedValueOnce(new ApiError('TIMEOUT', 0))
    await renderLoaded()
    fireEvent.click(screen.getByTestId('card-reveal'))
    await flush()
    expect(screen.getByTestId('error-message').getAttribute('data-code')).toBe('TIMEOUT')
    expect(screen.getByTestId('card-id').textContent).toBe('110101********1234')
  })

  it('never logs the unmasked details', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((k) => jest.spyOn(console, k))
    await renderLoaded()
    fireEvent.click(screen.getByTestId('card-reveal'))
    await flush()
    await advance(30_000)
    for (const spy of spies) {
      for (const call of spy.mock.calls) expect(JSON.stringify(call)).not.toContain(FULL_ID)
      spy.mockRestore()
    }
  })
})
