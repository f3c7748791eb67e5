//! The verification report: every check the verifier ran, in a fixed order of steps, each
//! with a bilingual (Japanese / English) message, plus one overall verdict.
//!
//! Why every check is listed, passes included: a "verified" badge is only as meaningful as
//! what was checked, so the report shows the whole path (parse, contexts, safe mode,
//! structure, proof, dates, status, issuer), not just the failures. A check that could not
//! run is a failure or a warning, never silently absent.

use serde::Serialize;
use serde_json::Value;
use tsumiki_i18n::{Arg, Lang, t};

use crate::input::InputFormat;

/// The verification steps, in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Step {
    Parse,
    Contexts,
    SafeMode,
    Structure,
    Proof,
    Dates,
    Status,
    Issuer,
}

impl Step {
    pub const ALL: [Step; 8] = [
        Step::Parse,
        Step::Contexts,
        Step::SafeMode,
        Step::Structure,
        Step::Proof,
        Step::Dates,
        Step::Status,
        Step::Issuer,
    ];

    /// The step's display name.
    pub fn title(self) -> Bilingual {
        let id = match self {
            Step::Parse => "step-parse",
            Step::Contexts => "step-contexts",
            Step::SafeMode => "step-safe-mode",
            Step::Structure => "step-structure",
            Step::Proof => "step-proof",
            Step::Dates => "step-dates",
            Step::Status => "step-status",
            Step::Issuer => "step-issuer",
        };
        Bilingual::from_id(id, &[])
    }
}

/// The result of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Pass,
    Fail,
    /// Accepted, but the user should know (legacy forms, unchecked status when allowed).
    Warning,
}

/// A message in both languages tsumiki speaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bilingual {
    pub ja: String,
    pub en: String,
}

impl Bilingual {
    /// The message for a check code: `proof.ok` is the Fluent id `proof-ok`.
    pub fn for_code(code: &str, args: &[(&str, Arg)]) -> Self {
        Self::from_id(&code.replace('.', "-"), args)
    }

    fn from_id(id: &str, args: &[(&str, Arg)]) -> Self {
        Self {
            ja: t(Lang::Ja, id, args),
            en: t(Lang::En, id, args),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }
}

/// One check in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Check {
    /// Stable machine-readable code, e.g. `status.revoked`.
    pub code: String,
    pub step: Step,
    pub outcome: Outcome,
    pub message: Bilingual,
    /// JSONPath of what the check is about, when it is about one place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

impl Check {
    pub fn new(step: Step, outcome: Outcome, code: &str, args: &[(&str, Arg)]) -> Self {
        Self {
            code: code.to_owned(),
            step,
            outcome,
            message: Bilingual::for_code(code, args),
            path: None,
        }
    }

    pub fn pass(step: Step, code: &str, args: &[(&str, Arg)]) -> Self {
        Self::new(step, Outcome::Pass, code, args)
    }

    pub fn fail(step: Step, code: &str, args: &[(&str, Arg)]) -> Self {
        Self::new(step, Outcome::Fail, code, args)
    }

    pub fn warning(step: Step, code: &str, args: &[(&str, Arg)]) -> Self {
        Self::new(step, Outcome::Warning, code, args)
    }

    pub fn at(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }
}

/// The overall result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Verified,
    VerifiedWithWarnings,
    NotVerified,
}

/// Everything the verifier found. Serializes with a top-level `"verified": true|false`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VerificationReport {
    /// True iff no check failed (warnings allowed).
    pub verified: bool,
    pub verdict: Verdict,
    pub summary: Bilingual,
    /// How the credential arrived; absent when the input could not be recognised.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<InputFormat>,
    pub checks: Vec<Check>,
    /// The credential that was checked (for a JWT or a baked image: the one inside).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credential: Option<Value>,
}

