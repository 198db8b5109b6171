import { useEffect, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { ErrorNotice } from '../../../components/ErrorNotice'
import { FixedFooter, PrimaryButton } from '../../../components/FixedFooter'
import { ListCell, CellGroup } from '../../../components/ListCell'
import { Notice } from '../../../components/Notice'
import { startUnbindCertification, unbindCard, type UnbindProof } from '../../../services/api'
import { useI18n } from '../../../hooks/useI18n'
import { useSingleFlight } from '../../../hooks/useSingleFlight'
import { leaveOnSessionError } from '../../../hooks/useClaimGuard'
import { toErrorInfo, type ErrorInfo } from '../../../i18n/errors'
import { KeypadEntry } from './KeypadEntry'
import { verifyFaceFor } from './faceCheck'
import { isBlocked, keepOnTyping, needsNewFace } from './passwordErrors'

type Phase = 'choose' | 'password' | 'face' | 'confirm'

export interface UnbindProps {
  /** The card is unbound on the server. */
  onUnbound: () => void
  onCancel: () => void
}

/**
 * Unbind the card: the holder proves it is them (the card password, or a face verification of
 * purpose unbind), reads what unbinding means, and confirms. The server then ends the card, its QR
 * codes and its password, and starts the claim over.
 */
export function Unbind({ onUnbound, onCancel }: UnbindProps) {
  const { t } = useI18n()
  const [phase, setPhase] = useState<Phase>('choose')
  const [round, setRound] = useState(0)
  const [error, setError] = useState<ErrorInfo | null>(null)
  // The proof (the password, or a passed certification) waits here for the confirmation; memory only.
  const proof = useRef<UnbindProof | null>(null)
  useEffect(
    () => () => {
      proof.current = null
    },
    [],
  )

  const goTo = (next: Phase, why: ErrorInfo | null = null) => {
    if (next !== 'confirm') proof.current = null
    setPhase(next)
    setRound((n) => n + 1)
    setError(why)
  }

  const verify = useSingleFlight(async () => {
    setError(null)
    try {
      const result = await verifyFaceFor('unbind', startUnbindCertification)
      if (!result.passed) {
        setError(result.error)
        return
      }
      goTo('confirm')
      proof.current = { method: 'face', certifyId: result.certifyId }
    } catch (e) {
      const info = toErrorInfo(e)
      if (await leaveOnSessionError(info.code)) return
      setError(info)
    }
  })

  const confirm = useSingleFlight(async () => {
    const given = proof.current
    if (phase !== 'confirm' || !given) return
    setError(null)
    try {
      await unbindCard(given)
      proof.current = null
      onUnbound()
    } catch (e) {
      const info = toErrorInfo(e)
      if (await leaveOnSessionError(info.code)) return
      if (isBlocked(info)) goTo('choose', info)
      else if (info.code === 'PASSWORD_WRONG' || info.code === 'PASSWORD_DECRYPT_FAILED') goTo('password', info)
      else if (needsNewFace(info)) goTo('face', info)
      else setError(info)
    }
  })

  let body
  if (phase === 'choose') {
    body = (
      <>
        <Text className="settings__lead">{t('settings.unbindIntro')}</Text>
        <CellGroup testId="unbind-methods">
          <ListCell testId="unbind-method-password" glyph="密" color="#1677ff" title={t('settings.unbindByPassword')} onClick={() => goTo('password')} />
          <ListCell testId="unbind-method-face" glyph="脸" color="#00b578" title={t('settings.unbindByFace')} onClick={() => goTo('face')} />
        </CellGroup>
      </>
    )
  } else if (phase === 'password') {
    body = (
      <KeypadEntry
        key={round}
        phase="unbind"
        title={t('settings.unbindPasswordTitle')}
        onComplete={(value) => {
          goTo('confirm')
          proof.current = { method: 'password', password: value }
        }}
        onStart={() => setError((e) => (e && keepOnTyping(e) ? e : null))}
      />
    )
  } else if (phase === 'face') {
    body = (
      <View className="white-card settings__intro" data-testid="unbind-face-intro">
        <View className="settings__face-icon" aria-hidden="true">
          <View className="settings__face-inner" />
        </View>
        <Text className="settings__intro-text">{t('settings.unbindByFace')}</Text>
      </View>
    )
  } else {
    body = <Notice testId="unbind-warning" tone="warning" title={t('settings.unbindConfirmTitle')} message={t('settings.unbindConfirmBody')} />
  }

  return (
    <View className="settings__flow" data-testid="settings-unbind-flow" data-phase={phase}>
      {body}
      {error ? <ErrorNotice error={error} /> : null}
      <FixedFooter>
        {phase === 'face' ? (
          <PrimaryButton testId="unbind-face-start" loading={verify.pending} onClick={() => void verify.run()}>
            {t('settings.faceStart')}
          </PrimaryButton>
        ) : null}
        {phase === 'confirm' ? (
          <PrimaryButton testId="unbind-confirm" loading={confirm.pending} onClick={() => void confirm.run()}>
            {t('settings.unbindConfirm')}
          </PrimaryButton>
        ) : null}
        <PrimaryButton testId="settings-cancel" variant="secondary" onClick={onCancel}>
          {t('settings.cancel')}
        </PrimaryButton>
      </FixedFooter>
    </View>
  )
}

export default Unbind
