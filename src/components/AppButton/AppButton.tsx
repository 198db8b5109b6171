import { Button } from '@tarojs/components'
import type { AppButtonProps } from './types'

/**
 * A button: Taro's own on mini-programs, where it is the platform's native button
 * (AppButton.h5.tsx is H5's).
 */
export function AppButton({ className, testId, children, onClick, size, disabled, loading, ariaLabel, ariaDisabled, ariaBusy }: AppButtonProps) {
  // Boolean props are passed as true or left out: `false` would be written as an attribute.
  return (
    <Button
      className={className}
      data-testid={testId}
      size={size}
      disabled={disabled || undefined}
      loading={loading || undefined}
      aria-label={ariaLabel}
      aria-disabled={ariaDisabled === undefined ? undefined : ariaDisabled ? 'true' : 'false'}
      aria-busy={ariaBusy === undefined ? undefined : ariaBusy ? 'true' : 'false'}
      onClick={onClick}
    >
      {children}
    </Button>
  )
}
