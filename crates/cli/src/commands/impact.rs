//! `tsumiki impact`: the impact analyses for analysts, on files exported from anywhere.
//!
//! Tables are read by `tsumiki-import` (CSV in UTF-8 with or without BOM, Shift-JIS, or
//! .xlsx), so a file saved from Japanese Excel works as it is. Every analysis prints one
//! JSON document on standard output; bad input prints one message (English, or Japanese with
//! `--lang ja`) on standard error and exits with 2. Nothing here computes: the figures come
//! from `tsumiki-impact`, the same code the web dashboards use.

use std::process::ExitCode;

use clap::{Args, Subcommand};
use serde::Serialize;
use tsumiki_i18n::{Arg, Lang as I18nLang, t};
use tsumiki_impact::ImpactError;
use tsumiki_impact::change::{ChangeOptions, ChangePair, paired_change};
use tsumiki_impact::diversity::diversity;
use tsumiki_impact::roi::{RoiInput, roi};
use tsumiki_import::{FileFormat, Limits, Table, read_table};

use crate::cli::Lang;
use crate::error::CliError;
use crate::input::read_input;

/// Small categories are hidden unless the analyst says otherwise: the same default as the
/// platform's anonymity threshold.
const DEFAULT_DIVERSITY_THRESHOLD: usize = 3;

#[derive(Debug, Subcommand)]
pub enum ImpactCommand {
    /// Diversity of one column (Blau, Shannon, evenness, effective number); prints JSON.
    Diversity(DiversityArgs),
    /// Paired pre/post change (t interval, d_z, g_z, reliable change index); prints JSON.
    Change(ChangeArgs),
    /// Phillips ROI from costs and benefit estimates (JSON in, JSON out).
    Roi(RoiArgs),
}

#[derive(Debug, Args)]
pub struct DiversityArgs {
    /// The column to analyse (its header text), e.g. nationality or 国籍.
    #[arg(long, value_name = "COLUMN")]
    pub by: String,
    /// Categories with fewer people than this are suppressed in the output, with the next
    /// smallest when one alone would be revealed by subtraction; 0 shows every category.
    #[arg(long, default_value_t = DEFAULT_DIVERSITY_THRESHOLD, value_name = "N")]
    pub diversity_threshold: usize,
    /// Language of error messages (default: from LANG, else English).
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// CSV (UTF-8 or Shift-JIS) or .xlsx file with a header row, or `-` for standard input.
    pub file: String,
}

#[derive(Debug, Args)]
pub struct ChangeArgs {
    /// Reliability of the measure (0 ≤ R < 1, e.g. Cronbach's alpha); without it no reliable
    /// change index is computed.
    #[arg(long, value_name = "R", allow_negative_numbers = true)]
    pub reliability: Option<f64>,
    /// SD of baseline scores in a reference group (> 0); default: the SD of the pre column.
    #[arg(long, value_name = "S", allow_negative_numbers = true)]
    pub baseline_sd: Option<f64>,
    /// Language of error messages (default: from LANG, else English).
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// CSV or .xlsx with the columns participant, pre, post (or 参加者, 事前, 事後).
    pub file: String,
}

#[derive(Debug, Args)]
pub struct RoiArgs {
    /// Language of error messages (default: from LANG, else English).
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// {"costs":[{"category":…,"amount":…}],"benefits":[{"annualValue":…,"isolation":…,
    /// "confidence":…} or {"nonRespondent":true}],"horizonYears":1}, or `-` for standard input.
    pub file: String,
}

/// What went wrong, ready to be said in either language.
enum Failure {
    /// A message of `impact_cli.ftl`.
    Message {
        id: &'static str,
        args: Vec<(&'static str, Arg)>,
    },
    /// A message that already exists in both languages (reading the file).
    Text { en: String, ja: String },
    /// The table could not be decoded (its messages live in `import.ftl`).
    Table(tsumiki_import::ImportError),
}

fn failure(id: &'static str, args: Vec<(&'static str, Arg)>) -> Failure {
    Failure::Message { id, args }
}

impl Failure {
    fn message(&self, lang: I18nLang) -> String {
        match self {
            Failure::Message { id, args } => t(lang, id, args),
            Failure::Text { en, ja } => match lang {
                I18nLang::Ja => ja.clone(),
                I18nLang::En => en.clone(),
            },
            Failure::Table(error) => error.message(lang),
        }
    }
}

