import { act, fireEvent, render, screen } from '@testing-library/react'
import EcardEntryPage from '../../src/pages/ecard/entry/index'
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

async function open() {
  const view = render(<EcardEntryPage />)
  await flush()
  return view
}

describe('e-card entry page (first page of the ecard subpackage)', () => {
  it('shows a loading state under data-step="ecard-entry" while it asks the server', async () => {
    const pending = deferred<ReturnType<typeof claim>>()
    getClaim.mockReturnValue(pending.promise)
    const { container } = await open()
    expect(container.querySelector('[data-step="ecard-entry"]')).not.toBeNull()
    expect(screen.getByTestId('loading')).toBeTruthy()
    expect(screen.queryByTestId('error-message')).toBeNull()
    expect(taro.redirectTo).not.toHaveBeenCalled()
    expect(taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '电子社保卡' })
    await act(async () => {
      pending.resolve(claim('informed'))
      await pending.promise
    })
    await flush()
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.confirm })
  })

  it('without a session it goes to authorization, asking the server nothing', async () => {
    hasSession.mockReturnValue(false)
    await open()
    expect(getClaim).not.toHaveBeenCalled()
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.authorize })
    expect(taro.navigateTo).not.toHaveBeenCalled()
  })

  it.each([
    ['authorized', routes.confirm],
    ['informed', routes.confirm],
    ['consented', routes.verify],
    ['certifying', routes.verify],
    ['certified', routes.password],
    ['password_set', routes.password],
    ['issued', routes.card],
  ] as const)('with a session in state %s it resumes at %s, in place of itself', async (state, url) => {
    getClaim.mockResolvedValue(claim(state))
    await open()
    expect(getClaim).toHaveBeenCalledTimes(1)
    // redirectTo: the page under the claim stays Social Security, as before the entry page existed.
    expect(taro.redirectTo).toHaveBeenCalledTimes(1)
    expect(taro.redirectTo).toHaveBeenCalledWith({ url })
    expect(taro.navigateTo).not.toHaveBeenCalled()
  })

  it.each(['TOKEN_EXPIRED', 'TOKEN_INVALID', 'TOKEN_MISSING'])('a session the server refuses (%s) is dropped and the person authorizes again', async (code) => {
    getClaim.mockRejectedValue(new ApiError(code, 401))
    await open()
    expect(signOut).toHaveBeenCalled()
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.authorize })
    expect(screen.queryByTestId('error-message')).toBeNull()
  })

  it('a network failure shows the error with a retry that works', async () => {
    getClaim.mockRejectedValueOnce(new ApiError('NETWORK', 0)).mockResolvedValueOnce(claim('consented'))
    const { container } = await open()
    expect(screen.getByTestId('error-message').getAttribute('data-code')).toBe('NETWORK')
    expect(container.querySelector('[data-step="ecard-entry"]')?.getAttribute('data-state')).toBe('error')
    expect(screen.queryByTestId('loading')).toBeNull()
    expect(taro.redirectTo).not.toHaveBeenCalled()
    expect(signOut).not.toHaveBeenCalled()
    fireEvent.click(screen.getByTestId('error-retry'))
    await flush()
    expect(getClaim).toHaveBeenCalledTimes(2)
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.verify })
    expect(screen.queryByTestId('error-message')).toBeNull()
  })

  it('a server error shows its code (INTERNAL) with a retry', async () => {
    getClaim.mockRejectedValue(new ApiError('INTERNAL', 503))
    await open()
    expect(screen.getByTestId('error-message').getAttribute('data-code')).toBe('INTERNAL')
    expect(screen.getByTestId('error-retry')).toBeTruthy()
  })

  it('speaks English when the person chose it', async () => {
    resetHost('en-US')
    getClaim.mockReturnValue(new Promise(() => undefined))
    await open()
    expect(screen.getByTestId('loading').textContent).toContain('Loading')
    expect(taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: 'E-Social Security Card' })
  })
})
