//! The KPI register of a cohort and the measurements recorded at its checkpoints.
//!
//! KPIs belong to a cohort rather than a programme because each sponsor's run has its own
//! baseline and its own calendar: checkpoint dates count from `cohorts.starts_on`. Figures are
//! stored as decimal text (the shortest form that reads back to the same `f64`), so a value
//! round-trips exactly on both databases without a floating-point column type that SQLite and
//! PostgreSQL spell differently.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row as _;
use sqlx::any::AnyRow;

use crate::{Store, StoreError, time};

/// Kirkpatrick level a KPI measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KpiLevel {
    /// How participants felt about the programme.
    Reaction,
    /// What they learned.
    Learning,
    /// What they now do differently at work.
    Behaviour,
    /// What changed for the organisation.
    Results,
}

impl KpiLevel {
    /// Every level, in Kirkpatrick order (for forms).
    pub const ALL: [KpiLevel; 4] = [
        KpiLevel::Reaction,
        KpiLevel::Learning,
        KpiLevel::Behaviour,
        KpiLevel::Results,
    ];

    /// The spelling stored in the database and used in forms.
    pub fn as_str(self) -> &'static str {
        match self {
            KpiLevel::Reaction => "reaction",
            KpiLevel::Learning => "learning",
            KpiLevel::Behaviour => "behaviour",
            KpiLevel::Results => "results",
        }
    }

    /// The level spelled `text`, if any.
    pub fn parse(text: &str) -> Option<KpiLevel> {
        KpiLevel::ALL
            .into_iter()
            .find(|level| level.as_str() == text)
    }
}

/// Whether a KPI improves by going up or down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KpiDirection {
    /// Higher is better (engagement score, promotions).
    Increase,
    /// Lower is better (attrition, time to decision).
    Decrease,
}

impl KpiDirection {
    /// The spelling stored in the database and used in forms.
    pub fn as_str(self) -> &'static str {
        match self {
            KpiDirection::Increase => "increase",
            KpiDirection::Decrease => "decrease",
        }
    }

    /// The direction spelled `text`, if any.
    pub fn parse(text: &str) -> Option<KpiDirection> {
        match text {
            "increase" => Some(KpiDirection::Increase),
            "decrease" => Some(KpiDirection::Decrease),
            _ => None,
        }
    }
}

/// What a KPI is; the same fields create and edit one.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiDetails {
    /// Name in Japanese.
    pub name_ja: String,
    /// Name in English.
    pub name_en: String,
    /// Kirkpatrick level.
    pub level: KpiLevel,
    /// Who answers for it (a person or a role at the sponsor).
    pub owner: String,
    /// Value before the programme. Must be finite.
    pub baseline: f64,
    /// Value the sponsor aims for. Must be finite.
    pub target: f64,
    /// Unit shown beside figures (`%`, `points`, `人`).
    pub unit: String,
    /// Which way is better.
    pub direction: KpiDirection,
    /// Where the figures come from (HR system, survey...).
    pub data_source: String,
    /// Months after the cohort start at which the KPI is measured (usually 0, 3, 6, 12, 24).
    pub checkpoints: Vec<u32>,
}

/// A stored KPI.
#[derive(Debug, Clone, PartialEq)]
pub struct Kpi {
    /// UUID.
    pub id: String,
    /// The cohort whose calendar the checkpoints follow.
    pub cohort_id: String,
    /// What it measures.
    pub details: KpiDetails,
    /// When it was added.
    pub created_at: DateTime<Utc>,
    /// When it was last edited.
    pub updated_at: DateTime<Utc>,
}

/// A value recorded at one checkpoint, with the evidence behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewKpiMeasurement {
    /// The KPI measured.
    pub kpi_id: String,
    /// Which checkpoint (months after the cohort start).
    pub checkpoint_month: u32,
    /// The figure. Must be finite.
    pub value: f64,
    /// The day the figure describes or was taken.
    pub recorded_on: NaiveDate,
    /// What the figure rests on (report name, survey wave...).
    pub evidence_note: String,
    /// Where the evidence can be read, if online.
    pub evidence_url: Option<String>,
    /// The user who recorded it.
    pub recorded_by: Option<String>,
}

/// A stored measurement.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiMeasurement {
    /// UUID.
    pub id: String,
    /// What was recorded.
    pub measurement: NewKpiMeasurement,
    /// When it was recorded (or last replaced).
    pub recorded_at: DateTime<Utc>,
}

/// Decimal text for a figure: Rust prints the shortest digits that parse back to the same
/// `f64`, and never an exponent, so the text sorts and reads naturally too.
fn figure_to_text(value: f64) -> String {
    format!("{value}")
}

fn figure_from_text(
    text: &str,
    table: &'static str,
    column: &'static str,
) -> Result<f64, StoreError> {
    text.parse::<f64>()
        .ok()
        .filter(|value| value.is_finite())
        .ok_or_else(|| StoreError::corrupt(table, column, format!("{text:?} is not a number")))
}

