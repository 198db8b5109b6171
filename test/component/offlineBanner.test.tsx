/**
 * The offline banner and the app shell: the platform's network status (services/network/status)
 * shows and hides one bilingual live region over every page, and a call made while offline waits
 * for the network instead of failing.
 */
import { act, render, screen } from '@testing-library/react'
import { OfflineBanner, PageOfflineBanner } from '../../src/components/OfflineBanner'
import { connectNetwork, resetNetworkForTests, setOnline, whenOnline } from '../../src/services/network/status'
import { setLocale } from '../../src/i18n'
import { resetHost } from '../mocks/testUtils'

jest.mock('../../src/services/platform', () => jest.requireActual('../mocks/services').platformMock())

beforeEach(() => {
  resetNetworkForTests()
  resetHost('zh-CN')
})
afterAll(() => resetNetworkForTests())

describe('OfflineBanner', () => {
  it('is absent while online, appears as a status live region when offline, and leaves when the network returns', () => {
    render(<OfflineBanner />)
    expect(screen.queryByTestId('offline-banner')).toBeNull()
    act(() => setOnline(false))
    const banner = screen.getByTestId('offline-banner')
    expect(banner.getAttribute('role')).toBe('status')
    expect(banner.getAttribute('aria-live')).toBe('polite')
    expect(banner.textContent).toContain('网络不可用')
    act(() => setOnline(true))
    expect(screen.queryByTestId('offline-banner')).toBeNull()
  })

  it('speaks the current language', () => {
    resetHost('en-US')
    setOnline(false)
    render(<OfflineBanner />)
    expect(screen.getByTestId('offline-banner').textContent).toContain('No network connection')
    act(() => setLocale('zh-CN'))
    expect(screen.getByTestId('offline-banner').textContent).toContain('网络不可用')
  })

  it('shows what the platform reports from the moment it is connected, and follows its changes', () => {
    let report: ((online: boolean) => void) | undefined
    const stop = jest.fn()
    connectNetwork({
      watchNetwork: (listener) => {
        report = listener
        listener(false)
        return stop
      },
    })
    render(<OfflineBanner />)
    expect(screen.getByTestId('offline-banner')).toBeTruthy()
    act(() => report!(true))
    expect(screen.queryByTestId('offline-banner')).toBeNull()
    resetNetworkForTests()
    expect(stop).toHaveBeenCalledTimes(1)
  })
})

describe('PageOfflineBanner', () => {
  const withEnv = (env: string, body: () => void) => {
    const previous = process.env.TARO_ENV
    process.env.TARO_ENV = env
    try {
      body()
    } finally {
      process.env.TARO_ENV = previous
    }
  }

  it('shows inside the page on a mini-program build (the shell renders nothing there)', () => {
    withEnv('alipay', () => {
      setOnline(false)
      render(<PageOfflineBanner />)
      expect(screen.getByTestId('offline-banner')).toBeTruthy()
    })
  })

  it('renders nothing on H5, where the shell shows the banner over every page', () => {
    withEnv('h5', () => {
      setOnline(false)
      render(<PageOfflineBanner />)
      expect(screen.queryByTestId('offline-banner')).toBeNull()
    })
  })
})

describe('network status store', () => {
  it('holds waiters while offline and releases them all when the network returns', async () => {
    setOnline(false)
    const order: string[] = []
    const a = whenOnline().then(() => order.push('a'))
    const b = whenOnline().then(() => order.push('b'))
    await Promise.resolve()
    expect(order).toEqual([])
    setOnline(true)
    await Promise.all([a, b])
    expect(order).toEqual(['a', 'b'])
    await expect(whenOnline()).resolves.toBeUndefined()
  })
})

describe('the app shell', () => {
  it('connects the platform network status and renders the banner beside the pages on H5', () => {
    const previous = process.env.TARO_ENV
    process.env.TARO_ENV = 'h5'
    try {
      const { platform } = require('../../src/services/platform') as { platform: { watchNetwork: jest.Mock } }
      platform.watchNetwork.mockImplementation((listener: (online: boolean) => void) => {
        listener(false)
        return () => undefined
      })
      // First required here, so its module-level wiring runs now, against the mock platform.
      const App = (require('../../src/app') as { default: (p: { children?: React.ReactNode }) => JSX.Element }).default
      render(<App><div data-testid="a-page">page</div></App>)
      expect(platform.watchNetwork).toHaveBeenCalled()
      expect(screen.getByTestId('a-page')).toBeTruthy()
      expect(screen.getByTestId('offline-banner')).toBeTruthy()
    } finally {
      process.env.TARO_ENV = previous
    }
  })
})
