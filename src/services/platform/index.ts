import type { Platform } from './types'
import { createAlipayPlatform, type AlipayMy } from './alipay'
import { createH5Platform } from './h5'

export * from './types'

declare const my: AlipayMy

// TARO_ENV is a build-time constant, so each build keeps only its own branch.
export const platform: Platform = process.env.TARO_ENV === 'alipay' ? createAlipayPlatform(my) : createH5Platform()
