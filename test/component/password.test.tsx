import { act, fireEvent, render, screen } from '@testing-library/react'
import PasswordPage from '../../src/pages/ecard/password/index'
import { ISSUE_KEY_STORAGE } from '../../src/pages/ecard/password/issueKey'
import { routes } from '../../src/flow/routes'
import * as api from '../../src/services/api'
import { newIdempotencyKey } from '../../src/services/crypto'
import { platform } from '../../src/services/platform'
import { errorText } from '../../src/i18n/errors'
import { ApiError, card, claim } from '../mocks/services'
import { deferred, flush, resetHost, taro } from '../mocks/testUtils'

jest.mock('../../src/services/platform', () => jest.requireActual('../mocks/services').platformMock())
jest.mock('../../src/services/api', () => jest.requireActual('../mocks/services').apiMock())
jest.mock('../../src/services/session', () => jest.requireActual('../mocks/services').sessionMock())
jest.mock('../../src/services/crypto', () => jest.requireActual('../mocks/services').cryptoMock())

const m = jest.mocked(api)
const storage = (platform.storage as unknown as { data: Map<string, unknown> }).data
const GOOD = '135790'

beforeEach(() => {
  resetHost('zh-CN')
  storage.clear()
  jest.mocked(newIdempotencyKey).mockClear()
  for (const fn of [m.getClaim, m.setCardPassword, m.issueCard]) fn.mockReset()
  m.getClaim.mockResolvedValue(claim('certified'))
  m.setCardPassword.mockResolvedValue(claim('password_set'))
  m.issueCard.mockResolvedValue(card)
})

async function renderLoaded() {
  const view = render(<PasswordPage />)
  await flush()
  return view
}

function typeDigits(digits: string) {
  for (const d of digits) fireEvent.click(screen.getByTestId(`key-${d}`))
}

function phase() {
  return screen.getByTestId('password-entry').getAttribute('data-phase')
}

async function enterTwice(first: string, second = first) {
  typeDigits(first)
  typeDigits(second)
  await flush()
}

