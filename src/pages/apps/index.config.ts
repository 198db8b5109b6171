export default definePageConfig({ navigationBarTitleText: '全部应用' })
