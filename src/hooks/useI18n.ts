import { useCallback, useEffect, useState } from 'react'
import { getLocale, setLocale, subscribeLocale, translate, type Locale, type MessageKey, type MessageParams } from '../i18n'

export interface I18n {
  t: (key: MessageKey, params?: MessageParams) => string
  locale: Locale
  setLocale: (locale: Locale) => void
}

/** The current language for a component; every mounted page re-renders when it changes. */
export function useI18n(): I18n {
  const [locale, setState] = useState<Locale>(getLocale)
  useEffect(() => {
    // The locale may have changed between the first render and this subscription.
    setState(getLocale())
    return subscribeLocale(setState)
  }, [])
  const t = useCallback((key: MessageKey, params?: MessageParams) => translate(locale, key, params), [locale])
  return { t, locale, setLocale }
}
