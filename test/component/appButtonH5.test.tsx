import { fireEvent, render, screen } from '@testing-library/react'
// The H5 file itself: Taro picks it for H5 builds; Jest resolves the mini-program one.
import { AppButton } from '../../src/components/AppButton/AppButton.h5'

describe('AppButton on H5', () => {
  it('is the browser’s own button, with the app’s classes, test id and label', () => {
    const onClick = jest.fn()
    render(
      <AppButton className="error-notice__retry" testId="retry" size="mini" ariaLabel="Try again" onClick={onClick}>
        Retry
      </AppButton>,
    )
    const button = screen.getByTestId('retry') as HTMLButtonElement
    expect(button.tagName).toBe('BUTTON')
    // type=button: inside a form it must not submit it
    expect(button.type).toBe('button')
    expect(button.className.split(' ')).toEqual(['app-btn', 'app-btn--mini', 'error-notice__retry'])
    expect(button.getAttribute('aria-label')).toBe('Try again')
    expect(button.hasAttribute('aria-busy')).toBe(false)
    expect(button.hasAttribute('aria-disabled')).toBe(false)
    expect(button.textContent).toBe('Retry')
    fireEvent.click(button)
    expect(onClick).toHaveBeenCalledTimes(1)
  })

  it('shows a spinner drawn by the app (no image from elsewhere) while loading, and says it is busy', () => {
    render(
      <AppButton testId="go" loading disabled ariaBusy ariaDisabled onClick={jest.fn()}>
        Go
      </AppButton>,
    )
    const button = screen.getByTestId('go') as HTMLButtonElement
    expect(button.classList.contains('app-btn--loading')).toBe(true)
    const spinner = button.querySelector('.app-btn__spinner')
    expect(spinner).not.toBeNull()
    expect(spinner?.getAttribute('aria-hidden')).toBe('true')
    expect(button.querySelector('img')).toBeNull()
    expect(button.getAttribute('aria-busy')).toBe('true')
    expect(button.getAttribute('aria-disabled')).toBe('true')
    expect(button.textContent).toBe('Go')
  })

  it('never calls onClick while disabled, even when the click is dispatched at it', () => {
    const onClick = jest.fn()
    const { rerender } = render(
      <AppButton testId="go" disabled onClick={onClick}>
        Go
      </AppButton>,
    )
    const button = screen.getByTestId('go') as HTMLButtonElement
    expect(button.disabled).toBe(true)
    button.dispatchEvent(new MouseEvent('click', { bubbles: true }))
    fireEvent.click(button)
    expect(onClick).not.toHaveBeenCalled()
    expect(button.querySelector('.app-btn__spinner')).toBeNull()

    rerender(
      <AppButton testId="go" onClick={onClick}>
        Go
      </AppButton>,
    )
    expect(button.disabled).toBe(false)
    fireEvent.click(button)
    expect(onClick).toHaveBeenCalledTimes(1)
  })
})
