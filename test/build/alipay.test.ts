/**
 * The Alipay build is part of the suite: it must compile (the `alipay` project's globalSetup
 * builds it once for this file and the headless runtime), and the IDE must find every page of the
 * flow in app.json with its template, logic and page config.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { routes } from '../../src/flow/routes'
import { alipayRuntimeDist, COMPILED_API_ORIGIN } from '../alipay-runtime/harness/build'

const out = alipayRuntimeDist()
/** Every page but the H5-only face stand-in (src/app.config.ts). */
const ALIPAY_ROUTES = Object.values(routes).filter((path) => path !== routes.face)

interface AppJson {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
  subpackages?: { root: string; pages: string[] }[]
}

function listedPages(app: AppJson): string[] {
  const subs = app.subPackages ?? app.subpackages ?? []
  return [...app.pages, ...subs.flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))]
}

describe('Alipay build', () => {
  it('writes the app files the Alipay IDE needs', () => {
    for (const f of ['app.json', 'app.js', 'app.acss', 'mini.project.json']) expect(existsSync(join(out, f))).toBe(true)
    const project = JSON.parse(readFileSync(join(out, 'mini.project.json'), 'utf8'))
    expect(project.compileType).toBe('mini')
  })

  it('lists every page of the flow in app.json, home first', () => {
    const app: AppJson = JSON.parse(readFileSync(join(out, 'app.json'), 'utf8'))
    const pages = listedPages(app)
    expect(app.pages[0]).toBe(routes.home.slice(1))
    for (const path of ALIPAY_ROUTES) expect(pages).toContain(path.slice(1))
  })

  it("leaves out the H5 simulator's face stand-in: Alipay opens its own face screen", () => {
    const app: AppJson = JSON.parse(readFileSync(join(out, 'app.json'), 'utf8'))
    expect(listedPages(app)).not.toContain(routes.face.slice(1))
    expect(existsSync(join(out, routes.face.slice(1) + '.js'))).toBe(false)
  })

  it('has a template, logic and config for every page', () => {
    for (const path of ALIPAY_ROUTES) {
      for (const ext of ['.axml', '.js', '.json']) {
        expect({ page: path, ext, exists: existsSync(join(out, path.slice(1) + ext)) }).toEqual({ page: path, ext, exists: true })
      }
    }
  })

  it('compiles the API base into the bundle', () => {
    const js = allFiles(out).filter((f) => f.endsWith('.js'))
    expect(js.some((f) => readFileSync(f, 'utf8').includes(`${COMPILED_API_ORIGIN}/api`))).toBe(true)
  })
})

function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(join(dir, e.name)) : [join(dir, e.name)]))
}
