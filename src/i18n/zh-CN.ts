/**
 * The zh-CN catalog: the default language and the source of the key set. en-US must have exactly
 * these keys (see en-US.ts). Error codes have their words in ./errors.ts, not here.
 */
export const zhCN = {
  // --- common -------------------------------------------------------------
  'common.loading': '加载中…',
  'common.retry': '重试',
  'common.empty': '暂无内容',
  'common.notInDemo': '「{name}」不在本演示范围内',
  'common.openLabel': '打开{name}',

  // --- navigation bar titles ----------------------------------------------
  'nav.home': '支付宝',
  'nav.apps': '全部应用',
  'nav.cityServices': '城市服务',
  'nav.socialSecurity': '社保',
  'nav.guide': '社保卡办理指南',
  'nav.authorize': '支付宝授权',
  'nav.confirm': '电子社保卡',
  'nav.verify': '身份认证',
  'nav.face': '刷脸认证',
  'nav.password': '设置密码',
  'nav.card': '我的电子社保卡',

  // --- the step bar on the claim pages -------------------------------------
  'step.authorize': '授权',
  'step.confirm': '确认信息',
  'step.verify': '身份认证',
  'step.face': '刷脸',
  'step.password': '设置密码',
  'step.label': '第{n}步，共{total}步：{name}',

  // --- apps (tiles on home, the app list and City Services) ----------------
  'app.scan': '扫一扫',
  'app.pay': '收付款',
  'app.travel': '出行',
  'app.cards': '卡包',
  'app.transfer': '转账',
  'app.creditCard': '信用卡还款',
  'app.topUp': '充值中心',
  'app.yuebao': '余额宝',
  'app.huabei': '花呗',
  'app.sesame': '芝麻信用',
  'app.redPacket': '红包',
  'app.more': '更多',
  'app.cityServices': '城市服务',
  'app.bills': '生活缴费',
  'app.health': '医疗健康',
  'app.parcels': '我的快递',
  'app.fund': '基金',
  'app.insurance': '保险',
  'app.splitBill': 'AA收款',
  'app.movies': '电影演出',
  'app.food': '外卖美食',
  'app.socialSecurity': '社保',
  'app.housingFund': '公积金',
  'app.medicalInsurance': '医保',
  'app.trafficFines': '交通违法',
  'app.exitEntry': '出入境',
  'app.incomeTax': '个税',
  'app.hospital': '预约挂号',
  'app.residence': '居住证',

  // --- home ---------------------------------------------------------------
  'home.searchPlaceholder': '搜索服务、应用',
  'home.search': '搜索',
  'home.langSwitch': 'EN',
  'home.langSwitchLabel': '切换为英文',
  'home.bannerTitle': '电子社保卡，在支付宝里申领',
  'home.bannerHint': '点「更多」→ 城市服务 → 社保 → 电子社保卡',

  // --- apps ---------------------------------------------------------------
  'apps.convenience': '便民生活',
  'apps.wealth': '财富管理',
  'apps.payments': '资金往来',
  'apps.leisure': '购物娱乐',

  // --- city services ------------------------------------------------------
  'city.current': '当前城市',
  'city.name': '杭州市',
  'city.popular': '热门服务',
  'city.note': '以下为本市可办理的政务与生活服务',

  // --- social security ----------------------------------------------------
  'ss.headerTitle': '社保服务',
  'ss.headerSub': '人力资源和社会保障服务，一站办理',
  'ss.online': '线上服务',
  'ss.ecard': '电子社保卡',
  'ss.ecardDesc': '申领、查看并出示电子社保卡',
  'ss.records': '社保查询',
  'ss.recordsDesc': '参保记录与缴费明细',
  'ss.payment': '社保缴费',
  'ss.paymentDesc': '灵活就业人员缴费',
  'ss.pension': '养老金查询',
  'ss.pensionDesc': '待遇发放记录',
  'ss.offline': '线下办理',
  'ss.guide': '实体社保卡线下办理',
  'ss.guideDesc': '带身份证到经办网点申领',

  // --- authorize ----------------------------------------------------------
  'auth.requester': '电子社保卡',
  'auth.requesterDesc': '国家社会保险公共服务平台',
  'auth.asks': '申请获取以下信息',
  'auth.scopeName': '你的姓名',
  'auth.scopeIdNumber': '你的身份证号',
  'auth.scopeRegion': '你的参保地区',
  'auth.scopeFace': '人脸识别认证',
  'auth.note': '同意后，该服务将按其隐私政策使用以上信息，用于为你申领电子社保卡。',
  'auth.agree': '同意',
  'auth.cancel': '取消',
  'auth.cancelLabel': '取消授权并返回',

  // --- confirm ------------------------------------------------------------
  'confirm.title': '你的电子社保卡信息',
  'confirm.subtitle': '请核对以下信息，确认无误后领取',
  'confirm.name': '姓名',
  'confirm.idNumber': '证件号码',
  'confirm.region': '参保地',
  'confirm.agreement': '用户协议',
  'confirm.expand': '展开全文',
  'confirm.collapse': '收起',
  'confirm.check': '我已阅读并同意《{title}》',
  'confirm.submit': '同意协议并领取',
  'confirm.openGuide': '查看线下办理方式',
  'confirm.warningTitle': '领取前请注意',

  // --- verify -------------------------------------------------------------
  'verify.title': '人脸识别认证',
  'verify.intro': '为确认是你本人在申领，需要进行一次人脸识别认证。',
  'verify.consentTitle': '人脸识别认证授权',
  'verify.consentBody':
    '1. 你将通过支付宝的人脸识别服务，将你的人脸图像与国家权威身份数据比对，以确认是你本人。\n' +
    '2. 人脸图像仅用于本次身份认证，认证服务方只向电子社保卡服务返回“通过/未通过”的结果，不返回你的人脸图像。\n' +
    '3. 请确保光线充足、正对手机，按提示眨眼。\n' +
    '4. 如不同意，你可以通过线下经办网点办理社保卡。',
  'verify.check': '我已阅读并同意《人脸识别认证授权》',
  'verify.start': '开始认证',
  'verify.continue': '继续设置密码',
  'verify.certified': '你已通过人脸识别认证',
  'verify.checking': '正在查询认证结果…',

  // --- face (H5 stand-in for the platform's face screen) --------------------
  'face.prompt': '请眨眨眼',
  'face.hint': '请正对手机，确保光线充足',
  'face.cameraLabel': '摄像头预览',
  'face.noCamera': '未能打开摄像头，模拟认证仍可继续',
  'face.simulatorNote': '此页面在 H5 模拟器中代替支付宝的刷脸页面',
  'face.qaTitle': 'QA：选择认证结果',
  'face.pass': '通过',
  'face.fail': '不通过',
  'face.cancel': '取消',

  // --- password -----------------------------------------------------------
  'password.setTitle': '设置6位数字密码',
  'password.confirmTitle': '请再次输入密码',
  'password.readyTitle': '密码已确认',
  'password.readyHint': '点击「完成」领取电子社保卡',
  'password.hint': '密码不能是相同数字、连续数字、出生日期或证件号后六位',
  'password.alreadySet': '密码已设置，点击「完成」领取电子社保卡',
  'password.finish': '完成',
  'password.restart': '重新设置',
  'password.openKeypad': '点击输入密码',

  // --- password dots and keypad -------------------------------------------
  'dots.label': '已输入{n}位，共{total}位',
  'keypad.title': '安全键盘',
  'keypad.delete': '删除',
  'keypad.hide': '收起键盘',
  'keypad.digit': '数字{d}',

  // --- card ---------------------------------------------------------------
  'card.nationalTitle': '中华人民共和国社会保障卡',
  'card.ecardBadge': '电子社保卡',
  'card.name': '姓名',
  'card.idNumber': '社会保障号码',
  'card.cardNumber': '卡号',
  'card.region': '发卡地',
  'card.issueDate': '签发日期',
  'card.validUntil': '有效期至',
  'card.signLevel': '签发级别',
  'card.signLevelValue': '{level}级',
  'card.statusActive': '已启用',
  'card.statusUnbound': '未绑定',
  'card.qrTitle': '电子社保卡二维码',
  'card.qrHint': '就医购药、业务办理时出示',
  'card.qrAlt': '电子社保卡二维码，卡号{number}',
  'card.empty': '还没有领取电子社保卡',
  'card.startClaim': '去领取',
  'card.guide': '实体社保卡线下办理指南',

  // --- guide --------------------------------------------------------------
  'guide.offlineTitle': '线下办理社保卡',
} as const

export type MessageKey = keyof typeof zhCN