fn checkpoints_to_text(checkpoints: &[u32]) -> String {
    let mut sorted = checkpoints.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    sorted
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

fn checkpoints_from_text(text: &str) -> Result<Vec<u32>, StoreError> {
    if text.is_empty() {
        return Ok(Vec::new());
    }
    text.split(',')
        .map(|month| {
            month.parse::<u32>().map_err(|error| {
                StoreError::corrupt("kpis", "checkpoints", format!("{text:?}: {error}"))
            })
        })
        .collect()
}

fn date_from_text(text: &str) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|error| {
        StoreError::corrupt(
            "kpi_measurements",
            "recorded_on",
            format!("{text:?}: {error}"),
        )
    })
}

fn month_from_row(row: &AnyRow) -> Result<u32, StoreError> {
    let month: i64 = row.try_get("checkpoint_month")?;
    u32::try_from(month).map_err(|error| {
        StoreError::corrupt("kpi_measurements", "checkpoint_month", error.to_string())
    })
}

fn kpi_from_row(row: &AnyRow) -> Result<Kpi, StoreError> {
    let level: String = row.try_get("level")?;
    let direction: String = row.try_get("direction")?;
    Ok(Kpi {
        id: row.try_get("id")?,
        cohort_id: row.try_get("cohort_id")?,
        details: KpiDetails {
            name_ja: row.try_get("name_ja")?,
            name_en: row.try_get("name_en")?,
            level: KpiLevel::parse(&level).ok_or_else(|| {
                StoreError::corrupt("kpis", "level", format!("unknown level {level:?}"))
            })?,
            owner: row.try_get("owner")?,
            baseline: figure_from_text(&row.try_get::<String, _>("baseline")?, "kpis", "baseline")?,
            target: figure_from_text(&row.try_get::<String, _>("target")?, "kpis", "target")?,
            unit: row.try_get("unit")?,
            direction: KpiDirection::parse(&direction).ok_or_else(|| {
                StoreError::corrupt(
                    "kpis",
                    "direction",
                    format!("unknown direction {direction:?}"),
                )
            })?,
            data_source: row.try_get("data_source")?,
            checkpoints: checkpoints_from_text(&row.try_get::<String, _>("checkpoints")?)?,
        },
        created_at: time::from_text(
            &row.try_get::<String, _>("created_at")?,
            "kpis",
            "created_at",
        )?,
        updated_at: time::from_text(
            &row.try_get::<String, _>("updated_at")?,
            "kpis",
            "updated_at",
        )?,
    })
}

fn measurement_from_row(row: &AnyRow) -> Result<KpiMeasurement, StoreError> {
    Ok(KpiMeasurement {
        id: row.try_get("id")?,
        measurement: NewKpiMeasurement {
            kpi_id: row.try_get("kpi_id")?,
            checkpoint_month: month_from_row(row)?,
            value: figure_from_text(
                &row.try_get::<String, _>("value")?,
                "kpi_measurements",
                "value",
            )?,
            recorded_on: date_from_text(&row.try_get::<String, _>("recorded_on")?)?,
            evidence_note: row.try_get("evidence_note")?,
            evidence_url: row.try_get("evidence_url")?,
            recorded_by: row.try_get("recorded_by")?,
        },
        recorded_at: time::from_text(
            &row.try_get::<String, _>("recorded_at")?,
            "kpi_measurements",
            "recorded_at",
        )?,
    })
}

const KPI_COLUMNS: &str = "id, cohort_id, name_ja, name_en, level, owner, baseline, target, unit, \
     direction, data_source, checkpoints, created_at, updated_at";

const MEASUREMENT_COLUMNS: &str = "m.id, m.kpi_id, m.checkpoint_month, m.value, m.recorded_on, \
     m.evidence_note, m.evidence_url, m.recorded_by, m.recorded_at";

impl Store {
    /// Adds a KPI to a cohort's register. Checkpoints are stored sorted and without repeats.
    pub async fn create_kpi(
        &self,
        cohort_id: &str,
        details: &KpiDetails,
    ) -> Result<Kpi, StoreError> {
        let now = time::truncate(time::now());
        let id = time::new_id();
        sqlx::query(
            "INSERT INTO kpis (id, cohort_id, name_ja, name_en, level, owner, baseline, target, \
             unit, direction, data_source, checkpoints, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)",
        )
        .bind(&id)
        .bind(cohort_id)
        .bind(&details.name_ja)
        .bind(&details.name_en)
        .bind(details.level.as_str())
        .bind(&details.owner)
        .bind(figure_to_text(details.baseline))
        .bind(figure_to_text(details.target))
        .bind(&details.unit)
        .bind(details.direction.as_str())
        .bind(&details.data_source)
        .bind(checkpoints_to_text(&details.checkpoints))
        .bind(time::to_text(now))
        .execute(&self.pool)
        .await
        .map_err(StoreError::on_write("kpi"))?;
        self.kpi(&id)
            .await?
            .ok_or_else(|| StoreError::not_found("kpi", id))
    }

