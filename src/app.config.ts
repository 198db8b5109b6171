// Paths here must equal src/flow/routes.ts (without the leading slash); test/component/appConfig.test.tsx checks it.
// The main package holds the first screens only (steps 1-4). The claim flow and the card's management
// (pages/ecard, entered through ecard/entry) and the offline guide are subpackages, so neither the API
// client, the SM2 library, the QR encoder nor the guide's content load before the person asks for them;
// test/build/size.test.ts holds the main package to its size budget.
export default defineAppConfig({
  pages: ['pages/home/index', 'pages/apps/index', 'pages/city-services/index', 'pages/social-security/index'],
  subPackages: [
    {
      root: 'pages/ecard',
      // face/index is the H5 simulator's stand-in for the platform's face screen (only the H5 platform
      // adapter opens it); Alipay opens its own, so the Alipay build leaves the page out.
      pages: ['entry/index', 'authorize/index', 'confirm/index', 'verify/index', 'face/index', 'password/index', 'card/index', 'card-settings/index'].filter(
        (page) => process.env.TARO_ENV !== 'alipay' || page !== 'face/index',
      ),
    },
    // Its page keeps its path (pages/guide/index): a subpackage of one page.
    { root: 'pages/guide', pages: ['index'] },
  ],
  // Both load while the person is still reading the social security services: the e-card and the
  // offline route are each one tap away from there.
  preloadRule: {
    'pages/social-security/index': { network: 'all', packages: ['pages/ecard', 'pages/guide'] },
  },
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f5f5f5',
    navigationBarBackgroundColor: '#1677ff',
    navigationBarTitleText: '支付宝',
    navigationBarTextStyle: 'white',
  },
})
