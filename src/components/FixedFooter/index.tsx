import type { ReactNode } from 'react'
import { View, Button } from '@tarojs/components'

/** The claim pages' bottom bar: fixed, white, above the home indicator; leaves room under the content. */
export function FixedFooter({ children, hidden }: { children: ReactNode; hidden?: boolean }) {
  if (hidden) return null
  return (
    <>
      <View className="fixed-footer__spacer" />
      <View className="fixed-footer">{children}</View>
    </>
  )
}

export interface PrimaryButtonProps {
  testId: string
  children: ReactNode
  onClick: () => void
  disabled?: boolean
  loading?: boolean
  ariaLabel?: string
  variant?: 'primary' | 'secondary'
}

/**
 * Alipay's blue primary button. While `loading` it is also disabled, and a tap on a disabled
 * button never reaches onClick (hosts differ in whether they block it themselves).
 */
export function PrimaryButton({ testId, children, onClick, disabled, loading, ariaLabel, variant = 'primary' }: PrimaryButtonProps) {
  const inactive = Boolean(disabled || loading)
  // Boolean props are passed as true or left out: React writes `false` onto H5's custom elements
  // as disabled="false", which Taro's own [disabled] styles (and selectors) then match.
  return (
    <Button
      className={`app-button app-button--${variant} ${inactive ? 'app-button--disabled' : ''}`}
      data-testid={testId}
      disabled={inactive || undefined}
      loading={loading || undefined}
      aria-label={ariaLabel}
      aria-disabled={inactive ? 'true' : 'false'}
      aria-busy={loading ? 'true' : 'false'}
      onClick={() => {
        if (!inactive) onClick()
      }}
    >
      {children}
    </Button>
  )
}

export default FixedFooter
