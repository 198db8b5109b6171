import fs from 'node:fs'
import path from 'node:path'
import postcss from 'postcss'

/**
 * The H5 build's share of Taro's component styles. With `useHtmlComponents`, Taro's H5 entry imports
 * the whole stylesheet of its React components (@tarojs/components-react/dist/index.css, 13 KB: the
 * button and its spinner image from a third-party host, weui icons, image modes, the picker...), and
 * its platform runtime imports the web components' stylesheet (taro-components.css, 8 KB: an icon
 * font and rules for elements the React components never render). Both are injected from the main
 * bundle on the first paint. The build keeps only the rules of the components the app renders on H5
 * (docs/architecture.md); a test holds this list to the app's imports.
 */

/** Taro components the app imports, and the class prefixes of their styles. View has none. */
export const H5_COMPONENT_STYLES: Record<string, string[]> = {
  View: [],
  Text: ['taro-text'],
  Input: ['taro-input', 'weui-input'],
  // its columns are Taro ScrollViews
  Picker: ['taro-picker', 'taro-scroll'],
  // mini-program branch of QrCode only; kept in case a page shows one on H5
  Image: ['taro-img'],
  // AppButton.h5.tsx is the browser's own <button>; Taro's Button is the mini-programs'
  Button: [],
}

const TARO_REACT_CSS = /@tarojs[\\/]components-react[\\/]dist[\\/]index\.css$/
const TARO_WEB_COMPONENTS_CSS = /@tarojs[\\/]components[\\/]dist[\\/]taro-components[\\/]taro-components\.css$/

/** Taro's React components stylesheet with only the rules (and keyframes) that name one of `prefixes`. */
export function keepComponentRules(css: string, prefixes: string[]): string {
  if (!prefixes.length) return ''
  // a prefix as a whole part of a class name: `taro-text` keeps .taro-text__selectable, not .taro-textarea
  const names = new RegExp(`(^|[^a-z-])(${prefixes.join('|')})(?![a-z])`)
  const root = postcss.parse(css)
  root.each((node) => {
    const keep = node.type === 'rule' ? names.test(node.selector) : node.type === 'atrule' && /keyframes$/.test(node.name) && names.test(node.params)
    if (!keep) node.remove()
  })
  return root.toString()
}

/**
 * Writes the two replacement stylesheets under node_modules/.cache and returns the pairs for
 * NormalModuleReplacementPlugin: Taro's stylesheet → the filtered one, the web components' → empty.
 */
export function h5ComponentStyleReplacements(root: string = path.join(__dirname, '..')): Array<[RegExp, string]> {
  const dir = path.join(root, 'node_modules', '.cache', 'ecard-h5-styles')
  fs.mkdirSync(dir, { recursive: true })
  const source = require.resolve('@tarojs/components-react/dist/index.css', { paths: [root] })
  const prefixes = [...new Set(Object.values(H5_COMPONENT_STYLES).flat())]
  const kept = path.join(dir, 'components-react.css')
  fs.writeFileSync(kept, `/* from ${path.relative(root, source)}: the rules of ${prefixes.join(', ')} (config/h5ComponentStyles.ts) */\n${keepComponentRules(fs.readFileSync(source, 'utf8'), prefixes)}\n`)
  const empty = path.join(dir, 'web-components.css')
  fs.writeFileSync(empty, '/* the web components\' styles: not rendered with useHtmlComponents (config/h5ComponentStyles.ts) */\n')
  return [
    [TARO_REACT_CSS, kept],
    [TARO_WEB_COMPONENTS_CSS, empty],
  ]
}
