import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { ListCell, CellGroup } from '../../components/ListCell'
import { ErrorNotice } from '../../components/ErrorNotice'
import { getClaim } from '../../services/api'
import { hasSession, signOut } from '../../services/session'
import { resumePage } from '../../flow/claimFlow'
import { useI18n } from '../../hooks/useI18n'
import { usePageTitle } from '../../hooks/usePageTitle'
import { useNotInDemo } from '../../hooks/useNotInDemo'
import { useSingleFlight } from '../../hooks/useSingleFlight'
import { navigateTo } from '../../hooks/navigation'
import { isSessionError, toErrorInfo, type ErrorInfo } from '../../i18n/errors'
import './index.scss'

/** Step 4: social security services; the e-card sits under online services. */
export default function SocialSecurityPage() {
  const { t } = useI18n()
  usePageTitle('nav.socialSecurity')
  const notInDemo = useNotInDemo()
  const [error, setError] = useState<ErrorInfo | null>(null)

  // Someone who has already authorized resumes where the server says their claim is.
  const openEcard = useSingleFlight(async () => {
    setError(null)
    if (!hasSession()) {
      await navigateTo('authorize')
      return
    }
    try {
      const claim = await getClaim()
      await navigateTo(resumePage(claim.state))
    } catch (e) {
      const info = toErrorInfo(e)
      if (isSessionError(info.code)) {
        signOut()
        await navigateTo('authorize')
        return
      }
      setError(info)
    }
  })

  return (
    <View className="page social" data-step="social-security">
      <View className="social__header">
        <Text className="social__title">{t('ss.headerTitle')}</Text>
        <Text className="social__sub">{t('ss.headerSub')}</Text>
      </View>

      {error ? <ErrorNotice error={error} onRetry={() => void openEcard.run()} retrying={openEcard.pending} /> : null}

      <CellGroup title={t('ss.online')} testId="online-services">
        <ListCell testId="open-ecard" glyph="卡" color="#1677ff" title={t('ss.ecard')} description={t('ss.ecardDesc')} disabled={openEcard.pending} onClick={() => void openEcard.run()} />
        <ListCell glyph="查" color="#00b578" title={t('ss.records')} description={t('ss.recordsDesc')} onClick={() => notInDemo(t('ss.records'))} />
        <ListCell glyph="缴" color="#ff8f1f" title={t('ss.payment')} description={t('ss.paymentDesc')} onClick={() => notInDemo(t('ss.payment'))} />
        <ListCell glyph="养" color="#ff6a00" title={t('ss.pension')} description={t('ss.pensionDesc')} onClick={() => notInDemo(t('ss.pension'))} />
      </CellGroup>

      <CellGroup title={t('ss.offline')} testId="offline-services">
        <ListCell testId="open-guide" glyph="办" color="#8c8c8c" title={t('ss.guide')} description={t('ss.guideDesc')} onClick={() => void navigateTo('guide')} />
      </CellGroup>
    </View>
  )
}
