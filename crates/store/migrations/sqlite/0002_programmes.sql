-- tsumiki schema, sqlite: programmes.
-- Keep in step with the other backend's file: only BLOB/BYTEA may differ.

-- New roles for programmes (issue 4). users.role carries a CHECK that neither database can widen
-- in place with the same SQL, so users and the three tables that reference it are rebuilt: the old
-- tables are renamed aside (both databases move the foreign keys of their children with them),
-- new ones are created and filled, then the old ones are dropped, children first.
ALTER TABLE status_events RENAME TO status_events_old;
ALTER TABLE api_tokens RENAME TO api_tokens_old;
ALTER TABLE sessions RENAME TO sessions_old;
ALTER TABLE users RENAME TO users_old;

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'issuer_staff', 'viewer',
                                                'programme_manager', 'faculty', 'sponsor_viewer',
                                                'participant')),
    created_at    TEXT NOT NULL
);
INSERT INTO users (id, email, display_name, password_hash, role, created_at)
    SELECT id, email, display_name, password_hash, role, created_at FROM users_old;

CREATE TABLE sessions (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
INSERT INTO sessions (id, user_id, csrf_token, created_at, expires_at)
    SELECT id, user_id, csrf_token, created_at, expires_at FROM sessions_old;

CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL UNIQUE,
    label        TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
);
INSERT INTO api_tokens (id, user_id, token_hash, label, created_at, last_used_at, revoked_at)
    SELECT id, user_id, token_hash, label, created_at, last_used_at, revoked_at FROM api_tokens_old;

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
INSERT INTO status_events (id, credential_id, sequence, action, reason, actor_user_id, at)
    SELECT id, credential_id, sequence, action, reason, actor_user_id, at FROM status_events_old;

DROP TABLE status_events_old;
DROP TABLE api_tokens_old;
DROP TABLE sessions_old;
DROP TABLE users_old;
CREATE INDEX sessions_expires_at ON sessions (expires_at);

-- Providers run programmes; sponsors send (and usually pay for) participants.
CREATE TABLE organisations (
    id         TEXT PRIMARY KEY,
    name_ja    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('provider', 'sponsor')),
    created_at TEXT NOT NULL
);

-- design_json is a tsumiki_programme::ProgrammeDesign; issuer_id is the issuer that signs the
-- credentials the programme's modules award.
CREATE TABLE programmes (
    id          TEXT PRIMARY KEY,
    provider_id TEXT REFERENCES organisations (id),
    title_ja    TEXT NOT NULL,
    title_en    TEXT NOT NULL,
    design_json TEXT NOT NULL,
    template_of TEXT REFERENCES programmes (id),
    issuer_id   TEXT REFERENCES issuers (id),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE programme_sponsors (
    programme_id    TEXT NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    PRIMARY KEY (programme_id, organisation_id)
);

CREATE TABLE cohorts (
    id                  TEXT PRIMARY KEY,
    programme_id        TEXT NOT NULL REFERENCES programmes (id),
    sponsor_id          TEXT REFERENCES organisations (id),
    name                TEXT NOT NULL,
    starts_on           TEXT NOT NULL,
    ends_on             TEXT NOT NULL,
    anonymity_threshold BIGINT NOT NULL DEFAULT 3 CHECK (anonymity_threshold >= 1),
    comment_threshold   BIGINT NOT NULL DEFAULT 5 CHECK (comment_threshold >= 1),
    created_at          TEXT NOT NULL,
    CHECK (ends_on >= starts_on)
);
CREATE INDEX cohorts_programme ON cohorts (programme_id);
CREATE INDEX cohorts_sponsor ON cohorts (sponsor_id);

-- gender is self-described free text and never required.
CREATE TABLE participants (
    id             TEXT PRIMARY KEY,
    cohort_id      TEXT NOT NULL REFERENCES cohorts (id),
    recipient_id   TEXT NOT NULL REFERENCES recipients (id),
    nationality    TEXT NOT NULL,
    job_function   TEXT NOT NULL,
    industry       TEXT NOT NULL,
    role_level     TEXT NOT NULL,
    languages_json TEXT NOT NULL,
    gender         TEXT,
    enrolled_at    TEXT NOT NULL,
    UNIQUE (cohort_id, recipient_id)
);
CREATE INDEX participants_recipient ON participants (recipient_id);

-- APPI consent per purpose; withdrawing sets withdrawn_at and keeps the row as the record.
-- At most one active consent per participant and purpose.
CREATE TABLE consents (
    id             TEXT PRIMARY KEY,
    participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    purpose        TEXT NOT NULL,
    granted_at     TEXT NOT NULL,
    withdrawn_at   TEXT
);
CREATE UNIQUE INDEX consents_active ON consents (participant_id, purpose) WHERE withdrawn_at IS NULL;

-- Which organisation a sponsor viewer reads for, and which person a participant account is.
CREATE TABLE user_links (
    user_id         TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    organisation_id TEXT REFERENCES organisations (id),
    recipient_id    TEXT REFERENCES recipients (id)
);

-- Action-learning projects; deliverables and outcome metrics are JSON arrays of strings.
CREATE TABLE projects (
    id                   TEXT PRIMARY KEY,
    cohort_id            TEXT NOT NULL REFERENCES cohorts (id),
    title                TEXT NOT NULL,
    executive_sponsor    TEXT NOT NULL,
    business_objective   TEXT NOT NULL,
    deliverables_json    TEXT NOT NULL,
    outcome_metrics_json TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE INDEX projects_cohort ON projects (cohort_id);

CREATE TABLE project_members (
    project_id     TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    PRIMARY KEY (project_id, participant_id)
);

-- module_id is a module's stable id inside the programme's design_json. One row per participant
-- and module: recording twice changes nothing.
CREATE TABLE module_completions (
    participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    module_id      TEXT NOT NULL,
    completed_at   TEXT NOT NULL,
    recorded_by    TEXT REFERENCES users (id),
    PRIMARY KEY (participant_id, module_id)
);
