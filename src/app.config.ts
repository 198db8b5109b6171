export default defineAppConfig({
  pages: ['pages/home/index'],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1677ff',
    navigationBarTitleText: '支付宝',
    navigationBarTextStyle: 'white',
  },
})
