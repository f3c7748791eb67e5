//! Bulk issuance: the one implementation behind `tsumiki import` and the `/imports` pages.
//!
//! The file is planned by the pure `tsumiki-import` crate; every ready row is recorded in an
//! import job; [`run_import_job`] then issues each pending row through
//! [`crate::issuing::issue`], which commits the credential and the row's state together. A
//! run killed at any instant therefore resumes by issuing the rows still pending, and the
//! row's idempotency key stops a second credential in any case.
//!
//! The store records only row numbers and keys, not the rows' values, so a run needs the plan
//! again: the CLI re-reads its file, the web keeps the upload in the [`spool`].

pub mod background;
mod recipient;
pub mod spool;

use std::collections::HashMap;

use chrono::{DateTime, NaiveTime, Utc};
use sha2::{Digest as _, Sha256};
use tsumiki_i18n::Lang;
use tsumiki_import::{AchievementCatalog, FileFormat, ImportError, ImportPlan, IssuedOn};
use tsumiki_import::{PlanOptions, PlannedRow};
use tsumiki_store::{ImportJob, ImportJobState, ImportProgress, Issuer, NewImportRow, Store};

use crate::issuing::{IssueRequest, RecipientChoice, issue};
use crate::{AppState, WebError};

/// Why a file could not be planned: the file itself (shown to the person who sent it) or
/// the store.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    /// The file as a whole cannot be read; its message is bilingual.
    #[error("{0}")]
    File(#[from] ImportError),
    /// Reading the achievements failed.
    #[error(transparent)]
    Web(#[from] WebError),
}

/// Hex SHA-256 of the file: how a re-upload of the same file is recognised.
pub fn file_hash(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The dry run of `bytes` for `issuer`: its achievements form the catalog, today is the
/// server's (UTC) today. The CLI and the web see exactly the same plan.
pub async fn plan_file(
    store: &Store,
    issuer: &Issuer,
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<ImportPlan, PlanError> {
    let achievements = store
        .achievements(&issuer.id)
        .await
        .map_err(WebError::from)?;
    let mut catalog = AchievementCatalog::new();
    for achievement in &achievements {
        catalog.add(&achievement.id, None);
    }
    let mut options = PlanOptions::new(&issuer.id, &catalog);
    options.today = Some(Utc::now().date_naive());
    Ok(tsumiki_import::plan_import(
        bytes,
        FileFormat::Auto,
        sheet,
        None,
        &options,
    )?)
}

/// The rows of `plan` as a job records them.
pub fn job_rows(plan: &ImportPlan) -> Result<Vec<NewImportRow>, WebError> {
    plan.rows
        .iter()
        .map(|planned| {
            Ok(NewImportRow {
                row_number: row_number(planned).map_err(WebError::BadRequest)?,
                idempotency_key: planned.idempotency_key.clone(),
            })
        })
        .collect()
}

/// The newest job of the same file for the issuer (resume), else a new one with every ready
/// row pending. This is the CLI's rule: one job per file, re-runs finish it.
pub async fn find_or_create_job(
    store: &Store,
    issuer: &Issuer,
    file_name: &str,
    bytes: &[u8],
    plan: &ImportPlan,
) -> Result<ImportJob, WebError> {
    let file_hash = file_hash(bytes);
    let existing = store.import_jobs_for_file(&issuer.id, &file_hash).await?;
    if let Some(job) = existing.into_iter().next() {
        return Ok(job);
    }
    let rows = job_rows(plan)?;
    Ok(store
        .create_import_job(&issuer.id, file_name, &file_hash, &rows)
        .await?)
}

/// Where a run is, handed to the caller's progress callback before the first row and after
/// every row.
#[derive(Debug, Clone, Copy)]
pub struct ImportStep<'a> {
    /// Counts over the whole job (rows an earlier run finished included).
    pub counts: ImportProgress,
    /// The row just finished; `None` for the call before the first row.
    pub row_number: Option<i64>,
    /// Why that row failed, when it did.
    pub failure: Option<&'a str>,
}

/// What a run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOutcome {
    /// Counts over the whole job once the run ended.
    pub counts: ImportProgress,
    /// Credentials this run signed.
    pub newly_issued: i64,
}

/// Issues every pending row of job `job_id` from `plan` (the plan of the job's file), then
/// marks the job completed. `lang` is the language of the failure reasons recorded on rows
/// (the issuing service's own reasons are technical and stay English). An error means the
/// job itself could not go on (store failure); a row that cannot be issued is recorded as
/// failed and the run continues.
pub async fn run_import_job(
    state: &AppState,
    job_id: &str,
    plan: &ImportPlan,
    lang: Lang,
    progress: impl Fn(ImportStep<'_>),
) -> Result<ImportOutcome, WebError> {
    let job = state.store.import_job(job_id).await?;
    let issuer = state.store.issuer(&job.issuer_id).await?;
    let by_row: HashMap<i64, &PlannedRow> = plan
        .rows
        .iter()
        .filter_map(|row| i64::try_from(row.row).ok().map(|number| (number, row)))
        .collect();
    let mut counts = state.store.import_progress(job_id).await?;
    let pending = state.store.import_rows(job_id, true).await?;
    state
        .store
        .set_import_job_state(job_id, ImportJobState::Running)
        .await?;
    progress(ImportStep {
        counts,
        row_number: None,
        failure: None,
    });
    let mut newly_issued = 0;
    for row in &pending {
        let outcome = match by_row.get(&row.row_number) {
            Some(planned) if planned.idempotency_key == row.idempotency_key => {
                issue_row(state, &issuer, job_id, planned).await
            }
            _ => Err(tsumiki_i18n::t(lang, "bulk-row-not-planned", &[])),
        };
        counts.pending -= 1;
        let failure = match outcome {
            Ok(true) => {
                counts.issued += 1;
                newly_issued += 1;
                None
            }
            Ok(false) => {
                counts.skipped += 1;
                None
            }
            Err(reason) => {
                counts.failed += 1;
                state
                    .store
                    .fail_import_row(job_id, row.row_number, &reason)
                    .await?;
                Some(reason)
            }
        };
        progress(ImportStep {
            counts,
            row_number: Some(row.row_number),
            failure: failure.as_deref(),
        });
    }
    state
        .store
        .set_import_job_state(job_id, ImportJobState::Completed)
        .await?;
    Ok(ImportOutcome {
        counts: state.store.import_progress(job_id).await?,
        newly_issued,
    })
}

/// Issues one row; `Ok(false)` when its key had already produced a credential. The error is
/// the reason recorded on the row.
async fn issue_row(
    state: &AppState,
    issuer: &Issuer,
    job_id: &str,
    planned: &PlannedRow,
) -> Result<bool, String> {
    let recipient_id = recipient::find_or_create(&state.store, planned)
        .await
        .map_err(|error| error.to_string())?;
    let recipient = match (&planned.did, planned.emails.first()) {
        (Some(_), _) => RecipientChoice::Did,
        (None, Some(email)) => RecipientChoice::Email(email.clone()),
        (None, None) => RecipientChoice::Auto,
    };
    let request = IssueRequest {
        issuer_id: issuer.id.clone(),
        achievement_id: planned.achievement_id.clone(),
        recipient_id,
        recipient,
        idempotency_key: planned.idempotency_key.clone(),
        issued_at: issued_at(planned.issued_on),
        lang: Lang::Ja,
        import_row: Some((job_id.to_owned(), row_number(planned)?)),
    };
    issue(state, request)
        .await
        .map(|issued| issued.newly_issued)
        .map_err(|error| error.to_string())
}

fn row_number(planned: &PlannedRow) -> Result<i64, String> {
    i64::try_from(planned.row).map_err(|_| format!("row number {} is too large", planned.row))
}

/// A bare date means the start of that day in UTC; no date means now.
fn issued_at(issued_on: Option<IssuedOn>) -> DateTime<Utc> {
    match issued_on {
        Some(IssuedOn::Instant(instant)) => instant,
        Some(IssuedOn::Date(date)) => date.and_time(NaiveTime::MIN).and_utc(),
        None => Utc::now(),
    }
}
