import { useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { StepBar } from '../../../components/StepBar'
import { ErrorNotice } from '../../../components/ErrorNotice'
import { LoadingState } from '../../../components/StateViews'
import { FixedFooter, PrimaryButton } from '../../../components/FixedFooter'
import { Notice } from '../../../components/Notice'
import { TextLink } from '../../../components/TextLink'
import { PasswordDots } from '../../../components/PasswordDots'
import { SecureKeypad } from '../../../components/SecureKeypad'
import { issueCard, setCardPassword, type ClaimT } from '../../../services/api'
import { refuseNewPasswordEntry, PASSWORD_LENGTH } from '../../../domain/password'
import { useI18n } from '../../../hooks/useI18n'
import { usePageTitle } from '../../../hooks/usePageTitle'
import { useSingleFlight } from '../../../hooks/useSingleFlight'
import { useAsyncData, LEAVING } from '../../../hooks/useAsyncData'
import { guardClaim, leaveOnSessionError } from '../../../hooks/useClaimGuard'
import { redirectTo } from '../../../hooks/navigation'
import { toErrorInfo, type ErrorInfo, isTransient } from '../../../i18n/errors'
import { issuanceKey, forgetIssuanceKey } from './issueKey'
import './index.scss'

type Phase = 'set' | 'confirm' | 'ready'

/** Server refusals after which the person must choose the password again. */
const REENTER = new Set(['WEAK_PASSWORD', 'PASSWORD_DECRYPT_FAILED'])

/** Step 9: the card password, entered twice on our own keypad, then Finish issues the card. */
export default function PasswordPage() {
  const { t } = useI18n()
  usePageTitle('nav.password')
  const [phase, setPhase] = useState<Phase>('set')
  const [entry, setEntry] = useState('')
  const [keypadOpen, setKeypadOpen] = useState(true)
  // Every opening of the keypad gets a fresh layout: the key remounts it.
  const [keypadSession, setKeypadSession] = useState(0)
  const [error, setError] = useState<ErrorInfo | null>(null)
  const [passwordSent, setPasswordSent] = useState(false)
  // The digits live in refs, never in logs or the DOM, and are dropped once sent.
  const firstEntry = useRef('')
  const confirmed = useRef('')

  const data = useAsyncData<ClaimT>(async () => {
    try {
      return await guardClaim('password')
    } catch (e) {
      if (await leaveOnSessionError(toErrorInfo(e).code)) return LEAVING
      throw e
    }
  })

  const alreadySet = passwordSent || (data.state.status === 'ready' && data.state.data.state === 'password_set')

  const openKeypad = () => {
    if (phase === 'ready' || alreadySet) return
    if (!keypadOpen) {
      setKeypadSession((n) => n + 1)
      setKeypadOpen(true)
    }
  }

  const restart = (why: ErrorInfo | null) => {
    firstEntry.current = ''
    confirmed.current = ''
    setEntry('')
    setPhase('set')
    setError(why)
    setKeypadSession((n) => n + 1)
    setKeypadOpen(true)
  }

  const onEntryChange = (next: string) => {
    if (next.length === 1 && error) setError(null)
    setEntry(next)
  }

  const onEntryComplete = (value: string) => {
    if (phase === 'set') {
      const refusal = refuseNewPasswordEntry('first', value)
      if (refusal) {
        setEntry('')
        setError(refusal)
        return
      }
      firstEntry.current = value
      setEntry('')
      setPhase('confirm')
      setKeypadSession((n) => n + 1)
      return
    }
    if (phase === 'confirm') {
      const refusal = refuseNewPasswordEntry('second', value, firstEntry.current)
      if (refusal) {
        restart(refusal)
        return
      }
      confirmed.current = value
      firstEntry.current = ''
      setEntry('')
      setPhase('ready')
      setKeypadOpen(false)
    }
  }

  const finish = useSingleFlight(async () => {
    setError(null)
    try {
      if (!alreadySet) {
        const password = confirmed.current
        if (password.length !== PASSWORD_LENGTH) return
        await setCardPassword(password)
        confirmed.current = ''
        setPasswordSent(true)
      }
      try {
        await issueCard(issuanceKey())
      } catch (e) {
        // Issued before (another device, or an answer lost on the way): the card is there.
        if (toErrorInfo(e).code !== 'ECARD_EXISTS') throw e
      }
      forgetIssuanceKey()
      await redirectTo('card')
    } catch (e) {
      const info = toErrorInfo(e)
      if (await leaveOnSessionError(info.code)) return
      if (REENTER.has(info.code)) {
        restart(info)
        return
      }
      setError(info)
      if (info.code === 'STEP_OUT_OF_ORDER') data.reload()
    }
  })

  let body
  if (data.state.status === 'loading') body = <LoadingState />
  else if (data.state.status === 'error') body = <ErrorNotice error={data.state.error} onRetry={data.reload} />
  else {
    const title = phase === 'set' ? t('password.setTitle') : phase === 'confirm' ? t('password.confirmTitle') : t('password.readyTitle')
    body = (
      <>
        {alreadySet ? (
          <Notice testId="password-already-set" tone="info" message={t('password.alreadySet')} />
        ) : (
          <View className="white-card password__entry" data-testid="password-entry" data-phase={phase}>
            <Text className="password__title" data-testid="password-title">
              {title}
            </Text>
            <PasswordDots filled={phase === 'ready' ? PASSWORD_LENGTH : entry.length} active={keypadOpen && phase !== 'ready'} onClick={openKeypad} />
            {phase === 'ready' ? (
              <View className="password__ready">
                <Text className="muted">{t('password.readyHint')}</Text>
                <TextLink testId="password-restart" onClick={() => restart(null)}>
                  {t('password.restart')}
                </TextLink>
              </View>
            ) : (
              <Text className="password__hint muted" onClick={openKeypad}>
                {keypadOpen ? t('password.hint') : t('password.openKeypad')}
              </Text>
            )}
          </View>
        )}

        {/* A lost answer (5xx, timeout) is retried with the same Idempotency-Key: still one card. */}
        {error ? <ErrorNotice error={error} onRetry={isTransient(error.code) ? () => void finish.run() : undefined} retrying={finish.pending} /> : null}

        <FixedFooter>
          <PrimaryButton testId="password-finish" disabled={!(alreadySet || phase === 'ready')} loading={finish.pending} onClick={() => void finish.run()}>
            {t('password.finish')}
          </PrimaryButton>
        </FixedFooter>

        <SecureKeypad
          key={keypadSession}
          visible={keypadOpen && phase !== 'ready' && !alreadySet}
          value={entry}
          onChange={onEntryChange}
          onComplete={onEntryComplete}
          onHide={() => setKeypadOpen(false)}
        />
      </>
    )
  }

  return (
    <View className="page password" data-step="password">
      <StepBar current="password" />
      {body}
    </View>
  )
}
