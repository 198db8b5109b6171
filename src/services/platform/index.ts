import type { Platform } from './types'
import type { AlipayMy } from './alipay'

export * from './types'

declare const my: AlipayMy

// TARO_ENV is a build-time constant: require() keeps only this build's adapter in the bundle, so
// the H5 adapter (and the API client it reaches) never lands in the Alipay main package.
export const platform: Platform =
  process.env.TARO_ENV === 'alipay'
    ? (require('./alipay') as typeof import('./alipay')).createAlipayPlatform(my)
    : (require('./h5') as typeof import('./h5')).createH5Platform()
