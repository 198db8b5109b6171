import type { AppButtonProps } from './types'
import './index.scss'

/**
 * H5's button: the browser's own <button>. Taro's H5 Button would bring its library's styles, which
 * outrank the app's, and a loading spinner drawn from a third-party image host that the app's
 * Content-Security-Policy refuses (docs/architecture.md, H5 components).
 */
export function AppButton({ className, testId, children, onClick, size, disabled, loading, ariaLabel, ariaDisabled, ariaBusy }: AppButtonProps) {
  const classes = ['app-btn', size === 'mini' ? 'app-btn--mini' : '', loading ? 'app-btn--loading' : '', className ?? ''].filter(Boolean).join(' ')
  return (
    <button
      type="button"
      className={classes}
      data-testid={testId}
      disabled={disabled}
      aria-label={ariaLabel}
      aria-disabled={ariaDisabled}
      aria-busy={ariaBusy}
      onClick={disabled ? undefined : onClick}
    >
      {loading ? <span className="app-btn__spinner" aria-hidden="true" /> : null}
      {children}
    </button>
  )
}
