import { View, Text } from '@tarojs/components'
import type { CardT } from '../../services/api/types'
import { useI18n } from '../../hooks/useI18n'
import { formatYmd } from '../../i18n'
import { maskCardNumber } from '../../domain/mask'

/** The card number as shown: the server's masked form, or masked here if an older server omits it. */
export function displayCardNumber(card: Pick<CardT, 'cardNumber' | 'cardNumberMasked'>): string {
  return card.cardNumberMasked ?? maskCardNumber(card.cardNumber)
}

/**
 * The card face in the national e-social-security-card style: the national title, the holder's
 * name (masked by the server), the masked social security (ID) number, the masked card number,
 * the issuing region, dates and sign level. Never shows a full ID or card number.
 */
export function CardFace({ card }: { card: CardT }) {
  const { t, locale } = useI18n()
  return (
    <View className="card-face" data-testid="card-face" data-status={card.status}>
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
          {card.holderName}
        </Text>
        <Text className="card-face__status">{card.status === 'active' ? t('card.statusActive') : t('card.statusUnbound')}</Text>
      </View>
      <View className="card-face__fields">
        <Field label={t('card.idNumber')} value={card.idNumberMasked} testId="card-id" />
        <Field label={t('card.cardNumber')} value={displayCardNumber(card)} testId="card-number" />
        <Field label={t('card.region')} value={card.regionName[locale]} testId="card-region" />
        <Field label={t('card.issueDate')} value={formatYmd(card.issueDate, locale)} testId="card-issue-date" />
        <Field label={t('card.validUntil')} value={formatYmd(card.validUntil, locale)} testId="card-valid-until" />
        <Field label={t('card.signLevel')} value={t('card.signLevelValue', { level: card.signLevel })} testId="card-sign-level" />
      </View>
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
