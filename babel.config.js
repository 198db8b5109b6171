// babel-preset-taro switches modules to CommonJS when NODE_ENV=test, which is what Jest needs.
module.exports = {
  presets: [
    ['taro', {
      framework: 'react',
      ts: true,
      compiler: 'webpack5',
      // no React Refresh in development H5 builds: see config/dev.ts
      hot: false,
    }],
  ],
}
