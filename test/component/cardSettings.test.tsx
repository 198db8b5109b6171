import { act, fireEvent, render, screen } from '@testing-library/react'
import CardSettingsPage from '../../src/pages/ecard/card-settings/index'
import { routes } from '../../src/flow/routes'
import * as api from '../../src/services/api'
import * as session from '../../src/services/session'
import { platform } from '../../src/services/platform'
import { errorText, formatDateTime } from '../../src/i18n/errors'
import { ApiError, claim } from '../mocks/services'
import { deferred, flush, resetHost, taro, taroMock } from '../mocks/testUtils'

jest.mock('../../src/services/platform', () => jest.requireActual('../mocks/services').platformMock())
jest.mock('../../src/services/api', () => jest.requireActual('../mocks/services').apiMock())
jest.mock('../../src/services/session', () => jest.requireActual('../mocks/services').sessionMock())

const m = jest.mocked(api)
const verifyFace = platform.verifyFace as jest.Mock
const OLD = '582931'
const NEW = '147036'
const CERTIFY_ID = 'CERT-reset-0001'
const LOCKED_UNTIL = '2026-11-26T09:05:00.000Z'

const STACK = ['pages/home/index', 'pages/apps/index', 'pages/city-services/index', 'pages/social-security/index', 'pages/ecard/card/index', 'pages/ecard/card-settings/index']

beforeEach(() => {
  resetHost('zh-CN')
  taroMock.setPages(STACK)
  for (const fn of [m.getClaim, m.changeCardPassword, m.startPasswordResetCertification, m.resetCardPassword, m.startUnbindCertification, m.unbindCard, m.queryCertification]) fn.mockReset()
  m.getClaim.mockResolvedValue(claim('issued'))
  m.changeCardPassword.mockResolvedValue({ ok: true })
  m.resetCardPassword.mockResolvedValue({ ok: true })
  m.startPasswordResetCertification.mockResolvedValue({ certifyId: CERTIFY_ID, certifyUrl: 'https://certify.example/r', expiresIn: 600 })
  m.startUnbindCertification.mockResolvedValue({ certifyId: 'CERT-unbind-0001', certifyUrl: 'https://certify.example/u', expiresIn: 600 })
  m.queryCertification.mockImplementation(async (certifyId: string) => ({ certifyId, passed: 'T' as const, failReason: null, claim: claim('issued') }))
  m.unbindCard.mockResolvedValue({ status: 'unbound', unboundAt: '2026-11-25T08:00:00.000Z', claim: claim('authorized') })
  verifyFace.mockReset().mockResolvedValue('completed')
  jest.mocked(session.hasSession).mockReset().mockReturnValue(true)
})

async function renderLoaded() {
  const view = render(<CardSettingsPage />)
  await flush()
  return view
}

function typeDigits(digits: string) {
  for (const d of digits) fireEvent.click(screen.getByTestId(`key-${d}`))
}

const phase = () => screen.getByTestId('settings-password-entry').getAttribute('data-phase')
const error = () => screen.getByTestId('error-message')
const disabled = (id: string) => (screen.getByTestId(id) as HTMLButtonElement).disabled

async function openChange() {
  await renderLoaded()
  fireEvent.click(screen.getByTestId('settings-change-password'))
}

async function changeTo(oldPw: string, newPw: string) {
  await openChange()
  typeDigits(oldPw)
  typeDigits(newPw)
  typeDigits(newPw)
  await flush()
}

async function passResetFace() {
  await renderLoaded()
  fireEvent.click(screen.getByTestId('settings-reset-password'))
  fireEvent.click(screen.getByTestId('reset-face-start'))
  await flush()
}

