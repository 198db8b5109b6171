/**
 * The synthetic residents QA can sign in as. Every name and ID number here is made up. The ID
 * numbers follow GB 11643: region of birth registration, birth date, sequence (odd = male) and a
 * check character computed with `idCheckChar` (src/domain/idNumber.ts) when this file was written;
 * test/server/personas.test.ts checks each one with `checkIdNumber`.
 *
 * The ids and traits are a contract: the app's QA hint (`?persona=<id>`) and the end-to-end
 * tests depend on them.
 */
import type { PersonaTraitT } from '../schemas/api'

export interface RegionName {
  'zh-CN': string
  'en-US': string
}

export interface PreIssuedCard {
  cardNumber: string
  signNo: string
  signSeq: string
  issueDate: string
  validUntil: string
}

export interface Persona {
  id: string
  /** What alipay.system.oauth.token would call the user: a 16-digit 2088... id. */
  userId: string
  name: string
  idNumber: string
  /** Region code of the insuring place (city level). */
  aab301: string
  regionName: RegionName
  traits: PersonaTraitT[]
  hasPhysicalCard: boolean
  physicalCardStatus: 'normal' | 'suspended' | 'none'
  /** An e-card issued earlier through another channel (the has-ecard persona). */
  preIssuedCard?: PreIssuedCard
}

const HANGZHOU: RegionName = { 'zh-CN': '杭州市', 'en-US': 'Hangzhou' }
const BEIJING: RegionName = { 'zh-CN': '北京市', 'en-US': 'Beijing' }
const SHENZHEN: RegionName = { 'zh-CN': '深圳市', 'en-US': 'Shenzhen' }
const SHANGHAI: RegionName = { 'zh-CN': '上海市', 'en-US': 'Shanghai' }

export const DEFAULT_PERSONA_ID = 'eligible-zhang'

export const PERSONAS: readonly Persona[] = [
  {
    id: 'eligible-zhang',
    userId: '2088102146000001',
    name: '张安澜',
    idNumber: '330106198803140514',
    aab301: '330100',
    regionName: HANGZHOU,
    traits: ['eligible'],
    hasPhysicalCard: true,
    physicalCardStatus: 'normal',
  },
  {
    id: 'eligible-li',
    userId: '2088102146000002',
    name: '李清禾',
    idNumber: '110105199507220824',
    aab301: '110100',
    regionName: BEIJING,
    traits: ['eligible'],
    hasPhysicalCard: true,
    physicalCardStatus: 'normal',
  },
  {
    id: 'has-ecard-wang',
    userId: '2088102146000003',
    name: '王嘉树',
    idNumber: '440305197911050378',
    aab301: '440300',
    regionName: SHENZHEN,
    traits: ['has-ecard'],
    hasPhysicalCard: true,
    physicalCardStatus: 'normal',
    preIssuedCard: {
      cardNumber: 'D30582716',
      signNo: '4403002024061800000000000000A7C3',
      signSeq: '01',
      issueDate: '20240618',
      validUntil: '20340618',
    },
  },
  {
    id: 'no-card-zhao',
    userId: '2088102146000004',
    name: '赵明川',
    idNumber: '310115199201301138',
    aab301: '310100',
    regionName: SHANGHAI,
    traits: ['no-physical-card'],
    hasPhysicalCard: false,
    physicalCardStatus: 'none',
  },
  {
    id: 'suspended-chen',
    userId: '2088102146000005',
    name: '陈若溪',
    idNumber: '330102198509090645',
    aab301: '330100',
    regionName: HANGZHOU,
    traits: ['card-suspended'],
    hasPhysicalCard: true,
    physicalCardStatus: 'suspended',
  },
  {
    id: 'minor-liu',
    userId: '2088102146000006',
    name: '刘小满',
    // born 2015-06-12: under 16 until 2031-06-12
    idNumber: '110108201506120265',
    aab301: '110100',
    regionName: BEIJING,
    traits: ['minor'],
    hasPhysicalCard: true,
    physicalCardStatus: 'normal',
  },
  {
    id: 'face-mismatch-sun',
    userId: '2088102146000007',
    name: '孙墨白',
    idNumber: '440304199012030755',
    aab301: '440300',
    regionName: SHENZHEN,
    traits: ['eligible', 'face-mismatch'],
    hasPhysicalCard: true,
    physicalCardStatus: 'normal',
  },
  // Two more eligible residents for QA fault runs (test/e2e/faults.e2e.test.ts, the QA console's
  // e2e test): persona-scoped scenarios on them never disturb the flows of eligible-zhang/-li.
  {
    id: 'eligible-zhou',
    userId: '2088102146000008',
    name: '周以宁',
    idNumber: '31010419910427153X',
    aab301: '310100',
    regionName: SHANGHAI,
    traits: ['eligible'],
    hasPhysicalCard: true,
    physicalCardStatus: 'normal',
  },
  {
    id: 'eligible-wu',
    userId: '2088102146000009',
    name: '吴书远',
    idNumber: '440303198710092864',
    aab301: '440300',
    regionName: SHENZHEN,
    traits: ['eligible'],
    hasPhysicalCard: true,
    physicalCardStatus: 'normal',
  },
  // One persona per end-to-end file that changes it, so files running in parallel never reset
  // each other's persona: the card suite uses eligible-zheng, the guide suite no-card-qian.
  {
    id: 'eligible-zheng',
    userId: '2088102146000010',
    name: '郑雨桐',
    idNumber: '110108199306154575',
    aab301: '110100',
    regionName: BEIJING,
    traits: ['eligible'],
    hasPhysicalCard: true,
    physicalCardStatus: 'normal',
  },
  {
    id: 'no-card-qian',
    userId: '2088102146000011',
    name: '钱若溪',
    idNumber: '330102198903116428',
    aab301: '330100',
    regionName: HANGZHOU,
    traits: ['no-physical-card'],
    hasPhysicalCard: false,
    physicalCardStatus: 'none',
  },
  // The network suite's own (test/e2e/network.e2e.test.ts): offline mid-claim, storage and DOM scans, timing marks.
  {
    id: 'eligible-feng',
    userId: '2088102146000021',
    name: '冯知远',
    idNumber: '330106199508122377',
    aab301: '330100',
    regionName: HANGZHOU,
    traits: ['eligible'],
    hasPhysicalCard: true,
    physicalCardStatus: 'normal',
  },
]
