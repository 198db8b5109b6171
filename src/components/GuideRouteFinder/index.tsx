import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { TextLink } from '../TextLink'
import { useI18n } from '../../hooks/useI18n'
import { ROUTES, ROUTE_ANSWERS, ROUTE_QUESTION, findArticle, type ArticleNumber, type GuideRoute, type RouteAnswer } from '../../content/guide'
import { guideText } from '../../content/guide/ui'

export interface GuideRouteFinderProps {
  selected: RouteAnswer | null
  onSelect: (answer: RouteAnswer) => void
}

/** The one question of the route finder and its four answers, as Alipay radio cells. */
export function GuideRouteFinder({ selected, onSelect }: GuideRouteFinderProps) {
  const { locale } = useI18n()
  const question = ROUTE_QUESTION[locale]
  return (
    <View className="white-card guide-routes" data-testid="route-finder">
      <Text className="section-title">{guideText('routeFinderTitle', locale)}</Text>
      <Text className="guide-routes__question" id="guide-route-question">
        {question}
      </Text>
      <View className="guide-routes__choices" role="radiogroup" aria-label={question}>
        {ROUTE_ANSWERS.map((answer) => {
          const checked = answer === selected
          const label = ROUTES[answer].choice[locale]
          return (
            <View
              key={answer}
              className={`guide-routes__choice ${checked ? 'guide-routes__choice--checked' : ''}`}
              data-testid={`route-${answer}`}
              data-selected={checked ? 'true' : 'false'}
              role="radio"
              aria-checked={checked ? 'true' : 'false'}
              aria-label={label}
              hoverClass="guide-routes__choice--active"
              onClick={() => onSelect(answer)}
            >
              <View className="guide-routes__radio" aria-hidden="true">
                {checked ? <View className="guide-routes__dot" /> : null}
              </View>
              <Text className="guide-routes__label">{label}</Text>
            </View>
          )
        })}
      </View>
      {selected ? null : <Text className="guide-routes__hint muted">{guideText('routeNone', locale)}</Text>}
    </View>
  )
}

export interface GuideRouteResultProps {
  route: GuideRoute
  onOpenArticle: (article: ArticleNumber) => void
  onOpenChecklist: () => void
  /** What else the route offers (the employer's deadline helper). */
  children?: ReactNode
}

/** What applies to the chosen answer: summary, points, the articles it rests on, what to do next. */
export function GuideRouteResult({ route, onOpenArticle, onOpenChecklist, children }: GuideRouteResultProps) {
  const { locale } = useI18n()
  return (
    <View className="white-card guide-result" data-testid="route-result" data-route={route.answer} role="region" aria-label={route.title[locale]}>
      {/* Announced when the answer changes; the helper below has its own live result. */}
      <View aria-live="polite">
        <View className="guide-result__head">
          <Text className="guide-result__title" data-testid="route-title">
            {route.title[locale]}
          </Text>
          <Text
            className={`guide-result__badge ${route.visitNeeded ? 'guide-result__badge--visit' : 'guide-result__badge--remote'}`}
            data-testid="route-visit"
            data-visit-needed={route.visitNeeded ? 'true' : 'false'}
          >
            {guideText(route.visitNeeded ? 'visitNeeded' : 'visitNotNeeded', locale)}
          </Text>
        </View>
        <Text className="guide-result__summary" data-testid="route-summary">
          {route.summary[locale]}
        </Text>
      </View>

      <Text className="guide-result__subtitle">{guideText('whatApplies', locale)}</Text>
      <View className="guide-result__list" role="list" data-testid="route-points">
        {route.points.map((point, i) => (
          <View key={i} className="guide-result__item" role="listitem">
            <View className="guide-result__bullet" aria-hidden="true" />
            <Text className="guide-result__text">{point[locale]}</Text>
          </View>
        ))}
      </View>

      {route.physicalCardChecklist ? (
        <View className="guide-result__links">
          <TextLink testId="route-checklist-link" onClick={onOpenChecklist}>
            {guideText('seeChecklist', locale)}
          </TextLink>
        </View>
      ) : null}

      {children}

      <Text className="guide-result__subtitle">{guideText('legalBasis', locale)}</Text>
      <View className="guide-result__links" data-testid="route-articles">
        {route.articles.map((n) => {
          const article = findArticle(n)
          if (!article) return null
          return (
            <TextLink key={n} testId={`route-article-link-${n}`} onClick={() => onOpenArticle(n)}>
              {guideText('readArticle', locale, { article: article.title[locale] })}
            </TextLink>
          )
        })}
      </View>
    </View>
  )
}

export default GuideRouteFinder
