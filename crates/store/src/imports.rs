//! Bulk import bookkeeping. Each row carries an idempotency key and its own state, committed
//! together with the credential it produced, so an import killed at any instant resumes
//! without losing or duplicating a credential.

use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::{Any, Row as _, Transaction};

use crate::{Store, StoreError, time};

/// Where an import job is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportJobState {
    /// Rows recorded, nothing issued yet.
    Pending,
    /// Issuing (or interrupted while issuing: resume by issuing its pending rows).
    Running,
    /// Every row is issued, skipped or failed.
    Completed,
    /// Stopped for a reason outside the rows (e.g. the issuer key could not be opened).
    Failed,
}

impl ImportJobState {
    /// The spelling stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ImportJobState::Pending => "pending",
            ImportJobState::Running => "running",
            ImportJobState::Completed => "completed",
            ImportJobState::Failed => "failed",
        }
    }

    fn parse(text: &str) -> Result<ImportJobState, StoreError> {
        match text {
            "pending" => Ok(ImportJobState::Pending),
            "running" => Ok(ImportJobState::Running),
            "completed" => Ok(ImportJobState::Completed),
            "failed" => Ok(ImportJobState::Failed),
            other => Err(StoreError::corrupt(
                "import_jobs",
                "state",
                format!("unknown state {other:?}"),
            )),
        }
    }
}

/// Where one row of an import is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportRowState {
    /// Not yet issued.
    Pending,
    /// This job issued its credential.
    Issued,
    /// Its idempotency key had already produced a credential (an earlier run of the same
    /// file); that credential is linked, and no new one was made.
    Skipped,
    /// Issuing failed; `error` says why.
    Failed,
}

impl ImportRowState {
    /// The spelling stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ImportRowState::Pending => "pending",
            ImportRowState::Issued => "issued",
            ImportRowState::Skipped => "skipped",
            ImportRowState::Failed => "failed",
        }
    }

    fn parse(text: &str) -> Result<ImportRowState, StoreError> {
        match text {
            "pending" => Ok(ImportRowState::Pending),
            "issued" => Ok(ImportRowState::Issued),
            "skipped" => Ok(ImportRowState::Skipped),
            "failed" => Ok(ImportRowState::Failed),
            other => Err(StoreError::corrupt(
                "import_rows",
                "state",
                format!("unknown state {other:?}"),
            )),
        }
    }
}

/// A stored import job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportJob {
    /// UUID.
    pub id: String,
    /// The issuer whose credentials the file asks for.
    pub issuer_id: String,
    /// The uploaded file's name, for display.
    pub file_name: String,
    /// Hash of the file's bytes, to recognise the same file uploaded again.
    pub file_hash: String,
    /// Where the job is.
    pub state: ImportJobState,
    /// Number of rows recorded.
    pub total_rows: i64,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When its state last changed.
    pub updated_at: DateTime<Utc>,
}

/// A row to record in a new job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewImportRow {
    /// 1-based row number in the file (as shown to the user).
    pub row_number: i64,
    /// Stable across uploads of the same row (e.g. a hash of issuer, achievement and
    /// recipient identifier), so re-running the file issues nothing twice.
    pub idempotency_key: String,
}

/// A stored import row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    /// The job.
    pub job_id: String,
    /// 1-based row number in the file.
    pub row_number: i64,
    /// The key its credential is issued under.
    pub idempotency_key: String,
    /// Where it is.
    pub state: ImportRowState,
    /// The credential issued or found, once there is one.
    pub credential_id: Option<String>,
    /// Why it failed.
    pub error: Option<String>,
}

/// Row counts by state, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportProgress {
    /// All rows.
    pub total: i64,
    /// Not yet done.
    pub pending: i64,
    /// Issued by this job.
    pub issued: i64,
    /// Already issued before.
    pub skipped: i64,
    /// Failed.
    pub failed: i64,
}

fn job_from_row(row: &AnyRow) -> Result<ImportJob, StoreError> {
    Ok(ImportJob {
        id: row.try_get("id")?,
        issuer_id: row.try_get("issuer_id")?,
        file_name: row.try_get("file_name")?,
        file_hash: row.try_get("file_hash")?,
        state: ImportJobState::parse(&row.try_get::<String, _>("state")?)?,
        total_rows: row.try_get("total_rows")?,
        created_at: time::from_text(
            &row.try_get::<String, _>("created_at")?,
            "import_jobs",
            "created_at",
        )?,
        updated_at: time::from_text(
            &row.try_get::<String, _>("updated_at")?,
            "import_jobs",
            "updated_at",
        )?,
    })
}

fn row_from_row(row: &AnyRow) -> Result<ImportRow, StoreError> {
    Ok(ImportRow {
        job_id: row.try_get("job_id")?,
        row_number: row.try_get("row_number")?,
        idempotency_key: row.try_get("idempotency_key")?,
        state: ImportRowState::parse(&row.try_get::<String, _>("state")?)?,
        credential_id: row.try_get("credential_id")?,
        error: row.try_get("error")?,
    })
}

const JOB_COLUMNS: &str =
    "id, issuer_id, file_name, file_hash, state, total_rows, created_at, updated_at";
const ROW_COLUMNS: &str = "job_id, row_number, idempotency_key, state, credential_id, error";

