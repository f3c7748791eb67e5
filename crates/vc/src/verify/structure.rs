//! The contexts, structure and dates steps: findings of [`crate::structure`] and
//! [`crate::dates`] turned into report checks.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::Value;
use tsumiki_i18n::Arg;
use tsumiki_jsonld::JsonLdProcessor;

use crate::dates::{Validity, check_validity};
use crate::report::{Check, Outcome, Step};
use crate::structure::{CredentialKind, Finding, Severity, check_contexts, check_credential};

fn to_check(step: Step, finding: Finding) -> Check {
    let outcome = match finding.severity {
        Severity::Error => Outcome::Fail,
        Severity::Warning => Outcome::Warning,
    };
    let args: Vec<(&str, Arg)> = finding
        .args
        .into_iter()
        .map(|(name, value)| (name, Arg::from(value)))
        .collect();
    Check::new(step, outcome, finding.code, &args).at(finding.path)
}

/// The contexts and structure steps.
pub(super) fn check(credential: &Value, ld: &JsonLdProcessor) -> Vec<Check> {
    let mut checks = Vec::new();
    for (step, findings, ok_code) in [
        (
            Step::Contexts,
            check_contexts(credential, ld.store()),
            "contexts.ok",
        ),
        (
            Step::Structure,
            check_credential(credential),
            "structure.ok",
        ),
    ] {
        // A pass only when the step found nothing: "every context is known and in order"
        // next to a legacy-context warning would contradict it.
        if findings.is_empty() {
            checks.push(Check::pass(step, ok_code, &[]));
        }
        checks.extend(findings.into_iter().map(|finding| to_check(step, finding)));
    }
    checks
}

fn format_now(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The dates step.
pub(super) fn dates(credential: &Value, now: DateTime<Utc>) -> Vec<Check> {
    let now_text = format_now(now);
    let check = match check_validity(credential, now) {
        Ok(check) => check,
        Err(invalid) => {
            return vec![
                Check::fail(
                    Step::Dates,
                    "dates.invalid",
                    &[
                        ("property", invalid.property.into()),
                        ("value", invalid.value.into()),
                    ],
                )
                .at(format!("$.{}", invalid.property)),
            ];
        }
    };
    let mut checks = Vec::new();
    if check.legacy {
        checks.push(Check::warning(Step::Dates, "dates.legacy", &[]));
    }
    let from = check.from_text.clone().unwrap_or_default();
    let until = check.until_text.clone().unwrap_or_default();
    checks.push(match check.validity {
        Validity::NotYetValid { .. } => Check::fail(
            Step::Dates,
            "dates.not-yet-valid",
            &[("from", from.into()), ("now", now_text.into())],
        )
        .at(if check.legacy {
            "$.issuanceDate"
        } else {
            "$.validFrom"
        }),
        Validity::Expired { .. } => Check::fail(
            Step::Dates,
            "dates.expired",
            &[("until", until.into()), ("now", now_text.into())],
        )
        .at(if check.legacy {
            "$.expirationDate"
        } else {
            "$.validUntil"
        }),
        // OB 3.0 requires `validFrom`; a plain VC 2.0 credential may omit it (valid since
        // whenever it was issued), which is worth a warning, not a failure.
        Validity::Valid { from: None, .. }
            if !CredentialKind::detect(credential).is_open_badges() =>
        {
            Check::warning(Step::Dates, "dates.missing-valid-from", &[])
        }
        Validity::Valid { from: None, .. } => {
            Check::fail(Step::Dates, "dates.missing-valid-from", &[])
        }
        Validity::Valid { until: None, .. } => Check::pass(
            Step::Dates,
            "dates.ok",
            &[("from", from.into()), ("now", now_text.into())],
        ),
        Validity::Valid { .. } => Check::pass(
            Step::Dates,
            "dates.ok-until",
            &[
                ("from", from.into()),
                ("until", until.into()),
                ("now", now_text.into()),
            ],
        ),
    });
    checks
}
