import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { ListCell, CellGroup } from '../../components/ListCell'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useI18n } from '../../hooks/useI18n'
import { usePageTitle } from '../../hooks/usePageTitle'
import { useScreenReady } from '../../hooks/useScreenReady'
import { useNotInDemo } from '../../hooks/useNotInDemo'
import { useSingleFlight } from '../../hooks/useSingleFlight'
import { navigateTo } from '../../hooks/navigation'
import { toErrorInfo, type ErrorInfo } from '../../i18n/errors'
import './index.scss'

/** Step 4: social security services; the e-card sits under online services. */
export default function SocialSecurityPage() {
  const { t } = useI18n()
  usePageTitle('nav.socialSecurity')
  useScreenReady('social-security')
  const notInDemo = useNotInDemo()
  const [error, setError] = useState<ErrorInfo | null>(null)

  // The e-card's entry page (ecard subpackage, preloaded with this page) decides where the person
  // resumes: this page must not import the API client or the session, or they land in the main package.
  const openEcard = useSingleFlight(async () => {
    setError(null)
    try {
      await navigateTo('ecardEntry')
    } catch (e) {
      // e.g. the subpackage could not be downloaded: say so, with a retry.
      setError(toErrorInfo(e))
    }
  }, 'open-ecard')

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
