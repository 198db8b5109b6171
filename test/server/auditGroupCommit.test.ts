/**
 * Handing out a QR token writes no token (it seals its card and expiry: mock-server/qr.ts); its
 * `qr_issued` audit row is group-committed (Store.queueAudit): written AUDIT_FLUSH_MS after the
 * first queued row, or before anything reads or writes the audit or opens a transaction. Whatever
 * the timing, a token scans at once and the audit keeps the order things happened in.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { FastifyInstance } from 'fastify'
import { AUDIT_FLUSH_MS, openStore } from '../../mock-server/store'
import { auditTrail, GOOD_PASSWORD, issuedCard, issueQr, newApp, scan, unbindWithPassword } from './helpers'

let app: FastifyInstance
let dir: string
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-group-'))
  ;({ app } = await newApp({ dbPath: path.join(dir, 'db.sqlite') }))
})
afterEach(async () => {
  await app.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('QR tokens: nothing stored when handed out, the audit row group-committed', () => {
  it('tokens handed out together are each scannable at once, once, and audited in order', async () => {
    const { token, card } = await issuedCard(app)
    const minted = await Promise.all(Array.from({ length: 8 }, () => issueQr(app, token)))
    // scanned straight away, before any timer ran: the scan's read writes the queue first
    for (const qr of minted) expect((await scan(app, qr.token)).statusCode).toBe(200)
    for (const qr of minted) expect((await scan(app, qr.token)).json().code).toBe('QR_ALREADY_USED')
    const trail = (await auditTrail(app, card.cardNumber)).map((e) => e.replace(/@.*/, ''))
    expect(trail.filter((e) => e.startsWith('qr_'))).toEqual([
      ...Array(8).fill('qr_issued/ok'),
      ...Array(8).fill('qr_scanned/ok'),
      ...Array(8).fill('qr_scanned/refused/QR_ALREADY_USED'),
    ])
  })

  it('unbinding right after a token was handed out ends it', async () => {
    const { token } = await issuedCard(app)
    const qr = await issueQr(app, token)
    expect((await unbindWithPassword(app, token, GOOD_PASSWORD)).statusCode).toBe(200)
    expect((await scan(app, qr.token)).json().code).toBe('CARD_UNBOUND')
  })

  it('the audit row reaches the file within AUDIT_FLUSH_MS, without any reader; only a scan stores the token', async () => {
    const { token } = await issuedCard(app)
    const qr = await issueQr(app, token)
    const count = (sql: string) => {
      const db = new Database(path.join(dir, 'db.sqlite'), { readonly: true })
      try {
        return (db.prepare(sql).get() as { n: number }).n
      } finally {
        db.close()
      }
    }
    const issuedRows = "SELECT COUNT(*) AS n FROM card_audit WHERE action = 'qr_issued'"
    // not yet: the batch waits for its timer
    expect(count(issuedRows)).toBe(0)
    await new Promise((resolve) => setTimeout(resolve, AUDIT_FLUSH_MS + 30))
    expect(count(issuedRows)).toBe(1)
    expect(count('SELECT COUNT(*) AS n FROM qr_tokens')).toBe(0)
    expect((await scan(app, qr.token)).statusCode).toBe(200)
    expect(count('SELECT COUNT(*) AS n FROM qr_tokens WHERE used_at IS NOT NULL')).toBe(1)
  })

  it('a token outlives a restart of the server, and stays spent across one', async () => {
    const { token } = await issuedCard(app)
    const kept = await issueQr(app, token)
    const spent = await issueQr(app, token)
    expect((await scan(app, spent.token)).statusCode).toBe(200)
    await app.close()
    ;({ app } = await newApp({ dbPath: path.join(dir, 'db.sqlite') }))
    expect((await scan(app, kept.token)).statusCode).toBe(200)
    expect((await scan(app, spent.token)).json().code).toBe('QR_ALREADY_USED')
  })
})

describe('Store.queueAudit', () => {
  const cardOf = (store: ReturnType<typeof openStore>, n: number) =>
    store.insertCard({
      personaId: n % 2 ? 'eligible-zhang' : 'has-ecard-wang',
      cardNumber: `T0000000${n}`,
      signNo: `S${n}`,
      signSeq: '1',
      signLevel: 3,
      aab301: '330100',
      issueDate: '20261125',
      validUntil: '20361125',
      status: 'active',
      channel: 'alipay',
      createdAt: 1,
    })

  it('a large queue (several statements of many rows, and the rest one by one) is written whole, in order, every field', () => {
    const store = openStore(path.join(dir, 'many.sqlite'))
    try {
      const cards = [cardOf(store, 1), cardOf(store, 2)]
      // 2 × 32 rows in two statements, then 11 one at a time; odd ones refused with a code
      const queued = Array.from({ length: 75 }, (_, i) => {
        const card = cards[i % 3 === 0 ? 1 : 0]
        return {
          cardId: card.id,
          personaId: card.personaId,
          at: 1000 + i,
          actor: i % 5 === 0 ? ('scanner:desk-7' as const) : ('holder' as const),
          action: i % 2 ? ('qr_scanned' as const) : ('qr_issued' as const),
          outcome: i % 2 ? ('refused' as const) : ('ok' as const),
          code: i % 2 ? 'QR_EXPIRED' : null,
        }
      })
      for (const entry of queued) store.queueAudit(entry)
      const written = cards.flatMap((c) => store.listAudit(c.id)).sort((a, b) => a.id - b.id)
      expect(written.map(({ id: _id, ...row }) => row)).toEqual(queued)
      // ids follow the order rows were queued in
      expect(written.map((r) => r.at)).toEqual(queued.map((e) => e.at))
    } finally {
      store.close()
    }
  })

  it('a transaction that rolls back does not take queued rows with it; close writes what is queued', () => {
    const file = path.join(dir, 'store.sqlite')
    const store = openStore(file)
    const card = cardOf(store, 1)
    const audit = { cardId: card.id, personaId: card.personaId, at: 1, actor: 'holder', action: 'qr_issued', outcome: 'ok', code: null } as const
    store.queueAudit(audit)
    expect(() =>
      store.transaction(() => {
        // a read inside the transaction would write the queue inside it, and the rollback undo it
        store.listAudit(card.id)
        throw new Error('rolled back')
      }),
    ).toThrow('rolled back')
    expect(store.listAudit(card.id)).toHaveLength(1)
    store.queueAudit({ ...audit, at: 2 })
    store.close()
    const reopened = openStore(file)
    try {
      expect(reopened.listAudit(card.id).map((r) => r.at)).toEqual([1, 2])
    } finally {
      reopened.close()
    }
  })
})
