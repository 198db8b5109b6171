import { View, Text } from '@tarojs/components'
import { useI18n } from '../../hooks/useI18n'
import { LAW_ARTICLES, SOCIAL_INSURANCE_LAW_NAME, type ArticleNumber } from '../../content/guide'
import { guideText } from '../../content/guide/ui'

/** The element id of an article's card, for scrolling to it (`#law-article-58`). */
export function lawArticleAnchor(n: ArticleNumber): string {
  return `law-article-${n}`
}

export interface GuideLawArticlesProps {
  /** Articles shown in full; the others show a one-line summary. */
  expanded: readonly ArticleNumber[]
  onToggle: (n: ArticleNumber) => void
}

/** Articles 7, 57, 58 and 72 of the Social Insurance Law, each folding open to its full text. */
export function GuideLawArticles({ expanded, onToggle }: GuideLawArticlesProps) {
  const { locale } = useI18n()
  return (
    <View className="white-card guide-law" data-testid="law-articles">
      <Text className="section-title">{guideText('lawTitle', locale)}</Text>
      <Text className="guide-law__name">{SOCIAL_INSURANCE_LAW_NAME[locale]}</Text>
      <Text className="guide-law__source muted">{guideText('lawSourceNote', locale)}</Text>
      {LAW_ARTICLES.map((article) => {
        const open = expanded.includes(article.number)
        const anchor = lawArticleAnchor(article.number)
        const title = article.title[locale]
        return (
          <View key={article.number} className={`guide-law__article ${open ? 'guide-law__article--open' : ''}`} id={anchor} data-testid={anchor} data-expanded={open ? 'true' : 'false'}>
            <View
              className="guide-law__head"
              data-testid={`${anchor}-toggle`}
              role="button"
              aria-expanded={open ? 'true' : 'false'}
              aria-label={`${title}, ${guideText(open ? 'collapse' : 'expand', locale)}`}
              onClick={() => onToggle(article.number)}
            >
              <Text className="guide-law__title">{title}</Text>
              <Text className="guide-law__toggle">{guideText(open ? 'collapse' : 'expand', locale)}</Text>
              <View className={`guide-law__arrow ${open ? 'guide-law__arrow--up' : ''}`} aria-hidden="true" />
            </View>
            {open ? (
              <View className="guide-law__text" data-testid={`${anchor}-text`}>
                {article.paragraphs.map((p, i) => (
                  <Text key={i} className={`guide-law__paragraph ${locale === 'zh-CN' ? 'guide-law__paragraph--indent' : ''}`}>
                    {p[locale]}
                  </Text>
                ))}
              </View>
            ) : (
              <Text className="guide-law__summary">{article.summary[locale]}</Text>
            )}
          </View>
        )
      })}
    </View>
  )
}

export default GuideLawArticles
