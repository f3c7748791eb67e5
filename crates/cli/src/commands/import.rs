//! `tsumiki import`: bulk issuance from a spreadsheet, resumable after a crash.
//!
//! The file is planned by the pure `tsumiki-import` crate (the same plan the web dry run
//! shows); every ready row is recorded in an import job, then issued through
//! `tsumiki_web::issuing::issue`, which commits the credential and the row's state together.
//! Running the same file again finds the same job (issuer + file hash) and issues only what
//! is still pending, and the row's idempotency key stops a second credential in any case.

use std::collections::HashMap;
use std::io::IsTerminal as _;
use std::process::ExitCode;

use chrono::{DateTime, NaiveTime, Utc};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sha2::{Digest as _, Sha256};
use tsumiki_i18n::Lang as I18nLang;
use tsumiki_import::{
    AchievementCatalog, FileFormat, ImportPlan, IssuedOn, PlanOptions, PlannedRow, Severity,
};
use tsumiki_store::{
    IdentifierKind, ImportJob, ImportJobState, Issuer, NewImportRow, NewRecipient, Store,
};
use tsumiki_web::AppState;
use tsumiki_web::issuing::{IssueRequest, RecipientChoice, issue};

use crate::cli::{ImportArgs, Lang};
use crate::error::CliError;

/// The identifier kind an employee number is stored under.
const EMPLOYEE_KIND: &str = "employee_id";
/// DIDs are also stored as identifiers so that a DID-only row finds its person again.
const DID_KIND: &str = "did";

fn language(flag: Option<Lang>) -> I18nLang {
    match flag {
        Some(Lang::Ja) => I18nLang::Ja,
        Some(Lang::En) => I18nLang::En,
        None => {
            let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
                .unwrap_or_default();
            if locale.starts_with("ja") {
                I18nLang::Ja
            } else {
                I18nLang::En
            }
        }
    }
}

fn pick(lang: I18nLang, en: String, ja: String) -> String {
    match lang {
        I18nLang::Ja => ja,
        I18nLang::En => en,
    }
}

fn non_empty_env(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .filter(|value| !value.trim().is_empty())
}

fn failed(en: impl std::fmt::Display, ja: impl std::fmt::Display) -> CliError {
    CliError::input(en.to_string(), ja.to_string())
}

pub fn run(args: ImportArgs) -> Result<ExitCode, CliError> {
    let lang = language(args.lang);
    let bytes = std::fs::read(&args.file).map_err(|error| {
        failed(
            format!("cannot read {}: {error}", args.file.display()),
            format!("{} を読み込めません: {error}", args.file.display()),
        )
    })?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|error| {
            failed(
                format!("cannot start the async runtime: {error}"),
                format!("非同期ランタイムを起動できません: {error}"),
            )
        })?;
    runtime.block_on(run_async(args, lang, bytes))
}

