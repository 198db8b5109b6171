import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { useI18n } from '../../hooks/useI18n'

/** What a screen shows while it waits for the network. */
export function LoadingState({ label }: { label?: string }) {
  const { t } = useI18n()
  return (
    <View className="state-view" data-testid="loading" role="status" aria-live="polite">
      <View className="state-view__spinner" aria-hidden="true" />
      <Text className="state-view__text">{label ?? t('common.loading')}</Text>
    </View>
  )
}

/** What a screen shows when there is nothing to show. */
export function EmptyState({ message, children }: { message?: string; children?: ReactNode }) {
  const { t } = useI18n()
  return (
    <View className="state-view" data-testid="empty-state">
      <View className="state-view__empty-icon" aria-hidden="true" />
      <Text className="state-view__text">{message ?? t('common.empty')}</Text>
      {children}
    </View>
  )
}
