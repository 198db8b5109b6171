import { View, Text } from '@tarojs/components'
import { ServiceGrid, type ServiceTile } from '../../components/ServiceGrid'
import { useI18n } from '../../hooks/useI18n'
import { usePageTitle } from '../../hooks/usePageTitle'
import { useScreenReady } from '../../hooks/useScreenReady'
import { useNotInDemo } from '../../hooks/useNotInDemo'
import { navigateTo } from '../../hooks/navigation'
import type { MessageKey } from '../../i18n'
import './index.scss'

const SERVICES: Array<{ key: MessageKey; glyph: string; color: string; opens?: 'socialSecurity' }> = [
  { key: 'app.socialSecurity', glyph: '社', color: '#1677ff', opens: 'socialSecurity' },
  { key: 'app.housingFund', glyph: '积', color: '#00b578' },
  { key: 'app.medicalInsurance', glyph: '医', color: '#ff3141' },
  { key: 'app.trafficFines', glyph: '交', color: '#ff8f1f' },
  { key: 'app.exitEntry', glyph: '出', color: '#1677ff' },
  { key: 'app.incomeTax', glyph: '税', color: '#ff6a00' },
  { key: 'app.hospital', glyph: '挂', color: '#00b578' },
  { key: 'app.residence', glyph: '居', color: '#8c8c8c' },
]

/** Step 3: the city's services; Social Security opens the social security services. */
export default function CityServicesPage() {
  const { t } = useI18n()
  usePageTitle('nav.cityServices')
  useScreenReady('city-services')
  const notInDemo = useNotInDemo()

  const tiles: ServiceTile[] = SERVICES.map((s) => ({
    key: s.key,
    label: t(s.key),
    glyph: s.glyph,
    color: s.color,
    testId: s.opens ? 'open-social-security' : undefined,
    onClick: s.opens ? () => void navigateTo('socialSecurity') : () => notInDemo(t(s.key)),
  }))

  return (
    <View className="page city" data-step="city-services">
      <View className="city__header">
        <Text className="city__label">{t('city.current')}</Text>
        <Text className="city__name" data-testid="city-name">
          {t('city.name')}
        </Text>
        <Text className="city__note">{t('city.note')}</Text>
      </View>
      <View className="white-card city__grid">
        <Text className="section-title">{t('city.popular')}</Text>
        <ServiceGrid tiles={tiles} />
      </View>
    </View>
  )
}
