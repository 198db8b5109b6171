/**
 * A stand-in for Alipay's `my` object: the APIs the app and Taro's Alipay runtime call, backed by
 * the mock server over real HTTP. Error shapes follow Alipay's documented codes for the cases
 * stubbed here (my.request: 12 network, 13 timeout, 14 decode, 19 HTTP status; my.getAuthCode:
 * 11 user refused); nothing else of the base library is modelled.
 */

/** timeout: the face screen never finishes (nothing is recorded; the app's query finds it pending). */
export type FaceOutcome = 'pass' | 'fail' | 'cancel' | 'timeout'

export interface RequestLogEntry {
  method: string
  url: string
  status: number | 'network-error' | 'timeout'
}

export interface MyHost {
  /** Origin the compiled API base is rewritten to (the test server). */
  apiOrigin: string
  /** Origin baked into the build (TARO_APP_API_BASE's origin). */
  compiledOrigin: string
  personaId: string
  /** Used when the server's /api/mock/scenarios does not say otherwise. */
  faceOutcome: FaceOutcome
  /** 'deny' makes my.getAuthCode fail as when the user refuses (error 11). */
  auth: 'grant' | 'deny'
  systemInfo: Record<string, unknown>
  /** Copies a host value into the vm's realm (so `instanceof Object` etc. hold in the app). */
  toVm<T>(value: T): T
  /** Navigation, implemented by the runtime (page stack). */
  navigate(kind: 'navigateTo' | 'redirectTo' | 'reLaunch' | 'switchTab' | 'navigateBack', options: Record<string, unknown>): void
  onError(err: unknown): void
  /** Runs `fn` on a later macrotask (the runtime drops these once disposed). */
  later(fn: () => void): void
}

export interface MyRecords {
  requests: RequestLogEntry[]
  titles: string[]
  toasts: Array<{ content: unknown; type: unknown }>
  faceCalls: Array<{ certifyId: string; outcome: FaceOutcome; source: 'scenario' | 'option' }>
  authCodes: number
  storage: Map<string, string>
  /** The screen brightness (0..1) the app last set; 0.5 at launch. */
  brightness: number
}

type Callbacks = { success?: (res: unknown) => void; fail?: (err: unknown) => void; complete?: (res: unknown) => void }

