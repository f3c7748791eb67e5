//! The status step: revocation and suspension via Bitstring Status List, and the 1EdTech
//! Revocation List. A status that cannot be established is a failure unless the caller
//! allowed unchecked status, because "could not check" must never read as "not revoked".

use serde_json::Value;
use tsumiki_i18n::Arg;
use tsumiki_jsonld::JsonLdProcessor;

use super::{VerifyOptions, issuer_id};
use crate::dates::{Validity, check_validity};
use crate::di;
use crate::report::{Check, Outcome, Step};
use crate::status::{
    StatusPurpose, check_1edtech_revocation, check_bitstring, parse_bitstring_entry,
};

const BITSTRING_ENTRY_TYPES: [&str; 2] = ["BitstringStatusListEntry", "StatusList2021Entry"];
const REVOCATION_LIST_TYPE: &str = "1EdTechRevocationList";

fn unchecked(options: &VerifyOptions, code: &str, args: &[(&str, Arg)], path: &str) -> Check {
    let outcome = if options.allow_unchecked_status {
        Outcome::Warning
    } else {
        Outcome::Fail
    };
    Check::new(Step::Status, outcome, code, args).at(path)
}

fn first_type(entry: &Value) -> String {
    match entry.get("type") {
        Some(Value::String(kind)) => kind.clone(),
        Some(Value::Array(kinds)) => kinds
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(", "),
        _ => String::new(),
    }
}

fn has_type(entry: &Value, names: &[&str]) -> bool {
    match entry.get("type") {
        Some(Value::String(kind)) => names.contains(&kind.as_str()),
        Some(Value::Array(kinds)) => kinds
            .iter()
            .filter_map(Value::as_str)
            .any(|kind| names.contains(&kind)),
        _ => false,
    }
}

pub(super) fn check(
    credential: &Value,
    ld: &JsonLdProcessor,
    options: &VerifyOptions,
) -> Vec<Check> {
    let entries: Vec<(String, &Value)> = match credential.get("credentialStatus") {
        None => return vec![Check::pass(Step::Status, "status.none", &[])],
        Some(Value::Array(items)) if items.is_empty() => {
            return vec![Check::pass(Step::Status, "status.none", &[])];
        }
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| (format!("$.credentialStatus[{i}]"), item))
            .collect(),
        Some(single) => vec![("$.credentialStatus".to_owned(), single)],
    };
    entries
        .into_iter()
        .map(|(path, entry)| check_entry(credential, entry, &path, ld, options))
        .collect()
}

fn check_entry(
    credential: &Value,
    entry: &Value,
    path: &str,
    ld: &JsonLdProcessor,
    options: &VerifyOptions,
) -> Check {
    if has_type(entry, &BITSTRING_ENTRY_TYPES) {
        bitstring(credential, entry, path, ld, options)
    } else if has_type(entry, &[REVOCATION_LIST_TYPE]) {
        revocation_list(credential, entry, path, options)
    } else {
        unchecked(
            options,
            "status.unsupported",
            &[("type", first_type(entry).into())],
            path,
        )
    }
}

fn bitstring(
    credential: &Value,
    entry: &Value,
    path: &str,
    ld: &JsonLdProcessor,
    options: &VerifyOptions,
) -> Check {
    let parsed = match parse_bitstring_entry(entry) {
        Ok(parsed) => parsed,
        Err(err) => {
            return unchecked(
                options,
                "status.invalid-entry",
                &[("detail", err.to_string().into())],
                path,
            );
        }
    };
    let url = parsed.list_credential.clone();
    let Some(list) = options.status_lists.get(&url) else {
        return unchecked(options, "status.list-missing", &[("url", url.into())], path);
    };
    if let Err(check) = trust_list(credential, list, &url, path, ld, options) {
        return check;
    }
    let value = match check_bitstring(&parsed, list) {
        Ok(value) => value,
        Err(err) => {
            return unchecked(
                options,
                "status.list-invalid",
                &[("url", url.into()), ("detail", err.to_string().into())],
                path,
            );
        }
    };
    let index = parsed.index;
    match (&value.purpose, value.is_set()) {
        (purpose, false) => Check::pass(
            Step::Status,
            "status.ok",
            &[("url", url.into()), ("purpose", purpose.as_str().into())],
        )
        .at(path),
        (StatusPurpose::Revocation, true) => Check::fail(
            Step::Status,
            "status.revoked",
            &[("url", url.into()), ("index", index.into())],
        )
        .at(path),
        (StatusPurpose::Suspension, true) => Check::fail(
            Step::Status,
            "status.suspended",
            &[("url", url.into()), ("index", index.into())],
        )
        .at(path),
        (purpose, true) => Check::warning(
            Step::Status,
            "status.flagged",
            &[
                ("url", url.into()),
                ("purpose", purpose.as_str().into()),
                ("value", value.value.into()),
            ],
        )
        .at(path),
    }
}

