/**
 * The scenario book: which QA switches are on, globally and per persona. Pure state, no Fastify;
 * the hooks (./hooks.ts) read it on every call and the routes (../routes/scenarios.ts) change it.
 *
 * A persona's switches override the global ones field by field (its `latencyMs` map replaces the
 * global map as a whole). `idle` is true when nothing at all is set: the hooks check that first.
 */
import { ApiError } from '../apiError'
import type { InjectOnceT, ScenarioPatchT, ScenarioSetT, ScenarioStateT, ScenarioSwitchesPatchT, ScenarioSwitchesT } from '../schemas/api'

export const GLOBAL = '*global*'
/** Where an effective switch came from: GLOBAL or a persona id. */
export type ScopeKey = string

export interface EffectiveScenario {
  faceOutcome?: ScenarioSwitchesT['faceOutcome']
  latencyMs?: Record<string, number>
  injectOnce?: { fault: InjectOnceT; scope: ScopeKey }
  clockOffsetMs?: number
}

export interface ScenarioBookOptions {
  knownPersona(id: string): boolean
  /** The operationIds a scenario may name. */
  operationIds(): readonly string[]
}

export class ScenarioBook {
  private global: ScenarioSwitchesT = {}
  private readonly personas = new Map<string, ScenarioSwitchesT>()
  /** Nothing is set: the hooks do nothing. */
  idle = true
  /** Some persona has switches: the hooks must find out whose a call is. */
  scoped = false

  constructor(private readonly opts: ScenarioBookOptions) {}

  snapshot(): ScenarioStateT {
    return {
      active: !this.idle,
      global: clone(this.global),
      personas: Object.fromEntries([...this.personas].sort(([a], [b]) => a.localeCompare(b)).map(([id, s]) => [id, clone(s)])),
      operationIds: [...this.opts.operationIds()].sort(),
    }
  }

  /** PUT: the whole set. Validates everything before changing anything. */
  replace(set: ScenarioSetT): void {
    const global = set.global ?? {}
    const personas = Object.entries(set.personas ?? {})
    this.check(global)
    for (const [id, s] of personas) {
      this.checkPersona(id)
      this.check(s)
    }
    this.global = clone(global)
    this.personas.clear()
    for (const [id, s] of personas) if (!isEmpty(s)) this.personas.set(id, clone(s))
    this.recompute()
  }

  /** PATCH: see ScenarioPatch. Validates everything before changing anything. */
  merge(patch: ScenarioPatchT): void {
    const nextGlobal = patch.global === undefined ? this.global : patch.global === null ? {} : mergeSwitches(this.global, patch.global)
    this.check(nextGlobal)
    const nextPersonas = new Map<string, ScenarioSwitchesT | null>()
    for (const [id, p] of Object.entries(patch.personas ?? {})) {
      this.checkPersona(id)
      const next = p === null ? null : mergeSwitches(this.personas.get(id) ?? {}, p)
      if (next) this.check(next)
      nextPersonas.set(id, next)
    }
    this.global = nextGlobal
    for (const [id, next] of nextPersonas) {
      if (next === null || isEmpty(next)) this.personas.delete(id)
      else this.personas.set(id, next)
    }
    this.recompute()
  }

  /** DELETE: everything off, or only one persona's switches. */
  clear(personaId?: string): void {
    if (personaId === undefined) {
      this.global = {}
      this.personas.clear()
    } else {
      this.checkPersona(personaId)
      this.personas.delete(personaId)
    }
    this.recompute()
  }

  /** The switches that apply to a call made for `personaId` (null: nobody's in particular). */
  effective(personaId: string | null): EffectiveScenario {
    const mine = personaId === null ? undefined : this.personas.get(personaId)
    const g = this.global
    const out: EffectiveScenario = {}
    const face = mine?.faceOutcome ?? g.faceOutcome
    if (face) out.faceOutcome = face
    const latency = mine?.latencyMs ?? g.latencyMs
    if (latency) out.latencyMs = latency
    if (mine?.injectOnce) out.injectOnce = { fault: mine.injectOnce, scope: personaId as string }
    else if (g.injectOnce) out.injectOnce = { fault: g.injectOnce, scope: GLOBAL }
    const offset = mine?.clockOffsetMs ?? g.clockOffsetMs
    if (offset) out.clockOffsetMs = offset
    return out
  }

