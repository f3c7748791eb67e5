-- tsumiki schema, postgres: impact.
-- Keep in step with the other backend's file: only BLOB/BYTEA may differ.

-- Money is never a float here: amounts are BIGINT counts of the currency's minor unit (yen for
-- JPY, cents for USD), so sums and round trips are exact. KPI figures are decimal TEXT written
-- in the shortest form that reads back to the same number.

-- Per-cohort settings for ROI: the sponsor's currency and how many years of benefit count.
CREATE TABLE cohort_impact_settings (
    cohort_id     TEXT PRIMARY KEY REFERENCES cohorts (id) ON DELETE CASCADE,
    currency      TEXT NOT NULL DEFAULT 'JPY',
    horizon_years BIGINT NOT NULL DEFAULT 1 CHECK (horizon_years BETWEEN 1 AND 3),
    updated_at    TEXT NOT NULL
);

-- A programme's logic model; its entries are replaced as a whole on every edit.
CREATE TABLE logic_models (
    programme_id TEXT PRIMARY KEY REFERENCES programmes (id) ON DELETE CASCADE,
    updated_by   TEXT REFERENCES users (id) ON DELETE SET NULL,
    updated_at   TEXT NOT NULL
);

CREATE TABLE logic_model_entries (
    id           TEXT PRIMARY KEY,
    programme_id TEXT NOT NULL REFERENCES logic_models (programme_id) ON DELETE CASCADE,
    stage        TEXT NOT NULL
                 CHECK (stage IN ('inputs', 'activities', 'outputs', 'outcomes', 'impact')),
    position     BIGINT NOT NULL,
    text_ja      TEXT NOT NULL,
    text_en      TEXT NOT NULL,
    UNIQUE (programme_id, stage, position)
);

-- KPIs belong to a cohort (the sponsor's run): checkpoint dates count from cohorts.starts_on.
CREATE TABLE kpis (
    id          TEXT PRIMARY KEY,
    cohort_id   TEXT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    name_ja     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    level       TEXT NOT NULL CHECK (level IN ('reaction', 'learning', 'behaviour', 'results')),
    owner       TEXT NOT NULL,
    baseline    TEXT NOT NULL,
    target      TEXT NOT NULL,
    unit        TEXT NOT NULL,
    direction   TEXT NOT NULL CHECK (direction IN ('increase', 'decrease')),
    data_source TEXT NOT NULL,
    checkpoints TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX kpis_cohort ON kpis (cohort_id);

-- One measurement per KPI checkpoint; recording again replaces the value and its evidence.
CREATE TABLE kpi_measurements (
    id               TEXT PRIMARY KEY,
    kpi_id           TEXT NOT NULL REFERENCES kpis (id) ON DELETE CASCADE,
    checkpoint_month BIGINT NOT NULL CHECK (checkpoint_month >= 0),
    value            TEXT NOT NULL,
    recorded_on      TEXT NOT NULL,
    evidence_note    TEXT NOT NULL,
    evidence_url     TEXT,
    recorded_by      TEXT REFERENCES users (id) ON DELETE SET NULL,
    recorded_at      TEXT NOT NULL,
    UNIQUE (kpi_id, checkpoint_month)
);

-- The fully-loaded cost ledger. Participant time stores hours (decimal TEXT) and the loaded
-- hourly rate; amount_minor is computed from them so the ledger sums one column.
CREATE TABLE cost_entries (
    id                TEXT PRIMARY KEY,
    cohort_id         TEXT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    category          TEXT NOT NULL CHECK (category IN ('faculty', 'travel_accommodation',
                          'platform', 'participant_time', 'interpretation_translation',
                          'coaching', 'internal_coordination', 'backfill')),
    description       TEXT NOT NULL,
    amount_minor      BIGINT NOT NULL CHECK (amount_minor >= 0),
    hours             TEXT,
    hourly_rate_minor BIGINT CHECK (hourly_rate_minor >= 0),
    created_by        TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at        TEXT NOT NULL
);
CREATE INDEX cost_entries_cohort ON cost_entries (cohort_id);

-- One participant's benefit claim (Phillips): annual value x isolation % x confidence %. A
-- non-respondent row carries no figures and counts as zero.
CREATE TABLE benefit_claims (
    id                 TEXT PRIMARY KEY,
    cohort_id          TEXT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    participant_id     TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    description        TEXT NOT NULL,
    non_respondent     BIGINT NOT NULL CHECK (non_respondent IN (0, 1)),
    annual_value_minor BIGINT CHECK (annual_value_minor >= 0),
    isolation_percent  BIGINT CHECK (isolation_percent BETWEEN 0 AND 100),
    confidence_percent BIGINT CHECK (confidence_percent BETWEEN 0 AND 100),
    created_by         TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at         TEXT NOT NULL,
    CHECK ((non_respondent = 1 AND annual_value_minor IS NULL AND isolation_percent IS NULL
            AND confidence_percent IS NULL)
        OR (non_respondent = 0 AND annual_value_minor IS NOT NULL
            AND isolation_percent IS NOT NULL AND confidence_percent IS NOT NULL))
);
CREATE INDEX benefit_claims_cohort ON benefit_claims (cohort_id);

-- Benefits reported apart from the money (trust, networks, reputation...).
CREATE TABLE intangible_benefits (
    id          TEXT PRIMARY KEY,
    cohort_id   TEXT NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    text_ja     TEXT NOT NULL,
    text_en     TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX intangible_benefits_cohort ON intangible_benefits (cohort_id);
