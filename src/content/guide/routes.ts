import type { ArticleNumber } from './law'
import type { Bilingual } from './types'

/**
 * The route finder: one question, four answers, each leading to what the seed article and the
 * Social Insurance Law say applies to that person.
 */

export type RouteAnswer = 'employee' | 'job-seeker' | 'flexible' | 'employer'

export const ROUTE_ANSWERS: readonly RouteAnswer[] = ['employee', 'job-seeker', 'flexible', 'employer']

export interface GuideRoute {
  answer: RouteAnswer
  /** The answer as the user picks it. */
  choice: Bilingual
  title: Bilingual
  summary: Bilingual
  points: readonly Bilingual[]
  /** Whether the person has to go somewhere in person. */
  visitNeeded: boolean
  /** Whether the physical-card checklist (PHYSICAL_CARD_CHECKLIST) is for them. */
  physicalCardChecklist: boolean
  /** Whether the registration-deadline helper (domain/deadlines) is for them. */
  deadlineHelper: boolean
  /** The articles of the Social Insurance Law the points rely on. */
  articles: readonly ArticleNumber[]
}

export const ROUTE_QUESTION: Bilingual = {
  'zh-CN': '以下哪种情况符合你？',
  'en-US': 'Which of these describes you?',
}

/** Everyone can also claim the electronic card online; said on each route so none reads as a dead end. */
const ONLINE_ECARD: Bilingual = {
  'zh-CN': '电子社保卡可以随时在支付宝「城市服务 › 社保」中在线申领。',
  'en-US': 'You can claim the electronic social security card online at any time in Alipay, under City Services › Social security.',
}

