import { View, Text } from '@tarojs/components'
import { CardFace, displayCardNumber } from '../../../components/CardFace'
import { QrCode } from '../../../components/QrCode'
import { ErrorNotice } from '../../../components/ErrorNotice'
import { LoadingState, EmptyState } from '../../../components/StateViews'
import { ListCell, CellGroup } from '../../../components/ListCell'
import { PrimaryButton } from '../../../components/FixedFooter'
import { getCurrentCard, type CardT } from '../../../services/api'
import { useI18n } from '../../../hooks/useI18n'
import { usePageTitle } from '../../../hooks/usePageTitle'
import { useAsyncData, LEAVING } from '../../../hooks/useAsyncData'
import { guardClaim, leaveOnSessionError } from '../../../hooks/useClaimGuard'
import { navigateTo, redirectTo } from '../../../hooks/navigation'
import { toErrorInfo } from '../../../i18n/errors'
import { cardQrPayload } from './qrPayload'
import './index.scss'

type Loaded = { kind: 'card'; card: CardT } | { kind: 'none' }

/** After the claim: the issued card, its QR code, and the way to the offline guide. */
export default function CardPage() {
  const { t } = useI18n()
  usePageTitle('nav.card')

  const data = useAsyncData<Loaded>(async () => {
    try {
      const claim = await guardClaim('card')
      if (claim === LEAVING) return LEAVING
      return { kind: 'card', card: await getCurrentCard() }
    } catch (e) {
      const code = toErrorInfo(e).code
      if (await leaveOnSessionError(code)) return LEAVING
      if (code === 'CARD_NOT_FOUND') return { kind: 'none' }
      throw e
    }
  })

  let body
  if (data.state.status === 'loading') body = <LoadingState />
  else if (data.state.status === 'error') body = <ErrorNotice error={data.state.error} onRetry={data.reload} />
  else if (data.state.data.kind === 'none') {
    body = (
      <EmptyState message={t('card.empty')}>
        <View className="card-page__empty-action">
          <PrimaryButton testId="card-start-claim" onClick={() => void redirectTo('socialSecurity')}>
            {t('card.startClaim')}
          </PrimaryButton>
        </View>
      </EmptyState>
    )
  } else {
    const card = data.state.data.card
    body = (
      <>
        <CardFace card={card} />
        <View className="white-card card-page__qr" data-testid="card-qr">
          <Text className="card-page__qr-title">{t('card.qrTitle')}</Text>
          <QrCode testId="card-qrcode" text={cardQrPayload(card)} ariaLabel={t('card.qrAlt', { number: displayCardNumber(card) })} />
          <Text className="muted card-page__qr-hint">{t('card.qrHint')}</Text>
        </View>
        <CellGroup>
          <ListCell testId="open-guide" glyph="办" color="#8c8c8c" title={t('card.guide')} onClick={() => void navigateTo('guide')} />
        </CellGroup>
      </>
    )
  }

  return (
    <View className="page card-page" data-step="card">
      {body}
    </View>
  )
}
