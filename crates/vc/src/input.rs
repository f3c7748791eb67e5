//! What `tsumiki verify` accepts, recognised and decoded: a JSON credential, a compact VC-JWT,
//! or a badge image (PNG or SVG) with a credential baked into it.
//!
//! Input is hostile until proven otherwise, so the size limit is enforced before anything is
//! read and the nesting depth is measured by a flat scan *before* serde_json parses (serde's
//! own recursion limit of 128 is a backstop, not a policy, and deeper documents cost stack
//! in every later recursive step: JSON-LD expansion, structure checks).

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value};

use crate::bake::{BakeError, BakedPayload, unbake_png, unbake_svg};

/// Limits applied to everything `decode` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InputLimits {
    /// Largest credential accepted, in bytes: JSON or JWT text, including the one baked into
    /// an image.
    pub max_bytes: usize,
    /// Largest baked PNG or SVG accepted. Badge artwork is routinely larger than the
    /// credential it carries, so images get their own, larger bound.
    pub max_image_bytes: usize,
    /// Deepest JSON nesting accepted (objects and arrays).
    pub max_depth: usize,
}

impl Default for InputLimits {
    fn default() -> Self {
        Self {
            max_bytes: 1024 * 1024,
            max_image_bytes: 8 * 1024 * 1024,
            max_depth: 64,
        }
    }
}

/// How the credential arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    Json,
    Jwt,
    Png,
    Svg,
}

impl InputFormat {
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Json => "JSON",
            InputFormat::Jwt => "VC-JWT",
            InputFormat::Png => "PNG",
            InputFormat::Svg => "SVG",
        }
    }
}

/// The credential found in the input.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    /// A JSON credential (secured, if at all, by embedded proofs).
    Credential(Value),
    /// A compact VC-JWT, with the credential read from it *without* checking the signature
    /// (so structure and dates can be reported even when the signature fails).
    Jwt { token: String, credential: Value },
}

impl Payload {
    pub fn credential(&self) -> &Value {
        match self {
            Payload::Credential(credential) | Payload::Jwt { credential, .. } => credential,
        }
    }
}

/// Decoded input: where it came from and what it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodedInput {
    pub format: InputFormat,
    pub payload: Payload,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum InputError {
    #[error("the input is empty")]
    Empty,
    #[error("the input is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    #[error("the JSON is nested deeper than {limit} levels")]
    TooDeep { limit: usize },
    #[error("the input is not valid UTF-8")]
    NotUtf8,
    #[error("not valid JSON: {0}")]
    NotJson(String),
    #[error("the credential is not a JSON object")]
    NotObject,
    #[error("not a JSON credential, a VC-JWT, or a baked PNG or SVG")]
    UnknownFormat,
    #[error("malformed VC-JWT: {0}")]
    JwtMalformed(String),
    #[error("no credential could be read from the {format:?} image: {error}")]
    Bake {
        format: InputFormat,
        error: BakeError,
    },
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// Recognises and decodes `input`.
pub fn decode(input: &[u8], limits: &InputLimits) -> Result<DecodedInput, InputError> {
    let limit = if looks_like_image(input) {
        limits.max_image_bytes.max(limits.max_bytes)
    } else {
        limits.max_bytes
    };
    if input.len() > limit {
        return Err(InputError::TooLarge {
            size: input.len(),
            limit,
        });
    }
    if input.starts_with(PNG_SIGNATURE) {
        let baked = unbake_png(input).map_err(|error| InputError::Bake {
            format: InputFormat::Png,
            error,
        })?;
        return decode_baked(baked, InputFormat::Png, limits);
    }
    let text = std::str::from_utf8(input).map_err(|_| InputError::NotUtf8)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).trim();
    match text.chars().next() {
        None => Err(InputError::Empty),
        Some('{' | '[') => Ok(DecodedInput {
            format: InputFormat::Json,
            payload: Payload::Credential(parse_credential(text, limits)?),
        }),
        Some('<') => {
            let baked = unbake_svg(text).map_err(|error| InputError::Bake {
                format: InputFormat::Svg,
                error,
            })?;
            decode_baked(baked, InputFormat::Svg, limits)
        }
        Some(_) if is_compact_jws(text) => Ok(DecodedInput {
            format: InputFormat::Jwt,
            payload: Payload::Jwt {
                token: text.to_owned(),
                credential: jwt_credential(text, limits)?,
            },
        }),
        Some(_) => Err(InputError::UnknownFormat),
    }
}

/// A PNG signature, or text whose first non-blank character opens an XML element.
fn looks_like_image(input: &[u8]) -> bool {
    let text = input.strip_prefix(b"\xef\xbb\xbf").unwrap_or(input);
    input.starts_with(PNG_SIGNATURE)
        || text
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|&b| b == b'<')
}

