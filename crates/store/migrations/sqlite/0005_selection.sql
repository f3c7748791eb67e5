-- tsumiki schema, sqlite: selection.
-- Keep in step with the other backend's file: only BLOB/BYTEA may differ.

-- A credential counts as claimed once its holder has fetched it (a download or a claim link).
-- Only the first claim is kept: it answers "has the learner taken it?", not "how often?".
CREATE TABLE credential_claims (
    credential_id    TEXT PRIMARY KEY REFERENCES credentials (id) ON DELETE CASCADE,
    first_claimed_at TEXT NOT NULL,
    channel          TEXT NOT NULL
);

-- Choosing a programme: a sponsor organisation compares candidate programmes on the seven
-- criteria of the selection checklist, each weighted, each scored 1 to 5 with evidence.
CREATE TABLE selection_sets (
    id              TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    title           TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX selection_sets_organisation ON selection_sets (organisation_id);

CREATE TABLE selection_weights (
    set_id    TEXT NOT NULL REFERENCES selection_sets (id) ON DELETE CASCADE,
    criterion TEXT NOT NULL CHECK (criterion IN ('strategic_alignment', 'applied_components',
                                                 'cohort_diversity', 'language_support',
                                                 'measurement_plan', 'post_programme_support',
                                                 'credential_recognition')),
    weight    BIGINT NOT NULL CHECK (weight BETWEEN 0 AND 10),
    PRIMARY KEY (set_id, criterion)
);

-- A candidate is one of our programmes (programme_id) or an external one (name, provider, url).
CREATE TABLE selection_candidates (
    id           TEXT PRIMARY KEY,
    set_id       TEXT NOT NULL REFERENCES selection_sets (id) ON DELETE CASCADE,
    programme_id TEXT REFERENCES programmes (id),
    name         TEXT NOT NULL,
    provider     TEXT NOT NULL,
    url          TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    CHECK (programme_id IS NOT NULL OR name <> '')
);
CREATE INDEX selection_candidates_set ON selection_candidates (set_id);

CREATE TABLE selection_scores (
    candidate_id TEXT NOT NULL REFERENCES selection_candidates (id) ON DELETE CASCADE,
    criterion    TEXT NOT NULL CHECK (criterion IN ('strategic_alignment', 'applied_components',
                                                    'cohort_diversity', 'language_support',
                                                    'measurement_plan', 'post_programme_support',
                                                    'credential_recognition')),
    score        BIGINT NOT NULL CHECK (score BETWEEN 1 AND 5),
    evidence     TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (candidate_id, criterion)
);
