import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import { AppButton } from '../AppButton'

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
  return (
    <AppButton
      className={`app-button app-button--${variant} ${inactive ? 'app-button--disabled' : ''}`}
      testId={testId}
      disabled={inactive}
      loading={loading}
      ariaLabel={ariaLabel}
      ariaDisabled={inactive}
      ariaBusy={Boolean(loading)}
      onClick={() => {
        if (!inactive) onClick()
      }}
    >
      {children}
    </AppButton>
  )
}

export default FixedFooter
