/**
 * The server's storage: SQLite through better-sqlite3, behind a small repository. Routes call
 * these typed methods and never see SQL. better-sqlite3 is synchronous, so a `transaction(fn)`
 * whose `fn` does not await runs as one atomic unit that no other request can interleave with.
 */
import Database from 'better-sqlite3'
import { createHash, randomBytes } from 'node:crypto'
import { Worker } from 'node:worker_threads'
import { sm2 } from 'sm-crypto'
import type { AuditActionT, CertificationPurposeT, ClaimStateT, FaceOutcome } from '../schemas/api'
import { MIGRATIONS } from './migrations'

export type SessionKind = 'auth_code' | 'access' | 'refresh'

export interface SessionRow {
  kind: SessionKind
  personaId: string
  createdAt: number
  expiresAt: number
  usedAt: number | null
  /** The sign-in this token descends from (access and refresh tokens; null for auth codes). */
  familyId: string | null
  /** Logged out, or its family revoked after a refresh token was reused. */
  revokedAt: number | null
}

export interface ClaimRow {
  personaId: string
  state: ClaimStateT
  agreementVersion: string | null
  certifyId: string | null
  certifiedAt: number | null
  updatedAt: number
}

export interface CertificationRow {
  certifyId: string
  personaId: string
  createdAt: number
  expiresAt: number
  outcome: FaceOutcome | null
  outcomeAt: number | null
  passedAt: number | null
  purpose: CertificationPurposeT
  /** When a reset/unbind verification was spent (each is good for one use). */
  consumedAt: number | null
}

export type NewCertification = Omit<CertificationRow, 'consumedAt'>

export interface PasswordRow {
  hash: string
  /** Wrong passwords in a row (since the last correct one, reset or expired lock). */
  failedAttempts: number
  /** Set by the sixth wrong password in a row: refused until then. */
  lockedUntil: number | null
}

export interface CardRow {
  id: number
  personaId: string
  cardNumber: string
  signNo: string
  signSeq: string
  signLevel: number
  aab301: string
  issueDate: string
  validUntil: string
  status: 'active' | 'unbound'
  channel: 'alipay' | 'other'
  createdAt: number
  unboundAt: number | null
}

export type NewCard = Omit<CardRow, 'id' | 'unboundAt'>

/**
 * A scanned QR token (its single use). Tokens handed out are not stored (mock-server/qr.ts); the
 * table's revoked_at column is left from when they were, and no longer written.
 */
export interface QrTokenRow {
  tokenId: string
  cardId: number
  personaId: string
  createdAt: number
  expiresAt: number
  usedAt: number
}

/** `holder` (the signed-in person), `system` (the server itself) or `scanner:<id>`. */
export type AuditActor = 'holder' | 'system' | `scanner:${string}`

export interface AuditEntry {
  cardId: number
  personaId: string
  at: number
  actor: AuditActor
  action: AuditActionT
  outcome: 'ok' | 'refused'
  /** The error code of a refusal; null when ok. */
  code: string | null
}

export interface AuditRow extends AuditEntry {
  id: number
}

export interface ServerKey {
  keyId: string
  publicKey: string
  privateKey: string
}

export interface IdempotencyRow {
  key: string
  personaId: string
  cardId: number
}

export interface Store {
  /** Runs `fn` in one SQLite transaction (rolled back if it throws). `fn` must not await. */
  transaction<T>(fn: () => T): T
  close(): void
  /** Throws when the database does not answer. */
  ping(): void

  serverKey(): ServerKey
  /** The AES-256-GCM key of the QR tokens (mock-server/qr.ts): 32 random bytes, made on first open and kept. */
  qrSecret(): Buffer

  insertSession(tokenHash: string, kind: SessionKind, personaId: string, createdAt: number, expiresAt: number, familyId?: string): void
  findSession(tokenHash: string, kind: SessionKind): SessionRow | undefined
  /** Revokes every access and refresh token of a sign-in (logout, refresh-token reuse); returns how many. */
  revokeSessionFamily(familyId: string, at: number): number
  /** Marks an auth code exchanged or a refresh token rotated; false when it already was. */
  markSessionUsed(tokenHash: string, at: number): boolean

