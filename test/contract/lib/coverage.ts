/**
 * What the suite did to the gateway: each operation's calls and statuses, each error code and
 * where it was reached. At the end it prints the codes the document lists next to the codes the
 * run reached; a code documented but not reached is listed with the reason, never left out.
 */
import { opLabel, type ContractDocument, type Operation } from './openapi'

interface OpStats {
  calls: number
  conforming: number
  statuses: Map<number, number>
}

export const UNROUTED = '(unknown route)'
/** How the table names a code that only the ErrorBody enum has: no operation documents it, so no run can be asked to reach it. */
export const ENUM_ONLY = 'not documented by any operation (only in the ErrorBody enum)'

export class Coverage {
  readonly ops = new Map<string, OpStats>()
  /** code → the operations (or UNROUTED) where it was answered, in a conforming response. */
  readonly codes = new Map<string, Set<string>>()
  /** code → why this run cannot reach it on this gateway. */
  readonly unreachable = new Map<string, string>()
  /** operationId → why its success path cannot be reached on this gateway. */
  readonly successUnreachable = new Map<string, string>()

  record(op: Operation, status: number, code: string | undefined, conforming: boolean): void {
    const s = this.ops.get(op.operationId) ?? { calls: 0, conforming: 0, statuses: new Map() }
    s.calls++
    if (conforming) s.conforming++
    s.statuses.set(status, (s.statuses.get(status) ?? 0) + 1)
    this.ops.set(op.operationId, s)
    if (conforming && code) this.addCode(code, op.operationId)
  }

  recordUnrouted(code: string | undefined): void {
    if (code) this.addCode(code, UNROUTED)
  }

  private addCode(code: string, where: string): void {
    const set = this.codes.get(code) ?? new Set<string>()
    set.add(where)
    this.codes.set(code, set)
  }

  reached(code: string): boolean {
    return (this.codes.get(code)?.size ?? 0) > 0
  }

  succeeded(operationId: string): boolean {
    return [...(this.ops.get(operationId)?.statuses.keys() ?? [])].some((s) => s >= 200 && s < 300)
  }

  /** code → { statuses, operations } as the document lists them. */
  documented(doc: ContractDocument): Map<string, { statuses: Set<string>; ops: Set<string> }> {
    const out = new Map<string, { statuses: Set<string>; ops: Set<string> }>()
    for (const code of doc.errorCodes) out.set(code, { statuses: new Set(), ops: new Set() })
    for (const [op, byStatus] of doc.errorTable()) {
      for (const [status, codes] of byStatus) {
        for (const code of codes ?? []) {
          const row = out.get(code) ?? { statuses: new Set(), ops: new Set() }
          row.statuses.add(status)
          row.ops.add(op.operationId)
          out.set(code, row)
        }
      }
    }
    return out
  }

  codeTable(doc: ContractDocument): string {
    const rows: string[][] = [['code', 'status', 'documented by', 'reached']]
    const documented = this.documented(doc)
    let reachedCount = 0
    let byOps = 0
    let byOpsReached = 0
    const enumOnly: string[] = []
    for (const [code, row] of documented) {
      const where = this.codes.get(code)
      const by = row.ops.size ? `${row.ops.size} operation${row.ops.size > 1 ? 's' : ''}` : 'ErrorBody enum only'
      if (row.ops.size) byOps++
      let reached: string
      if (where?.size) {
        reachedCount++
        if (row.ops.size) byOpsReached++
        reached = `yes: ${[...where].join(', ')}`
      } else if (!row.ops.size) {
        enumOnly.push(code)
        reached = `no: ${ENUM_ONLY}`
      } else {
        reached = `NOT REACHED: ${this.unreachable.get(code) ?? 'no scenario in this suite drives it'}`
      }
      rows.push([code, [...row.statuses].join('/') || '-', by, reached])
    }
    for (const [code, where] of this.codes) {
      if (!documented.has(code)) rows.push([code, '?', 'NOT DOCUMENTED', [...where].join(', ')])
    }
    const summary = [
      `${byOpsReached} of ${byOps} error codes documented by an operation reached`,
      `${reachedCount} of ${documented.size} ErrorBody codes reached in all`,
      ...(enumOnly.length ? [`${ENUM_ONLY}: ${enumOnly.join(', ')}`] : []),
    ]
    return `${formatTable(rows)}\n${summary.join('; ')}`
  }

  /** Codes some operation documents (a status of it lists them) that this run did not reach. */
  documentedNotReached(doc: ContractDocument): string[] {
    return [...this.documented(doc)].filter(([code, row]) => row.ops.size > 0 && !this.reached(code)).map(([code]) => code)
  }

  operationTable(doc: ContractDocument): string {
    const rows: string[][] = [['operation', 'calls', 'statuses seen', 'success']]
    for (const op of doc.operations) {
      const s = this.ops.get(op.operationId)
      const statuses = s ? [...s.statuses].map(([st, n]) => (n > 1 ? `${st}×${n}` : String(st))).join(' ') : '-'
      const success = this.succeeded(op.operationId) ? 'yes' : `NO: ${this.successUnreachable.get(op.operationId) ?? (s ? 'no 2xx reached' : 'not called')}`
      rows.push([opLabel(op), String(s?.calls ?? 0), statuses, success])
    }
    return formatTable(rows)
  }

  toJson(doc: ContractDocument): unknown {
    return {
      operations: doc.operations.map((op) => ({
        operationId: op.operationId,
        method: op.method,
        path: op.docPath,
        calls: this.ops.get(op.operationId)?.calls ?? 0,
        statuses: Object.fromEntries(this.ops.get(op.operationId)?.statuses ?? []),
        success: this.succeeded(op.operationId),
        successUnreachable: this.successUnreachable.get(op.operationId) ?? null,
      })),
      codes: [...this.documented(doc)].map(([code, row]) => ({
        code,
        statuses: [...row.statuses],
        documentedBy: [...row.ops],
        reachedAt: [...(this.codes.get(code) ?? [])],
        notReachedBecause: this.reached(code) ? null : row.ops.size === 0 ? ENUM_ONLY : (this.unreachable.get(code) ?? 'no scenario in this suite drives it'),
      })),
    }
  }
}

function formatTable(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.min(100, Math.max(...rows.map((r) => (i === r.length - 1 ? 0 : r[i].length)))))
  return rows
    .map((r, ri) => {
      const line = r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')
      return ri === 0 ? `${line}\n${'-'.repeat(Math.min(140, line.length + 20))}` : line
    })
    .join('\n')
}
