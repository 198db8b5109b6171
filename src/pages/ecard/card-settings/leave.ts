import Taro from '@tarojs/taro'
import { routes } from '../../../flow/routes'
import { redirectTo } from '../../../hooks/navigation'

function normalise(route: string | undefined): string {
  return (route ?? '').replace(/^\/+/, '').replace(/\?.*$/, '')
}

/**
 * After unbinding: back to Social Security (where the e-card can be claimed again), unwinding the
 * card pages above it; when it is not in the stack (opened some other way), open it instead.
 */
export function backToSocialSecurity() {
  let pages: Array<{ route?: string }> = []
  try {
    pages = (Taro.getCurrentPages() as Array<{ route?: string }>) ?? []
  } catch {
    pages = []
  }
  const target = normalise(routes.socialSecurity)
  for (let i = pages.length - 2; i >= 0; i--) {
    if (normalise(pages[i].route) === target) return Taro.navigateBack({ delta: pages.length - 1 - i })
  }
  return redirectTo('socialSecurity')
}
