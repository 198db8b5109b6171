import { View, Text } from '@tarojs/components'
import { useI18n } from '../../hooks/useI18n'
import { PHYSICAL_CARD_CHECKLIST } from '../../content/guide'
import { guideText } from '../../content/guide/ui'

/** The physical-card application of the seed article: what to bring and fill in, then what follows. */
export function GuideChecklist({ anchorId }: { anchorId?: string }) {
  const { locale } = useI18n()
  const list = PHYSICAL_CARD_CHECKLIST
  return (
    <View className="white-card guide-checklist" id={anchorId} data-testid="checklist" role="region" aria-label={list.title[locale]}>
      <Text className="section-title">{list.title[locale]}</Text>
      <Text className="guide-checklist__subtitle">{guideText('checklistBring', locale)}</Text>
      <View className="guide-checklist__list" role="list">
        {list.items.map((item, i) => (
          <View key={item.id} className="guide-checklist__item" role="listitem" data-testid={`checklist-item-${item.id}`}>
            <Text className="guide-checklist__num" aria-hidden="true">
              {i + 1}
            </Text>
            <Text className="guide-checklist__text">{item.text[locale]}</Text>
          </View>
        ))}
      </View>
      <Text className="guide-checklist__subtitle">{guideText('checklistNext', locale)}</Text>
      <View className="guide-checklist__list" role="list">
        {list.nextSteps.map((step) => (
          <View key={step.id} className="guide-checklist__item" role="listitem" data-testid={`checklist-next-${step.id}`}>
            <Text className="guide-checklist__arrow" aria-hidden="true">
              →
            </Text>
            <Text className="guide-checklist__text">{step.text[locale]}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

export default GuideChecklist
