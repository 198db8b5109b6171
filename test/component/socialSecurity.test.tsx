import { act, fireEvent, render, screen } from '@testing-library/react'
import SocialSecurityPage from '../../src/pages/social-security/index'
import { routes } from '../../src/flow/routes'
import { flush, resetHost, taro } from '../mocks/testUtils'

jest.mock('../../src/services/platform', () => jest.requireActual('../mocks/services').platformMock())
// The page is in the Alipay main package: it must not load the API client or the session (they
// would bring axios and SM2 into the main package). The factories note it if anything does.
jest.mock('../../src/services/api', () => {
  ;(globalThis as Record<string, unknown>).__socialSecurityLoaded = [...(((globalThis as Record<string, unknown>).__socialSecurityLoaded as string[]) ?? []), 'services/api']
  return jest.requireActual('../mocks/services').apiMock()
})
jest.mock('../../src/services/session', () => {
  ;(globalThis as Record<string, unknown>).__socialSecurityLoaded = [...(((globalThis as Record<string, unknown>).__socialSecurityLoaded as string[]) ?? []), 'services/session']
  return jest.requireActual('../mocks/services').sessionMock()
})

beforeEach(() => {
  resetHost('zh-CN')
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

  it('does not load the API client or the session (the e-card entry, in the ecard subpackage, asks the server)', () => {
    expect((globalThis as Record<string, unknown>).__socialSecurityLoaded ?? []).toEqual([])
  })

  it('the e-card opens the e-card entry page, which decides where the person resumes', async () => {
    render(<SocialSecurityPage />)
    await tapEcard()
    expect(taro.navigateTo).toHaveBeenCalledTimes(1)
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: routes.ecardEntry })
    expect(screen.queryByTestId('error-message')).toBeNull()
  })

  it('when the entry cannot be opened (e.g. the subpackage failed to load) it shows the error with a retry that works', async () => {
    taro.navigateTo.mockRejectedValueOnce({ errMsg: 'navigateTo:fail' })
    render(<SocialSecurityPage />)
    await tapEcard()
    expect(screen.getByTestId('error-message').getAttribute('data-code')).toBe('UNKNOWN')
    fireEvent.click(screen.getByTestId('error-retry'))
    await flush()
    expect(taro.navigateTo).toHaveBeenCalledTimes(2)
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: routes.ecardEntry })
    expect(screen.queryByTestId('error-message')).toBeNull()
  })

  it('a double tap opens the entry once', async () => {
    let finish!: (v: { errMsg: string }) => void
    taro.navigateTo.mockReturnValueOnce(new Promise((resolve) => (finish = resolve)))
    render(<SocialSecurityPage />)
    const cell = screen.getByTestId('open-ecard')
    act(() => {
      cell.click()
      cell.click()
    })
    await act(async () => {
      finish({ errMsg: 'navigateTo:ok' })
    })
    await flush()
    expect(taro.navigateTo).toHaveBeenCalledTimes(1)
  })
})
