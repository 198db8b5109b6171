import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { GuideRouteFinder, GuideRouteResult } from '../../components/GuideRouteFinder'
import { GuideChecklist } from '../../components/GuideChecklist'
import { GuideDeadlineHelper } from '../../components/GuideDeadlineHelper'
import { GuideLawArticles, lawArticleAnchor } from '../../components/GuideLawArticles'
import { useI18n } from '../../hooks/useI18n'
import { usePageTitle } from '../../hooks/usePageTitle'
import { useScreenReady } from '../../hooks/useScreenReady'
import { decideRoute, type ArticleNumber, type RouteAnswer } from '../../content/guide'
import { guideText } from '../../content/guide/ui'
import './index.scss'

const CHECKLIST_ANCHOR = 'guide-checklist'

/** Scrolls the page to an element id; a host that cannot scroll leaves the page where it is. */
function scrollToAnchor(id: string) {
  try {
    void Promise.resolve(Taro.pageScrollTo({ selector: `#${id}`, duration: 300 })).catch(() => undefined)
  } catch {
    // No pageScrollTo here: the content is still on the page, just not scrolled into view.
  }
}

/**
 * The offline route and the law (seed article): who handles the card for whom, the physical-card
 * checklist, the employer's registration deadlines and articles 7, 57, 58 and 72. Everything it
 * says comes from src/content/guide; it works without the network.
 */
export default function GuidePage() {
  const { locale } = useI18n()
  usePageTitle('nav.guide')
  useScreenReady('guide')
  const [answer, setAnswer] = useState<RouteAnswer | null>(null)
  const [expanded, setExpanded] = useState<readonly ArticleNumber[]>([])
  /** An element to scroll to once the render that reveals it has landed; `seq` repeats a request. */
  const [scrollRequest, setScrollRequest] = useState<{ id: string; seq: number } | null>(null)

  useEffect(() => {
    if (!scrollRequest) return
    // After the host has laid out what was just opened (setData is asynchronous on Alipay).
    const timer = setTimeout(() => scrollToAnchor(scrollRequest.id), 50)
    return () => clearTimeout(timer)
  }, [scrollRequest])

  const requestScroll = (id: string) => setScrollRequest((prev) => ({ id, seq: (prev?.seq ?? 0) + 1 }))

  const openArticle = (n: ArticleNumber) => {
    setExpanded((prev) => (prev.includes(n) ? prev : [...prev, n]))
    requestScroll(lawArticleAnchor(n))
  }
  const toggleArticle = (n: ArticleNumber) => setExpanded((prev) => (prev.includes(n) ? prev.filter((m) => m !== n) : [...prev, n]))

  const route = answer ? decideRoute(answer) : null

  return (
    <View className="page guide" data-step="guide">
      <View className="guide__header">
        <Text className="guide__title" data-testid="guide-title">
          {guideText('title', locale)}
        </Text>
        <Text className="guide__intro" data-testid="guide-intro">
          {guideText('intro', locale)}
        </Text>
      </View>

      <GuideRouteFinder selected={answer} onSelect={setAnswer} />
      {route ? (
        <GuideRouteResult route={route} onOpenArticle={openArticle} onOpenChecklist={() => requestScroll(CHECKLIST_ANCHOR)}>
          {route.deadlineHelper ? <GuideDeadlineHelper /> : null}
        </GuideRouteResult>
      ) : null}

      <GuideChecklist anchorId={CHECKLIST_ANCHOR} />

      <GuideLawArticles expanded={expanded} onToggle={toggleArticle} />

      <View className="white-card guide__online" data-testid="guide-online">
        <Text className="section-title">{guideText('onlineTitle', locale)}</Text>
        <Text className="guide__online-text">{guideText('onlineText', locale)}</Text>
      </View>
    </View>
  )
}
