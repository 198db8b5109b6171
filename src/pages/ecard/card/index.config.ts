export default definePageConfig({ navigationBarTitleText: '我的电子社保卡' })
