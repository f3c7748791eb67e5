//! Issuing a VC-JWT.

use serde_json::{Map, Value};

use super::JwtError;
use super::claims::{issuer_id, numeric_date, subject_id};
use super::compact::encode_part;
use crate::keys::KeyPair;

/// How the header names the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JwtKeyHeader {
    /// `kid`: a verification method URL (did:key, or an https / did:web key whose controller
    /// document verifiers can obtain). Preferred: it binds the key to the issuer.
    Kid(String),
    /// `jwk`: the public key itself (never `d`).
    Jwk,
}

/// Signs `credential` as a VC-JWT: EdDSA for Ed25519 keys, ES256 for P-256 keys.
pub fn issue(
    credential: &Value,
    key: &KeyPair,
    header_key: JwtKeyHeader,
) -> Result<String, JwtError> {
    let object = credential
        .as_object()
        .ok_or_else(|| JwtError::Issue("the credential must be a JSON object".into()))?;
    let public = key.public_key();
    let mut header = Map::new();
    header.insert(
        "alg".into(),
        Value::String(public.jws_algorithm().as_str().to_owned()),
    );
    header.insert("typ".into(), Value::String("JWT".to_owned()));
    match header_key {
        JwtKeyHeader::Kid(kid) => header.insert("kid".into(), Value::String(kid)),
        JwtKeyHeader::Jwk => header.insert("jwk".into(), public.to_jwk()),
    };

    let mut claims = object.clone();
    let iss = issuer_id(object)
        .ok_or_else(|| JwtError::Issue("the credential has no issuer id".into()))?;
    claims.insert("iss".into(), Value::String(iss.to_owned()));
    if let Some(id) = object.get("id").and_then(Value::as_str) {
        claims.insert("jti".into(), Value::String(id.to_owned()));
    }
    let nbf = numeric_date(object, "validFrom")?
        .ok_or_else(|| JwtError::Issue("the credential has no validFrom".into()))?;
    claims.insert("nbf".into(), Value::from(nbf));
    if let Some(sub) = subject_id(object) {
        claims.insert("sub".into(), Value::String(sub.to_owned()));
    }
    if let Some(exp) = numeric_date(object, "validUntil")? {
        claims.insert("exp".into(), Value::from(exp));
    }

    let header = serde_json::to_vec(&Value::Object(header))
        .map_err(|err| JwtError::Issue(err.to_string()))?;
    let payload = serde_json::to_vec(&Value::Object(claims))
        .map_err(|err| JwtError::Issue(err.to_string()))?;
    let mut token = encode_part(&header);
    token.push('.');
    token.push_str(&encode_part(&payload));
    let signature = key.sign(token.as_bytes());
    token.push('.');
    token.push_str(&encode_part(&signature));
    Ok(token)
}
