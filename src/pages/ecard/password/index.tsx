import { useEffect, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { StepBar } from '../../../components/StepBar'
import { PageOfflineBanner } from '../../../components/OfflineBanner'
import { ErrorNotice } from '../../../components/ErrorNotice'
import { LoadingState } from '../../../components/StateViews'
import { FixedFooter, PrimaryButton } from '../../../components/FixedFooter'
import { Notice } from '../../../components/Notice'
import { TextLink } from '../../../components/TextLink'
import { PasswordDots } from '../../../components/PasswordDots'
import { SecureKeypad } from '../../../components/SecureKeypad'
import { issueCard, prefetchPublicKey, setCardPassword, type CardT, type ClaimT } from '../../../services/api'
import { handOver } from '../../../services/handover'
import { refuseNewPasswordEntry, PASSWORD_LENGTH } from '../../../domain/password'
import { useI18n } from '../../../hooks/useI18n'
import { usePageTitle } from '../../../hooks/usePageTitle'
import { useSingleFlight } from '../../../hooks/useSingleFlight'
import { useAsyncData, LEAVING } from '../../../hooks/useAsyncData'
import { guardClaim, leaveOnSessionError } from '../../../hooks/useClaimGuard'
import { redirectTo } from '../../../hooks/navigation'
import { useScreenReady } from '../../../hooks/useScreenReady'
import { toErrorInfo, type ErrorInfo, isTransient } from '../../../i18n/errors'
import { issuanceKey, forgetIssuanceKey } from './issueKey'
import './index.scss'

type Phase = 'set' | 'confirm' | 'ready'

/** Server refusals after which the person must choose the password again. */
const REENTER = new Set(['WEAK_PASSWORD', 'PASSWORD_DECRYPT_FAILED'])

/**
 * Step 9: the card password, entered twice on our own keypad. The second entry, once it matches,
 * sends the password (as Alipay's keypads commit on the last digit); Finish then issues the card,
 * so each of the two waits is one round trip. Choosing again before Finish simply replaces it on
 * the server (the claim allows it until issuance).
 */
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

  // Before any hook that starts a background request: the screen's wait ends here.
  useScreenReady('password', data.state.status !== 'loading')

  /** The server had the password before this visit: nothing to enter, Finish only issues. */
  const setBefore = data.state.status === 'ready' && data.state.data.state === 'password_set'
  // Read inside actions, where the state above may be a render behind.
  const saved = useRef(false)

  // The server's public key is read while the person types, so sending the password is one round trip.
  const loaded = data.state.status === 'ready'
  useEffect(() => {
    if (loaded) prefetchPublicKey().catch(() => undefined)
  }, [loaded])

  const openKeypad = () => {
    if (phase === 'ready' || setBefore) return
    if (!keypadOpen) {
      setKeypadSession((n) => n + 1)
      setKeypadOpen(true)
    }
  }

  const restart = (why: ErrorInfo | null) => {
    firstEntry.current = ''
    confirmed.current = ''
    // A new password will be sent in place of the one the server may have.
    saved.current = false
    setPasswordSent(false)
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
      void sendOnce()
    }
  }

  /** Sends the confirmed password; true once the server has it. Errors are shown here. */
  const sendPassword = async (): Promise<boolean> => {
    const password = confirmed.current
    if (password.length !== PASSWORD_LENGTH) return false
    try {
      await setCardPassword(password)
      confirmed.current = ''
      saved.current = true
      setPasswordSent(true)
      return true
    } catch (e) {
      const info = toErrorInfo(e)
      if (await leaveOnSessionError(info.code)) return false
      if (REENTER.has(info.code)) restart(info)
      else {
        setError(info)
        if (info.code === 'STEP_OUT_OF_ORDER') data.reload()
      }
      return false
    }
  }

  const send = useSingleFlight(async () => {
    setError(null)
    await sendPassword()
  }, 'password-entered')
  // Finish tapped while the password is on its way waits for that answer instead of sending again.
  const sending = useRef<Promise<void> | null>(null)
  const sendOnce = () => {
    sending.current ??= send.run().finally(() => {
      sending.current = null
    })
    return sending.current
  }

  const finish = useSingleFlight(async () => {
    if (sending.current) await sending.current
    setError(null)
    try {
      // The password's own send failed (a 5xx, a lost connection): Finish sends it first.
      if (!saved.current && !setBefore && !(await sendPassword())) return
      let card: CardT | undefined
      try {
        card = await issueCard(issuanceKey())
      } catch (e) {
        // Issued before (another device, or an answer lost on the way): the card is there.
        if (toErrorInfo(e).code !== 'ECARD_EXISTS') throw e
      }
      forgetIssuanceKey()
      // The card page shows this answer instead of asking for it again.
      if (card) handOver('card', card)
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
  }, 'password-finish')

  let body
  if (data.state.status === 'loading') body = <LoadingState />
  else if (data.state.status === 'error') body = <ErrorNotice error={data.state.error} onRetry={data.reload} />
  else {
    const title = phase === 'set' ? t('password.setTitle') : phase === 'confirm' ? t('password.confirmTitle') : t('password.readyTitle')
    body = (
      <>
        {setBefore ? (
          <Notice testId="password-already-set" tone="info" message={t('password.alreadySet')} />
        ) : (
          <View className="white-card password__entry" data-testid="password-entry" data-phase={phase} data-saved={passwordSent ? 'true' : 'false'}>
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
          <PrimaryButton testId="password-finish" disabled={!(setBefore || phase === 'ready')} loading={finish.pending} onClick={() => void finish.run()}>
            {t('password.finish')}
          </PrimaryButton>
        </FixedFooter>

        <SecureKeypad
          key={keypadSession}
          visible={keypadOpen && phase !== 'ready' && !setBefore}
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
      <PageOfflineBanner />
      <StepBar current="password" />
      {body}
    </View>
  )
}
