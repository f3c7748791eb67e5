//! Reading a `credentialStatus` entry of type `BitstringStatusListEntry`.

use serde_json::Value;

use super::{BitstringEntry, StatusError, StatusPurpose};

/// Entry types read as Bitstring Status List entries. `StatusList2021Entry` is the same
/// mechanism under its pre-standard name and is still issued by deployed platforms.
const ENTRY_TYPES: [&str; 2] = ["BitstringStatusListEntry", "StatusList2021Entry"];

/// Parses one `credentialStatus` object.
///
/// `statusListIndex` is a string of decimal digits per the spec; a JSON integer is accepted
/// too because 1EdTech's own validator fixtures use one. A `statusSize` above 1 requires a
/// `statusMessage` array with one message per possible value, as the spec says.
pub fn parse_bitstring_entry(entry: &Value) -> Result<BitstringEntry, StatusError> {
    let object = entry.as_object().ok_or(StatusError::NotAnObject {
        what: "credentialStatus",
    })?;

    let entry_type = object
        .get("type")
        .ok_or(StatusError::MissingField { field: "type" })?;
    if !type_includes(entry_type, &ENTRY_TYPES) {
        return Err(StatusError::NotABitstringEntry {
            found: entry_type.to_string(),
        });
    }

    let id = match object.get("id") {
        None | Some(Value::Null) => None,
        Some(Value::String(id)) => Some(id.clone()),
        Some(_) => {
            return Err(StatusError::Malformed {
                field: "id",
                reason: "it must be a string".into(),
            });
        }
    };

    let purpose = match object.get("statusPurpose") {
        Some(Value::String(purpose)) if !purpose.is_empty() => StatusPurpose::from_name(purpose),
        Some(_) => {
            return Err(StatusError::Malformed {
                field: "statusPurpose",
                reason: "it must be a non-empty string".into(),
            });
        }
        None => {
            return Err(StatusError::MissingField {
                field: "statusPurpose",
            });
        }
    };

    let index = parse_index(object.get("statusListIndex"))?;

    let list_credential = match object.get("statusListCredential") {
        Some(Value::String(url)) if !url.trim().is_empty() => url.clone(),
        Some(_) => {
            return Err(StatusError::Malformed {
                field: "statusListCredential",
                reason: "it must be a non-empty URL string".into(),
            });
        }
        None => {
            return Err(StatusError::MissingField {
                field: "statusListCredential",
            });
        }
    };

    let status_size = parse_status_size(object.get("statusSize"))?;
    check_status_messages(object.get("statusMessage"), status_size)?;

    Ok(BitstringEntry {
        id,
        purpose,
        index,
        list_credential,
        status_size,
    })
}

/// True when `type` (a string or an array of strings) names one of `wanted`.
pub(super) fn type_includes(value: &Value, wanted: &[&str]) -> bool {
    match value {
        Value::String(name) => wanted.contains(&name.as_str()),
        Value::Array(items) => items
            .iter()
            .any(|item| item.as_str().is_some_and(|name| wanted.contains(&name))),
        _ => false,
    }
}

fn parse_index(value: Option<&Value>) -> Result<u64, StatusError> {
    let malformed = |reason: &str| StatusError::Malformed {
        field: "statusListIndex",
        reason: reason.to_owned(),
    };
    match value {
        None => Err(StatusError::MissingField {
            field: "statusListIndex",
        }),
        Some(Value::String(digits)) => {
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(malformed(
                    "it must be a non-negative integer written in base-10 digits",
                ));
            }
            digits
                .parse::<u64>()
                .map_err(|_| malformed("it is larger than any status list can be"))
        }
        Some(Value::Number(number)) => number
            .as_u64()
            .ok_or_else(|| malformed("it must be a non-negative integer")),
        Some(_) => Err(malformed("it must be a string of base-10 digits")),
    }
}

fn parse_status_size(value: Option<&Value>) -> Result<u32, StatusError> {
    match value {
        None | Some(Value::Null) => Ok(1),
        Some(Value::Number(number)) => match number.as_u64() {
            Some(size @ 1..=64) => {
                u32::try_from(size).map_err(|_| StatusError::UnsupportedStatusSize(size))
            }
            Some(size) => Err(StatusError::UnsupportedStatusSize(size)),
            None => Err(StatusError::Malformed {
                field: "statusSize",
                reason: "it must be an integer greater than zero".into(),
            }),
        },
        Some(_) => Err(StatusError::Malformed {
            field: "statusSize",
            reason: "it must be an integer greater than zero".into(),
        }),
    }
}

/// The spec ties `statusMessage` to `statusSize`: required above 1 bit, and exactly
/// 2^statusSize messages when present.
fn check_status_messages(value: Option<&Value>, status_size: u32) -> Result<(), StatusError> {
    match value {
        None | Some(Value::Null) if status_size > 1 => Err(StatusError::Malformed {
            field: "statusMessage",
            reason: format!("it is required when statusSize is {status_size}"),
        }),
        None | Some(Value::Null) => Ok(()),
        Some(Value::Array(messages)) => {
            let expected = 1u128 << status_size;
            if messages.len() as u128 != expected {
                return Err(StatusError::Malformed {
                    field: "statusMessage",
                    reason: format!(
                        "it has {} messages but statusSize {status_size} needs {expected}",
                        messages.len()
                    ),
                });
            }
            Ok(())
        }
        Some(_) => Err(StatusError::Malformed {
            field: "statusMessage",
            reason: "it must be an array".into(),
        }),
    }
}
