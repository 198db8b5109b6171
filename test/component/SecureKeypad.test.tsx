import { render, screen, fireEvent } from '@testing-library/react'
import { SecureKeypad } from '../../src/components/SecureKeypad'
import { shuffled, DIGITS, secureRandom } from '../../src/components/SecureKeypad/shuffle'
import { PasswordDots } from '../../src/components/PasswordDots'
import { resetHost } from '../mocks/testUtils'

jest.mock('../../src/services/platform', () => jest.requireActual('../mocks/services').platformMock())

/** A seeded generator, so a test can know the layout it expects. */
function seeded(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function digitOrder(container: HTMLElement): string[] {
  return Array.from(container.querySelectorAll('[data-testid^="key-"]'))
    .map((el) => el.getAttribute('data-testid')!.slice(4))
    .filter((k) => /^\d$/.test(k))
}

beforeEach(() => resetHost('en-US'))

describe('SecureKeypad', () => {
  it('lays the ten digits out in the shuffled order, plus delete and hide', () => {
    const { container } = render(<SecureKeypad visible value="" onChange={jest.fn()} random={seeded(42)} />)
    const expected = shuffled(DIGITS, seeded(42))
    expect(digitOrder(container)).toEqual(expected)
    expect(expected).not.toEqual([...DIGITS])
    expect(new Set(digitOrder(container))).toEqual(new Set(DIGITS))
    expect(screen.getByTestId('key-delete')).toBeTruthy()
    expect(screen.getByTestId('key-hide')).toBeTruthy()
  })

  it('re-shuffles every time it opens', () => {
    const random = jest.fn(seeded(7))
    const { container, rerender } = render(<SecureKeypad visible value="" onChange={jest.fn()} random={random} />)
    const first = digitOrder(container)
    rerender(<SecureKeypad visible={false} value="" onChange={jest.fn()} random={random} />)
    expect(container.querySelector('[data-testid="secure-keypad"]')).toBeNull()
    const callsBefore = random.mock.calls.length
    rerender(<SecureKeypad visible value="" onChange={jest.fn()} random={random} />)
    expect(random.mock.calls.length).toBeGreaterThan(callsBefore)
    const second = digitOrder(container)
    expect(second).not.toEqual(first)
    expect(new Set(second)).toEqual(new Set(DIGITS))
  })

  it('keeps its layout while open (typing does not move the keys)', () => {
    const { container, rerender } = render(<SecureKeypad visible value="" onChange={jest.fn()} random={seeded(3)} />)
    const before = digitOrder(container)
    rerender(<SecureKeypad visible value="12" onChange={jest.fn()} random={seeded(3)} />)
    expect(digitOrder(container)).toEqual(before)
  })

  it('each digit key reports its own digit, whatever its position', () => {
    for (const d of DIGITS) {
      const onChange = jest.fn()
      const { unmount } = render(<SecureKeypad visible value="12" onChange={onChange} random={seeded(Number(d) + 100)} />)
      fireEvent.click(screen.getByTestId(`key-${d}`))
      expect(onChange).toHaveBeenCalledWith(`12${d}`)
      unmount()
    }
  })

  it('deletes the last digit, and does nothing when empty', () => {
    const onChange = jest.fn()
    const { rerender } = render(<SecureKeypad visible value="123" onChange={onChange} />)
    fireEvent.click(screen.getByTestId('key-delete'))
    expect(onChange).toHaveBeenLastCalledWith('12')
    onChange.mockClear()
    rerender(<SecureKeypad visible value="" onChange={onChange} />)
    fireEvent.click(screen.getByTestId('key-delete'))
    expect(onChange).not.toHaveBeenCalled()
  })

  it('takes at most six digits and reports completion once', () => {
    const onChange = jest.fn()
    const onComplete = jest.fn()
    const { rerender } = render(<SecureKeypad visible value="12345" onChange={onChange} onComplete={onComplete} />)
    fireEvent.click(screen.getByTestId('key-6'))
    expect(onChange).toHaveBeenCalledWith('123456')
    expect(onComplete).toHaveBeenCalledWith('123456')
    onChange.mockClear()
    onComplete.mockClear()
    rerender(<SecureKeypad visible value="123456" onChange={onChange} onComplete={onComplete} />)
    fireEvent.click(screen.getByTestId('key-7'))
    expect(onChange).not.toHaveBeenCalled()
    expect(onComplete).not.toHaveBeenCalled()
  })

  it('asks to hide through onHide', () => {
    const onHide = jest.fn()
    render(<SecureKeypad visible value="" onChange={jest.fn()} onHide={onHide} />)
    fireEvent.click(screen.getByTestId('key-hide'))
    expect(onHide).toHaveBeenCalledTimes(1)
  })

  it('labels every key for screen readers and uses no text input', () => {
    const { container } = render(<SecureKeypad visible value="" onChange={jest.fn()} />)
    expect(screen.getByTestId('key-5').getAttribute('aria-label')).toBe('Digit 5')
    expect(screen.getByTestId('key-delete').getAttribute('aria-label')).toBe('Delete')
    expect(screen.getByTestId('key-hide').getAttribute('aria-label')).toBe('Hide keypad')
    expect(container.querySelector('input, textarea')).toBeNull()
  })
})

describe('shuffle', () => {
  it('is a permutation and uses the secure random source by default', () => {
    const spy = jest.spyOn(globalThis.crypto, 'getRandomValues')
    const out = shuffled(DIGITS)
    expect([...out].sort()).toEqual([...DIGITS])
    expect(spy).toHaveBeenCalled()
    spy.mockRestore()
    const r = secureRandom()
    expect(r).toBeGreaterThanOrEqual(0)
    expect(r).toBeLessThan(1)
  })

  it('spreads digits over positions (no fixed layout)', () => {
    const firstKeys = new Set<string>()
    for (let i = 0; i < 60; i++) firstKeys.add(shuffled(DIGITS)[0])
    expect(firstKeys.size).toBeGreaterThan(3)
  })
})

describe('PasswordDots', () => {
  it('shows one dot per digit and announces the count', () => {
    const { container } = render(<PasswordDots filled={3} />)
    const dots = screen.getByTestId('password-dots')
    expect(dots.getAttribute('aria-label')).toBe('3 of 6 digits entered')
    expect(container.querySelectorAll('.password-dots__cell')).toHaveLength(6)
    expect(container.querySelectorAll('.password-dots__dot')).toHaveLength(3)
    expect(dots.textContent).toBe('')
  })

  it('announces in Chinese too', () => {
    resetHost('zh-CN')
    render(<PasswordDots filled={6} />)
    expect(screen.getByTestId('password-dots').getAttribute('aria-label')).toBe('已输入6位，共6位')
  })
})
