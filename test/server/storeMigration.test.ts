import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { MIGRATIONS } from '../../mock-server/store/migrations'
import { call, GOOD_PASSWORD, issuedCard, issueQr, newApp, scan, signIn, unbindWithPassword } from './helpers'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecard-migrate-'))
})
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('the store after this change', () => {
  it('upgrades a database of the first schema in place: cards, claims and certifications are kept', async () => {
    const dbPath = path.join(dir, 'ecard.sqlite')
    const old = new Database(dbPath)
    old.exec(MIGRATIONS[0])
    old.pragma('user_version = 1')
    old.prepare(
      `INSERT INTO cards (persona_id, card_number, sign_no, sign_seq, sign_level, aab301, issue_date, valid_until, status, channel, created_at)
       VALUES ('eligible-li', 'K12345678', 'SIGN', '01', 1, '110100', '20260101', '20360101', 'active', 'alipay', 1)`,
    ).run()
    old.prepare(`INSERT INTO claims (persona_id, state, updated_at) VALUES ('eligible-li', 'issued', 1)`).run()
    old.prepare(`INSERT INTO certifications (certify_id, persona_id, created_at, expires_at) VALUES ('oldCertify1234', 'eligible-li', 1, 2)`).run()
    old.close()

    const { app } = await newApp({ dbPath })
    try {
      const { accessToken: token } = await signIn(app, 'eligible-li')
      const card = (await call(app, 'GET', '/api/cards/current', { token })).json()
      expect(card).toMatchObject({ cardNumber: 'K12345678', cardNumberMasked: 'K1*****78', holderName: '李*禾' })
      const qr = await issueQr(app, token)
      expect((await scan(app, qr.token)).statusCode).toBe(200)
    } finally {
      await app.close()
    }
    const db = new Database(dbPath, { readonly: true })
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length)
      expect(db.prepare(`SELECT purpose, consumed_at AS consumedAt FROM certifications WHERE certify_id = 'oldCertify1234'`).get()).toEqual({ purpose: 'claim', consumedAt: null })
    } finally {
      db.close()
    }
  })

  it('keeps the QR secret across a restart: a token issued before verifies after; its single use too', async () => {
    const dbPath = path.join(dir, 'ecard.sqlite')
    const first = await newApp({ dbPath })
    const { token } = await issuedCard(first.app)
    const a = await issueQr(first.app, token)
    const b = await issueQr(first.app, token)
    expect((await scan(first.app, a.token)).statusCode).toBe(200)
    await first.app.close()

    const second = await newApp({ dbPath })
    try {
      expect((await scan(second.app, a.token)).json().code).toBe('QR_ALREADY_USED')
      expect((await scan(second.app, b.token)).statusCode).toBe(200)
    } finally {
      await second.app.close()
    }
  })

  it('the active-card uniqueness still holds in the database, and allows a new card after unbinding', async () => {
    const dbPath = path.join(dir, 'ecard.sqlite')
    const { app } = await newApp({ dbPath })
    try {
      const { token } = await issuedCard(app)
      const db = new Database(dbPath)
      try {
        const insert = db.prepare(
          `INSERT INTO cards (persona_id, card_number, sign_no, sign_seq, sign_level, aab301, issue_date, valid_until, status, channel, created_at)
           VALUES ('eligible-zhang', ?, 'SIGN', '09', 1, '330100', '20260101', '20360101', ?, 'alipay', 1)`,
        )
        expect(() => insert.run('X00000001', 'active')).toThrow(/UNIQUE/)
        expect((await unbindWithPassword(app, token, GOOD_PASSWORD)).statusCode).toBe(200)
        expect(() => insert.run('X00000002', 'active')).not.toThrow()
      } finally {
        db.close()
      }
    } finally {
      await app.close()
    }
  })
})
