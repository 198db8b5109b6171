import { useCallback } from 'react'
import Taro from '@tarojs/taro'
import { useI18n } from './useI18n'

/** What a decorative tile does when tapped: says plainly that it is not part of this demo. */
export function useNotInDemo(): (name: string) => void {
  const { t } = useI18n()
  return useCallback(
    (name: string) => {
      void Promise.resolve(Taro.showToast({ title: t('common.notInDemo', { name }), icon: 'none', duration: 2000 })).catch(() => undefined)
    },
    [t],
  )
}
