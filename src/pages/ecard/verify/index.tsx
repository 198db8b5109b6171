import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { StepBar } from '../../../components/StepBar'
import { PageOfflineBanner } from '../../../components/OfflineBanner'
import { ErrorNotice } from '../../../components/ErrorNotice'
import { LoadingState } from '../../../components/StateViews'
import { FixedFooter, PrimaryButton } from '../../../components/FixedFooter'
import { CheckRow } from '../../../components/CheckRow'
import { Notice } from '../../../components/Notice'
import { queryCertification, startCertification, type ClaimT } from '../../../services/api'
import { platform } from '../../../services/platform'
import { useI18n } from '../../../hooks/useI18n'
import { usePageTitle } from '../../../hooks/usePageTitle'
import { useSingleFlight } from '../../../hooks/useSingleFlight'
import { useAsyncData, LEAVING } from '../../../hooks/useAsyncData'
import { guardClaim, leaveOnSessionError } from '../../../hooks/useClaimGuard'
import { navigateTo, redirectTo } from '../../../hooks/navigation'
import { useScreenReady } from '../../../hooks/useScreenReady'
import { handOver } from '../../../services/handover'
import { toErrorInfo, type ErrorInfo } from '../../../i18n/errors'
import './index.scss'

/** Step 7: the face-verification consent, then the hand-off to the platform's face screen. */
export default function VerifyPage() {
  const { t } = useI18n()
  usePageTitle('nav.verify')
  const [consent, setConsent] = useState(false)
  const [error, setError] = useState<ErrorInfo | null>(null)

  const data = useAsyncData<ClaimT>(async () => {
    try {
      const claim = await guardClaim('verify')
      if (claim === LEAVING) return LEAVING
      if (claim.state === 'certifying' && claim.certifyId) {
        // Back from the face step after a reload: ask once, quietly, whether it passed.
        try {
          const result = await queryCertification(claim.certifyId)
          if (result.passed === 'T') {
            handOver('claim', result.claim)
            await redirectTo('password')
            return LEAVING
          }
          return result.claim
        } catch {
          return claim
        }
      }
      return claim
    } catch (e) {
      if (await leaveOnSessionError(toErrorInfo(e).code)) return LEAVING
      throw e
    }
  })

  useScreenReady('verify', data.state.status !== 'loading')
  const certified = data.state.status === 'ready' && data.state.data.state === 'certified'

  const start = useSingleFlight(async () => {
    if (!consent && !certified) return
    setError(null)
    try {
      if (certified) {
        await navigateTo('password')
        return
      }
      const session = await startCertification()
      const handoff = await platform.verifyFace({ certifyId: session.certifyId, certifyUrl: session.certifyUrl })
      let passed: 'T' | 'F'
      let failReason: string | null
      try {
        const result = await queryCertification(session.certifyId)
        passed = result.passed
        failReason = result.failReason
        data.setData(result.claim)
        // The password page guards itself with this answer instead of asking again.
        if (passed === 'T') handOver('claim', result.claim)
      } catch (e) {
        // Left the face screen before it finished: the server has no outcome to give.
        if (handoff === 'cancelled' && toErrorInfo(e).code === 'CERTIFY_PENDING') {
          setError({ code: 'CERTIFY_NOT_PASSED', reason: 'USER_CANCELLED' })
          return
        }
        throw e
      }
      if (passed === 'T') {
        await navigateTo('password')
        return
      }
      // The server cannot tell "left the face screen" from "never finished"; the platform can.
      const reason = handoff === 'cancelled' && (failReason === null || failReason === 'NOT_COMPLETED') ? 'USER_CANCELLED' : failReason ?? 'NOT_COMPLETED'
      setError({ code: 'CERTIFY_NOT_PASSED', reason })
    } catch (e) {
      const info = toErrorInfo(e)
      if (await leaveOnSessionError(info.code)) return
      setError(info)
    }
  }, 'verify-start')

  let body
  if (data.state.status === 'loading') body = <LoadingState />
  else if (data.state.status === 'error') body = <ErrorNotice error={data.state.error} onRetry={data.reload} />
  else {
    body = (
      <>
        <View className="verify__hero">
          <View className="verify__face-icon" aria-hidden="true">
            <View className="verify__face-inner" />
          </View>
          <Text className="verify__title">{t('verify.title')}</Text>
          <Text className="verify__intro">{t('verify.intro')}</Text>
        </View>

        {certified ? (
          <Notice testId="verify-certified" tone="success" message={t('verify.certified')} />
        ) : (
          <View className="white-card">
            <Text className="section-title">{t('verify.consentTitle')}</Text>
            <View className="verify__consent" data-testid="face-consent-text">
              {t('verify.consentBody')
                .split('\n')
                .map((line, i) => (
                  <Text key={i} className="verify__consent-line">
                    {line}
                  </Text>
                ))}
            </View>
            <CheckRow testId="consent-check" checked={consent} onChange={setConsent} ariaLabel={t('verify.check')}>
              <Text>{t('verify.check')}</Text>
            </CheckRow>
          </View>
        )}

        {error ? <ErrorNotice error={error} /> : null}

        <FixedFooter>
          <PrimaryButton testId="verify-start" disabled={!consent && !certified} loading={start.pending} onClick={() => void start.run()}>
            {certified ? t('verify.continue') : t('verify.start')}
          </PrimaryButton>
        </FixedFooter>
      </>
    )
  }

  return (
    <View className="page verify" data-step="verify">
      <PageOfflineBanner />
      <StepBar current="verify" />
      {body}
    </View>
  )
}
