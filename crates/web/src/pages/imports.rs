//! `/imports`: bulk issuance from a spreadsheet. Upload → dry run (findings per row, nothing
//! issued) → confirm → a background run whose page shows a progress bar until it is done.
//! The upload is kept server-side ([`crate::bulk::spool`]), so the confirm POST carries only
//! the job id, and a double-submitted confirm starts one run ([`crate::bulk::background`]).

use std::sync::Arc;

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use tsumiki_i18n::Lang;
use tsumiki_import::{ImportPlan, Severity};
use tsumiki_store::{ImportJob, ImportJobState, ImportProgress, ImportRowState, Issuer};

use crate::auth::{CsrfToken, CurrentUser, ISSUING_ROLES};
use crate::bulk::{PlanError, background, file_hash, job_rows, plan_file, spool};
use crate::i18n::{ReqLang, Tr};
use crate::pages::achievements::{Choice, issuer_choices, issuer_name};
use crate::pages::layout::{Chrome, page};
use crate::{AppState, WebError};

/// Body limit of the upload route: the import crate's file limit plus room for the form.
pub const UPLOAD_BODY_LIMIT: usize = tsumiki_import::Limits::DEFAULT_MAX_BYTES + 64 * 1024;
/// Rows listed on the dry-run and job pages (ready rows, failures, credential links); the
/// counts above the tables always cover them all.
const SHOWN_ROWS: usize = 1000;

/// One line of the jobs list.
struct JobLine {
    id: String,
    file_name: String,
    issuer: String,
    created_at: String,
    state_label: String,
    state_class: &'static str,
    counts: ImportProgress,
}

#[derive(Template)]
#[template(path = "imports.html")]
struct ListPage {
    tr: Tr,
    chrome: Chrome,
    jobs: Vec<JobLine>,
}

#[derive(Template)]
#[template(path = "imports_new.html")]
struct NewPage {
    tr: Tr,
    chrome: Chrome,
    csrf: String,
    issuers: Vec<Choice>,
    sheet: String,
    /// Why the last upload could not be planned, in the page's language.
    error: Option<String>,
}

/// A finding as the dry-run table shows it.
struct FindingLine {
    row: usize,
    column: String,
    is_error: bool,
    message: String,
}

/// A ready row as the dry-run table shows it.
struct RowLine {
    row: usize,
    recipient: String,
    achievement: String,
    already_issued: bool,
}

#[derive(Template)]
#[template(path = "imports_plan.html")]
struct PlanPage {
    tr: Tr,
    chrome: Chrome,
    csrf: String,
    file_name: String,
    issuer: String,
    plan: ImportPlan,
    findings: Vec<FindingLine>,
    rows: Vec<RowLine>,
    more_rows: usize,
    more_rows_label: String,
    new_rows: usize,
    confirm_label: String,
    already_rows: usize,
    /// The job the confirm button runs; `None` when there is nothing to issue.
    job_id: Option<String>,
    /// The same file is being issued right now.
    running_job: Option<String>,
}

/// A row that failed, for the job page.
struct FailureLine {
    row: i64,
    error: String,
}

/// A credential the job issued or found, for the job page.
struct CredentialLine {
    row: i64,
    href: String,
    skipped: bool,
}

#[derive(Template)]
#[template(path = "imports_job.html")]
struct JobPage {
    tr: Tr,
    chrome: Chrome,
    csrf: String,
    job: ImportJob,
    issuer: String,
    state_label: String,
    state_class: &'static str,
    counts: ImportProgress,
    done: i64,
    running: bool,
    can_start: bool,
    confirm_label: String,
    failures: Vec<FailureLine>,
    credentials: Vec<CredentialLine>,
}

fn state_label(lang: Lang, job: &ImportJob, running_here: bool) -> (String, &'static str) {
    let (id, class) = match job.state {
        ImportJobState::Pending if running_here => ("bulk-state-running", "warn"),
        ImportJobState::Pending => ("bulk-state-planned", ""),
        ImportJobState::Running if running_here => ("bulk-state-running", "warn"),
        ImportJobState::Running => ("bulk-state-interrupted", "bad"),
        ImportJobState::Completed => ("bulk-state-completed", "ok"),
        ImportJobState::Failed => ("bulk-state-failed", "bad"),
    };
    (tsumiki_i18n::t(lang, id, &[]), class)
}

