/**
 * A headless, smoke-level stand-in for the Alipay mini-program container: it executes the compiled
 * dist/alipay bundles (app.js, runtime.js, taro.js, vendors.js, common.js, page chunks and the
 * pages/ecard sub-package) in a Node `vm` context with the globals the base library provides
 * (`my`, `App`, `Page`, `getApp`, `getCurrentPages`, `requirePlugin`, timers), keeps a page stack,
 * records each page's setData tree, and drives the app through Taro's own runtime document: taps
 * go through the page's `eh` handler exactly as the view layer would send them.
 *
 * What it does not do is listed in ../README.md.
 */
import fs from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'
import { applySetData, findBySid, pathToSid, textOf, type MiniNode } from './dataTree'
import { parseBaseTemplates, type ViewTemplate } from './viewTemplates'
import { createMy, type FaceOutcome, type MyHost, type MyRecords } from './my'

export interface AlipayRuntimeOptions {
  /** The compiled app (the folder with app.js and app.json). */
  distDir: string
  /** Where the mock server really listens, e.g. http://127.0.0.1:40123 */
  apiOrigin: string
  /** The origin compiled into the build (TARO_APP_API_BASE); requests to it go to apiOrigin. */
  compiledApiOrigin?: string
  /** The resident my.getAuthCode signs in as. */
  personaId: string
  /** What the face screen (my.call startBizService open-certify) ends with, unless the server's scenario says. */
  faceOutcome?: FaceOutcome
  auth?: 'grant' | 'deny'
  systemInfo?: Record<string, unknown>
  /** First page (default: app.json's first page). */
  launchPath?: string
}

/** The parts of Taro's runtime DOM the harness reads (TaroElement / TaroText). */
export interface TaroNode {
  nodeName: string
  nodeType: number
  sid: string
  uid: string
  parentNode: TaroNode | null
  childNodes: TaroNode[]
  dataset: Record<string, string>
  props: Record<string, unknown>
  textContent: string
  __handlers?: Record<string, unknown[]>
}

/** A page instance as the container creates it: the Page() config as prototype, plus data. */
export interface PageInstance {
  route: string
  data: { root?: MiniNode; [k: string]: unknown }
  $viewId: number
  $taroPath?: string
  query: Record<string, string>
  setDataCalls: number
  eh(event: unknown): unknown
  [k: string]: any
}

type NavKind = 'navigateTo' | 'redirectTo' | 'reLaunch' | 'switchTab' | 'navigateBack'

const MAX_STACK = 10

export class AlipayRuntime {
  readonly records: MyRecords
  /** Errors the app threw into the container (timers, callbacks, lifecycles): Alipay's onError. */
  readonly errors: unknown[] = []
  /** Every move of the page stack, oldest first: how (launch, navigateTo, ...) and the page on top after it. */
  readonly history: Array<{ kind: NavKind | 'launch'; route: string }> = []

  private readonly ctx: vm.Context
  private readonly my: Record<string, any>
  private readonly host: MyHost
  private readonly disposeMy: () => void
  private readonly modules = new Map<string, { exports: unknown }>()
  private readonly pageConfigs = new Map<string, Record<string, any>>()
  private readonly stack: PageInstance[] = []
  private readonly timers = new Set<NodeJS.Timeout>()
  private readonly intervals = new Set<NodeJS.Timeout>()
  private readonly appJson: { pages: string[]; subPackages?: Array<{ root: string; pages: string[] }>; subpackages?: Array<{ root: string; pages: string[] }> }
  private readonly components: Array<Record<string, unknown>> = []
  private readonly templates: Map<string, ViewTemplate>
  private registering: string | null = null
  private appInstance: Record<string, any> | null = null
  private viewIds = 0
  private disposed = false
  private vmParse: (json: string) => unknown
  private taro?: { document: any; Current: any }

