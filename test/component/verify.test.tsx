import { act, fireEvent, render, screen } from '@testing-library/react'
import VerifyPage from '../../src/pages/ecard/verify/index'
import { routes } from '../../src/flow/routes'
import * as api from '../../src/services/api'
import { platform, PlatformError } from '../../src/services/platform'
import { errorText } from '../../src/i18n/errors'
import { ApiError, claim } from '../mocks/services'
import { deferred, flush, resetHost, taro } from '../mocks/testUtils'

jest.mock('../../src/services/platform', () => jest.requireActual('../mocks/services').platformMock())
jest.mock('../../src/services/api', () => jest.requireActual('../mocks/services').apiMock())
jest.mock('../../src/services/session', () => jest.requireActual('../mocks/services').sessionMock())

const m = jest.mocked(api)
const verifyFace = jest.mocked(platform.verifyFace)
const CERT = { certifyId: 'CERT-0001-abcd', certifyUrl: 'https://certify.example/CERT-0001-abcd', expiresIn: 300 }

function result(passed: 'T' | 'F', failReason: string | null = null) {
  return { certifyId: CERT.certifyId, passed, failReason, claim: claim(passed === 'T' ? 'certified' : 'certifying', { certifyId: CERT.certifyId }) }
}

beforeEach(() => {
  resetHost('zh-CN')
  for (const fn of [m.getClaim, m.startCertification, m.queryCertification]) fn.mockReset()
  verifyFace.mockReset()
  m.getClaim.mockResolvedValue(claim('consented'))
  m.startCertification.mockResolvedValue(CERT)
  verifyFace.mockResolvedValue('completed')
  m.queryCertification.mockResolvedValue(result('T'))
})

async function renderLoaded() {
  const view = render(<VerifyPage />)
  await flush()
  return view
}

async function consentAndStart() {
  fireEvent.click(screen.getByTestId('consent-check'))
  fireEvent.click(screen.getByTestId('verify-start'))
  await flush(5)
}

