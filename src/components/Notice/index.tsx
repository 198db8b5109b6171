import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'

/** A non-error heads-up (e.g. an eligibility warning before the server has been asked). */
export function Notice({ title, message, testId, code, children, tone = 'warning' }: { title?: string; message: string; testId?: string; code?: string; children?: ReactNode; tone?: 'warning' | 'info' | 'success' }) {
  return (
    <View className={`notice notice--${tone}`} data-testid={testId} data-code={code} role="note">
      {title ? <Text className="notice__title">{title}</Text> : null}
      <Text className="notice__message">{message}</Text>
      {children ? <View className="notice__actions">{children}</View> : null}
    </View>
  )
}

export default Notice