describe('password page', () => {
  it('opens with our keypad, six empty dots and Finish disabled', async () => {
    const { container } = await renderLoaded()
    expect(container.querySelector('[data-step="password"]')).not.toBeNull()
    expect(screen.getByTestId('secure-keypad')).toBeTruthy()
    expect(screen.getByTestId('password-title').textContent).toBe('设置6位数字密码')
    expect(screen.getByTestId('password-dots').getAttribute('aria-label')).toBe('已输入0位，共6位')
    expect((screen.getByTestId('password-finish') as HTMLButtonElement).disabled).toBe(true)
    expect(container.querySelector('input')).toBeNull()
    expect(screen.getByTestId('step-bar').getAttribute('data-current')).toBe('password')
    expect(taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '设置密码' })
  })

  it('set, confirm, Finish: sends the password, issues the card with a stored key, opens the card', async () => {
    await renderLoaded()
    typeDigits('135')
    expect(screen.getByTestId('password-dots').getAttribute('aria-label')).toBe('已输入3位，共6位')
    expect(screen.getByTestId('password-entry').textContent).not.toMatch(/\d{2}/)
    typeDigits('790')
    expect(phase()).toBe('confirm')
    expect(screen.getByTestId('password-title').textContent).toBe('请再次输入密码')
    typeDigits(GOOD)
    expect(phase()).toBe('ready')
    expect(screen.queryByTestId('secure-keypad')).toBeNull()
    const finish = screen.getByTestId('password-finish') as HTMLButtonElement
    expect(finish.disabled).toBe(false)
    fireEvent.click(finish)
    await flush()
    expect(m.setCardPassword).toHaveBeenCalledWith(GOOD)
    expect(m.issueCard).toHaveBeenCalledWith('idem-test-1')
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.card })
    // The key is forgotten once the card exists.
    expect(storage.has(ISSUE_KEY_STORAGE)).toBe(false)
  })

  it('the keypad is laid out afresh for the second entry', async () => {
    const spy = jest.spyOn(globalThis.crypto, 'getRandomValues')
    await renderLoaded()
    const calls = spy.mock.calls.length
    typeDigits(GOOD)
    expect(spy.mock.calls.length).toBeGreaterThan(calls)
    spy.mockRestore()
  })

  it.each([
    ['111111', 'ALL_SAME'],
    ['123456', 'SEQUENTIAL'],
    ['654321', 'SEQUENTIAL'],
  ])('a weak password (%s) is refused with its reason (%s) before anything is sent', async (pw, reason) => {
    await renderLoaded()
    typeDigits(pw)
    const error = screen.getByTestId('error-message')
    expect(error.getAttribute('data-code')).toBe('WEAK_PASSWORD')
    expect(error.getAttribute('data-reason')).toBe(reason)
    expect(error.textContent).toContain(errorText(reason, 'zh-CN'))
    expect(phase()).toBe('set')
    expect(screen.getByTestId('password-dots').getAttribute('data-filled')).toBe('0')
    expect(m.setCardPassword).not.toHaveBeenCalled()
    expect(m.issueCard).not.toHaveBeenCalled()
    // Typing again clears the message.
    typeDigits('1')
    expect(screen.queryByTestId('error-message')).toBeNull()
  })

  it('a second entry that differs says so and starts over', async () => {
    await renderLoaded()
    await enterTwice(GOOD, '135791')
    const error = screen.getByTestId('error-message')
    expect(error.getAttribute('data-code')).toBe('MISMATCH')
    expect(error.textContent).toContain(errorText('MISMATCH', 'zh-CN'))
    expect(phase()).toBe('set')
    expect((screen.getByTestId('password-finish') as HTMLButtonElement).disabled).toBe(true)
    expect(m.setCardPassword).not.toHaveBeenCalled()
  })

  it('a server WEAK_PASSWORD shows its reason and asks for a new password, issuing nothing', async () => {
    m.setCardPassword.mockRejectedValue(new ApiError('WEAK_PASSWORD', 422, 'weak', 'BIRTH_DATE'))
    await renderLoaded()
    await enterTwice(GOOD)
    fireEvent.click(screen.getByTestId('password-finish'))
    await flush()
    const error = screen.getByTestId('error-message')
    expect(error.getAttribute('data-code')).toBe('WEAK_PASSWORD')
    expect(error.getAttribute('data-reason')).toBe('BIRTH_DATE')
    expect(error.textContent).toContain(errorText('BIRTH_DATE', 'zh-CN'))
    expect(m.issueCard).not.toHaveBeenCalled()
    expect(phase()).toBe('set')
    expect(screen.getByTestId('secure-keypad')).toBeTruthy()
  })

  it('a failed issuance is retried with the same key, without sending the password again', async () => {
    m.issueCard.mockRejectedValueOnce(new ApiError('TIMEOUT', 0)).mockResolvedValueOnce(card)
    await renderLoaded()
    await enterTwice(GOOD)
    fireEvent.click(screen.getByTestId('password-finish'))
    await flush()
    expect(screen.getByTestId('error-message').getAttribute('data-code')).toBe('TIMEOUT')
    expect(storage.get(ISSUE_KEY_STORAGE)).toEqual({ principal: 'h5:test-persona', key: 'idem-test-1' })
    fireEvent.click(screen.getByTestId('password-finish'))
    await flush()
    expect(m.setCardPassword).toHaveBeenCalledTimes(1)
    expect(m.issueCard).toHaveBeenCalledTimes(2)
    expect(m.issueCard.mock.calls[1][0]).toBe(m.issueCard.mock.calls[0][0])
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.card })
  })

  it('a lost issuance answer offers a retry on the error itself, with the same key', async () => {
    m.issueCard.mockRejectedValueOnce(new ApiError('SERVER_ERROR', 503)).mockResolvedValueOnce(card)
    await renderLoaded()
    await enterTwice(GOOD)
    fireEvent.click(screen.getByTestId('password-finish'))
    await flush()
    expect(screen.getByTestId('error-message').getAttribute('data-code')).toBe('SERVER_ERROR')
    fireEvent.click(screen.getByTestId('error-retry'))
    await flush()
    expect(m.issueCard).toHaveBeenCalledTimes(2)
    expect(m.issueCard.mock.calls[1][0]).toBe(m.issueCard.mock.calls[0][0])
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.card })
  })

  it('a refusal that retrying cannot mend offers no retry', async () => {
    m.issueCard.mockRejectedValueOnce(new ApiError('CERTIFY_EXPIRED', 403))
    await renderLoaded()
    await enterTwice(GOOD)
    fireEvent.click(screen.getByTestId('password-finish'))
    await flush()
    expect(screen.getByTestId('error-message').getAttribute('data-code')).toBe('CERTIFY_EXPIRED')
    expect(screen.queryByTestId('error-retry')).toBeNull()
  })

  it('resuming with the password already set shows Finish that only issues, reusing a stored key', async () => {
    m.getClaim.mockResolvedValue(claim('password_set'))
    storage.set(ISSUE_KEY_STORAGE, { principal: 'h5:test-persona', key: 'idem-from-before' })
    await renderLoaded()
    expect(screen.getByTestId('password-already-set')).toBeTruthy()
    expect(screen.queryByTestId('secure-keypad')).toBeNull()
    fireEvent.click(screen.getByTestId('password-finish'))
    await flush()
    expect(m.setCardPassword).not.toHaveBeenCalled()
    expect(m.issueCard).toHaveBeenCalledWith('idem-from-before')
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.card })
  })

  it("another person's stored key is not reused", async () => {
    m.getClaim.mockResolvedValue(claim('password_set'))
    storage.set(ISSUE_KEY_STORAGE, { principal: 'h5:someone-else', key: 'idem-not-mine' })
    await renderLoaded()
    fireEvent.click(screen.getByTestId('password-finish'))
    await flush()
    expect(m.issueCard).toHaveBeenCalledWith('idem-test-1')
  })

  it('a card that already exists (ECARD_EXISTS) just opens the card', async () => {
    m.getClaim.mockResolvedValue(claim('password_set'))
    m.issueCard.mockRejectedValue(new ApiError('ECARD_EXISTS', 409))
    await renderLoaded()
    fireEvent.click(screen.getByTestId('password-finish'))
    await flush()
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.card })
    expect(screen.queryByTestId('error-message')).toBeNull()
  })

  it('a double tap on Finish sends the password once and issues once', async () => {
    const pending = deferred<ReturnType<typeof claim>>()
    m.setCardPassword.mockReturnValue(pending.promise)
    await renderLoaded()
    await enterTwice(GOOD)
    const finish = screen.getByTestId('password-finish')
    act(() => {
      finish.click()
      finish.click()
    })
    await act(async () => {
      pending.resolve(claim('password_set'))
      await pending.promise
    })
    await flush()
    expect(m.setCardPassword).toHaveBeenCalledTimes(1)
    expect(m.issueCard).toHaveBeenCalledTimes(1)
  })

  it('never logs the password', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((k) => jest.spyOn(console, k))
    m.issueCard.mockRejectedValueOnce(new ApiError('NETWORK', 0))
    await renderLoaded()
    await enterTwice(GOOD)
    fireEvent.click(screen.getByTestId('password-finish'))
    await flush()
    for (const spy of spies) {
      for (const call of spy.mock.calls) expect(JSON.stringify(call)).not.toContain(GOOD)
      spy.mockRestore()
    }
  })

  it('the restart link clears a confirmed password', async () => {
    await renderLoaded()
    await enterTwice(GOOD)
    fireEvent.click(screen.getByTestId('password-restart'))
    expect(phase()).toBe('set')
    expect((screen.getByTestId('password-finish') as HTMLButtonElement).disabled).toBe(true)
    expect(screen.getByTestId('secure-keypad')).toBeTruthy()
  })

  it.each([
    ['consented', routes.verify],
    ['issued', routes.card],
  ] as const)('a claim in state %s is sent to %s', async (state, url) => {
    m.getClaim.mockResolvedValue(claim(state))
    await renderLoaded()
    expect(taro.redirectTo).toHaveBeenCalledWith({ url })
    expect(screen.queryByTestId('secure-keypad')).toBeNull()
  })
})
