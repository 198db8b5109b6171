/**
 * The card audit: one row per change to a card and per refused attempt at one (who, what, when,
 * ok or refused with the code). Rows hold ids, codes and times only: never a password, ciphertext,
 * token, full ID number or name.
 *
 * A change writes its `ok` row inside the transaction that makes the change, so both commit or
 * neither does. A refusal rolls its transaction back, so `withAudit` writes the `refused` row after
 * the rollback. Refusals that must commit state of their own (a wrong password counts toward the
 * lock) write their rows in that transaction and mark the error `alreadyAudited`.
 */
import { ApiError } from './apiError'
import type { AppContext } from './context'
import type { AuditActionT } from './schemas/api'
import type { AuditActor, AuditEntry, CardRow, Store } from './store'

export interface AuditTarget {
  card: CardRow
  actor: AuditActor
  action: AuditActionT
}

/** The `ok` row of a change; call inside the transaction that makes it. */
export function recordAudit(store: Store, target: AuditTarget, at: number, refusedWith: string | null = null): void {
  store.insertAudit(auditEntry(target, at, refusedWith))
}

export function auditEntry(target: AuditTarget, at: number, refusedWith: string | null = null): AuditEntry {
  return {
    cardId: target.card.id,
    personaId: target.card.personaId,
    at,
    actor: target.actor,
    action: target.action,
    outcome: refusedWith === null ? 'ok' : 'refused',
    code: refusedWith,
  }
}

const audited = new WeakSet<ApiError>()

/** Marks an error whose audit rows were written already (in the transaction that produced it). */
export function alreadyAudited(error: ApiError): ApiError {
  audited.add(error)
  return error
}

/**
 * Runs one action on a card: a refusal (an ApiError) gets its `refused` row, and every outcome one
 * structured log line with the action, the outcome and the code, nothing personal.
 */
export async function withAudit<T>(ctx: AppContext, reqId: string, target: AuditTarget, fn: () => T | Promise<T>): Promise<T> {
  const actor = target.actor.startsWith('scanner:') ? 'scanner' : target.actor
  try {
    const result = await fn()
    ctx.lines.cardEvent({ reqId, action: target.action, actor, outcome: 'ok' })
    return result
  } catch (error) {
    if (error instanceof ApiError) {
      if (!audited.has(error)) recordAudit(ctx.store, target, ctx.now(), error.code)
      ctx.lines.cardEvent({ reqId, action: target.action, actor, outcome: 'refused', code: error.code })
    }
    throw error
  }
}
