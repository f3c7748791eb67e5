//! Verifying a VC-JWT.

use serde_json::{Map, Value};

use super::claims::{CheckedClaims, REGISTERED, check};
use super::compact::split;
use super::{JwtError, JwtWarning};
use crate::did::ControllerDocuments;
use crate::keys::{JwsAlgorithm, KeyError, PublicKey};

/// Where the verifying key came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JwtKeySource {
    /// `kid`, resolved through did:key or the supplied controller documents.
    Kid,
    /// The token's own `jwk` header.
    EmbeddedJwk,
}

/// A verified VC-JWT.
#[derive(Debug, Clone, PartialEq)]
pub struct JwtVerified {
    /// The credential, without the JWT registered claims (from the `vc` claim in the VC 1.1
    /// form, completed from `iss`/`jti`/`sub`/`nbf`/`exp` where it lacks them).
    pub credential: Value,
    pub alg: JwsAlgorithm,
    pub kid: Option<String>,
    pub key_source: JwtKeySource,
    /// The key's controller when it was resolved from `kid`.
    pub controller: Option<String>,
    pub claims: CheckedClaims,
    pub warnings: Vec<JwtWarning>,
}

const ALLOWED_HEADERS: [&str; 4] = ["alg", "kid", "jwk", "typ"];

/// Verifies the signature, then checks the claims against the credential.
pub fn verify(token: &str, resolver: &ControllerDocuments) -> Result<JwtVerified, JwtError> {
    let compact = split(token)?;
    let header = &compact.header;
    let mut warnings = Vec::new();

    let alg = match header.get("alg") {
        Some(Value::String(alg)) if alg.eq_ignore_ascii_case("none") => {
            return Err(JwtError::AlgNone);
        }
        Some(Value::String(alg)) => JwsAlgorithm::from_jose(alg)
            .ok_or_else(|| JwtError::UnsupportedAlgorithm(alg.clone()))?,
        _ => return Err(JwtError::Malformed("header has no string \"alg\"".into())),
    };
    if let Some(typ) = header.get("typ") {
        let typ = typ.as_str().unwrap_or_default();
        if !typ.eq_ignore_ascii_case("JWT") {
            return Err(JwtError::BadType(typ.to_owned()));
        }
    }
    if let Some(crit) = header.get("crit") {
        return Err(JwtError::CriticalHeader(crit.to_string()));
    }
    for name in header
        .keys()
        .filter(|name| !ALLOWED_HEADERS.contains(&name.as_str()))
    {
        warnings.push(JwtWarning::ExtraHeader(name.clone()));
    }

    let kid = header.get("kid").and_then(Value::as_str).map(str::to_owned);
    let embedded = header.get("jwk").map(PublicKey::from_jwk).transpose()?;
    let (key, key_source, controller) = match (&kid, embedded) {
        (_, Some(jwk)) => {
            // A kid next to a jwk must name the same key when we can resolve it.
            if let Some(kid) = &kid
                && let Ok(resolved) = resolver.resolve(kid)
                && resolved.public_key != jwk
            {
                return Err(JwtError::KidJwkMismatch { kid: kid.clone() });
            }
            warnings.push(JwtWarning::EmbeddedJwk);
            (jwk, JwtKeySource::EmbeddedJwk, None)
        }
        (Some(kid), None) => {
            // A relative kid ("#key-1") is relative to the issuer, as in a DID document.
            let resolved = match (kid.starts_with('#'), compact.payload.get("iss")) {
                (true, Some(Value::String(iss))) => resolver.resolve(&format!("{iss}{kid}"))?,
                _ => resolver.resolve(kid)?,
            };
            if !resolved.purposes_ok {
                return Err(JwtError::NotAssertionMethod {
                    id: resolved.id,
                    controller: resolved.controller,
                });
            }
            (
                resolved.public_key,
                JwtKeySource::Kid,
                Some(resolved.controller),
            )
        }
        (None, None) => return Err(JwtError::MissingKey),
    };
    key.verify(alg, compact.signing_input.as_bytes(), &compact.signature)
        .map_err(|err| match err {
            KeyError::BadSignature => JwtError::BadSignature,
            other => JwtError::Key(other),
        })?;

    let payload = compact.payload;
    let (credential, claims) = match payload.get("vc") {
        Some(Value::Object(vc)) => {
            warnings.push(JwtWarning::VcClaim);
            let mut credential = vc.clone();
            complete_vc11(&mut credential, &payload);
            let claims = check(
                &payload,
                &credential,
                "issuanceDate",
                "expirationDate",
                &mut warnings,
            )?;
            (credential, claims)
        }
        Some(_) => {
            return Err(JwtError::NotACredential(
                "the \"vc\" claim is not an object".into(),
            ));
        }
        None => {
            if !payload.contains_key("type") && !payload.contains_key("@context") {
                return Err(JwtError::NotACredential(
                    "no @context, type or vc claim".into(),
                ));
            }
            let claims = check(&payload, &payload, "validFrom", "validUntil", &mut warnings)?;
            let credential: Map<String, Value> = payload
                .into_iter()
                .filter(|(name, _)| !REGISTERED.contains(&name.as_str()))
                .collect();
            (credential, claims)
        }
    };
    Ok(JwtVerified {
        credential: Value::Object(credential),
        alg,
        kid,
        key_source,
        controller,
        claims,
        warnings,
    })
}

/// VC-JWT 1.1 decoding: registered claims stand in for the credential members they replace.
fn complete_vc11(credential: &mut Map<String, Value>, claims: &Map<String, Value>) {
    if let Some(iss) = claims.get("iss").and_then(Value::as_str) {
        match credential.get_mut("issuer") {
            None => {
                credential.insert("issuer".into(), Value::String(iss.to_owned()));
            }
            Some(Value::Object(profile)) if !profile.contains_key("id") => {
                profile.insert("id".into(), Value::String(iss.to_owned()));
            }
            _ => {}
        }
    }
    if let Some(jti) = claims.get("jti").and_then(Value::as_str)
        && !credential.contains_key("id")
    {
        credential.insert("id".into(), Value::String(jti.to_owned()));
    }
    if let Some(sub) = claims.get("sub").and_then(Value::as_str)
        && let Some(Value::Object(subject)) = credential.get_mut("credentialSubject")
        && !subject.contains_key("id")
    {
        subject.insert("id".into(), Value::String(sub.to_owned()));
    }
    for (claim, member) in [("nbf", "issuanceDate"), ("exp", "expirationDate")] {
        if let Some(seconds) = claims.get(claim).and_then(Value::as_i64)
            && !credential.contains_key(member)
            && let Some(date) = chrono::DateTime::from_timestamp(seconds, 0)
        {
            credential.insert(
                member.into(),
                Value::String(date.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
            );
        }
    }
}
