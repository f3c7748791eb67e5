//! Reading an entry's status from a list credential, and building list credentials.

use serde_json::{Value, json};

use super::entry::type_includes;
use super::{
    BitstringEntry, BitstringStatusList, MIN_LIST_BITS, StatusError, StatusPurpose, StatusValue,
};

/// The `message` the entry's `statusMessage` array gives for `value` (matched on its `0x…`
/// `status`), for reporting a `message`-purpose status. `None` when the entry has no such
/// message.
pub fn status_message(entry: &Value, value: u64) -> Option<&str> {
    entry
        .get("statusMessage")?
        .as_array()?
        .iter()
        .find(|item| {
            item.get("status")
                .and_then(Value::as_str)
                .and_then(|status| {
                    let digits = status
                        .strip_prefix("0x")
                        .or_else(|| status.strip_prefix("0X"))?;
                    u64::from_str_radix(digits, 16).ok()
                })
                == Some(value)
        })?
        .get("message")?
        .as_str()
}

const LIST_CREDENTIAL_TYPES: [&str; 2] =
    ["BitstringStatusListCredential", "StatusList2021Credential"];
const LIST_SUBJECT_TYPES: [&str; 2] = ["BitstringStatusList", "StatusList2021"];

/// Reads the status of `entry` from `list_credential`, following the spec's validate
/// algorithm: list type, subject type, purpose match, expansion, the 131,072-entry minimum
/// (STATUS_LIST_LENGTH_ERROR) and the range check (RANGE_ERROR).
///
/// Does not verify the list credential's proof or validity period: the verifier does that
/// with `di` as for any credential, and must do so before trusting this answer.
pub fn check_bitstring(
    entry: &BitstringEntry,
    list_credential: &Value,
) -> Result<StatusValue, StatusError> {
    if entry.status_size == 0 || entry.status_size > 64 {
        return Err(StatusError::UnsupportedStatusSize(u64::from(
            entry.status_size,
        )));
    }
    let credential = list_credential
        .as_object()
        .ok_or(StatusError::NotAnObject {
            what: "the status list credential",
        })?;
    let credential_type = credential
        .get("type")
        .ok_or(StatusError::MissingField { field: "type" })?;
    if !type_includes(credential_type, &LIST_CREDENTIAL_TYPES) {
        return Err(StatusError::NotAStatusListCredential {
            found: credential_type.to_string(),
        });
    }

    let subject = list_subject(credential.get("credentialSubject"))?;

    // A list that states its entry size must agree with the entry, or every value read
    // from it would be misaligned.
    if let Some(list_size) = subject.get("statusSize")
        && list_size.as_u64() != Some(u64::from(entry.status_size))
    {
        return Err(StatusError::StatusSizeMismatch {
            entry: entry.status_size,
            list: list_size.to_string(),
        });
    }

    let list_purposes = purposes(subject.get("statusPurpose"))?;
    if !list_purposes.iter().any(|p| p == entry.purpose.as_str()) {
        return Err(StatusError::PurposeMismatch {
            entry: entry.purpose.as_str().to_owned(),
            list: list_purposes,
        });
    }

    let encoded = match subject.get("encodedList") {
        Some(Value::String(encoded)) => encoded,
        Some(_) => {
            return Err(StatusError::Malformed {
                field: "encodedList",
                reason: "it must be a string".into(),
            });
        }
        None => {
            return Err(StatusError::MissingField {
                field: "encodedList",
            });
        }
    };
    let bits = BitstringStatusList::decode(encoded)?;

    let entries = bits.len_bits() / u64::from(entry.status_size);
    if entries < MIN_LIST_BITS {
        return Err(StatusError::ListTooShort {
            entries,
            minimum: MIN_LIST_BITS,
        });
    }

    let value = bits.get_value(entry.index, entry.status_size)?;
    Ok(StatusValue {
        value,
        purpose: entry.purpose.clone(),
    })
}

/// An unsigned `BitstringStatusListCredential` (VC 2.0 context, which defines every term
/// used), ready for the issuer to sign with `di`. The subject id is `{id}#list`, as in the
/// spec's examples.
pub fn status_list_credential(
    id: &str,
    issuer: &str,
    purpose: &StatusPurpose,
    list: &BitstringStatusList,
    valid_from: &str,
) -> Result<Value, StatusError> {
    Ok(json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": id,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": valid_from,
        "credentialSubject": {
            "id": format!("{id}#list"),
            "type": "BitstringStatusList",
            "statusPurpose": purpose.as_str(),
            "encodedList": list.encode()?,
        }
    }))
}

/// The list subject; an array is accepted when exactly one of its members is a status list,
/// so a list can never be read from an ambiguous credential.
fn list_subject(subject: Option<&Value>) -> Result<&serde_json::Map<String, Value>, StatusError> {
    let subject = subject.ok_or(StatusError::MissingField {
        field: "credentialSubject",
    })?;
    let candidates: Vec<&serde_json::Map<String, Value>> = match subject {
        Value::Object(object) => vec![object],
        Value::Array(items) => items.iter().filter_map(Value::as_object).collect(),
        _ => Vec::new(),
    };
    let mut lists = candidates.iter().filter(|object| {
        object
            .get("type")
            .is_some_and(|t| type_includes(t, &LIST_SUBJECT_TYPES))
    });
    match (lists.next(), lists.next()) {
        (Some(list), None) => Ok(list),
        (Some(_), Some(_)) => Err(StatusError::Malformed {
            field: "credentialSubject",
            reason: "it holds more than one status list".into(),
        }),
        (None, _) => Err(StatusError::NotAStatusList {
            found: candidates
                .first()
                .and_then(|object| object.get("type"))
                .map_or_else(|| "(none)".to_owned(), Value::to_string),
        }),
    }
}

/// `statusPurpose` of a list: one string or several.
fn purposes(value: Option<&Value>) -> Result<Vec<String>, StatusError> {
    let malformed = || StatusError::Malformed {
        field: "credentialSubject.statusPurpose",
        reason: "it must be a string or an array of strings".into(),
    };
    match value {
        None => Err(StatusError::MissingField {
            field: "credentialSubject.statusPurpose",
        }),
        Some(Value::String(purpose)) => Ok(vec![purpose.clone()]),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| item.as_str().map(str::to_owned).ok_or_else(malformed))
            .collect(),
        Some(_) => Err(malformed()),
    }
}