async fn run_async(args: ImportArgs, lang: I18nLang, bytes: Vec<u8>) -> Result<ExitCode, CliError> {
    let (store, master_key) = tsumiki_web::config::open_data(
        &args.data,
        non_empty_env("DATABASE_URL").as_deref(),
        non_empty_env("TSUMIKI_MASTER_KEY").as_deref(),
    )
    .await
    .map_err(|error| {
        failed(
            format!("cannot open the data: {error}"),
            format!("データを開けません: {error}"),
        )
    })?;
    let issuer = store.issuer_by_slug(&args.issuer).await.map_err(|error| {
        failed(
            format!("issuer {:?}: {error}", args.issuer),
            format!("発行者 {:?} が見つかりません: {error}", args.issuer),
        )
    })?;
    let plan = plan_file(&store, &issuer, &bytes, args.sheet.as_deref()).await?;
    print_findings(&plan, lang);
    if args.dry_run || plan.has_errors() {
        if !args.dry_run {
            eprintln!(
                "{}",
                pick(
                    lang,
                    "nothing was issued: correct the rows with errors and run again".into(),
                    "何も発行していません: エラーのある行を修正して再実行してください".into(),
                )
            );
        }
        return Ok(if plan.has_errors() {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        });
    }
    let base_url = match &args.base_url {
        Some(url) => url.trim_end_matches('/').to_owned(),
        None => base_url_of(&issuer)?,
    };
    let file_name = args
        .file
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let job = find_or_create_job(&store, &issuer, &file_name, &bytes, &plan).await?;
    let state = AppState::new(store, master_key, &base_url);
    let summary = issue_pending(&state, &issuer, &job, &plan, lang).await?;
    state.store.close().await;
    println!(
        "{}",
        pick(
            lang,
            format!(
                "import {}: {} issued, {} skipped (already issued), {} failed; {} newly issued by this run",
                job.id, summary.issued, summary.skipped, summary.failed, summary.this_run
            ),
            format!(
                "インポート {}: 発行 {} 件、スキップ {} 件(発行済み)、失敗 {} 件、今回の新規発行 {} 件",
                job.id, summary.issued, summary.skipped, summary.failed, summary.this_run
            ),
        )
    );
    Ok(if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

async fn plan_file(
    store: &Store,
    issuer: &Issuer,
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<ImportPlan, CliError> {
    let achievements = store.achievements(&issuer.id).await.map_err(|error| {
        failed(
            format!("cannot read the achievements: {error}"),
            format!("実績を読み込めません: {error}"),
        )
    })?;
    let mut catalog = AchievementCatalog::new();
    for achievement in &achievements {
        catalog.add(&achievement.id, None);
    }
    let mut options = PlanOptions::new(&issuer.id, &catalog);
    options.today = Some(Utc::now().date_naive());
    tsumiki_import::plan_import(bytes, FileFormat::Auto, sheet, None, &options).map_err(|error| {
        failed(
            format!("the file cannot be imported: {error}"),
            format!("ファイルを取り込めません: {error}"),
        )
    })
}

fn print_findings(plan: &ImportPlan, lang: I18nLang) {
    for finding in &plan.findings {
        let severity = match (finding.severity, lang) {
            (Severity::Error, I18nLang::En) => "error",
            (Severity::Error, I18nLang::Ja) => "エラー",
            (_, I18nLang::En) => "warning",
            (_, I18nLang::Ja) => "警告",
        };
        let place = match (&finding.column_letter, lang) {
            (Some(letter), I18nLang::En) => format!("row {} column {letter}", finding.row),
            (Some(letter), I18nLang::Ja) => format!("{} 行 {letter} 列", finding.row),
            (None, I18nLang::En) => format!("row {}", finding.row),
            (None, I18nLang::Ja) => format!("{} 行", finding.row),
        };
        println!("{place}: {severity}: {}", finding.message.get(lang));
    }
    let totals = &plan.totals;
    println!(
        "{}",
        pick(
            lang,
            format!(
                "{} rows: {} ready, {} with errors ({} errors, {} warnings)",
                totals.data_rows,
                totals.ready_rows,
                totals.rows_with_errors,
                totals.errors,
                totals.warnings
            ),
            format!(
                "{} 行: 発行可能 {} 行、エラーのある行 {} 行(エラー {} 件、警告 {} 件)",
                totals.data_rows,
                totals.ready_rows,
                totals.rows_with_errors,
                totals.errors,
                totals.warnings
            ),
        )
    );
}

/// The server origin the issuer's identifier was made from, so status lists get the URLs the
/// server publishes them at. A did:key issuer carries no origin: `--base-url` is needed.
fn base_url_of(issuer: &Issuer) -> Result<String, CliError> {
    let suffix = format!("/issuers/{}", issuer.slug);
    let origin = match issuer.identifier_kind {
        IdentifierKind::Https => issuer.identifier.strip_suffix(&suffix).map(str::to_owned),
        IdentifierKind::DidWeb => tsumiki_web::did_web::did_web_document_url(&issuer.identifier)
            .and_then(|url| {
                url.strip_suffix(&format!("{suffix}/did.json"))
                    .map(str::to_owned)
            }),
        IdentifierKind::DidKey => None,
    };
    origin.ok_or_else(|| {
        failed(
            format!(
                "cannot tell the server's public URL from issuer {:?}: pass --base-url",
                issuer.slug
            ),
            format!(
                "発行者 {:?} からサーバーの公開 URL が分かりません: --base-url を指定してください",
                issuer.slug
            ),
        )
    })
}

/// The newest job of the same file for the issuer (resume), else a new one with every ready
/// row pending.
async fn find_or_create_job(
    store: &Store,
    issuer: &Issuer,
    file_name: &str,
    bytes: &[u8],
    plan: &ImportPlan,
) -> Result<ImportJob, CliError> {
    let file_hash = hex::encode(Sha256::digest(bytes));
    let store_failed = |error: tsumiki_store::StoreError| {
        failed(
            format!("cannot record the import job: {error}"),
            format!("インポートジョブを記録できません: {error}"),
        )
    };
    let existing = store
        .import_jobs_for_file(&issuer.id, &file_hash)
        .await
        .map_err(store_failed)?;
    if let Some(job) = existing.into_iter().next() {
        return Ok(job);
    }
    let mut rows = Vec::with_capacity(plan.rows.len());
    for planned in &plan.rows {
        rows.push(NewImportRow {
            row_number: i64::try_from(planned.row).map_err(|_| {
                failed(
                    format!("row number {} is too large", planned.row),
                    format!("行番号 {} が大きすぎます", planned.row),
                )
            })?,
            idempotency_key: planned.idempotency_key.clone(),
        });
    }
    store
        .create_import_job(&issuer.id, file_name, &file_hash, &rows)
        .await
        .map_err(store_failed)
}

#[derive(Debug, Default)]
struct Summary {
    /// Rows of the whole file, including those an earlier (interrupted) run finished.
    issued: u64,
    skipped: u64,
    failed: u64,
    /// Credentials this run signed.
    this_run: u64,
}

fn progress_bar(total: u64) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    if !std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} {per_sec} eta {eta} {msg}")
    {
        bar.set_style(style);
    }
    bar
}

async fn issue_pending(
    state: &AppState,
    issuer: &Issuer,
    job: &ImportJob,
    plan: &ImportPlan,
    lang: I18nLang,
) -> Result<Summary, CliError> {
    let store_failed = |error: tsumiki_store::StoreError| {
        failed(
            format!("import job {}: {error}", job.id),
            format!("インポートジョブ {}: {error}", job.id),
        )
    };
    let by_row: HashMap<i64, &PlannedRow> = plan
        .rows
        .iter()
        .filter_map(|row| i64::try_from(row.row).ok().map(|number| (number, row)))
        .collect();
    let before = state
        .store
        .import_progress(&job.id)
        .await
        .map_err(store_failed)?;
    let pending = state
        .store
        .import_rows(&job.id, true)
        .await
        .map_err(store_failed)?;
    state
        .store
        .set_import_job_state(&job.id, ImportJobState::Running)
        .await
        .map_err(store_failed)?;
    let total = u64::try_from(before.total).unwrap_or_default();
    let bar = progress_bar(total);
    bar.set_position(total.saturating_sub(u64::try_from(pending.len()).unwrap_or_default()));
    let mut summary = Summary::default();
    for row in &pending {
        let outcome = match by_row.get(&row.row_number) {
            Some(planned) if planned.idempotency_key == row.idempotency_key => {
                issue_row(state, issuer, &job.id, planned).await
            }
            _ => Err(pick(
                lang,
                "the row is not in the file as planned".into(),
                "計画時の行がファイルにありません".into(),
            )),
        };
        match outcome {
            Ok(true) => summary.issued += 1,
            Ok(false) => summary.skipped += 1,
            Err(reason) => {
                summary.failed += 1;
                bar.println(pick(
                    lang,
                    format!("row {}: failed: {reason}", row.row_number),
                    format!("{} 行: 失敗: {reason}", row.row_number),
                ));
                state
                    .store
                    .fail_import_row(&job.id, row.row_number, &reason)
                    .await
                    .map_err(store_failed)?;
            }
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    state
        .store
        .set_import_job_state(&job.id, ImportJobState::Completed)
        .await
        .map_err(store_failed)?;
    summary.this_run = summary.issued;
    // Rows a previous run finished count too: the summary describes the whole file.
    summary.issued += u64::try_from(before.issued).unwrap_or_default();
    summary.skipped += u64::try_from(before.skipped).unwrap_or_default();
    summary.failed += u64::try_from(before.failed).unwrap_or_default();
    Ok(summary)
}

/// Issues one row; `Ok(false)` when its key had already produced a credential. The error is
/// the reason recorded on the row.
async fn issue_row(
    state: &AppState,
    issuer: &Issuer,
    job_id: &str,
    planned: &PlannedRow,
) -> Result<bool, String> {
    let recipient_id = find_or_create_recipient(&state.store, planned)
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
        lang: I18nLang::Ja,
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

/// The person any of the row's identifiers already belongs to, else a new person with all
/// of them. Identifiers the person lacks are not added: a row must not silently merge two
/// people.
async fn find_or_create_recipient(
    store: &Store,
    planned: &PlannedRow,
) -> Result<String, tsumiki_store::StoreError> {
    let mut identifiers: Vec<(String, String)> = Vec::new();
    if let Some(did) = &planned.did {
        identifiers.push((DID_KIND.into(), did.clone()));
    }
    for email in &planned.emails {
        identifiers.push(("email".into(), email.clone()));
    }
    if let Some(number) = &planned.employee_number {
        identifiers.push((EMPLOYEE_KIND.into(), number.clone()));
    }
    for (kind, value) in &identifiers {
        if let Some(recipient) = store.recipient_by_identifier(kind, value).await? {
            return Ok(recipient.id);
        }
    }
    let display_name = planned
        .recipient_name
        .clone()
        .or_else(|| planned.emails.first().cloned())
        .or_else(|| planned.employee_number.clone())
        .or_else(|| planned.did.clone())
        .unwrap_or_default();
    let (recipient, _) = store
        .create_recipient(NewRecipient {
            display_name,
            did: planned.did.clone(),
            identifiers,
        })
        .await?;
    Ok(recipient.id)
}