describe('card settings: the menu', () => {
  it('lists change password, forgot password and unbind, in Alipay cells', async () => {
    const { container } = await renderLoaded()
    const root = container.querySelector('[data-step="card-settings"]')
    expect(root?.getAttribute('data-mode')).toBe('menu')
    expect(screen.getByTestId('settings-change-password').getAttribute('role')).toBe('button')
    expect(screen.getByTestId('settings-change-password').getAttribute('aria-label')).toBe('修改密码, 验证原密码后设置新密码')
    expect(screen.getByTestId('settings-reset-password').textContent).toContain('忘记密码')
    expect(screen.getByTestId('settings-unbind').textContent).toContain('解绑电子社保卡')
    expect(taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '电子社保卡管理' })
  })

  it('speaks English', async () => {
    resetHost('en-US')
    await renderLoaded()
    expect(screen.getByTestId('settings-unbind').textContent).toContain('Unbind the e-card')
    expect(taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: 'Manage e-card' })
  })

  it.each([
    ['authorized', routes.confirm],
    ['certified', routes.password],
  ] as const)('without an issued card (claim %s) it sends the person to %s', async (state, url) => {
    m.getClaim.mockResolvedValue(claim(state))
    await renderLoaded()
    expect(taro.redirectTo).toHaveBeenCalledWith({ url })
    expect(screen.queryByTestId('settings-change-password')).toBeNull()
  })

  it('a failed load shows the error with a retry', async () => {
    m.getClaim.mockRejectedValueOnce(new ApiError('NETWORK', 0))
    await renderLoaded()
    expect(error().getAttribute('data-code')).toBe('NETWORK')
    fireEvent.click(screen.getByTestId('error-retry'))
    await flush()
    expect(screen.getByTestId('settings-change-password')).toBeTruthy()
  })
})