fn count_label(lang: Lang, id: &str, count: usize) -> String {
    tsumiki_i18n::t(lang, id, &[("count", tsumiki_i18n::Arg::from(count))])
}

async fn issuer_label(state: &AppState, issuer_id: &str, lang: Lang) -> Result<String, WebError> {
    match state.store.issuer(issuer_id).await {
        Ok(issuer) => Ok(issuer_name(&issuer, lang)),
        Err(tsumiki_store::StoreError::NotFound { .. }) => Ok(issuer_id.to_owned()),
        Err(error) => Err(error.into()),
    }
}

/// How many jobs the list shows; older ones stay in the store.
const RECENT_JOBS: u32 = 100;

/// `GET /imports`: the most recent jobs, newest first.
pub async fn list(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, WebError> {
    user.require(ISSUING_ROLES)?;
    // Every job in the store, also those run with `tsumiki import`.
    let jobs = state.store.recent_import_jobs(RECENT_JOBS).await?;
    let mut lines = Vec::with_capacity(jobs.len());
    for job in jobs {
        let (state_label, state_class) =
            state_label(lang, &job, background::is_running_here(&job.id));
        lines.push(JobLine {
            counts: state.store.import_progress(&job.id).await?,
            issuer: issuer_label(&state, &job.issuer_id, lang).await?,
            created_at: job.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
            id: job.id,
            file_name: job.file_name,
            state_label,
            state_class,
        });
    }
    Ok(page(&ListPage {
        tr: Tr(lang),
        chrome: Chrome::new(lang, Some(&user), Some(&csrf), "/imports"),
        jobs: lines,
    })?
    .into_response())
}

async fn render_new(
    state: &AppState,
    lang: Lang,
    user: &CurrentUser,
    csrf: &str,
    upload: &UploadForm,
    error: Option<String>,
) -> Result<Response, WebError> {
    let issuers = state.store.issuers().await?;
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let body = page(&NewPage {
        tr: Tr(lang),
        chrome: Chrome::new(lang, Some(user), Some(csrf), "/imports/new"),
        csrf: csrf.to_owned(),
        issuers: issuer_choices(&issuers, lang, &upload.issuer_id),
        sheet: upload.sheet.clone().unwrap_or_default(),
        error,
    })?;
    Ok((status, body).into_response())
}

/// `GET /imports/new`: the upload form.
pub async fn new_form(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, WebError> {
    user.require(ISSUING_ROLES)?;
    render_new(&state, lang, &user, &csrf, &UploadForm::default(), None).await
}

/// The upload form as sent.
#[derive(Debug, Default)]
struct UploadForm {
    issuer_id: String,
    sheet: Option<String>,
    file_name: String,
    bytes: Vec<u8>,
}

/// Reads the multipart body; `Err` carries the message id of what was wrong.
async fn read_upload(mut multipart: Multipart) -> Result<UploadForm, &'static str> {
    let mut form = UploadForm::default();
    let mut has_file = false;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(_) => return Err("bulk-error-upload"),
        };
        let name = field.name().unwrap_or_default().to_owned();
        match name.as_str() {
            "file" => {
                form.file_name = field
                    .file_name()
                    .map(|name| name.rsplit(['/', '\\']).next().unwrap_or(name).to_owned())
                    .unwrap_or_default();
                form.bytes = field
                    .bytes()
                    .await
                    .map_err(|_| "bulk-error-upload")?
                    .to_vec();
                has_file = true;
            }
            "issuer_id" | "sheet" => {
                let text = field.text().await.map_err(|_| "bulk-error-upload")?;
                let text = text.trim().to_owned();
                if name == "sheet" {
                    form.sheet = (!text.is_empty()).then_some(text);
                } else {
                    form.issuer_id = text;
                }
            }
            // The CSRF token (checked by the middleware) and anything else.
            _ => {}
        }
    }
    if !has_file || (form.bytes.is_empty() && form.file_name.is_empty()) {
        return Err("bulk-error-no-file");
    }
    Ok(form)
}

