import { useEffect } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import type { MessageKey } from '../i18n'
import { useI18n } from './useI18n'

function setTitle(title: string) {
  try {
    void Promise.resolve(Taro.setNavigationBarTitle({ title })).catch(() => undefined)
  } catch {
    // A host without a navigation bar: nothing to update.
  }
}

/** Keeps the navigation bar title in the current language while the page shows. */
export function usePageTitle(key: MessageKey) {
  const { t } = useI18n()
  const title = t(key)
  useEffect(() => {
    setTitle(title)
  }, [title])
  useDidShow(() => setTitle(title))
}
