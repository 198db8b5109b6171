import {
  LAW_ARTICLES,
  PHYSICAL_CARD_CHECKLIST,
  ROUTES,
  ROUTE_ANSWERS,
  ROUTE_QUESTION,
  SOCIAL_INSURANCE_LAW_NAME,
  decideRoute,
  findArticle,
  type Bilingual,
  type GuideLocale,
} from '../../src/content/guide'
import { GUIDE_UI, guideText } from '../../src/content/guide/ui'

const LOCALES: GuideLocale[] = ['zh-CN', 'en-US']
const ALL_CONTENT = { ROUTE_QUESTION, ROUTES, PHYSICAL_CARD_CHECKLIST, SOCIAL_INSURANCE_LAW_NAME, LAW_ARTICLES, GUIDE_UI }
/** String fields that are identifiers, not text shown to the user. */
const ID_FIELDS = new Set(['id', 'answer', 'zhSource'])

function isBilingual(v: unknown): v is Bilingual {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).sort().join() === 'en-US,zh-CN'
}

/** Every Bilingual in the content, and every string that is not inside one (path, value). */
function walk(v: unknown, path: string, texts: [string, Bilingual][], loose: [string, string][]): void {
  if (isBilingual(v)) texts.push([path, v])
  else if (typeof v === 'string') loose.push([path, v])
  else if (Array.isArray(v)) v.forEach((item, i) => walk(item, `${path}[${i}]`, texts, loose))
  else if (typeof v === 'object' && v !== null) for (const [k, item] of Object.entries(v)) walk(item, `${path}.${k}`, texts, loose)
}

const texts: [string, Bilingual][] = []
const loose: [string, string][] = []
walk(ALL_CONTENT, 'guide', texts, loose)

describe('every string is bilingual', () => {
  it('has found the content', () => {
    expect(texts.length).toBeGreaterThan(50)
  })

  it.each(texts)('%s has non-empty zh-CN and en-US', (_path, text) => {
    for (const locale of LOCALES) expect(text[locale].trim()).not.toBe('')
    expect(text['zh-CN']).toMatch(/[\u4e00-\u9fff]/)
    expect(text['en-US']).not.toMatch(/[\u4e00-\u9fff]/)
  })

  it('has no user-facing string outside a Bilingual', () => {
    const stray = loose.filter(([path]) => !ID_FIELDS.has(path.slice(path.lastIndexOf('.') + 1)))
    expect(stray).toEqual([])
  })
})

describe('route finder', () => {
  it('has the four answers, each deciding its own route', () => {
    expect([...ROUTE_ANSWERS].sort()).toEqual(['employee', 'employer', 'flexible', 'job-seeker'])
    for (const answer of ROUTE_ANSWERS) {
      const route = decideRoute(answer)
      expect(route.answer).toBe(answer)
      expect(route.points.length).toBeGreaterThan(0)
    }
  })

  it('employees: the employer registers them and handles the card, no visit (Article 58)', () => {
    const route = decideRoute('employee')
    expect(route.choice['en-US']).toBe('I am employed')
    expect(route).toMatchObject({ visitNeeded: false, physicalCardChecklist: false, deadlineHelper: false })
    expect(route.articles).toContain(58)
    const en = route.points.map((p) => p['en-US']).join(' ')
    expect(en).toMatch(/unified way/)
    expect(en).toMatch(/within 30 days/)
  })

  it('job seekers: a public employment service agency or a designated institution, with the checklist', () => {
    const route = decideRoute('job-seeker')
    expect(route.choice['en-US']).toBe('I am looking for work')
    expect(route).toMatchObject({ visitNeeded: true, physicalCardChecklist: true, deadlineHelper: false })
    expect(route.summary['en-US']).toMatch(/public employment service agency/)
    expect(route.summary['en-US']).toMatch(/designated by the labour department/)
  })

  it('flexible workers and the self-employed apply to the agency themselves (Article 58)', () => {
    const route = decideRoute('flexible')
    expect(route.choice['en-US']).toBe('I am self-employed or work flexibly')
    expect(route).toMatchObject({ visitNeeded: true, physicalCardChecklist: true, deadlineHelper: false })
    expect(route.articles).toContain(58)
    expect(route.summary['en-US']).toMatch(/yourself/)
  })

  it('employers: unit within 30 days of establishment (57), employees within 30 days (58), 15-day examination', () => {
    const route = decideRoute('employer')
    expect(route.choice['en-US']).toBe('I am an employer')
    expect(route).toMatchObject({ physicalCardChecklist: false, deadlineHelper: true })
    expect([...route.articles].sort((a, b) => a - b)).toEqual([57, 58])
    const en = route.points.map((p) => p['en-US']).join(' ')
    expect(en).toMatch(/within 30 days from the date of its establishment/i)
    expect(en).toMatch(/within 30 days from the date of employment/i)
    expect(en).toMatch(/within 15 days/)
    const zh = route.points.map((p) => p['zh-CN']).join('')
    expect(zh).toContain('自成立之日起三十日内')
    expect(zh).toContain('自用工之日起三十日内')
    expect(zh).toContain('十五日内')
  })

  it('only the employer route offers the deadline helper', () => {
    expect(ROUTE_ANSWERS.filter((a) => decideRoute(a).deadlineHelper)).toEqual(['employer'])
  })

  it('cites only articles that law.ts holds', () => {
    for (const answer of ROUTE_ANSWERS) {
      for (const n of ROUTES[answer].articles) expect(findArticle(n)).toBeDefined()
    }
  })

  it('names each cited article in its points', () => {
    for (const answer of ROUTE_ANSWERS) {
      const en = ROUTES[answer].points.map((p) => p['en-US']).join(' ')
      for (const n of ROUTES[answer].articles) expect(en).toContain(`Article ${n}`)
    }
  })
})