describe('card settings: change the password', () => {
  it('old, new, new again on the secure keypad, then sends both (encrypted by the API module) and says done', async () => {
    await openChange()
    expect(phase()).toBe('old')
    expect(screen.getByTestId('settings-password-title').textContent).toBe('请输入原密码')
    expect(screen.getByTestId('secure-keypad')).toBeTruthy()
    expect(disabled('password-change-submit')).toBe(true)
    typeDigits(OLD)
    expect(phase()).toBe('new')
    expect(screen.getByTestId('settings-password-title').textContent).toBe('请设置新的6位数字密码')
    typeDigits(NEW)
    expect(phase()).toBe('confirm')
    typeDigits(NEW)
    expect(phase()).toBe('ready')
    expect(screen.queryByTestId('secure-keypad')).toBeNull()
    expect(screen.getByTestId('settings-change-flow').textContent).not.toMatch(/\d{3}/)
    expect(disabled('password-change-submit')).toBe(false)
    fireEvent.click(screen.getByTestId('password-change-submit'))
    await flush()
    expect(m.changeCardPassword).toHaveBeenCalledWith(OLD, NEW)
    expect(screen.getByTestId('settings-success').getAttribute('data-code')).toBe('changed')
    fireEvent.click(screen.getByTestId('settings-done'))
    expect(taro.navigateBack).toHaveBeenCalledWith({ delta: 1 })
  })

  it.each([
    ['111111', 'ALL_SAME'],
    ['123456', 'SEQUENTIAL'],
  ])('a weak new password (%s) is refused with its reason (%s) and nothing is sent', async (pw, reason) => {
    await openChange()
    typeDigits(OLD)
    typeDigits(pw)
    expect(error().getAttribute('data-code')).toBe('WEAK_PASSWORD')
    expect(error().getAttribute('data-reason')).toBe(reason)
    expect(error().textContent).toContain(errorText(reason, 'zh-CN'))
    expect(phase()).toBe('new')
    expect(screen.getByTestId('password-dots').getAttribute('data-filled')).toBe('0')
    typeDigits('1')
    expect(screen.queryByTestId('error-message')).toBeNull()
    expect(m.changeCardPassword).not.toHaveBeenCalled()
  })

  it('a second entry that differs says so and asks for the new password again', async () => {
    await openChange()
    typeDigits(OLD)
    typeDigits(NEW)
    typeDigits('147037')
    expect(error().getAttribute('data-code')).toBe('MISMATCH')
    expect(error().textContent).toContain(errorText('MISMATCH', 'zh-CN'))
    expect(phase()).toBe('new')
    expect(m.changeCardPassword).not.toHaveBeenCalled()
  })

  it('PASSWORD_WRONG shows the attempts left and asks for the current password again', async () => {
    m.changeCardPassword.mockRejectedValueOnce(new ApiError('PASSWORD_WRONG', 403, 'wrong', undefined, { remainingAttempts: 3 }))
    await changeTo(OLD, NEW)
    fireEvent.click(screen.getByTestId('password-change-submit'))
    await flush()
    expect(error().getAttribute('data-code')).toBe('PASSWORD_WRONG')
    expect(error().textContent).toContain('密码不正确')
    expect(error().textContent).toContain('再输错3次，密码将被锁定')
    expect(phase()).toBe('old')
    // The attempts left stay in view while the person types again.
    typeDigits('5')
    expect(error().textContent).toContain('再输错3次，密码将被锁定')
    typeDigits('82931')
    typeDigits(NEW)
    typeDigits(NEW)
    fireEvent.click(screen.getByTestId('password-change-submit'))
    await flush()
    expect(m.changeCardPassword).toHaveBeenCalledTimes(2)
    expect(m.changeCardPassword).toHaveBeenLastCalledWith(OLD, NEW)
    expect(screen.getByTestId('settings-success')).toBeTruthy()
  })

  it.each(['zh-CN', 'en-US'] as const)('PASSWORD_LOCKED shows when the lock ends in the person’s language (%s) and offers the reset', async (locale) => {
    resetHost(locale)
    taroMock.setPages(STACK)
    m.changeCardPassword.mockRejectedValueOnce(new ApiError('PASSWORD_LOCKED', 423, 'locked', undefined, { lockedUntil: LOCKED_UNTIL }))
    await changeTo(OLD, NEW)
    fireEvent.click(screen.getByTestId('password-change-submit'))
    await flush()
    const time = formatDateTime(LOCKED_UNTIL, locale)
    const d = new Date(LOCKED_UNTIL)
    expect(time).toBe(
      locale === 'zh-CN'
        ? `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
        : `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`,
    )
    expect(error().getAttribute('data-code')).toBe('PASSWORD_LOCKED')
    expect(error().textContent).toContain(time)
    expect(error().textContent).toContain(locale === 'zh-CN' ? '后可再次使用密码' : 'You can use the password again after')
    expect(screen.queryByTestId('secure-keypad')).toBeNull()
    expect(screen.queryByTestId('settings-password-entry')).toBeNull()
    fireEvent.click(screen.getByTestId('settings-locked-reset'))
    expect(screen.getByTestId('settings-reset-flow')).toBeTruthy()
    expect(screen.getByTestId('reset-face-start')).toBeTruthy()
  })

  it('a server WEAK_PASSWORD (a rule only the server can check) asks for a new password again', async () => {
    m.changeCardPassword.mockRejectedValueOnce(new ApiError('WEAK_PASSWORD', 422, 'weak', 'BIRTH_DATE'))
    await changeTo(OLD, NEW)
    fireEvent.click(screen.getByTestId('password-change-submit'))
    await flush()
    expect(error().getAttribute('data-reason')).toBe('BIRTH_DATE')
    expect(error().textContent).toContain(errorText('BIRTH_DATE', 'zh-CN'))
    expect(phase()).toBe('new')
    typeDigits('258036')
    typeDigits('258036')
    fireEvent.click(screen.getByTestId('password-change-submit'))
    await flush()
    // The current password was kept for the second try; only the new one was asked again.
    expect(m.changeCardPassword).toHaveBeenLastCalledWith(OLD, '258036')
  })

  it('a card issued elsewhere without a password here (PASSWORD_NOT_SET) is pointed at the reset', async () => {
    m.changeCardPassword.mockRejectedValueOnce(new ApiError('STEP_OUT_OF_ORDER', 409, 'not set', 'PASSWORD_NOT_SET'))
    await changeTo(OLD, NEW)
    fireEvent.click(screen.getByTestId('password-change-submit'))
    await flush()
    expect(error().getAttribute('data-code')).toBe('STEP_OUT_OF_ORDER')
    expect(screen.getByTestId('settings-locked-reset')).toBeTruthy()
  })

  it('a transient failure keeps the entries: Change tries again with the same passwords', async () => {
    m.changeCardPassword.mockRejectedValueOnce(new ApiError('TIMEOUT', 0))
    await changeTo(OLD, NEW)
    fireEvent.click(screen.getByTestId('password-change-submit'))
    await flush()
    expect(error().getAttribute('data-code')).toBe('TIMEOUT')
    expect(phase()).toBe('ready')
    fireEvent.click(screen.getByTestId('password-change-submit'))
    await flush()
    expect(m.changeCardPassword).toHaveBeenNthCalledWith(2, OLD, NEW)
  })

  it('a double tap on Change sends once', async () => {
    const pending = deferred<{ ok: true }>()
    m.changeCardPassword.mockReturnValueOnce(pending.promise)
    await changeTo(OLD, NEW)
    const submit = screen.getByTestId('password-change-submit')
    act(() => {
      submit.click()
      submit.click()
    })
    await act(async () => {
      pending.resolve({ ok: true })
      await pending.promise
    })
    await flush()
    expect(m.changeCardPassword).toHaveBeenCalledTimes(1)
  })

  it('re-enter starts over from the current password; cancel goes back to the menu', async () => {
    await changeTo(OLD, NEW)
    fireEvent.click(screen.getByTestId('settings-password-restart'))
    expect(phase()).toBe('old')
    fireEvent.click(screen.getByTestId('settings-cancel'))
    expect(screen.getByTestId('settings-change-password')).toBeTruthy()
  })

  it('a session error sends the person to authorize', async () => {
    m.changeCardPassword.mockRejectedValueOnce(new ApiError('TOKEN_INVALID', 401))
    await changeTo(OLD, NEW)
    fireEvent.click(screen.getByTestId('password-change-submit'))
    await flush()
    expect(session.signOut).toHaveBeenCalled()
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.authorize })
  })

  it('never logs or stores a password', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((k) => jest.spyOn(console, k))
    m.changeCardPassword.mockRejectedValueOnce(new ApiError('NETWORK', 0))
    await changeTo(OLD, NEW)
    const container = document.body
    fireEvent.click(screen.getByTestId('password-change-submit'))
    await flush()
    expect(container.innerHTML).not.toContain(OLD)
    expect(container.innerHTML).not.toContain(NEW)
    const stored = JSON.stringify([...taroMock.storage.entries(), ...(platform.storage as unknown as { data: Map<string, unknown> }).data.entries()])
    expect(stored).not.toContain(OLD)
    expect(stored).not.toContain(NEW)
    for (const spy of spies) {
      for (const call of spy.mock.calls) {
        expect(JSON.stringify(call)).not.toContain(OLD)
        expect(JSON.stringify(call)).not.toContain(NEW)
      }
      spy.mockRestore()
    }
  })
})

describe('card settings: reset a forgotten password', () => {
  it('face verification (purpose reset), then the new password twice, then reset with the certification', async () => {
    await renderLoaded()
    fireEvent.click(screen.getByTestId('settings-reset-password'))
    expect(screen.getByTestId('settings-reset-flow').getAttribute('data-phase')).toBe('face')
    expect(screen.queryByTestId('secure-keypad')).toBeNull()
    fireEvent.click(screen.getByTestId('reset-face-start'))
    await flush()
    expect(m.startPasswordResetCertification).toHaveBeenCalledTimes(1)
    expect(verifyFace).toHaveBeenCalledWith({ certifyId: CERTIFY_ID, certifyUrl: 'https://certify.example/r', purpose: 'reset' })
    expect(m.queryCertification).toHaveBeenCalledWith(CERTIFY_ID)
    expect(screen.getByTestId('settings-face-passed')).toBeTruthy()
    expect(phase()).toBe('new')
    typeDigits(NEW)
    typeDigits(NEW)
    fireEvent.click(screen.getByTestId('password-reset-submit'))
    await flush()
    expect(m.resetCardPassword).toHaveBeenCalledWith(CERTIFY_ID, NEW)
    expect(screen.getByTestId('settings-success').getAttribute('data-code')).toBe('reset-done')
  })

  it.each([
    ['FACE_MISMATCH', 'completed', 'FACE_MISMATCH'],
    [null, 'cancelled', 'USER_CANCELLED'],
    ['NOT_COMPLETED', 'completed', 'NOT_COMPLETED'],
  ] as const)('a face verification that does not pass (%s, hand-off %s) says why (%s) and sets nothing', async (failReason, handoff, reason) => {
    verifyFace.mockResolvedValueOnce(handoff)
    m.queryCertification.mockResolvedValueOnce({ certifyId: CERTIFY_ID, passed: 'F', failReason, claim: claim('issued') })
    await passResetFace()
    expect(error().getAttribute('data-code')).toBe('CERTIFY_NOT_PASSED')
    expect(error().getAttribute('data-reason')).toBe(reason)
    expect(screen.queryByTestId('secure-keypad')).toBeNull()
    expect(screen.getByTestId('reset-face-start')).toBeTruthy()
    expect(m.resetCardPassword).not.toHaveBeenCalled()
  })

  it('leaving the face screen before it finished reads as cancelled', async () => {
    verifyFace.mockResolvedValueOnce('cancelled')
    m.queryCertification.mockRejectedValueOnce(new ApiError('CERTIFY_PENDING', 409))
    await passResetFace()
    expect(error().getAttribute('data-reason')).toBe('USER_CANCELLED')
  })

  it('a face screen that cannot open is shown', async () => {
    const { PlatformError } = jest.requireActual('../../src/services/platform/types')
    verifyFace.mockRejectedValueOnce(new PlatformError('FACE_UNAVAILABLE'))
    await passResetFace()
    expect(error().getAttribute('data-code')).toBe('FACE_UNAVAILABLE')
  })

  it('a weak new password is refused before sending; an expired verification asks for the face again', async () => {
    await passResetFace()
    typeDigits('000000')
    expect(error().getAttribute('data-reason')).toBe('ALL_SAME')
    typeDigits(NEW)
    typeDigits(NEW)
    m.resetCardPassword.mockRejectedValueOnce(new ApiError('CERTIFY_EXPIRED', 403, 'expired', 'EXPIRED'))
    fireEvent.click(screen.getByTestId('password-reset-submit'))
    await flush()
    expect(m.resetCardPassword).toHaveBeenCalledTimes(1)
    expect(error().getAttribute('data-code')).toBe('CERTIFY_EXPIRED')
    expect(screen.getByTestId('settings-reset-flow').getAttribute('data-phase')).toBe('face')
  })

  it('a double tap on the face button starts one verification', async () => {
    const pending = deferred<{ certifyId: string; certifyUrl: string; expiresIn: number }>()
    m.startPasswordResetCertification.mockReturnValueOnce(pending.promise)
    await renderLoaded()
    fireEvent.click(screen.getByTestId('settings-reset-password'))
    const start = screen.getByTestId('reset-face-start')
    act(() => {
      start.click()
      start.click()
    })
    await act(async () => {
      pending.resolve({ certifyId: CERTIFY_ID, certifyUrl: 'u', expiresIn: 600 })
      await pending.promise
    })
    await flush()
    expect(m.startPasswordResetCertification).toHaveBeenCalledTimes(1)
    expect(verifyFace).toHaveBeenCalledTimes(1)
  })
})

describe('card settings: unbind', () => {
  async function openUnbind() {
    await renderLoaded()
    fireEvent.click(screen.getByTestId('settings-unbind'))
    expect(screen.getByTestId('settings-unbind-flow').getAttribute('data-phase')).toBe('choose')
  }

  it('with the password: enter it, read the warning, confirm; then back to Social Security', async () => {
    await openUnbind()
    fireEvent.click(screen.getByTestId('unbind-method-password'))
    expect(phase()).toBe('unbind')
    expect(screen.getByTestId('settings-password-title').textContent).toBe('请输入社保卡密码')
    typeDigits(OLD)
    expect(screen.getByTestId('settings-unbind-flow').getAttribute('data-phase')).toBe('confirm')
    expect(screen.getByTestId('unbind-warning').textContent).toContain('确认解绑电子社保卡？')
    expect(m.unbindCard).not.toHaveBeenCalled()
    fireEvent.click(screen.getByTestId('unbind-confirm'))
    await flush()
    expect(m.unbindCard).toHaveBeenCalledWith({ method: 'password', password: OLD })
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '电子社保卡已解绑' }))
    // Social Security is two pages below card-settings (card between them)
    expect(taro.navigateBack).toHaveBeenCalledWith({ delta: 2 })
  })

  it('with face verification (purpose unbind): confirm unbinds with the certification', async () => {
    await openUnbind()
    fireEvent.click(screen.getByTestId('unbind-method-face'))
    fireEvent.click(screen.getByTestId('unbind-face-start'))
    await flush()
    expect(m.startUnbindCertification).toHaveBeenCalledTimes(1)
    expect(verifyFace).toHaveBeenCalledWith(expect.objectContaining({ certifyId: 'CERT-unbind-0001', purpose: 'unbind' }))
    fireEvent.click(screen.getByTestId('unbind-confirm'))
    await flush()
    expect(m.unbindCard).toHaveBeenCalledWith({ method: 'face', certifyId: 'CERT-unbind-0001' })
  })

  it('a face that does not pass never reaches the confirmation', async () => {
    m.queryCertification.mockResolvedValueOnce({ certifyId: 'CERT-unbind-0001', passed: 'F', failReason: 'FACE_MISMATCH', claim: claim('issued') })
    await openUnbind()
    fireEvent.click(screen.getByTestId('unbind-method-face'))
    fireEvent.click(screen.getByTestId('unbind-face-start'))
    await flush()
    expect(error().getAttribute('data-reason')).toBe('FACE_MISMATCH')
    expect(screen.queryByTestId('unbind-confirm')).toBeNull()
  })

  it('a wrong password goes back to the entry with the attempts left; a locked one back to the choice', async () => {
    m.unbindCard
      .mockRejectedValueOnce(new ApiError('PASSWORD_WRONG', 403, 'wrong', undefined, { remainingAttempts: 1 }))
      .mockRejectedValueOnce(new ApiError('PASSWORD_LOCKED', 423, 'locked', undefined, { lockedUntil: LOCKED_UNTIL }))
    await openUnbind()
    fireEvent.click(screen.getByTestId('unbind-method-password'))
    typeDigits('000111')
    fireEvent.click(screen.getByTestId('unbind-confirm'))
    await flush()
    expect(phase()).toBe('unbind')
    expect(error().textContent).toContain('再输错1次')
    typeDigits('000112')
    fireEvent.click(screen.getByTestId('unbind-confirm'))
    await flush()
    expect(screen.getByTestId('settings-unbind-flow').getAttribute('data-phase')).toBe('choose')
    expect(error().getAttribute('data-code')).toBe('PASSWORD_LOCKED')
    expect(error().textContent).toContain(formatDateTime(LOCKED_UNTIL, 'zh-CN'))
    expect(screen.getByTestId('unbind-method-face')).toBeTruthy()
  })

  it('a double tap on confirm unbinds once', async () => {
    const pending = deferred<Awaited<ReturnType<typeof api.unbindCard>>>()
    m.unbindCard.mockReturnValueOnce(pending.promise)
    await openUnbind()
    fireEvent.click(screen.getByTestId('unbind-method-password'))
    typeDigits(OLD)
    const confirm = screen.getByTestId('unbind-confirm')
    act(() => {
      confirm.click()
      confirm.click()
    })
    await act(async () => {
      pending.resolve({ status: 'unbound', unboundAt: '2026-11-25T08:00:00.000Z', claim: claim('authorized') })
      await pending.promise
    })
    await flush()
    expect(m.unbindCard).toHaveBeenCalledTimes(1)
  })

  it('opened without Social Security underneath, it opens Social Security instead', async () => {
    taroMock.setPages(['pages/ecard/card/index', 'pages/ecard/card-settings/index'])
    await openUnbind()
    fireEvent.click(screen.getByTestId('unbind-method-password'))
    typeDigits(OLD)
    fireEvent.click(screen.getByTestId('unbind-confirm'))
    await flush()
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.socialSecurity })
  })

  it('cancel at the confirmation goes back to the menu, forgetting the password', async () => {
    await openUnbind()
    fireEvent.click(screen.getByTestId('unbind-method-password'))
    typeDigits(OLD)
    fireEvent.click(screen.getByTestId('settings-cancel'))
    expect(screen.getByTestId('settings-unbind').getAttribute('role')).toBe('button')
    fireEvent.click(screen.getByTestId('settings-unbind'))
    expect(screen.queryByTestId('unbind-confirm')).toBeNull()
    expect(m.unbindCard).not.toHaveBeenCalled()
  })
})
