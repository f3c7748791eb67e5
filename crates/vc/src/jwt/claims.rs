//! The registered claims the Open Badges profile derives from the credential, and their check.

use serde_json::{Map, Value};

use super::{JwtError, JwtWarning};

/// The claims as found in the token, each checked against the credential.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CheckedClaims {
    pub iss: Option<String>,
    pub jti: Option<String>,
    pub sub: Option<String>,
    /// NumericDate (seconds since the epoch).
    pub nbf: Option<i64>,
    pub exp: Option<i64>,
    pub iat: Option<i64>,
}

/// JWT registered claims; they are not part of the credential.
pub(crate) const REGISTERED: [&str; 7] = ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"];

pub(crate) fn issuer_id(credential: &Map<String, Value>) -> Option<&str> {
    match credential.get("issuer")? {
        Value::String(id) => Some(id),
        Value::Object(profile) => profile.get("id")?.as_str(),
        _ => None,
    }
}

pub(crate) fn subject_id(credential: &Map<String, Value>) -> Option<&str> {
    match credential.get("credentialSubject")? {
        Value::Object(subject) => subject.get("id")?.as_str(),
        Value::Array(subjects) => subjects.first()?.get("id")?.as_str(),
        _ => None,
    }
}

/// A date-time member as NumericDate (whole seconds, fractions dropped as RFC 7519 allows).
pub(crate) fn numeric_date(
    credential: &Map<String, Value>,
    member: &'static str,
) -> Result<Option<i64>, JwtError> {
    let Some(value) = credential.get(member) else {
        return Ok(None);
    };
    let text = value.as_str().ok_or_else(|| JwtError::InvalidDate {
        member,
        value: value.to_string(),
    })?;
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|date| Some(date.timestamp()))
        .map_err(|_| JwtError::InvalidDate {
            member,
            value: text.to_owned(),
        })
}

fn claim_string(
    claims: &Map<String, Value>,
    name: &'static str,
) -> Result<Option<String>, JwtError> {
    match claims.get(name) {
        None => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(other) => Err(JwtError::Malformed(format!(
            "claim {name} must be a string, found {other}"
        ))),
    }
}

fn claim_date(claims: &Map<String, Value>, name: &'static str) -> Result<Option<i64>, JwtError> {
    match claims.get(name) {
        None => Ok(None),
        Some(Value::Number(number)) => number
            .as_i64()
            .or_else(|| {
                number
                    .as_f64()
                    .filter(|f| f.is_finite())
                    .map(|f| f.floor() as i64)
            })
            .map(Some)
            .ok_or_else(|| JwtError::Malformed(format!("claim {name} is not a NumericDate"))),
        Some(other) => Err(JwtError::Malformed(format!(
            "claim {name} must be a NumericDate, found {other}"
        ))),
    }
}

/// Compares each claim with the credential. A claim that contradicts the credential is an
/// error; a claim the profile requires but the token lacks is a warning.
pub(crate) fn check(
    claims: &Map<String, Value>,
    credential: &Map<String, Value>,
    valid_from: &'static str,
    valid_until: &'static str,
    warnings: &mut Vec<JwtWarning>,
) -> Result<CheckedClaims, JwtError> {
    let checked = CheckedClaims {
        iss: claim_string(claims, "iss")?,
        jti: claim_string(claims, "jti")?,
        sub: claim_string(claims, "sub")?,
        nbf: claim_date(claims, "nbf")?,
        exp: claim_date(claims, "exp")?,
        iat: claim_date(claims, "iat")?,
    };
    compare(
        "iss",
        checked.iss.as_deref(),
        issuer_id(credential),
        warnings,
    )?;
    compare(
        "jti",
        checked.jti.as_deref(),
        credential.get("id").and_then(Value::as_str),
        warnings,
    )?;
    compare(
        "sub",
        checked.sub.as_deref(),
        subject_id(credential),
        warnings,
    )?;
    compare_date(
        "nbf",
        checked.nbf,
        numeric_date(credential, valid_from)?,
        warnings,
    )?;
    compare_date(
        "exp",
        checked.exp,
        numeric_date(credential, valid_until)?,
        warnings,
    )?;
    Ok(checked)
}

fn compare(
    claim: &'static str,
    in_claim: Option<&str>,
    in_credential: Option<&str>,
    warnings: &mut Vec<JwtWarning>,
) -> Result<(), JwtError> {
    match (in_claim, in_credential) {
        (Some(a), Some(b)) if a != b => Err(JwtError::ClaimMismatch {
            claim,
            claim_value: format!("{a:?}"),
            credential_value: format!("{b:?}"),
        }),
        (Some(a), None) => Err(JwtError::ClaimMismatch {
            claim,
            claim_value: format!("{a:?}"),
            credential_value: "nothing".to_owned(),
        }),
        (None, Some(_)) => {
            warnings.push(JwtWarning::MissingClaim(claim));
            Ok(())
        }
        _ => Ok(()),
    }
}

fn compare_date(
    claim: &'static str,
    in_claim: Option<i64>,
    in_credential: Option<i64>,
    warnings: &mut Vec<JwtWarning>,
) -> Result<(), JwtError> {
    compare(
        claim,
        in_claim.map(|n| n.to_string()).as_deref(),
        in_credential.map(|n| n.to_string()).as_deref(),
        warnings,
    )
}
