import type { ClaimStateT } from '../services/api/types'
import type { RouteName } from './routes'

/**
 * The claim flow as data. The server owns the claim's state; these rules only decide which
 * screen shows it, so the app never offers a step the server has not granted.
 */

/** The nine steps of the seed article, in order, with the page that shows each. */
export const STEPS = [
  { step: 1, page: 'home' },
  { step: 2, page: 'apps' },
  { step: 3, page: 'cityServices' },
  { step: 4, page: 'socialSecurity' },
  { step: 5, page: 'authorize' },
  { step: 6, page: 'confirm' },
  { step: 7, page: 'verify' },
  { step: 8, page: 'face' },
  { step: 9, page: 'password' },
] as const satisfies ReadonlyArray<{ step: number; page: RouteName }>

/** The claim pages, i.e. the ones whose entry the server's state decides. */
export type ClaimPage = 'confirm' | 'verify' | 'face' | 'password' | 'card'

/** Where a person resumes, given the claim's state on the server. */
export function resumePage(state: ClaimStateT): ClaimPage {
  switch (state) {
    case 'authorized':
    case 'informed':
      return 'confirm'
    case 'consented':
    case 'certifying':
      return 'verify'
    case 'certified':
    case 'password_set':
      return 'password'
    case 'issued':
      return 'card'
  }
}

/** The states in which each claim page may be shown. */
const ALLOWED: Record<ClaimPage, readonly ClaimStateT[]> = {
  // Going back to re-read the information or agreement is fine until the card exists.
  confirm: ['authorized', 'informed', 'consented', 'certifying', 'certified', 'password_set'],
  verify: ['consented', 'certifying', 'certified'],
  face: ['certifying'],
  password: ['certified', 'password_set'],
  card: ['issued'],
}

export function canShow(page: ClaimPage, state: ClaimStateT): boolean {
  return ALLOWED[page].includes(state)
}

/** Null when the page may show; otherwise the page to send the person to instead. */
export function redirectFor(page: ClaimPage, state: ClaimStateT): ClaimPage | null {
  return canShow(page, state) ? null : resumePage(state)
}

/** The step number shown in the progress bar (5..9 on the claim pages). */
export function stepNumberOf(page: RouteName): number | null {
  return STEPS.find((s) => s.page === page)?.step ?? null
}

/** 1-based position of a claim page inside the claim (authorize..password), for the step bar. */
export const CLAIM_PROGRESS: readonly RouteName[] = ['authorize', 'confirm', 'verify', 'face', 'password']
