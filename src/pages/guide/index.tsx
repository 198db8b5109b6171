import { View, Text } from '@tarojs/components'
import { useI18n } from '../../hooks/useI18n'
import { usePageTitle } from '../../hooks/usePageTitle'
import { GUIDE } from './content'
import './index.scss'

/** The offline route from the seed article, rendered from ./content.ts in the current language. */
export default function GuidePage() {
  const { locale } = useI18n()
  usePageTitle('nav.guide')
  const guide = GUIDE[locale]

  return (
    <View className="page guide" data-step="guide">
      <View className="guide__header">
        <Text className="guide__title" data-testid="guide-title">
          {guide.title}
        </Text>
        <Text className="guide__intro">{guide.intro}</Text>
      </View>
      {guide.sections.map((section) => (
        <View key={section.id} className="white-card guide__section" data-testid={`guide-section-${section.id}`}>
          <Text className="section-title">{section.title}</Text>
          {section.steps ? (
            <View className="guide__list" role="list">
              {section.steps.map((step, i) => (
                <View key={i} className="guide__item" role="listitem">
                  <Text className="guide__num" aria-hidden="true">
                    {i + 1}
                  </Text>
                  <Text className="guide__text">{step}</Text>
                </View>
              ))}
            </View>
          ) : null}
          {section.points ? (
            <View className="guide__list" role="list">
              {section.points.map((point, i) => (
                <View key={i} className="guide__item" role="listitem">
                  <View className="guide__bullet" aria-hidden="true" />
                  <Text className="guide__text">{point}</Text>
                </View>
              ))}
            </View>
          ) : null}
          {section.note ? <Text className="guide__note">{section.note}</Text> : null}
        </View>
      ))}
    </View>
  )
}
