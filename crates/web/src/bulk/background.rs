//! Runs confirmed imports in background tasks, once each.
//!
//! Why a claim set: the store moves a job's state without a compare-and-set, so two confirm
//! POSTs (a double click, a browser retry) could both see "pending" and start two runs. Both
//! would be safe — every row's idempotency key allows one credential — but each would count
//! the other's rows as skipped. A job id is claimed in this process before its state is read
//! and released only after the run has marked the job completed, so a second confirm either
//! finds the claim or finds the job completed. (A CLI run of the same file in another process
//! is kept safe by the idempotency keys alone.)

use std::collections::HashSet;
use std::sync::{LazyLock, Mutex};

use tsumiki_store::{ImportJob, ImportJobState};

use crate::bulk::{plan_file, run_import_job, spool};
use crate::{AppState, WebError};

static CLAIMED: LazyLock<Mutex<HashSet<String>>> = LazyLock::new(Mutex::default);

/// A job id held by one run; released on drop (also when the task panics).
struct Claim(String);

impl Claim {
    fn take(job_id: &str) -> Option<Claim> {
        let mut claimed = CLAIMED.lock().ok()?;
        claimed
            .insert(job_id.to_owned())
            .then(|| Claim(job_id.to_owned()))
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        if let Ok(mut claimed) = CLAIMED.lock() {
            claimed.remove(&self.0);
        }
    }
}

/// Whether a run of `job_id` is under way in this process.
pub fn is_running_here(job_id: &str) -> bool {
    CLAIMED
        .lock()
        .map(|claimed| claimed.contains(job_id))
        .unwrap_or(false)
}

/// Starts the job in a background task unless it is already running here or has ended.
/// `Ok(true)` when this call started it. A job left "running" by a crash is resumed.
pub async fn start(state: &AppState, job_id: &str) -> Result<bool, WebError> {
    let Some(claim) = Claim::take(job_id) else {
        return Ok(false);
    };
    let job = state.store.import_job(job_id).await?;
    if !matches!(job.state, ImportJobState::Pending | ImportJobState::Running) {
        return Ok(false);
    }
    let state = state.clone();
    tokio::spawn(async move {
        let _claim = claim;
        run(&state, &job).await;
    });
    Ok(true)
}

/// Resumes the spooled jobs a crash or kill left "running"; returns how many were started.
/// Failures are logged: a server must start even if one import cannot be resumed.
pub async fn resume_interrupted(state: &AppState) -> usize {
    let mut started = 0;
    for job_id in spool::job_ids() {
        match state.store.import_job(&job_id).await {
            Ok(job) if job.state == ImportJobState::Running => match start(state, &job_id).await {
                Ok(true) => started += 1,
                Ok(false) => {}
                Err(error) => eprintln!("tsumiki-web: resuming import {job_id}: {error}"),
            },
            // Another store's job (tests share the process), or not interrupted.
            _ => {}
        }
    }
    started
}

async fn run(state: &AppState, job: &ImportJob) {
    match run_spooled(state, job).await {
        Ok(()) => spool::release(&job.id),
        Err(error) => {
            eprintln!("tsumiki-web: import {} stopped: {error}", job.id);
            if let Err(error) = state
                .store
                .set_import_job_state(&job.id, ImportJobState::Failed)
                .await
            {
                eprintln!("tsumiki-web: import {}: {error}", job.id);
            }
        }
    }
}

async fn run_spooled(state: &AppState, job: &ImportJob) -> Result<(), WebError> {
    let upload = spool::get(&job.id)
        .ok_or_else(|| WebError::Internal("the uploaded file is no longer kept".into()))?;
    let bytes = upload
        .bytes
        .ok_or_else(|| WebError::Internal("the uploaded file was released".into()))?;
    let issuer = state.store.issuer(&job.issuer_id).await?;
    let plan = plan_file(&state.store, &issuer, &bytes, upload.sheet.as_deref())
        .await
        .map_err(|error| WebError::Internal(format!("re-planning the file: {error}")))?;
    run_import_job(state, &job.id, &plan, upload.lang, |_| {}).await?;
    Ok(())
}
