//! What the issuer refuses before it signs a credential a VC-API client composed.
//!
//! A signature lends a document the issuer's name. An issuer that signed whatever it was sent
//! would publish malformed credentials that every careful verifier then rejects (and the W3C
//! VC 2.0 suite sends each data-model "MUST" as a negative fixture to the issuer, expecting a
//! refusal). So the unsigned credential goes through the verifier's own rules first — the
//! contexts, safe-mode JSON-LD, structure and date-format steps — plus the VC 2.0 rules the
//! verifier does not check yet: every subject makes a claim, `termsOfUse` and `evidence`
//! carry a `type`, `relatedResource` entries are well formed, and any Bitstring Status List
//! entry the client wrote is well formed (a malformed one is `MALFORMED_VALUE_ERROR`).
//!
//! What is deliberately not refused: a validity period in the future or the past (issuing
//! ahead of time is legal; the verifier judges the dates), and status entries of types this
//! server does not know (the client answers for them).

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use tsumiki_i18n::Arg;
use tsumiki_jsonld::JsonLdProcessor;
use tsumiki_vc::dates::parse_date_time;
use tsumiki_vc::report::{Check, Outcome, Step};
use tsumiki_vc::verify::{VerifyOptions, verify_credential};

/// Deepest JSON nesting searched for status entries; the request size limit bounds the rest.
const MAX_DEPTH: usize = 32;

/// Every reason to refuse `credential` (empty: sign it).
pub fn refusals(credential: &Value, ld: &JsonLdProcessor, now: DateTime<Utc>) -> Vec<Check> {
    let report = verify_credential(credential, ld, &VerifyOptions::new(now));
    let mut out: Vec<Check> = report
        .checks
        .into_iter()
        .filter(|check| check.outcome == Outcome::Fail && refused_by_issuer(check))
        .collect();
    if let Some(map) = credential.as_object() {
        subjects_make_claims(map, &mut out);
        typed_items(map, "termsOfUse", &mut out);
        typed_items(map, "evidence", &mut out);
        related_resources(map, &mut out);
        validity_order(map, &mut out);
    }
    status_entries(credential, "$", 0, &mut out);
    out
}

/// The verifier's failures that mean "malformed", as opposed to "not (yet) trustworthy":
/// an unsigned credential has no proof, no status list yet and no verified issuer.
fn refused_by_issuer(check: &Check) -> bool {
    match check.step {
        Step::Contexts | Step::SafeMode | Step::Structure => true,
        Step::Dates => check.code == "dates.invalid",
        Step::Parse | Step::Proof | Step::Status | Step::Issuer => false,
    }
}

fn refuse(code: &str, path: String, args: &[(&str, Arg)]) -> Check {
    Check::fail(Step::Structure, code, args).at(path)
}

/// The items of a property that may be one value or an array, with their JSON paths.
fn items<'a>(value: &'a Value, path: &str) -> Vec<(String, &'a Value)> {
    match value {
        Value::Array(values) => values
            .iter()
            .enumerate()
            .map(|(index, item)| (format!("{path}[{index}]"), item))
            .collect(),
        single => vec![(path.to_owned(), single)],
    }
}

/// VC 2.0 §4.8: each subject "MUST be the subject of one or more claims"; `{}` claims nothing.
fn subjects_make_claims(credential: &Map<String, Value>, out: &mut Vec<Check>) {
    let Some(subjects) = credential.get("credentialSubject") else {
        return;
    };
    let path = "$.credentialSubject";
    if matches!(subjects, Value::Array(values) if values.is_empty()) {
        out.push(refuse("vcapi.subject-without-claims", path.to_owned(), &[]));
    }
    for (item_path, subject) in items(subjects, path) {
        if subject.as_object().is_some_and(Map::is_empty) {
            out.push(refuse("vcapi.subject-without-claims", item_path, &[]));
        }
    }
}

/// VC 2.0 §4.5: `termsOfUse` and `evidence` objects MUST have a `type`.
fn typed_items(credential: &Map<String, Value>, property: &str, out: &mut Vec<Check>) {
    let Some(value) = credential.get(property) else {
        return;
    };
    for (path, item) in items(value, &format!("$.{property}")) {
        let typed = item.as_object().is_some_and(|map| map.contains_key("type"));
        if !typed {
            out.push(refuse(
                "vcapi.missing-type",
                path,
                &[("property", property.to_owned().into())],
            ));
        }
    }
}

