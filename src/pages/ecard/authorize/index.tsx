import { useEffect, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { StepBar } from '../../../components/StepBar'
import { PageOfflineBanner } from '../../../components/OfflineBanner'
import { ErrorNotice } from '../../../components/ErrorNotice'
import { FixedFooter, PrimaryButton } from '../../../components/FixedFooter'
import { getAgreement, getClaim, type AgreementT } from '../../../services/api'
import { signIn } from '../../../services/session'
import { handOver } from '../../../services/handover'
import { resumePage } from '../../../flow/claimFlow'
import { useI18n } from '../../../hooks/useI18n'
import { usePageTitle } from '../../../hooks/usePageTitle'
import { useSingleFlight } from '../../../hooks/useSingleFlight'
import { useScreenReady } from '../../../hooks/useScreenReady'
import { backTo, redirectTo } from '../../../hooks/navigation'
import { toErrorInfo, type ErrorInfo } from '../../../i18n/errors'
import type { MessageKey } from '../../../i18n'
import './index.scss'

const SCOPES: Array<{ id: string; key: MessageKey }> = [
  { id: 'name', key: 'auth.scopeName' },
  { id: 'id-number', key: 'auth.scopeIdNumber' },
  { id: 'region', key: 'auth.scopeRegion' },
  { id: 'face', key: 'auth.scopeFace' },
]

/** Step 5: Alipay's authorization sheet; agreeing signs in and resumes the claim where the server has it. */
export default function AuthorizePage() {
  const { t } = useI18n()
  usePageTitle('nav.authorize')
  const [error, setError] = useState<ErrorInfo | null>(null)
  useScreenReady('authorize')

  // The agreement is public: it is read while the person looks at this sheet, so the next screen
  // has it in hand. A failure here is forgotten; the confirm page then reads it itself.
  const agreement = useRef<Promise<AgreementT | undefined> | null>(null)
  useEffect(() => {
    agreement.current = Promise.resolve()
      .then(getAgreement)
      .catch(() => undefined)
  }, [])

  const agree = useSingleFlight(async () => {
    setError(null)
    try {
      // One round trip: the gateway answers the sign-in with the claim (where to go) and the
      // person's record (what the confirm page, where most people go, shows). Reading the person in
      // a later state changes nothing. A gateway that ignores `include` is asked the old way.
      const signedIn = (await signIn(['person', 'claim'])) || {}
      const claim = signedIn.claim ?? (await getClaim())
      const page = resumePage(claim.state)
      const person = signedIn.person
      if (page === 'confirm' && person) {
        handOver('person', person)
        const read = await agreement.current
        if (read) handOver('agreement', read)
      }
      handOver('claim', claim)
      await redirectTo(page)
    } catch (e) {
      setError(toErrorInfo(e))
    }
  }, 'authorize-agree')

  // Nothing has been stored before the person agrees, so cancelling just goes back.
  const cancel = () => {
    if (!agree.pending) void backTo('socialSecurity')
  }

  return (
    <View className="page authorize" data-step="authorize">
      <PageOfflineBanner />
      <StepBar current="authorize" />

      <View className="white-card authorize__sheet" data-testid="authorize-sheet">
        <View className="authorize__who">
          <View className="authorize__logo" aria-hidden="true">
            <Text>社</Text>
          </View>
          <View className="authorize__who-text">
            <Text className="authorize__requester" data-testid="authorize-requester">
              {t('auth.requester')}
            </Text>
            <Text className="muted">{t('auth.requesterDesc')}</Text>
          </View>
        </View>
        <Text className="authorize__asks">{t('auth.asks')}</Text>
        <View className="authorize__scopes" role="list" data-testid="authorize-scopes">
          {SCOPES.map((scope) => (
            <View key={scope.id} className="authorize__scope" role="listitem" data-scope={scope.id}>
              <View className="authorize__dot" aria-hidden="true" />
              <Text>{t(scope.key)}</Text>
            </View>
          ))}
        </View>
        <Text className="authorize__note muted">{t('auth.note')}</Text>
      </View>

      {error ? <ErrorNotice error={error} /> : null}

      <FixedFooter>
        <PrimaryButton testId="authorize-agree" loading={agree.pending} onClick={() => void agree.run()}>
          {t('auth.agree')}
        </PrimaryButton>
        <PrimaryButton testId="authorize-cancel" variant="secondary" disabled={agree.pending} ariaLabel={t('auth.cancelLabel')} onClick={cancel}>
          {t('auth.cancel')}
        </PrimaryButton>
      </FixedFooter>
    </View>
  )
}
