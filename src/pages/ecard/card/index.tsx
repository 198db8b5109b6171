import { useEffect, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { CardFace, displayCardNumber } from '../../../components/CardFace'
import { PageOfflineBanner } from '../../../components/OfflineBanner'
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
import { useScreenReady } from '../../../hooks/useScreenReady'
import { isHandedOver, takeHandedOver } from '../../../services/handover'
import { hasSession } from '../../../services/session'
import { toErrorInfo } from '../../../i18n/errors'
import { usePageVisible } from './usePageVisible'
import { useCardReveal } from './useCardReveal'
import { useQrToken, type QrShown } from './useQrToken'
import { startEarlyLoad, takeFreshLoad, type Tracked } from './freshLoad'
import { useScreenBrightness } from './useScreenBrightness'
import './index.scss'

/** `qr`: the first QR token, asked for together with the card (a fresh load). */
type Loaded = { kind: 'card'; card: CardT; qr?: Tracked<QrShown> } | { kind: 'none' }

// H5 evaluates this module when the card page opens (its chunk loads on the route), before the page
// is set up and rendered: the card and its QR code are asked for from here (freshLoad.ts). A
// mini-program evaluates a subpackage's pages when the subpackage loads, so there the first render
// asks (TARO_ENV is a build-time constant: the Alipay bundle drops this line).
if (process.env.TARO_ENV === 'h5') startEarlyLoad()

/** The card is gone on the server (unbound elsewhere): load the page again, which shows what is there now. */
const CARD_GONE = new Set(['CARD_NOT_FOUND', 'CARD_UNBOUND'])

/**
 * Only the H5 simulator exposes the QR token to QA automation (`data-token`); a phone build never
 * does (TARO_ENV is a build-time constant, so the Alipay bundle drops the branch).
 */
function exposeQrToken(): boolean {
  return process.env.TARO_ENV === 'h5'
}

/**
 * After the claim: the issued card (masked, with a 30-second reveal), its QR code (a single-use
 * server token, refreshed before it expires), the card's management and the offline guide.
 */
export default function CardPage() {
  const { t } = useI18n()
  usePageTitle('nav.card')
  const visible = usePageVisible()
  // Taken (or started) during the first render, not in an effect after it: the requests are out
  // before the loading state is painted. Used by the first load only; a reload asks afresh.
  const [freshLoad] = useState(takeFreshLoad)
  const pendingFreshLoad = useRef(freshLoad)

  const data = useAsyncData<Loaded>(async () => {
    const fresh = pendingFreshLoad.current
    pendingFreshLoad.current = null
    // Just issued: the issuance's answer is the card, and the claim is issued by definition.
    const issued = takeHandedOver('card')
    if (issued) return { kind: 'card', card: issued }
    try {
      // A fresh load asks for the card (one round trip, with the QR token beside it): an active card
      // means the claim is issued (the server keeps the two together), so only without one does the
      // claim say where to go. A claim the previous screen handed over is checked first, as it costs nothing.
      if (hasSession() && !isHandedOver('claim')) {
        const card = await (fresh?.card.promise ?? getCurrentCard()).catch((e: unknown) => {
          if (toErrorInfo(e).code === 'CARD_NOT_FOUND') return null
          throw e
        })
        if (card) return { kind: 'card', card, qr: fresh?.qr }
        const claim = await guardClaim('card')
        return claim === LEAVING ? LEAVING : { kind: 'none' }
      }
      const claim = await guardClaim('card')
      if (claim === LEAVING) return LEAVING
      return { kind: 'card', card: await getCurrentCard() }
    } catch (e) {
      const code = toErrorInfo(e).code
      if (await leaveOnSessionError(code)) return LEAVING
      if (code === 'CARD_NOT_FOUND') return { kind: 'none' }
      throw e
    }
  }, freshLoad ? answeredCard : undefined)

  // The fresh load's card may be here by the first commit (asked for when the chunk was evaluated):
  // then the card shows at once, with no loading state painted first.
  function answeredCard(): Loaded | undefined {
    const card = pendingFreshLoad.current?.card.answer
    if (!card) return undefined
    const qr = pendingFreshLoad.current?.qr
    pendingFreshLoad.current = null
    return { kind: 'card', card, qr }
  }

  // Ready once the card (or its absence) shows: the QR code below has its own loading state.
  useScreenReady('card', data.state.status !== 'loading')
  const loaded = data.state.status === 'ready' && data.state.data.kind === 'card' ? data.state.data : null
  const hasCard = loaded !== null
  const active = hasCard && visible
  const reveal = useCardReveal()
  const qr = useQrToken(active, loaded?.qr)
  const qrOnScreen = active && qr.token !== null && !qr.expired
  useScreenBrightness(qrOnScreen)

  // Nothing unmasked outlives the page being on screen.
  const { conceal } = reveal
  useEffect(() => {
    if (!visible) conceal()
  }, [visible, conceal])

  // The card went away under us, or the session did: the page's own load decides what comes next.
  const { reload } = data
  const actionError = qr.error ?? reveal.error
  useEffect(() => {
    if (!actionError) return
    if (CARD_GONE.has(actionError.code)) {
      conceal()
      reload()
    } else void leaveOnSessionError(actionError.code)
  }, [actionError, conceal, reload])

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
        <CardFace card={card} revealed={reveal.details} onToggleReveal={reveal.toggle} revealPending={reveal.pending} revealSecondsLeft={reveal.secondsLeft} />
        {reveal.error ? <ErrorNotice error={reveal.error} /> : null}
        <View className="white-card card-page__qr" data-testid="card-qr">
          <Text className="card-page__qr-title">{t('card.qrTitle')}</Text>
          {qr.token && !qr.expired ? (
            <QrCode
              testId="card-qrcode"
              text={qr.token}
              qaToken={exposeQrToken() ? qr.token : undefined}
              ariaLabel={t('card.qrAlt', { number: displayCardNumber(card) })}
            />
          ) : (
            <View className="card-page__qr-placeholder" data-testid={qr.expired ? 'qr-expired' : 'qr-loading'} aria-live="polite">
              <Text className="muted">{qr.expired ? t('card.qrExpired') : t('card.qrLoading')}</Text>
            </View>
          )}
          {qr.error ? <ErrorNotice error={qr.error} onRetry={qr.refresh} retrying={qr.pending} /> : null}
          <View className="card-page__qr-bar">
            <Text className="muted card-page__qr-countdown" data-testid="qr-countdown" data-seconds={String(qr.secondsLeft)}>
              {qr.token && !qr.expired ? t('card.qrCountdown', { s: qr.secondsLeft }) : ''}
            </Text>
            <View
              className={`card-page__qr-refresh ${qr.pending ? 'card-page__qr-refresh--pending' : ''}`}
              data-testid="qr-refresh"
              role="button"
              aria-label={t('card.qrRefreshLabel')}
              aria-busy={qr.pending ? 'true' : 'false'}
              hoverClass="card-page__qr-refresh--active"
              onClick={qr.refresh}
            >
              <Text>{t('card.qrRefresh')}</Text>
            </View>
          </View>
          <Text className="muted card-page__qr-hint">{t('card.qrHint')}</Text>
        </View>
        <CellGroup>
          <ListCell
            testId="open-card-settings"
            glyph="管"
            color="#1677ff"
            title={t('card.settings')}
            description={t('card.settingsDesc')}
            onClick={() => void navigateTo('cardSettings')}
          />
          <ListCell testId="open-guide" glyph="办" color="#8c8c8c" title={t('card.guide')} onClick={() => void navigateTo('guide')} />
        </CellGroup>
      </>
    )
  }

  return (
    <View className="page card-page" data-step="card">
      <PageOfflineBanner />
      {body}
    </View>
  )
}
