/** The session: tokens bound to the platform principal, one shared refresh when several calls expire. */
const mockStore = new Map<string, unknown>()
let mockPrincipal = 'h5:eligible-zhang'
const mockPlatform = {
  getAuthCode: jest.fn(async () => 'code-1'),
  principal: () => mockPrincipal,
  storage: {
    get: (k: string) => mockStore.get(k),
    set: (k: string, v: unknown) => void mockStore.set(k, v),
    remove: (k: string) => void mockStore.delete(k),
  },
}
jest.mock('../../src/services/platform', () => ({
  get platform() {
    return mockPlatform
  },
}))
const mockExchange = jest.fn()
const mockRefresh = jest.fn()
type Hooks = { accessToken(): string | undefined; refresh(): Promise<boolean> }
// The session registers its hooks at import time, before this file's bindings exist.
jest.mock('../../src/services/api', () => {
  const hooks = {} as Hooks
  return {
    mockHooks: hooks,
    exchangeAuthCode: (c: string) => mockExchange(c),
    refreshAccessToken: (t: string) => mockRefresh(t),
    setAuthHooks: (h: Hooks) => Object.assign(hooks, h),
  }
})

import { signIn, signOut, hasSession } from '../../src/services/session'

const { mockHooks } = jest.requireMock('../../src/services/api') as { mockHooks: Hooks }

const tokens = (n: number) => ({ userId: 'u1', accessToken: `at-${n}`, expiresIn: 7200, refreshToken: `rt-${n}`, reExpiresIn: 2592000 })

beforeEach(() => {
  mockStore.clear()
  mockPrincipal = 'h5:eligible-zhang'
  mockExchange.mockReset()
  mockRefresh.mockReset()
})

describe('session', () => {
  it('exchanges the platform auth code and supplies the access token to the API client', async () => {
    mockExchange.mockResolvedValueOnce(tokens(1))
    expect(hasSession()).toBe(false)
    await signIn()
    expect(mockExchange).toHaveBeenCalledWith('code-1')
    expect(hasSession()).toBe(true)
    expect(mockHooks.accessToken()).toBe('at-1')
  })

  it('does not hand one principal the tokens of another', async () => {
    mockExchange.mockResolvedValueOnce(tokens(1))
    await signIn()
    mockPrincipal = 'h5:has-ecard-wang'
    expect(hasSession()).toBe(false)
    expect(mockHooks.accessToken()).toBeUndefined()
  })

  it('shares one refresh between concurrent expiries and stores the rotated tokens', async () => {
    mockExchange.mockResolvedValueOnce(tokens(1))
    await signIn()
    let resolve!: (v: unknown) => void
    mockRefresh.mockReturnValueOnce(new Promise((r) => (resolve = r)))
    const a = mockHooks.refresh()
    const b = mockHooks.refresh()
    resolve(tokens(2))
    await expect(Promise.all([a, b])).resolves.toEqual([true, true])
    expect(mockRefresh).toHaveBeenCalledTimes(1)
    expect(mockRefresh).toHaveBeenCalledWith('rt-1')
    expect(mockHooks.accessToken()).toBe('at-2')
  })

  it('signs out when the refresh is refused', async () => {
    mockExchange.mockResolvedValueOnce(tokens(1))
    await signIn()
    mockRefresh.mockRejectedValueOnce(new Error('REFRESH_TOKEN_INVALID'))
    await expect(mockHooks.refresh()).resolves.toBe(false)
    expect(hasSession()).toBe(false)
  })

  it('forgets the tokens on sign-out', async () => {
    mockExchange.mockResolvedValueOnce(tokens(1))
    await signIn()
    signOut()
    expect(hasSession()).toBe(false)
  })
})
