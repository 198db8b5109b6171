import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import type { IMiniAppConfig } from '@tarojs/taro/types/compile'
import devConfig from './dev'
import prodConfig from './prod'
import { resolveApiBase } from './apiBase'
import { axiosStubReplacements } from './axiosSlim'
import { h5ComponentStyleReplacements } from './h5ComponentStyles'
import { CompileHintsPlugin } from './compileHints'
import { h5TextReplacement, h5ViewReplacement } from './h5View'

type WebpackChainArgs = Parameters<NonNullable<IMiniAppConfig<'webpack5'>['webpackChain']>>

/**
 * What both builds share: axios without the transports and encoders the app never runs
 * (config/axiosSlim.ts); and src/services/api/index.ts, which only re-exports, marked free of side
 * effects, so each import from it pulls in only the modules that define what is used: the card page
 * then loads no SM2 (docs/benchmarks.md, LCP).
 */
function slimChain(chain: WebpackChainArgs[0], webpack: WebpackChainArgs[1]) {
  axiosStubReplacements().forEach(([pattern, stub], i) => chain.plugin(`axios-slim-${i}`).use(webpack.NormalModuleReplacementPlugin, [pattern, stub]))
  // webpack-chain 6 has Rule#sideEffects at run time; its types leave it out.
  const reexports = chain.module.rule('api-reexports').test(/[\\/]src[\\/]services[\\/]api[\\/]index\.ts$/) as unknown as { sideEffects(value: boolean): unknown }
  reexports.sideEffects(false)
}

/**
 * H5 adds: of Taro's component styles, only those of the components the app renders
 * (config/h5ComponentStyles.ts); a lighter View and Text (config/h5View.ts); and the compile hint on every
 * JS file (config/compileHints.ts).
 */
function h5Chain(chain: WebpackChainArgs[0], webpack: WebpackChainArgs[1]) {
  slimChain(chain, webpack)
  h5ComponentStyleReplacements().forEach(([pattern, css], i) => chain.plugin(`h5-component-styles-${i}`).use(webpack.NormalModuleReplacementPlugin, [pattern, css]))
  chain.plugin('h5-view').use(webpack.NormalModuleReplacementPlugin, h5ViewReplacement())
  chain.plugin('h5-text').use(webpack.NormalModuleReplacementPlugin, h5TextReplacement())
  chain.plugin('compile-hints').use(CompileHintsPlugin)
}

// TARO_APP_API_BASE is the one setting an integrator changes; it is checked here, at build time,
// so a bad value stops the build instead of failing on a phone.
export default defineConfig(async (merge) => {
  const platform = process.env.TARO_ENV ?? 'h5'
  const apiBase = resolveApiBase(process.env.TARO_APP_API_BASE, platform)

  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'e-social-security-card',
    date: '2026-11-25',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // TARO_OUTPUT_DIR lets parallel builds (tests, benchmarks) write apart; dist/<platform> by default.
    outputRoot: process.env.TARO_OUTPUT_DIR || `dist/${platform}`,
    plugins: [],
    defineConstants: {
      'process.env.TARO_APP_API_BASE': JSON.stringify(apiBase),
    },
    // The Alipay IDE opens dist/alipay on its own; it needs its project file there.
    copy: {
      patterns: platform === 'alipay' ? [{ from: 'config/alipay/mini.project.json', to: `${process.env.TARO_OUTPUT_DIR || 'dist/alipay'}/mini.project.json` }] : [],
      options: {},
    },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    // Taro's mini-program minifier escapes every non-ASCII character (\uXXXX: 6 bytes where UTF-8
    // needs 3); the catalogs and the guide are mostly Chinese. Alipay reads JS as UTF-8, and terser
    // still escapes U+2028/2029 and the BOM. Saves about 15 KB (docs/benchmarks.md).
    terser: { enable: true, config: { output: { ascii_only: false } } },
    mini: {
      webpackChain: slimChain,
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      // Taro's React components (View is a <div>) instead of its web components: no custom elements
      // to define, upgrade and slot on the first paint, and a smaller main bundle
      // (docs/benchmarks.md, LCP fourth round). Buttons are the app's own on H5 (components/AppButton).
      useHtmlComponents: true,
      webpackChain: h5Chain,
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[contenthash:8].css', chunkFilename: 'css/[name].[contenthash:8].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
