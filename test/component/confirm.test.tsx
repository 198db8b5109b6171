import { act, fireEvent, render, screen } from '@testing-library/react'
import ConfirmPage from '../../src/pages/ecard/confirm/index'
import { routes } from '../../src/flow/routes'
import * as api from '../../src/services/api'
import * as session from '../../src/services/session'
import { ApiError, agreement, claim, person } from '../mocks/services'
import { deferred, flush, resetHost, taro } from '../mocks/testUtils'

jest.mock('../../src/services/platform', () => jest.requireActual('../mocks/services').platformMock())
jest.mock('../../src/services/api', () => jest.requireActual('../mocks/services').apiMock())
jest.mock('../../src/services/session', () => jest.requireActual('../mocks/services').sessionMock())

const m = jest.mocked(api)
const hasSession = jest.mocked(session.hasSession)
const signOut = jest.mocked(session.signOut)

beforeEach(() => {
  resetHost('zh-CN')
  for (const fn of [m.getClaim, m.getPerson, m.getAgreement, m.consentToAgreement]) fn.mockReset()
  hasSession.mockReset().mockReturnValue(true)
  signOut.mockReset()
  m.getClaim.mockResolvedValue(claim('authorized'))
  m.getPerson.mockResolvedValue(person)
  m.getAgreement.mockResolvedValue(agreement)
  m.consentToAgreement.mockResolvedValue(claim('consented', { agreementVersion: agreement.version }))
})

async function renderLoaded() {
  const view = render(<ConfirmPage />)
  await flush()
  return view
}

async function checkAndConfirm() {
  fireEvent.click(screen.getByTestId('agreement-check'))
  fireEvent.click(screen.getByTestId('confirm-claim'))
  await flush()
}

