//! `tsumiki import`: bulk issuance from a spreadsheet, resumable after a crash.
//!
//! The file is planned by the pure `tsumiki-import` crate (the same plan the web dry run
//! shows); every ready row is recorded in an import job, then issued by
//! `tsumiki_web::bulk::run_import_job` (the loop the web's background runs use too), which
//! commits each credential and its row's state together.
//! Running the same file again finds the same job (issuer + file hash) and issues only what
//! is still pending, and the row's idempotency key stops a second credential in any case.

use std::io::IsTerminal as _;
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use tsumiki_i18n::Lang as I18nLang;
use tsumiki_import::{ImportPlan, Severity};
use tsumiki_store::{IdentifierKind, ImportJob, Issuer, Store};
use tsumiki_web::AppState;
use tsumiki_web::bulk::{PlanError, run_import_job};

use crate::cli::{ImportArgs, Lang};
use crate::error::CliError;

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
    let summary = issue_pending(&state, &job, &plan, lang).await?;
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
    tsumiki_web::bulk::plan_file(store, issuer, bytes, sheet)
        .await
        .map_err(|error| match error {
            PlanError::File(error) => failed(
                format!("the file cannot be imported: {error}"),
                format!("ファイルを取り込めません: {error}"),
            ),
            PlanError::Web(error) => failed(
                format!("cannot read the achievements: {error}"),
                format!("実績を読み込めません: {error}"),
            ),
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
    tsumiki_web::bulk::find_or_create_job(store, issuer, file_name, bytes, plan)
        .await
        .map_err(|error| {
            failed(
                format!("cannot record the import job: {error}"),
                format!("インポートジョブを記録できません: {error}"),
            )
        })
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

/// Issues the job's pending rows through the shared loop of `tsumiki_web::bulk`, drawing
/// the progress bar and printing each failure as it happens.
async fn issue_pending(
    state: &AppState,
    job: &ImportJob,
    plan: &ImportPlan,
    lang: I18nLang,
) -> Result<Summary, CliError> {
    let bar = progress_bar(0);
    let outcome = run_import_job(state, &job.id, plan, lang, |step| {
        let done = step.counts.total - step.counts.pending;
        if step.row_number.is_none() {
            bar.set_length(u64::try_from(step.counts.total).unwrap_or_default());
        }
        bar.set_position(u64::try_from(done).unwrap_or_default());
        if let (Some(row), Some(reason)) = (step.row_number, step.failure) {
            bar.println(pick(
                lang,
                format!("row {row}: failed: {reason}"),
                format!("{row} 行: 失敗: {reason}"),
            ));
        }
    })
    .await
    .map_err(|error| {
        failed(
            format!("import job {}: {error}", job.id),
            format!("インポートジョブ {}: {error}", job.id),
        )
    })?;
    bar.finish_and_clear();
    let count = |n: i64| u64::try_from(n).unwrap_or_default();
    Ok(Summary {
        issued: count(outcome.counts.issued),
        skipped: count(outcome.counts.skipped),
        failed: count(outcome.counts.failed),
        this_run: count(outcome.newly_issued),
    })
}
