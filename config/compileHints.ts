import type { Compiler } from 'webpack'

/**
 * V8 compiles a script's functions lazily: each one is parsed again and compiled on the main thread
 * the first time it runs. At launch that is most of the main bundle and of the opening page's chunk,
 * on the thread that has to paint the page. This comment, at the top of a file, asks Chromium (136
 * and later, so Android's WebView too) to compile all of the file's functions eagerly, on the
 * background thread that streams the script in. Other engines ignore it. Every H5 chunk is loaded
 * when the app or a page starts, and then runs most of what it holds (docs/benchmarks.md, LCP sixth
 * round; docs/architecture.md).
 */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n'

/**
 * Puts the hint on every emitted JS file. It runs after minification (the minifier would drop the
 * comment) and before the real content hashes are taken (the file names follow the bytes).
 */
export class CompileHintsPlugin {
  apply(compiler: Compiler) {
    const { Compilation, sources } = compiler.webpack
    compiler.hooks.thisCompilation.tap('CompileHintsPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'CompileHintsPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE + 1 }, (assets) => {
        for (const name of Object.keys(assets)) {
          if (!name.endsWith('.js')) continue
          compilation.updateAsset(name, (source) => new sources.ConcatSource(COMPILE_HINT, source))
        }
      })
    })
  }
}
