/**
 * The app's own timing marks, always on and cheap: for each screen transition, the time from the
 * person's action to the next screen being ready, how long of it was spent waiting for the
 * network, and how many SEQUENTIAL round trips to the server it waited for. Nothing personal is
 * recorded: screen names (data-step), action labels and numbers only.
 *
 * - A transition begins at the person's action (`beginTransition`: the claim pages' buttons, and the
 *   navigation helpers for plain taps) and ends when a screen reports ready (`screenReady`). An
 *   action that does not leave its screen ends when it finishes (`finishAction`).
 * - The API client reports every attempt (`requestStarted` → end). Round trips are counted as the
 *   longest chain of server requests where each starts after the previous one ended; parallel
 *   requests count once. Calls to the H5 simulator's platform stand-ins (/api/mock/...: the
 *   authorization code, the face screen's outcome) are counted apart, as `platformRoundTrips`: on
 *   Alipay those are my.getAuthCode and the face screen, not our server.
 * - performance.mark / performance.measure carry the same transitions where the host has them.
 * - In the H5 build the records are exposed for tests as `window.__ecardTiming` (docs/qa.md).
 */

export type RequestKind = 'server' | 'platform'

export interface TransitionRecord {
  /** What the person did: a button's name, or `navigate`. */
  action: string
  /** The screen it was done on (null before the first screen was ready). */
  from: string | null
  /** The screen that became ready; equal to `from` for an action that stayed on its screen; null when superseded. */
  to: string | null
  durationMs: number
  /** Time with at least one request in flight. */
  networkWaitMs: number
  /** The longest chain of sequential server requests. */
  roundTrips: number
  serverRequests: number
  platformRoundTrips: number
}

interface Request {
  kind: RequestKind
  start: number
  end?: number
  depth: number
}

interface Open {
  id: number
  action: string
  from: string | null
  start: number
  navigated: boolean
  requests: Request[]
}

const MAX_RECORDS = 200
const now = (): number => (typeof performance !== 'undefined' && typeof performance.now === 'function' ? performance.now() : Date.now())

let nextId = 1
let open: Open | null = null
let screen: string | null = null
const records: TransitionRecord[] = []

function perfMark(name: string) {
  try {
    if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(name)
  } catch {
    // Marks are a convenience for profilers; the records do not depend on them.
  }
}

function perfMeasure(name: string, startMark: string) {
  try {
    if (typeof performance !== 'undefined' && typeof performance.measure === 'function') {
      performance.measure(name, startMark)
      performance.clearMarks?.(startMark)
    }
  } catch {
    // As above.
  }
}

/** Union of the requests' busy time, from the transition's start to `until`. */
function busyMs(requests: Request[], until: number): number {
  const spans = requests.map((r) => [r.start, r.end ?? until] as const).sort((a, b) => a[0] - b[0])
  let total = 0
  let curStart = -Infinity
  let curEnd = -Infinity
  for (const [s, e] of spans) {
    if (s > curEnd) {
      if (curEnd > curStart) total += curEnd - curStart
      curStart = s
      curEnd = e
    } else if (e > curEnd) curEnd = e
  }
  if (curEnd > curStart) total += curEnd - curStart
  return total
}

function close(to: string | null) {
  const t = open
  if (!t) return
  open = null
  const end = now()
  const server = t.requests.filter((r) => r.kind === 'server')
  const record: TransitionRecord = {
    action: t.action,
    from: t.from,
    to,
    durationMs: Math.round((end - t.start) * 10) / 10,
    networkWaitMs: Math.round(busyMs(t.requests, end) * 10) / 10,
    roundTrips: server.reduce((max, r) => Math.max(max, r.depth), 0),
    serverRequests: server.length,
    platformRoundTrips: t.requests.length - server.length,
  }
  records.push(record)
  if (records.length > MAX_RECORDS) records.shift()
  perfMeasure(`ecard:${t.from ?? 'start'}>${to ?? 'none'}`, `ecard:action:${t.id}`)
}

/** The person acted: a new transition starts now (one still open is closed as superseded). Returns its id. */
export function beginTransition(action: string): number {
  if (open) close(null)
  const id = nextId++
  open = { id, action, from: screen, start: now(), navigated: false, requests: [] }
  perfMark(`ecard:action:${id}`)
  return id
}

/** A navigation is under way: the open transition ends when the next screen is ready. Opens one when none is. */
export function noteNavigation(action = 'navigate'): void {
  if (!open) beginTransition(action)
  open!.navigated = true
}

/** The action `id` is over: if it never navigated, it stayed on its screen and its transition ends here. */
export function finishAction(id: number): void {
  if (open && open.id === id && !open.navigated) close(screen)
}

/** A screen has its content: the open transition (if any) ends on it. */
export function screenReady(step: string): void {
  screen = step
  if (open) close(step)
}

/** One request (one attempt) goes out; call the returned function when its answer (or failure) arrives. */
export function requestStarted(kind: RequestKind = 'server'): () => void {
  const t = open
  if (!t) return () => undefined
  const start = now()
  let depth = 1
  for (const r of t.requests) if (r.kind === 'server' && r.end !== undefined && r.end <= start) depth = Math.max(depth, r.depth + 1)
  const request: Request = { kind, start, depth }
  t.requests.push(request)
  return () => {
    if (request.end === undefined) request.end = now()
  }
}

export function timingRecords(): TransitionRecord[] {
  return records.slice()
}

export function currentScreen(): string | null {
  return screen
}

/** Forgets the records (tests, and the bench between runs). */
export function resetTiming(): void {
  records.length = 0
  open = null
}

// The H5 build exposes the records for tests (docs/qa.md); a phone build has no window.
if (typeof window !== 'undefined' && process.env.TARO_ENV !== 'alipay') {
  ;(window as unknown as { __ecardTiming?: unknown }).__ecardTiming = {
    transitions: timingRecords,
    screen: currentScreen,
    reset: resetTiming,
  }
}
