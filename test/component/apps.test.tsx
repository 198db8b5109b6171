import { fireEvent, render, screen } from '@testing-library/react'
import AppsPage from '../../src/pages/apps/index'
import CityServicesPage from '../../src/pages/city-services/index'
import { routes } from '../../src/flow/routes'
import { resetHost, taro } from '../mocks/testUtils'

jest.mock('../../src/services/platform', () => jest.requireActual('../mocks/services').platformMock())

beforeEach(() => resetHost('zh-CN'))

describe('apps page', () => {
  it('lists the apps by category with City Services under Convenience life', () => {
    const { container } = render(<AppsPage />)
    expect(container.querySelector('[data-step="apps"]')).not.toBeNull()
    const convenience = screen.getByTestId('category-convenience')
    expect(convenience.textContent).toContain('便民生活')
    expect(convenience.contains(screen.getByTestId('open-city-services'))).toBe(true)
    expect(screen.getByTestId('open-city-services').textContent).toContain('城市服务')
    expect(container.querySelectorAll('[data-testid^="category-"]').length).toBeGreaterThan(1)
    expect(taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '全部应用' })
  })

  it('City Services opens the city services page; other apps say they are not in the demo', () => {
    render(<AppsPage />)
    fireEvent.click(screen.getByTestId('open-city-services'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: routes.cityServices })
    fireEvent.click(screen.getByLabelText('余额宝'))
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '「余额宝」不在本演示范围内' }))
    expect(taro.navigateTo).toHaveBeenCalledTimes(1)
  })

  it('speaks English when asked', () => {
    resetHost('en-US')
    render(<AppsPage />)
    expect(screen.getByTestId('category-convenience').textContent).toContain('Convenience life')
    expect(taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: 'All apps' })
  })
})

describe('city services page', () => {
  it("shows the city's services with Social Security", () => {
    const { container } = render(<CityServicesPage />)
    expect(container.querySelector('[data-step="city-services"]')).not.toBeNull()
    expect(screen.getByTestId('open-social-security').textContent).toContain('社保')
    expect(screen.getByTestId('city-name').textContent).toBe('杭州市')
    expect(taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '城市服务' })
  })

  it('Social Security opens the social security services; other tiles toast', () => {
    render(<CityServicesPage />)
    fireEvent.click(screen.getByTestId('open-social-security'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: routes.socialSecurity })
    fireEvent.click(screen.getByLabelText('公积金'))
    expect(taro.showToast).toHaveBeenCalledTimes(1)
    expect(taro.navigateTo).toHaveBeenCalledTimes(1)
  })
})
