import { ERROR_CODES } from '../../mock-server/schemas/errors'
import { zhCN, type MessageKey } from '../../src/i18n/zh-CN'
import { enUS } from '../../src/i18n/en-US'
import { catalogs, formatYmd, interpolate, translate, getLocale, setLocale, resetLocaleForTests, subscribeLocale } from '../../src/i18n'
import { describeError, errorText, hasErrorText, isSessionError, toErrorInfo } from '../../src/i18n/errors'
import type { WeakPasswordReason } from '../../src/domain/password'
import { taroMock } from '../mocks/tarojs-taro'

jest.mock('../../src/services/platform', () => jest.requireActual('../mocks/services').platformMock())
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { platform } = require('../../src/services/platform') as { platform: { systemLocale: jest.Mock; storage: { data: Map<string, unknown> } } }

const LOCALES = ['zh-CN', 'en-US'] as const

describe('message catalogs', () => {
  it('en-US has exactly the keys of zh-CN', () => {
    expect(Object.keys(enUS).sort()).toEqual(Object.keys(zhCN).sort())
  })

  it('makes a missing or an extra en-US key a type error', () => {
    // Checked by `tsc --noEmit` (which includes test/): if either expected error below stopped
    // being an error, the type check would fail.
    const { 'home.search': dropped, ...withoutOne } = enUS
    // @ts-expect-error a catalog without 'home.search' is not a complete catalog
    const incomplete: Record<MessageKey, string> = withoutOne
    // @ts-expect-error a key zh-CN does not have is refused
    const extra = { ...enUS, 'home.notAKey': 'x' } satisfies Record<MessageKey, string>
    expect(dropped).toBe(enUS['home.search'])
    expect(Object.keys(incomplete)).toHaveLength(Object.keys(zhCN).length - 1)
    expect(Object.keys(extra)).toHaveLength(Object.keys(zhCN).length + 1)
  })

  it('has no empty message in either language', () => {
    for (const locale of LOCALES) {
      for (const [key, text] of Object.entries(catalogs[locale])) {
        expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false })
      }
    }
  })

  it('uses the same placeholders in both languages', () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort()
    for (const key of Object.keys(zhCN) as Array<keyof typeof zhCN>) {
      expect({ key, p: placeholders(enUS[key]) }).toEqual({ key, p: placeholders(zhCN[key]) })
    }
  })

  it('interpolates params and leaves unknown placeholders visible', () => {
    expect(interpolate('第{n}步，共{total}步', { n: 2, total: 5 })).toBe('第2步，共5步')
    expect(interpolate('hello {name}', {})).toBe('hello {name}')
    expect(translate('en-US', 'dots.label', { n: 3, total: 6 })).toBe('3 of 6 digits entered')
    expect(translate('zh-CN', 'dots.label', { n: 3, total: 6 })).toBe('已输入3位，共6位')
  })

  it('formats dates per language', () => {
    expect(formatYmd('20261125', 'zh-CN')).toBe('2026年11月25日')
    expect(formatYmd('20260105', 'en-US')).toBe('2026-01-05')
  })
})

describe('error words', () => {
  it('every server error code has words in both languages', () => {
    for (const code of ERROR_CODES) {
      for (const locale of LOCALES) {
        expect({ code, locale, known: hasErrorText(code, locale) }).toEqual({ code, locale, known: true })
        expect(errorText(code, locale)).not.toBe(errorText('UNKNOWN', locale))
      }
    }
  })

  it('client, platform, weak-password and face codes have words in both languages', () => {
    const weak: WeakPasswordReason[] = ['FORMAT', 'ALL_SAME', 'SEQUENTIAL', 'BIRTH_DATE', 'ID_SUFFIX', 'MISMATCH']
    const others = ['NETWORK', 'TIMEOUT', 'MALFORMED_RESPONSE', 'SERVER_ERROR', 'AUTH_CANCELLED', 'AUTH_FAILED', 'FACE_UNAVAILABLE', 'FACE_MISMATCH', 'USER_CANCELLED', 'NOT_COMPLETED', 'EXPIRED', 'SUPERSEDED', 'WRONG_PURPOSE']
    for (const code of [...weak, ...others]) {
      for (const locale of LOCALES) expect({ code, known: hasErrorText(code, locale) }).toEqual({ code, known: true })
    }
  })

  it('the two languages differ (nothing was left untranslated)', () => {
    for (const code of ERROR_CODES) expect(errorText(code, 'en-US')).not.toBe(errorText(code, 'zh-CN'))
  })

  it('an unknown code reads as the generic sentence', () => {
    expect(errorText('SOMETHING_NEW', 'en-US')).toBe(errorText('UNKNOWN', 'en-US'))
  })

  it('describes a code with its finer reason', () => {
    expect(describeError({ code: 'CERTIFY_NOT_PASSED', reason: 'FACE_MISMATCH' }, 'en-US')).toEqual({
      title: errorText('CERTIFY_NOT_PASSED', 'en-US'),
      detail: errorText('FACE_MISMATCH', 'en-US'),
    })
    expect(describeError({ code: 'WEAK_PASSWORD', reason: 'not-a-code' }, 'zh-CN')).toEqual({ title: errorText('WEAK_PASSWORD', 'zh-CN') })
  })

  it('reads code and reason off thrown values', () => {
    expect(toErrorInfo({ code: 'WEAK_PASSWORD', reason: 'BIRTH_DATE', status: 422 })).toEqual({ code: 'WEAK_PASSWORD', reason: 'BIRTH_DATE' })
    expect(toErrorInfo(new Error('boom'))).toEqual({ code: 'UNKNOWN' })
    expect(toErrorInfo(undefined)).toEqual({ code: 'UNKNOWN' })
    expect(isSessionError('TOKEN_EXPIRED')).toBe(true)
    expect(isSessionError('NO_PHYSICAL_CARD')).toBe(false)
  })
})

describe('the current locale', () => {
  beforeEach(() => {
    taroMock.reset()
    platform.storage.data.clear()
    resetLocaleForTests()
  })

  it('starts from the system language when nothing is stored', () => {
    platform.systemLocale.mockReturnValueOnce('en-US')
    expect(getLocale()).toBe('en-US')
  })

  it('prefers the stored choice and remembers a new one', () => {
    platform.storage.data.set('ecard.locale', 'en-US')
    expect(getLocale()).toBe('en-US')
    const heard: string[] = []
    subscribeLocale((l) => heard.push(l))
    setLocale('zh-CN')
    expect(getLocale()).toBe('zh-CN')
    expect(platform.storage.data.get('ecard.locale')).toBe('zh-CN')
    expect(heard).toEqual(['zh-CN'])
  })

  it('ignores a stored value that is not a language', () => {
    platform.storage.data.set('ecard.locale', 'fr-FR')
    platform.systemLocale.mockReturnValueOnce('zh-CN')
    expect(getLocale()).toBe('zh-CN')
  })
})
