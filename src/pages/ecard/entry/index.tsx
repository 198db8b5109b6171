import { View } from '@tarojs/components'
import { ErrorNotice } from '../../../components/ErrorNotice'
import { PageOfflineBanner } from '../../../components/OfflineBanner'
import { LoadingState } from '../../../components/StateViews'
import { useI18n } from '../../../hooks/useI18n'
import { usePageTitle } from '../../../hooks/usePageTitle'
import { useAsyncData } from '../../../hooks/useAsyncData'
import { useScreenReady } from '../../../hooks/useScreenReady'
import { resumeClaim } from './resume'
import './index.scss'

/**
 * The e-card's entry, first page of the ecard subpackage: decides where the person resumes (see
 * resume.ts) and replaces itself with that page. Social Security only navigates here, so the main
 * package carries neither the API client nor the session. Shows loading while it asks the server,
 * and the error with a retry when it cannot.
 */
export default function EcardEntryPage() {
  const { t } = useI18n()
  usePageTitle('nav.confirm')
  const data = useAsyncData<never>(resumeClaim)
  // A screen of its own only when it cannot go on (an error with a retry); otherwise it passes through.
  useScreenReady('ecard-entry', data.state.status === 'error')

  return (
    <View className="page ecard-entry" data-step="ecard-entry" data-state={data.state.status}>
      <PageOfflineBanner />
      {data.state.status === 'error' ? (
        <ErrorNotice error={data.state.error} onRetry={data.reload} />
      ) : (
        <LoadingState label={t('common.loading')} />
      )}
    </View>
  )
}
