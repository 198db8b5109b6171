/**
 * Where a page's main thread goes before its Largest Contentful Paint, from a Chromium trace: for
 * `node bench/lcp.mjs --trace`. Tracing slows every page, so these figures explain a difference
 * between builds; they are not the budget's LCP.
 */

/** The categories a load is traced with: the timeline, Blink's and the font system's own events. */
export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'blink.user_timing', 'loading', 'fonts', 'v8']

/** The total length of the intervals, counting overlaps (nested events) once. */
function covered(events) {
  let total = 0
  let end = -Infinity
  for (const e of [...events].sort((a, b) => a.ts - b.ts)) {
    const start = Math.max(e.ts, end)
    const stop = e.ts + (e.dur ?? 0)
    if (stop > start) total += stop - start
    end = Math.max(end, stop)
  }
  return total
}

const ms = (us) => Math.round(us / 100) / 10

/** Each event name's self time (its time minus that of the events nested in it), in µs. */
function selfTimes(events) {
  const self = {}
  const stack = []
  for (const e of [...events].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))) {
    while (stack.length && stack[stack.length - 1].ts + (stack[stack.length - 1].dur ?? 0) <= e.ts) stack.pop()
    const parent = stack[stack.length - 1]
    if (parent) self[parent.name] -= Math.min(e.dur ?? 0, parent.ts + (parent.dur ?? 0) - e.ts)
    self[e.name] = (self[e.name] ?? 0) + (e.dur ?? 0)
    stack.push(e)
  }
  return self
}

/**
 * The renderer main thread's time from navigation to the last LCP candidate, in ms: `busy` (its
 * tasks), `script`, `style`, `layout`, `paint`, `gc`, and `fonts` (the font system's own events,
 * most of them synchronous calls to the browser process on Linux; inside layout and style).
 * `fontCalls`: the font events by name (and family, where the event names one), in ms; `selfMs`:
 * every event name's self time, in ms (where a difference between two pages is).
 */
export function mainThreadBreakdown(events) {
  const lcp = events.filter((e) => e.name === 'largestContentfulPaint::Candidate').pop()
  if (!lcp) throw new Error('the trace has no LCP candidate')
  const thread = (e) => e.pid === lcp.pid && e.tid === lcp.tid
  const nav = events.filter((e) => e.pid === lcp.pid && e.name === 'navigationStart').pop()
  if (!nav) throw new Error('the trace has no navigationStart')
  const done = events.filter((e) => thread(e) && e.ph === 'X' && e.ts >= nav.ts && e.ts < lcp.ts)
  const named = (...names) => covered(done.filter((e) => names.includes(e.name)))
  const fonts = done.filter((e) => e.cat.split(',').includes('fonts'))
  const fontCalls = {}
  for (const e of fonts) {
    const key = e.args?.family_name ? `${e.name} (${e.args.family_name})` : e.name
    fontCalls[key] = (fontCalls[key] ?? 0) + (e.dur ?? 0) / 1000
  }
  return {
    lcp: ms(lcp.ts - nav.ts),
    busy: ms(named('RunTask', 'ThreadControllerImpl::RunTask')),
    script: ms(named('FunctionCall', 'EvaluateScript', 'v8.evaluateModule', 'TimerFire', 'FireAnimationFrame', 'RunMicrotasks', 'v8.run')),
    style: ms(named('UpdateLayoutTree', 'RecalculateStyles')),
    layout: ms(named('Layout')),
    paint: ms(named('PrePaint', 'Paint', 'Layerize', 'UpdateLayer')),
    gc: ms(named('MinorGC', 'MajorGC', 'V8.GC_SCAVENGER', 'V8.GC_MARK_COMPACTOR', 'V8.GC_MC_INCREMENTAL')),
    fonts: ms(covered(fonts)),
    fontCalls: Object.fromEntries(Object.entries(fontCalls).map(([k, v]) => [k, Math.round(v * 10) / 10])),
    selfMs: Object.fromEntries(Object.entries(selfTimes(done)).filter(([, v]) => v >= 50).map(([k, v]) => [k, ms(v)])),
  }
}
