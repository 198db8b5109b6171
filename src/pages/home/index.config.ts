export default definePageConfig({
  navigationBarTitleText: '支付宝',
  navigationBarBackgroundColor: '#1677ff',
  navigationBarTextStyle: 'white',
})