/// VC 2.0 §5.3: each `relatedResource` is an object with an `id` (a URL, unique in the list)
/// and a `digestSRI` or `digestMultibase`.
fn related_resources(credential: &Map<String, Value>, out: &mut Vec<Check>) {
    let Some(value) = credential.get("relatedResource") else {
        return;
    };
    let mut seen = HashSet::new();
    for (path, item) in items(value, "$.relatedResource") {
        let Some(resource) = item.as_object() else {
            out.push(refuse("vcapi.related-resource-not-object", path, &[]));
            continue;
        };
        match resource.get("id").and_then(Value::as_str) {
            Some(id) if id.contains(':') => {
                if !seen.insert(id.to_owned()) {
                    out.push(refuse(
                        "vcapi.related-resource-duplicate",
                        format!("{path}.id"),
                        &[("id", id.to_owned().into())],
                    ));
                }
            }
            _ => out.push(refuse(
                "vcapi.related-resource-without-id",
                path.clone(),
                &[],
            )),
        }
        let has_digest = ["digestSRI", "digestMultibase"]
            .iter()
            .any(|name| resource.get(*name).and_then(Value::as_str).is_some());
        if !has_digest {
            out.push(refuse("vcapi.related-resource-without-digest", path, &[]));
        }
    }
}

/// A credential that ceases to be valid before it becomes valid is never valid.
fn validity_order(credential: &Map<String, Value>, out: &mut Vec<Check>) {
    let date = |name: &str| {
        credential
            .get(name)
            .and_then(Value::as_str)
            .and_then(|text| parse_date_time(text).ok())
    };
    if let (Some(from), Some(until)) = (date("validFrom"), date("validUntil"))
        && until < from
    {
        out.push(refuse(
            "vcapi.valid-until-before-from",
            "$.validUntil".into(),
            &[],
        ));
    }
}

fn is_base10_index(text: &str) -> bool {
    !text.is_empty()
        && text.bytes().all(|byte| byte.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'))
}

/// Every object typed `BitstringStatusListEntry`, wherever the client put it, must be one
/// (Bitstring Status List §2.1): a string purpose, a base-10 index string, a list URL.
fn status_entries(value: &Value, path: &str, depth: usize, out: &mut Vec<Check>) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::Array(values) => {
            for (index, item) in values.iter().enumerate() {
                status_entries(item, &format!("{path}[{index}]"), depth + 1, out);
            }
        }
        Value::Object(map) => {
            let is_entry = match map.get("type") {
                Some(Value::String(name)) => name == "BitstringStatusListEntry",
                Some(Value::Array(names)) => names
                    .iter()
                    .any(|name| name.as_str() == Some("BitstringStatusListEntry")),
                _ => false,
            };
            if is_entry {
                status_entry(map, path, out);
            }
            for (key, item) in map {
                status_entries(item, &format!("{path}.{key}"), depth + 1, out);
            }
        }
        _ => {}
    }
}

fn status_entry(entry: &Map<String, Value>, path: &str, out: &mut Vec<Check>) {
    let mut malformed = |property: &str| {
        out.push(refuse(
            "vcapi.malformed-status-entry",
            format!("{path}.{property}"),
            &[("property", property.to_owned().into())],
        ));
    };
    if !entry.get("statusPurpose").is_some_and(Value::is_string) {
        malformed("statusPurpose");
    }
    if !entry
        .get("statusListIndex")
        .and_then(Value::as_str)
        .is_some_and(is_base10_index)
    {
        malformed("statusListIndex");
    }
    if !entry
        .get("statusListCredential")
        .and_then(Value::as_str)
        .is_some_and(|url| url.contains(':'))
    {
        malformed("statusListCredential");
    }
    if let Some(size) = entry.get("statusSize")
        && size.as_u64().is_none_or(|size| size == 0)
    {
        malformed("statusSize");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base10_indexes() {
        for good in ["0", "7", "131071", "18446744073709551616"] {
            assert!(is_base10_index(good), "{good}");
        }
        for bad in ["", "-1", "01", "1.5", "0x10", " 1", "１"] {
            assert!(!is_base10_index(bad), "{bad}");
        }
    }
}
