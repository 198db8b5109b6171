/** The H5 build keeps only the Taro component styles the app renders (config/h5ComponentStyles.ts). */
import fs from 'node:fs'
import path from 'node:path'
import postcss from 'postcss'
import { H5_COMPONENT_STYLES, keepComponentRules } from '../../config/h5ComponentStyles'

const ROOT = path.join(__dirname, '..', '..')
const taroCss = fs.readFileSync(require.resolve('@tarojs/components-react/dist/index.css', { paths: [ROOT] }), 'utf8')
const appPrefixes = [...new Set(Object.values(H5_COMPONENT_STYLES).flat())]

const selectors = (css: string): string[] => {
  const out: string[] = []
  postcss.parse(css).walkRules((r) => {
    if (r.parent?.type === 'root') out.push(r.selector)
  })
  return out
}
const keyframes = (css: string): string[] => {
  const out: string[] = []
  postcss.parse(css).walkAtRules(/keyframes$/, (a) => {
    out.push(a.params)
  })
  return out
}

describe("Taro's React components stylesheet, as the H5 build ships it", () => {
  const kept = keepComponentRules(taroCss, appPrefixes)

  it("keeps the picker's, its scroll columns', the input's and the text's rules, with the picker's animations", () => {
    expect(selectors(kept)).toEqual(
      expect.arrayContaining([
        '.taro-picker__overlay',
        '.taro-picker-theme-light .taro-picker__item--selected',
        '.taro-scroll-view__scroll-y',
        '.weui-input',
        '.taro-input-core',
        '.taro-text__selectable',
      ]),
    )
    expect(keyframes(kept)).toEqual(expect.arrayContaining(['taro-picker__slide-up', 'taro-picker__fade-out']))
  })

  it("drops the button, its spinner from another host, the weui icons and pull-to-refresh", () => {
    expect(selectors(taroCss).some((s) => s.includes('taro-button'))).toBe(true)
    expect(taroCss).toMatch(/url\(https?:/)
    expect(selectors(kept).filter((s) => /taro-button|taro-btn|weui-icon|weui-loading|rmc-pull-to-refresh|swiper/.test(s))).toEqual([])
    expect(keyframes(kept)).not.toContain('weuiLoading')
    expect(kept).not.toMatch(/url\(/)
    expect(kept.length).toBeLessThan(taroCss.length / 2)
  })

  it('matches a prefix as a whole class name part, not the start of another word', () => {
    const css = '.a-b{x:1}.a-b__c{x:2}.a-b-d{x:3}.a-bc{x:4}.z .a-b{x:5}.other{x:6}@keyframes a-b__in{0%{x:0}}@keyframes other{0%{x:0}}@font-face{font-family:f}'
    expect(selectors(keepComponentRules(css, ['a-b']))).toEqual(['.a-b', '.a-b__c', '.a-b-d', '.z .a-b'])
    expect(keyframes(keepComponentRules(css, ['a-b']))).toEqual(['a-b__in'])
    expect(keepComponentRules(css, [])).toBe('')
  })
})

describe('the list of Taro components the app renders', () => {
  // Every Taro component imported anywhere in src/ has an entry: a new one has its styles listed, or
  // it would render unstyled on H5.
  const imported = new Set<string>()
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else if (/\.tsx?$/.test(e.name)) {
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/import\s*(?:type\s*)?\{([^}]+)\}\s*from\s*'@tarojs\/components'/g)) {
          for (const name of m[1].split(',')) {
            const n = name.replace(/\btype\b/, '').trim().split(/\s+as\s+/)[0]
            if (n && /^[A-Z]/.test(n) && !/Props$/.test(n)) imported.add(n)
          }
        }
      }
    }
  }
  walk(path.join(ROOT, 'src'))

  it('covers every component src/ imports', () => {
    expect(imported.size).toBeGreaterThan(2)
    expect([...imported].filter((n) => !(n in H5_COMPONENT_STYLES))).toEqual([])
  })
})
