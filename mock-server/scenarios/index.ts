/**
 * QA scenarios: fault and outcome switches (off unless set), applied in ONE place, as Fastify
 * hooks on every API route, plus the live API log. Routes know nothing of them.
 *
 *   onRequest   a call's persona from its bearer token (only when some persona has scenarios), and
 *               the per-call clock (clockOffsetMs) for everything after, the bearer guard included
 *   preHandler  the persona of token-less calls (auth code, token exchange, the face stand-in);
 *               latencyMs; injectOnce (5xx answers here, before the handler); faceOutcome
 *   onSend      injectOnce after the handler: 5xx-after-commit, malformed, timeout (a held response),
 *               through `beforeSend`, which the app's own onSend hook calls after its headers
 *   onResponse  one event in the live log per API call (faults included), through `callFinished`,
 *               which the app's own onResponse hook calls
 *   preClose    ends the SSE streams and cuts held responses short, so app.close() never hangs
 *
 * With no scenario set, the hooks cost one boolean check each (plus the log event).
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppContext } from '../context'
import { findPersona } from '../personas'
import type { WireError } from '../apiError'
import { defaultMessage } from '../apiError'
import { EventLog, EVENT_BUFFER_SIZE, HEARTBEAT_MS } from './events'
import { personaFromBearer, personaNamedBy } from './persona'
import { ScenarioBook } from './state'
import { Delays } from './timers'

export { EventLog } from './events'
export { ScenarioBook, GLOBAL } from './state'

/** The QA API itself: never faulted, never delayed, not in the live log. */
export const QA_CONTROL_OPERATIONS = new Set(['getScenarios', 'replaceScenarios', 'mergeScenarios', 'clearScenarios', 'streamApiEvents'])
/** Not calls the app makes: left out of the live log (still faultable). */
const UNLOGGED_OPERATIONS = new Set([...QA_CONTROL_OPERATIONS, 'getHealth', 'getOpenApi'])

export const DEFAULT_HOLD_MS = 20_000
// The contract lists INTERNAL under 500: an injected server fault looks like any other server fault.
const INJECTED_5XX_STATUS = 500
/** The live log's status for a call whose client gave up before the answer (nginx's "client closed request"). */
export const CLIENT_CLOSED_STATUS = 499
const INJECTED_5XX_BODY: WireError = { code: 'INTERNAL', message: `${defaultMessage('INTERNAL')} (injected by a QA scenario)` }

export interface QaOptions {
  /** Events kept for a new log stream (default 200). */
  eventBufferSize?: number
  /** SSE heartbeat comment interval (default 15 s). */
  heartbeatMs?: number
}

export interface Qa {
  scenarios: ScenarioBook
  events: EventLog
  /** Every operationId of the API, but the QA API's own. */
  operationIds(): readonly string[]
  /**
   * The live log's event for a finished call. Called by the app's one onResponse hook (with the
   * request line): a hook of its own would cost a hook run per request.
   */
  callFinished(request: FastifyRequest, reply: FastifyReply, routeOptions: FastifyRequest['routeOptions']): void
  /** injectOnce's after-handler faults; called by the app's one onSend hook, after its headers, for the same reason. */
  beforeSend(request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: Error | null, payload?: unknown) => void): void
}

/** What the hooks know about one call. */
interface CallScenario {
  personaId: string | null
  faults: string[]
  delayMs: number
  /** A fault to apply when the response is sent. */
  after: { kind: '5xx-after-commit' | 'malformed' | 'timeout'; holdMs: number } | null
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The QA scenarios and live log (mock-server/scenarios). */
    qa: Qa
  }
  interface FastifyRequest {
    /** Set by the scenario hooks when some scenario is on (mock-server/scenarios). */
    qaCall: CallScenario | null
    /** performance.now() when the call arrived, for the log event of a call the client gave up on. */
    qaStartedAt: number
    /** The call's live-log event is published (a call the client gave up on must not get two). */
    qaLogged: boolean
  }
}

const isApiUrl = (url: string) => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?')
const operationIdOf = (request: FastifyRequest): string | undefined => (request.routeOptions.schema as { operationId?: string } | undefined)?.operationId
const newCall = (personaId: string | null): CallScenario => ({ personaId, faults: [], delayMs: 0, after: null })

