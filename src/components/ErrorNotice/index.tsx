import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { AppButton } from '../AppButton'
import { useI18n } from '../../hooks/useI18n'
import { describeError, type ErrorInfo } from '../../i18n/errors'

export interface ErrorNoticeProps {
  error: ErrorInfo
  /** Shows a retry button when given. */
  onRetry?: () => void
  retrying?: boolean
  /** Further actions (e.g. a link to the offline guide). */
  children?: ReactNode
}

/** An error code in words (src/i18n/errors.ts), with `data-code` for QA and an optional retry. */
export function ErrorNotice({ error, onRetry, retrying, children }: ErrorNoticeProps) {
  const { t, locale } = useI18n()
  const words = describeError(error, locale)
  return (
    <View className="error-notice" data-testid="error-message" data-code={error.code} data-reason={error.reason ?? ''} role="alert">
      <View className="error-notice__icon" aria-hidden="true">!</View>
      <View className="error-notice__body">
        <Text className="error-notice__title">{words.title}</Text>
        {words.detail ? <Text className="error-notice__detail">{words.detail}</Text> : null}
        {onRetry || children ? (
          <View className="error-notice__actions">
            {onRetry ? (
              <AppButton className="error-notice__retry" testId="error-retry" size="mini" loading={retrying} disabled={retrying} onClick={() => !retrying && onRetry()}>
                {t('common.retry')}
              </AppButton>
            ) : null}
            {children}
          </View>
        ) : null}
      </View>
    </View>
  )
}

export default ErrorNotice
