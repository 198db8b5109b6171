import { render, screen } from '@testing-library/react'
import GuidePage from '../../src/pages/guide/index'
import { GUIDE } from '../../src/pages/guide/content'
import { resetHost, taro } from '../mocks/testUtils'

jest.mock('../../src/services/platform', () => jest.requireActual('../mocks/services').platformMock())

beforeEach(() => resetHost('zh-CN'))

describe('guide page', () => {
  it("shows the seed article's offline route in Chinese", () => {
    const { container } = render(<GuidePage />)
    expect(container.querySelector('[data-step="guide"]')).not.toBeNull()
    const text = container.textContent ?? ''
    expect(text).toContain('身份证原件')
    expect(text).toContain('社会保障卡申领登记表')
    expect(text).toContain('照片')
    expect(text).toContain('参保单位统一办理')
    expect(text).toContain('公共就业服务机构')
    expect(taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '社保卡办理指南' })
  })

  it('renders every section of the content file, in English too', () => {
    resetHost('en-US')
    const { container } = render(<GuidePage />)
    expect(screen.getByTestId('guide-title').textContent).toBe(GUIDE['en-US'].title)
    for (const section of GUIDE['en-US'].sections) {
      const el = screen.getByTestId(`guide-section-${section.id}`)
      expect(el.textContent).toContain(section.title)
      for (const line of [...(section.steps ?? []), ...(section.points ?? [])]) expect(el.textContent).toContain(line)
    }
    expect(container.textContent).toContain('declaration registration form')
    expect(container.textContent).toContain('public employment service agency')
  })

  it('has the same sections in both languages', () => {
    expect(GUIDE['en-US'].sections.map((s) => s.id)).toEqual(GUIDE['zh-CN'].sections.map((s) => s.id))
    GUIDE['zh-CN'].sections.forEach((s, i) => {
      expect(GUIDE['en-US'].sections[i].steps?.length).toBe(s.steps?.length)
      expect(GUIDE['en-US'].sections[i].points?.length).toBe(s.points?.length)
    })
  })
})
