import { act, fireEvent, render, screen } from '@testing-library/react'
import SocialSecurityPage from '../../src/pages/social-security/index'
import { routes } from '../../src/flow/routes'
import * as api from '../../src/services/api'
import * as session from '../../src/services/session'
import { ApiError, claim } from '../mocks/services'
import { deferred, flush, resetHost, taro } from '../mocks/testUtils'

jest.mock('../../src/services/platform', () => jest.requireActual('../mocks/services').platformMock())
jest.mock('../../src/services/api', () => jest.requireActual('../mocks/services').apiMock())
jest.mock('../../src/services/session', () => jest.requireActual('../mocks/services').sessionMock())

const getClaim = jest.mocked(api.getClaim)
const hasSession = jest.mocked(session.hasSession)
const signOut = jest.mocked(session.signOut)

beforeEach(() => {
  resetHost('zh-CN')
  getClaim.mockReset()
  hasSession.mockReset().mockReturnValue(true)
  signOut.mockReset()
})

async function tapEcard() {
  fireEvent.click(screen.getByTestId('open-ecard'))
  await flush()
}

describe('social security page', () => {
  it('shows the e-card under online services and the offline route', () => {
    const { container } = render(<SocialSecurityPage />)
    expect(container.querySelector('[data-step="social-security"]')).not.toBeNull()
    const online = screen.getByTestId('online-services')
    expect(online.textContent).toContain('线上服务')
    expect(online.contains(screen.getByTestId('open-ecard'))).toBe(true)
    expect(screen.getByTestId('open-ecard').textContent).toContain('电子社保卡')
    expect(screen.getByTestId('offline-services').contains(screen.getByTestId('open-guide'))).toBe(true)
    expect(taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '社保' })
  })

  it('the offline entry opens the guide', () => {
    render(<SocialSecurityPage />)
    fireEvent.click(screen.getByTestId('open-guide'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: routes.guide })
  })

  it('without a session the e-card goes to authorization, asking the server nothing', async () => {
    hasSession.mockReturnValue(false)
    render(<SocialSecurityPage />)
    await tapEcard()
    expect(getClaim).not.toHaveBeenCalled()
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: routes.authorize })
  })

  it.each([
    ['authorized', routes.confirm],
    ['informed', routes.confirm],
    ['consented', routes.verify],
    ['certifying', routes.verify],
    ['certified', routes.password],
    ['password_set', routes.password],
    ['issued', routes.card],
  ] as const)('with a session in state %s it resumes at %s', async (state, url) => {
    getClaim.mockResolvedValue(claim(state))
    render(<SocialSecurityPage />)
    await tapEcard()
    expect(getClaim).toHaveBeenCalledTimes(1)
    expect(taro.navigateTo).toHaveBeenCalledWith({ url })
  })

  it('a session the server no longer accepts is dropped and the person authorizes again', async () => {
    getClaim.mockRejectedValue(new ApiError('TOKEN_EXPIRED', 401))
    render(<SocialSecurityPage />)
    await tapEcard()
    expect(signOut).toHaveBeenCalled()
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: routes.authorize })
    expect(screen.queryByTestId('error-message')).toBeNull()
  })

  it('a network failure shows the error with a retry that works', async () => {
    getClaim.mockRejectedValueOnce(new ApiError('NETWORK', 0)).mockResolvedValueOnce(claim('informed'))
    render(<SocialSecurityPage />)
    await tapEcard()
    expect(screen.getByTestId('error-message').getAttribute('data-code')).toBe('NETWORK')
    expect(taro.navigateTo).not.toHaveBeenCalled()
    fireEvent.click(screen.getByTestId('error-retry'))
    await flush()
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: routes.confirm })
    expect(screen.queryByTestId('error-message')).toBeNull()
  })

  it('a double tap asks the server once', async () => {
    const pending = deferred<ReturnType<typeof claim>>()
    getClaim.mockReturnValue(pending.promise)
    render(<SocialSecurityPage />)
    const cell = screen.getByTestId('open-ecard')
    act(() => {
      cell.click()
      cell.click()
    })
    await act(async () => {
      pending.resolve(claim('consented'))
      await pending.promise
    })
    await flush()
    expect(getClaim).toHaveBeenCalledTimes(1)
    expect(taro.navigateTo).toHaveBeenCalledTimes(1)
  })
})
