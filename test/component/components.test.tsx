import { act, fireEvent, render, renderHook, screen } from '@testing-library/react'
import { ErrorNotice } from '../../src/components/ErrorNotice'
import { StepBar } from '../../src/components/StepBar'
import { CheckRow } from '../../src/components/CheckRow'
import { ExpandableText } from '../../src/components/ExpandableText'
import { CardFace } from '../../src/components/CardFace'
import { QrCode, prepareQrCode, qrDataUrl, qrVector } from '../../src/components/QrCode'
import { CameraPreview } from '../../src/components/CameraPreview'
import { PrimaryButton } from '../../src/components/FixedFooter'
import { useSingleFlight } from '../../src/hooks/useSingleFlight'
import { errorText } from '../../src/i18n/errors'
import { card } from '../mocks/services'
import { deferred, flush, resetHost } from '../mocks/testUtils'

jest.mock('../../src/services/platform', () => jest.requireActual('../mocks/services').platformMock())

beforeEach(() => resetHost('en-US'))

describe('ErrorNotice', () => {
  it('renders the code in words with data-code, the reason as detail, and a retry', () => {
    const onRetry = jest.fn()
    render(<ErrorNotice error={{ code: 'CERTIFY_NOT_PASSED', reason: 'FACE_MISMATCH' }} onRetry={onRetry} />)
    const notice = screen.getByTestId('error-message')
    expect(notice.getAttribute('data-code')).toBe('CERTIFY_NOT_PASSED')
    expect(notice.getAttribute('data-reason')).toBe('FACE_MISMATCH')
    expect(notice.getAttribute('role')).toBe('alert')
    expect(notice.textContent).toContain(errorText('CERTIFY_NOT_PASSED', 'en-US'))
    expect(notice.textContent).toContain(errorText('FACE_MISMATCH', 'en-US'))
    fireEvent.click(screen.getByTestId('error-retry'))
    expect(onRetry).toHaveBeenCalledTimes(1)
  })

  it('has no retry when none makes sense, and follows the language', () => {
    resetHost('zh-CN')
    render(<ErrorNotice error={{ code: 'NETWORK' }} />)
    expect(screen.queryByTestId('error-retry')).toBeNull()
    expect(screen.getByTestId('error-message').textContent).toContain(errorText('NETWORK', 'zh-CN'))
  })
})

describe('StepBar', () => {
  it('marks done, current and later steps and announces the position', () => {
    render(<StepBar current="verify" />)
    const bar = screen.getByTestId('step-bar')
    expect(bar.getAttribute('aria-label')).toBe('Step 3 of 5: Verify')
    const states = Array.from(bar.querySelectorAll('[data-state]')).map((el) => el.getAttribute('data-state'))
    expect(states).toEqual(['done', 'done', 'current', 'todo', 'todo'])
    expect(bar.textContent).toContain('Authorize')
    expect(bar.textContent).toContain('Password')
  })
})

describe('CheckRow', () => {
  it('is a labelled checkbox that reports the toggled value', () => {
    const onChange = jest.fn()
    render(
      <CheckRow testId="agree" checked={false} onChange={onChange} ariaLabel="I agree">
        I agree
      </CheckRow>,
    )
    const box = screen.getByTestId('agree')
    expect(box.getAttribute('role')).toBe('checkbox')
    expect(box.getAttribute('aria-checked')).toBe('false')
    fireEvent.click(box)
    expect(onChange).toHaveBeenCalledWith(true)
  })
})

describe('ExpandableText', () => {
  it('holds the whole text and opens and closes', () => {
    render(<ExpandableText testId="agreement" title="Terms" body={'One.\nTwo.\nThree.'} expandLabel="Read in full" collapseLabel="Collapse" />)
    const root = screen.getByTestId('agreement')
    expect(root.getAttribute('data-expanded')).toBe('false')
    expect(screen.getByTestId('agreement-body').textContent).toBe('One.Two.Three.')
    fireEvent.click(screen.getByTestId('agreement-toggle'))
    expect(root.getAttribute('data-expanded')).toBe('true')
    expect(screen.getByTestId('agreement-toggle').textContent).toContain('Collapse')
  })
})