impl From<CliError> for Failure {
    fn from(error: CliError) -> Self {
        // Other variants may come; they still have an English text.
        #[allow(unreachable_patterns)]
        match error {
            CliError::Input { en, ja } => Failure::Text { en, ja },
            other => Failure::Text {
                en: other.to_string(),
                ja: other.to_string(),
            },
        }
    }
}

/// The analyses' own errors, in the person's language. Fields of the ROI input are named by
/// JSON path, which needs no translation.
fn analysis_failure(error: ImpactError) -> Failure {
    match error {
        ImpactError::TooFew { needed, got, .. } => failure(
            "impact-cli-too-few",
            vec![("needed", needed.into()), ("got", got.into())],
        ),
        ImpactError::DuplicateParticipant { participant } => failure(
            "impact-cli-duplicate-participant",
            vec![("participant", participant.into())],
        ),
        ImpactError::NotFinite { field } => {
            failure("impact-cli-not-finite", vec![("field", field.into())])
        }
        ImpactError::OutOfRange {
            field,
            value,
            min,
            max,
        } => failure(
            "impact-cli-out-of-range",
            vec![
                ("field", field.into()),
                ("value", value.into()),
                ("min", min.into()),
                ("max", max.into()),
            ],
        ),
        ImpactError::Negative { field, value } => failure(
            "impact-cli-negative",
            vec![("field", field.into()), ("value", value.into())],
        ),
        ImpactError::CostForm { index } => {
            failure("impact-cli-cost-form", vec![("index", index.into())])
        }
        ImpactError::BenefitIncomplete { index } => failure(
            "impact-cli-benefit-incomplete",
            vec![("index", index.into())],
        ),
        ImpactError::Undefined { what: "ROI", .. } => failure("impact-cli-zero-costs", Vec::new()),
        ImpactError::Empty { what: "costs" } => failure("impact-cli-no-costs", Vec::new()),
        ImpactError::Empty { .. } => failure("impact-cli-no-rows", Vec::new()),
        other => failure(
            "impact-cli-failed",
            vec![("detail", other.to_string().into())],
        ),
    }
}

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

pub fn run(command: ImpactCommand) -> Result<ExitCode, CliError> {
    let (lang, result) = match command {
        ImpactCommand::Diversity(args) => (language(args.lang), run_diversity(&args)),
        ImpactCommand::Change(args) => (language(args.lang), run_change(&args)),
        ImpactCommand::Roi(args) => (language(args.lang), run_roi(&args)),
    };
    match result {
        Ok(json) => {
            println!("{json}");
            Ok(ExitCode::SUCCESS)
        }
        Err(failure) => {
            eprintln!(
                "{}",
                t(
                    lang,
                    "impact-cli-error",
                    &[("message", failure.message(lang).into())]
                )
            );
            Ok(ExitCode::from(2))
        }
    }
}

fn to_json(value: &impl Serialize) -> Result<String, Failure> {
    serde_json::to_string_pretty(value).map_err(|error| {
        failure(
            "impact-cli-failed",
            vec![("detail", error.to_string().into())],
        )
    })
}

/// Reads FILE (or standard input) as a table with a header row and at least one data row.
fn read_rows(path: &str) -> Result<Table, Failure> {
    let bytes = read_input(path, Limits::DEFAULT_MAX_BYTES as u64)?;
    let table =
        read_table(&bytes, FileFormat::Auto, None, &Limits::default()).map_err(Failure::Table)?;
    if table.rows.iter().all(|row| row.is_blank()) {
        return Err(failure("impact-cli-no-rows", Vec::new()));
    }
    Ok(table)
}

/// The index of the first header among `names` (exact, then ignoring ASCII case). A header
/// that appears twice is ambiguous: which column the analyst meant is not ours to guess.
fn column(table: &Table, names: &[&str]) -> Result<usize, Failure> {
    for name in names {
        let exact: Vec<usize> = positions(table, |h| h == name.trim());
        let found = if exact.is_empty() {
            positions(table, |h| h.eq_ignore_ascii_case(name.trim()))
        } else {
            exact
        };
        match found.as_slice() {
            [] => continue,
            [index] => return Ok(*index),
            _ => {
                return Err(failure(
                    "impact-cli-duplicate-column",
                    vec![("column", (*name).into())],
                ));
            }
        }
    }
    Err(failure(
        "impact-cli-missing-column",
        vec![
            ("column", names.first().copied().unwrap_or_default().into()),
            ("available", table.headers.join(", ").into()),
        ],
    ))
}