/// Records the outcome of a row inside the caller's transaction (the one that stored the
/// credential), so the row and its credential are committed together.
pub(crate) async fn mark_row(
    tx: &mut Transaction<'static, Any>,
    job_id: &str,
    row_number: i64,
    state: &str,
    credential_id: &str,
) -> Result<(), StoreError> {
    let updated = sqlx::query(
        "UPDATE import_rows SET state = $1, credential_id = $2, error = NULL \
         WHERE job_id = $3 AND row_number = $4",
    )
    .bind(state)
    .bind(credential_id)
    .bind(job_id)
    .bind(row_number)
    .execute(&mut **tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(StoreError::not_found(
            "import row",
            format!("{job_id} row {row_number}"),
        ));
    }
    Ok(())
}

impl Store {
    /// Records a job and all its rows (state pending) in one transaction.
    pub async fn create_import_job(
        &self,
        issuer_id: &str,
        file_name: &str,
        file_hash: &str,
        rows: &[NewImportRow],
    ) -> Result<ImportJob, StoreError> {
        let now = time::truncate(time::now());
        let job = ImportJob {
            id: time::new_id(),
            issuer_id: issuer_id.to_owned(),
            file_name: file_name.to_owned(),
            file_hash: file_hash.to_owned(),
            state: ImportJobState::Pending,
            total_rows: i64::try_from(rows.len()).unwrap_or(i64::MAX),
            created_at: now,
            updated_at: now,
        };
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO import_jobs (id, issuer_id, file_name, file_hash, state, total_rows, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
        )
        .bind(&job.id)
        .bind(&job.issuer_id)
        .bind(&job.file_name)
        .bind(&job.file_hash)
        .bind(job.state.as_str())
        .bind(job.total_rows)
        .bind(time::to_text(now))
        .execute(&mut *tx)
        .await
        .map_err(StoreError::on_write("import job"))?;
        for row in rows {
            sqlx::query(
                "INSERT INTO import_rows (job_id, row_number, idempotency_key, state) \
                 VALUES ($1, $2, $3, 'pending')",
            )
            .bind(&job.id)
            .bind(row.row_number)
            .bind(&row.idempotency_key)
            .execute(&mut *tx)
            .await
            .map_err(StoreError::on_write("import row"))?;
        }
        tx.commit().await?;
        Ok(job)
    }

    /// Looks up a job by id.
    pub async fn import_job(&self, id: &str) -> Result<ImportJob, StoreError> {
        let sql = format!("SELECT {JOB_COLUMNS} FROM import_jobs WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::not_found("import job", id))?;
        job_from_row(&row)
    }

    /// The most recent jobs of every issuer, newest first, whoever started them (web or CLI).
    pub async fn recent_import_jobs(&self, limit: u32) -> Result<Vec<ImportJob>, StoreError> {
        let sql =
            format!("SELECT {JOB_COLUMNS} FROM import_jobs ORDER BY created_at DESC, id LIMIT $1");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(job_from_row)
            .collect()
    }

    /// Earlier jobs of the same file for an issuer, newest first: lets the UI offer to resume
    /// an interrupted job instead of starting a new one.
    pub async fn import_jobs_for_file(
        &self,
        issuer_id: &str,
        file_hash: &str,
    ) -> Result<Vec<ImportJob>, StoreError> {
        let sql = format!(
            "SELECT {JOB_COLUMNS} FROM import_jobs WHERE issuer_id = $1 AND file_hash = $2 \
             ORDER BY created_at DESC, id"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(issuer_id)
            .bind(file_hash)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(job_from_row)
            .collect()
    }

    /// Moves a job to `state`.
    pub async fn set_import_job_state(
        &self,
        id: &str,
        state: ImportJobState,
    ) -> Result<(), StoreError> {
        let updated =
            sqlx::query("UPDATE import_jobs SET state = $1, updated_at = $2 WHERE id = $3")
                .bind(state.as_str())
                .bind(time::to_text(time::now()))
                .bind(id)
                .execute(&self.pool)
                .await?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::not_found("import job", id));
        }
        Ok(())
    }

    /// A job's rows in file order; only the pending ones when `pending_only`.
    pub async fn import_rows(
        &self,
        job_id: &str,
        pending_only: bool,
    ) -> Result<Vec<ImportRow>, StoreError> {
        let filter = if pending_only {
            " AND state = 'pending'"
        } else {
            ""
        };
        let sql = format!(
            "SELECT {ROW_COLUMNS} FROM import_rows WHERE job_id = $1{filter} ORDER BY row_number"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(job_id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(row_from_row)
            .collect()
    }

    /// Marks a row failed with the reason shown to the user.
    pub async fn fail_import_row(
        &self,
        job_id: &str,
        row_number: i64,
        error: &str,
    ) -> Result<(), StoreError> {
        let updated = sqlx::query(
            "UPDATE import_rows SET state = 'failed', error = $1 \
             WHERE job_id = $2 AND row_number = $3",
        )
        .bind(error)
        .bind(job_id)
        .bind(row_number)
        .execute(&self.pool)
        .await?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::not_found(
                "import row",
                format!("{job_id} row {row_number}"),
            ));
        }
        Ok(())
    }

    /// Row counts by state.
    pub async fn import_progress(&self, job_id: &str) -> Result<ImportProgress, StoreError> {
        let rows = sqlx::query(
            "SELECT state, COUNT(*) AS n FROM import_rows WHERE job_id = $1 GROUP BY state",
        )
        .bind(job_id)
        .fetch_all(&self.pool)
        .await?;
        let mut progress = ImportProgress::default();
        for row in rows {
            let count: i64 = row.try_get("n")?;
            progress.total += count;
            match ImportRowState::parse(&row.try_get::<String, _>("state")?)? {
                ImportRowState::Pending => progress.pending = count,
                ImportRowState::Issued => progress.issued = count,
                ImportRowState::Skipped => progress.skipped = count,
                ImportRowState::Failed => progress.failed = count,
            }
        }
        Ok(progress)
    }
}
