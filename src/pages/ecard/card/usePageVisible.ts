import { useState } from 'react'
import { useDidHide, useDidShow } from '@tarojs/taro'

/**
 * True while this page is the one showing: false once another page covers it or the app goes to
 * the background (useDidHide), true again when it comes back (useDidShow). Timers hang off it.
 */
export function usePageVisible(): boolean {
  const [visible, setVisible] = useState(true)
  useDidShow(() => setVisible(true))
  useDidHide(() => setVisible(false))
  return visible
}