/**
 * Installs the scenario hooks and the live log on the root instance. Call before the API routes
 * are registered (it collects their operationIds as they are added). Replaces `ctx.now` with the
 * scenario-aware clock.
 */
export function installScenarios(app: FastifyInstance, ctx: AppContext, opts: QaOptions = {}): Qa {
  const operationIds = new Set<string>()
  const book = new ScenarioBook({ knownPersona: (id) => findPersona(id) !== undefined, operationIds: () => [...operationIds] })
  const events = new EventLog(opts.eventBufferSize ?? EVENT_BUFFER_SIZE, opts.heartbeatMs ?? HEARTBEAT_MS)
  const delays = new Delays()
  const callContext = new AsyncLocalStorage<CallScenario>()

  // the clock every route reads: the injected one, plus the offset that applies to this call
  const baseNow = ctx.now
  ctx.now = () => (book.idle ? baseNow() : baseNow() + book.clockOffsetMs(callContext.getStore()?.personaId ?? null))
  const nowFor = (personaId: string | null) => baseNow() + book.clockOffsetMs(personaId)

  app.decorateRequest('qaCall', null)
  app.decorateRequest('qaStartedAt', 0)
  app.decorateRequest('qaLogged', false)

  app.addHook('onRoute', (route) => {
    const id = (route.schema as { operationId?: string } | undefined)?.operationId
    if (id && !QA_CONTROL_OPERATIONS.has(id) && isApiUrl(route.url)) operationIds.add(id)
  })

  app.addHook('onRequest', (request, _reply, done) => {
    request.qaStartedAt = performance.now()
    if (book.idle) return done()
    const call = newCall(book.scoped ? personaFromBearer(request, ctx.store) : null)
    request.qaCall = call
    // everything after this (the bearer guard's expiry check too) reads this call's clock
    callContext.run(call, done)
  })

  // async only when a scenario is set: an async hook costs a promise on every request
  const applyScenario = async (request: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    if (book.idle) return
    const operationId = operationIdOf(request)
    if (!operationId || QA_CONTROL_OPERATIONS.has(operationId) || !isApiUrl(request.url)) return
    const call = (request.qaCall ??= newCall(null))
    call.personaId = request.personaId ?? personaNamedBy(request, ctx.store, operationId) ?? call.personaId

    const latency = book.effective(call.personaId).latencyMs
    const delay = latency?.[operationId] ?? (request.url.startsWith('/api/mock/') ? undefined : latency?.['*'])
    if (delay) {
      call.delayMs = delay
      await delays.wait(delay)
    }

    const scenario = book.effective(call.personaId)
    const inject = scenario.injectOnce
    if (inject && inject.fault.operationId === operationId && book.consume(inject.scope, inject.fault)) {
      const { kind } = inject.fault
      call.faults.push(kind)
      request.log.warn({ operationId, fault: kind, personaId: call.personaId, scope: inject.scope === call.personaId ? 'persona' : 'global' }, 'scenario: injected fault')
      if (kind === '5xx') return answer5xx(reply)
      call.after = { kind, holdMs: inject.fault.holdMs ?? DEFAULT_HOLD_MS }
    }

    if (scenario.faceOutcome) {
      const answered = applyFaceOutcome(request, reply, operationId, scenario.faceOutcome, call)
      if (answered) return reply
    }
  }
  app.addHook('preHandler', (request, reply, done) => {
    if (book.idle && !request.qaCall) return done()
    applyScenario(request, reply).then(
      (answered) => {
        if (answered === reply) return
        // the handler runs inside this call's clock context (body parsing loses it)
        const call = request.qaCall
        if (!call) return done()
        callContext.run(call, done)
      },
      (err: Error) => done(err),
    )
  })

  const applyAfter = async (request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
    const after = request.qaCall!.after!
    request.qaCall!.after = null
    switch (after.kind) {
      case '5xx-after-commit':
        // the handler ran and committed; the answer is lost on the way
        reply.code(INJECTED_5XX_STATUS)
        reply.header('content-type', 'application/json; charset=utf-8')
        reply.errorCode = 'INTERNAL'
        return JSON.stringify(INJECTED_5XX_BODY)
      case 'malformed':
        reply.code(200)
        reply.header('content-type', 'application/json; charset=utf-8')
        reply.errorCode = null
        return truncateJson(payload)
      case 'timeout':
        await delays.wait(after.holdMs)
        return payload
    }
  }
  const beforeSend = (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: Error | null, payload?: unknown) => void): void => {
    if (!request.qaCall?.after) return done(null, payload)
    applyAfter(request, reply, payload).then(
      (out) => done(null, out),
      (err: Error) => done(err),
    )
  }

  // one event per call: when the answer is sent, or when the client gives up first (status 499)
  // routeOptions is a getter that builds a new object each time: a caller that has it passes it
  const logCall = (request: FastifyRequest, status: number, durationMs: number, errorCode: string | null, routeOptions = request.routeOptions) => {
    if (request.qaLogged || !isApiUrl(request.url)) return
    const operationId = (routeOptions.schema as { operationId?: string } | undefined)?.operationId ?? null
    if (operationId && UNLOGGED_OPERATIONS.has(operationId)) return
    request.qaLogged = true
    const call = request.qaCall
    let personaId = request.personaId ?? call?.personaId ?? null
    if (!personaId && operationId) {
      try {
        personaId = personaNamedBy(request, ctx.store, operationId)
      } catch {
        personaId = null
      }
    }
    events.publish({
      atMs: baseNow(),
      method: request.method,
      route: routeOptions.url ?? null,
      operationId,
      status,
      durationMs: Math.round(durationMs * 100) / 100,
      errorCode,
      personaId,
      fault: call?.faults.length ? call.faults.join(' + ') : null,
      delayMs: call?.delayMs ?? 0,
    })
  }
  app.addHook('onRequestAbort', async (request) => {
    logCall(request, CLIENT_CLOSED_STATUS, performance.now() - request.qaStartedAt, null)
  })

  // before the server waits for open connections: an SSE stream or a held response would keep it waiting
  app.addHook('preClose', async () => {
    events.closeAll()
    delays.releaseAll()
  })

  /** faceOutcome: the platform decides, whatever the stand-in page says. True when it answered the call. */
  function applyFaceOutcome(request: FastifyRequest, reply: FastifyReply, operationId: string, outcome: NonNullable<ReturnType<ScenarioBook['effective']>['faceOutcome']>, call: CallScenario): boolean {
    if (operationId === 'mockCompleteCertification') {
      call.faults.push(`face:${outcome}`)
      if (outcome === 'timeout') {
        // the platform's face screen never finishes: nothing is recorded
        reply.send({ ok: true })
        return true
      }
      ;(request.body as { outcome: string }).outcome = outcome
      return false
    }
    if (operationId === 'queryCertification' && outcome !== 'timeout') {
      // the app asks before the stand-in said anything (or without one, as on Alipay): the platform has finished
      const certifyId = (request.params as { certifyId?: string }).certifyId
      const cert = certifyId ? ctx.store.getCertification(certifyId) : undefined
      const now = nowFor(call.personaId)
      if (cert && cert.personaId === call.personaId && cert.outcome === null && cert.passedAt === null && now < cert.expiresAt) {
        ctx.store.recordCertificationOutcome(cert.certifyId, outcome, now)
        call.faults.push(`face:${outcome}`)
      }
    }
    return false
  }

  const qa: Qa = {
    scenarios: book,
    events,
    operationIds: () => [...operationIds].sort(),
    beforeSend,
    callFinished: (request, reply, routeOptions) => logCall(request, reply.statusCode, reply.elapsedTime, reply.errorCode ?? null, routeOptions),
  }
  app.decorate('qa', qa)
  return qa
}

function answer5xx(reply: FastifyReply): FastifyReply {
  reply.errorCode = 'INTERNAL'
  reply.code(INJECTED_5XX_STATUS).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(INJECTED_5XX_BODY))
  return reply
}

/** About half of the body: never valid JSON (an object or array missing its end). */
export function truncateJson(payload: unknown): string {
  const text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : JSON.stringify(payload ?? {})
  let cut = text.slice(0, Math.max(1, Math.floor(text.length / 2)))
  for (;;) {
    try {
      JSON.parse(cut)
    } catch {
      return cut
    }
    cut = cut.slice(0, -1) || '{'
    if (cut === '{') return cut
  }
}
