/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.svg'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'alipay' | 'h5' | 'weapp' | string
    TARO_APP_API_BASE: string
  }
}
