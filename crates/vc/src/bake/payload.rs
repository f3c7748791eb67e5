//! Telling a baked JSON credential from a compact JWS, and checking text before baking it.

use super::{BakeError, BakedPayload, MAX_BAKED_CREDENTIAL_BYTES};

/// Classifies baked text. JSON is recognised by its opening brace, a JWS by its three
/// base64url segments; an Open Badges 2.0 image may instead hold the URL of a hosted
/// assertion, which is reported as such rather than as garbage.
pub(super) fn classify(text: &str) -> Result<BakedPayload, BakeError> {
    let trimmed = text.trim();
    if trimmed.starts_with('{') {
        return Ok(BakedPayload::Json(trimmed.to_owned()));
    }
    if is_compact_jws(trimmed) {
        return Ok(BakedPayload::Jwt(trimmed.to_owned()));
    }
    if trimmed.starts_with("https://") || trimmed.starts_with("http://") {
        return Err(BakeError::HostedAssertion(trimmed.to_owned()));
    }
    if trimmed.is_empty() {
        return Err(BakeError::NoCredential);
    }
    Err(BakeError::InvalidPayload(
        "the baked text is neither a JSON credential nor a compact JWS".into(),
    ))
}

/// Checks a payload before baking, so a typo does not produce an image that no verifier can
/// read: JSON must parse as an object, a JWT must be a compact JWS, and neither may contain
/// NUL (PNG text cannot) or exceed the size cap.
pub(super) fn check_for_baking(payload: &BakedPayload) -> Result<&str, BakeError> {
    let text = payload.as_str();
    if text.len() > MAX_BAKED_CREDENTIAL_BYTES {
        return Err(BakeError::CredentialTooLarge {
            limit: MAX_BAKED_CREDENTIAL_BYTES,
        });
    }
    if text.contains('\0') {
        return Err(BakeError::InvalidPayload(
            "it contains a NUL character".into(),
        ));
    }
    match payload {
        BakedPayload::Json(json) => match serde_json::from_str::<serde_json::Value>(json) {
            Ok(serde_json::Value::Object(_)) => Ok(text),
            Ok(_) => Err(BakeError::InvalidPayload(
                "the JSON credential must be a JSON object".into(),
            )),
            Err(e) => Err(BakeError::InvalidPayload(format!(
                "the JSON credential does not parse: {e}"
            ))),
        },
        BakedPayload::Jwt(jwt) if is_compact_jws(jwt) => Ok(text),
        BakedPayload::Jwt(_) => Err(BakeError::InvalidPayload(
            "the JWT must be a compact JWS: three base64url segments joined by dots".into(),
        )),
    }
}

fn is_compact_jws(text: &str) -> bool {
    let mut segments = 0;
    for segment in text.split('.') {
        segments += 1;
        let base64url = segment
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        // The header and payload are never empty; the signature of an unsecured JWS can be.
        if !base64url || (segment.is_empty() && segments < 3) {
            return false;
        }
    }
    segments == 3
}