describe('physical-card checklist', () => {
  it('lists the materials of the article in order, with unique ids', () => {
    const ids = PHYSICAL_CARD_CHECKLIST.items.map((item) => item.id)
    expect(ids).toEqual(['id-card-original', 'declaration-form', 'id-card-copies', 'photos', 'other-materials'])
    const nextIds = PHYSICAL_CARD_CHECKLIST.nextSteps.map((item) => item.id)
    expect(nextIds).toEqual(['notice', 'collect-card'])
    expect(new Set([...ids, ...nextIds]).size).toBe(ids.length + nextIds.length)
  })

  it('says where the declaration form comes from', () => {
    const form = PHYSICAL_CARD_CHECKLIST.items.find((item) => item.id === 'declaration-form')!
    expect(form.text['en-US']).toMatch(/processing place/)
    expect(form.text['zh-CN']).toContain('申报登记表')
  })
})

describe('law text', () => {
  const en = (n: number) => findArticle(n)!.paragraphs.map((p) => p['en-US']).join('\n')
  const zh = (n: number) => findArticle(n)!.paragraphs.map((p) => p['zh-CN']).join('\n')

  it('holds articles 7, 57, 58 and 72 with titles, in order', () => {
    expect(LAW_ARTICLES.map((a) => a.number)).toEqual([7, 57, 58, 72])
    expect(LAW_ARTICLES.map((a) => a.title['zh-CN'])).toEqual(['第七条', '第五十七条', '第五十八条', '第七十二条'])
    expect(LAW_ARTICLES.map((a) => a.title['en-US'])).toEqual(['Article 7', 'Article 57', 'Article 58', 'Article 72'])
    expect(LAW_ARTICLES.map((a) => a.paragraphs.length)).toEqual([2, 3, 3, 2])
    for (const article of LAW_ARTICLES) expect(['official', 'translation']).toContain(article.zhSource)
  })

  it('keeps the key phrases of the seed article in English', () => {
    expect(en(7)).toContain('at or above the county level')
    expect(en(57)).toContain('within 30 days from the date of its establishment')
    expect(en(57)).toContain('within fifteen days from the date of receiving the application')
    expect(en(57)).toContain('business license, registration certificate or unit seal')
    expect(en(58)).toContain('within 30 days from the date of employment')
    expect(en(58)).toContain('other flexible employees shall apply to the social insurance agency')
    expect(en(58)).toContain("Personal social security number is a citizen's identity number.")
    expect(en(72)).toContain('may set up branches and service outlets')
    expect(en(72)).not.toMatch(/Seventy-second/)
  })

  it('has the Chinese counterparts', () => {
    expect(zh(57)).toContain('自成立之日起三十日内')
    expect(zh(57)).toContain('自收到申请之日起十五日内')
    expect(zh(58)).toContain('自用工之日起三十日内')
    expect(zh(58)).toContain('个人社会保障号码为公民身份号码')
    expect(zh(72)).toContain('分支机构和服务网点')
  })

  it('finds nothing for an article it does not hold', () => {
    expect(findArticle(8)).toBeUndefined()
  })
})

describe('guide UI words', () => {
  it('uses the same placeholders in both languages', () => {
    for (const [key, text] of Object.entries(GUIDE_UI)) {
      const names = (t: string) => (t.match(/\{\w+\}/g) ?? []).sort()
      expect({ key, placeholders: names(text['en-US']) }).toEqual({ key, placeholders: names(text['zh-CN']) })
    }
  })

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(guideText('daysLeftMany', 'en-US', { n: 12 })).toBe('12 days left')
    expect(guideText('daysLeftMany', 'zh-CN', { n: 12 })).toBe('还剩 12 天')
    expect(guideText('readArticle', 'en-US', { article: 'Article 58' })).toBe('Read Article 58 in full')
    expect(guideText('today', 'en-US')).toBe('Today (China time): {day}')
  })

  it('gives every article a short summary that is not its text', () => {
    for (const article of LAW_ARTICLES) {
      for (const locale of LOCALES) {
        expect(article.summary[locale].length).toBeLessThan(article.paragraphs.map((p) => p[locale]).join('').length)
      }
    }
  })
})
