//! A verification report as the public templates show it: every check, in the reader's
//! language, with its step and outcome.

use tsumiki_i18n::Lang;
use tsumiki_vc::report::{Outcome, VerificationReport};

/// One check, ready to print.
#[derive(Debug, Clone)]
pub struct CheckView {
    /// `pass`, `fail` or `warning` (also the CSS class).
    pub outcome: &'static str,
    /// The outcome in the reader's language.
    pub outcome_label: String,
    /// The step's title.
    pub step: String,
    /// What was found.
    pub message: String,
    /// Where in the credential, if about one place.
    pub path: Option<String>,
}

/// The whole report.
#[derive(Debug, Clone)]
pub struct ReportView {
    /// True when no check failed.
    pub verified: bool,
    /// `verified`, `verified-with-warnings` or `not-verified` (CSS class).
    pub verdict: &'static str,
    /// One sentence.
    pub summary: String,
    /// Every check, in report order.
    pub checks: Vec<CheckView>,
}

fn pick(lang: Lang, ja: &str, en: &str) -> String {
    match lang {
        Lang::Ja => ja.to_owned(),
        Lang::En => en.to_owned(),
    }
}

impl ReportView {
    /// `report` in `lang`.
    pub fn new(report: &VerificationReport, lang: Lang) -> ReportView {
        let checks = report
            .checks
            .iter()
            .map(|check| {
                let (outcome, label_id) = match check.outcome {
                    Outcome::Pass => ("pass", "pub-outcome-pass"),
                    Outcome::Fail => ("fail", "pub-outcome-fail"),
                    Outcome::Warning => ("warning", "pub-outcome-warning"),
                };
                let title = check.step.title();
                CheckView {
                    outcome,
                    outcome_label: tsumiki_i18n::t(lang, label_id, &[]),
                    step: pick(lang, &title.ja, &title.en),
                    message: pick(lang, &check.message.ja, &check.message.en),
                    path: check.path.clone(),
                }
            })
            .collect();
        let verdict = match report.verdict {
            tsumiki_vc::report::Verdict::Verified => "verified",
            tsumiki_vc::report::Verdict::VerifiedWithWarnings => "verified-with-warnings",
            tsumiki_vc::report::Verdict::NotVerified => "not-verified",
        };
        ReportView {
            verified: report.verified,
            verdict,
            summary: pick(lang, &report.summary.ja, &report.summary.en),
            checks,
        }
    }
}
