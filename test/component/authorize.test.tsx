import { act, fireEvent, render, screen } from '@testing-library/react'
import AuthorizePage from '../../src/pages/ecard/authorize/index'
import { routes } from '../../src/flow/routes'
import * as api from '../../src/services/api'
import * as session from '../../src/services/session'
import { PlatformError } from '../../src/services/platform'
import { ApiError, claim } from '../mocks/services'
import { deferred, flush, resetHost, taro, taroMock } from '../mocks/testUtils'

jest.mock('../../src/services/platform', () => jest.requireActual('../mocks/services').platformMock())
jest.mock('../../src/services/api', () => jest.requireActual('../mocks/services').apiMock())
jest.mock('../../src/services/session', () => jest.requireActual('../mocks/services').sessionMock())

const getClaim = jest.mocked(api.getClaim)
const signIn = jest.mocked(session.signIn)

beforeEach(() => {
  resetHost('zh-CN')
  getClaim.mockReset()
  signIn.mockReset().mockResolvedValue(undefined)
})

async function agree() {
  fireEvent.click(screen.getByTestId('authorize-agree'))
  await flush()
}

describe('authorize page', () => {
  it('shows who asks, for which data, with the step bar', () => {
    const { container } = render(<AuthorizePage />)
    expect(container.querySelector('[data-step="authorize"]')).not.toBeNull()
    expect(screen.getByTestId('authorize-requester').textContent).toBe('电子社保卡')
    const scopes = screen.getByTestId('authorize-scopes').textContent
    for (const s of ['姓名', '身份证号', '参保地区', '人脸识别认证']) expect(scopes).toContain(s)
    expect(screen.getByTestId('step-bar').getAttribute('data-current')).toBe('authorize')
    expect(taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '支付宝授权' })
  })

  it('agreeing signs in, reads the claim and replaces this page with where the claim is', async () => {
    getClaim.mockResolvedValue(claim('authorized'))
    render(<AuthorizePage />)
    await agree()
    expect(signIn).toHaveBeenCalledTimes(1)
    expect(getClaim).toHaveBeenCalledTimes(1)
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.confirm })
  })

  it('someone who already has the card goes straight to it', async () => {
    getClaim.mockResolvedValue(claim('issued'))
    render(<AuthorizePage />)
    await agree()
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.card })
  })

  it('a cancelled platform authorization explains itself and asks the server nothing', async () => {
    signIn.mockRejectedValue(new PlatformError('AUTH_CANCELLED'))
    render(<AuthorizePage />)
    await agree()
    const error = screen.getByTestId('error-message')
    expect(error.getAttribute('data-code')).toBe('AUTH_CANCELLED')
    expect(error.textContent).toContain('你已取消授权')
    expect(getClaim).not.toHaveBeenCalled()
    expect(taro.redirectTo).not.toHaveBeenCalled()
  })

  it('a failed authorization says so and can be tried again', async () => {
    signIn.mockRejectedValueOnce(new PlatformError('AUTH_FAILED')).mockResolvedValueOnce(undefined)
    getClaim.mockResolvedValue(claim('informed'))
    render(<AuthorizePage />)
    await agree()
    expect(screen.getByTestId('error-message').getAttribute('data-code')).toBe('AUTH_FAILED')
    await agree()
    expect(screen.queryByTestId('error-message')).toBeNull()
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.confirm })
  })

  it('a server refusal of the code is shown in words', async () => {
    signIn.mockRejectedValue(new ApiError('AUTH_CODE_EXPIRED', 400))
    render(<AuthorizePage />)
    await agree()
    expect(screen.getByTestId('error-message').getAttribute('data-code')).toBe('AUTH_CODE_EXPIRED')
  })

  it('cancel goes back to social security without signing in or storing anything', () => {
    taroMock.setPages(['pages/home/index', 'pages/social-security/index', 'pages/ecard/authorize/index'])
    render(<AuthorizePage />)
    fireEvent.click(screen.getByTestId('authorize-cancel'))
    expect(taro.navigateBack).toHaveBeenCalledWith({ delta: 1 })
    expect(signIn).not.toHaveBeenCalled()
    expect(taroMock.storage.size).toBe(0)
  })

  it('cancel opens social security when it is not underneath (a reload)', () => {
    taroMock.setPages(['pages/ecard/authorize/index'])
    render(<AuthorizePage />)
    fireEvent.click(screen.getByTestId('authorize-cancel'))
    expect(taro.navigateBack).not.toHaveBeenCalled()
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.socialSecurity })
  })

  it('a double tap on agree signs in once', async () => {
    const pending = deferred<void>()
    signIn.mockReturnValue(pending.promise)
    getClaim.mockResolvedValue(claim('informed'))
    render(<AuthorizePage />)
    const button = screen.getByTestId('authorize-agree')
    act(() => {
      button.click()
      button.click()
    })
    expect((screen.getByTestId('authorize-agree') as HTMLButtonElement).disabled).toBe(true)
    await act(async () => {
      pending.resolve()
      await pending.promise
    })
    await flush()
    expect(signIn).toHaveBeenCalledTimes(1)
    expect(getClaim).toHaveBeenCalledTimes(1)
    expect(taro.redirectTo).toHaveBeenCalledTimes(1)
  })
})
