import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'

/**
 * On H5, Taro's React View keeps three pieces of state and runs an effect after mounting, for every
 * View, to support a hover class that few Views have; the card page has about fifty. The build
 * swaps it for config/h5-view/view.js, which hands a View with a hover class (or a long press) to
 * Taro's and renders any other as the same <div> (docs/benchmarks.md, LCP sixth round). The swap
 * spares the module that does the handing over, so it still gets Taro's.
 */
export const LIGHT_VIEW = join(__dirname, 'h5-view', 'view.js')

const TARO_VIEW = /[\\/]@tarojs[\\/]components-react[\\/]dist[\\/]components[\\/]view[\\/]index\.js$/

interface ResolveData {
  contextInfo: { issuer: string }
  createData: { resource?: string; request?: string; userRequest?: string }
}

/** [pattern, replace] for webpack's NormalModuleReplacementPlugin; throws when Taro no longer has the module (an upgrade moved it). */
export function h5ViewReplacement(): [RegExp, (data: ResolveData) => void] {
  const taroView = join(dirname(require.resolve('@tarojs/components-react/package.json')), 'dist', 'components', 'view', 'index.js')
  if (!existsSync(taroView)) throw new Error('config/h5View.ts: @tarojs/components-react has no dist/components/view/index.js any more; review the H5 View swap for this Taro version')
  return [
    TARO_VIEW,
    (data) => {
      const created = data.createData
      if (data.contextInfo.issuer === LIGHT_VIEW || !created.resource) return
      // webpack names a module after its request: renamed too, so Taro's View stays a module of its own
      const taro = created.resource
      created.resource = LIGHT_VIEW
      if (created.request) created.request = created.request.split(taro).join(LIGHT_VIEW)
      if (created.userRequest) created.userRequest = created.userRequest.split(taro).join(LIGHT_VIEW)
    },
  ]
}
