// Paths here must equal src/flow/routes.ts (without the leading slash); test/component/appConfig.test.tsx checks it.
export default defineAppConfig({
  pages: ['pages/home/index', 'pages/apps/index', 'pages/city-services/index', 'pages/social-security/index', 'pages/guide/index'],
  subPackages: [
    {
      root: 'pages/ecard',
      pages: ['authorize/index', 'confirm/index', 'verify/index', 'face/index', 'password/index', 'card/index', 'card-settings/index'],
    },
  ],
  // The claim pages load while the person is still reading the social security services.
  preloadRule: {
    'pages/social-security/index': { network: 'all', packages: ['pages/ecard'] },
  },
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f5f5f5',
    navigationBarBackgroundColor: '#1677ff',
    navigationBarTitleText: '支付宝',
    navigationBarTextStyle: 'white',
  },
})