  getClaim(personaId: string): ClaimRow | undefined
  insertClaim(claim: ClaimRow): void
  updateClaim(personaId: string, patch: Partial<Omit<ClaimRow, 'personaId'>> & { updatedAt: number }): ClaimRow

  insertCertification(cert: NewCertification): void
  getCertification(certifyId: string): CertificationRow | undefined
  recordCertificationOutcome(certifyId: string, outcome: FaceOutcome, at: number): void
  markCertificationPassed(certifyId: string, at: number): void
  /** Spends a reset/unbind verification; false when it already was. */
  consumeCertification(certifyId: string, at: number): boolean
  /** When this person's certifications (any purpose) were started at or after `since`, oldest first. */
  certificationStartsSince(personaId: string, since: number): number[]

  /** Stores a new password hash and clears the wrong-password count and any lock. */
  setPasswordHash(personaId: string, hash: string, at: number): void
  getPasswordHash(personaId: string): string | undefined
  getPassword(personaId: string): PasswordRow | undefined
  setPasswordFailures(personaId: string, failedAttempts: number, lockedUntil: number | null, at: number): void
  deletePassword(personaId: string): void

  activeCard(personaId: string): CardRow | undefined
  getCard(id: number): CardRow | undefined
  findCardByNumber(cardNumber: string): CardRow | undefined
  cardNumberTaken(cardNumber: string): boolean
  countCards(personaId: string): number
  insertCard(card: NewCard): CardRow
  /** active → unbound; false when the card was not active. */
  unbindCard(id: number, at: number): boolean

  /** The scan of a QR token, if it was scanned (handing a token out writes nothing: mock-server/qr.ts). */
  getSpentQrToken(tokenId: string): QrTokenRow | undefined
  /** Records the scan of a QR token; false when it was scanned already (the single-use guard). */
  spendQrToken(token: QrTokenRow): boolean

  insertAudit(entry: AuditEntry): void
  /**
   * An audit row that need not commit with anything (`qr_issued`), group-committed: the rows queued
   * within AUDIT_FLUSH_MS (20 ms) are written in one transaction, not synced (synchronous = NORMAL),
   * and before anything reads or writes the audit or opens a transaction, so every reader sees
   * them in order. A crash in that window loses them.
   */
  queueAudit(entry: AuditEntry): void
  listAudit(cardId: number): AuditRow[]

  findIdempotencyKey(key: string): IdempotencyRow | undefined
  insertIdempotencyKey(key: string, personaId: string, cardId: number, at: number): void

  /** Removes everything a persona has done: sessions, claim, certifications, password, cards, keys. */
  wipePersona(personaId: string): void
}

/** How long a queued audit row may wait in memory for its group commit (Store.queueAudit). */
export const AUDIT_FLUSH_MS = 20
const AUDIT_ROWS_PER_INSERT = 32

