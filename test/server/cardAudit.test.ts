import Database from 'better-sqlite3'
import type { FastifyInstance } from 'fastify'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Writable } from 'node:stream'
import { PERSONAS } from '../../mock-server/personas'
import { CardAudit, CardReveal, type CardAuditT, type CardRevealT } from '../../mock-server/schemas/api'
import { maskName } from '../../src/domain/mask'
import {
  advance,
  auditTrail,
  call,
  changeCardPassword,
  expectError,
  expectOk,
  faceVerification,
  GOOD_PASSWORD,
  issuedCard,
  issueQr,
  newApp,
  RESET_CERTIFICATIONS,
  scan,
  signIn,
  sm2Encrypt,
  T0,
  UNBIND_CERTIFICATIONS,
  unbindWithPassword,
  type TestClock,
} from './helpers'

const zhang = PERSONAS.find((p) => p.id === 'eligible-zhang')!

describe('POST /api/cards/current/reveal', () => {
  let app: FastifyInstance
  let clock: TestClock
  beforeEach(async () => {
    ;({ app, clock } = await newApp())
  })
  afterEach(async () => {
    await app.close()
  })

  it('gives the unmasked name, ID number and card number for 30 seconds, not to be stored', async () => {
    const { token, card } = await issuedCard(app)
    clock.advance(7000)
    const res = await call(app, 'POST', '/api/cards/current/reveal', { token })
    const revealed = expectOk<CardRevealT>(res, CardReveal)
    expect(revealed).toEqual({
      holderName: zhang.name,
      idNumber: zhang.idNumber,
      cardNumber: card.cardNumber,
      revealedUntil: new Date(clock.t + 30_000).toISOString(),
    })
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.headers.pragma).toBe('no-cache')
  })

  it('everything else stays masked: GET /cards/current and the issuing response', async () => {
    const { token, card } = await issuedCard(app)
    expect(card.holderName).toBe(maskName(zhang.name))
    const current = (await call(app, 'GET', '/api/cards/current', { token })).body
    expect(current).not.toContain(zhang.name)
    expect(current).not.toContain(zhang.idNumber)
    expect(JSON.parse(current).cardNumberMasked).toMatch(/^[A-Z]\d\*{5}\d{2}$/)
  })

  it('is audited as revealed, each time', async () => {
    const { token, card } = await issuedCard(app)
    await call(app, 'POST', '/api/cards/current/reveal', { token })
    await call(app, 'POST', '/api/cards/current/reveal', { token, body: {} })
    expect(await auditTrail(app, card.cardNumber)).toEqual(['issued/ok@holder', 'revealed/ok@holder', 'revealed/ok@holder'])
  })

  it('CARD_NOT_FOUND without a card; TOKEN_MISSING without a token', async () => {
    const { accessToken } = await signIn(app, 'eligible-li')
    expectError(await call(app, 'POST', '/api/cards/current/reveal', { token: accessToken }), 'CARD_NOT_FOUND')
    expectError(await call(app, 'POST', '/api/cards/current/reveal'), 'TOKEN_MISSING')
  })
})

