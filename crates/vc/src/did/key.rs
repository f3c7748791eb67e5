//! did:key (W3C CCG did-method-key): the DID is the Multikey `publicKeyMultibase` itself.

use serde_json::{Value, json};

use super::{ResolveError, ResolvedKey};
use crate::keys::PublicKey;

const PREFIX: &str = "did:key:";

/// `did:key:z6Mk…` (Ed25519) or `did:key:zDn…` (P-256).
pub fn did_key(public: &PublicKey) -> Result<String, ResolveError> {
    Ok(format!("{PREFIX}{}", public.to_multibase()?))
}

/// `did:key:z6Mk…#z6Mk…`, the verification method a proof names.
pub fn did_key_verification_method(public: &PublicKey) -> Result<String, ResolveError> {
    let multibase = public.to_multibase()?;
    Ok(format!("{PREFIX}{multibase}#{multibase}"))
}

/// Splits `did:key:X[#Y]` into X, checking that a fragment, when present, names X itself.
fn parse(url: &str) -> Result<&str, ResolveError> {
    let rest = url
        .strip_prefix(PREFIX)
        .ok_or_else(|| ResolveError::NotDidKey(url.to_owned()))?;
    let (identifier, fragment) = match rest.split_once('#') {
        Some((identifier, fragment)) => (identifier, Some(fragment)),
        None => (rest, None),
    };
    if let Some(fragment) = fragment
        && fragment != identifier
    {
        return Err(ResolveError::DidKeyFragment {
            url: url.to_owned(),
            expected: identifier.to_owned(),
        });
    }
    Ok(identifier)
}

/// Resolves a did:key DID or verification method URL to its key. A did:key lists its key
/// under every verification relationship, so the purpose check always passes.
pub fn resolve_did_key(url: &str) -> Result<ResolvedKey, ResolveError> {
    let identifier = parse(url)?;
    let public_key =
        PublicKey::from_multibase(identifier).map_err(|source| ResolveError::InvalidKey {
            id: url.to_owned(),
            source,
        })?;
    Ok(ResolvedKey {
        id: format!("{PREFIX}{identifier}#{identifier}"),
        controller: format!("{PREFIX}{identifier}"),
        public_key,
        purposes_ok: true,
        method_type: "Multikey".to_owned(),
    })
}

/// The DID document of a did:key, with one `Multikey` verification method.
pub fn did_key_document(did: &str) -> Result<Value, ResolveError> {
    let resolved = resolve_did_key(did)?;
    let multibase = resolved.public_key.to_multibase()?;
    let id = &resolved.id;
    Ok(json!({
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": resolved.controller,
        "verificationMethod": [{
            "id": id,
            "type": "Multikey",
            "controller": resolved.controller,
            "publicKeyMultibase": multibase,
        }],
        "authentication": [id],
        "assertionMethod": [id],
        "capabilityDelegation": [id],
        "capabilityInvocation": [id],
    }))
}