    /// Replaces what a KPI is. Measurements already recorded stay, including those at a
    /// checkpoint the KPI no longer lists (they are evidence; the status ignores them).
    pub async fn update_kpi(&self, id: &str, details: &KpiDetails) -> Result<Kpi, StoreError> {
        let result = sqlx::query(
            "UPDATE kpis SET name_ja = $2, name_en = $3, level = $4, owner = $5, baseline = $6, \
             target = $7, unit = $8, direction = $9, data_source = $10, checkpoints = $11, \
             updated_at = $12 WHERE id = $1",
        )
        .bind(id)
        .bind(&details.name_ja)
        .bind(&details.name_en)
        .bind(details.level.as_str())
        .bind(&details.owner)
        .bind(figure_to_text(details.baseline))
        .bind(figure_to_text(details.target))
        .bind(&details.unit)
        .bind(details.direction.as_str())
        .bind(&details.data_source)
        .bind(checkpoints_to_text(&details.checkpoints))
        .bind(time::to_text(time::now()))
        .execute(&self.pool)
        .await
        .map_err(StoreError::on_write("kpi"))?;
        if result.rows_affected() == 0 {
            return Err(StoreError::not_found("kpi", id));
        }
        self.kpi(id)
            .await?
            .ok_or_else(|| StoreError::not_found("kpi", id))
    }

    /// One KPI.
    pub async fn kpi(&self, id: &str) -> Result<Option<Kpi>, StoreError> {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {KPI_COLUMNS} FROM kpis WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .as_ref()
        .map(kpi_from_row)
        .transpose()
    }

    /// A cohort's register, oldest first (KPIs added in the same second in id order).
    pub async fn kpis_for_cohort(&self, cohort_id: &str) -> Result<Vec<Kpi>, StoreError> {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {KPI_COLUMNS} FROM kpis WHERE cohort_id = $1 ORDER BY created_at, id"
        )))
        .bind(cohort_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(kpi_from_row)
        .collect()
    }

    /// Records the value at a checkpoint; recording the same checkpoint again replaces the
    /// value and its evidence (the register shows one figure per checkpoint).
    pub async fn record_kpi_measurement(
        &self,
        new: &NewKpiMeasurement,
    ) -> Result<KpiMeasurement, StoreError> {
        let mut tx = self.begin_write().await?;
        let exists = sqlx::query("SELECT 1 FROM kpis WHERE id = $1")
            .bind(&new.kpi_id)
            .fetch_optional(&mut *tx)
            .await?
            .is_some();
        if !exists {
            return Err(StoreError::not_found("kpi", &new.kpi_id));
        }
        sqlx::query(
            "INSERT INTO kpi_measurements (id, kpi_id, checkpoint_month, value, recorded_on, \
             evidence_note, evidence_url, recorded_by, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
             ON CONFLICT (kpi_id, checkpoint_month) DO UPDATE SET value = excluded.value, \
             recorded_on = excluded.recorded_on, evidence_note = excluded.evidence_note, \
             evidence_url = excluded.evidence_url, recorded_by = excluded.recorded_by, \
             recorded_at = excluded.recorded_at",
        )
        .bind(time::new_id())
        .bind(&new.kpi_id)
        .bind(i64::from(new.checkpoint_month))
        .bind(figure_to_text(new.value))
        .bind(new.recorded_on.format("%Y-%m-%d").to_string())
        .bind(&new.evidence_note)
        .bind(&new.evidence_url)
        .bind(&new.recorded_by)
        .bind(time::to_text(time::now()))
        .execute(&mut *tx)
        .await
        .map_err(StoreError::on_write("kpi measurement"))?;
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {MEASUREMENT_COLUMNS} FROM kpi_measurements m \
             WHERE m.kpi_id = $1 AND m.checkpoint_month = $2"
        )))
        .bind(&new.kpi_id)
        .bind(i64::from(new.checkpoint_month))
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        measurement_from_row(&row)
    }

    /// Every measurement of a cohort's KPIs, by KPI then checkpoint: one query for the whole
    /// register page.
    pub async fn kpi_measurements_for_cohort(
        &self,
        cohort_id: &str,
    ) -> Result<Vec<KpiMeasurement>, StoreError> {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {MEASUREMENT_COLUMNS} FROM kpi_measurements m JOIN kpis k ON k.id = m.kpi_id \
             WHERE k.cohort_id = $1 ORDER BY m.kpi_id, m.checkpoint_month"
        )))
        .bind(cohort_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(measurement_from_row)
        .collect()
    }
}