export const ROUTES: { readonly [A in RouteAnswer]: GuideRoute } = {
  employee: {
    answer: 'employee',
    choice: { 'zh-CN': '我在单位工作', 'en-US': 'I am employed' },
    title: { 'zh-CN': '单位职工', 'en-US': 'Employees' },
    summary: {
      'zh-CN': '由你的单位统一办理社保登记和社保卡，你无需本人前往。',
      'en-US': 'Your employer registers you and handles your card in a unified way; you do not need to go in person.',
    },
    points: [
      {
        'zh-CN': '用人单位应当自用工之日起三十日内为你申请办理社会保险登记（第五十八条）。',
        'en-US': 'Your employer must apply for your social insurance registration within 30 days from the date you were employed (Article 58).',
      },
      {
        'zh-CN': '职工和新入职员工的社保卡由参保单位统一办理，不需要自己去办。',
        'en-US': 'For employees and new employees the insured unit handles the social security card in a unified way; you do not apply yourself.',
      },
      {
        'zh-CN': '你的个人社会保障号码就是你的公民身份号码（第五十八条）。',
        'en-US': "Your personal social security number is your citizen's identity number (Article 58).",
      },
      ONLINE_ECARD,
    ],
    visitNeeded: false,
    physicalCardChecklist: false,
    deadlineHelper: false,
    articles: [58],
  },
  'job-seeker': {
    answer: 'job-seeker',
    choice: { 'zh-CN': '我正在找工作', 'en-US': 'I am looking for work' },
    title: { 'zh-CN': '求职人员及其他人员', 'en-US': 'Job seekers and others' },
    summary: {
      'zh-CN': '前往公共就业服务机构或劳动保障部门指定的机构申领社保卡。',
      'en-US': 'Apply for the card at a public employment service agency or an institution designated by the labour department.',
    },
    points: [
      {
        'zh-CN': '求职人员和其他人员需要到公共就业服务机构或劳动保障部门指定的机构申领社保卡。',
        'en-US': 'Job seekers and other people go to a public employment service agency or an institution designated by the labour department to apply for the social security card.',
      },
      {
        'zh-CN': '带上本人有效身份证原件，在办理地点领取并填写申报登记表（见材料清单）。',
        'en-US': 'Take your original valid ID card, and get and fill in the declaration registration form at the processing place (see the checklist).',
      },
      {
        'zh-CN': '县级以上地方人民政府社会保险行政部门负责本行政区域的社会保险管理工作（第七条）；经办机构可以设立分支机构和服务网点（第七十二条），可就近询问办理地点。',
        'en-US': 'The social insurance administrative department of your local government manages social insurance in its area (Article 7), and agencies may set up branches and service outlets (Article 72): ask locally where cards are handled.',
      },
      ONLINE_ECARD,
    ],
    visitNeeded: true,
    physicalCardChecklist: true,
    deadlineHelper: false,
    articles: [7, 72],
  },
  flexible: {
    answer: 'flexible',
    choice: { 'zh-CN': '我是个体户或灵活就业', 'en-US': 'I am self-employed or work flexibly' },
    title: { 'zh-CN': '个体工商户和灵活就业人员', 'en-US': 'The self-employed and flexible workers' },
    summary: {
      'zh-CN': '自己向社会保险经办机构申请办理社会保险登记（第五十八条）。',
      'en-US': 'Apply to the social insurance agency for registration yourself (Article 58).',
    },
    points: [
      {
        'zh-CN': '自愿参加社会保险的无雇工的个体工商户、未在用人单位参加社会保险的非全日制从业人员以及其他灵活就业人员，应当自己向社会保险经办机构申请办理社会保险登记（第五十八条）。',
        'en-US': 'Self-employed people without employees who join social insurance voluntarily, part-time workers not insured through an employer, and other flexible workers apply to the social insurance agency for registration themselves (Article 58).',
      },
      {
        'zh-CN': '申领实体社保卡时，按材料清单准备身份证原件、复印件和照片。',
        'en-US': 'For the physical card, bring the ID card original, copies and photos on the checklist.',
      },
      {
        'zh-CN': '经办机构可以在统筹地区设立分支机构和服务网点（第七十二条），可就近办理。',
        'en-US': 'The agency may have branches and service outlets in your area (Article 72), so look for the nearest one.',
      },
      ONLINE_ECARD,
    ],
    visitNeeded: true,
    physicalCardChecklist: true,
    deadlineHelper: false,
    articles: [58, 72],
  },
  employer: {
    answer: 'employer',
    choice: { 'zh-CN': '我是用人单位', 'en-US': 'I am an employer' },
    title: { 'zh-CN': '用人单位', 'en-US': 'Employers' },
    summary: {
      'zh-CN': '单位成立后三十日内办理单位社保登记，职工入职后三十日内为其办理登记。',
      'en-US': 'Register the unit within 30 days of its establishment, and each employee within 30 days of employment.',
    },
    points: [
      {
        'zh-CN': '自成立之日起三十日内，凭营业执照、登记证书或者单位印章，向当地社会保险经办机构申请办理社会保险登记（第五十七条）。',
        'en-US': 'Within 30 days from the date of its establishment, apply to the local social insurance agency for the unit\'s registration with its business license, registration certificate or unit seal (Article 57).',
      },
      {
        'zh-CN': '自用工之日起三十日内为每位职工申请办理社会保险登记；未办理的，由经办机构核定应缴纳的社会保险费（第五十八条）。',
        'en-US': 'Within 30 days from the date of employment, apply for each employee\'s registration; if you do not, the agency determines the premium the unit should pay (Article 58).',
      },
      {
        'zh-CN': '经办机构自收到申请之日起十五日内审核，并发给社会保险登记证件（第五十七条）。',
        'en-US': 'The agency examines the application within 15 days from receiving it and issues the registration certificate (Article 57).',
      },
      {
        'zh-CN': '登记事项变更或单位依法终止的，自变更或终止之日起三十日内办理变更或注销登记（第五十七条）。',
        'en-US': 'When registration items change or the unit is terminated, handle the change or cancellation within 30 days (Article 57).',
      },
      {
        'zh-CN': '期限从事件发生的次日起算；最后一日是周末或法定节假日的，顺延至其后的第一个工作日。',
        'en-US': 'A period starts the day after the event; if its last day is a weekend or public holiday, it runs to the next working day.',
      },
    ],
    visitNeeded: true,
    physicalCardChecklist: false,
    deadlineHelper: true,
    articles: [57, 58],
  },
}

export function decideRoute(answer: RouteAnswer): GuideRoute {
  return ROUTES[answer]
}
