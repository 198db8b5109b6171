export default definePageConfig({ navigationBarTitleText: '支付宝授权' })
