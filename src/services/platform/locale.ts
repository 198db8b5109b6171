import type { Locale } from './types'

/** zh* (any Chinese) is zh-CN; everything else English; unknown defaults to zh-CN. */
export function toLocale(language: string | undefined | null): Locale {
  if (!language) return 'zh-CN'
  return /^zh/i.test(language) ? 'zh-CN' : 'en-US'
}
