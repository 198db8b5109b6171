/**
 * The face stand-in page used for the issued card (reset, unbind): the H5 adapter tells it the
 * purpose, it leaves out the claim's step bar and, after a reload, returns to the card settings
 * instead of the claim. The claim's own use of the page is unchanged (test/component/face.test.tsx).
 */
import { fireEvent, render, screen } from '@testing-library/react'
import FacePage from '../../src/pages/ecard/face/index'
import { createH5Platform } from '../../src/services/platform/h5'
import { routes } from '../../src/flow/routes'
import * as mockApi from '../../src/services/api/mock'
import { flush, resetHost, taro, taroMock } from '../mocks/testUtils'

jest.mock('../../src/services/api/mock', () => jest.requireActual('../mocks/services').apiMockMock())

const complete = jest.mocked(mockApi.completeMockCertification)
const SESSION = { certifyId: 'CERT-0042-wxyz', certifyUrl: 'https://certify.example/CERT-0042-wxyz' }

function openedFaceParams(): Record<string, string> {
  const url: string = taro.navigateTo.mock.calls[0][0].url
  const [path, query] = url.split('?')
  expect(path).toBe(routes.face)
  return Object.fromEntries(new URLSearchParams(query))
}

beforeEach(() => {
  resetHost('zh-CN')
  complete.mockReset().mockResolvedValue({ ok: true })
  taroMock.setPages(['pages/ecard/card-settings/index', 'pages/ecard/face/index'])
})

describe('face verification for the issued card (H5)', () => {
  it.each(['reset', 'unbind'] as const)('the adapter passes purpose=%s and the page resolves the waiting hand-off', async (purpose) => {
    const waiting = createH5Platform().verifyFace({ ...SESSION, purpose })
    const params = openedFaceParams()
    expect(params).toEqual({ certifyId: SESSION.certifyId, purpose })
    taroMock.setRouterParams(params, routes.face)
    const { container } = render(<FacePage />)
    expect(container.querySelector('[data-step="face"]')?.getAttribute('data-purpose')).toBe(purpose)
    expect(screen.queryByTestId('step-bar')).toBeNull()
    fireEvent.click(screen.getByTestId('face-pass'))
    await flush()
    await expect(waiting).resolves.toBe('completed')
    expect(complete).toHaveBeenCalledWith(SESSION.certifyId, 'pass')
    expect(taro.navigateBack).toHaveBeenCalledWith({ delta: 1 })
  })

  it('the claim keeps its URL without a purpose, and its step bar', () => {
    void createH5Platform().verifyFace({ ...SESSION, purpose: 'claim' })
    const params = openedFaceParams()
    expect(params).toEqual({ certifyId: SESSION.certifyId })
    taroMock.setRouterParams(params, routes.face)
    render(<FacePage />)
    expect(screen.getByTestId('step-bar')).toBeTruthy()
  })

  it('after a reload (nothing to go back to) it returns to the card settings, not the claim', async () => {
    taroMock.setPages(['pages/ecard/face/index'])
    taroMock.setRouterParams({ certifyId: SESSION.certifyId, purpose: 'reset' }, routes.face)
    render(<FacePage />)
    fireEvent.click(screen.getByTestId('face-pass'))
    await flush()
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.cardSettings })
  })

  it('an unknown purpose is treated as the claim', () => {
    taroMock.setRouterParams({ certifyId: SESSION.certifyId, purpose: 'steal' }, routes.face)
    const { container } = render(<FacePage />)
    expect(container.querySelector('[data-step="face"]')?.getAttribute('data-purpose')).toBe('claim')
    expect(screen.getByTestId('step-bar')).toBeTruthy()
  })
})