fn positions(table: &Table, matches: impl Fn(&str) -> bool) -> Vec<usize> {
    table
        .headers
        .iter()
        .enumerate()
        .filter(|(_, header)| matches(header.trim()))
        .map(|(index, _)| index)
        .collect()
}

fn cell(cells: &[String], index: usize) -> &str {
    cells.get(index).map_or("", |text| text.trim())
}

/// A finite number written the ordinary way (`3`, `-2.5`, `1e3`); `NaN` and `inf` are not
/// scores.
fn number(text: &str) -> Option<f64> {
    text.parse::<f64>().ok().filter(|value| value.is_finite())
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DiversityOutput {
    column: String,
    /// Rows whose cell was empty: not counted in `n`.
    missing: usize,
    #[serde(flatten)]
    diversity: tsumiki_impact::diversity::ProtectedDiversity,
}

fn run_diversity(args: &DiversityArgs) -> Result<String, Failure> {
    let table = read_rows(&args.file)?;
    let index = column(&table, &[args.by.as_str()])?;
    let mut values = Vec::new();
    let mut missing = 0;
    for row in table.rows.iter().filter(|row| !row.is_blank()) {
        match cell(&row.cells, index) {
            "" => missing += 1,
            value => values.push(value.to_owned()),
        }
    }
    if values.is_empty() {
        return Err(failure(
            "impact-cli-all-missing",
            vec![("column", args.by.as_str().into())],
        ));
    }
    let result = diversity(&values).map_err(analysis_failure)?;
    to_json(&DiversityOutput {
        column: args.by.clone(),
        missing,
        diversity: result.protect(args.diversity_threshold),
    })
}

fn run_change(args: &ChangeArgs) -> Result<String, Failure> {
    if let Some(r) = args.reliability
        && !(r.is_finite() && (0.0..1.0).contains(&r))
    {
        return Err(failure("impact-cli-reliability", vec![("value", r.into())]));
    }
    if let Some(sd) = args.baseline_sd
        && !(sd.is_finite() && sd > 0.0)
    {
        return Err(failure(
            "impact-cli-baseline-sd",
            vec![("value", sd.into())],
        ));
    }
    let table = read_rows(&args.file)?;
    let participant = column(&table, &["participant", "参加者"])?;
    let pre = column(&table, &["pre", "事前"])?;
    let post = column(&table, &["post", "事後"])?;
    let mut pairs = Vec::new();
    for row in table.rows.iter().filter(|row| !row.is_blank()) {
        let score = |index: usize| -> Result<f64, Failure> {
            let text = cell(&row.cells, index);
            let header = table.headers.get(index).cloned().unwrap_or_default();
            if text.is_empty() {
                return Err(failure(
                    "impact-cli-blank-cell",
                    vec![("row", row.row.into()), ("column", header.into())],
                ));
            }
            number(text).ok_or_else(|| {
                failure(
                    "impact-cli-not-a-number",
                    vec![
                        ("row", row.row.into()),
                        ("column", header.into()),
                        ("value", text.into()),
                    ],
                )
            })
        };
        let id = cell(&row.cells, participant);
        if id.is_empty() {
            let header = table.headers.get(participant).cloned().unwrap_or_default();
            return Err(failure(
                "impact-cli-blank-cell",
                vec![("row", row.row.into()), ("column", header.into())],
            ));
        }
        pairs.push(ChangePair {
            participant: id.to_owned(),
            pre: score(pre)?,
            post: score(post)?,
        });
    }
    let options = ChangeOptions {
        reliability: args.reliability,
        baseline_sd: args.baseline_sd,
    };
    let summary = paired_change(&pairs, &options).map_err(analysis_failure)?;
    to_json(&summary)
}

fn run_roi(args: &RoiArgs) -> Result<String, Failure> {
    let bytes = read_input(&args.file, Limits::DEFAULT_MAX_BYTES as u64)?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(failure("impact-cli-empty-file", Vec::new()));
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let input: RoiInput = serde_json::from_slice(text).map_err(|error| {
        failure(
            "impact-cli-bad-roi-json",
            vec![("detail", error.to_string().into())],
        )
    })?;
    let report = roi(&input).map_err(analysis_failure)?;
    to_json(&report)
}
