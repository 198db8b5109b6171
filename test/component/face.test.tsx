import { act, fireEvent, render, screen } from '@testing-library/react'
import FacePage from '../../src/pages/ecard/face/index'
import { routes } from '../../src/flow/routes'
import * as mockApi from '../../src/services/api/mock'
import { FACE_HANDOFF_EVENT } from '../../src/services/platform/h5'
import { ApiError } from '../mocks/services'
import { deferred, flush, resetHost, taro, taroMock } from '../mocks/testUtils'

jest.mock('../../src/services/platform', () => jest.requireActual('../mocks/services').platformMock())
jest.mock('../../src/services/api', () => jest.requireActual('../mocks/services').apiMock())
jest.mock('../../src/services/api/mock', () => jest.requireActual('../mocks/services').apiMockMock())

const complete = jest.mocked(mockApi.completeMockCertification)
const CERTIFY_ID = 'CERT-0001-abcd'

let handoffs: unknown[]
let order: string[]

beforeEach(() => {
  resetHost('zh-CN')
  complete.mockReset().mockResolvedValue({ ok: true })
  taroMock.setRouterParams({ certifyId: CERTIFY_ID }, routes.face)
  taroMock.setPages(['pages/ecard/verify/index', 'pages/ecard/face/index'])
  handoffs = []
  order = []
  taro.eventCenter.on(FACE_HANDOFF_EVENT, (r: unknown) => {
    handoffs.push(r)
    order.push('handoff')
  })
  taro.navigateBack.mockImplementation(() => {
    order.push('back')
    return Promise.resolve({ errMsg: 'navigateBack:ok' })
  })
})

describe('face page (H5 stand-in)', () => {
  it('shows the round camera preview, the blink prompt and the QA outcomes', () => {
    const { container } = render(<FacePage />)
    expect(container.querySelector('[data-step="face"]')).not.toBeNull()
    expect(screen.getByTestId('face-prompt').textContent).toBe('请眨眨眼')
    expect(screen.getByTestId('camera-preview')).toBeTruthy()
    for (const id of ['face-pass', 'face-fail', 'face-cancel']) expect(screen.getByTestId(id)).toBeTruthy()
    expect(screen.getByTestId('step-bar').getAttribute('data-current')).toBe('face')
    expect(taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '刷脸认证' })
  })

  it.each([
    ['face-pass', 'pass', 'completed'],
    ['face-fail', 'fail', 'completed'],
    ['face-cancel', 'cancel', 'cancelled'],
  ])('%s tells the server "%s", goes back and hands off "%s"', async (testId, outcome, handoff) => {
    render(<FacePage />)
    fireEvent.click(screen.getByTestId(testId))
    await flush()
    expect(complete).toHaveBeenCalledWith(CERTIFY_ID, outcome)
    expect(taro.navigateBack).toHaveBeenCalledWith({ delta: 1 })
    expect(handoffs).toEqual([handoff])
    // Back first, so the verify page is showing when it moves on.
    expect(order).toEqual(['back', 'handoff'])
    expect(taro.redirectTo).not.toHaveBeenCalled()
  })

  it('with no page to go back to (a reload) it opens verify instead', async () => {
    taroMock.setPages(['pages/ecard/face/index'])
    render(<FacePage />)
    fireEvent.click(screen.getByTestId('face-pass'))
    await flush()
    expect(taro.navigateBack).not.toHaveBeenCalled()
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.verify })
  })

  it('a failed report to the server is shown and nothing is handed off', async () => {
    complete.mockRejectedValue(new ApiError('CERTIFY_EXPIRED', 403))
    render(<FacePage />)
    fireEvent.click(screen.getByTestId('face-pass'))
    await flush()
    expect(screen.getByTestId('error-message').getAttribute('data-code')).toBe('CERTIFY_EXPIRED')
    expect(handoffs).toEqual([])
    expect(taro.navigateBack).not.toHaveBeenCalled()
  })

  it('without a certifyId it explains and offers the way back to verify', async () => {
    taroMock.setRouterParams({}, routes.face)
    render(<FacePage />)
    expect(screen.getByTestId('error-message').getAttribute('data-code')).toBe('CERTIFY_NOT_FOUND')
    expect(screen.queryByTestId('face-pass')).toBeNull()
    fireEvent.click(screen.getByTestId('face-back'))
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.verify })
  })

  it('leaving without an outcome hands off "cancelled" so verify does not wait forever', () => {
    const { unmount } = render(<FacePage />)
    unmount()
    expect(handoffs).toEqual(['cancelled'])
    expect(complete).not.toHaveBeenCalled()
  })

  it('after an outcome, leaving does not hand off a second time', async () => {
    const { unmount } = render(<FacePage />)
    fireEvent.click(screen.getByTestId('face-pass'))
    await flush()
    unmount()
    expect(handoffs).toEqual(['completed'])
  })

  it('a double tap reports one outcome', async () => {
    const pending = deferred<{ ok: true }>()
    complete.mockReturnValue(pending.promise)
    render(<FacePage />)
    const pass = screen.getByTestId('face-pass')
    act(() => {
      pass.click()
      pass.click()
    })
    await act(async () => {
      pending.resolve({ ok: true })
      await pending.promise
    })
    await flush()
    expect(complete).toHaveBeenCalledTimes(1)
    expect(handoffs).toEqual(['completed'])
  })
})
