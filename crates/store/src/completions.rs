//! Module completions: which participant finished which module of their programme's design.
//!
//! One row per participant and module (the primary key), so recording a completion twice —
//! a double submit, a bulk form re-sent for a phase — changes nothing.

use chrono::{DateTime, Utc};
use sqlx::Row as _;
use sqlx::any::AnyRow;

use crate::programmes::require_row;
use crate::{Store, StoreError, time};

/// A recorded completion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleCompletion {
    /// Who completed.
    pub participant_id: String,
    /// The module's stable id in the programme design.
    pub module_id: String,
    /// When it was first recorded as completed.
    pub completed_at: DateTime<Utc>,
    /// The staff account that recorded it.
    pub recorded_by: Option<String>,
}

fn completion_from_row(row: &AnyRow) -> Result<ModuleCompletion, StoreError> {
    Ok(ModuleCompletion {
        participant_id: row.try_get("participant_id")?,
        module_id: row.try_get("module_id")?,
        completed_at: time::from_text(
            &row.try_get::<String, _>("completed_at")?,
            "module_completions",
            "completed_at",
        )?,
        recorded_by: row.try_get("recorded_by")?,
    })
}

impl Store {
    /// Records that a participant completed a module. Returns `true` when this call recorded
    /// it and `false` when it was already recorded (the first record is kept).
    pub async fn record_completion(
        &self,
        participant_id: &str,
        module_id: &str,
        completed_at: DateTime<Utc>,
        recorded_by: Option<&str>,
    ) -> Result<bool, StoreError> {
        let mut tx = self.begin_write().await?;
        require_row(&mut tx, "participants", "participant", participant_id).await?;
        let inserted = sqlx::query(
            "INSERT INTO module_completions (participant_id, module_id, completed_at, \
             recorded_by) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        )
        .bind(participant_id)
        .bind(module_id)
        .bind(time::to_text(completed_at))
        .bind(recorded_by)
        .execute(&mut *tx)
        .await
        .map_err(StoreError::on_write("module completion"))?
        .rows_affected();
        tx.commit().await?;
        Ok(inserted > 0)
    }

    /// Every completion of a cohort's participants.
    pub async fn cohort_completions(
        &self,
        cohort_id: &str,
    ) -> Result<Vec<ModuleCompletion>, StoreError> {
        sqlx::query(
            "SELECT m.participant_id, m.module_id, m.completed_at, m.recorded_by \
             FROM module_completions m JOIN participants p ON p.id = m.participant_id \
             WHERE p.cohort_id = $1 ORDER BY m.completed_at, m.participant_id, m.module_id",
        )
        .bind(cohort_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(completion_from_row)
        .collect()
    }

    /// One participant's completions.
    pub async fn participant_completions(
        &self,
        participant_id: &str,
    ) -> Result<Vec<ModuleCompletion>, StoreError> {
        sqlx::query(
            "SELECT participant_id, module_id, completed_at, recorded_by \
             FROM module_completions WHERE participant_id = $1 ORDER BY completed_at, module_id",
        )
        .bind(participant_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(completion_from_row)
        .collect()
    }
}
