import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import { isOnline, subscribeNetwork } from '../../services/network/status'
import { useI18n } from '../../hooks/useI18n'
import './index.scss'

/** Follows services/network/status: true while the platform says the device is offline. */
export function useOffline(): boolean {
  const [offline, setOffline] = useState(() => !isOnline())
  useEffect(() => {
    // The state may have changed between the first render and this subscription.
    setOffline(!isOnline())
    return subscribeNetwork((online) => setOffline(!online))
  }, [])
  return offline
}

/**
 * The bar Alipay shows when the phone is offline: pinned under the navigation bar, on every page,
 * saying that calls will carry on by themselves once the network is back. A live region, so a
 * screen reader announces it when it appears.
 */
export function OfflineBanner() {
  const { t } = useI18n()
  const offline = useOffline()
  if (!offline) return null
  return (
    <View className="offline-banner" data-testid="offline-banner" role="status" aria-live="polite">
      <View className="offline-banner__icon" aria-hidden="true">
        <Text>!</Text>
      </View>
      <View className="offline-banner__text">
        <Text className="offline-banner__title">{t('network.offline')}</Text>
        <Text className="offline-banner__hint">{t('network.offlineHint')}</Text>
      </View>
    </View>
  )
}

/**
 * The banner inside a page, for mini-program builds: there the app shell renders nothing of its
 * own, so the pages that talk to the server carry it. On H5 the shell already shows it over every
 * page, so this renders nothing.
 */
export function PageOfflineBanner() {
  if (process.env.TARO_ENV === 'h5') return null
  return <OfflineBanner />
}

export default OfflineBanner
