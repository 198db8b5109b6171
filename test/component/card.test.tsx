import { fireEvent, render, screen } from '@testing-library/react'
import CardPage from '../../src/pages/ecard/card/index'
import { cardQrPayload } from '../../src/pages/ecard/card/qrPayload'
import { qrDataUrl } from '../../src/components/QrCode'
import { routes } from '../../src/flow/routes'
import * as api from '../../src/services/api'
import * as session from '../../src/services/session'
import { ApiError, card, claim } from '../mocks/services'
import { flush, resetHost, taro } from '../mocks/testUtils'

jest.mock('../../src/services/platform', () => jest.requireActual('../mocks/services').platformMock())
jest.mock('../../src/services/api', () => jest.requireActual('../mocks/services').apiMock())
jest.mock('../../src/services/session', () => jest.requireActual('../mocks/services').sessionMock())

const m = jest.mocked(api)

beforeEach(() => {
  resetHost('zh-CN')
  m.getClaim.mockReset().mockResolvedValue(claim('issued'))
  m.getCurrentCard.mockReset().mockResolvedValue(card)
  jest.mocked(session.hasSession).mockReset().mockReturnValue(true)
})

async function renderLoaded() {
  const view = render(<CardPage />)
  await flush()
  return view
}

describe('card page', () => {
  it('loads, then shows the card face with masked numbers', async () => {
    const { container } = render(<CardPage />)
    expect(container.querySelector('[data-step="card"]')).not.toBeNull()
    expect(screen.getByTestId('loading')).toBeTruthy()
    await flush()
    expect(m.getCurrentCard).toHaveBeenCalledTimes(1)
    expect(screen.getByTestId('card-name').textContent).toBe('张*')
    expect(screen.getByTestId('card-number').textContent).toBe('A1*****78')
    expect(screen.getByTestId('card-id').textContent).toBe('110101********1234')
    expect(screen.getByTestId('card-region').textContent).toBe('浙江省杭州市')
    expect(screen.getByTestId('card-issue-date').textContent).toBe('2026年11月25日')
    expect(screen.getByTestId('card-valid-until').textContent).toBe('2036年11月25日')
    expect(screen.getByTestId('card-sign-level').textContent).toBe('3级')
    expect(container.textContent).not.toContain(card.cardNumber)
    expect(taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '我的电子社保卡' })
  })

  it('renders the QR code of ECARD:<signNo>:<cardNumber> into an image', async () => {
    await renderLoaded()
    expect(cardQrPayload(card)).toBe('ECARD:SIGN0001:A12345678')
    const img = screen.getByTestId('card-qrcode')
    expect(img.tagName).toBe('IMG')
    expect(img.getAttribute('src')).toBe(qrDataUrl('ECARD:SIGN0001:A12345678'))
    expect(img.getAttribute('aria-label')).toContain('A1*****78')
  })

  it('links to the offline guide', async () => {
    await renderLoaded()
    fireEvent.click(screen.getByTestId('open-guide'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: routes.guide })
  })

  it('speaks English when asked', async () => {
    resetHost('en-US')
    await renderLoaded()
    expect(screen.getByTestId('card-region').textContent).toBe('Hangzhou, Zhejiang')
    expect(screen.getByTestId('card-issue-date').textContent).toBe('2026-11-25')
    expect(screen.getByTestId('card-face').textContent).toContain('Social Security Card')
  })

  it('with no card yet it shows an empty state that leads to the claim', async () => {
    m.getCurrentCard.mockRejectedValue(new ApiError('CARD_NOT_FOUND', 404))
    await renderLoaded()
    expect(screen.getByTestId('empty-state').textContent).toContain('还没有领取电子社保卡')
    fireEvent.click(screen.getByTestId('card-start-claim'))
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.socialSecurity })
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
  ] as const)('a claim in state %s is sent to %s without asking for the card', async (state, url) => {
    m.getClaim.mockResolvedValue(claim(state))
    await renderLoaded()
    expect(taro.redirectTo).toHaveBeenCalledWith({ url })
    expect(m.getCurrentCard).not.toHaveBeenCalled()
  })

  it('without a session it goes to authorize', async () => {
    jest.mocked(session.hasSession).mockReturnValue(false)
    await renderLoaded()
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.authorize })
  })
})