describe('the card audit', () => {
  let app: FastifyInstance
  let clock: TestClock
  beforeEach(async () => {
    ;({ app, clock } = await newApp())
  })
  afterEach(async () => {
    await app.close()
  })

  it('has a row for every action, with actor, outcome and code, oldest first', async () => {
    const { token, card } = await issuedCard(app)
    clock.advance(1000)
    const qr = await issueQr(app, token)
    await scan(app, qr.token, 'clinic-7')
    await scan(app, qr.token, 'clinic-7')
    await call(app, 'POST', '/api/cards/current/reveal', { token })
    await changeCardPassword(app, token, GOOD_PASSWORD, '482915')
    await changeCardPassword(app, token, GOOD_PASSWORD, '592837') // wrong now
    await changeCardPassword(app, token, '482915', '111111') // weak (the right old password: the count starts over)
    for (let i = 0; i < 6; i++) await changeCardPassword(app, token, '000000', '592837')
    await changeCardPassword(app, token, '482915', '592837') // locked
    const reset = await faceVerification(app, token, RESET_CERTIFICATIONS)
    const { keyId, ciphertext } = await sm2Encrypt(app, GOOD_PASSWORD)
    await call(app, 'POST', '/api/cards/current/password-reset', { token, body: { certifyId: reset, keyId, encryptedNewPassword: ciphertext } })
    await call(app, 'POST', '/api/cards/current/password-reset', { token, body: { certifyId: reset, keyId, encryptedNewPassword: ciphertext } }) // spent
    const unbind = await faceVerification(app, token, UNBIND_CERTIFICATIONS)
    await call(app, 'POST', '/api/cards/current/unbind', { token, body: { method: 'face', certifyId: unbind } })

    expect(await auditTrail(app, card.cardNumber)).toEqual([
      'issued/ok@holder',
      'qr_issued/ok@holder',
      'qr_scanned/ok@scanner:clinic-7',
      'qr_scanned/refused/QR_ALREADY_USED@scanner:clinic-7',
      'revealed/ok@holder',
      'password_changed/ok@holder',
      'password_wrong/refused/PASSWORD_WRONG@holder',
      'password_changed/refused/WEAK_PASSWORD@holder',
      'password_wrong/refused/PASSWORD_WRONG@holder',
      'password_wrong/refused/PASSWORD_WRONG@holder',
      'password_wrong/refused/PASSWORD_WRONG@holder',
      'password_wrong/refused/PASSWORD_WRONG@holder',
      'password_wrong/refused/PASSWORD_WRONG@holder',
      'password_wrong/refused/PASSWORD_WRONG@holder',
      'locked/ok@system',
      'password_changed/refused/PASSWORD_LOCKED@holder',
      'password_reset/ok@holder',
      'password_reset/refused/CERTIFY_EXPIRED@holder',
      'unbound/ok@holder',
    ])
    const audit = expectOk<CardAuditT>(await call(app, 'GET', `/api/mock/cards/${card.cardNumber}/audit`), CardAudit)
    expect(audit.entries.every((e) => e.personaId === 'eligible-zhang')).toBe(true)
    expect(audit.entries[0].at).toBe(new Date(T0).toISOString())
    expect(audit.entries[1].at).toBe(new Date(T0 + 1000).toISOString())
    expect(new Set(audit.entries.map((e) => e.id)).size).toBe(audit.entries.length)
  })

  it('the pre-issued card\'s issue is recorded as done by the system', async () => {
    expect(await auditTrail(app, PERSONAS.find((p) => p.id === 'has-ecard-wang')!.preIssuedCard!.cardNumber)).toEqual(['issued/ok@system'])
  })

  it('GET /api/mock/cards/:cardNumber/audit: CARD_NOT_FOUND for an unknown card, VALIDATION_FAILED for an impossible one', async () => {
    expectError(await call(app, 'GET', '/api/mock/cards/Z00000000/audit'), 'CARD_NOT_FOUND')
    expectError(await call(app, 'GET', `/api/mock/cards/${encodeURIComponent('A1 2')}/audit`), 'VALIDATION_FAILED')
  })

  it('the mock reset wipes the persona\'s audit with its cards', async () => {
    const { card } = await issuedCard(app)
    await call(app, 'POST', '/api/mock/personas/eligible-zhang/reset')
    expectError(await call(app, 'GET', `/api/mock/cards/${card.cardNumber}/audit`), 'CARD_NOT_FOUND')
  })
})

