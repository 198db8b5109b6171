/**
 * What "nothing lost" means, checked on the SQLite file itself (read-only, beside the running
 * server) against what the simulated users saw. Each check returns the violations it found, as
 * sentences without personal data; an empty list is a pass.
 */
import Database from 'better-sqlite3'
import type { UserReport } from './simulatedUser'

interface CardRecord {
  id: number
  personaId: string
  cardNumber: string
  status: string
  channel: string
}

export interface DatabaseFindings {
  integrity: string[]
  foreignKeys: unknown[]
  violations: string[]
  counts: { cards: number; claims: number; passwords: number; idempotencyKeys: number }
}

/** Every invariant over the database and the users' reports. */
export function checkDatabase(dbPath: string, reports: readonly UserReport[]): DatabaseFindings {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true })
  try {
    const violations: string[] = []
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check)
    const foreignKeys = db.pragma('foreign_key_check') as unknown[]

    const cards = db
      .prepare(`SELECT id, persona_id AS personaId, card_number AS cardNumber, status, channel FROM cards`)
      .all() as CardRecord[]
    const byNumber = new Map<string, CardRecord[]>()
    for (const card of cards) byNumber.set(card.cardNumber, [...(byNumber.get(card.cardNumber) ?? []), card])

    // 1. every acknowledged issuance exists exactly once, for that person, still active
    for (const report of reports) {
      const numbers = new Set(report.acknowledged.map((a) => a.card.cardNumber))
      if (numbers.size > 1) violations.push(`${report.personaId}: acknowledged ${numbers.size} different cards`)
      for (const number of numbers) {
        const rows = byNumber.get(number) ?? []
        if (rows.length !== 1) violations.push(`${report.personaId}: an acknowledged card is stored ${rows.length} times`)
        else if (rows[0].personaId !== report.personaId) violations.push(`${report.personaId}: an acknowledged card belongs to another person`)
        else if (rows[0].status !== 'active') violations.push(`${report.personaId}: an acknowledged card is ${rows[0].status}`)
      }
      if (new Set(report.acknowledged.map((a) => a.idempotencyKey)).size > 1) violations.push(`${report.personaId}: acknowledged under more than one key`)
    }

    // 2. at most one card per person: retries made no second card
    for (const row of db.prepare(`SELECT persona_id AS personaId, COUNT(*) AS n FROM cards GROUP BY persona_id HAVING n > 1`).all() as {
      personaId: string
      n: number
    }[]) {
      violations.push(`${row.personaId}: ${row.n} cards`)
    }

    // 3. no card issued here without its password hash (the fixture's pre-issued card came from another channel)
    for (const row of db
      .prepare(
        `SELECT c.persona_id AS personaId FROM cards c LEFT JOIN passwords p ON p.persona_id = c.persona_id
         WHERE c.channel = 'alipay' AND (p.hash IS NULL OR p.hash NOT LIKE 'scrypt$%')`,
      )
      .all() as { personaId: string }[]) {
      violations.push(`${row.personaId}: a card without its password hash`)
    }

    // 4. every claim is in a state it can continue from: issued exactly when there is an active
    //    card, password_set only with a hash, certified only with a passed verification
    const claims = db
      .prepare(
        `SELECT cl.persona_id AS personaId, cl.state, cl.certify_id AS certifyId, cl.certified_at AS certifiedAt,
                (SELECT COUNT(*) FROM cards c WHERE c.persona_id = cl.persona_id AND c.status = 'active') AS activeCards,
                (SELECT COUNT(*) FROM passwords p WHERE p.persona_id = cl.persona_id) AS passwords,
                (SELECT passed_at FROM certifications ce WHERE ce.certify_id = cl.certify_id) AS passedAt
         FROM claims cl`,
      )
      .all() as { personaId: string; state: string; certifyId: string | null; certifiedAt: number | null; activeCards: number; passwords: number; passedAt: number | null }[]
    for (const c of claims) {
      if ((c.state === 'issued') !== (c.activeCards === 1)) violations.push(`${c.personaId}: claim ${c.state} with ${c.activeCards} active card(s)`)
      if (c.state === 'password_set' && c.passwords === 0) violations.push(`${c.personaId}: claim password_set without a password hash`)
      if (c.state === 'certified' && (c.certifiedAt === null || c.passedAt === null)) violations.push(`${c.personaId}: claim certified without a passed verification`)
      if (c.state === 'certifying' && c.certifyId === null) violations.push(`${c.personaId}: claim certifying without a verification`)
    }

    // 5. every idempotency key names a card of the same person, and each issued card has its audit entry
    for (const row of db
      .prepare(`SELECT k.persona_id AS keyPersona, c.persona_id AS cardPersona FROM idempotency_keys k LEFT JOIN cards c ON c.id = k.card_id`)
      .all() as { keyPersona: string; cardPersona: string | null }[]) {
      if (row.cardPersona !== row.keyPersona) violations.push(`${row.keyPersona}: an idempotency key names ${row.cardPersona === null ? 'no card' : "another person's card"}`)
    }
    for (const row of db
      .prepare(`SELECT c.persona_id AS personaId FROM cards c WHERE NOT EXISTS (SELECT 1 FROM card_audit a WHERE a.card_id = c.id AND a.action = 'issued')`)
      .all() as { personaId: string }[]) {
      violations.push(`${row.personaId}: a card without its 'issued' audit entry`)
    }
    for (const row of db
      .prepare(`SELECT c.persona_id AS personaId FROM cards c WHERE c.channel = 'alipay' AND NOT EXISTS (SELECT 1 FROM idempotency_keys k WHERE k.card_id = c.id)`)
      .all() as { personaId: string }[]) {
      violations.push(`${row.personaId}: a card issued here without the idempotency key that made it`)
    }

    const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n
    return {
      integrity,
      foreignKeys,
      violations,
      counts: { cards: count('cards'), claims: count('claims'), passwords: count('passwords'), idempotencyKeys: count('idempotency_keys') },
    }
  } finally {
    db.close()
  }
}