/** SHA-256 of a bearer token, hex. Tokens are 256-bit random, so a fast hash is enough. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

export function openStore(path: string): Store {
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  // Durability: an acknowledged write must survive `kill -9` of the server. In WAL mode a commit
  // is appended to the -wal file with write() before better-sqlite3 returns, so even NORMAL would
  // survive a killed *process* (the data is in the OS page cache). FULL additionally fsyncs the
  // WAL on every commit, so an acknowledged write also survives an OS crash or power loss. The
  // cost (one fsync per write) is irrelevant at a mock server's write rate, so we take FULL. The
  // one frequent write, the `qr_issued` audit row (a card screen asks for a token every minute),
  // is group-committed with NORMAL (queueAudit).
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  migrate(db)
  const checkpointer = path === ':memory:' ? null : startCheckpointer(db, path)

  const stmt = {
    ping: db.prepare('SELECT 1'),
    keyGet: db.prepare(`SELECT key_id AS keyId, public_key AS publicKey, private_key AS privateKey FROM server_keys ORDER BY created_at LIMIT 1`),
    keyInsert: db.prepare(`INSERT INTO server_keys (key_id, algorithm, public_key, private_key, created_at) VALUES (?, 'SM2', ?, ?, ?)`),
    secretGet: db.prepare(`SELECT secret FROM server_secrets WHERE name = ?`),
    secretInsert: db.prepare(`INSERT INTO server_secrets (name, secret, created_at) VALUES (?, ?, ?)`),

    sessionInsert: db.prepare(`INSERT INTO sessions (token_hash, kind, persona_id, created_at, expires_at, family_id) VALUES (?, ?, ?, ?, ?, ?)`),
    sessionFind: db.prepare(
      `SELECT kind, persona_id AS personaId, created_at AS createdAt, expires_at AS expiresAt, used_at AS usedAt,
              family_id AS familyId, revoked_at AS revokedAt
       FROM sessions WHERE token_hash = ? AND kind = ?`,
    ),
    sessionRevokeFamily: db.prepare(`UPDATE sessions SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL`),
    certStartsSince: db.prepare(`SELECT created_at AS createdAt FROM certifications WHERE persona_id = ? AND created_at >= ? ORDER BY created_at`),
    sessionUse: db.prepare(`UPDATE sessions SET used_at = ? WHERE token_hash = ? AND used_at IS NULL`),

    claimGet: db.prepare(
      `SELECT persona_id AS personaId, state, agreement_version AS agreementVersion, certify_id AS certifyId,
              certified_at AS certifiedAt, updated_at AS updatedAt
       FROM claims WHERE persona_id = ?`,
    ),
    claimInsert: db.prepare(
      `INSERT INTO claims (persona_id, state, agreement_version, certify_id, certified_at, updated_at)
       VALUES (@personaId, @state, @agreementVersion, @certifyId, @certifiedAt, @updatedAt)`,
    ),
    claimUpdate: db.prepare(
      `UPDATE claims SET state = @state, agreement_version = @agreementVersion, certify_id = @certifyId,
              certified_at = @certifiedAt, updated_at = @updatedAt
       WHERE persona_id = @personaId`,
    ),

    certInsert: db.prepare(
      `INSERT INTO certifications (certify_id, persona_id, created_at, expires_at, outcome, outcome_at, passed_at, purpose)
       VALUES (@certifyId, @personaId, @createdAt, @expiresAt, @outcome, @outcomeAt, @passedAt, @purpose)`,
    ),
    certGet: db.prepare(
      `SELECT certify_id AS certifyId, persona_id AS personaId, created_at AS createdAt, expires_at AS expiresAt,
              outcome, outcome_at AS outcomeAt, passed_at AS passedAt, purpose, consumed_at AS consumedAt
       FROM certifications WHERE certify_id = ?`,
    ),
    certOutcome: db.prepare(`UPDATE certifications SET outcome = ?, outcome_at = ? WHERE certify_id = ?`),
    certPassed: db.prepare(`UPDATE certifications SET passed_at = ? WHERE certify_id = ?`),
    certConsume: db.prepare(`UPDATE certifications SET consumed_at = ? WHERE certify_id = ? AND consumed_at IS NULL`),

    passwordUpsert: db.prepare(
      `INSERT INTO passwords (persona_id, hash, updated_at, failed_attempts, locked_until) VALUES (?, ?, ?, 0, NULL)
       ON CONFLICT (persona_id) DO UPDATE SET hash = excluded.hash, updated_at = excluded.updated_at, failed_attempts = 0, locked_until = NULL`,
    ),
    passwordGet: db.prepare(`SELECT hash, failed_attempts AS failedAttempts, locked_until AS lockedUntil FROM passwords WHERE persona_id = ?`),
    passwordFailures: db.prepare(`UPDATE passwords SET failed_attempts = ?, locked_until = ?, updated_at = ? WHERE persona_id = ?`),
    passwordDelete: db.prepare(`DELETE FROM passwords WHERE persona_id = ?`),

    cardActive: db.prepare(`${CARD_SELECT} WHERE persona_id = ? AND status = 'active'`),
    cardGet: db.prepare(`${CARD_SELECT} WHERE id = ?`),
    cardByNumber: db.prepare(`${CARD_SELECT} WHERE card_number = ?`),
    cardUnbind: db.prepare(`UPDATE cards SET status = 'unbound', unbound_at = ? WHERE id = ? AND status = 'active'`),

    qrSpend: db.prepare(
      `INSERT INTO qr_tokens (token_id, card_id, persona_id, created_at, expires_at, used_at)
       VALUES (@tokenId, @cardId, @personaId, @createdAt, @expiresAt, @usedAt) ON CONFLICT (token_id) DO NOTHING`,
    ),
    qrGet: db.prepare(
      `SELECT token_id AS tokenId, card_id AS cardId, persona_id AS personaId, created_at AS createdAt, expires_at AS expiresAt,
              used_at AS usedAt
       FROM qr_tokens WHERE token_id = ? AND used_at IS NOT NULL`,
    ),

    auditInsert: db.prepare(
      `INSERT INTO card_audit (card_id, persona_id, at, actor, action, outcome, code) VALUES (@cardId, @personaId, @at, @actor, @action, @outcome, @code)`,
    ),
    auditList: db.prepare(
      `SELECT id, card_id AS cardId, persona_id AS personaId, at, actor, action, outcome, code FROM card_audit WHERE card_id = ? ORDER BY id`,
    ),
    cardNumberTaken: db.prepare(`SELECT 1 FROM cards WHERE card_number = ?`),
    cardCount: db.prepare(`SELECT COUNT(*) AS n FROM cards WHERE persona_id = ?`),
    cardInsert: db.prepare(
      `INSERT INTO cards (persona_id, card_number, sign_no, sign_seq, sign_level, aab301, issue_date, valid_until, status, channel, created_at)
       VALUES (@personaId, @cardNumber, @signNo, @signSeq, @signLevel, @aab301, @issueDate, @validUntil, @status, @channel, @createdAt)`,
    ),

    idemFind: db.prepare(`SELECT key, persona_id AS personaId, card_id AS cardId FROM idempotency_keys WHERE key = ?`),
    idemInsert: db.prepare(`INSERT INTO idempotency_keys (key, persona_id, card_id, created_at) VALUES (?, ?, ?, ?)`),

    wipe: [
      db.prepare(`DELETE FROM idempotency_keys WHERE persona_id = ?`),
      db.prepare(`DELETE FROM card_audit WHERE persona_id = ?`),
      db.prepare(`DELETE FROM qr_tokens WHERE persona_id = ?`),
      db.prepare(`DELETE FROM cards WHERE persona_id = ?`),
      db.prepare(`DELETE FROM passwords WHERE persona_id = ?`),
      db.prepare(`DELETE FROM certifications WHERE persona_id = ?`),
      db.prepare(`DELETE FROM claims WHERE persona_id = ?`),
      db.prepare(`DELETE FROM sessions WHERE persona_id = ?`),
    ],
  }

  // The SM2 key pair: generated on first open and kept, so restarts keep the same public key.
  let key = stmt.keyGet.get() as ServerKey | undefined
  if (!key) {
    const pair = sm2.generateKeyPairHex()
    const keyId = 'sm2-' + createHash('sha256').update(pair.publicKey).digest('hex').slice(0, 12)
    stmt.keyInsert.run(keyId, pair.publicKey, pair.privateKey, Date.now())
    key = { keyId, publicKey: pair.publicKey, privateKey: pair.privateKey }
  }
  const serverKey: ServerKey = key

  // The QR tokens' key, made the same way: on first open, then kept.
  let qrSecretHex = (stmt.secretGet.get(QR_SECRET_NAME) as { secret: string } | undefined)?.secret
  if (!qrSecretHex) {
    qrSecretHex = randomBytes(32).toString('hex')
    stmt.secretInsert.run(QR_SECRET_NAME, qrSecretHex, Date.now())
  }
  const qrSecret = Buffer.from(qrSecretHex, 'hex')

  // Read caches for what every authenticated call reads: an access token's session and the
  // person's active card. Every store method that writes sessions or cards drops the entries it may
  // change (a new write path must too). A read inside a transaction always goes to the database and
  // fills nothing, as the transaction may still roll back. Only this process writes the file, so
  // nothing else can make an entry stale.
  const accessSessions = new Map<string, SessionRow | undefined>()
  const activeCards = new Map<string, CardRow | undefined>()
  const readThrough = <V>(cache: Map<string, V | undefined>, key: string, read: () => V | undefined, keep: (v: V | undefined) => boolean = () => true): V | undefined => {
    if (db.inTransaction) return read()
    if (cache.has(key)) return cache.get(key)
    const value = read()
    if (!keep(value)) return value
    if (cache.size >= READ_CACHE_ENTRIES) cache.clear()
    cache.set(key, value)
    return value
  }
  // the hit, checked before readThrough's closures are made (a hit is nearly every call)
  const MISS = Symbol('miss')
  const cachedOnly = <V>(cache: Map<string, V | undefined>, key: string): V | undefined | typeof MISS => {
    if (db.inTransaction) return MISS
    const value = cache.get(key)
    return value !== undefined || cache.has(key) ? value : MISS
  }

  const pendingAudit: AuditEntry[] = []
  // A queue holds hundreds of rows under load: one statement per AUDIT_ROWS_PER_INSERT of them
  // costs about half as much a row as one statement each (bench: docs/benchmarks.md, Server).
  const auditInsertMany = db.prepare(
    `INSERT INTO card_audit (card_id, persona_id, at, actor, action, outcome, code) VALUES ${Array(AUDIT_ROWS_PER_INSERT).fill('(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
  )
  const params: unknown[] = []
  const writeAuditBatch = db.transaction((batch: AuditEntry[]) => {
    let i = 0
    for (; i + AUDIT_ROWS_PER_INSERT <= batch.length; i += AUDIT_ROWS_PER_INSERT) {
      params.length = 0
      for (let j = i; j < i + AUDIT_ROWS_PER_INSERT; j++) {
        const e = batch[j]
        params.push(e.cardId, e.personaId, e.at, e.actor, e.action, e.outcome, e.code)
      }
      auditInsertMany.run(params)
    }
    for (; i < batch.length; i++) stmt.auditInsert.run(batch[i])
  })
  const flushAudit = (): void => {
    if (pendingAudit.length === 0 || !db.open) return
    const batch = pendingAudit.splice(0)
    if (db.inTransaction) return writeAuditBatch(batch)
    // Rows that change nothing (a QR token handed out) need not wait for the disk: they survive a
    // killed process, a power cut may lose the last ones. The next FULL commit syncs them with it.
    db.pragma('synchronous = NORMAL')
    try {
      writeAuditBatch(batch)
    } finally {
      db.pragma('synchronous = FULL')
    }
  }
  const flushAuditLater = (): void => {
    try {
      flushAudit()
    } catch (e) {
      // not a request's error to report: the rows are lost
      console.error(`Audit rows not written: ${(e as Error).message}`)
    }
  }

  const store: Store = {
    transaction: <T>(fn: () => T): T => {
      // queued audit rows first: a transaction that rolls back must not take them with it
      if (!db.inTransaction) flushAudit()
      return db.transaction(fn)()
    },
    close: () => {
      flushAudit()
      checkpointer?.stop()
      if (db.open) db.close()
    },

    ping: () => {
      stmt.ping.get()
    },
    serverKey: () => serverKey,
    qrSecret: () => qrSecret,

    insertSession: (tokenHash, kind, personaId, createdAt, expiresAt, familyId) => {
      accessSessions.delete(tokenHash)
      stmt.sessionInsert.run(tokenHash, kind, personaId, createdAt, expiresAt, familyId ?? null)
    },
    revokeSessionFamily: (familyId, at) => {
      accessSessions.clear()
      return stmt.sessionRevokeFamily.run(at, familyId).changes
    },
    findSession: (tokenHash, kind) => {
      const hit = kind === 'access' ? cachedOnly(accessSessions, tokenHash) : MISS
      if (hit !== MISS) return hit
      const read = () => stmt.sessionFind.get(tokenHash, kind) as SessionRow | undefined
      // only access tokens, and only tokens that exist: made-up ones cannot fill the cache
      return kind === 'access' ? readThrough(accessSessions, tokenHash, read, (row) => row !== undefined) : read()
    },
    markSessionUsed: (tokenHash, at) => {
      accessSessions.delete(tokenHash)
      return stmt.sessionUse.run(at, tokenHash).changes === 1
    },

    getClaim: (personaId) => stmt.claimGet.get(personaId) as ClaimRow | undefined,
    insertClaim: (claim) => {
      stmt.claimInsert.run(claim)
    },
    updateClaim: (personaId, patch) => {
      const current = stmt.claimGet.get(personaId) as ClaimRow | undefined
      if (!current) throw new Error('updateClaim: no claim for this persona')
      const next: ClaimRow = { ...current, ...patch, personaId }
      stmt.claimUpdate.run(next)
      return next
    },

    insertCertification: (cert) => {
      stmt.certInsert.run(cert)
    },
    getCertification: (certifyId) => stmt.certGet.get(certifyId) as CertificationRow | undefined,
    recordCertificationOutcome: (certifyId, outcome, at) => {
      stmt.certOutcome.run(outcome, at, certifyId)
    },
    markCertificationPassed: (certifyId, at) => {
      stmt.certPassed.run(at, certifyId)
    },
    consumeCertification: (certifyId, at) => stmt.certConsume.run(at, certifyId).changes === 1,
    certificationStartsSince: (personaId, since) => (stmt.certStartsSince.all(personaId, since) as { createdAt: number }[]).map((r) => r.createdAt),

    setPasswordHash: (personaId, hash, at) => {
      stmt.passwordUpsert.run(personaId, hash, at)
    },
    getPasswordHash: (personaId) => (stmt.passwordGet.get(personaId) as PasswordRow | undefined)?.hash,
    getPassword: (personaId) => stmt.passwordGet.get(personaId) as PasswordRow | undefined,
    setPasswordFailures: (personaId, failedAttempts, lockedUntil, at) => {
      stmt.passwordFailures.run(failedAttempts, lockedUntil, at, personaId)
    },
    deletePassword: (personaId) => {
      stmt.passwordDelete.run(personaId)
    },

    activeCard: (personaId) => {
      const hit = cachedOnly(activeCards, personaId)
      return hit !== MISS ? hit : readThrough(activeCards, personaId, () => stmt.cardActive.get(personaId) as CardRow | undefined)
    },
    getCard: (id) => stmt.cardGet.get(id) as CardRow | undefined,
    findCardByNumber: (cardNumber) => stmt.cardByNumber.get(cardNumber) as CardRow | undefined,
    cardNumberTaken: (cardNumber) => stmt.cardNumberTaken.get(cardNumber) !== undefined,
    countCards: (personaId) => (stmt.cardCount.get(personaId) as { n: number }).n,
    insertCard: (card) => {
      activeCards.delete(card.personaId)
      const info = stmt.cardInsert.run(card)
      return { ...card, id: Number(info.lastInsertRowid), unboundAt: null }
    },
    unbindCard: (id, at) => {
      activeCards.clear()
      return stmt.cardUnbind.run(at, id).changes === 1
    },

    getSpentQrToken: (tokenId) => stmt.qrGet.get(tokenId) as QrTokenRow | undefined,
    spendQrToken: (token) => stmt.qrSpend.run(token).changes === 1,

    insertAudit: (entry) => {
      // the audit keeps the order things happened in
      flushAudit()
      stmt.auditInsert.run(entry)
    },
    queueAudit: (entry) => {
      pendingAudit.push(entry)
      // a short timer, not the next turn: under load a turn holds one or two requests, and each
      // commit costs more than the rows it writes
      if (pendingAudit.length === 1) setTimeout(flushAuditLater, AUDIT_FLUSH_MS).unref()
    },
    listAudit: (cardId) => {
      flushAudit()
      return stmt.auditList.all(cardId) as AuditRow[]
    },

    findIdempotencyKey: (k) => stmt.idemFind.get(k) as IdempotencyRow | undefined,
    insertIdempotencyKey: (k, personaId, cardId, at) => {
      stmt.idemInsert.run(k, personaId, cardId, at)
    },

    wipePersona: (personaId) => {
      flushAudit()
      accessSessions.clear()
      activeCards.delete(personaId)
      db.transaction(() => {
        for (const s of stmt.wipe) s.run(personaId)
      })()
    },
  }
  return store
}

const CARD_SELECT = `SELECT id, persona_id AS personaId, card_number AS cardNumber, sign_no AS signNo, sign_seq AS signSeq,
  sign_level AS signLevel, aab301, issue_date AS issueDate, valid_until AS validUntil, status, channel, created_at AS createdAt,
  unbound_at AS unboundAt
  FROM cards`

const QR_SECRET_NAME = 'qr-hmac-sha256'
/** Entries kept per read cache; past it the cache starts afresh. */
const READ_CACHE_ENTRIES = 10_000

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > MIGRATIONS.length) {
    throw new Error(`database schema version ${current} is newer than this server (${MIGRATIONS.length})`)
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v])
      db.pragma(`user_version = ${v + 1}`)
    })()
  }
}

