-- tsumiki schema, postgres: feedback.
-- Keep in step with the other backend's file: only BLOB/BYTEA may differ.

-- 360-degree feedback rounds: pre (month 0), post (month 12), follow-up (month 24), one of each
-- per cohort. small_group_policy says what happens to a rater group below the cohort's
-- anonymity threshold ('suppress' or 'merge' into others). A round takes submissions only
-- while state = 'open'; closing it expires every rater link at once.
CREATE TABLE feedback_rounds (
    id                 TEXT PRIMARY KEY,
    cohort_id          TEXT NOT NULL REFERENCES cohorts (id),
    kind               TEXT NOT NULL CHECK (kind IN ('pre', 'post', 'follow_up')),
    instrument_id      TEXT NOT NULL,
    small_group_policy TEXT NOT NULL CHECK (small_group_policy IN ('suppress', 'merge')),
    state              TEXT NOT NULL CHECK (state IN ('draft', 'open', 'closed')),
    opened_at          TEXT,
    closed_at          TEXT,
    created_at         TEXT NOT NULL,
    UNIQUE (cohort_id, kind)
);

-- One rater asked about one participant. Only the SHA-256 of the rater's link token is kept;
-- a reminder replaces it (the old link stops working). One submission per invitation, which
-- the rater may edit until the round closes.
CREATE TABLE rater_invitations (
    id             TEXT PRIMARY KEY,
    round_id       TEXT NOT NULL REFERENCES feedback_rounds (id),
    participant_id TEXT NOT NULL REFERENCES participants (id),
    rater_group    TEXT NOT NULL CHECK (rater_group IN ('self', 'manager', 'peer',
                                                        'direct_report', 'other')),
    email          TEXT NOT NULL,
    language       TEXT NOT NULL CHECK (language IN ('ja', 'en')),
    token_hash     TEXT NOT NULL UNIQUE,
    created_at     TEXT NOT NULL,
    last_sent_at   TEXT NOT NULL,
    submitted_at   TEXT,
    UNIQUE (round_id, participant_id, email)
);
CREATE INDEX rater_invitations_round ON rater_invitations (round_id, participant_id);

-- Answers: value NULL is "cannot say".
CREATE TABLE feedback_answers (
    invitation_id TEXT NOT NULL REFERENCES rater_invitations (id),
    item_id       TEXT NOT NULL,
    value         INTEGER,
    PRIMARY KEY (invitation_id, item_id)
);

CREATE TABLE feedback_comments (
    invitation_id TEXT PRIMARY KEY REFERENCES rater_invitations (id),
    body          TEXT NOT NULL
);

-- Mail waiting to go out, and what happened to it. A body carrying a secret link is replaced by
-- body_after_send once sent, so sent rows keep no working token.
CREATE TABLE outbox (
    id              TEXT PRIMARY KEY,
    recipient       TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    body_after_send TEXT,
    kind            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    sent_at         TEXT,
    last_error      TEXT
);
CREATE INDEX outbox_pending ON outbox (sent_at, next_attempt_at);
