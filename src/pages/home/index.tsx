import { View, Text } from '@tarojs/components'
import { ServiceGrid, type ServiceTile } from '../../components/ServiceGrid'
import { useI18n } from '../../hooks/useI18n'
import { usePageTitle } from '../../hooks/usePageTitle'
import { useScreenReady } from '../../hooks/useScreenReady'
import { navigateTo } from '../../hooks/navigation'
import type { MessageKey } from '../../i18n'
import './index.scss'

type Decorative = { key: MessageKey; glyph: string; color: string }

const TOP_ROW: Decorative[] = [
  { key: 'app.scan', glyph: '扫', color: 'transparent' },
  { key: 'app.pay', glyph: '付', color: 'transparent' },
  { key: 'app.travel', glyph: '行', color: 'transparent' },
  { key: 'app.cards', glyph: '卡', color: 'transparent' },
]

const GRID: Decorative[] = [
  { key: 'app.transfer', glyph: '转', color: '#1677ff' },
  { key: 'app.creditCard', glyph: '还', color: '#ff6a00' },
  { key: 'app.topUp', glyph: '充', color: '#00b578' },
  { key: 'app.yuebao', glyph: '余', color: '#ff8f1f' },
  { key: 'app.huabei', glyph: '花', color: '#1677ff' },
  { key: 'app.sesame', glyph: '芝', color: '#00b578' },
  { key: 'app.redPacket', glyph: '红', color: '#ff3141' },
]

/**
 * What a decorative tile does when tapped: says it is not part of this demo. On H5 the toast's code
 * (Taro's H5 toast, modal and action sheet: 22 KB) loads on the first tap instead of with the first
 * screen, so the home page's chunk is that much smaller (LCP); on Alipay the toast is the host's.
 */
function showNotInDemo(title: string): void {
  // TARO_ENV is a build-time constant: each build keeps one branch (and the other's import goes with it)
  const shown: Promise<unknown> =
    process.env.TARO_ENV === 'h5'
      ? import('./notInDemo').then((m) => m.showNotInDemoToast(title))
      : (require('./notInDemo') as typeof import('./notInDemo')).showNotInDemoToast(title)
  void shown.catch(() => undefined)
}

/** Step 1: Alipay's home page; 'More' opens the app list. */
export default function HomePage() {
  const { t, locale, setLocale } = useI18n()
  usePageTitle('nav.home')
  useScreenReady('home')
  const notInDemo = (name: string) => showNotInDemo(t('common.notInDemo', { name }))

  const decorative = (d: Decorative): ServiceTile => ({ key: d.key, label: t(d.key), glyph: d.glyph, color: d.color, onClick: () => notInDemo(t(d.key)) })
  const grid: ServiceTile[] = [
    ...GRID.map(decorative),
    { key: 'app.more', label: t('app.more'), glyph: '⋯', color: '#8c8c8c', testId: 'open-more', onClick: () => void navigateTo('apps') },
  ]

  return (
    <View className="page home" data-step="home">
      <View className="home__header">
        <View className="home__bar">
          <View className="home__search" data-testid="search-bar" role="search" aria-label={t('home.search')} onClick={() => notInDemo(t('home.search'))}>
            <View className="home__search-icon" aria-hidden="true" />
            <Text className="home__search-text">{t('home.searchPlaceholder')}</Text>
          </View>
          <View
            className="home__lang"
            data-testid="lang-switch"
            data-locale={locale}
            role="button"
            aria-label={t('home.langSwitchLabel')}
            onClick={() => setLocale(locale === 'zh-CN' ? 'en-US' : 'zh-CN')}
          >
            <Text>{t('home.langSwitch')}</Text>
          </View>
        </View>
        <ServiceGrid tiles={TOP_ROW.map(decorative)} variant="onBlue" testId="home-top-row" />
      </View>

      <View className="white-card home__grid">
        <ServiceGrid tiles={grid} testId="home-grid" />
      </View>

      <View className="white-card home__banner" data-testid="home-banner">
        <Text className="home__banner-title">{t('home.bannerTitle')}</Text>
        <Text className="muted">{t('home.bannerHint')}</Text>
      </View>
    </View>
  )
}
