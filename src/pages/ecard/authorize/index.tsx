import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { StepBar } from '../../../components/StepBar'
import { ErrorNotice } from '../../../components/ErrorNotice'
import { FixedFooter, PrimaryButton } from '../../../components/FixedFooter'
import { getClaim } from '../../../services/api'
import { signIn } from '../../../services/session'
import { resumePage } from '../../../flow/claimFlow'
import { useI18n } from '../../../hooks/useI18n'
import { usePageTitle } from '../../../hooks/usePageTitle'
import { useSingleFlight } from '../../../hooks/useSingleFlight'
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

  const agree = useSingleFlight(async () => {
    setError(null)
    try {
      await signIn()
      const claim = await getClaim()
      await redirectTo(resumePage(claim.state))
    } catch (e) {
      setError(toErrorInfo(e))
    }
  })

  // Nothing has been stored before the person agrees, so cancelling just goes back.
  const cancel = () => {
    if (!agree.pending) void backTo('socialSecurity')
  }

  return (
    <View className="page authorize" data-step="authorize">
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
