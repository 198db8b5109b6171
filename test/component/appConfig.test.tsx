import fs from 'fs'
import path from 'path'
import { routes } from '../../src/flow/routes'

type AppConfig = {
  pages: string[]
  subPackages: Array<{ root: string; pages: string[] }>
  preloadRule: Record<string, { packages: string[]; network?: string }>
}

const g = globalThis as unknown as { defineAppConfig: (c: unknown) => unknown; definePageConfig: (c: unknown) => unknown }
g.defineAppConfig = (c) => c
g.definePageConfig = (c) => c
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('../../src/app.config').default as AppConfig

const SRC = path.join(__dirname, '../../src')

describe('app.config', () => {
  const registered = [...config.pages, ...config.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))].map((p) => `/${p}`)

  it('registers exactly the pages of routes.ts', () => {
    expect([...registered].sort()).toEqual(Object.values(routes).sort())
  })

  it('keeps the first screens (steps 1-4) alone in the main package, home first', () => {
    expect(config.pages).toEqual(['pages/home/index', 'pages/apps/index', 'pages/city-services/index', 'pages/social-security/index'])
  })

  it('puts the claim flow and card management (entered through ecard/entry) and the guide in subpackages', () => {
    expect(config.subPackages).toEqual([
      { root: 'pages/ecard', pages: ['entry/index', 'authorize/index', 'confirm/index', 'verify/index', 'face/index', 'password/index', 'card/index', 'card-settings/index'] },
      { root: 'pages/guide', pages: ['index'] },
    ])
  })

  it('preloads the ecard subpackage (and the guide) from social security', () => {
    expect(config.preloadRule['pages/social-security/index'].packages).toEqual(['pages/ecard', 'pages/guide'])
  })

  it('every page has its index.tsx, index.config.ts and index.scss with a data-step root', () => {
    for (const route of registered) {
      const dir = path.join(SRC, route.replace(/\/index$/, ''))
      for (const file of ['index.tsx', 'index.config.ts', 'index.scss']) expect({ route, file, exists: fs.existsSync(path.join(dir, file)) }).toEqual({ route, file, exists: true })
      expect(fs.readFileSync(path.join(dir, 'index.tsx'), 'utf8')).toMatch(/data-step="[a-z-]+"/)
    }
  })

  it('pages never spell a page path or reach past the services', () => {
    for (const route of registered) {
      const source = fs.readFileSync(path.join(SRC, `${route}.tsx`), 'utf8')
      expect({ route, spellsPath: /['"`]\/?pages\//.test(source) }).toEqual({ route, spellsPath: false })
      expect({ route, axios: /from 'axios'|\bmy\.\w+\(/.test(source) }).toEqual({ route, axios: false })
      expect({ route, logs: /console\.log/.test(source) }).toEqual({ route, logs: false })
    }
  })
})
