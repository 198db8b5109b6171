import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { PasswordDots } from '../../../components/PasswordDots'
import { SecureKeypad } from '../../../components/SecureKeypad'
import { useI18n } from '../../../hooks/useI18n'

export interface KeypadEntryProps {
  title: string
  /** For QA (`data-phase`): which entry this is (old, new, confirm, unbind). */
  phase: string
  /** The six digits, once entered; the entry clears itself. Keep them in a ref, never in state or logs. */
  onComplete: (value: string) => void
  /** The first digit of a new attempt (e.g. to clear an earlier error). */
  onStart?: () => void
  hint?: string
}

/**
 * One six-digit entry on our own secure keypad: a title, the dots, and the keypad (open at once,
 * digits in a new order each time it opens). The owner remounts it (a new `key`) for each entry, so
 * every entry starts empty with a fresh layout. The digits are never rendered.
 */
export function KeypadEntry({ title, phase, onComplete, onStart, hint }: KeypadEntryProps) {
  const { t } = useI18n()
  const [entry, setEntry] = useState('')
  const [open, setOpen] = useState(true)
  const [layout, setLayout] = useState(0)

  const openKeypad = () => {
    if (open) return
    setLayout((n) => n + 1)
    setOpen(true)
  }

  return (
    <>
      <View className="white-card settings__entry" data-testid="settings-password-entry" data-phase={phase}>
        <Text className="settings__entry-title" data-testid="settings-password-title">
          {title}
        </Text>
        <PasswordDots filled={entry.length} active={open} onClick={openKeypad} />
        <Text className="settings__entry-hint muted" onClick={openKeypad}>
          {open ? hint ?? '' : t('password.openKeypad')}
        </Text>
      </View>
      <SecureKeypad
        key={layout}
        visible={open}
        value={entry}
        onChange={(next) => {
          if (next.length === 1) onStart?.()
          setEntry(next)
        }}
        onComplete={(value) => {
          setEntry('')
          onComplete(value)
        }}
        onHide={() => setOpen(false)}
      />
    </>
  )
}

export default KeypadEntry
