import type { Bilingual } from './types'

/**
 * Articles 7, 57, 58 and 72 of the PRC Social Insurance Law (中华人民共和国社会保险法, 2010,
 * as amended 2018: article 57 names the market supervision and management department).
 *
 * English: the seed article's own translation, copied paragraph by paragraph with its wording
 * kept. Only one typographic fix: the seed runs the heading of article 72 into its first sentence
 * ("Seventy-second social insurance agencies should ..."); the heading lives in `title` here.
 * Chinese: the official text.
 */

export type ArticleNumber = 7 | 57 | 58 | 72

export interface LawArticle {
  number: ArticleNumber
  title: Bilingual
  /** One line on what the article is about, shown while the full text is folded. Ours, not the law's words. */
  summary: Bilingual
  /** Paragraph i in Chinese and paragraph i in English say the same thing. */
  paragraphs: readonly Bilingual[]
  /** 'official': the enacted Chinese text; 'translation': our Chinese rendering of the English. */
  zhSource: 'official' | 'translation'
}

export const SOCIAL_INSURANCE_LAW_NAME: Bilingual = {
  'zh-CN': '中华人民共和国社会保险法',
  'en-US': "People's Republic of China (PRC) social insurance law",
}

export const LAW_ARTICLES: readonly LawArticle[] = [
  {
    number: 7,
    title: { 'zh-CN': '第七条', 'en-US': 'Article 7' },
    summary: {
      'zh-CN': '社会保险由谁管理：国务院社会保险行政部门负责全国，县级以上地方人民政府社会保险行政部门负责本行政区域。',
      'en-US': "Who manages social insurance: the State Council's department nationwide, and local departments at or above the county level in their areas.",
    },
    zhSource: 'official',
    paragraphs: [
      {
        'zh-CN': '国务院社会保险行政部门负责全国的社会保险管理工作，国务院其他有关部门在各自的职责范围内负责有关的社会保险工作。',
        'en-US': 'The administrative department of social insurance in the State Council is responsible for the management of social insurance throughout the country, and other relevant departments in the State Council are responsible for the relevant social insurance work within their respective functions and duties.',
      },
      {
        'zh-CN': '县级以上地方人民政府社会保险行政部门负责本行政区域的社会保险管理工作，县级以上地方人民政府其他有关部门在各自的职责范围内负责有关的社会保险工作。',
        'en-US': "The social insurance administrative department of the local people's government at or above the county level shall be responsible for the social insurance management within its administrative area, and other relevant departments of the local people's government at or above the county level shall be responsible for the relevant social insurance work within their respective functions and duties.",
      },
    ],
  },
  {
    number: 57,
    title: { 'zh-CN': '第五十七条', 'en-US': 'Article 57' },
    summary: {
      'zh-CN': '用人单位自成立之日起三十日内办理社会保险登记，经办机构十五日内审核；变更或终止后三十日内办理变更或注销。',
      'en-US': 'An employing unit registers within 30 days of its establishment and the agency examines within 15 days; changes and termination within 30 days.',
    },
    zhSource: 'official',
    paragraphs: [
      {
        'zh-CN': '用人单位应当自成立之日起三十日内凭营业执照、登记证书或者单位印章，向当地社会保险经办机构申请办理社会保险登记。社会保险经办机构应当自收到申请之日起十五日内予以审核，发给社会保险登记证件。',
        'en-US': 'An employing unit shall, within 30 days from the date of its establishment, apply to the local social insurance agency for social insurance registration with its business license, registration certificate or unit seal. The social insurance agency shall, within fifteen days from the date of receiving the application, examine and issue the social insurance registration certificate.',
      },
      {
        'zh-CN': '用人单位的社会保险登记事项发生变更或者用人单位依法终止的，应当自变更或者终止之日起三十日内，到社会保险经办机构办理变更或者注销社会保险登记。',
        'en-US': 'Where the social insurance registration items of the employing unit are changed or the employing unit is terminated according to law, it shall, within 30 days from the date of change or termination, go to the social insurance agency to handle the change or cancellation of social insurance registration.',
      },
      {
        'zh-CN': '市场监督管理部门、民政部门和机构编制管理机关应当及时向社会保险经办机构通报用人单位的成立、终止情况，公安机关应当及时向社会保险经办机构通报个人的出生、死亡以及户口登记、迁移、注销等情况。',
        'en-US': 'The market supervision and management department, the civil affairs department and the organization management organ shall promptly inform the social insurance agency of the establishment and termination of the employing unit, and the public security organ shall promptly inform the social insurance agency of the birth, death, household registration, migration and cancellation of the individual.',
      },
    ],
  },
  {
    number: 58,
    title: { 'zh-CN': '第五十八条', 'en-US': 'Article 58' },
    summary: {
      'zh-CN': '用人单位自用工之日起三十日内为职工办理登记；灵活就业人员自己申请登记；社会保障号码即公民身份号码。',
      'en-US': "Employers register employees within 30 days of employment; flexible workers apply themselves; the social security number is the citizen's identity number.",
    },
    zhSource: 'official',
    paragraphs: [
      {
        'zh-CN': '用人单位应当自用工之日起三十日内为其职工向社会保险经办机构申请办理社会保险登记。未办理社会保险登记的，由社会保险经办机构核定其应当缴纳的社会保险费。',
        'en-US': 'An employing unit shall, within 30 days from the date of employment, apply to the social insurance agency for social insurance registration for its employees. If the social insurance has not been registered, the social insurance agency shall verify the social insurance premium it should pay.',
      },
      {
        'zh-CN': '自愿参加社会保险的无雇工的个体工商户、未在用人单位参加社会保险的非全日制从业人员以及其他灵活就业人员，应当向社会保险经办机构申请办理社会保险登记。',
        'en-US': 'Employees-free individual industrial and commercial households who voluntarily participate in social insurance, part-time employees who do not participate in social insurance in the employing unit and other flexible employees shall apply to the social insurance agency for social insurance registration.',
      },
      {
        'zh-CN': '国家建立全国统一的个人社会保障号码。个人社会保障号码为公民身份号码。',
        'en-US': "The state establishes a national unified personal social security number. Personal social security number is a citizen's identity number.",
      },
    ],
  },
  {
    number: 72,
    title: { 'zh-CN': '第七十二条', 'en-US': 'Article 72' },
    summary: {
      'zh-CN': '统筹地区设立社会保险经办机构，可设分支机构和服务网点，经费由同级财政保障。',
      'en-US': 'Social insurance agencies in each overall planning area, their branches and service outlets, and how they are funded.',
    },
    zhSource: 'official',
    paragraphs: [
      {
        'zh-CN': '统筹地区设立社会保险经办机构。社会保险经办机构根据工作需要，经所在地的社会保险行政部门和机构编制管理机关批准，可以在本统筹地区设立分支机构和服务网点。',
        'en-US': 'Social insurance agencies should be established in the overall planning area. According to the needs of the work, with the approval of the local social insurance administrative department and the organization management organ, the social insurance agency may set up branches and service outlets in this overall planning area.',
      },
      {
        'zh-CN': '社会保险经办机构的人员经费和经办社会保险发生的基本运行费用、管理费用，由同级财政按照国家规定予以保障。',
        'en-US': 'The personnel expenses of social insurance agencies and the basic operating expenses and management expenses incurred in handling social insurance shall be guaranteed by the finance at the same level in accordance with state regulations.',
      },
    ],
  },
]

export function findArticle(number: number): LawArticle | undefined {
  return LAW_ARTICLES.find((article) => article.number === number)
}
