import type { UserConfigExport } from '@tarojs/cli'

export default {
  logger: { quiet: false, stats: true },
  mini: {},
  // No hot reload in `npm run dev:h5`: Taro's React Refresh needs packages this project does not
  // install (its webpack plugin here, its Babel plugin off in babel.config.js); a change still rebuilds.
  h5: { devServer: { hot: false } },
} satisfies UserConfigExport<'webpack5'>