describe('no secrets in the audit, nor in the logs of card actions', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecard-audit-'))
  const dbPath = path.join(dir, 'ecard.sqlite')
  const secrets: string[] = []
  const passwords = [GOOD_PASSWORD, '482915', '370159', '111111', '592837']
  const cardNumbers: string[] = []
  const lines: string[] = []
  let rows: Array<Record<string, unknown>> = []
  let columns: string[] = []
  let auditJson = ''

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(...String(chunk).split('\n').filter(Boolean))
        cb()
      },
    })
    const { app } = await newApp({ dbPath, logStream: stream, logLevel: 'trace' })
    try {
      for (const personaId of ['eligible-zhang', 'eligible-li']) {
        const { accessToken: token } = await signIn(app, personaId)
        secrets.push(token)
        const { card } = await advance(app, token, 'issued')
        cardNumbers.push(card!.cardNumber)
        const revealed = (await call(app, 'POST', '/api/cards/current/reveal', { token })).json()
        expect(revealed.idNumber).toHaveLength(18)
        for (let i = 0; i < 2; i++) {
          const qr = await issueQr(app, token)
          secrets.push(qr.token, qr.token.split('.')[1])
          await scan(app, qr.token, 'desk-1')
          await scan(app, qr.token)
        }
        await scan(app, `q2.${'A'.repeat(43)}`)
        for (const [oldPw, newPw] of [
          [GOOD_PASSWORD, '482915'],
          ['370159', '592837'],
          ['482915', '111111'],
        ]) {
          const o = await sm2Encrypt(app, oldPw)
          const n = await sm2Encrypt(app, newPw)
          secrets.push(o.ciphertext, n.ciphertext)
          await call(app, 'POST', '/api/cards/current/password', { token, body: { keyId: o.keyId, encryptedOldPassword: o.ciphertext, encryptedNewPassword: n.ciphertext } })
        }
        const certifyId = await faceVerification(app, token, RESET_CERTIFICATIONS)
        const r = await sm2Encrypt(app, GOOD_PASSWORD)
        secrets.push(r.ciphertext)
        await call(app, 'POST', '/api/cards/current/password-reset', { token, body: { certifyId, keyId: r.keyId, encryptedNewPassword: r.ciphertext } })
        for (let i = 0; i < 6; i++) {
          const w = await sm2Encrypt(app, '370159')
          secrets.push(w.ciphertext)
          await unbindWithPassword(app, token, '370159')
        }
        const u = await faceVerification(app, token, UNBIND_CERTIFICATIONS)
        await call(app, 'POST', '/api/cards/current/unbind', { token, body: { method: 'face', certifyId: u } })
      }
      const { accessToken: wang } = await signIn(app, 'has-ecard-wang')
      await call(app, 'POST', '/api/cards/current/reveal', { token: wang })
      cardNumbers.push(PERSONAS.find((p) => p.id === 'has-ecard-wang')!.preIssuedCard!.cardNumber)
      for (const n of cardNumbers) auditJson += (await call(app, 'GET', `/api/mock/cards/${n}/audit`)).body
    } finally {
      await app.close()
    }
    const db = new Database(dbPath, { readonly: true })
    try {
      rows = db.prepare('SELECT * FROM card_audit').all() as Array<Record<string, unknown>>
      columns = (db.prepare('PRAGMA table_info(card_audit)').all() as Array<{ name: string }>).map((c) => c.name)
    } finally {
      db.close()
    }
  })

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true })
  })

  const standalone = (s: string) => new RegExp(`(?<![0-9A-Za-z_-])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![0-9A-Za-z_-])`)

  it('the table holds ids, times, actors, actions, outcomes and codes only', () => {
    expect(columns).toEqual(['id', 'card_id', 'persona_id', 'at', 'actor', 'action', 'outcome', 'code'])
    expect(rows.length).toBeGreaterThan(40)
    const actions = new Set(rows.map((r) => r.action))
    for (const a of ['issued', 'qr_issued', 'qr_scanned', 'revealed', 'password_changed', 'password_reset', 'password_wrong', 'locked', 'unbound']) {
      expect(actions).toContain(a)
    }
  })

  it('no audit row contains any persona\'s full ID number or name, a password, a ciphertext or a token', () => {
    const all = JSON.stringify(rows) + auditJson
    expect(secrets.length).toBeGreaterThan(30)
    for (const p of PERSONAS) {
      expect(all).not.toContain(p.idNumber)
      expect(all).not.toContain(p.name)
      expect(all).not.toContain(maskName(p.name))
    }
    for (const pw of passwords) expect(all).not.toMatch(standalone(pw))
    for (const s of secrets) expect(all).not.toContain(s)
    expect(all).not.toMatch(/(?<!\d)[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])\d{2}\d{3}[\dXx](?!\d)/)
  })

  it('the logs have one card event line per action, and nothing revealed, no token, no card number', () => {
    const all = lines.join('\n')
    for (const p of PERSONAS) {
      expect(all).not.toContain(p.idNumber)
      expect(all).not.toContain(p.name)
    }
    for (const s of secrets) expect(all).not.toContain(s)
    for (const pw of passwords) expect(all).not.toMatch(standalone(pw))
    for (const n of cardNumbers) expect(all).not.toContain(n)
    const events = lines.map((l) => JSON.parse(l)).filter((o) => o.msg === 'card event')
    expect(events.length).toBeGreaterThan(30)
    for (const e of events) {
      expect(Object.keys(e.cardEvent).sort()).toEqual(e.cardEvent.outcome === 'ok' ? ['action', 'actor', 'outcome'] : ['action', 'actor', 'code', 'outcome'])
    }
    expect(events.some((e) => e.cardEvent.action === 'revealed')).toBe(true)
    expect(events.some((e) => e.cardEvent.code === 'QR_INVALID')).toBe(true)
  })
})
