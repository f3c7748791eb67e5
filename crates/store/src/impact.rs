//! A programme's logic model, a cohort's ROI settings and its intangible benefits: the
//! impact records that are neither KPIs ([`crate::Kpi`]) nor money ([`crate::CostEntry`]).

use chrono::{DateTime, Utc};
use sqlx::Row as _;
use sqlx::any::AnyRow;

use crate::{Store, StoreError, time};

/// The currency of a cohort that has no settings row yet: the platform serves Japanese
/// sponsors first.
pub const DEFAULT_CURRENCY: &str = "JPY";

/// How a cohort's ROI is counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CohortImpactSettings {
    /// The cohort.
    pub cohort_id: String,
    /// ISO 4217 code of every amount in the cohort's ledger and claims.
    pub currency: String,
    /// Years of annual benefit that count (1–3). Phillips counts only the first year for a
    /// short programme; the sponsor may argue for longer, and the sensitivity table shows both.
    pub horizon_years: u8,
}

impl CohortImpactSettings {
    /// JPY, one year.
    pub fn defaults(cohort_id: &str) -> CohortImpactSettings {
        CohortImpactSettings {
            cohort_id: cohort_id.to_owned(),
            currency: DEFAULT_CURRENCY.to_owned(),
            horizon_years: 1,
        }
    }
}

/// The five columns of a logic model, from what goes in to what changes in the world.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LogicModelStage {
    /// Money, people, time, materials.
    Inputs,
    /// What the programme does (sessions, coaching, projects).
    Activities,
    /// What it produces directly (hours taught, projects delivered).
    Outputs,
    /// What changes for participants and their teams.
    Outcomes,
    /// What changes for the organisation and beyond.
    Impact,
}

impl LogicModelStage {
    /// Every stage, left to right.
    pub const ALL: [LogicModelStage; 5] = [
        LogicModelStage::Inputs,
        LogicModelStage::Activities,
        LogicModelStage::Outputs,
        LogicModelStage::Outcomes,
        LogicModelStage::Impact,
    ];

    /// The spelling stored in the database and used in forms.
    pub fn as_str(self) -> &'static str {
        match self {
            LogicModelStage::Inputs => "inputs",
            LogicModelStage::Activities => "activities",
            LogicModelStage::Outputs => "outputs",
            LogicModelStage::Outcomes => "outcomes",
            LogicModelStage::Impact => "impact",
        }
    }

    /// The stage spelled `text`, if any.
    pub fn parse(text: &str) -> Option<LogicModelStage> {
        LogicModelStage::ALL
            .into_iter()
            .find(|stage| stage.as_str() == text)
    }
}

/// One bilingual line in a logic model column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogicModelEntry {
    /// Column.
    pub stage: LogicModelStage,
    /// Japanese text.
    pub text_ja: String,
    /// English text.
    pub text_en: String,
}

/// A programme's logic model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogicModel {
    /// The programme.
    pub programme_id: String,
    /// Entries by stage (left to right), each stage in the order they were given.
    pub entries: Vec<LogicModelEntry>,
    /// Who saved it last.
    pub updated_by: Option<String>,
    /// When it was saved last.
    pub updated_at: DateTime<Utc>,
}

/// A benefit reported apart from the money (trust across divisions, a network of peers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntangibleBenefit {
    /// UUID.
    pub id: String,
    /// The cohort.
    pub cohort_id: String,
    /// Japanese text.
    pub text_ja: String,
    /// English text.
    pub text_en: String,
    /// When it was recorded.
    pub created_at: DateTime<Utc>,
}

fn entry_from_row(row: &AnyRow) -> Result<LogicModelEntry, StoreError> {
    let stage: String = row.try_get("stage")?;
    Ok(LogicModelEntry {
        stage: LogicModelStage::parse(&stage).ok_or_else(|| {
            StoreError::corrupt("logic_model_entries", "stage", format!("unknown {stage:?}"))
        })?,
        text_ja: row.try_get("text_ja")?,
        text_en: row.try_get("text_en")?,
    })
}

fn intangible_from_row(row: &AnyRow) -> Result<IntangibleBenefit, StoreError> {
    Ok(IntangibleBenefit {
        id: row.try_get("id")?,
        cohort_id: row.try_get("cohort_id")?,
        text_ja: row.try_get("text_ja")?,
        text_en: row.try_get("text_en")?,
        created_at: time::from_text(
            &row.try_get::<String, _>("created_at")?,
            "intangible_benefits",
            "created_at",
        )?,
    })
}

