import { useEffect, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { AppButton } from '../../../components/AppButton'
import Taro, { useRouter } from '@tarojs/taro'
import { StepBar } from '../../../components/StepBar'
import { ErrorNotice } from '../../../components/ErrorNotice'
import { CameraPreview } from '../../../components/CameraPreview'
import { completeMockCertification } from '../../../services/api/mock'
import type { FaceOutcome } from '../../../services/api'
import { FACE_HANDOFF_EVENT } from '../../../services/platform/h5'
import type { FaceHandoffResult } from '../../../services/platform'
import { useI18n } from '../../../hooks/useI18n'
import { usePageTitle } from '../../../hooks/usePageTitle'
import { useSingleFlight } from '../../../hooks/useSingleFlight'
import { canGoBack, navigateBack, redirectTo } from '../../../hooks/navigation'
import { useScreenReady } from '../../../hooks/useScreenReady'
import { toErrorInfo, type ErrorInfo } from '../../../i18n/errors'
import './index.scss'

function safeDecode(value: string | undefined): string {
  if (!value) return ''
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/**
 * What the verification is for: the claim (step 8), or the issued card's password reset or unbinding
 * (`purpose=reset|unbind`, from the card-settings page). This page has no claim guard — the server's
 * certification session is what it acts on — so the card's verifications pass through it without
 * touching the claim; the purpose only decides the step bar and where a reload returns to.
 */
type FacePurpose = 'claim' | 'reset' | 'unbind'

function purposeOf(value: string | undefined): FacePurpose {
  return value === 'reset' || value === 'unbind' ? value : 'claim'
}

function handOff(result: FaceHandoffResult) {
  Taro.eventCenter.trigger(FACE_HANDOFF_EVENT, result)
}

/**
 * Step 8, H5 only: the stand-in for the platform's face screen. The QA buttons tell the mock server
 * the outcome, then hand control back to the verify page (which asks the server whether it passed).
 */
export default function FacePage() {
  const { t } = useI18n()
  usePageTitle('nav.face')
  const { params } = useRouter()
  const certifyId = safeDecode(params.certifyId)
  const purpose = purposeOf(params.purpose)
  const returnTo = purpose === 'claim' ? 'verify' : 'cardSettings'
  const [error, setError] = useState<ErrorInfo | null>(null)
  const settled = useRef(false)
  useScreenReady('face')

  // Leaving without an outcome (system back) counts as cancelling, so the verify page never waits forever.
  useEffect(
    () => () => {
      if (!settled.current) handOff('cancelled')
    },
    [],
  )

  const finish = useSingleFlight(async (outcome: FaceOutcome) => {
    if (!certifyId) return
    setError(null)
    try {
      await completeMockCertification(certifyId, outcome)
    } catch (e) {
      setError(toErrorInfo(e))
      return
    }
    settled.current = true
    const result: FaceHandoffResult = outcome === 'cancel' ? 'cancelled' : 'completed'
    if (canGoBack()) {
      // Back first, then hand off: the verify page is showing again when it navigates on.
      try {
        await navigateBack()
      } finally {
        handOff(result)
      }
    } else {
      // Reloaded onto this page: nobody is waiting; the verify page resumes from the server's state.
      handOff(result)
      await redirectTo(returnTo)
    }
  }, 'face-finish')

  return (
    <View className="page face" data-step="face" data-purpose={purpose}>
      {purpose === 'claim' ? <StepBar current="face" /> : null}
      {!certifyId ? (
        <ErrorNotice error={{ code: 'CERTIFY_NOT_FOUND' }}>
          <AppButton className="face__back" testId="face-back" size="mini" onClick={() => void redirectTo(returnTo)}>
            {purpose === 'claim' ? t('nav.verify') : t('nav.cardSettings')}
          </AppButton>
        </ErrorNotice>
      ) : (
        <>
          <View className="face__stage">
            <CameraPreview label={t('face.cameraLabel')} unavailableText={t('face.noCamera')} />
            <Text className="face__prompt" data-testid="face-prompt" aria-live="polite">
              {t('face.prompt')}
            </Text>
            <Text className="face__hint">{t('face.hint')}</Text>
          </View>

          {error ? <ErrorNotice error={error} /> : null}

          <View className="white-card face__qa" data-testid="face-qa">
            <Text className="face__qa-title">{t('face.qaTitle')}</Text>
            <Text className="muted">{t('face.simulatorNote')}</Text>
            <View className="face__qa-buttons">
              <AppButton className="face__qa-btn face__qa-btn--pass" testId="face-pass" disabled={finish.pending} loading={finish.pending} onClick={() => void finish.run('pass')}>
                {t('face.pass')}
              </AppButton>
              <AppButton className="face__qa-btn face__qa-btn--fail" testId="face-fail" disabled={finish.pending} onClick={() => void finish.run('fail')}>
                {t('face.fail')}
              </AppButton>
              <AppButton className="face__qa-btn" testId="face-cancel" disabled={finish.pending} onClick={() => void finish.run('cancel')}>
                {t('face.cancel')}
              </AppButton>
            </View>
          </View>
        </>
      )}
    </View>
  )
}
