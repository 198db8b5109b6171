import Taro from '@tarojs/taro'
import { routes, type RouteName } from '../flow/routes'
import { noteNavigation } from '../services/timing'

/** Page URL for a route name, with an optional query; routes.ts stays the one place paths are spelled. */
export function urlFor(name: RouteName, query?: Record<string, string>): string {
  const qs = query
    ? Object.entries(query)
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
        .join('&')
    : ''
  return qs ? `${routes[name]}?${qs}` : routes[name]
}

export function navigateTo(name: RouteName, query?: Record<string, string>) {
  noteNavigation()
  return Taro.navigateTo({ url: urlFor(name, query) })
}

export function redirectTo(name: RouteName, query?: Record<string, string>) {
  noteNavigation()
  return Taro.redirectTo({ url: urlFor(name, query) })
}

function normalise(route: string | undefined): string {
  return (route ?? '').replace(/^\/+/, '').replace(/\?.*$/, '')
}

function stack(): Array<{ route?: string }> {
  try {
    return (Taro.getCurrentPages() as Array<{ route?: string }>) ?? []
  } catch {
    return []
  }
}

/** True when there is a page under this one to go back to. */
export function canGoBack(): boolean {
  return stack().length > 1
}

/** Back to `name` when it is the page underneath; otherwise open it in place of this page. */
export function backTo(name: RouteName) {
  const pages = stack()
  const previous = pages.length > 1 ? pages[pages.length - 2] : undefined
  if (previous && normalise(previous.route) === normalise(routes[name])) return navigateBack()
  return redirectTo(name)
}

/** One page back (the timing marks count it as a navigation). */
export function navigateBack(delta = 1) {
  noteNavigation()
  return Taro.navigateBack({ delta })
}
