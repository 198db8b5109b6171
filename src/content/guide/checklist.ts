import type { Bilingual } from './types'

/** The offline application for the physical social security card, as the seed article lists it. */

export interface ChecklistItem {
  id: string
  text: Bilingual
}

export interface PhysicalCardChecklist {
  title: Bilingual
  /** What to bring and fill in, in the order the article gives. */
  items: readonly ChecklistItem[]
  /** What happens after the application is handed in. */
  nextSteps: readonly ChecklistItem[]
}

export const PHYSICAL_CARD_CHECKLIST: PhysicalCardChecklist = {
  title: { 'zh-CN': '实体社保卡申领材料', 'en-US': 'Applying for the physical card: what you need' },
  items: [
    {
      id: 'id-card-original',
      text: { 'zh-CN': '本人有效身份证原件', 'en-US': 'Your original, valid ID card' },
    },
    {
      id: 'declaration-form',
      text: {
        'zh-CN': '社会保障卡申报登记表：在办理地点领取并当场填写',
        'en-US': 'The social security card declaration registration form: get it at the processing place and fill it in there',
      },
    },
    {
      id: 'id-card-copies',
      text: { 'zh-CN': '身份证复印件', 'en-US': 'Copies of your ID card' },
    },
    {
      id: 'photos',
      text: { 'zh-CN': '照片', 'en-US': 'Photos' },
    },
    {
      id: 'other-materials',
      text: { 'zh-CN': '经办机构要求的其他材料', 'en-US': 'Any other materials the agency asks for' },
    },
  ],
  nextSteps: [
    {
      id: 'notice',
      text: {
        'zh-CN': '申请成功后，你会收到领卡通知',
        'en-US': 'If the application succeeds, you receive a notice',
      },
    },
    {
      id: 'collect-card',
      text: {
        'zh-CN': '收到通知后，领取新的社保卡',
        'en-US': 'After the notice, you collect your new social security card',
      },
    },
  ],
}
