//! Adding a proof to a credential.

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::canon::{Canonicalizer, canonical_nquads, hash_data, sign_hash_data};
use super::proof_config::{
    config_contexts, proof_config, proof_from_options, required_context, with_context,
};
use super::verify::proofs_of;
use super::{ProofError, ProofOptions};
use crate::keys::KeyPair;

/// Signs a copy of `unsigned`. See [`sign_owned`].
pub fn sign<C: Canonicalizer + ?Sized>(
    unsigned: &Value,
    key: &KeyPair,
    options: &ProofOptions,
    ld: &C,
) -> Result<Value, ProofError> {
    sign_owned(unsigned.clone(), key, options, ld)
}

/// Adds a proof to `document` (taken by value so that issuing in bulk copies nothing).
///
/// An existing `proof` is kept and the new proof is appended (a proof set, `proof` becomes an
/// array). With `options.previous_proof`, the named proofs are signed together with the
/// document (a proof chain). When the document's `@context` does not define the proof's terms,
/// the needed context is appended, as jsonld-signatures does.
pub fn sign_owned<C: Canonicalizer + ?Sized>(
    mut document: Value,
    key: &KeyPair,
    options: &ProofOptions,
    ld: &C,
) -> Result<Value, ProofError> {
    let signing = key.ed25519().ok_or_else(|| ProofError::KeyNotEd25519 {
        id: options.verification_method.clone(),
        kind: key.algorithm().as_str(),
    })?;
    if chrono::DateTime::parse_from_rfc3339(&options.created).is_err() {
        return Err(ProofError::InvalidCreated(options.created.clone()));
    }
    let object = document
        .as_object_mut()
        .ok_or(ProofError::DocumentNotObject)?;
    if let Some(url) = required_context(object.get("@context"), options.suite) {
        let context = with_context(object.get("@context"), url);
        object.insert("@context".to_owned(), context);
    }
    let existing: Vec<Value> = match object.shift_remove("proof") {
        Some(Value::Array(items)) => items,
        Some(single) => vec![single],
        None => Vec::new(),
    };

    let document_hash: [u8; 32] = if options.previous_proof.is_empty() {
        Sha256::digest(canonical_nquads(&document, ld)?.as_bytes()).into()
    } else {
        let chained = chained_input(object, &existing, &options.previous_proof)?;
        Sha256::digest(canonical_nquads(&chained, ld)?.as_bytes()).into()
    };
    let object = document
        .as_object_mut()
        .ok_or(ProofError::DocumentNotObject)?;

    let mut proof = proof_from_options(options);
    let context = config_contexts(&proof, object.get("@context"), options.suite)
        .into_iter()
        .next()
        .unwrap_or(Value::Null);
    let config = proof_config(&proof, context);
    let config_nquads = canonical_nquads(&config, ld)?;
    let proof_value = sign_hash_data(signing, &hash_data(&config_nquads, &document_hash));
    proof.insert("proofValue".to_owned(), Value::String(proof_value));

    let proof = if existing.is_empty() {
        Value::Object(proof)
    } else {
        let mut all = existing;
        all.push(Value::Object(proof));
        Value::Array(all)
    };
    object.insert("proof".to_owned(), proof);
    Ok(document)
}

/// The document a chained proof signs: the unsecured document with `proof` set to the proofs
/// named by `previousProof` (VC Data Integrity, "add proof set/chain").
pub(crate) fn chained_input(
    unsecured: &Map<String, Value>,
    proofs: &[Value],
    previous: &[String],
) -> Result<Value, ProofError> {
    let mut matching = Vec::with_capacity(previous.len());
    for id in previous {
        let found = proofs_of(proofs)
            .find(|proof| proof.get("id").and_then(Value::as_str) == Some(id.as_str()))
            .ok_or_else(|| ProofError::PreviousProofMissing(id.clone()))?;
        matching.push(Value::Object(found.clone()));
    }
    let mut input = unsecured.clone();
    input.insert("proof".to_owned(), Value::Array(matching));
    Ok(Value::Object(input))
}
