import { createAlipayPlatform, type AlipayMy } from '../../src/services/platform/alipay'

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }))

function fakeMy(overrides: Partial<AlipayMy> = {}): AlipayMy & { calls: unknown[][] } {
  const calls: unknown[][] = []
  return {
    calls,
    getAuthCode: (o) => {
      calls.push(['getAuthCode', o.scopes])
      o.success({ authCode: 'code-123' })
    },
    call: (api, param, cb) => {
      calls.push(['call', api, param])
      cb({ resultStatus: '9000' })
    },
    getSystemInfoSync: () => ({ language: 'en' }),
    ...overrides,
  }
}

describe('Alipay platform adapter', () => {
  it('asks my.getAuthCode for the auth_user scope', async () => {
    const my = fakeMy()
    await expect(createAlipayPlatform(my).getAuthCode()).resolves.toBe('code-123')
    expect(my.calls[0]).toEqual(['getAuthCode', 'auth_user'])
  })

  it('reports a refused authorization as AUTH_CANCELLED and other failures as AUTH_FAILED', async () => {
    const cancelled = fakeMy({ getAuthCode: (o) => o.fail({ error: 11, errorMessage: 'user cancelled' }) })
    await expect(createAlipayPlatform(cancelled).getAuthCode()).rejects.toMatchObject({ code: 'AUTH_CANCELLED' })
    const failed = fakeMy({ getAuthCode: (o) => o.fail({ error: 2, errorMessage: 'invalid' }) })
    await expect(createAlipayPlatform(failed).getAuthCode()).rejects.toMatchObject({ code: 'AUTH_FAILED' })
  })

  it('hands face verification to open-certify with the server certifyId and URL', async () => {
    const my = fakeMy()
    await expect(createAlipayPlatform(my).verifyFace({ certifyId: 'cert-abcdef12', certifyUrl: 'https://x/certify' })).resolves.toBe('completed')
    const [, api, param] = my.calls[0] as [string, string, { name: string; param: string }]
    expect(api).toBe('startBizService')
    expect(param.name).toBe('open-certify')
    expect(JSON.parse(param.param)).toEqual({ certifyId: 'cert-abcdef12', url: 'https://x/certify' })
  })

  it('maps the face result statuses: quit is cancelled, anything else is unavailable', async () => {
    const quit = fakeMy({ call: (_a, _p, cb) => cb({ resultStatus: '6001' }) })
    await expect(createAlipayPlatform(quit).verifyFace({ certifyId: 'c', certifyUrl: 'u' })).resolves.toBe('cancelled')
    const broken = fakeMy({ call: (_a, _p, cb) => cb({ resultStatus: '4000', errorMessage: 'system busy' }) })
    await expect(createAlipayPlatform(broken).verifyFace({ certifyId: 'c', certifyUrl: 'u' })).rejects.toMatchObject({ code: 'FACE_UNAVAILABLE' })
  })

  it('maps the system language onto zh-CN / en-US', () => {
    expect(createAlipayPlatform(fakeMy()).systemLocale()).toBe('en-US')
    expect(createAlipayPlatform(fakeMy({ getSystemInfoSync: () => ({ language: 'zh-Hans' }) })).systemLocale()).toBe('zh-CN')
    expect(createAlipayPlatform(fakeMy({ getSystemInfoSync: () => { throw new Error('x') } })).systemLocale()).toBe('zh-CN')
  })
})

describe('Alipay platform adapter: network status', () => {
  type Change = (res: { isConnected?: boolean; networkType?: string }) => void

  function networkMy(first: { networkAvailable?: boolean; networkType?: string } | 'never') {
    let onChange: Change | undefined
    const off = jest.fn()
    let answer: (() => void) | undefined
    const my = fakeMy({
      getNetworkType: (o) => {
        answer = () => (first === 'never' ? undefined : o.success(first))
      },
      onNetworkStatusChange: (cb) => {
        onChange = cb
      },
      offNetworkStatusChange: off,
    })
    return { my, change: (res: Parameters<Change>[0]) => onChange?.(res), answer: () => answer?.(), off }
  }

  it('reads my.getNetworkType, then follows my.onNetworkStatusChange', () => {
    const n = networkMy({ networkAvailable: false, networkType: 'NOTREACHABLE' })
    const seen: boolean[] = []
    createAlipayPlatform(n.my).watchNetwork((online) => seen.push(online))
    n.answer()
    n.change({ isConnected: true, networkType: 'WIFI' })
    n.change({ isConnected: false, networkType: 'NOTREACHABLE' })
    n.change({ networkType: 'none' })
    n.change({ isConnected: true, networkType: '4G' })
    expect(seen).toEqual([false, true, false, false, true])
  })

  it('ignores a first reading that answers after a change was heard, and stops on unsubscribe', () => {
    const n = networkMy({ networkAvailable: true, networkType: 'WIFI' })
    const seen: boolean[] = []
    const stop = createAlipayPlatform(n.my).watchNetwork((online) => seen.push(online))
    n.change({ isConnected: false, networkType: 'NOTREACHABLE' })
    n.answer()
    expect(seen).toEqual([false])
    stop()
    expect(n.off).toHaveBeenCalledTimes(1)
    n.change({ isConnected: true, networkType: 'WIFI' })
    expect(seen).toEqual([false])
  })

  it('works on a base library without the network APIs (reports nothing, treated as online)', () => {
    const seen: boolean[] = []
    const stop = createAlipayPlatform(fakeMy()).watchNetwork((online) => seen.push(online))
    expect(seen).toEqual([])
    expect(() => stop()).not.toThrow()
  })
})
