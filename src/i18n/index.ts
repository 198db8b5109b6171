import { platform, type Locale } from '../services/platform'
import { zhCN, type MessageKey } from './zh-CN'
import { enUS } from './en-US'

export type { Locale } from '../services/platform'
export type { MessageKey } from './zh-CN'

export const LOCALES: readonly Locale[] = ['zh-CN', 'en-US']
export const DEFAULT_LOCALE: Locale = 'zh-CN'

export const catalogs: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, 'en-US': enUS }

export type MessageParams = Record<string, string | number>

/** Replaces `{name}` with params.name; unknown placeholders stay visible so a gap is noticed. */
export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  return interpolate(catalogs[locale][key] ?? catalogs[DEFAULT_LOCALE][key] ?? key, params)
}

// --- the current locale: one value for the whole app, remembered in the host's storage ---------

const LOCALE_KEY = 'ecard.locale'

let current: Locale | undefined
const listeners = new Set<(locale: Locale) => void>()

function isLocale(v: unknown): v is Locale {
  return v === 'zh-CN' || v === 'en-US'
}

/** The stored choice, else the system language, else zh-CN. */
export function getLocale(): Locale {
  if (current) return current
  let stored: unknown
  try {
    stored = platform.storage.get<string>(LOCALE_KEY)
  } catch {
    stored = undefined
  }
  if (isLocale(stored)) current = stored
  else {
    try {
      current = platform.systemLocale()
    } catch {
      current = DEFAULT_LOCALE
    }
  }
  if (!isLocale(current)) current = DEFAULT_LOCALE
  applyDocumentLanguage(current)
  return current
}

/** On H5, the page's own language follows the app's (screen readers pick their voice from it). */
function applyDocumentLanguage(locale: Locale) {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined' || !document.documentElement) return
  // no write when nothing changes (index.html already says zh-CN)
  if (document.documentElement.lang !== locale) document.documentElement.lang = locale
}

export function setLocale(locale: Locale) {
  current = locale
  applyDocumentLanguage(locale)
  try {
    platform.storage.set(LOCALE_KEY, locale)
  } catch {
    // Storage full or unavailable: the choice still holds for this session.
  }
  listeners.forEach((l) => l(locale))
}

export function subscribeLocale(listener: (locale: Locale) => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** For tests: forget the in-memory choice so the next read starts from storage again. */
export function resetLocaleForTests() {
  current = undefined
  listeners.clear()
}

/** YYYYMMDD as 2026年11月25日 or 2026-11-25. */
export function formatYmd(ymd: string, locale: Locale): string {
  if (!/^\d{8}$/.test(ymd)) return ymd
  const y = ymd.slice(0, 4)
  const m = ymd.slice(4, 6)
  const d = ymd.slice(6, 8)
  return locale === 'zh-CN' ? `${y}年${Number(m)}月${Number(d)}日` : `${y}-${m}-${d}`
}
