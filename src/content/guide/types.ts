/** Shared shapes of the guide's content: every user-facing string exists in both languages. */

export type GuideLocale = 'zh-CN' | 'en-US'

export type Bilingual = { readonly [L in GuideLocale]: string }