/// A status list is evidence only when its issuer is the credential's issuer, its proofs
/// verify with that issuer's keys, and it is within its own validity period.
fn trust_list(
    credential: &Value,
    list: &Value,
    url: &str,
    path: &str,
    ld: &JsonLdProcessor,
    options: &VerifyOptions,
) -> Result<(), Check> {
    let invalid = |detail: String| {
        unchecked(
            options,
            "status.list-invalid",
            &[("url", url.into()), ("detail", detail.into())],
            path,
        )
    };
    let issuer = issuer_id(credential).unwrap_or_default();
    let untrusted = || {
        unchecked(
            options,
            "status.list-unverified",
            &[("url", url.into()), ("issuer", issuer.into())],
            path,
        )
    };
    if issuer_id(list) != Some(issuer) {
        return Err(untrusted());
    }
    let proofs = di::verify(list, &options.controllers, ld);
    if proofs.is_empty() {
        return Err(invalid(
            "the status list credential has no proof".to_owned(),
        ));
    }
    for proof in &proofs {
        if let Err(err) = &proof.outcome {
            return Err(invalid(format!("its proof does not verify: {err}")));
        }
        if proof.controller.as_deref() != Some(issuer) {
            return Err(untrusted());
        }
    }
    match check_validity(list, options.now) {
        Ok(check) => match check.validity {
            Validity::Valid { .. } => Ok(()),
            Validity::NotYetValid { from } => Err(invalid(format!(
                "it is not valid before {}",
                from.to_rfc3339()
            ))),
            Validity::Expired { until } => {
                Err(invalid(format!("it expired at {}", until.to_rfc3339())))
            }
        },
        Err(err) => Err(invalid(err.to_string())),
    }
}

fn revocation_list(
    credential: &Value,
    entry: &Value,
    path: &str,
    options: &VerifyOptions,
) -> Check {
    let Some(url) = entry.get("id").and_then(Value::as_str) else {
        return unchecked(
            options,
            "status.invalid-entry",
            &[("detail", "the 1EdTechRevocationList entry has no id".into())],
            path,
        );
    };
    let Some(credential_id) = credential.get("id").and_then(Value::as_str) else {
        return unchecked(
            options,
            "status.invalid-entry",
            &[("detail", "the credential has no id to look up".into())],
            path,
        );
    };
    let Some(list) = options.status_lists.get(url) else {
        return unchecked(options, "status.list-missing", &[("url", url.into())], path);
    };
    match check_1edtech_revocation(credential_id, list) {
        Ok(status) if status.revoked => {
            let reason = status.reason.unwrap_or_else(|| "—".to_owned());
            Check::fail(
                Step::Status,
                "status.1edtech-revoked",
                &[("url", url.into()), ("reason", reason.into())],
            )
            .at(path)
        }
        Ok(_) => Check::pass(Step::Status, "status.1edtech-ok", &[("url", url.into())]).at(path),
        Err(err) => unchecked(
            options,
            "status.list-invalid",
            &[("url", url.into()), ("detail", err.to_string().into())],
            path,
        ),
    }
}
