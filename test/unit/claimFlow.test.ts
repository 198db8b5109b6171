import { resumePage, redirectFor, canShow, STEPS, stepNumberOf } from '../../src/flow/claimFlow'
import { routes } from '../../src/flow/routes'
import type { ClaimStateT } from '../../src/services/api/types'

const ALL: ClaimStateT[] = ['authorized', 'informed', 'consented', 'certifying', 'certified', 'password_set', 'issued']

describe('claim flow', () => {
  it('has the nine steps of the article in order, each with a page', () => {
    expect(STEPS.map((s) => s.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    for (const s of STEPS) expect(routes[s.page]).toMatch(/^\/pages\//)
    expect(stepNumberOf('face')).toBe(8)
  })

  it('resumes at the page the server state calls for', () => {
    expect(ALL.map(resumePage)).toEqual(['confirm', 'confirm', 'verify', 'verify', 'password', 'password', 'card'])
  })

  it('never shows a page the server has not granted', () => {
    expect(canShow('password', 'consented')).toBe(false)
    expect(canShow('card', 'password_set')).toBe(false)
    expect(canShow('face', 'consented')).toBe(false)
    expect(redirectFor('password', 'consented')).toBe('verify')
    expect(redirectFor('card', 'certified')).toBe('password')
  })

  it('lets each state show its own resume page (no redirect loops)', () => {
    for (const s of ALL) expect(redirectFor(resumePage(s), s)).toBeNull()
  })

  it('sends an issued claim to the card from every claim page', () => {
    for (const p of ['confirm', 'verify', 'face', 'password'] as const) expect(redirectFor(p, 'issued')).toBe('card')
  })
})