impl VerificationReport {
    /// Orders the checks by step (keeping their order within a step) and derives the verdict.
    pub fn new(
        format: Option<InputFormat>,
        mut checks: Vec<Check>,
        credential: Option<Value>,
    ) -> Self {
        checks.sort_by_key(|check| check.step);
        let failed = checks
            .iter()
            .filter(|check| check.outcome == Outcome::Fail)
            .count();
        let warned = checks
            .iter()
            .filter(|check| check.outcome == Outcome::Warning)
            .count();
        let (verdict, summary) = if failed > 0 {
            (
                Verdict::NotVerified,
                Bilingual::from_id("verdict-not-verified", &[("count", failed.into())]),
            )
        } else if warned > 0 {
            (
                Verdict::VerifiedWithWarnings,
                Bilingual::from_id(
                    "verdict-verified-with-warnings",
                    &[("count", warned.into())],
                ),
            )
        } else {
            (
                Verdict::Verified,
                Bilingual::from_id("verdict-verified", &[]),
            )
        };
        Self {
            verified: failed == 0,
            verdict,
            summary,
            format,
            checks,
            credential,
        }
    }

    /// The checks with the given outcome.
    pub fn with_outcome(&self, outcome: Outcome) -> impl Iterator<Item = &Check> {
        self.checks
            .iter()
            .filter(move |check| check.outcome == outcome)
    }

    /// The first check with `code`, if any.
    pub fn check(&self, code: &str) -> Option<&Check> {
        self.checks.iter().find(|check| check.code == code)
    }

    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn checks_are_ordered_by_step_and_verdict_follows_failures() {
        let checks = vec![
            Check::warning(Step::Issuer, "issuer.unchecked", &[]),
            Check::pass(Step::Parse, "parse.ok", &[("format", "JSON".into())]),
            Check::fail(
                Step::Status,
                "status.revoked",
                &[("url", "https://x/list".into()), ("index", 3u64.into())],
            )
            .at("$.credentialStatus"),
        ];
        let report = VerificationReport::new(Some(InputFormat::Json), checks, None);
        let steps: Vec<Step> = report.checks.iter().map(|c| c.step).collect();
        assert_eq!(steps, [Step::Parse, Step::Status, Step::Issuer]);
        assert!(!report.verified);
        assert_eq!(report.verdict, Verdict::NotVerified);
        assert_eq!(
            report.checks[1].message.ja,
            "この資格情報は失効しています(ステータスリスト https://x/list、インデックス 3)。"
        );
        let json = report.to_json();
        assert_eq!(json["verified"], false);
        assert_eq!(json["verdict"], "not-verified");
        assert_eq!(json["format"], "json");
        assert_eq!(json["checks"][1]["step"], "status");
        assert_eq!(json["checks"][1]["outcome"], "fail");
        assert_eq!(json["checks"][1]["path"], "$.credentialStatus");
        assert!(json["checks"][0].get("path").is_none());
    }

    #[test]
    fn warnings_do_not_fail() {
        let report = VerificationReport::new(
            None,
            vec![Check::warning(Step::Contexts, "contexts.legacy-v1", &[])],
            None,
        );
        assert!(report.verified);
        assert_eq!(report.verdict, Verdict::VerifiedWithWarnings);
        assert_eq!(
            report.summary.en,
            "The credential was verified, with 1 warning."
        );
        let report = VerificationReport::new(
            None,
            vec![Check::pass(
                Step::Parse,
                "parse.ok",
                &[("format", "PNG".into())],
            )],
            None,
        );
        assert_eq!(report.verdict, Verdict::Verified);
        assert_eq!(report.summary.ja, "この資格情報を検証しました。");
    }

    #[test]
    fn step_titles_exist_in_both_languages() {
        for step in Step::ALL {
            let title = step.title();
            assert!(
                !title.ja.starts_with("step-") && !title.en.starts_with("step-"),
                "{step:?}"
            );
            assert_ne!(title.ja, title.en);
        }
    }
}