describe('CardFace and QrCode', () => {
  it('shows the card fields in the current language, ID and card number masked', () => {
    render(<CardFace card={card} />)
    expect(screen.getByTestId('card-name').textContent).toBe('张*')
    expect(screen.getByTestId('card-id').textContent).toBe('110101********1234')
    expect(screen.getByTestId('card-number').textContent).toBe('A1*****78')
    expect(screen.getByTestId('card-region').textContent).toBe('Hangzhou, Zhejiang')
    expect(screen.getByTestId('card-issue-date').textContent).toBe('2026-11-25')
    expect(screen.getByTestId('card-valid-until').textContent).toBe('2036-11-25')
    expect(screen.getByTestId('card-sign-level').textContent).toBe('Level 3')
  })

  it('masks the card number itself when the server sends no masked form', () => {
    render(<CardFace card={{ ...card, cardNumberMasked: undefined }} />)
    expect(screen.getByTestId('card-number').textContent).toBe('A1*****78')
  })

  /** Runs `fn` as a build for `platform` would: QrCode reads TARO_ENV (a build-time constant in a build) when it draws. */
  function asPlatform<T>(platform: string, fn: () => T): T {
    const saved = process.env.TARO_ENV
    process.env.TARO_ENV = platform
    try {
      return fn()
    } finally {
      if (saved === undefined) Reflect.deleteProperty(process.env, 'TARO_ENV')
      else process.env.TARO_ENV = saved
    }
  }

  it('draws an inline SVG of the modules on H5, labelled, with the QA token', () => {
    const { encodeQr, qrSvgPath } = jest.requireActual('../../src/domain/qr') as typeof import('../../src/domain/qr')
    const text = 'q2.' + 'x'.repeat(100)
    asPlatform('h5', () => render(<QrCode testId="qr" text={text} ariaLabel="Card QR code" qaToken={text} />))
    const svg = screen.getByTestId('qr')
    expect(svg.tagName.toLowerCase()).toBe('svg')
    expect(svg.getAttribute('role')).toBe('img')
    expect(svg.getAttribute('aria-label')).toBe('Card QR code')
    expect(svg.getAttribute('data-token')).toBe(text)
    const size = encodeQr(text).size
    expect(svg.getAttribute('viewBox')).toBe(`0 0 ${size} ${size}`)
    expect(svg.getAttribute('shape-rendering')).toBe('crispEdges')
    const paths = svg.querySelectorAll('path')
    expect(paths).toHaveLength(1)
    expect(paths[0].getAttribute('d')).toBe(qrSvgPath(encodeQr(text)))
    expect(qrVector(text)).toEqual({ size, path: qrSvgPath(encodeQr(text)) })
  })

  it('shows on H5 the code prepared ahead, and draws any other itself', () => {
    const { rerender } = asPlatform('h5', () => {
      prepareQrCode('ECARD:S:1')
      return render(<QrCode testId="qr" text="ECARD:S:1" ariaLabel="QR" />)
    })
    const d1 = screen.getByTestId('qr').querySelector('path')!.getAttribute('d')
    expect(d1).toBe(qrVector('ECARD:S:1').path)
    asPlatform('h5', () => rerender(<QrCode testId="qr" text="ECARD:S:2" ariaLabel="QR" />))
    const d2 = screen.getByTestId('qr').querySelector('path')!.getAttribute('d')
    expect(d2).toBe(qrVector('ECARD:S:2').path)
    expect(d2).not.toBe(d1)
  })

  it('gives mini-programs a GIF of six pixels a module with a two-pixel margin', () => {
    const { encodeQr, qrGifDataUrl } = jest.requireActual('../../src/domain/qr') as typeof import('../../src/domain/qr')
    /** The GIF's logical screen width, from its header. */
    const widthOf = (url: string) => {
      const bytes = Buffer.from(url.replace(/^data:image\/gif;base64,/, ''), 'base64')
      return bytes[6] | (bytes[7] << 8)
    }
    const text = 'q2.' + 'x'.repeat(100)
    const alipay = asPlatform('alipay', () => qrDataUrl(text))
    expect(widthOf(alipay)).toBe(encodeQr(text).size * 6 + 4)
    expect(alipay).toBe(qrGifDataUrl(encodeQr(text), 6, 2))
  })

  it('renders a QR image as a data URL that depends on the text', () => {
    render(<QrCode testId="qr" text="ECARD:S:1" ariaLabel="QR" />)
    const img = screen.getByTestId('qr') as HTMLImageElement
    expect(img.getAttribute('src')).toMatch(/^data:image\/gif;base64,/)
    expect(img.getAttribute('src')).toBe(qrDataUrl('ECARD:S:1'))
    expect(qrDataUrl('ECARD:S:2')).not.toBe(qrDataUrl('ECARD:S:1'))
    expect(img.getAttribute('aria-label')).toBe('QR')
  })
})