/// `POST /imports`: the dry run. Nothing is issued; a plan without errors gets a job (state
/// "planned") whose confirm button starts the run.
pub async fn upload(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    multipart: Multipart,
) -> Result<Response, WebError> {
    user.require(ISSUING_ROLES)?;
    let form = match read_upload(multipart).await {
        Ok(form) => form,
        Err(message_id) => {
            let message = tsumiki_i18n::t(lang, message_id, &[]);
            return render_new(
                &state,
                lang,
                &user,
                &csrf,
                &UploadForm::default(),
                Some(message),
            )
            .await;
        }
    };
    let issuer = match state.store.issuer(&form.issuer_id).await {
        Ok(issuer) => issuer,
        Err(tsumiki_store::StoreError::NotFound { .. }) => {
            let message = tsumiki_i18n::t(lang, "bulk-error-issuer", &[]);
            return render_new(&state, lang, &user, &csrf, &form, Some(message)).await;
        }
        Err(error) => return Err(error.into()),
    };
    let plan = match plan_file(&state.store, &issuer, &form.bytes, form.sheet.as_deref()).await {
        Ok(plan) => plan,
        Err(PlanError::File(error)) => {
            let message = error.message(lang);
            return render_new(&state, lang, &user, &csrf, &form, Some(message)).await;
        }
        Err(PlanError::Web(error)) => return Err(error),
    };
    show_plan(&state, lang, &user, &csrf, &issuer, form, plan).await
}

async fn show_plan(
    state: &AppState,
    lang: Lang,
    user: &CurrentUser,
    csrf: &str,
    issuer: &Issuer,
    form: UploadForm,
    plan: ImportPlan,
) -> Result<Response, WebError> {
    let mut already = Vec::with_capacity(plan.rows.len());
    for planned in &plan.rows {
        already.push(
            state
                .store
                .credential_by_idempotency_key(&planned.idempotency_key)
                .await?
                .is_some(),
        );
    }
    let already_rows = already.iter().filter(|issued| **issued).count();
    let new_rows = plan.rows.len() - already_rows;
    let (job_id, running_job) = if plan.has_errors() {
        (None, None)
    } else {
        job_for_upload(state, issuer, &form, &plan, new_rows, lang).await?
    };
    let achievements = state.store.achievements(&issuer.id).await?;
    let achievement_label = |id: &str| {
        achievements
            .iter()
            .find(|achievement| achievement.id == id)
            .map_or_else(
                || id.to_owned(),
                |achievement| crate::pages::achievements::achievement_name(achievement, lang),
            )
    };
    let rows = plan
        .rows
        .iter()
        .zip(&already)
        .take(SHOWN_ROWS)
        .map(|(planned, already_issued)| RowLine {
            row: planned.row,
            recipient: planned
                .recipient_name
                .clone()
                .or_else(|| planned.emails.first().cloned())
                .or_else(|| planned.employee_number.clone())
                .or_else(|| planned.did.clone())
                .unwrap_or_default(),
            achievement: achievement_label(&planned.achievement_id),
            already_issued: *already_issued,
        })
        .collect();
    let findings = plan
        .findings
        .iter()
        .map(|finding| FindingLine {
            row: finding.row,
            column: match (&finding.column_letter, &finding.column) {
                (Some(letter), Some(header)) => format!("{letter} ({header})"),
                (Some(letter), None) => letter.clone(),
                _ => String::new(),
            },
            is_error: finding.severity == Severity::Error,
            message: finding.message.get(lang).to_owned(),
        })
        .collect();
    let status = if plan.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let body = page(&PlanPage {
        tr: Tr(lang),
        chrome: Chrome::new(lang, Some(user), Some(csrf), "/imports/new"),
        csrf: csrf.to_owned(),
        file_name: form.file_name,
        issuer: issuer_name(issuer, lang),
        findings,
        rows,
        more_rows: plan.rows.len().saturating_sub(SHOWN_ROWS),
        more_rows_label: count_label(
            lang,
            "bulk-more-rows",
            plan.rows.len().saturating_sub(SHOWN_ROWS),
        ),
        new_rows,
        confirm_label: count_label(lang, "bulk-confirm", new_rows),
        already_rows,
        job_id,
        running_job,
        plan,
    })?;
    Ok((status, body).into_response())
}