export function createMy(host: MyHost): { my: Record<string, unknown>; records: MyRecords; dispose(): void } {
  const records: MyRecords = { requests: [], titles: [], toasts: [], faceCalls: [], authCodes: 0, storage: new Map(), brightness: 0.5 }

  /** Calls back on a later macrotask, as the base library does. */
  const later = (fn: () => void) => host.later(fn)
  /** Requests in flight, so disposal can cancel them. */
  const inFlight = new Set<{ controller: AbortController; timer: NodeJS.Timeout }>()
  const succeed = (opts: Callbacks, res: Record<string, unknown> = {}) =>
    later(() => {
      const r = host.toVm(res)
      opts.success?.(r)
      opts.complete?.(r)
    })
  const failWith = (opts: Callbacks, err: Record<string, unknown>) =>
    later(() => {
      const e = host.toVm(err)
      opts.fail?.(e)
      opts.complete?.(e)
    })

  const rewrite = (url: string) => (url.startsWith(host.compiledOrigin) ? host.apiOrigin + url.slice(host.compiledOrigin.length) : url)

  async function postJson(path: string, body: unknown): Promise<{ status: number; json: any }> {
    const res = await fetch(host.apiOrigin + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    const text = await res.text()
    return { status: res.status, json: text ? JSON.parse(text) : undefined }
  }

  function request(options: Record<string, any>) {
    const controller = new AbortController()
    const method = String(options.method ?? 'GET').toUpperCase()
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries((options.headers ?? options.header ?? {}) as Record<string, unknown>)) headers[k.toLowerCase()] = String(v)
    let url = rewrite(String(options.url))
    let body: string | undefined
    const data = options.data
    if (method === 'GET' || method === 'HEAD') {
      if (data && typeof data === 'object') {
        const qs = new URLSearchParams(Object.entries(data).map(([k, v]) => [k, String(v)])).toString()
        if (qs) url += (url.includes('?') ? '&' : '?') + qs
      }
    } else if (typeof data === 'string') {
      body = data
    } else if (data !== undefined && data !== null) {
      const ct = headers['content-type'] ?? 'application/json'
      body = ct.includes('json') ? JSON.stringify(data) : new URLSearchParams(Object.entries(data).map(([k, v]) => [k, String(v)])).toString()
    }
    const timeoutMs = typeof options.timeout === 'number' && options.timeout > 0 ? options.timeout : 30000
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, timeoutMs)
    const flight = { controller, timer }
    inFlight.add(flight)
    const path = url.startsWith(host.apiOrigin) ? url.slice(host.apiOrigin.length) : url
    const entry: RequestLogEntry = { method, url: path, status: 0 }
    records.requests.push(entry)
    // Hermetic: only the test server is reachable; anything else fails like an unreachable host.
    if (!url.startsWith(host.apiOrigin + '/')) {
      clearTimeout(timer)
      inFlight.delete(flight)
      entry.status = 'network-error'
      failWith(options, { error: 12, errorMessage: `network error (${url} is outside the simulator)` })
      return { abort: () => undefined }
    }

    fetch(url, { method, headers, body, signal: controller.signal })
      .then(async (res) => {
        const text = await res.text()
        clearTimeout(timer)
        inFlight.delete(flight)
        entry.status = res.status
        const resHeaders: Record<string, string> = {}
        res.headers.forEach((v, k) => (resHeaders[k] = v))
        const dataType = String(options.dataType ?? 'json').toLowerCase()
        let payload: unknown = text
        if (dataType === 'json') {
          try {
            payload = text === '' ? text : JSON.parse(text)
          } catch {
            failWith(options, { error: 14, errorMessage: 'JSON parse error', status: res.status, data: text, headers: resHeaders })
            return
          }
        } else if (dataType === 'base64') {
          payload = Buffer.from(text).toString('base64')
        }
        if (res.status >= 200 && res.status < 300) succeed(options, { data: payload, status: res.status, headers: resHeaders })
        else failWith(options, { error: 19, errorMessage: 'http status error', status: res.status, data: payload, headers: resHeaders })
      })
      .catch(() => {
        clearTimeout(timer)
        inFlight.delete(flight)
        entry.status = timedOut ? 'timeout' : 'network-error'
        if (timedOut) failWith(options, { error: 13, errorMessage: 'timeout' })
        else if (!controller.signal.aborted) failWith(options, { error: 12, errorMessage: 'network error' })
        else failWith(options, { error: 9, errorMessage: 'request aborted' })
      })
    return { abort: () => controller.abort() }
  }

  /** The face outcome the server's scenario switch asks for, if it has one for this persona. */
  async function scenarioFaceOutcome(): Promise<FaceOutcome | undefined> {
    try {
      const res = await fetch(`${host.apiOrigin}/api/mock/scenarios`)
      if (!res.ok) return undefined
      return pickFaceOutcome(await res.json(), host.personaId)
    } catch {
      return undefined
    }
  }

  const storageGet = (key: string) => {
    const raw = records.storage.get(key)
    return raw === undefined ? null : JSON.parse(raw)
  }

  const my: Record<string, unknown> = {
    env: { clientName: 'alipay', clientVersion: '10.5.0', language: 'zh-Hans', platform: 'iOS', USER_DATA_PATH: 'https://usr' },
    canIUse: () => true,
    getSystemInfoSync: () => host.toVm(host.systemInfo),
    getSystemInfo: (opts: Callbacks) => succeed(opts, host.systemInfo),

    request,
    httpRequest: request,

    getStorageSync: ({ key }: { key: string }) => host.toVm({ data: storageGet(key) }),
    setStorageSync: ({ key, data }: { key: string; data: unknown }) => {
      records.storage.set(key, JSON.stringify(data === undefined ? null : data))
    },
    removeStorageSync: ({ key }: { key: string }) => {
      records.storage.delete(key)
    },
    clearStorageSync: () => records.storage.clear(),
    getStorage: (opts: Callbacks & { key: string }) => succeed(opts, { data: storageGet(opts.key) }),
    setStorage: (opts: Callbacks & { key: string; data: unknown }) => {
      records.storage.set(opts.key, JSON.stringify(opts.data === undefined ? null : opts.data))
      succeed(opts, { success: true })
    },
    removeStorage: (opts: Callbacks & { key: string }) => {
      records.storage.delete(opts.key)
      succeed(opts, { success: true })
    },

    getAuthCode: (opts: Callbacks & { scopes?: string | string[] }) => {
      if (host.auth === 'deny') return failWith(opts, { error: 11, errorMessage: '用户取消授权' })
      postJson('/api/mock/auth-code', { personaId: host.personaId }).then(
        ({ status, json }) => {
          if (status !== 200 || !json?.authCode) return failWith(opts, { error: 3, errorMessage: `auth-code stand-in answered ${status}` })
          records.authCodes++
          succeed(opts, { authCode: json.authCode, authErrorScopes: {}, authSuccessScopes: [].concat((opts.scopes as never) ?? 'auth_base') })
        },
        (e: unknown) => failWith(opts, { error: 12, errorMessage: String(e) }),
      )
    },

    /** my.call: only startBizService('open-certify') (the face screen) is simulated. */
    call: (api: string, param: Record<string, unknown> | undefined, callback?: (res: unknown) => void) => {
      const cb = typeof callback === 'function' ? callback : (typeof param === 'function' ? (param as never) : () => undefined)
      const reply = (res: Record<string, unknown>) => later(() => cb(host.toVm(res)))
      if (api !== 'startBizService' || !param || param.name !== 'open-certify') {
        return reply({ error: 1, errorMessage: `my.call('${api}') is not simulated` })
      }
      let certifyId: string | undefined
      try {
        const p = typeof param.param === 'string' ? JSON.parse(param.param) : param.param
        certifyId = p?.certifyId
      } catch {
        certifyId = undefined
      }
      if (!certifyId) return reply({ error: 2, errorMessage: 'open-certify needs param.certifyId' })
      void (async () => {
        const fromScenario = await scenarioFaceOutcome()
        const outcome = fromScenario ?? host.faceOutcome
        records.faceCalls.push({ certifyId: certifyId!, outcome, source: fromScenario ? 'scenario' : 'option' })
        // A timed-out screen records nothing; otherwise the platform tells the server how it ended.
        if (outcome !== 'timeout') {
          const { status } = await postJson(`/api/mock/certifications/${encodeURIComponent(certifyId!)}/complete`, { outcome })
          if (status !== 200) return reply({ resultStatus: '4000', errorMessage: `face stand-in answered ${status}` })
        }
        // 9000: the face screen closed (pass or fail is the server's to say); 6001: the user left it.
        reply({ resultStatus: outcome === 'cancel' ? '6001' : '9000', result: {} })
      })().catch((e) => reply({ resultStatus: '4000', errorMessage: String(e) }))
    },

    getScreenBrightness: (opts: Callbacks) => succeed(opts, { brightness: records.brightness }),
    setScreenBrightness: (opts: Callbacks & { brightness?: number }) => {
      if (typeof opts.brightness === 'number') records.brightness = opts.brightness
      succeed(opts)
    },
    pageScrollTo: (opts: Callbacks = {}) => succeed(opts),

    setNavigationBar: (opts: Callbacks & { title?: string }) => {
      if (typeof opts.title === 'string') records.titles.push(opts.title)
      succeed(opts)
    },
    showToast: (opts: Callbacks & { content?: unknown; type?: unknown }) => {
      records.toasts.push({ content: opts.content, type: opts.type })
      succeed(opts)
    },
    hideToast: (opts: Callbacks = {}) => succeed(opts),
    showLoading: (opts: Callbacks = {}) => succeed(opts),
    hideLoading: (opts: Callbacks = {}) => succeed(opts),
    alert: (opts: Callbacks = {}) => succeed(opts),
    confirm: (opts: Callbacks = {}) => succeed(opts, { confirm: true }),

    navigateTo: (opts: Record<string, unknown>) => host.navigate('navigateTo', opts),
    redirectTo: (opts: Record<string, unknown>) => host.navigate('redirectTo', opts),
    reLaunch: (opts: Record<string, unknown>) => host.navigate('reLaunch', opts),
    switchTab: (opts: Record<string, unknown>) => host.navigate('switchTab', opts),
    navigateBack: (opts: Record<string, unknown> = {}) => host.navigate('navigateBack', opts),
  }
  const dispose = () => {
    for (const f of inFlight) {
      clearTimeout(f.timer)
      f.controller.abort()
    }
    inFlight.clear()
  }
  return { my, records, dispose }
}

/**
 * The face outcome GET /api/mock/scenarios puts in force for `personaId`: the persona's own
 * switch, else the global one ({ global: { faceOutcome }, personas: { <id>: { faceOutcome } } }).
 */
export function pickFaceOutcome(body: unknown, personaId: string): FaceOutcome | undefined {
  const valid = (v: unknown): v is FaceOutcome => v === 'pass' || v === 'fail' || v === 'cancel' || v === 'timeout'
  if (!body || typeof body !== 'object') return undefined
  const state = body as { global?: { faceOutcome?: unknown }; personas?: Record<string, { faceOutcome?: unknown } | undefined> }
  const mine = state.personas?.[personaId]?.faceOutcome
  if (valid(mine)) return mine
  const global = state.global?.faceOutcome
  return valid(global) ? global : undefined
}