describe('verify page', () => {
  it('shows the face-verification consent with its checkbox; start waits for consent', async () => {
    const { container } = await renderLoaded()
    expect(container.querySelector('[data-step="verify"]')).not.toBeNull()
    expect(screen.getByTestId('face-consent-text').textContent).toContain('人脸')
    expect(screen.getByTestId('step-bar').getAttribute('data-current')).toBe('verify')
    const start = screen.getByTestId('verify-start') as HTMLButtonElement
    expect(start.disabled).toBe(true)
    fireEvent.click(start)
    expect(m.startCertification).not.toHaveBeenCalled()
    expect(taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '身份认证' })
  })

  it('starts a certification, hands off to the platform, asks the server, and goes on to the password', async () => {
    await renderLoaded()
    await consentAndStart()
    expect(m.startCertification).toHaveBeenCalledTimes(1)
    expect(verifyFace).toHaveBeenCalledWith({ certifyId: CERT.certifyId, certifyUrl: CERT.certifyUrl })
    expect(m.queryCertification).toHaveBeenCalledWith(CERT.certifyId)
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: routes.password })
  })

  it('a face that does not match says so (CERTIFY_NOT_PASSED) and the person can try again', async () => {
    m.queryCertification.mockResolvedValueOnce(result('F', 'FACE_MISMATCH')).mockResolvedValueOnce(result('T'))
    await renderLoaded()
    await consentAndStart()
    const error = screen.getByTestId('error-message')
    expect(error.getAttribute('data-code')).toBe('CERTIFY_NOT_PASSED')
    expect(error.getAttribute('data-reason')).toBe('FACE_MISMATCH')
    expect(error.textContent).toContain(errorText('FACE_MISMATCH', 'zh-CN'))
    expect(taro.navigateTo).not.toHaveBeenCalled()
    fireEvent.click(screen.getByTestId('verify-start'))
    await flush(5)
    expect(m.startCertification).toHaveBeenCalledTimes(2)
    expect(screen.queryByTestId('error-message')).toBeNull()
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: routes.password })
  })

  it.each(['USER_CANCELLED', 'NOT_COMPLETED', 'EXPIRED'])('fail reason %s has its own words', async (reason) => {
    m.queryCertification.mockResolvedValue(result('F', reason))
    await renderLoaded()
    await consentAndStart()
    const error = screen.getByTestId('error-message')
    expect(error.getAttribute('data-code')).toBe('CERTIFY_NOT_PASSED')
    expect(error.textContent).toContain(errorText(reason, 'zh-CN'))
  })

  it('leaving the face screen before it finished reads as cancelled', async () => {
    verifyFace.mockResolvedValue('cancelled')
    m.queryCertification.mockRejectedValue(new ApiError('CERTIFY_PENDING', 409))
    await renderLoaded()
    await consentAndStart()
    const error = screen.getByTestId('error-message')
    expect(error.getAttribute('data-code')).toBe('CERTIFY_NOT_PASSED')
    expect(error.getAttribute('data-reason')).toBe('USER_CANCELLED')
  })

  it('a cancelled hand-off that the server calls NOT_COMPLETED reads as cancelled', async () => {
    verifyFace.mockResolvedValue('cancelled')
    m.queryCertification.mockResolvedValue(result('F', 'NOT_COMPLETED'))
    await renderLoaded()
    await consentAndStart()
    expect(screen.getByTestId('error-message').getAttribute('data-reason')).toBe('USER_CANCELLED')
  })

  it('a face screen that cannot open is explained', async () => {
    verifyFace.mockRejectedValue(new PlatformError('FACE_UNAVAILABLE'))
    await renderLoaded()
    await consentAndStart()
    expect(screen.getByTestId('error-message').getAttribute('data-code')).toBe('FACE_UNAVAILABLE')
    expect(m.queryCertification).not.toHaveBeenCalled()
  })

  it('a double tap starts one certification', async () => {
    const pending = deferred<typeof CERT>()
    m.startCertification.mockReturnValue(pending.promise)
    await renderLoaded()
    fireEvent.click(screen.getByTestId('consent-check'))
    const start = screen.getByTestId('verify-start')
    act(() => {
      start.click()
      start.click()
    })
    await act(async () => {
      pending.resolve(CERT)
      await pending.promise
    })
    await flush(5)
    expect(m.startCertification).toHaveBeenCalledTimes(1)
    expect(verifyFace).toHaveBeenCalledTimes(1)
  })

  describe('resume and guard', () => {
    it('a certifying claim is asked about once, quietly, and a pass goes on to the password', async () => {
      m.getClaim.mockResolvedValue(claim('certifying', { certifyId: CERT.certifyId }))
      await renderLoaded()
      expect(m.queryCertification).toHaveBeenCalledTimes(1)
      expect(m.queryCertification).toHaveBeenCalledWith(CERT.certifyId)
      expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.password })
    })

    it('a certifying claim that did not pass just shows the page, without an error', async () => {
      m.getClaim.mockResolvedValue(claim('certifying', { certifyId: CERT.certifyId }))
      m.queryCertification.mockRejectedValue(new ApiError('CERTIFY_PENDING', 409))
      await renderLoaded()
      expect(m.queryCertification).toHaveBeenCalledTimes(1)
      expect(taro.redirectTo).not.toHaveBeenCalled()
      expect(screen.queryByTestId('error-message')).toBeNull()
      expect(screen.getByTestId('verify-start')).toBeTruthy()
    })

    it('an already certified person continues to the password without a new certification', async () => {
      m.getClaim.mockResolvedValue(claim('certified'))
      await renderLoaded()
      expect(screen.getByTestId('verify-certified')).toBeTruthy()
      fireEvent.click(screen.getByTestId('verify-start'))
      await flush()
      expect(m.startCertification).not.toHaveBeenCalled()
      expect(taro.navigateTo).toHaveBeenCalledWith({ url: routes.password })
    })

    it.each([
      ['informed', routes.confirm],
      ['password_set', routes.password],
      ['issued', routes.card],
    ] as const)('a claim in state %s is sent to %s', async (state, url) => {
      m.getClaim.mockResolvedValue(claim(state))
      await renderLoaded()
      expect(taro.redirectTo).toHaveBeenCalledWith({ url })
    })

    it('a failed claim read shows the error with a retry', async () => {
      m.getClaim.mockRejectedValueOnce(new ApiError('SERVER_ERROR', 502)).mockResolvedValueOnce(claim('consented'))
      await renderLoaded()
      expect(screen.getByTestId('error-message').getAttribute('data-code')).toBe('SERVER_ERROR')
      fireEvent.click(screen.getByTestId('error-retry'))
      await flush()
      expect(screen.getByTestId('consent-check')).toBeTruthy()
    })
  })
})