describe('PrimaryButton', () => {
  it('is disabled and busy while loading and never calls onClick then', () => {
    const onClick = jest.fn()
    render(
      <PrimaryButton testId="go" loading onClick={onClick}>
        Go
      </PrimaryButton>,
    )
    const button = screen.getByTestId('go')
    expect((button as HTMLButtonElement).disabled).toBe(true)
    expect(button.getAttribute('aria-busy')).toBe('true')
    fireEvent.click(button)
    expect(onClick).not.toHaveBeenCalled()
  })
})

describe('useSingleFlight', () => {
  it('ignores re-entry while pending and allows the next run afterwards', async () => {
    const gate = deferred<void>()
    const action = jest.fn(() => gate.promise)
    const { result } = renderHook(() => useSingleFlight(action))
    let first: Promise<void> = Promise.resolve()
    act(() => {
      first = result.current.run()
      void result.current.run()
      void result.current.run()
    })
    expect(action).toHaveBeenCalledTimes(1)
    expect(result.current.pending).toBe(true)
    await act(async () => {
      gate.resolve()
      await first
    })
    expect(result.current.pending).toBe(false)
    await act(async () => {
      await result.current.run()
    })
    expect(action).toHaveBeenCalledTimes(2)
  })

  it('releases after a failure', async () => {
    const action = jest.fn().mockRejectedValueOnce(new Error('x')).mockResolvedValueOnce(undefined)
    const { result } = renderHook(() => useSingleFlight(action))
    await act(async () => {
      await expect(result.current.run()).rejects.toThrow('x')
    })
    expect(result.current.pending).toBe(false)
    await act(async () => {
      await result.current.run()
    })
    expect(action).toHaveBeenCalledTimes(2)
  })
})

describe('CameraPreview', () => {
  const originalEnv = process.env.TARO_ENV
  const originalMedia = Object.getOwnPropertyDescriptor(navigator, 'mediaDevices')

  afterEach(() => {
    process.env.TARO_ENV = originalEnv
    if (originalMedia) Object.defineProperty(navigator, 'mediaDevices', originalMedia)
    else delete (navigator as unknown as Record<string, unknown>).mediaDevices
  })

  function withMedia(getUserMedia: jest.Mock) {
    Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: { getUserMedia } })
  }

  it('shows the live camera on H5 and stops every track when it goes away', async () => {
    process.env.TARO_ENV = 'h5'
    const track = { stop: jest.fn() }
    const stream = { getTracks: () => [track] }
    const getUserMedia = jest.fn().mockResolvedValue(stream)
    withMedia(getUserMedia)
    const play = jest.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined)
    const { unmount } = render(<CameraPreview label="Camera" unavailableText="No camera" />)
    await flush()
    expect(getUserMedia).toHaveBeenCalledWith({ video: true })
    expect(screen.getByTestId('camera-preview').getAttribute('data-status')).toBe('live')
    expect((screen.getByTestId('camera-video') as HTMLVideoElement).srcObject).toBe(stream)
    unmount()
    expect(track.stop).toHaveBeenCalled()
    play.mockRestore()
  })

  it('shows a placeholder when the camera is refused', async () => {
    process.env.TARO_ENV = 'h5'
    withMedia(jest.fn().mockRejectedValue(new Error('NotAllowedError')))
    render(<CameraPreview label="Camera" unavailableText="No camera" />)
    await flush()
    expect(screen.getByTestId('camera-preview').getAttribute('data-status')).toBe('unavailable')
    expect(screen.getByTestId('camera-preview').textContent).toContain('No camera')
  })

  it('never asks for the camera outside H5', async () => {
    process.env.TARO_ENV = 'alipay'
    const getUserMedia = jest.fn()
    withMedia(getUserMedia)
    render(<CameraPreview label="Camera" unavailableText="No camera" />)
    await flush()
    expect(getUserMedia).not.toHaveBeenCalled()
    expect(screen.queryByTestId('camera-video')).toBeNull()
    expect(screen.getByTestId('camera-preview').getAttribute('data-status')).toBe('unavailable')
  })

  it('stops a stream that arrives after the preview went away', async () => {
    process.env.TARO_ENV = 'h5'
    const track = { stop: jest.fn() }
    const late = deferred<{ getTracks: () => Array<{ stop: jest.Mock }> }>()
    withMedia(jest.fn(() => late.promise))
    const { unmount } = render(<CameraPreview label="Camera" unavailableText="No camera" />)
    unmount()
    await act(async () => {
      late.resolve({ getTracks: () => [track] })
      await late.promise
    })
    expect(track.stop).toHaveBeenCalled()
  })
})
