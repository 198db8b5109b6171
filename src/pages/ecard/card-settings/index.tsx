import { useState } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ErrorNotice } from '../../../components/ErrorNotice'
import { PageOfflineBanner } from '../../../components/OfflineBanner'
import { LoadingState } from '../../../components/StateViews'
import { ListCell, CellGroup } from '../../../components/ListCell'
import { FixedFooter, PrimaryButton } from '../../../components/FixedFooter'
import { Notice } from '../../../components/Notice'
import type { ClaimT } from '../../../services/api'
import { useI18n } from '../../../hooks/useI18n'
import { usePageTitle } from '../../../hooks/usePageTitle'
import { useAsyncData, LEAVING } from '../../../hooks/useAsyncData'
import { guardClaim, leaveOnSessionError } from '../../../hooks/useClaimGuard'
import { backTo } from '../../../hooks/navigation'
import { toErrorInfo } from '../../../i18n/errors'
import { ChangePassword } from './ChangePassword'
import { ResetPassword } from './ResetPassword'
import { Unbind } from './Unbind'
import { backToSocialSecurity } from './leave'
import './index.scss'

type Mode = 'menu' | 'change' | 'reset' | 'unbind' | 'changed' | 'reset-done'

/**
 * Managing the issued card: change the password, reset a forgotten one with face verification,
 * or unbind the card. Shown only while the server says the card is issued (the card page's guard).
 */
export default function CardSettingsPage() {
  const { t } = useI18n()
  usePageTitle('nav.cardSettings')
  const [mode, setMode] = useState<Mode>('menu')

  const data = useAsyncData<ClaimT>(async () => {
    try {
      return await guardClaim('card')
    } catch (e) {
      if (await leaveOnSessionError(toErrorInfo(e).code)) return LEAVING
      throw e
    }
  })

  const toMenu = () => setMode('menu')

  const onUnbound = async () => {
    void Promise.resolve(Taro.showToast({ title: t('settings.unbound'), icon: 'success', duration: 2000 })).catch(() => undefined)
    await backToSocialSecurity()
  }

  let body
  if (data.state.status === 'loading') body = <LoadingState />
  else if (data.state.status === 'error') body = <ErrorNotice error={data.state.error} onRetry={data.reload} />
  else if (mode === 'change') body = <ChangePassword onDone={() => setMode('changed')} onCancel={toMenu} onForgot={() => setMode('reset')} />
  else if (mode === 'reset') body = <ResetPassword onDone={() => setMode('reset-done')} onCancel={toMenu} />
  else if (mode === 'unbind') body = <Unbind onUnbound={() => void onUnbound()} onCancel={toMenu} />
  else if (mode === 'changed' || mode === 'reset-done') {
    body = (
      <>
        <Notice testId="settings-success" code={mode} tone="success" message={mode === 'changed' ? t('settings.changed') : t('settings.resetDone')} />
        <FixedFooter>
          <PrimaryButton testId="settings-done" onClick={() => void backTo('card')}>
            {t('settings.done')}
          </PrimaryButton>
        </FixedFooter>
      </>
    )
  } else {
    body = (
      <>
        <CellGroup title={t('settings.passwordGroup')} testId="settings-password-group">
          <ListCell testId="settings-change-password" glyph="改" color="#1677ff" title={t('settings.changePassword')} description={t('settings.changePasswordDesc')} onClick={() => setMode('change')} />
          <ListCell testId="settings-reset-password" glyph="忘" color="#ff8f1f" title={t('settings.resetPassword')} description={t('settings.resetPasswordDesc')} onClick={() => setMode('reset')} />
        </CellGroup>
        <CellGroup title={t('settings.cardGroup')} testId="settings-card-group">
          <ListCell testId="settings-unbind" glyph="解" color="#ff3141" title={t('settings.unbind')} description={t('settings.unbindDesc')} onClick={() => setMode('unbind')} />
        </CellGroup>
      </>
    )
  }

  return (
    <View className="page settings" data-step="card-settings" data-mode={mode}>
      <PageOfflineBanner />
      {body}
    </View>
  )
}
