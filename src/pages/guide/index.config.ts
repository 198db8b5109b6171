export default definePageConfig({ navigationBarTitleText: '社保卡办理指南' })
