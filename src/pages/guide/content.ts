import type { Locale } from '../../services/platform/types'

/**
 * The offline route of the seed article, as data: the page renders whatever is here, in the
 * current language. A later issue expands it (legal basis, places, materials per city).
 */
export interface GuideSection {
  id: string
  title: string
  /** Ordered steps (rendered numbered). */
  steps?: string[]
  /** Unordered points. */
  points?: string[]
  /** A closing remark. */
  note?: string
}

export interface GuideContent {
  title: string
  intro: string
  sections: GuideSection[]
}

export const GUIDE: Record<Locale, GuideContent> = {
  'zh-CN': {
    title: '如何办理社保卡',
    intro: '没有实体社保卡、或不便在线申领时，可以按以下方式线下办理。',
    sections: [
      {
        id: 'in-person',
        title: '本人到经办网点办理',
        steps: [
          '携带本人有效身份证原件，到社保卡经办网点领取《社会保障卡申领登记表》并填写。',
          '将身份证复印件、照片等材料提交给社保经办机构。',
        ],
        note: '申领成功后，收到领卡通知即可领取新的社保卡。',
      },
      {
        id: 'not-in-person',
        title: '不一定要本人去办',
        points: [
          '在职职工和新入职职工：无需本人办理，由参保单位统一办理。',
          '求职人员等其他人员：到公共就业服务机构或劳动保障部门指定的机构申领社保卡。',
        ],
      },
      {
        id: 'online',
        title: '在线申领电子社保卡',
        points: ['已有实体社保卡的，可在支付宝「城市服务」→「社保」→「电子社保卡」在线申领电子社保卡。'],
      },
    ],
  },
  'en-US': {
    title: 'How to get a social security card',
    intro: 'If you have no physical social security card yet, or cannot claim online, you can apply offline as follows.',
    sections: [
      {
        id: 'in-person',
        title: 'Apply in person at a service counter',
        steps: [
          'Take your original, valid ID card to the processing place, get the social security card declaration registration form and fill it in.',
          'Hand in copies of your ID card, photos and the other materials to the social security agency.',
        ],
        note: 'If the application succeeds, you collect your new card after you receive the notice.',
      },
      {
        id: 'not-in-person',
        title: 'You may not have to go yourself',
        points: [
          'Employees and new employees: you do not apply yourself; your employer (the insured unit) handles it for all its staff.',
          'Job seekers and others: apply at a public employment service agency or an institution designated by the labour department.',
        ],
      },
      {
        id: 'online',
        title: 'Claim the electronic card online',
        points: ['If you already have a physical card, claim the e-card in Alipay: City Services → Social Security → E-Social Security Card.'],
      },
    ],
  },
}
