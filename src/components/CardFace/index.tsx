import { View, Text } from '@tarojs/components'
import type { CardRevealT, CardT } from '../../services/api/types'
import { useI18n } from '../../hooks/useI18n'
import { formatYmd } from '../../i18n'
import { maskCardNumber } from '../../domain/mask'

/** The card number as shown: the server's masked form, or masked here if an older server omits it. */
export function displayCardNumber(card: Pick<CardT, 'cardNumber' | 'cardNumberMasked'>): string {
  return card.cardNumberMasked ?? maskCardNumber(card.cardNumber)
}

export interface CardFaceProps {
  card: CardT
  /**
   * The unmasked details from the reveal endpoint while the holder has asked to see them; null (or
   * absent) shows the masked forms. The owner drops it when its time is up: nothing is kept here.
   */
  revealed?: Pick<CardRevealT, 'holderName' | 'idNumber' | 'cardNumber'> | null
  /** Shows the eye toggle (`card-reveal`) when given. */
  onToggleReveal?: () => void
  revealPending?: boolean
  /** Seconds until the details are masked again, shown while revealed. */
  revealSecondsLeft?: number
}

/**
 * The card face in the national e-social-security-card style: the national title, the holder's
 * name, social security (ID) number and card number — masked as the server sends them unless the
 * holder tapped the eye — the issuing region, dates and sign level.
 */
export function CardFace({ card, revealed, onToggleReveal, revealPending, revealSecondsLeft }: CardFaceProps) {
  const { t, locale } = useI18n()
  const shown = revealed ?? null
  return (
    <View className="card-face" data-testid="card-face" data-status={card.status} data-revealed={shown ? 'true' : 'false'}>
      <View className="card-face__top">
        <View className="card-face__emblem" aria-hidden="true">
          <Text>社</Text>
        </View>
        <View className="card-face__heading">
          <Text className="card-face__national">{t('card.nationalTitle')}</Text>
          <Text className="card-face__badge">{t('card.ecardBadge')}</Text>
        </View>
      </View>
      <View className="card-face__main">
        <Text className="card-face__name" data-testid="card-name">
          {shown ? shown.holderName : card.holderName}
        </Text>
        <View className="card-face__actions">
          {onToggleReveal ? (
            <View
              className={`card-face__eye ${shown ? 'card-face__eye--open' : ''} ${revealPending ? 'card-face__eye--pending' : ''}`}
              data-testid="card-reveal"
              data-revealed={shown ? 'true' : 'false'}
              role="button"
              aria-pressed={shown ? 'true' : 'false'}
              aria-busy={revealPending ? 'true' : 'false'}
              aria-label={shown ? t('card.conceal') : t('card.reveal')}
              onClick={() => {
                if (!revealPending) onToggleReveal()
              }}
            >
              <View className="card-face__eye-ball" aria-hidden="true">
                <View className="card-face__eye-pupil" />
              </View>
              {shown ? null : <View className="card-face__eye-slash" aria-hidden="true" />}
            </View>
          ) : null}
          <Text className="card-face__status">{card.status === 'active' ? t('card.statusActive') : t('card.statusUnbound')}</Text>
        </View>
      </View>
      <View className="card-face__fields">
        <Field label={t('card.idNumber')} value={shown ? shown.idNumber : card.idNumberMasked} testId="card-id" />
        <Field label={t('card.cardNumber')} value={shown ? shown.cardNumber : displayCardNumber(card)} testId="card-number" />
        <Field label={t('card.region')} value={card.regionName[locale]} testId="card-region" />
        <Field label={t('card.issueDate')} value={formatYmd(card.issueDate, locale)} testId="card-issue-date" />
        <Field label={t('card.validUntil')} value={formatYmd(card.validUntil, locale)} testId="card-valid-until" />
        <Field label={t('card.signLevel')} value={t('card.signLevelValue', { level: card.signLevel })} testId="card-sign-level" />
      </View>
      {shown && typeof revealSecondsLeft === 'number' ? (
        <Text className="card-face__reveal-hint" data-testid="card-reveal-countdown" data-seconds={String(revealSecondsLeft)}>
          {t('card.revealHint', { s: revealSecondsLeft })}
        </Text>
      ) : null}
    </View>
  )
}

function Field({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <View className="card-face__field">
      <Text className="card-face__label">{label}</Text>
      <Text className="card-face__value" data-testid={testId}>
        {value}
      </Text>
    </View>
  )
}

export default CardFace
