import { act, render, renderHook, screen } from '@testing-library/react'
import { Text } from '@tarojs/components'
import { useI18n } from '../../src/hooks/useI18n'
import { backTo, canGoBack, navigateTo, urlFor } from '../../src/hooks/navigation'
import { useAsyncData, LEAVING } from '../../src/hooks/useAsyncData'
import { routes } from '../../src/flow/routes'
import { deferred, flush, resetHost, taro, taroMock } from '../mocks/testUtils'

jest.mock('../../src/services/platform', () => jest.requireActual('../mocks/services').platformMock())

beforeEach(() => resetHost('zh-CN'))

function Label() {
  const { t } = useI18n()
  return <Text data-testid="label">{t('app.more')}</Text>
}

describe('useI18n', () => {
  it('re-renders every mounted component when the language changes', () => {
    render(
      <>
        <Label />
        <Label />
      </>,
    )
    const { result } = renderHook(() => useI18n())
    expect(screen.getAllByTestId('label').map((e) => e.textContent)).toEqual(['更多', '更多'])
    act(() => result.current.setLocale('en-US'))
    expect(result.current.locale).toBe('en-US')
    expect(screen.getAllByTestId('label').map((e) => e.textContent)).toEqual(['More', 'More'])
    expect(result.current.t('step.label', { n: 1, total: 5, name: 'Authorize' })).toBe('Step 1 of 5: Authorize')
  })
})

describe('navigation', () => {
  it('builds URLs from routes.ts with an encoded query', () => {
    expect(urlFor('face', { certifyId: 'a b&c' })).toBe(`${routes.face}?certifyId=a%20b%26c`)
    navigateTo('guide')
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: routes.guide })
  })

  it('goes back only when the wanted page is underneath', () => {
    taroMock.setPages(['pages/home/index'])
    expect(canGoBack()).toBe(false)
    taroMock.setPages(['pages/social-security/index', 'pages/ecard/authorize/index'])
    expect(canGoBack()).toBe(true)
    backTo('socialSecurity')
    expect(taro.navigateBack).toHaveBeenCalledWith({ delta: 1 })
    backTo('home')
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: routes.home })
  })
})

describe('useAsyncData', () => {
  it('goes loading → ready, keeps loading while leaving, and drops superseded answers', async () => {
    const first = deferred<string | typeof LEAVING>()
    const second = deferred<string | typeof LEAVING>()
    const loader = jest.fn().mockReturnValueOnce(first.promise).mockReturnValueOnce(second.promise)
    const { result } = renderHook(() => useAsyncData<string>(loader))
    expect(result.current.state.status).toBe('loading')
    act(() => result.current.reload())
    await act(async () => {
      second.resolve('fresh')
      first.resolve('stale')
      await Promise.all([first.promise, second.promise])
    })
    await flush()
    expect(result.current.state).toEqual({ status: 'ready', data: 'fresh' })
  })

  it('reports a thrown error as an ErrorInfo, and LEAVING as still loading', async () => {
    const loader = jest.fn().mockRejectedValueOnce({ code: 'NETWORK' }).mockResolvedValueOnce(LEAVING)
    const { result } = renderHook(() => useAsyncData<string>(loader))
    await flush()
    expect(result.current.state).toEqual({ status: 'error', error: { code: 'NETWORK' } })
    act(() => result.current.reload())
    await flush()
    expect(result.current.state).toEqual({ status: 'loading' })
  })

  it('shows data already answered at the first render without loading it or rendering the loading state; a reload still loads', async () => {
    const loader = jest.fn().mockResolvedValue('reloaded')
    const rendered: string[] = []
    const answered = jest.fn(() => 'answered')
    const { result } = renderHook(() => {
      const data = useAsyncData<string>(loader, answered)
      rendered.push(data.state.status)
      return data
    })
    expect(result.current.state).toEqual({ status: 'ready', data: 'answered' })
    await flush()
    expect(loader).not.toHaveBeenCalled()
    expect(rendered).toEqual(['ready'])
    expect(answered).toHaveBeenCalledTimes(1)
    act(() => result.current.reload())
    await flush()
    expect(loader).toHaveBeenCalledTimes(1)
    expect(result.current.state).toEqual({ status: 'ready', data: 'reloaded' })
  })

  it('shows data answered by the first commit (not yet at the render) before the paint, without loading it', async () => {
    const loader = jest.fn().mockResolvedValue('reloaded')
    const rendered: string[] = []
    let ready = false
    const { result } = renderHook(() => {
      const data = useAsyncData<string>(loader, () => (ready ? 'answered' : undefined))
      rendered.push(data.state.status)
      ready = true
      return data
    })
    // Ready before the render returns to the browser (a layout effect), and no first load.
    expect(result.current.state).toEqual({ status: 'ready', data: 'answered' })
    await flush()
    expect(loader).not.toHaveBeenCalled()
    expect(rendered).toEqual(['loading', 'ready'])
    act(() => result.current.reload())
    await flush()
    expect(loader).toHaveBeenCalledTimes(1)
    expect(result.current.state).toEqual({ status: 'ready', data: 'reloaded' })
  })

  it('loads as usual when nothing is answered yet', async () => {
    const loader = jest.fn().mockResolvedValue('loaded')
    const { result } = renderHook(() => useAsyncData<string>(loader, () => undefined))
    expect(result.current.state.status).toBe('loading')
    await flush()
    expect(loader).toHaveBeenCalledTimes(1)
    expect(result.current.state).toEqual({ status: 'ready', data: 'loaded' })
  })
})
