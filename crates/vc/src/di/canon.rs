//! The transformation and hashing steps, and the raw signature layer that the published test
//! vectors check byte for byte.

use ed25519_dalek::Signer as _;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use tsumiki_jsonld::{JsonLdProcessor, Options};
use tsumiki_rdf::{CanonLimits, HashAlgorithm, canonicalize};

use super::ProofError;
use crate::keys::multikey::{decode_base58btc, encode_base58btc};

/// The unsecured document (the credential without `proof`), canonicalized once and shared by
/// every proof of the set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CanonicalDocument {
    /// RDFC-1.0 canonical N-Quads.
    pub nquads: String,
    /// SHA-256 of `nquads`.
    pub hash: [u8; 32],
}

impl CanonicalDocument {
    pub fn from_nquads(nquads: String) -> Self {
        let hash = Sha256::digest(nquads.as_bytes()).into();
        Self { nquads, hash }
    }
}

/// Turns a JSON-LD document into canonical N-Quads. Production uses [`JsonLdProcessor`];
/// the trait exists so tests can run the same proof code over an independent implementation
/// (the oxjsonld oracle) and compare.
pub trait Canonicalizer {
    fn canonical_nquads(&self, document: &Value) -> Result<String, ProofError>;
}

/// JSON-LD → RDF (safe mode) → RDFC-1.0 N-Quads with the default work limit. Safe mode
/// matters: a term the contexts do not define would otherwise be dropped, and the signature
/// would not cover it.
impl Canonicalizer for JsonLdProcessor {
    fn canonical_nquads(&self, document: &Value) -> Result<String, ProofError> {
        let quads = self.to_rdf(document, &Options::default())?;
        Ok(canonicalize(&quads, HashAlgorithm::Sha256, &CanonLimits::default())?.nquads)
    }
}

/// Canonical N-Quads of `document` (see [`Canonicalizer`]).
pub fn canonical_nquads<C: Canonicalizer + ?Sized>(
    document: &Value,
    ld: &C,
) -> Result<String, ProofError> {
    ld.canonical_nquads(document)
}

/// Canonicalizes the credential without its `proof` member.
pub fn canonicalize_unsecured<C: Canonicalizer + ?Sized>(
    credential: &Value,
    ld: &C,
) -> Result<CanonicalDocument, ProofError> {
    let object = credential
        .as_object()
        .ok_or(ProofError::DocumentNotObject)?;
    let nquads = if object.contains_key("proof") {
        canonical_nquads(&Value::Object(without(object, "proof")), ld)?
    } else {
        canonical_nquads(credential, ld)?
    };
    Ok(CanonicalDocument::from_nquads(nquads))
}

/// [`canonicalize_unsecured`] without copying the credential: `proof` is taken out for the
/// transformation and put back at the same position. For verifiers that own the credential;
/// the copy costs about as much as canonicalizing the proof configuration.
pub fn canonicalize_unsecured_in_place<C: Canonicalizer + ?Sized>(
    credential: &mut Value,
    ld: &C,
) -> Result<CanonicalDocument, ProofError> {
    let object = credential
        .as_object_mut()
        .ok_or(ProofError::DocumentNotObject)?;
    let Some(position) = object.keys().position(|name| name == "proof") else {
        return Ok(CanonicalDocument::from_nquads(
            ld.canonical_nquads(credential)?,
        ));
    };
    let proof = object.shift_remove("proof").unwrap_or(Value::Null);
    let result = ld.canonical_nquads(credential);
    if let Some(object) = credential.as_object_mut() {
        object.shift_insert(position, "proof".to_owned(), proof);
    }
    Ok(CanonicalDocument::from_nquads(result?))
}

/// A copy of `object` without `member`, keeping member order.
pub(crate) fn without(object: &Map<String, Value>, member: &str) -> Map<String, Value> {
    object
        .iter()
        .filter(|(name, _)| name.as_str() != member)
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// hashData = SHA-256(canonical proof config) || SHA-256(canonical document).
pub fn hash_data(proof_config_nquads: &str, document_hash: &[u8; 32]) -> [u8; 64] {
    let mut out = [0u8; 64];
    out[..32].copy_from_slice(&Sha256::digest(proof_config_nquads.as_bytes()));
    out[32..].copy_from_slice(document_hash);
    out
}

/// Ed25519 signature over hashData, as `proofValue` (`z` + base58btc).
pub fn sign_hash_data(key: &ed25519_dalek::SigningKey, hash_data: &[u8; 64]) -> String {
    encode_base58btc(&key.sign(hash_data).to_bytes())
}

/// Checks `proofValue` against hashData.
pub fn verify_hash_data(
    key: &ed25519_dalek::VerifyingKey,
    hash_data: &[u8; 64],
    proof_value: &str,
) -> Result<(), ProofError> {
    let bytes =
        decode_base58btc(proof_value).map_err(|err| ProofError::BadProofValue(err.to_string()))?;
    let signature = ed25519_dalek::Signature::from_slice(&bytes).map_err(|_| {
        ProofError::BadProofValue(format!(
            "an Ed25519 signature is 64 bytes, found {}",
            bytes.len()
        ))
    })?;
    key.verify_strict(hash_data, &signature)
        .map_err(|_| ProofError::BadSignature)
}
