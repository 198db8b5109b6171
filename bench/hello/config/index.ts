import { defineConfig } from '@tarojs/cli'

// The same build settings as the app (../../config/index.ts), minus everything app-specific.
export default defineConfig({
  projectName: 'bench-hello',
  designWidth: 750,
  deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
  sourceRoot: 'src',
  outputRoot: process.env.TARO_OUTPUT_DIR || `dist/${process.env.TARO_ENV}`,
  framework: 'react',
  compiler: { type: 'webpack5', prebundle: { enable: false } },
  cache: { enable: false },
  mini: { postcss: { pxtransform: { enable: true, config: {} } } },
  h5: {
    publicPath: '/',
    staticDirectory: 'static',
    router: { mode: 'hash' },
    output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
    postcss: { autoprefixer: { enable: true, config: {} } },
  },
})