/// The job a clean plan is confirmed through, and a job of the same file that is running.
/// An unfinished job of the same file is reused (so re-uploading before confirming does not
/// pile up jobs); otherwise a new job is made when there is anything new to issue.
async fn job_for_upload(
    state: &AppState,
    issuer: &Issuer,
    form: &UploadForm,
    plan: &ImportPlan,
    new_rows: usize,
    lang: Lang,
) -> Result<(Option<String>, Option<String>), WebError> {
    let hash = file_hash(&form.bytes);
    let earlier = state.store.import_jobs_for_file(&issuer.id, &hash).await?;
    // Same bytes but another sheet of a workbook is another set of rows: not the same job.
    let same_sheet =
        |job: &ImportJob| spool::get(&job.id).is_none_or(|upload| upload.sheet == form.sheet);
    let unfinished = earlier.into_iter().find(|job| {
        matches!(job.state, ImportJobState::Pending | ImportJobState::Running) && same_sheet(job)
    });
    let job = match unfinished {
        Some(job) if background::is_running_here(&job.id) => return Ok((None, Some(job.id))),
        Some(job) => job,
        None if new_rows == 0 => return Ok((None, None)),
        None => {
            let rows = job_rows(plan)?;
            state
                .store
                .create_import_job(&issuer.id, &form.file_name, &hash, &rows)
                .await?
        }
    };
    let upload = spool::Upload {
        bytes: Some(Arc::new(form.bytes.clone())),
        sheet: form.sheet.clone(),
        lang,
    };
    if let Err(error) = spool::keep(&job.id, upload) {
        // The memory copy still lets this server run it; only a resume after a crash is lost.
        eprintln!("tsumiki-web: keeping import {} on disk: {error}", job.id);
    }
    Ok((Some(job.id), None))
}

/// `POST /imports/{id}/run`: starts the job (once) and shows its progress.
pub async fn run(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    user.require(ISSUING_ROLES)?;
    background::start(&state, &id).await?;
    Ok(Redirect::to(&format!("/imports/{id}")).into_response())
}

/// `GET /imports/{id}`: progress bar, counts and failures; refreshes itself while running.
pub async fn show(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    user.require(ISSUING_ROLES)?;
    let job = state.store.import_job(&id).await?;
    let running_here = background::is_running_here(&job.id);
    let counts = state.store.import_progress(&job.id).await?;
    let rows = state.store.import_rows(&job.id, false).await?;
    let failures = rows
        .iter()
        .filter(|row| row.state == ImportRowState::Failed)
        .take(SHOWN_ROWS)
        .map(|row| FailureLine {
            row: row.row_number,
            error: row.error.clone().unwrap_or_default(),
        })
        .collect();
    let credentials = rows
        .iter()
        .filter_map(|row| {
            let id = row.credential_id.as_deref()?;
            Some(CredentialLine {
                row: row.row_number,
                href: format!("/c/{}", id.trim_start_matches("urn:uuid:")),
                skipped: row.state == ImportRowState::Skipped,
            })
        })
        .take(SHOWN_ROWS)
        .collect();
    let (state_label, state_class) = state_label(lang, &job, running_here);
    let running = running_here;
    let can_start = !running_here
        && matches!(job.state, ImportJobState::Pending | ImportJobState::Running)
        && spool::get(&job.id).is_some_and(|upload| upload.bytes.is_some());
    let body = page(&JobPage {
        tr: Tr(lang),
        chrome: Chrome::new(lang, Some(&user), Some(&csrf), &format!("/imports/{id}")),
        csrf: csrf.clone(),
        issuer: issuer_label(&state, &job.issuer_id, lang).await?,
        done: counts.total - counts.pending,
        job,
        state_label,
        state_class,
        counts,
        running,
        can_start,
        confirm_label: count_label(
            lang,
            "bulk-confirm",
            usize::try_from(counts.pending).unwrap_or_default(),
        ),
        failures,
        credentials,
    })?;
    let mut response = body.into_response();
    if running {
        // The page's <meta refresh> sits in the body (the frame has no head block); the
        // header does the same for every browser.
        response
            .headers_mut()
            .insert("refresh", HeaderValue::from_static("2"));
    }
    Ok(response)
}
