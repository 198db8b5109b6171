/** Page paths of the app; the one place a page's URL is spelled. */
export const routes = {
  home: '/pages/home/index',
  apps: '/pages/apps/index',
  cityServices: '/pages/city-services/index',
  socialSecurity: '/pages/social-security/index',
  guide: '/pages/guide/index',
  authorize: '/pages/ecard/authorize/index',
  confirm: '/pages/ecard/confirm/index',
  verify: '/pages/ecard/verify/index',
  face: '/pages/ecard/face/index',
  password: '/pages/ecard/password/index',
  card: '/pages/ecard/card/index',
  cardSettings: '/pages/ecard/card-settings/index',
  // Where the e-card entry decides, inside the ecard subpackage, which claim page a person resumes at.
  ecardEntry: '/pages/ecard/entry/index',
} as const

export type RouteName = keyof typeof routes
