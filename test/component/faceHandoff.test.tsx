/**
 * The H5 face hand-off end to end inside jsdom: the real H5 platform adapter opens the face page
 * and waits; the face page reports the QA outcome and releases it.
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
  resetHost('en-US')
  complete.mockReset().mockResolvedValue({ ok: true })
  taroMock.setPages(['pages/ecard/verify/index', 'pages/ecard/face/index'])
})

it.each([
  ['face-pass', 'completed'],
  ['face-fail', 'completed'],
  ['face-cancel', 'cancelled'],
])('%s resolves the waiting verifyFace with "%s"', async (button, expected) => {
  const waiting = createH5Platform().verifyFace(SESSION)
  taroMock.setRouterParams(openedFaceParams(), routes.face)
  render(<FacePage />)
  fireEvent.click(screen.getByTestId(button))
  await flush()
  await expect(waiting).resolves.toBe(expected)
  expect(complete).toHaveBeenCalledWith(SESSION.certifyId, button.replace('face-', ''))
})

it('leaving the face page with the system back resolves verifyFace as cancelled', async () => {
  const waiting = createH5Platform().verifyFace(SESSION)
  taroMock.setRouterParams(openedFaceParams(), routes.face)
  const { unmount } = render(<FacePage />)
  unmount()
  await expect(waiting).resolves.toBe('cancelled')
  expect(complete).not.toHaveBeenCalled()
})
