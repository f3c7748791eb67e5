//! The 1EdTech Revocation List Status Method (`credentialStatus.type: 1EdTechRevocationList`).

use serde_json::Value;

use super::{RevocationStatus, StatusError};

/// Is `credential_id` revoked by `list` (the JSON document at `credentialStatus.id`)?
///
/// Read as 1EdTech's validator reads it: the `revokedCredential` array (the spec prose says
/// `revokedCredentials`, so both are accepted) holds `{id, revoked?, revocationReason?}`
/// objects, and a credential is revoked when its id is listed with `revoked` true or absent.
/// A bare id string is accepted as an item too, as Open Badges 2.0 lists allowed.
pub fn check_1edtech_revocation(
    credential_id: &str,
    list: &Value,
) -> Result<RevocationStatus, StatusError> {
    let object = list.as_object().ok_or(StatusError::NotAnObject {
        what: "the revocation list",
    })?;
    let items = match object
        .get("revokedCredential")
        .or_else(|| object.get("revokedCredentials"))
    {
        Some(Value::Array(items)) => items.as_slice(),
        Some(single @ Value::Object(_)) => std::slice::from_ref(single),
        Some(_) => {
            return Err(StatusError::Malformed {
                field: "revokedCredential",
                reason: "it must be an array".into(),
            });
        }
        None => return Err(StatusError::NotARevocationList),
    };

    for item in items {
        let (id, revoked, reason) = read_item(item)?;
        if id == credential_id && revoked {
            return Ok(RevocationStatus {
                revoked: true,
                reason,
            });
        }
    }
    Ok(RevocationStatus {
        revoked: false,
        reason: None,
    })
}

fn read_item(item: &Value) -> Result<(&str, bool, Option<String>), StatusError> {
    match item {
        Value::String(id) => Ok((id, true, None)),
        Value::Object(object) => {
            let id =
                object
                    .get("id")
                    .and_then(Value::as_str)
                    .ok_or_else(|| StatusError::Malformed {
                        field: "revokedCredential",
                        reason: "an entry has no string `id`".into(),
                    })?;
            let revoked = match object.get("revoked") {
                None | Some(Value::Null) => true,
                Some(Value::Bool(revoked)) => *revoked,
                Some(_) => {
                    return Err(StatusError::Malformed {
                        field: "revokedCredential.revoked",
                        reason: format!("entry {id}: it must be true or false"),
                    });
                }
            };
            let reason = object
                .get("revocationReason")
                .and_then(Value::as_str)
                .map(str::to_owned);
            Ok((id, revoked, reason))
        }
        _ => Err(StatusError::Malformed {
            field: "revokedCredential",
            reason: "each entry must be an object or an id string".into(),
        }),
    }
}
