/**
 * QR tokens are group-committed (Store.queueQrToken): written together on the next turn of the
 * event loop, or before anything reads or changes QR tokens or the audit. Whatever the timing,
 * every reader sees a token the moment it was handed out.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { FastifyInstance } from 'fastify'
import { openStore } from '../../mock-server/store'
import { auditTrail, GOOD_PASSWORD, issuedCard, issueQr, newApp, scan, unbindWithPassword } from './helpers'

let app: FastifyInstance
let dir: string
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qr-group-'))
  ;({ app } = await newApp({ dbPath: path.join(dir, 'db.sqlite') }))
})
afterEach(async () => {
  await app.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('QR tokens, group-committed', () => {
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

  it('reach the file on the next turn of the event loop, without any reader', async () => {
    const { token } = await issuedCard(app)
    await issueQr(app, token)
    await new Promise((resolve) => setImmediate(resolve))
    const db = new Database(path.join(dir, 'db.sqlite'), { readonly: true })
    try {
      expect((db.prepare('SELECT COUNT(*) AS n FROM qr_tokens').get() as { n: number }).n).toBe(1)
      expect((db.prepare("SELECT COUNT(*) AS n FROM card_audit WHERE action = 'qr_issued'").get() as { n: number }).n).toBe(1)
    } finally {
      db.close()
    }
  })
})

describe('Store.queueQrToken', () => {
  it('a transaction that rolls back does not take queued tokens with it; close writes what is queued', () => {
    const file = path.join(dir, 'store.sqlite')
    const store = openStore(file)
    const card = store.insertCard({
      personaId: 'eligible-zhang',
      cardNumber: 'T00000001',
      signNo: 'S1',
      signSeq: '1',
      signLevel: 3,
      aab301: '330100',
      issueDate: '20261125',
      validUntil: '20361125',
      status: 'active',
      channel: 'alipay',
      createdAt: 1,
    })
    const audit = { cardId: card.id, personaId: card.personaId, at: 1, actor: 'holder', action: 'qr_issued', outcome: 'ok', code: null } as const
    store.queueQrToken({ tokenId: 'a'.repeat(22), cardId: card.id, personaId: card.personaId, createdAt: 1, expiresAt: 60_001 }, audit)
    expect(() =>
      store.transaction(() => {
        // a read inside the transaction would write the queue inside it, and the rollback undo it
        store.getQrToken('a'.repeat(22))
        throw new Error('rolled back')
      }),
    ).toThrow('rolled back')
    expect(store.getQrToken('a'.repeat(22))).toMatchObject({ cardId: card.id })
    store.queueQrToken({ tokenId: 'b'.repeat(22), cardId: card.id, personaId: card.personaId, createdAt: 2, expiresAt: 60_002 }, audit)
    store.close()
    const reopened = openStore(file)
    try {
      expect(reopened.getQrToken('b'.repeat(22))).toMatchObject({ cardId: card.id })
      expect(reopened.listAudit(card.id)).toHaveLength(2)
    } finally {
      reopened.close()
    }
  })
})
