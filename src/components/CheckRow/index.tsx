import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'

export interface CheckRowProps {
  testId: string
  checked: boolean
  onChange: (checked: boolean) => void
  children: ReactNode
  /** The label read out by screen readers (the visible label may be split over several nodes). */
  ariaLabel: string
}

/**
 * Alipay's round agreement checkbox. Built from a View rather than <Checkbox> so the checked state
 * is fully controlled and behaves the same on Alipay and H5.
 */
export function CheckRow({ testId, checked, onChange, children, ariaLabel }: CheckRowProps) {
  return (
    <View
      className={`check-row ${checked ? 'check-row--checked' : ''}`}
      data-testid={testId}
      data-checked={checked ? 'true' : 'false'}
      role="checkbox"
      aria-checked={checked ? 'true' : 'false'}
      aria-label={ariaLabel}
      onClick={() => onChange(!checked)}
    >
      <View className="check-row__box" aria-hidden="true">
        {checked ? <Text className="check-row__tick">✓</Text> : null}
      </View>
      <View className="check-row__label">{children}</View>
    </View>
  )
}

export default CheckRow