/**
 * WAL checkpoints on a thread of their own. SQLite's automatic checkpoint runs inside the commit
 * that crosses 1,000 pages, on the server's only thread: it copies the WAL into the database and
 * fsyncs it, a pause of several milliseconds for whichever requests wait behind it. A second
 * connection in a worker checkpoints every second instead (PASSIVE: it never blocks a writer),
 * and the server's own connection never does.
 *
 * `stop()` returns once the worker's connection is closed, or was never opened, so that a closed
 * store leaves no connection behind to touch the database's files: the server's own connection,
 * closed last, then checkpoints and removes the WAL as SQLite does.
 */
const CHECKPOINTER = { BOOTING: 0, OPEN: 1, STOPPING: 2, CLOSED: 3 } as const
const CHECKPOINTER_STOP_MS = 5_000

function startCheckpointer(db: Database.Database, file: string): { stop(): void } {
  db.pragma('wal_autocheckpoint = 0')
  // one word both threads change with compare-and-swap: who got there first decides
  const state = new Int32Array(new SharedArrayBuffer(4))
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads')
    const { state, codes: { BOOTING, OPEN, CLOSED } } = workerData
    const closed = () => { Atomics.store(state, 0, CLOSED); Atomics.notify(state, 0) }
    if (Atomics.compareExchange(state, 0, BOOTING, OPEN) === BOOTING) {
      let db
      try {
        const Database = require(workerData.module)
        // the server's connection made the file; never create one where it was removed
        db = new Database(workerData.file, { fileMustExist: true })
        db.pragma('busy_timeout = 5000')
      } catch (e) {
        try { db && db.close() } finally { closed() }
        throw e
      }
      const timer = setInterval(() => {
        try { db.pragma('wal_checkpoint(PASSIVE)') } catch {}
      }, 1000)
      parentPort.once('message', () => {
        clearInterval(timer)
        try { db.close() } finally { closed(); parentPort.close() }
      })
    }`,
    { eval: true, workerData: { file, state, codes: CHECKPOINTER, module: require.resolve('better-sqlite3') } },
  )
  worker.unref()
  let stopped = false
  // without its checkpointer the WAL would grow for ever: the server's connection takes over again
  const fallBack = () => {
    if (!stopped && db.open) db.pragma('wal_autocheckpoint = 1000')
  }
  worker.once('error', fallBack)
  worker.once('exit', fallBack)
  return {
    stop() {
      if (stopped) return
      stopped = true
      // not yet booted: it will see CLOSED and never open the database
      if (Atomics.compareExchange(state, 0, CHECKPOINTER.BOOTING, CHECKPOINTER.CLOSED) === CHECKPOINTER.BOOTING) return
      if (Atomics.compareExchange(state, 0, CHECKPOINTER.OPEN, CHECKPOINTER.STOPPING) !== CHECKPOINTER.OPEN) return
      worker.postMessage('stop')
      // the worker's close is a few milliseconds; the bound only guards against a wedged thread
      Atomics.wait(state, 0, CHECKPOINTER.STOPPING, CHECKPOINTER_STOP_MS)
    },
  }
}
