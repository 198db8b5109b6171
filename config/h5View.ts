import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'

/**
 * The H5 build's lighter View and Text (docs/architecture.md).
 *
 * Taro's React View keeps three pieces of state and runs an effect after mounting, for every View,
 * to support a hover class that few Views have; the card page has about fifty. The build
 * swaps it for config/h5-view/view.js, which hands a View with a hover class (or a long press) to
 * Taro's and renders any other as the same <div> (docs/benchmarks.md, LCP sixth round). The swap
 * spares the module that does the handing over, so it still gets Taro's.
 */
export const LIGHT_VIEW = join(__dirname, 'h5-view', 'view.js')

/**
 * Taro's React Text is two components, a forwardRef wrapper and the Text, each copying the props;
 * the build swaps it for config/h5-view/text.js, one component rendering the same <span>.
 */
export const LIGHT_TEXT = join(__dirname, 'h5-view', 'text.js')

const TARO_TEXT = /[\\/]@tarojs[\\/]components-react[\\/]dist[\\/]components[\\/]text[\\/]index\.js$/

const TARO_VIEW = /[\\/]@tarojs[\\/]components-react[\\/]dist[\\/]components[\\/]view[\\/]index\.js$/

interface ResolveData {
  contextInfo: { issuer: string }
  createData: { resource?: string; request?: string; userRequest?: string }
}

/** Throws when Taro no longer has the component's module (an upgrade moved it), so a swap cannot silently stop applying. */
function assertTaroComponent(name: string): void {
  const file = join(dirname(require.resolve('@tarojs/components-react/package.json')), 'dist', 'components', name, 'index.js')
  if (!existsSync(file)) throw new Error(`config/h5View.ts: @tarojs/components-react has no dist/components/${name}/index.js any more; review the H5 ${name} swap for this Taro version`)
}

/** [pattern, replace] for webpack's NormalModuleReplacementPlugin: `light` for each import of the module `pattern` matches, but `light`'s own. */
function swap(pattern: RegExp, light: string): [RegExp, (data: ResolveData) => void] {
  return [
    pattern,
    (data) => {
      const created = data.createData
      if (data.contextInfo.issuer === light || !created.resource) return
      // webpack names a module after its request: renamed too, so Taro's module stays one of its own
      const taro = created.resource
      created.resource = light
      if (created.request) created.request = created.request.split(taro).join(light)
      if (created.userRequest) created.userRequest = created.userRequest.split(taro).join(light)
    },
  ]
}

export function h5ViewReplacement(): [RegExp, (data: ResolveData) => void] {
  assertTaroComponent('view')
  return swap(TARO_VIEW, LIGHT_VIEW)
}

export function h5TextReplacement(): [RegExp, (data: ResolveData) => void] {
  assertTaroComponent('text')
  return swap(TARO_TEXT, LIGHT_TEXT)
}
