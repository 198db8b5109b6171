import { useEffect, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { ErrorNotice } from '../../../components/ErrorNotice'
import { FixedFooter, PrimaryButton } from '../../../components/FixedFooter'
import { PasswordDots } from '../../../components/PasswordDots'
import { TextLink } from '../../../components/TextLink'
import { changeCardPassword } from '../../../services/api'
import { refuseNewPasswordEntry, PASSWORD_LENGTH } from '../../../domain/password'
import { useI18n } from '../../../hooks/useI18n'
import { useSingleFlight } from '../../../hooks/useSingleFlight'
import { leaveOnSessionError } from '../../../hooks/useClaimGuard'
import { toErrorInfo, type ErrorInfo } from '../../../i18n/errors'
import { KeypadEntry } from './KeypadEntry'
import { keepOnTyping, isBlocked } from './passwordErrors'

type Phase = 'old' | 'new' | 'confirm' | 'ready' | 'blocked'

export interface ChangePasswordProps {
  onDone: () => void
  onCancel: () => void
  /** To the reset (forgotten password) flow, offered when the password is locked or was never set here. */
  onForgot: () => void
}

/**
 * Change the card password: the current one, then the new one twice, all on the secure keypad.
 * The new one meets the claim's rules before anything is sent; both travel SM2-encrypted.
 */
export function ChangePassword({ onDone, onCancel, onForgot }: ChangePasswordProps) {
  const { t } = useI18n()
  const [phase, setPhase] = useState<Phase>('old')
  // Each entry gets a fresh keypad (a new key remounts it).
  const [round, setRound] = useState(0)
  const [error, setError] = useState<ErrorInfo | null>(null)
  // The digits live in refs only, and are dropped once sent or when this flow closes.
  const oldPassword = useRef('')
  const newPassword = useRef('')
  const forget = () => {
    oldPassword.current = ''
    newPassword.current = ''
  }
  useEffect(() => forget, [])

  const goTo = (next: Phase, why: ErrorInfo | null = null) => {
    setPhase(next)
    setRound((n) => n + 1)
    setError(why)
  }

  const onEntry = (value: string) => {
    if (phase === 'old') {
      oldPassword.current = value
      goTo('new')
    } else if (phase === 'new' || phase === 'confirm') {
      const refusal = refuseNewPasswordEntry(phase === 'new' ? 'first' : 'second', value, newPassword.current)
      if (refusal) {
        newPassword.current = ''
        goTo('new', refusal)
      } else if (phase === 'new') {
        newPassword.current = value
        goTo('confirm')
      } else {
        goTo('ready')
      }
    }
  }

  const submit = useSingleFlight(async () => {
    if (phase !== 'ready' || oldPassword.current.length !== PASSWORD_LENGTH || newPassword.current.length !== PASSWORD_LENGTH) return
    setError(null)
    try {
      await changeCardPassword(oldPassword.current, newPassword.current)
      forget()
      onDone()
    } catch (e) {
      const info = toErrorInfo(e)
      if (await leaveOnSessionError(info.code)) return
      if (isBlocked(info)) {
        forget()
        goTo('blocked', info)
      } else if (info.code === 'PASSWORD_WRONG' || info.code === 'PASSWORD_DECRYPT_FAILED') {
        forget()
        goTo('old', info)
      } else if (info.code === 'WEAK_PASSWORD') {
        newPassword.current = ''
        goTo('new', info)
      } else {
        // Transient or unexpected: the entries stay, Change tries again.
        setError(info)
      }
    }
  })

  const titles: Record<Exclude<Phase, 'ready' | 'blocked'>, string> = {
    old: t('settings.oldTitle'),
    new: t('settings.newTitle'),
    confirm: t('settings.confirmTitle'),
  }

  return (
    <View className="settings__flow" data-testid="settings-change-flow" data-phase={phase}>
      {phase === 'ready' ? (
        <View className="white-card settings__entry" data-testid="settings-password-entry" data-phase="ready">
          <Text className="settings__entry-title" data-testid="settings-password-title">
            {t('settings.readyTitle')}
          </Text>
          <PasswordDots filled={PASSWORD_LENGTH} />
          <View className="settings__entry-links">
            <TextLink
              testId="settings-password-restart"
              onClick={() => {
                forget()
                goTo('old')
              }}
            >
              {t('settings.reenter')}
            </TextLink>
          </View>
        </View>
      ) : phase === 'blocked' ? null : (
        <KeypadEntry
          key={round}
          phase={phase}
          title={titles[phase]}
          hint={phase === 'old' ? undefined : t('password.hint')}
          onComplete={onEntry}
          onStart={() => setError((e) => (e && keepOnTyping(e) ? e : null))}
        />
      )}

      {error ? (
        <ErrorNotice error={error}>
          {isBlocked(error) ? (
            <TextLink testId="settings-locked-reset" onClick={onForgot}>
              {t('settings.lockedReset')}
            </TextLink>
          ) : null}
        </ErrorNotice>
      ) : null}

      <FixedFooter>
        <PrimaryButton testId="password-change-submit" disabled={phase !== 'ready'} loading={submit.pending} onClick={() => void submit.run()}>
          {t('settings.changeSubmit')}
        </PrimaryButton>
        <PrimaryButton testId="settings-cancel" variant="secondary" onClick={onCancel}>
          {t('settings.cancel')}
        </PrimaryButton>
      </FixedFooter>
    </View>
  )
}

export default ChangePassword
