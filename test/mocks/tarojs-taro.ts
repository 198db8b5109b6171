/**
 * A stand-in for @tarojs/taro in component tests: navigation, toasts and titles are jest.fn()s that
 * resolve like Taro's promises; storage is an in-memory map; eventCenter really delivers events;
 * the router params and page stack are set by the test through `taroMock`.
 */
import { useEffect, useRef } from 'react'

type Handler = (...args: unknown[]) => void

class Events {
  private handlers = new Map<string, Set<Handler>>()

  on(name: string, handler: Handler) {
    if (!this.handlers.has(name)) this.handlers.set(name, new Set())
    this.handlers.get(name)!.add(handler)
    return this
  }

  once(name: string, handler: Handler) {
    const wrapper: Handler & { original?: Handler } = (...args) => {
      this.off(name, wrapper)
      handler(...args)
    }
    wrapper.original = handler
    return this.on(name, wrapper)
  }

  off(name?: string, handler?: Handler) {
    if (!name) {
      this.handlers.clear()
      return this
    }
    const set = this.handlers.get(name)
    if (!set) return this
    if (!handler) {
      set.clear()
      return this
    }
    for (const h of Array.from(set)) {
      if (h === handler || (h as Handler & { original?: Handler }).original === handler) set.delete(h)
    }
    return this
  }

  trigger(name: string, ...args: unknown[]) {
    for (const h of Array.from(this.handlers.get(name) ?? [])) h(...args)
    return this
  }

  listenerCount(name: string) {
    return this.handlers.get(name)?.size ?? 0
  }
}

const storage = new Map<string, unknown>()
let routerParams: Record<string, string> = {}
let routerPath = '/pages/home/index'
let pages: Array<{ route: string }> = [{ route: 'pages/home/index' }]

const ok = (name: string) => jest.fn((_opts?: unknown) => Promise.resolve({ errMsg: `${name}:ok` }))

const Taro = {
  request: jest.fn(),
  getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
  setStorageSync: jest.fn((key: string, value: unknown) => {
    storage.set(key, value)
  }),
  removeStorageSync: jest.fn((key: string) => {
    storage.delete(key)
  }),
  clearStorageSync: jest.fn(() => storage.clear()),
  navigateTo: ok('navigateTo'),
  redirectTo: ok('redirectTo'),
  navigateBack: ok('navigateBack'),
  reLaunch: ok('reLaunch'),
  switchTab: ok('switchTab'),
  showToast: ok('showToast'),
  hideToast: ok('hideToast'),
  showLoading: ok('showLoading'),
  hideLoading: ok('hideLoading'),
  showModal: jest.fn((_opts?: unknown) => Promise.resolve({ confirm: true, cancel: false, errMsg: 'showModal:ok' })),
  setNavigationBarTitle: ok('setNavigationBarTitle'),
  setNavigationBarColor: ok('setNavigationBarColor'),
  getScreenBrightness: jest.fn((_opts?: unknown) => Promise.resolve({ value: 0.4, errMsg: 'getScreenBrightness:ok' })),
  setScreenBrightness: ok('setScreenBrightness'),
  getCurrentPages: jest.fn(() => pages),
  getCurrentInstance: jest.fn(() => ({ router: { params: routerParams, path: routerPath }, page: {} })),
  getSystemInfoSync: jest.fn(() => ({ language: 'zh-CN', windowWidth: 375, windowHeight: 812, platform: 'devtools' })),
  getEnv: jest.fn(() => 'WEB'),
  ENV_TYPE: { WEAPP: 'WEAPP', WEB: 'WEB', ALIPAY: 'ALIPAY' },
  eventCenter: new Events(),
  Events,
}

export function useRouter() {
  return { params: routerParams, path: routerPath }
}

/** Page lifecycle hooks run once after mount, as a page first shows. */
function lifecycle(callback: () => void) {
  const latest = useRef(callback)
  latest.current = callback
  useEffect(() => {
    latest.current()
  }, [])
}

export const useDidShow = jest.fn(lifecycle)
export const useLoad = jest.fn(lifecycle)
export const useReady = jest.fn(lifecycle)
export const useDidHide = jest.fn((_cb: () => void) => undefined)
export const useUnload = jest.fn((cb: () => void) => {
  const latest = useRef(cb)
  latest.current = cb
  useEffect(() => () => latest.current(), [])
})
export const usePullDownRefresh = jest.fn((_cb: () => void) => undefined)
export const useReachBottom = jest.fn((_cb: () => void) => undefined)

const allFns = () => [
  ...Object.values(Taro).filter((v): v is jest.Mock => typeof v === 'function' && 'mockClear' in v),
  useDidShow,
  useLoad,
  useReady,
  useDidHide,
  useUnload,
  usePullDownRefresh,
  useReachBottom,
]

/** Test controls for this mock. */
export const taroMock = {
  storage,
  reset() {
    storage.clear()
    routerParams = {}
    routerPath = '/pages/home/index'
    pages = [{ route: 'pages/home/index' }]
    Taro.eventCenter.off()
    for (const fn of allFns()) fn.mockClear()
  },
  setRouterParams(params: Record<string, string>, path = routerPath) {
    routerParams = params
    routerPath = path
  },
  /** The page stack, bottom first, as routes without the leading slash. */
  setPages(routes: string[]) {
    pages = routes.map((route) => ({ route: route.replace(/^\//, '') }))
  },
}

export default Taro