  /** The clock offset for a call made for `personaId`; 0 when none is set. */
  clockOffsetMs(personaId: string | null): number {
    if (this.idle) return 0
    const mine = personaId === null ? undefined : this.personas.get(personaId)
    return mine?.clockOffsetMs ?? this.global.clockOffsetMs ?? 0
  }

  /**
   * Takes the one-shot fault out of `scope` if it is still `fault` (the first matching call wins;
   * a concurrent call that saw the same fault gets false).
   */
  consume(scope: ScopeKey, fault: InjectOnceT): boolean {
    const holder = scope === GLOBAL ? this.global : this.personas.get(scope)
    if (!holder || holder.injectOnce !== fault) return false
    delete holder.injectOnce
    if (scope !== GLOBAL && isEmpty(holder)) this.personas.delete(scope)
    this.recompute()
    return true
  }

  private recompute(): void {
    this.scoped = this.personas.size > 0
    this.idle = !this.scoped && isEmpty(this.global)
  }

  private checkPersona(id: string): void {
    if (!this.opts.knownPersona(id)) throw new ApiError('PERSONA_NOT_FOUND', `No such persona: ${id}.`)
  }

  private check(s: ScenarioSwitchesT): void {
    const known = new Set(this.opts.operationIds())
    const named = [...Object.keys(s.latencyMs ?? {}).filter((k) => k !== '*'), ...(s.injectOnce ? [s.injectOnce.operationId] : [])]
    for (const id of named) {
      if (!known.has(id)) throw new ApiError('VALIDATION_FAILED', `Unknown operationId "${id}": use one of GET /api/mock/scenarios operationIds.`)
    }
  }
}

function mergeSwitches(base: ScenarioSwitchesT, patch: ScenarioSwitchesPatchT): ScenarioSwitchesT {
  const out = clone(base)
  if (patch.faceOutcome !== undefined) {
    if (patch.faceOutcome === null) delete out.faceOutcome
    else out.faceOutcome = patch.faceOutcome
  }
  if (patch.latencyMs !== undefined) {
    if (patch.latencyMs === null) delete out.latencyMs
    else {
      const map: Record<string, number> = { ...(out.latencyMs ?? {}) }
      for (const [k, v] of Object.entries(patch.latencyMs)) {
        if (v === null) delete map[k]
        else map[k] = v
      }
      if (Object.keys(map).length) out.latencyMs = map
      else delete out.latencyMs
    }
  }
  if (patch.injectOnce !== undefined) {
    if (patch.injectOnce === null) delete out.injectOnce
    else out.injectOnce = { ...patch.injectOnce }
  }
  if (patch.clockOffsetMs !== undefined) {
    if (patch.clockOffsetMs === null) delete out.clockOffsetMs
    else out.clockOffsetMs = patch.clockOffsetMs
  }
  return out
}

function isEmpty(s: ScenarioSwitchesT): boolean {
  return (
    s.faceOutcome === undefined &&
    (s.latencyMs === undefined || Object.keys(s.latencyMs).length === 0) &&
    s.injectOnce === undefined &&
    (s.clockOffsetMs === undefined || s.clockOffsetMs === 0)
  )
}

function clone(s: ScenarioSwitchesT): ScenarioSwitchesT {
  const out: ScenarioSwitchesT = {}
  if (s.faceOutcome !== undefined) out.faceOutcome = s.faceOutcome
  if (s.latencyMs !== undefined && Object.keys(s.latencyMs).length) out.latencyMs = { ...s.latencyMs }
  if (s.injectOnce !== undefined) out.injectOnce = { ...s.injectOnce }
  if (s.clockOffsetMs !== undefined && s.clockOffsetMs !== 0) out.clockOffsetMs = s.clockOffsetMs
  return out
}
