//! `tsumiki verify`: the full verification report, for people or as JSON.

use std::process::ExitCode;

use chrono::{DateTime, Utc};
use tsumiki_i18n::Lang as I18nLang;
use tsumiki_jsonld::JsonLdProcessor;
use tsumiki_vc::report::{Outcome, Step, VerificationReport};
use tsumiki_vc::verify::{VerifyOptions, verify};

use crate::cli::{Lang, VerifyArgs};
use crate::error::CliError;
use crate::input::{DEFAULT_MAX_INPUT, read_input, read_json};

/// Controller documents and status lists are small; cap them like the credential itself.
const MAX_SIDE_DOCUMENT: u64 = DEFAULT_MAX_INPUT;

pub fn run(args: VerifyArgs) -> Result<ExitCode, CliError> {
    let now = match &args.at {
        Some(at) => DateTime::parse_from_rfc3339(at)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|err| {
                CliError::input(
                    format!("--at {at} is not an XML Schema dateTime with a time zone: {err}"),
                    format!("--at {at} はタイムゾーン付きの日時ではありません: {err}"),
                )
            })?,
        None => Utc::now(),
    };
    let mut options = VerifyOptions::new(now);
    options.allow_unchecked_status = args.allow_unchecked_status;
    for path in &args.controller_docs {
        let document = read_json(path, MAX_SIDE_DOCUMENT)?;
        options.controllers.add(document).map_err(|err| {
            CliError::input(
                format!("{path} is not a controller document or verification method: {err}"),
                format!("{path} はコントローラー文書または検証メソッドではありません: {err}"),
            )
        })?;
    }
    for pair in &args.status_lists {
        let Some((url, path)) = pair.split_once('=') else {
            return Err(CliError::input(
                format!("--status-list {pair}: expected URL=FILE"),
                format!("--status-list {pair}: URL=FILE の形式で指定してください"),
            ));
        };
        options
            .status_lists
            .insert(url.to_owned(), read_json(path, MAX_SIDE_DOCUMENT)?);
    }
    // Read up to the image bound; the verifier then holds JSON and JWT text (and the
    // credential inside an image) to the smaller credential bound.
    let input = read_input(&args.input, options.limits.max_image_bytes as u64)?;
    let report = verify(&input, &JsonLdProcessor::bundled(), &options);

    if args.json {
        let text = serde_json::to_string_pretty(&report.to_json()).unwrap_or_default();
        println!("{text}");
    } else {
        print_human(&report, language(args.lang));
    }
    Ok(exit_code(&report))
}

/// 0 verified, 1 not verified, 2 when the input was not a credential at all.
fn exit_code(report: &VerificationReport) -> ExitCode {
    if report.verified {
        ExitCode::SUCCESS
    } else if report
        .checks
        .iter()
        .any(|check| check.step == Step::Parse && check.outcome == Outcome::Fail)
    {
        ExitCode::from(2)
    } else {
        ExitCode::from(1)
    }
}

/// `--lang`, else the locale in LC_ALL / LC_MESSAGES / LANG, else English.
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

fn print_human(report: &VerificationReport, lang: I18nLang) {
    let mut current = None;
    for check in &report.checks {
        if current != Some(check.step) {
            current = Some(check.step);
            println!("{}", check.step.title().get(lang));
        }
        let mark = match check.outcome {
            Outcome::Pass => "✓",
            Outcome::Fail => "✗",
            Outcome::Warning => "!",
        };
        let path = check
            .path
            .as_deref()
            .map(|p| format!(" ({p})"))
            .unwrap_or_default();
        println!(
            "  {mark} {}{path}  [{}]",
            check.message.get(lang),
            check.code
        );
    }
    println!();
    println!("{}", report.summary.get(lang));
}
