-- tsumiki schema, PostgreSQL flavour. The SQLite flavour (../sqlite/0001_initial.sql) is the
-- same file with BLOB spelled BYTEA; tests check that both yield the same tables and columns.
-- Ids are application-generated UUID text; timestamps are RFC 3339 UTC text with seconds
-- (they sort correctly as text); JSON documents are TEXT.

CREATE TABLE issuers (
    id                   TEXT PRIMARY KEY,
    slug                 TEXT NOT NULL UNIQUE,
    name_ja              TEXT NOT NULL,
    name_en              TEXT NOT NULL,
    url                  TEXT NOT NULL,
    identifier_kind      TEXT NOT NULL CHECK (identifier_kind IN ('https', 'did:web', 'did:key')),
    identifier           TEXT NOT NULL UNIQUE,
    verification_method  TEXT NOT NULL,
    public_key_multibase TEXT NOT NULL,
    sealed_secret_key    BYTEA NOT NULL,
    created_at           TEXT NOT NULL
);

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'issuer_staff', 'viewer')),
    created_at    TEXT NOT NULL
);

-- id is the hash of the session cookie's token, never the token itself.
CREATE TABLE sessions (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL UNIQUE,
    label        TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
);

CREATE TABLE achievements (
    id                   TEXT PRIMARY KEY,
    issuer_id            TEXT NOT NULL REFERENCES issuers (id),
    achievement_type     TEXT NOT NULL,
    name_ja              TEXT NOT NULL,
    name_en              TEXT NOT NULL,
    description_ja       TEXT NOT NULL,
    description_en       TEXT NOT NULL,
    criteria_ja          TEXT NOT NULL,
    criteria_en          TEXT NOT NULL,
    learning_outcomes_ja TEXT NOT NULL,
    learning_outcomes_en TEXT NOT NULL,
    hours                DOUBLE PRECISION,
    credits              DOUBLE PRECISION,
    level                TEXT,
    assessment_type      TEXT,
    participation_form   TEXT,
    quality_assurance    TEXT,
    prerequisites        TEXT,
    stackability         TEXT,
    image                BYTEA,
    image_media_type     TEXT CHECK (image_media_type IN ('image/png', 'image/svg+xml')),
    image_alt_ja         TEXT,
    image_alt_en         TEXT,
    alignments           TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE INDEX achievements_issuer ON achievements (issuer_id);

CREATE TABLE recipients (
    id           TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    did          TEXT UNIQUE,
    created_at   TEXT NOT NULL
);

-- normalized_value is what uniqueness is about (emails lower-cased and trimmed); value keeps
-- the spelling the person gave.
CREATE TABLE recipient_identifiers (
    id               TEXT PRIMARY KEY,
    recipient_id     TEXT NOT NULL REFERENCES recipients (id) ON DELETE CASCADE,
    kind             TEXT NOT NULL,
    value            TEXT NOT NULL,
    normalized_value TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    UNIQUE (kind, normalized_value)
);
CREATE INDEX recipient_identifiers_recipient ON recipient_identifiers (recipient_id);

-- One row per published BitstringStatusList. next_index only ever grows: an index handed out
-- is never handed out again, even if the credential it was meant for was never stored.
CREATE TABLE status_lists (
    id                 TEXT PRIMARY KEY,
    issuer_id          TEXT NOT NULL REFERENCES issuers (id),
    purpose            TEXT NOT NULL CHECK (purpose IN ('revocation', 'suspension')),
    sequence           BIGINT NOT NULL,
    url                TEXT NOT NULL,
    size_bits          BIGINT NOT NULL CHECK (size_bits > 0),
    next_index         BIGINT NOT NULL CHECK (next_index >= 0 AND next_index <= size_bits),
    bitstring          BYTEA NOT NULL,
    version            BIGINT NOT NULL,
    signed_credential  TEXT,
    signed_version     BIGINT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    UNIQUE (issuer_id, purpose, sequence)
);

CREATE TABLE credentials (
    id                 TEXT PRIMARY KEY,
    issuer_id          TEXT NOT NULL REFERENCES issuers (id),
    achievement_id     TEXT NOT NULL REFERENCES achievements (id),
    recipient_id       TEXT NOT NULL REFERENCES recipients (id),
    credential_json    TEXT NOT NULL,
    vc_jwt             TEXT,
    revocation_list_id TEXT NOT NULL REFERENCES status_lists (id),
    revocation_index   BIGINT NOT NULL,
    suspension_list_id TEXT NOT NULL REFERENCES status_lists (id),
    suspension_index   BIGINT NOT NULL,
    state              TEXT NOT NULL CHECK (state IN ('active', 'revoked', 'suspended')),
    state_reason       TEXT,
    idempotency_key    TEXT NOT NULL UNIQUE,
    issued_at          TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    UNIQUE (revocation_list_id, revocation_index),
    UNIQUE (suspension_list_id, suspension_index)
);
CREATE INDEX credentials_recipient ON credentials (recipient_id);
CREATE INDEX credentials_achievement ON credentials (achievement_id);

CREATE TABLE status_events (
    id            TEXT PRIMARY KEY,
    credential_id TEXT NOT NULL REFERENCES credentials (id),
    sequence      BIGINT NOT NULL,
    action        TEXT NOT NULL CHECK (action IN ('revoke', 'suspend', 'unsuspend')),
    reason        TEXT NOT NULL,
    actor_user_id TEXT REFERENCES users (id),
    at            TEXT NOT NULL,
    UNIQUE (credential_id, sequence)
);

CREATE TABLE import_jobs (
    id         TEXT PRIMARY KEY,
    issuer_id  TEXT NOT NULL REFERENCES issuers (id),
    file_name  TEXT NOT NULL,
    file_hash  TEXT NOT NULL,
    state      TEXT NOT NULL CHECK (state IN ('pending', 'running', 'completed', 'failed')),
    total_rows BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX import_jobs_file ON import_jobs (issuer_id, file_hash);

CREATE TABLE import_rows (
    job_id          TEXT NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
    row_number      BIGINT NOT NULL,
    idempotency_key TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('pending', 'issued', 'skipped', 'failed')),
    credential_id   TEXT REFERENCES credentials (id),
    error           TEXT,
    PRIMARY KEY (job_id, row_number)
);
