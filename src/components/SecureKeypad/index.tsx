import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { PASSWORD_LENGTH } from '../../domain/password'
import { useI18n } from '../../hooks/useI18n'
import { DIGITS, shuffled, secureRandom, type Digit } from './shuffle'

export interface SecureKeypadProps {
  /** Open or closed; every opening lays the digits out in a new random order. */
  visible: boolean
  /** What has been entered so far (controlled). */
  value: string
  onChange: (next: string) => void
  /** Called once the entry reaches maxLength. */
  onComplete?: (value: string) => void
  onHide?: () => void
  maxLength?: number
  /** The random source for the shuffle (tests pass a seeded one). */
  random?: () => number
}

/**
 * Our own numeric keypad for the card password: no system keyboard (nothing a keyboard app could
 * record), digits in a new random order each time it opens (no position pattern to shoulder-surf).
 * Keys are named by digit value (`key-7`), not by position, so tests and screen readers agree.
 */
export function SecureKeypad({ visible, value, onChange, onComplete, onHide, maxLength = PASSWORD_LENGTH, random = secureRandom }: SecureKeypadProps) {
  const { t } = useI18n()
  const [layout, setLayout] = useState<{ visible: boolean; order: Digit[] }>(() => ({ visible, order: shuffled(DIGITS, random) }))
  // Re-shuffle during render when the keypad opens, so the old order is never shown.
  if (layout.visible !== visible) setLayout({ visible, order: visible ? shuffled(DIGITS, random) : layout.order })

  if (!visible) return null

  const press = (digit: Digit) => {
    if (value.length >= maxLength) return
    const next = value + digit
    onChange(next)
    if (next.length === maxLength) onComplete?.(next)
  }
  const remove = () => {
    if (value.length > 0) onChange(value.slice(0, -1))
  }

  const order = layout.order
  const rows: Array<Array<Digit | 'hide' | 'delete'>> = [order.slice(0, 3), order.slice(3, 6), order.slice(6, 9), ['hide', order[9], 'delete']]

  return (
    <View className="secure-keypad" data-testid="secure-keypad" role="group" aria-label={t('keypad.title')}>
      <View className="secure-keypad__header">
        <View className="secure-keypad__lock" aria-hidden="true">
          <View className="secure-keypad__shackle" />
          <View className="secure-keypad__body" />
        </View>
        <Text className="secure-keypad__title">{t('keypad.title')}</Text>
      </View>
      {rows.map((row, r) => (
        <View key={r} className="secure-keypad__row">
          {row.map((key) => {
            if (key === 'hide') {
              return (
                <View key="hide" className="secure-keypad__key secure-keypad__key--fn" data-testid="key-hide" role="button" aria-label={t('keypad.hide')} hoverClass="secure-keypad__key--active" onClick={() => onHide?.()}>
                  <Text aria-hidden="true">⌄</Text>
                </View>
              )
            }
            if (key === 'delete') {
              return (
                <View key="delete" className="secure-keypad__key secure-keypad__key--fn" data-testid="key-delete" role="button" aria-label={t('keypad.delete')} hoverClass="secure-keypad__key--active" onClick={remove}>
                  <Text aria-hidden="true">⌫</Text>
                </View>
              )
            }
            return (
              <View key={key} className="secure-keypad__key" data-testid={`key-${key}`} role="button" aria-label={t('keypad.digit', { d: key })} hoverClass="secure-keypad__key--active" onClick={() => press(key)}>
                <Text aria-hidden="true">{key}</Text>
              </View>
            )
          })}
        </View>
      ))}
    </View>
  )
}

export default SecureKeypad
