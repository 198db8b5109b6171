import Taro from '@tarojs/taro'
import type { KeyValueStorage } from './types'

/** Taro's storage is the host's (my.setStorageSync on Alipay, localStorage on H5). */
export const taroStorage: KeyValueStorage = {
  get<T>(key: string): T | undefined {
    try {
      const value = Taro.getStorageSync(key)
      return value === '' || value === null || value === undefined ? undefined : (value as T)
    } catch {
      return undefined
    }
  },
  set<T>(key: string, value: T) {
    Taro.setStorageSync(key, value)
  },
  remove(key: string) {
    Taro.removeStorageSync(key)
  },
}