describe('confirm page', () => {
  it('shows a loading state, then the person (masked ID) and the agreement', async () => {
    const { container } = render(<ConfirmPage />)
    expect(container.querySelector('[data-step="confirm"]')).not.toBeNull()
    expect(screen.getByTestId('loading')).toBeTruthy()
    await flush()
    expect(screen.getByTestId('person-name').textContent).toBe('张三')
    expect(screen.getByTestId('person-id').textContent).toBe('110101********1234')
    expect(screen.getByTestId('person-region').textContent).toBe('浙江省杭州市')
    expect(screen.getByTestId('agreement').textContent).toContain('电子社保卡用户协议')
    expect(screen.getByTestId('step-bar').getAttribute('data-current')).toBe('confirm')
    expect(container.textContent).not.toMatch(/\d{17}[\dX]/)
    expect(taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '电子社保卡' })
  })

  it('shows region and agreement in English when that is the language', async () => {
    resetHost('en-US')
    await renderLoaded()
    expect(screen.getByTestId('person-region').textContent).toBe('Hangzhou, Zhejiang')
    expect(screen.getByTestId('agreement').textContent).toContain('E-card user agreement')
    expect(screen.getByTestId('agreement-body').textContent).toContain('Article 3 The last clause.')
  })

  it('the agreement can be read in full', async () => {
    await renderLoaded()
    expect(screen.getByTestId('agreement-body').textContent).toContain('第三条 最后一条条款。')
    fireEvent.click(screen.getByTestId('agreement-toggle'))
    expect(screen.getByTestId('agreement').getAttribute('data-expanded')).toBe('true')
  })

  it('confirm stays disabled until the agreement is checked, then consents and goes to verify', async () => {
    await renderLoaded()
    const button = screen.getByTestId('confirm-claim') as HTMLButtonElement
    expect(button.disabled).toBe(true)
    fireEvent.click(button)
    expect(m.consentToAgreement).not.toHaveBeenCalled()
    await checkAndConfirm()
    expect(m.consentToAgreement).toHaveBeenCalledWith('2026.1')
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: routes.verify })
  })

  it('NO_PHYSICAL_CARD from the server explains and links to the offline guide', async () => {
    m.consentToAgreement.mockRejectedValue(new ApiError('NO_PHYSICAL_CARD', 403))
    await renderLoaded()
    await checkAndConfirm()
    const error = screen.getByTestId('error-message')
    expect(error.getAttribute('data-code')).toBe('NO_PHYSICAL_CARD')
    expect(error.textContent).toContain('实体社保卡')
    expect(taro.navigateTo).not.toHaveBeenCalled()
    fireEvent.click(screen.getByTestId('open-guide'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: routes.guide })
  })

  it.each([
    ['CARD_SUSPENDED', '挂失'],
    ['MINOR_NEEDS_GUARDIAN', '监护人'],
  ])('%s from the server is explained', async (code, words) => {
    m.consentToAgreement.mockRejectedValue(new ApiError(code, 403))
    await renderLoaded()
    await checkAndConfirm()
    const error = screen.getByTestId('error-message')
    expect(error.getAttribute('data-code')).toBe(code)
    expect(error.textContent).toContain(words)
    expect(taro.navigateTo).not.toHaveBeenCalled()
  })

  it("warns from the person's own flags before the button, but lets the server decide", async () => {
    m.getPerson.mockResolvedValue({ ...person, hasPhysicalCard: false, cardStatus: 'none' })
    m.consentToAgreement.mockRejectedValue(new ApiError('NO_PHYSICAL_CARD', 403))
    await renderLoaded()
    const warning = screen.getByTestId('eligibility-warning')
    expect(warning.getAttribute('data-code')).toBe('NO_PHYSICAL_CARD')
    expect(warning.contains(screen.getByTestId('open-guide'))).toBe(true)
    await checkAndConfirm()
    expect(m.consentToAgreement).toHaveBeenCalledTimes(1)
    // The server's refusal replaces the heads-up: one explanation, one guide link.
    expect(screen.queryByTestId('eligibility-warning')).toBeNull()
    expect(screen.getAllByTestId('open-guide')).toHaveLength(1)
    expect(screen.getByTestId('error-message').getAttribute('data-code')).toBe('NO_PHYSICAL_CARD')
  })

  it('warns a minor before the button', async () => {
    m.getPerson.mockResolvedValue({ ...person, isMinor: true })
    await renderLoaded()
    expect(screen.getByTestId('eligibility-warning').getAttribute('data-code')).toBe('MINOR_NEEDS_GUARDIAN')
  })

  it('a failed load shows the error with a retry that loads again', async () => {
    m.getPerson.mockRejectedValueOnce(new ApiError('TIMEOUT', 0))
    await renderLoaded()
    expect(screen.getByTestId('error-message').getAttribute('data-code')).toBe('TIMEOUT')
    fireEvent.click(screen.getByTestId('error-retry'))
    await flush()
    expect(screen.getByTestId('person-name').textContent).toBe('张三')
    expect(m.getPerson).toHaveBeenCalledTimes(2)
  })

  it('an outdated agreement is shown again to be accepted anew', async () => {
    m.consentToAgreement.mockRejectedValueOnce(new ApiError('AGREEMENT_OUTDATED', 409))
    await renderLoaded()
    await checkAndConfirm()
    expect(screen.getByTestId('error-message').getAttribute('data-code')).toBe('AGREEMENT_OUTDATED')
    expect(m.getAgreement).toHaveBeenCalledTimes(2)
    expect(screen.getByTestId('agreement-check').getAttribute('aria-checked')).toBe('false')
    expect((screen.getByTestId('confirm-claim') as HTMLButtonElement).disabled).toBe(true)
  })

  it('a double tap consents once', async () => {
    const pending = deferred<ReturnType<typeof claim>>()
    m.consentToAgreement.mockReturnValue(pending.promise)
    await renderLoaded()
    fireEvent.click(screen.getByTestId('agreement-check'))
    const button = screen.getByTestId('confirm-claim')
    act(() => {
      button.click()
      button.click()
    })
    await act(async () => {
      pending.resolve(claim('consented'))
      await pending.promise
    })
    await flush()
    expect(m.consentToAgreement).toHaveBeenCalledTimes(1)
    expect(taro.navigateTo).toHaveBeenCalledTimes(1)
  })

  describe('guard', () => {
    it('without a session it goes to authorize', async () => {
      hasSession.mockReturnValue(false)
      await renderLoaded()
      expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.authorize })
      expect(m.getClaim).not.toHaveBeenCalled()
      expect(screen.getByTestId('loading')).toBeTruthy()
    })

    it('an issued claim goes to the card without reading the person', async () => {
      m.getClaim.mockResolvedValue(claim('issued'))
      await renderLoaded()
      expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.card })
      expect(m.getPerson).not.toHaveBeenCalled()
    })

    it('a session the server refuses is dropped and the person authorizes again', async () => {
      m.getClaim.mockRejectedValue(new ApiError('TOKEN_INVALID', 401))
      await renderLoaded()
      expect(signOut).toHaveBeenCalled()
      expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.authorize })
    })

    it('after consenting, coming back shows the page checked and moves on without consenting again', async () => {
      m.getClaim.mockResolvedValue(claim('consented', { agreementVersion: '2026.1' }))
      await renderLoaded()
      expect(screen.getByTestId('agreement-check').getAttribute('aria-checked')).toBe('true')
      fireEvent.click(screen.getByTestId('confirm-claim'))
      await flush()
      expect(m.consentToAgreement).not.toHaveBeenCalled()
      expect(taro.navigateTo).toHaveBeenCalledWith({ url: routes.verify })
    })
  })
})
