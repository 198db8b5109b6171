import type { Bilingual, GuideLocale } from './types'

/**
 * The guide page's own words (headings, labels, messages), kept here as bilingual data rather than
 * in the src/i18n catalogs so the guide can grow without touching the shared catalogs.
 * `{name}` placeholders are filled by `guideText`.
 */
export const GUIDE_UI = {
  // --- header -------------------------------------------------------------------------------
  title: { 'zh-CN': '社保卡办理指南', 'en-US': 'Social security card guide' },
  intro: {
    'zh-CN': '没有实体社保卡、或不便在线申领时，先看看哪种情况符合你：由谁办、去哪里办、带什么材料，以及法律依据。',
    'en-US': 'No physical card yet, or cannot claim online? Find what applies to you: who handles it, where to go, what to bring, and the law behind it.',
  },

  // --- route finder -------------------------------------------------------------------------
  routeFinderTitle: { 'zh-CN': '办理方式', 'en-US': 'Your route' },
  routeNone: { 'zh-CN': '选择一项，查看适用于你的办理方式。', 'en-US': 'Pick one to see what applies to you.' },
  visitNotNeeded: { 'zh-CN': '无需本人前往', 'en-US': 'No visit needed' },
  visitNeeded: { 'zh-CN': '需要到办理地点', 'en-US': 'A visit is needed' },
  whatApplies: { 'zh-CN': '适用规定', 'en-US': 'What applies' },
  legalBasis: { 'zh-CN': '法律依据', 'en-US': 'Legal basis' },
  readArticle: { 'zh-CN': '阅读{article}全文', 'en-US': 'Read {article} in full' },
  seeChecklist: { 'zh-CN': '查看申领材料清单', 'en-US': 'See what to bring' },

  // --- checklist ------------------------------------------------------------------------------
  checklistBring: { 'zh-CN': '需要准备', 'en-US': 'What to bring and fill in' },
  checklistNext: { 'zh-CN': '之后', 'en-US': 'What happens next' },

  // --- deadline helper ------------------------------------------------------------------------
  deadlineTitle: { 'zh-CN': '单位社保登记期限计算', 'en-US': 'Registration deadline for employers' },
  deadlineIntro: {
    'zh-CN': '按中国（北京时间）日期计算，从事件发生的次日起算三十日。',
    'en-US': 'Counted in China time (Beijing), 30 days starting the day after the event.',
  },
  deadlineKindLabel: { 'zh-CN': '要登记的是', 'en-US': 'What are you registering?' },
  kindEstablishment: { 'zh-CN': '单位成立（第五十七条）', 'en-US': 'The unit, after its establishment (Article 57)' },
  kindEmployment: { 'zh-CN': '职工用工（第五十八条）', 'en-US': 'An employee, after employment (Article 58)' },
  dateLabelEstablishment: { 'zh-CN': '单位成立日期', 'en-US': 'Date of establishment' },
  dateLabelEmployment: { 'zh-CN': '用工（入职）日期', 'en-US': 'Date of employment (first day of work)' },
  datePlaceholder: { 'zh-CN': '年-月-日，如 2026-11-25', 'en-US': 'YYYY-MM-DD, e.g. 2026-11-25' },
  datePick: { 'zh-CN': '从日历选择', 'en-US': 'Pick from a calendar' },
  pickerOk: { 'zh-CN': '确定', 'en-US': 'Done' },
  pickerCancel: { 'zh-CN': '取消', 'en-US': 'Cancel' },
  calculate: { 'zh-CN': '计算期限', 'en-US': 'Work out the deadline' },
  today: { 'zh-CN': '今天（北京时间）：{day}', 'en-US': 'Today (China time): {day}' },
  lastDayLabel: { 'zh-CN': '最迟登记日', 'en-US': 'Last day to register' },
  daysLeftMany: { 'zh-CN': '还剩 {n} 天', 'en-US': '{n} days left' },
  daysLeftOne: { 'zh-CN': '还剩 1 天', 'en-US': '1 day left' },
  daysLeftToday: { 'zh-CN': '今天是最后一天', 'en-US': 'Today is the last day' },
  overdueMany: { 'zh-CN': '已逾期 {n} 天', 'en-US': 'Overdue by {n} days' },
  overdueOne: { 'zh-CN': '已逾期 1 天', 'en-US': 'Overdue by 1 day' },
  overdueAdvice: {
    'zh-CN': '请尽快到社会保险经办机构办理登记。未办理职工社保登记的，由经办机构核定应缴纳的社会保险费（第五十八条）。',
    'en-US': 'Register with the social insurance agency as soon as you can. Where employees are not registered, the agency determines the premium the unit should pay (Article 58).',
  },
  examLabelLastDay: { 'zh-CN': '经办机构审核完成（最迟登记日申请时）', 'en-US': 'Agency examination done by (if you apply on the last day)' },
  examLabelToday: { 'zh-CN': '经办机构审核完成（今天申请时）', 'en-US': 'Agency examination done by (if you apply today)' },
  examNote: {
    'zh-CN': '经办机构自收到申请之日起十五日内审核，并发给社会保险登记证件（第五十七条）。',
    'en-US': 'The agency examines the application within 15 days of receiving it and issues the registration certificate (Article 57).',
  },
  holidayNote: {
    'zh-CN': '如果这一天是周末或法定节假日，期限顺延至其后的第一个工作日，所以实际日期可能更晚，不会更早。',
    'en-US': 'If this day falls on a weekend or public holiday, the period runs to the next working day: the real day may be later, never earlier.',
  },
  establishmentMaterials: {
    'zh-CN': '办理单位登记时携带营业执照、登记证书或者单位印章（第五十七条）。',
    'en-US': 'Bring the business license, registration certificate or unit seal to register the unit (Article 57).',
  },

  // --- deadline input problems (every bad input has its own words) ----------------------------
  problemEmpty: { 'zh-CN': '请输入日期，格式为 年-月-日，例如 2026-11-25。', 'en-US': 'Enter a date as YYYY-MM-DD, for example 2026-11-25.' },
  problemFormat: {
    'zh-CN': '无法识别这个日期。请按 年-月-日 输入，例如 2026-11-25。',
    'en-US': 'That is not a date we can read. Write it as YYYY-MM-DD, for example 2026-11-25.',
  },
  problemNotADay: {
    'zh-CN': '这一天不存在（请检查月份和日期，例如 2 月没有 30 日）。',
    'en-US': 'That day does not exist (check the month and day; February has no 30th, for example).',
  },
  problemOutOfRange: {
    'zh-CN': '请输入 1949年10月1日 至 2100年12月31日 之间的日期。',
    'en-US': 'Enter a date between 1 October 1949 and 31 December 2100.',
  },
  problemInFuture: {
    'zh-CN': '这个日期晚于今天。请输入已经发生的成立或用工日期（今天或更早）。',
    'en-US': 'That date is after today. Enter the day the unit was established or the employee started, today or earlier.',
  },

  // --- law ----------------------------------------------------------------------------------
  lawTitle: { 'zh-CN': '法律依据', 'en-US': 'The law' },
  lawSourceNote: {
    'zh-CN': '中文为法律原文；英文为原文章所引的译文。',
    'en-US': 'The Chinese is the enacted text; the English is the translation quoted in the source article.',
  },
  expand: { 'zh-CN': '展开全文', 'en-US': 'Show full text' },
  collapse: { 'zh-CN': '收起', 'en-US': 'Show less' },

  // --- online ---------------------------------------------------------------------------------
  onlineTitle: { 'zh-CN': '在线申领电子社保卡', 'en-US': 'Claim the electronic card online' },
  onlineText: {
    'zh-CN': '已有实体社保卡的，可在支付宝「城市服务 › 社保 › 电子社保卡」在线申领电子社保卡。',
    'en-US': 'If you already have a physical card, claim the e-card in Alipay: City Services › Social security › E-social security card.',
  },
} as const satisfies Record<string, Bilingual>

export type GuideUiKey = keyof typeof GUIDE_UI

/** The words for `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function guideText(key: GuideUiKey, locale: GuideLocale, params?: Record<string, string | number>): string {
  const template = GUIDE_UI[key][locale]
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}
