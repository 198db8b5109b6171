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
