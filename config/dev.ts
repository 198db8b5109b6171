import type { UserConfigExport } from '@tarojs/cli'

export default {
  logger: { quiet: false, stats: true },
  mini: {},
  // `npm run dev:h5` is a watch build that the mock server serves, not a dev server: no hot reload,
  // so no React Refresh (babel.config.js turns off its Babel half; neither package is installed).
  h5: { devServer: { hot: false } },
} satisfies UserConfigExport<'webpack5'>
