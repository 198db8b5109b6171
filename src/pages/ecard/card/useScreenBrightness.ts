import { useEffect } from 'react'
import Taro from '@tarojs/taro'

/**
 * Full brightness while `bright` (the QR code is on screen), so a scanner reads it; the previous
 * brightness comes back when it stops (page hidden, unmounted, code gone). Alipay only: Taro maps
 * these calls to my.getScreenBrightness / my.setScreenBrightness there, and H5 has no such API, so
 * it is skipped. Every failure is ignored — brightness is a nicety, never a reason to fail.
 *
 * It calls Taro directly rather than through services/platform: two calls that Taro already
 * adapts per platform did not justify widening the Platform interface and both adapters.
 */
export function useScreenBrightness(bright: boolean, supported: boolean = process.env.TARO_ENV === 'alipay') {
  useEffect(() => {
    if (!bright || !supported) return
    let cancelled = false
    let previous: number | undefined
    const raise = async () => {
      try {
        const res = await Taro.getScreenBrightness()
        if (cancelled || typeof res?.value !== 'number') return
        previous = res.value
        await Taro.setScreenBrightness({ value: 1 })
      } catch {
        // Not allowed or not available here: leave the screen as it is.
      }
    }
    void raise()
    return () => {
      cancelled = true
      if (previous === undefined) return
      try {
        void Promise.resolve(Taro.setScreenBrightness({ value: previous })).catch(() => undefined)
      } catch {
        // as above
      }
    }
  }, [bright, supported])
}
