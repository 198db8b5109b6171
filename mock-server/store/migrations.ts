/**
 * The schema, as an ordered list of migrations. `PRAGMA user_version` records how many have run,
 * so opening a database again (or an older one) applies only what is missing: idempotent.
 * Append new migrations; never edit one that has shipped.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: the first schema
  `
  CREATE TABLE server_keys (
    key_id       TEXT PRIMARY KEY,
    algorithm    TEXT NOT NULL CHECK (algorithm = 'SM2'),
    public_key   TEXT NOT NULL,
    private_key  TEXT NOT NULL,
    created_at   INTEGER NOT NULL
  );

  -- Authorization codes, access tokens and refresh tokens. Only a SHA-256 of each token is kept:
  -- a copy of the database does not let anyone act as a user.
  CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('auth_code', 'access', 'refresh')),
    persona_id   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    used_at      INTEGER            -- auth code exchanged / refresh token rotated
  );
  CREATE INDEX sessions_persona ON sessions (persona_id);

  CREATE TABLE claims (
    persona_id         TEXT PRIMARY KEY,
    state              TEXT NOT NULL CHECK (state IN ('authorized', 'informed', 'consented', 'certifying', 'certified', 'password_set', 'issued')),
    agreement_version  TEXT,
    certify_id         TEXT,
    certified_at       INTEGER,
    updated_at         INTEGER NOT NULL
  );

  CREATE TABLE certifications (
    certify_id   TEXT PRIMARY KEY,
    persona_id   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    outcome      TEXT CHECK (outcome IN ('pass', 'fail', 'cancel')),  -- what the platform stand-in recorded
    outcome_at   INTEGER,
    passed_at    INTEGER            -- set once the server has accepted the result
  );
  CREATE INDEX certifications_persona ON certifications (persona_id);

  CREATE TABLE passwords (
    persona_id   TEXT PRIMARY KEY,
    hash         TEXT NOT NULL,     -- scrypt$N$r$p$salt$hash, never the password
    updated_at   INTEGER NOT NULL
  );

  CREATE TABLE cards (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    persona_id   TEXT NOT NULL,
    card_number  TEXT NOT NULL UNIQUE,
    sign_no      TEXT NOT NULL,
    sign_seq     TEXT NOT NULL,
    sign_level   INTEGER NOT NULL,
    aab301       TEXT NOT NULL,
    issue_date   TEXT NOT NULL,
    valid_until  TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('active', 'unbound')),
    channel      TEXT NOT NULL,     -- 'alipay' (issued here) or 'other' (pre-issued fixture)
    created_at   INTEGER NOT NULL
  );
  -- one active card per person, enforced by the database itself
  CREATE UNIQUE INDEX cards_one_active ON cards (persona_id) WHERE status = 'active';

  CREATE TABLE idempotency_keys (
    key          TEXT PRIMARY KEY,
    persona_id   TEXT NOT NULL,
    card_id      INTEGER NOT NULL REFERENCES cards (id),
    created_at   INTEGER NOT NULL
  );
  CREATE INDEX idempotency_keys_persona ON idempotency_keys (persona_id);
  `,

  // 2: the issued card's life: certification purposes, password lockout, unbinding, QR tokens, the audit
  `
  -- what a face verification is for, and when a reset/unbind verification was spent (single use)
  ALTER TABLE certifications ADD COLUMN purpose TEXT NOT NULL DEFAULT 'claim' CHECK (purpose IN ('claim', 'reset', 'unbind'));
  ALTER TABLE certifications ADD COLUMN consumed_at INTEGER;

  -- wrong card passwords in a row, and the 24-hour lock after the sixth
  ALTER TABLE passwords ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE passwords ADD COLUMN locked_until INTEGER;

  -- an unbound card keeps its row (the audit refers to it); cards_one_active only counts active ones
  ALTER TABLE cards ADD COLUMN unbound_at INTEGER;

  -- secrets the server makes for itself on first open (the QR code's HMAC-SHA256 key)
  CREATE TABLE server_secrets (
    name         TEXT PRIMARY KEY,
    secret       TEXT NOT NULL,
    created_at   INTEGER NOT NULL
  );

  -- QR codes: the token carries token_id and an HMAC over (token_id, card_id, expires_at) made with
  -- the server secret, so the id alone, without the secret, is no token.
  CREATE TABLE qr_tokens (
    token_id     TEXT PRIMARY KEY,
    card_id      INTEGER NOT NULL REFERENCES cards (id),
    persona_id   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    used_at      INTEGER,           -- scanned (single use)
    revoked_at   INTEGER            -- ended by unbinding the card
  );
  CREATE INDEX qr_tokens_card ON qr_tokens (card_id);

  -- every change to a card, and every refused attempt at one. Never a secret: no password,
  -- ciphertext, token, full ID number or name; the actor's scanner id is checked against a pattern.
  CREATE TABLE card_audit (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    card_id      INTEGER NOT NULL REFERENCES cards (id),
    persona_id   TEXT NOT NULL,
    at           INTEGER NOT NULL,
    actor        TEXT NOT NULL CHECK (actor IN ('holder', 'system') OR actor GLOB 'scanner:[A-Za-z0-9_-]*'),
    action       TEXT NOT NULL CHECK (action IN ('issued', 'qr_issued', 'qr_scanned', 'revealed', 'password_changed',
                                                 'password_reset', 'password_wrong', 'locked', 'unbound')),
    outcome      TEXT NOT NULL CHECK (outcome IN ('ok', 'refused')),
    code         TEXT,              -- the error code of a refusal
    CHECK ((outcome = 'refused') = (code IS NOT NULL))
  );
  CREATE INDEX card_audit_card ON card_audit (card_id, id);
  `,

  // 3: token families (one sign-in and every rotation of it) and revocation (logout, refresh-token reuse)
  `
  ALTER TABLE sessions ADD COLUMN family_id TEXT;
  ALTER TABLE sessions ADD COLUMN revoked_at INTEGER;
  -- tokens from before families: each its own family (logout then revokes that token alone)
  UPDATE sessions SET family_id = token_hash WHERE kind IN ('access', 'refresh');
  CREATE INDEX sessions_family ON sessions (family_id);
  -- the face-verification rate limit counts a person's recent starts
  CREATE INDEX certifications_persona_created ON certifications (persona_id, created_at);
  `,

  // 4: a person's rows by persona_id: every issuance counts the person's cards (the sign sequence)
  // and the QA reset deletes them; without these each was a scan of the whole table
  `
  CREATE INDEX cards_persona ON cards (persona_id);
  CREATE INDEX card_audit_persona ON card_audit (persona_id);
  CREATE INDEX qr_tokens_persona ON qr_tokens (persona_id);
  `,
]