  private constructor(private readonly opts: AlipayRuntimeOptions) {
    this.appJson = JSON.parse(fs.readFileSync(path.join(opts.distDir, 'app.json'), 'utf8'))
    this.templates = parseBaseTemplates(fs.readFileSync(path.join(opts.distDir, 'base.axml'), 'utf8'))

    const sandbox: Record<string, unknown> = {
      console,
      // Alipay's JS engine has a navigator with only swuserAgent on devices (Taro's Alipay runtime reads it).
      navigator: { swuserAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 AlipayClient/10.5.0' },
      setTimeout: (fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => this.schedule(fn, ms, args),
      clearTimeout: (t: NodeJS.Timeout) => {
        clearTimeout(t)
        this.timers.delete(t)
      },
      setInterval: (fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
        const t = setInterval(() => this.guard(() => fn(...args)), ms)
        this.intervals.add(t)
        return t
      },
      clearInterval: (t: NodeJS.Timeout) => {
        clearInterval(t)
        this.intervals.delete(t)
      },
    }
    this.ctx = vm.createContext(sandbox, { name: 'alipay-mini-program' })
    const parse = vm.runInContext('(function (s) { return JSON.parse(s) })', this.ctx) as (s: string) => unknown
    this.vmParse = parse

    this.host = {
      apiOrigin: opts.apiOrigin.replace(/\/+$/, ''),
      compiledOrigin: (opts.compiledApiOrigin ?? 'http://127.0.0.1:8787').replace(/\/+$/, ''),
      personaId: opts.personaId,
      faceOutcome: opts.faceOutcome ?? 'pass',
      auth: opts.auth ?? 'grant',
      systemInfo: {
        language: 'zh-Hans',
        platform: 'iOS',
        system: '17.0',
        model: 'iPhone15,2',
        brand: 'iPhone',
        app: 'alipay',
        version: '10.5.0',
        SDKVersion: '2.9.0',
        pixelRatio: 3,
        screenWidth: 375,
        screenHeight: 812,
        windowWidth: 375,
        windowHeight: 812,
        statusBarHeight: 44,
        titleBarHeight: 44,
        ...opts.systemInfo,
      },
      toVm: <T>(v: T) => this.toVm(v),
      navigate: (kind, o) => this.navigate(kind, o),
      onError: (e) => this.reportError(e),
      later: (fn) => void this.schedule(fn, 0, []),
    }
    const { my, records, dispose } = createMy(this.host)
    this.my = my
    this.records = records
    this.disposeMy = dispose

    Object.assign(sandbox, {
      my,
      App: (config: Record<string, any>) => {
        this.appInstance = config
      },
      Page: (config: Record<string, any>) => {
        if (!this.registering) throw new Error('Page() called outside a page file')
        this.pageConfigs.set(this.registering, config)
      },
      // Custom components (Taro's custom-wrapper) are registered but never instantiated here.
      Component: (config: Record<string, unknown>) => {
        this.components.push(config)
      },
      getApp: () => this.appInstance,
      getCurrentPages: () => this.stack.slice(),
      requirePlugin: (name: string) => {
        throw new Error(`requirePlugin('${name}'): no plugins in this simulator`)
      },
    })
  }

  /** Loads app.js, launches the app and opens the first page. */
  static async launch(opts: AlipayRuntimeOptions): Promise<AlipayRuntime> {
    const rt = new AlipayRuntime(opts)
    rt.requireFile(path.join(opts.distDir, 'app.js'))
    if (!rt.appInstance) throw new Error('app.js did not call App()')
    const launchPath = opts.launchPath ?? rt.appJson.pages[0]
    const launchOptions = rt.toVm({ path: launchPath, query: {}, scene: 1001, referrerInfo: {} })
    rt.guard(() => rt.appInstance!.onLaunch?.call(rt.appInstance, launchOptions))
    rt.guard(() => rt.appInstance!.onShow?.call(rt.appInstance, launchOptions))
    // The container registers every main-package page at start; sub-packages load on first use.
    for (const p of rt.appJson.pages) rt.loadPageFile(p)
    rt.taro = rt.findTaroRuntime()
    rt.openPage(launchPath, {}, 'launch')
    return rt
  }

  /** What the next face screen ends with (unless the server's scenario says otherwise). */
  setFaceOutcome(outcome: FaceOutcome) {
    this.host.faceOutcome = outcome
  }

  /** Whether the next my.getAuthCode is granted or refused by the user. */
  setAuth(auth: 'grant' | 'deny') {
    this.host.auth = auth
  }

  // ---- the page stack ---------------------------------------------------------------------------

  pages(): PageInstance[] {
    return this.stack.slice()
  }

  currentPage(): PageInstance {
    const top = this.stack[this.stack.length - 1]
    if (!top) throw new Error('no page is open')
    return top
  }

  /** Taro's runtime document (the one React renders into). */
  get document(): any {
    return this.taro!.document
  }

  /** Taro's Current (app, page, router). */
  get current(): any {
    return this.taro!.Current
  }

  private navigate(kind: NavKind, options: Record<string, any>) {
    const done = (ok: boolean, res: Record<string, unknown>) =>
      this.schedule(() => {
        const r = this.toVm(res)
        if (ok) options.success?.(r)
        else options.fail?.(r)
        options.complete?.(r)
      }, 0, [])
    // The base library navigates after the current event finishes.
    this.schedule(
      () => {
        try {
          if (kind === 'navigateBack') {
            const delta = Math.max(1, Number(options.delta ?? 1))
            if (this.stack.length <= 1) return done(false, { error: 1, errorMessage: 'no page to go back to' })
            const n = Math.min(delta, this.stack.length - 1)
            for (let i = 0; i < n; i++) this.unloadTop()
            this.history.push({ kind, route: this.currentPage().route })
            this.lifecycle(this.currentPage(), 'onShow')
            return done(true, {})
          }
          const { route, query } = this.resolveUrl(String(options.url ?? ''))
          if (!this.pageExists(route)) return done(false, { error: 1, errorMessage: `page not found: ${route}` })
          if (kind === 'navigateTo' && this.stack.length >= MAX_STACK) return done(false, { error: 2, errorMessage: 'page stack is full (10)' })
          if (kind === 'navigateTo') {
            if (this.stack.length) this.lifecycle(this.currentPage(), 'onHide')
          } else if (kind === 'redirectTo') {
            if (this.stack.length) this.unloadTop()
          } else {
            while (this.stack.length) this.unloadTop()
          }
          this.openPage(route, query, kind)
          done(true, {})
        } catch (e) {
          this.reportError(e)
          done(false, { error: 3, errorMessage: String(e) })
        }
      },
      0,
      [],
    )
  }

  private openPage(route: string, query: Record<string, string>, kind: NavKind | 'launch') {
    this.loadPageFile(route)
    const config = this.pageConfigs.get(route)
    if (!config) throw new Error(`${route}.js did not call Page()`)
    const inst = Object.create(config) as PageInstance
    inst.data = this.toVm(config.data ?? {}) as PageInstance['data']
    inst.route = route
    inst.$viewId = ++this.viewIds
    inst.query = query
    inst.setDataCalls = 0
    const pendingReady: Array<() => void> = []
    inst.setData = (update: Record<string, unknown>, cb?: () => void) => {
      applySetData(inst.data, update)
      inst.setDataCalls++
      this.schedule(
        () => {
          if (typeof cb === 'function') cb.call(inst)
          pendingReady.splice(0).forEach((f) => f())
        },
        0,
        [],
      )
    }
    inst.$spliceData = (update: Record<string, [number, number, ...unknown[]]>, cb?: () => void) => {
      for (const [p, [start, count, ...items]] of Object.entries(update)) {
        const current = (p.split('.').reduce<any>((o, k) => (o == null ? o : o[k]), inst.data) ?? []) as unknown[]
        const next = current.slice()
        next.splice(start, count, ...items)
        applySetData(inst.data, { [p]: next })
      }
      inst.setData({}, cb)
    }
    this.stack.push(inst)
    this.history.push({ kind, route })
    this.lifecycle(inst, 'onLoad', this.toVm(query))
    this.lifecycle(inst, 'onShow')
    // onReady follows the first render (or a short while, for a page that renders nothing).
    let ready = false
    const fireReady = () => {
      if (ready || !this.stack.includes(inst)) return
      ready = true
      this.lifecycle(inst, 'onReady')
    }
    pendingReady.push(fireReady)
    this.schedule(fireReady, 100, [])
  }

  private unloadTop() {
    const top = this.stack.pop()
    if (top) this.lifecycle(top, 'onUnload')
  }

  private lifecycle(page: PageInstance, name: string, arg?: unknown) {
    const fn = page[name]
    if (typeof fn === 'function') this.guard(() => fn.call(page, arg))
  }

  private resolveUrl(url: string): { route: string; query: Record<string, string> } {
    const [rawPath, qs = ''] = url.split('?')
    const base = this.stack.length ? path.posix.dirname(this.currentPage().route) : ''
    const route = rawPath.startsWith('/') ? rawPath.slice(1) : path.posix.normalize(path.posix.join(base, rawPath))
    const query: Record<string, string> = {}
    for (const part of qs.split('&').filter(Boolean)) {
      const [k, v = ''] = part.split('=')
      query[decodeURIComponent(k)] = decodeURIComponent(v)
    }
    return { route, query }
  }

  private allRoutes(): string[] {
    const subs = this.appJson.subPackages ?? this.appJson.subpackages ?? []
    return [...this.appJson.pages, ...subs.flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/+$/, '')}/${p}`))]
  }

  private pageExists(route: string): boolean {
    return this.allRoutes().includes(route)
  }

  private loadPageFile(route: string) {
    if (this.pageConfigs.has(route)) return
    const file = path.join(this.opts.distDir, `${route}.js`)
    this.registering = route
    try {
      this.requireFile(file)
    } finally {
      this.registering = null
    }
  }

  // ---- module loading ---------------------------------------------------------------------------

  /** CommonJS `require` between the compiled chunks, relative to the requiring file, inside the vm. */
  private requireFile(file: string): unknown {
    const resolved = fs.existsSync(file) ? file : `${file}.js`
    const cached = this.modules.get(resolved)
    if (cached) return cached.exports
    const module = { exports: {} as unknown }
    this.modules.set(resolved, module)
    const source = fs.readFileSync(resolved, 'utf8')
    const wrapper = `(function (require, module, exports, __filename, __dirname) {${source}\n})`
    const fn = new vm.Script(wrapper, { filename: resolved }).runInContext(this.ctx) as (...a: unknown[]) => void
    const localRequire = (spec: string) => {
      if (!spec.startsWith('.')) throw new Error(`${path.relative(this.opts.distDir, resolved)} requires '${spec}': only relative chunks exist in a mini-program`)
      return this.requireFile(path.resolve(path.dirname(resolved), spec))
    }
    fn.call(module.exports, localRequire, module, module.exports, resolved, path.dirname(resolved))
    return module.exports
  }

  /**
   * Finds Taro's runtime document and Current inside the bundle. A probe chunk pushed on
   * my.webpackJsonp is handed webpack's require; the modules that define them are picked by what
   * their factories contain, and their (mangled) exports are recognised by value. Both modules have
   * run by the time the app has launched, so requiring them only reads webpack's cache.
   */
  private findTaroRuntime(): { document: any; Current: any } {
    let req: any
    const probeId = `alipay-runtime-probe-${Date.now()}`
    ;(this.my.webpackJsonp as any[]).push(this.toVmArrayWith([[probeId], {}], (r: any) => (req = r)))
    if (!req) throw new Error('could not reach webpack require through my.webpackJsonp')
    const pick = (needles: string[], accept: (v: any) => boolean): any => {
      for (const id of Object.keys(req.m)) {
        const src = Function.prototype.toString.call(req.m[id])
        if (!needles.every((n) => src.includes(n))) continue
        const exp = req(id)
        for (const key of Object.keys(exp ?? {})) if (accept(exp[key])) return exp[key]
      }
      return undefined
    }
    const document = pick(['documentElement', 'getElementById', '.document='], (v) => !!v && typeof v === 'object' && typeof v.getElementById === 'function' && typeof v.createElement === 'function' && !!v.documentElement)
    const Current = pick(['router:null', 'page:null'], (v) => !!v && typeof v === 'object' && 'app' in v && 'router' in v && 'page' in v)
    if (!document) throw new Error("could not find Taro's runtime document in the bundle")
    return { document, Current }
  }

  private toVmArrayWith(items: unknown[], entry: (r: unknown) => void): unknown[] {
    const arr = this.toVm(items) as unknown[]
    arr.push(entry)
    return arr
  }

  // ---- timers and errors ------------------------------------------------------------------------

  private schedule(fn: (...a: unknown[]) => void, ms: number | undefined, args: unknown[]): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.timers.delete(t)
      if (this.disposed) return
      this.guard(() => fn(...args))
    }, ms ?? 0)
    this.timers.add(t)
    return t
  }

  private guard(fn: () => void) {
    try {
      fn()
    } catch (e) {
      this.reportError(e)
    }
  }

  private reportError(e: unknown) {
    this.errors.push(e)
    try {
      this.appInstance?.onError?.call(this.appInstance, String((e as Error)?.stack ?? e))
    } catch {
      // the app's own onError failing must not hide the first error
    }
  }

  /** Copies plain data into the vm's realm. */
  toVm<T>(value: T): T {
    return value === undefined ? value : (this.vmParse(JSON.stringify(value)) as T)
  }

  // ---- reading the screen -----------------------------------------------------------------------

  /** The current page's root in Taro's DOM (the node React renders the page component into). */
  pageRoot(page: PageInstance = this.currentPage()): TaroNode {
    const el = page.$taroPath ? this.document.getElementById(page.$taroPath) : null
    if (!el) throw new Error(`page ${page.route} has no root in Taro's document yet`)
    return el
  }

  /** Elements of the current page, depth first. */
  elements(page: PageInstance = this.currentPage()): TaroNode[] {
    const out: TaroNode[] = []
    const walk = (n: TaroNode) => {
      for (const c of n.childNodes ?? []) {
        if (c.nodeType === 1) {
          out.push(c)
          walk(c)
        }
      }
    }
    walk(this.pageRoot(page))
    return out
  }

  /** The node the view layer has for this element in the page's setData tree (undefined: not rendered). */
  rendered(el: TaroNode, page: PageInstance = this.currentPage()): MiniNode | undefined {
    return findBySid(page.data.root, el.sid)
  }

  /** Elements of the current page with data-testid=id that the view layer has in its data. */
  allByTestId(id: string): TaroNode[] {
    const page = this.currentPage()
    return this.elements(page).filter((e) => e.dataset?.testid === id && this.rendered(e, page))
  }

  byTestId(id: string): TaroNode | undefined {
    return this.allByTestId(id)[0]
  }

  getByTestId(id: string): TaroNode {
    const el = this.byTestId(id)
    if (!el) throw new Error(`no rendered [data-testid="${id}"] on ${this.currentPage().route} (step ${this.step() ?? 'none'})`)
    return el
  }

  /** The current page's data-step, read from the element the view layer has rendered. */
  step(): string | undefined {
    if (!this.stack.length) return undefined
    const page = this.currentPage()
    if (!page.$taroPath || !this.document.getElementById(page.$taroPath)) return undefined
    const el = this.elements(page).find((e) => e.dataset?.step && this.rendered(e, page))
    return el?.dataset.step
  }

  /** Text of an element as the view layer would show it (from the setData tree). */
  renderedText(elOrId: TaroNode | string): string {
    const el = typeof elOrId === 'string' ? this.getByTestId(elOrId) : elOrId
    const node = this.rendered(el)
    if (!node) throw new Error(`element ${el.sid} is not in the rendered data of ${this.currentPage().route}`)
    return textOf(node)
  }

  /** The native component the view layer renders this element as (view, button, text, image...). */
  renderedTag(elOrId: TaroNode | string): string | undefined {
    const el = typeof elOrId === 'string' ? this.getByTestId(elOrId) : elOrId
    const node = this.rendered(el)
    return node?.nn !== undefined ? this.templates.get(String(node.nn))?.tag : undefined
  }

  /**
   * An attribute of the native component as the view layer binds it (base.axml maps e.g. a
   * button's disabled to data key p1): the raw data value, undefined when the data leaves it to
   * the template's default.
   */
  renderedAttr(elOrId: TaroNode | string, attr: string): unknown {
    const el = typeof elOrId === 'string' ? this.getByTestId(elOrId) : elOrId
    const node = this.rendered(el)
    if (!node) throw new Error(`element ${el.sid} is not in the rendered data of ${this.currentPage().route}`)
    const tpl = this.templates.get(String(node.nn))
    const key = tpl?.attrs[attr]
    return key ? node[key] : undefined
  }

  // ---- acting -----------------------------------------------------------------------------------

  /**
   * A tap, sent the way the view layer sends it: it walks the rendered data tree from the tapped
   * node up to the page root and calls the page's `eh` for every node whose template binds tap
   * (bubbling; a catchTap stops it), with target = the tapped node. A disabled <button> swallows
   * the tap, as the native component does. Returns false when no handler was reached.
   */
  tap(elOrId: TaroNode | string): boolean {
    const page = this.currentPage()
    const el = typeof elOrId === 'string' ? this.getByTestId(elOrId) : elOrId
    const chain = pathToSid(page.data.root, el.sid)
    if (!chain.length) throw new Error(`cannot tap ${el.dataset?.testid ?? el.sid}: not rendered on ${page.route}`)
    const tapped = chain[chain.length - 1]
    const tappedTpl = this.templates.get(String(tapped.nn))
    if (tappedTpl?.tag === 'button' && tappedTpl.attrs.disabled && tapped[tappedTpl.attrs.disabled]) return false
    const targetDataset = { sid: String(tapped.sid) }
    const target = { id: String(tapped.uid ?? tapped.sid), dataset: targetDataset, targetDataset }
    let sent = false
    for (let i = chain.length - 1; i >= 1; i--) {
      const node = chain[i] // chain[0] is the page data's root object, not a rendered node
      const tpl = this.templates.get(String(node.nn))
      if (!tpl?.events.has('tap')) continue
      const event = this.toVm({
        type: 'tap',
        timeStamp: Date.now(),
        target,
        currentTarget: { id: String(node.uid ?? node.sid), dataset: { sid: String(node.sid) } },
        detail: { pageX: 187, pageY: 400, clientX: 187, clientY: 400 },
      })
      this.guard(() => page.eh(event))
      sent = true
      if (tpl.catches.has('tap')) break
    }
    return sent
  }

  /** Waits (on real time) until `check` returns a truthy value; the app runs meanwhile. */
  async waitFor<T>(check: () => T | undefined | null | false, what: string, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs
    let lastError: unknown
    for (;;) {
      try {
        const v = check()
        if (v) return v
      } catch (e) {
        lastError = e
      }
      if (Date.now() > deadline) {
        const where = this.stack.length ? `${this.currentPage().route} (step ${this.step() ?? 'none'})` : 'no page'
        const errs = this.errors.length ? `; app errors: ${this.errors.map((e) => String((e as Error)?.message ?? e)).join(' | ')}` : ''
        throw new Error(`timed out waiting for ${what} on ${where}${lastError ? `; last: ${String((lastError as Error).message ?? lastError)}` : ''}${errs}`)
      }
      await new Promise((r) => setTimeout(r, 10))
    }
  }

  /** Waits for the page with this data-step to be on top and rendered. */
  waitForStep(step: string, timeoutMs?: number): Promise<string> {
    return this.waitFor(() => (this.step() === step ? step : undefined), `data-step="${step}"`, timeoutMs)
  }

  /** Waits for a rendered element with this test id. */
  waitForTestId(id: string, timeoutMs?: number): Promise<TaroNode> {
    return this.waitFor(() => this.byTestId(id), `[data-testid="${id}"]`, timeoutMs)
  }

  /** Unloads every page and stops the app's timers. */
  async dispose(): Promise<void> {
    while (this.stack.length) this.unloadTop()
    await new Promise((r) => setTimeout(r, 20))
    this.disposed = true
    this.disposeMy()
    for (const t of this.timers) clearTimeout(t)
    for (const t of this.intervals) clearInterval(t)
    this.timers.clear()
    this.intervals.clear()
  }
}
