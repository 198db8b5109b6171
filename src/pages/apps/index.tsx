import { View, Text } from '@tarojs/components'
import { ServiceGrid, type ServiceTile } from '../../components/ServiceGrid'
import { useI18n } from '../../hooks/useI18n'
import { usePageTitle } from '../../hooks/usePageTitle'
import { useScreenReady } from '../../hooks/useScreenReady'
import { useNotInDemo } from '../../hooks/useNotInDemo'
import { navigateTo } from '../../hooks/navigation'
import type { MessageKey } from '../../i18n'
import './index.scss'

interface AppEntry {
  key: MessageKey
  glyph: string
  color: string
  /** The one entry of this list that belongs to the flow. */
  opens?: 'cityServices'
}

const CATEGORIES: Array<{ key: MessageKey; id: string; apps: AppEntry[] }> = [
  {
    key: 'apps.convenience',
    id: 'convenience',
    apps: [
      { key: 'app.cityServices', glyph: '城', color: '#1677ff', opens: 'cityServices' },
      { key: 'app.bills', glyph: '缴', color: '#00b578' },
      { key: 'app.topUp', glyph: '充', color: '#ff8f1f' },
      { key: 'app.health', glyph: '医', color: '#00b578' },
      { key: 'app.parcels', glyph: '递', color: '#ff6a00' },
      { key: 'app.food', glyph: '食', color: '#ff3141' },
    ],
  },
  {
    key: 'apps.wealth',
    id: 'wealth',
    apps: [
      { key: 'app.yuebao', glyph: '余', color: '#ff8f1f' },
      { key: 'app.fund', glyph: '基', color: '#1677ff' },
      { key: 'app.insurance', glyph: '保', color: '#00b578' },
      { key: 'app.huabei', glyph: '花', color: '#1677ff' },
    ],
  },
  {
    key: 'apps.payments',
    id: 'payments',
    apps: [
      { key: 'app.transfer', glyph: '转', color: '#1677ff' },
      { key: 'app.creditCard', glyph: '还', color: '#ff6a00' },
      { key: 'app.redPacket', glyph: '红', color: '#ff3141' },
      { key: 'app.splitBill', glyph: 'AA', color: '#8c8c8c' },
    ],
  },
  {
    key: 'apps.leisure',
    id: 'leisure',
    apps: [
      { key: 'app.movies', glyph: '影', color: '#ff3141' },
      { key: 'app.sesame', glyph: '芝', color: '#00b578' },
    ],
  },
]

/** Step 2: the full app list by category; City Services sits under Convenience life. */
export default function AppsPage() {
  const { t } = useI18n()
  usePageTitle('nav.apps')
  useScreenReady('apps')
  const notInDemo = useNotInDemo()

  const tile = (app: AppEntry): ServiceTile => ({
    key: app.key,
    label: t(app.key),
    glyph: app.glyph,
    color: app.color,
    testId: app.opens === 'cityServices' ? 'open-city-services' : undefined,
    onClick: app.opens === 'cityServices' ? () => void navigateTo('cityServices') : () => notInDemo(t(app.key)),
  })

  return (
    <View className="page apps" data-step="apps">
      {CATEGORIES.map((category) => (
        <View key={category.id} className="white-card apps__category" data-testid={`category-${category.id}`}>
          <Text className="section-title">{t(category.key)}</Text>
          <ServiceGrid tiles={category.apps.map(tile)} />
        </View>
      ))}
    </View>
  )
}
