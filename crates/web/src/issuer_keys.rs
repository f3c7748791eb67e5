//! Issuer signing keys: generated when an issuer is created, sealed at rest by the store, and
//! unsealed only at the moment of signing.

use rand_core::{OsRng, RngCore as _};
use tsumiki_store::{IdentifierKind, Issuer, NewIssuer, RotatedKey};
use tsumiki_vc::keys::{IssuerKey, KeyPair, PublicKey};

use crate::did_web::{KEY_FRAGMENT, did_web_for};
use crate::{AppState, WebError};

/// The signing key of `issuer`, unsealed with the server's master key, with the verification
/// method and controller its proofs must name. Fails (internal error) when the master key is
/// not the one the key was sealed with, or the stored public key does not match the secret.
pub fn issuer_key(state: &AppState, issuer: &Issuer) -> Result<IssuerKey, WebError> {
    let secret = state
        .store
        .issuer_secret_key(issuer, &state.master_key)
        .map_err(|error| {
            WebError::Internal(format!(
                "unsealing the key of issuer {}: {error}",
                issuer.slug
            ))
        })?;
    let key = KeyPair::from_ed25519_secret(&secret)
        .map_err(|error| WebError::Internal(format!("key of issuer {}: {error}", issuer.slug)))?;
    let stored_public =
        PublicKey::from_multibase(&issuer.public_key_multibase).map_err(|error| {
            WebError::Internal(format!("public key of issuer {}: {error}", issuer.slug))
        })?;
    if stored_public != key.public_key() {
        return Err(WebError::Internal(format!(
            "issuer {}: the unsealed secret key does not match the published public key",
            issuer.slug
        )));
    }
    Ok(IssuerKey {
        key,
        verification_method: issuer.verification_method.clone(),
        controller: issuer.identifier.clone(),
    })
}

/// What an administrator fills in to create an issuer.
#[derive(Debug, Clone)]
pub struct IssuerRequest {
    /// URL-safe short name.
    pub slug: String,
    /// Name in Japanese.
    pub name_ja: String,
    /// Name in English.
    pub name_en: String,
    /// Home page.
    pub url: String,
    /// did:web (published by this server) or did:key (self-contained).
    pub kind: IdentifierKind,
}

/// A new issuer with a fresh Ed25519 key and its identifier, ready for
/// [`tsumiki_store::Store::create_issuer`] (which seals the secret).
pub fn new_issuer(base_url: &str, request: IssuerRequest) -> Result<NewIssuer, WebError> {
    validate_slug(&request.slug)?;
    if request.name_ja.trim().is_empty() && request.name_en.trim().is_empty() {
        return Err(WebError::BadRequest("an issuer needs a name".into()));
    }
    if !(request.url.starts_with("https://") || request.url.starts_with("http://")) {
        return Err(WebError::BadRequest(format!(
            "issuer URL {:?} must start with https:// or http://",
            request.url
        )));
    }
    let mut seed = [0u8; 32];
    OsRng.fill_bytes(&mut seed);
    let key = KeyPair::from_ed25519_seed(&seed);
    let public = key.public_multibase();
    let (identifier, verification_method) = match request.kind {
        IdentifierKind::DidKey => {
            let did = format!("did:key:{public}");
            (did.clone(), format!("{did}#{public}"))
        }
        IdentifierKind::DidWeb => {
            let did = did_web_for(base_url, &request.slug)?;
            (did.clone(), format!("{did}#{KEY_FRAGMENT}"))
        }
        IdentifierKind::Https => {
            let url = format!("{base_url}/issuers/{}", request.slug);
            (url.clone(), format!("{url}#{KEY_FRAGMENT}"))
        }
    };
    Ok(NewIssuer {
        slug: request.slug,
        name_ja: request.name_ja.trim().to_owned(),
        name_en: request.name_en.trim().to_owned(),
        url: request.url.trim().to_owned(),
        identifier_kind: request.kind,
        identifier,
        verification_method,
        public_key_multibase: public,
        secret_key: seed.to_vec(),
    })
}

/// A fresh key to replace the current one of `issuer`, named `key-N` (N one more than the
/// keys it has had). A did:key issuer cannot rotate: its identifier is its key, so a new key
/// means a new issuer.
pub fn rotated_key(issuer: &Issuer) -> Result<RotatedKey, WebError> {
    if issuer.identifier_kind == IdentifierKind::DidKey {
        return Err(WebError::BadRequest(format!(
            "issuer {} uses did:key, whose identifier is its key: create a new issuer instead",
            issuer.slug
        )));
    }
    let mut seed = [0u8; 32];
    OsRng.fill_bytes(&mut seed);
    let key = KeyPair::from_ed25519_seed(&seed);
    let number = issuer.retired_keys.len() + 2;
    Ok(RotatedKey {
        verification_method: format!("{}#key-{number}", issuer.identifier),
        public_key_multibase: key.public_multibase(),
        secret_key: seed.to_vec(),
    })
}

/// Slugs appear in URLs and in did:web identifiers (where `:` and `%` have meaning), so only
/// lowercase ASCII letters, digits and inner hyphens are allowed.
pub fn validate_slug(slug: &str) -> Result<(), WebError> {
    let ok = (1..=64).contains(&slug.len())
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(WebError::BadRequest(format!(
            "slug {slug:?} must be 1-64 lowercase letters, digits or inner hyphens"
        )))
    }
}