impl Store {
    /// A cohort's ROI settings, or the defaults (JPY, one year) when none were saved.
    pub async fn cohort_impact_settings(
        &self,
        cohort_id: &str,
    ) -> Result<CohortImpactSettings, StoreError> {
        let row = sqlx::query(
            "SELECT currency, horizon_years FROM cohort_impact_settings WHERE cohort_id = $1",
        )
        .bind(cohort_id)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(CohortImpactSettings::defaults(cohort_id));
        };
        let horizon: i64 = row.try_get("horizon_years")?;
        Ok(CohortImpactSettings {
            cohort_id: cohort_id.to_owned(),
            currency: row.try_get("currency")?,
            horizon_years: u8::try_from(horizon).map_err(|_| {
                StoreError::corrupt(
                    "cohort_impact_settings",
                    "horizon_years",
                    horizon.to_string(),
                )
            })?,
        })
    }

    /// Saves a cohort's ROI settings. The schema refuses a horizon outside 1–3 years.
    pub async fn set_cohort_impact_settings(
        &self,
        settings: &CohortImpactSettings,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO cohort_impact_settings (cohort_id, currency, horizon_years, updated_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (cohort_id) DO UPDATE SET \
             currency = excluded.currency, horizon_years = excluded.horizon_years, \
             updated_at = excluded.updated_at",
        )
        .bind(&settings.cohort_id)
        .bind(&settings.currency)
        .bind(i64::from(settings.horizon_years))
        .bind(time::to_text(time::now()))
        .execute(&self.pool)
        .await
        .map_err(StoreError::on_write("cohort impact settings"))?;
        Ok(())
    }

    /// A programme's logic model, if one was ever saved.
    pub async fn logic_model(&self, programme_id: &str) -> Result<Option<LogicModel>, StoreError> {
        let Some(head) =
            sqlx::query("SELECT updated_by, updated_at FROM logic_models WHERE programme_id = $1")
                .bind(programme_id)
                .fetch_optional(&self.pool)
                .await?
        else {
            return Ok(None);
        };
        let rows = sqlx::query(
            "SELECT stage, text_ja, text_en, position FROM logic_model_entries \
             WHERE programme_id = $1 ORDER BY position",
        )
        .bind(programme_id)
        .fetch_all(&self.pool)
        .await?;
        let mut entries = rows
            .iter()
            .map(entry_from_row)
            .collect::<Result<Vec<_>, _>>()?;
        // Stable: positions stay in order within each stage.
        entries.sort_by_key(|entry| entry.stage);
        Ok(Some(LogicModel {
            programme_id: programme_id.to_owned(),
            entries,
            updated_by: head.try_get("updated_by")?,
            updated_at: time::from_text(
                &head.try_get::<String, _>("updated_at")?,
                "logic_models",
                "updated_at",
            )?,
        }))
    }

    /// Replaces a programme's logic model with `entries`, in one transaction: a reader sees
    /// the old model or the new one, never half of each.
    pub async fn save_logic_model(
        &self,
        programme_id: &str,
        entries: &[LogicModelEntry],
        updated_by: Option<&str>,
    ) -> Result<LogicModel, StoreError> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO logic_models (programme_id, updated_by, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (programme_id) DO UPDATE SET updated_by = excluded.updated_by, \
             updated_at = excluded.updated_at",
        )
        .bind(programme_id)
        .bind(updated_by)
        .bind(time::to_text(time::now()))
        .execute(&mut *tx)
        .await
        .map_err(StoreError::on_write("logic model"))?;
        sqlx::query("DELETE FROM logic_model_entries WHERE programme_id = $1")
            .bind(programme_id)
            .execute(&mut *tx)
            .await?;
        for (position, entry) in (0_i64..).zip(entries) {
            sqlx::query(
                "INSERT INTO logic_model_entries (id, programme_id, stage, position, text_ja, \
                 text_en) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(time::new_id())
            .bind(programme_id)
            .bind(entry.stage.as_str())
            .bind(position)
            .bind(&entry.text_ja)
            .bind(&entry.text_en)
            .execute(&mut *tx)
            .await
            .map_err(StoreError::on_write("logic model entry"))?;
        }
        tx.commit().await?;
        self.logic_model(programme_id)
            .await?
            .ok_or_else(|| StoreError::not_found("logic model", programme_id))
    }

    /// Records an intangible benefit of a cohort.
    pub async fn add_intangible_benefit(
        &self,
        cohort_id: &str,
        text_ja: &str,
        text_en: &str,
    ) -> Result<IntangibleBenefit, StoreError> {
        let benefit = IntangibleBenefit {
            id: time::new_id(),
            cohort_id: cohort_id.to_owned(),
            text_ja: text_ja.to_owned(),
            text_en: text_en.to_owned(),
            created_at: time::truncate(time::now()),
        };
        sqlx::query(
            "INSERT INTO intangible_benefits (id, cohort_id, text_ja, text_en, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&benefit.id)
        .bind(&benefit.cohort_id)
        .bind(&benefit.text_ja)
        .bind(&benefit.text_en)
        .bind(time::to_text(benefit.created_at))
        .execute(&self.pool)
        .await
        .map_err(StoreError::on_write("intangible benefit"))?;
        Ok(benefit)
    }

    /// A cohort's intangible benefits, oldest first (entries of the same second in id order).
    pub async fn intangible_benefits(
        &self,
        cohort_id: &str,
    ) -> Result<Vec<IntangibleBenefit>, StoreError> {
        sqlx::query(
            "SELECT id, cohort_id, text_ja, text_en, created_at FROM intangible_benefits \
             WHERE cohort_id = $1 ORDER BY created_at, id",
        )
        .bind(cohort_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(intangible_from_row)
        .collect()
    }

    /// Removes an intangible benefit of `cohort_id`.
    pub async fn delete_intangible_benefit(
        &self,
        cohort_id: &str,
        id: &str,
    ) -> Result<(), StoreError> {
        let result =
            sqlx::query("DELETE FROM intangible_benefits WHERE id = $1 AND cohort_id = $2")
                .bind(id)
                .bind(cohort_id)
                .execute(&self.pool)
                .await?;
        if result.rows_affected() == 0 {
            return Err(StoreError::not_found("intangible benefit", id));
        }
        Ok(())
    }
}
