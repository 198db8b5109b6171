import { forgetHandedOver } from '../../src/services/handover'
import { resetTiming } from '../../src/services/timing'
import { act } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { taroMock } from './tarojs-taro'
import { resetLocaleForTests, setLocale, type Locale } from '../../src/i18n'

/** Fresh host state and a known language before each test. */
export function resetHost(locale: Locale = 'zh-CN') {
  taroMock.reset()
  // Nothing handed from one screen to the next, and no timing marks, leak between tests.
  forgetHandedOver()
  resetTiming()
  resetLocaleForTests()
  setLocale(locale)
}

/** Lets pending promises (mocked service calls) settle inside act(). */
export async function flush(times = 3) {
  for (let i = 0; i < times; i++) {
    await act(async () => {
      await Promise.resolve()
    })
  }
}

/** A promise with its resolve/reject exposed, to hold a service call open. */
export function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

export const taro = Taro as unknown as {
  navigateTo: jest.Mock
  redirectTo: jest.Mock
  navigateBack: jest.Mock
  showToast: jest.Mock
  setNavigationBarTitle: jest.Mock
  getScreenBrightness: jest.Mock
  setScreenBrightness: jest.Mock
  getCurrentPages: jest.Mock
  getStorageSync: jest.Mock
  eventCenter: { on: (n: string, h: (...a: unknown[]) => void) => void; trigger: (n: string, ...a: unknown[]) => void; off: (n?: string, h?: unknown) => void; listenerCount: (n: string) => number }
}

export { taroMock }
