import { useEffect, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { ErrorNotice } from '../../../components/ErrorNotice'
import { FixedFooter, PrimaryButton } from '../../../components/FixedFooter'
import { Notice } from '../../../components/Notice'
import { PasswordDots } from '../../../components/PasswordDots'
import { TextLink } from '../../../components/TextLink'
import { resetCardPassword, startPasswordResetCertification } from '../../../services/api'
import { refuseNewPasswordEntry, PASSWORD_LENGTH } from '../../../domain/password'
import { useI18n } from '../../../hooks/useI18n'
import { useSingleFlight } from '../../../hooks/useSingleFlight'
import { leaveOnSessionError } from '../../../hooks/useClaimGuard'
import { toErrorInfo, type ErrorInfo } from '../../../i18n/errors'
import { KeypadEntry } from './KeypadEntry'
import { verifyFaceFor } from './faceCheck'
import { needsNewFace } from './passwordErrors'

type Phase = 'face' | 'new' | 'confirm' | 'ready'

export interface ResetPasswordProps {
  onDone: () => void
  onCancel: () => void
}

/**
 * Reset a forgotten card password: face verification first (a certification of purpose reset,
 * handed off to the platform and queried), then the new password twice. Clears a lock.
 */
export function ResetPassword({ onDone, onCancel }: ResetPasswordProps) {
  const { t } = useI18n()
  const [phase, setPhase] = useState<Phase>('face')
  const [round, setRound] = useState(0)
  const [error, setError] = useState<ErrorInfo | null>(null)
  const certifyId = useRef<string | null>(null)
  const newPassword = useRef('')
  useEffect(
    () => () => {
      newPassword.current = ''
      certifyId.current = null
    },
    [],
  )

  const goTo = (next: Phase, why: ErrorInfo | null = null) => {
    setPhase(next)
    setRound((n) => n + 1)
    setError(why)
  }

  const verify = useSingleFlight(async () => {
    setError(null)
    try {
      const result = await verifyFaceFor('reset', startPasswordResetCertification)
      if (!result.passed) {
        setError(result.error)
        return
      }
      certifyId.current = result.certifyId
      goTo('new')
    } catch (e) {
      const info = toErrorInfo(e)
      if (await leaveOnSessionError(info.code)) return
      setError(info)
    }
  })

  const onEntry = (value: string) => {
    if (phase === 'new' || phase === 'confirm') {
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
    const id = certifyId.current
    if (phase !== 'ready' || !id || newPassword.current.length !== PASSWORD_LENGTH) return
    setError(null)
    try {
      await resetCardPassword(id, newPassword.current)
      newPassword.current = ''
      certifyId.current = null
      onDone()
    } catch (e) {
      const info = toErrorInfo(e)
      if (await leaveOnSessionError(info.code)) return
      if (needsNewFace(info)) {
        newPassword.current = ''
        certifyId.current = null
        goTo('face', info)
      } else if (info.code === 'WEAK_PASSWORD' || info.code === 'PASSWORD_DECRYPT_FAILED') {
        newPassword.current = ''
        goTo('new', info)
      } else {
        setError(info)
      }
    }
  })

  let body
  if (phase === 'face') {
    body = (
      <View className="white-card settings__intro" data-testid="reset-intro">
        <View className="settings__face-icon" aria-hidden="true">
          <View className="settings__face-inner" />
        </View>
        <Text className="settings__intro-text">{t('settings.resetIntro')}</Text>
      </View>
    )
  } else if (phase === 'ready') {
    body = (
      <View className="white-card settings__entry" data-testid="settings-password-entry" data-phase="ready">
        <Text className="settings__entry-title" data-testid="settings-password-title">
          {t('settings.readyTitle')}
        </Text>
        <PasswordDots filled={PASSWORD_LENGTH} />
        <View className="settings__entry-links">
          <TextLink
            testId="settings-password-restart"
            onClick={() => {
              newPassword.current = ''
              goTo('new')
            }}
          >
            {t('settings.reenter')}
          </TextLink>
        </View>
      </View>
    )
  } else {
    body = (
      <KeypadEntry
        key={round}
        phase={phase}
        title={phase === 'new' ? t('settings.newTitle') : t('settings.confirmTitle')}
        hint={t('password.hint')}
        onComplete={onEntry}
        onStart={() => setError(null)}
      />
    )
  }

  return (
    <View className="settings__flow" data-testid="settings-reset-flow" data-phase={phase}>
      {phase !== 'face' ? <Notice testId="settings-face-passed" tone="success" message={t('settings.facePassed')} /> : null}
      {body}
      {error ? <ErrorNotice error={error} /> : null}
      <FixedFooter>
        {phase === 'face' ? (
          <PrimaryButton testId="reset-face-start" loading={verify.pending} onClick={() => void verify.run()}>
            {t('settings.faceStart')}
          </PrimaryButton>
        ) : (
          <PrimaryButton testId="password-reset-submit" disabled={phase !== 'ready'} loading={submit.pending} onClick={() => void submit.run()}>
            {t('settings.resetSubmit')}
          </PrimaryButton>
        )}
        <PrimaryButton testId="settings-cancel" variant="secondary" onClick={onCancel}>
          {t('settings.cancel')}
        </PrimaryButton>
      </FixedFooter>
    </View>
  )
}

export default ResetPassword