fn decode_baked(
    baked: BakedPayload,
    format: InputFormat,
    limits: &InputLimits,
) -> Result<DecodedInput, InputError> {
    let payload = match baked {
        BakedPayload::Json(text) => Payload::Credential(parse_credential(&text, limits)?),
        BakedPayload::Jwt(token) => {
            let credential = jwt_credential(&token, limits)?;
            Payload::Jwt { token, credential }
        }
    };
    Ok(DecodedInput { format, payload })
}

/// Three dot-separated, non-empty base64url segments.
fn is_compact_jws(text: &str) -> bool {
    let segments: Vec<&str> = text.split('.').collect();
    segments.len() == 3
        && segments.iter().all(|segment| {
            !segment.is_empty()
                && segment
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

/// Parses JSON text that must be an object, enforcing the limits first.
pub fn parse_credential(text: &str, limits: &InputLimits) -> Result<Value, InputError> {
    if text.len() > limits.max_bytes {
        return Err(InputError::TooLarge {
            size: text.len(),
            limit: limits.max_bytes,
        });
    }
    check_depth(text.as_bytes(), limits.max_depth)?;
    match serde_json::from_str(text) {
        Ok(value @ Value::Object(_)) => Ok(value),
        Ok(_) => Err(InputError::NotObject),
        Err(err) => Err(InputError::NotJson(err.to_string())),
    }
}

/// Fails when any `[`/`{` outside a string is nested deeper than `max_depth`. One pass, no
/// recursion, no allocation: it cannot be made to overflow the stack, whatever the input.
/// Malformed JSON is left for the parser to reject.
pub fn check_depth(bytes: &[u8], max_depth: usize) -> Result<(), InputError> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for &byte in bytes {
        if in_string {
            match (escaped, byte) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max_depth {
                    return Err(InputError::TooDeep { limit: max_depth });
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// JWT registered claims; OB 3.0 puts them next to the credential's own properties.
const REGISTERED_CLAIMS: [&str; 7] = ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"];

/// The credential inside a VC-JWT, read without verifying it: the `vc` claim (VC 1.1 form),
/// or else the payload minus the registered claims (OB 3.0 form).
fn jwt_credential(token: &str, limits: &InputLimits) -> Result<Value, InputError> {
    let malformed = |detail: String| InputError::JwtMalformed(detail);
    let payload = token
        .split('.')
        .nth(1)
        .ok_or_else(|| malformed("no payload segment".into()))?;
    let bytes = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|err| malformed(format!("the payload is not base64url: {err}")))?;
    let text =
        std::str::from_utf8(&bytes).map_err(|_| malformed("the payload is not UTF-8".into()))?;
    let payload = match parse_credential(text, limits) {
        Ok(Value::Object(payload)) => payload,
        Ok(_) | Err(InputError::NotObject) => {
            return Err(malformed("the payload is not a JSON object".into()));
        }
        Err(InputError::NotJson(detail)) => {
            return Err(malformed(format!("the payload is not JSON: {detail}")));
        }
        Err(other) => return Err(other),
    };
    match payload.get("vc") {
        Some(Value::Object(vc)) => Ok(Value::Object(vc.clone())),
        Some(_) => Err(malformed("the \"vc\" claim is not an object".into())),
        None => Ok(Value::Object(
            payload
                .into_iter()
                .filter(|(name, _)| !REGISTERED_CLAIMS.contains(&name.as_str()))
                .collect::<Map<_, _>>(),
        )),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use serde_json::json;

    fn limits() -> InputLimits {
        InputLimits::default()
    }

    #[test]
    fn images_have_their_own_larger_bound_but_the_baked_credential_does_not() {
        let limits = InputLimits {
            max_bytes: 200,
            max_image_bytes: 2000,
            max_depth: 64,
        };
        let artwork = format!("<!-- {} -->", "x".repeat(1000));
        let svg = |credential: &str| {
            let image = format!(r#"<svg xmlns="http://www.w3.org/2000/svg">{artwork}</svg>"#);
            crate::bake::bake_svg(&image, &BakedPayload::Json(credential.to_owned())).unwrap()
        };
        let small = svg(r#"{"a": 1}"#);
        assert!(small.len() > limits.max_bytes);
        assert_eq!(
            decode(small.as_bytes(), &limits).unwrap().format,
            InputFormat::Svg
        );

        let big_credential = svg(&format!(r#"{{"pad": "{}"}}"#, "y".repeat(300)));
        assert!(matches!(
            decode(big_credential.as_bytes(), &limits),
            Err(InputError::TooLarge { limit: 200, .. })
        ));

        let huge = format!("{small}{}", " ".repeat(2000));
        assert!(matches!(
            decode(huge.as_bytes(), &limits),
            Err(InputError::TooLarge { limit: 2000, .. })
        ));
        // The same size as JSON text is held to the credential bound.
        let json = format!(r#"{{"pad": "{}"}}"#, "z".repeat(500));
        assert!(matches!(
            decode(json.as_bytes(), &limits),
            Err(InputError::TooLarge { limit: 200, .. })
        ));
    }

    #[test]
    fn json_objects_are_credentials() {
        let decoded = decode(b"\xef\xbb\xbf  {\"a\": [1, \"]]]\"]}\n", &limits()).unwrap();
        assert_eq!(decoded.format, InputFormat::Json);
        assert_eq!(decoded.payload.credential(), &json!({"a": [1, "]]]"]}));
        assert_eq!(decode(b"[1]", &limits()), Err(InputError::NotObject));
        assert!(matches!(
            decode(b"{\"a\":", &limits()),
            Err(InputError::NotJson(_))
        ));
    }

    #[test]
    fn size_is_checked_before_anything_else() {
        let small = InputLimits {
            max_bytes: 8,
            max_image_bytes: 8,
            max_depth: 64,
        };
        assert_eq!(
            decode(b"{\"a\": 12345}", &small),
            Err(InputError::TooLarge { size: 12, limit: 8 })
        );
        assert_eq!(
            decode(&[0xff; 9], &small),
            Err(InputError::TooLarge { size: 9, limit: 8 })
        );
    }

    #[test]
    fn depth_is_checked_without_recursion() {
        let deep = "[".repeat(100_000);
        assert_eq!(
            decode(deep.as_bytes(), &limits()),
            Err(InputError::TooDeep { limit: 64 })
        );
        let nested = format!(
            "{}{}",
            "{\"a\":".repeat(64),
            "1".to_owned() + &"}".repeat(64)
        );
        assert!(decode(nested.as_bytes(), &limits()).is_ok());
        let too = format!(
            "{}{}",
            "{\"a\":".repeat(65),
            "1".to_owned() + &"}".repeat(65)
        );
        assert_eq!(
            decode(too.as_bytes(), &limits()),
            Err(InputError::TooDeep { limit: 64 })
        );
        // Brackets inside strings, including after escaped quotes, do not count.
        let quoted = format!("{{\"a\": \"\\\"{}\"}}", "[".repeat(1000));
        assert!(decode(quoted.as_bytes(), &limits()).is_ok());
    }

    #[test]
    fn jwts_are_recognised_and_their_credential_read() {
        let encode = |value: &Value| URL_SAFE_NO_PAD.encode(serde_json::to_vec(value).unwrap());
        let header = encode(&json!({"alg": "EdDSA", "kid": "did:key:z#z"}));
        let payload = encode(
            &json!({"iss": "did:key:z", "jti": "urn:x", "type": ["VerifiableCredential"], "issuer": "did:key:z"}),
        );
        let token = format!("{header}.{payload}.c2ln");
        let decoded = decode(format!("{token}\n").as_bytes(), &limits()).unwrap();
        assert_eq!(decoded.format, InputFormat::Jwt);
        assert_eq!(
            decoded.payload.credential(),
            &json!({"type": ["VerifiableCredential"], "issuer": "did:key:z"})
        );
        let vc11 = encode(&json!({"iss": "x", "vc": {"type": ["VerifiableCredential"]}}));
        let decoded = decode(format!("{header}.{vc11}.c2ln").as_bytes(), &limits()).unwrap();
        assert_eq!(
            decoded.payload.credential(),
            &json!({"type": ["VerifiableCredential"]})
        );
        let not_json = URL_SAFE_NO_PAD.encode(b"hello");
        assert!(matches!(
            decode(format!("{header}.{not_json}.c2ln").as_bytes(), &limits()),
            Err(InputError::JwtMalformed(_))
        ));
    }

    #[test]
    fn unknown_inputs() {
        assert_eq!(decode(b"", &limits()), Err(InputError::Empty));
        assert_eq!(decode(b"  \n", &limits()), Err(InputError::Empty));
        assert_eq!(
            decode(b"hello world", &limits()),
            Err(InputError::UnknownFormat)
        );
        assert_eq!(decode(b"a.b", &limits()), Err(InputError::UnknownFormat));
        assert_eq!(decode(b"\xff\xfe{}", &limits()), Err(InputError::NotUtf8));
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\nxx", &limits()),
            Err(InputError::Bake {
                format: InputFormat::Png,
                ..
            })
        ));
        assert!(matches!(
            decode(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>", &limits()),
            Err(InputError::Bake {
                format: InputFormat::Svg,
                ..
            })
        ));
    }
}
