import { fireEvent, render, screen } from '@testing-library/react'
import HomePage from '../../src/pages/home/index'
import { routes } from '../../src/flow/routes'
import { platform } from '../../src/services/platform'
import { resetHost, taro } from '../mocks/testUtils'

jest.mock('../../src/services/platform', () => jest.requireActual('../mocks/services').platformMock())

const storage = (platform.storage as unknown as { data: Map<string, unknown> }).data

beforeEach(() => {
  storage.clear()
  resetHost('zh-CN')
})

describe('home page', () => {
  it('is the home step with a search bar, the top row and the service grid', () => {
    const { container } = render(<HomePage />)
    expect(container.querySelector('[data-step="home"]')).not.toBeNull()
    expect(screen.getByTestId('search-bar').textContent).toContain('搜索服务、应用')
    const top = screen.getByTestId('home-top-row').textContent
    for (const label of ['扫一扫', '收付款', '出行', '卡包']) expect(top).toContain(label)
    expect(screen.getByTestId('open-more').textContent).toContain('更多')
    expect(taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '支付宝' })
  })

  it("'More' opens the app list", () => {
    render(<HomePage />)
    fireEvent.click(screen.getByTestId('open-more'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: routes.apps })
  })

  it('a tile that is not part of the demo says so instead of doing nothing', () => {
    render(<HomePage />)
    fireEvent.click(screen.getByLabelText('转账'))
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '「转账」不在本演示范围内', icon: 'none' }))
    fireEvent.click(screen.getByTestId('search-bar'))
    expect(taro.showToast).toHaveBeenCalledTimes(2)
    expect(taro.navigateTo).not.toHaveBeenCalled()
  })

  it('the language switch toggles zh-CN / en-US, renames the page and remembers the choice', () => {
    render(<HomePage />)
    const lang = screen.getByTestId('lang-switch')
    expect(lang.getAttribute('data-locale')).toBe('zh-CN')
    expect(lang.getAttribute('aria-label')).toBe('切换为英文')
    fireEvent.click(lang)
    expect(screen.getByTestId('lang-switch').getAttribute('data-locale')).toBe('en-US')
    expect(screen.getByTestId('open-more').textContent).toContain('More')
    expect(taro.setNavigationBarTitle).toHaveBeenLastCalledWith({ title: 'Alipay' })
    expect(storage.get('ecard.locale')).toBe('en-US')
    fireEvent.click(screen.getByTestId('lang-switch'))
    expect(screen.getByTestId('open-more').textContent).toContain('更多')
    expect(storage.get('ecard.locale')).toBe('zh-CN')
  })
})
