import { View } from '@tarojs/components'
import { PASSWORD_LENGTH } from '../../domain/password'
import { useI18n } from '../../hooks/useI18n'

/** Six boxes, a dot for each digit entered; the digits themselves are never shown. */
export function PasswordDots({ filled, length = PASSWORD_LENGTH, onClick, active }: { filled: number; length?: number; onClick?: () => void; active?: boolean }) {
  const { t } = useI18n()
  const n = Math.max(0, Math.min(filled, length))
  return (
    <View
      className={`password-dots ${active ? 'password-dots--active' : ''}`}
      data-testid="password-dots"
      data-filled={String(n)}
      role="button"
      aria-live="polite"
      aria-label={t('dots.label', { n, total: length })}
      onClick={onClick}
    >
      {Array.from({ length }, (_, i) => (
        <View key={i} className={`password-dots__cell ${i === n && active ? 'password-dots__cell--cursor' : ''}`} aria-hidden="true">
          {i < n ? <View className="password-dots__dot" /> : null}
        </View>
      ))}
    </View>
  )
}

export default PasswordDots
