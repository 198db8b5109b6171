import { useCallback, useSyncExternalStore } from 'react'
import { getLocale, setLocale, subscribeLocale, translate, type Locale, type MessageKey, type MessageParams } from '../i18n'

export interface I18n {
  t: (key: MessageKey, params?: MessageParams) => string
  locale: Locale
  setLocale: (locale: Locale) => void
}

/**
 * The current language for a component; every mounted page re-renders when it changes. React reads
 * the store itself (useSyncExternalStore): no effect and no second render per component on mount,
 * and a change made between a render and its subscription is still seen.
 */
export function useI18n(): I18n {
  const locale = useSyncExternalStore(subscribeLocale, getLocale, getLocale)
  const t = useCallback((key: MessageKey, params?: MessageParams) => translate(locale, key, params), [locale])
  return { t, locale, setLocale }
}
