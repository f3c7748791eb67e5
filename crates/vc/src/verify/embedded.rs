//! CLR 2.0 bundles complete, separately signed achievement credentials. The CLR's own proof
//! covers their bytes but not their validity: a bundled credential may have been revoked,
//! expired, or signed by someone other than its issuer. Each one is therefore verified in
//! full, with the same options, and summarised as one check of the proof step.

use serde_json::Value;
use tsumiki_jsonld::JsonLdProcessor;

use super::{VerifyOptions, verify, verify_credential};
use crate::report::{Check, Outcome, Step, VerificationReport};
use crate::structure::CredentialKind;

pub(super) fn check(
    credential: &Value,
    ld: &JsonLdProcessor,
    options: &VerifyOptions,
) -> Vec<Check> {
    if CredentialKind::detect(credential) != CredentialKind::Clr {
        return Vec::new();
    }
    let bundled = credential
        .get("credentialSubject")
        .and_then(|subject| subject.get("verifiableCredential"));
    let items: Vec<(String, &Value)> = match bundled {
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                (
                    format!("$.credentialSubject.verifiableCredential[{i}]"),
                    item,
                )
            })
            .collect(),
        Some(single) => vec![(
            "$.credentialSubject.verifiableCredential".to_owned(),
            single,
        )],
        None => Vec::new(),
    };
    items
        .into_iter()
        .filter_map(|(path, item)| {
            let report = match item {
                Value::Object(_) => verify_credential(item, ld, options),
                // A bundled VC-JWT.
                Value::String(token) => verify(token.as_bytes(), ld, options),
                // Structure reports anything else.
                _ => return None,
            };
            Some(summarise(&report, item, path))
        })
        .collect()
}

fn summarise(report: &VerificationReport, item: &Value, path: String) -> Check {
    let id = report
        .credential
        .as_ref()
        .and_then(|credential| credential.get("id"))
        .or_else(|| item.get("id"))
        .and_then(Value::as_str)
        .unwrap_or("(no id)")
        .to_owned();
    if report.verified {
        Check::pass(Step::Proof, "proof.embedded-ok", &[("id", id.into())]).at(path)
    } else {
        let failed: Vec<&str> = report
            .with_outcome(Outcome::Fail)
            .map(|check| check.code.as_str())
            .collect();
        Check::fail(
            Step::Proof,
            "proof.embedded-failed",
            &[("id", id.into()), ("codes", failed.join(", ").into())],
        )
        .at(path)
    }
}
