//! Compact JWS framing: `base64url(header).base64url(payload).base64url(signature)`.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value};

use super::JwtError;

pub(crate) fn encode_part(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn decode_part(part: &str, name: &str) -> Result<Vec<u8>, JwtError> {
    URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|err| JwtError::Malformed(format!("{name} is not base64url: {err}")))
}

fn json_object(bytes: &[u8], name: &str) -> Result<Map<String, Value>, JwtError> {
    match serde_json::from_slice(bytes) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(_) => Err(JwtError::Malformed(format!("{name} is not a JSON object"))),
        Err(err) => Err(JwtError::Malformed(format!("{name} is not JSON: {err}"))),
    }
}

/// A split and decoded token.
pub(crate) struct Compact<'a> {
    pub header: Map<String, Value>,
    pub payload: Map<String, Value>,
    /// `header.payload`, the signed bytes.
    pub signing_input: &'a str,
    pub signature: Vec<u8>,
}

pub(crate) fn split(token: &str) -> Result<Compact<'_>, JwtError> {
    let token = token.trim();
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(JwtError::Malformed(format!(
            "expected 3 dot-separated parts, found {}",
            token.split('.').count()
        )));
    };
    let signing_input = token
        .get(..header.len() + 1 + payload.len())
        .unwrap_or_default();
    Ok(Compact {
        header: json_object(&decode_part(header, "header")?, "header")?,
        payload: json_object(&decode_part(payload, "payload")?, "payload")?,
        signing_input,
        signature: decode_part(signature, "signature")?,
    })
}
