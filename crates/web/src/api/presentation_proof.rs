//! The proof of a verifiable presentation: `eddsa-rdfc-2022` with `proofPurpose:
//! authentication`, bound to a challenge and a domain.
//!
//! Why not `tsumiki_vc::di::verify`: that verifier is for credentials and accepts only
//! `assertionMethod` proofs (a credential proof made for authentication must not pass as an
//! issuer's assertion). A presentation is the mirror case: its proof says the *holder*
//! authenticated, so only `authentication` is accepted here. The cryptography is the same
//! transformation and hashing, taken from `tsumiki_vc::di`'s public building blocks.

use serde_json::{Map, Value};
use tsumiki_jsonld::JsonLdProcessor;
use tsumiki_vc::di::{canonical_nquads, canonicalize_unsecured, hash_data, verify_hash_data};
use tsumiki_vc::did::ControllerDocuments;
use tsumiki_vc::keys::PublicKey;

/// The one purpose a presentation proof may have.
pub const AUTHENTICATION: &str = "authentication";

/// Why a presentation proof was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PresentationProofError {
    #[error("the proof is not an object")]
    NotAnObject,
    #[error(
        "unsupported proof: type {proof_type:?}, cryptosuite {cryptosuite:?} (expected DataIntegrityProof with eddsa-rdfc-2022)"
    )]
    Unsupported {
        proof_type: String,
        cryptosuite: String,
    },
    #[error("the proof's purpose is {found:?}, but a presentation proof must be {expected:?}")]
    WrongPurpose { found: String, expected: String },
    #[error("the proof has no {0}")]
    Missing(&'static str),
    #[error("the key {id} could not be resolved: {detail}")]
    Unresolved { id: String, detail: String },
    #[error("the key {0} is not an Ed25519 key")]
    NotEd25519(String),
    #[error("the presentation could not be canonicalized: {0}")]
    Canonicalization(String),
    #[error("the signature does not verify: {0}")]
    BadSignature(String),
}

/// A proof that verified, and whose key it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedProof {
    /// The controller of the verification method (the holder, if honest).
    pub controller: String,
}

fn text<'a>(proof: &'a Map<String, Value>, member: &'static str) -> Option<&'a str> {
    proof.get(member).and_then(Value::as_str)
}

/// Verifies one proof of `document` made for `purpose`.
pub fn verify_proof(
    document: &Value,
    proof: &Value,
    purpose: &str,
    controllers: &ControllerDocuments,
    ld: &JsonLdProcessor,
) -> Result<VerifiedProof, PresentationProofError> {
    let proof = proof
        .as_object()
        .ok_or(PresentationProofError::NotAnObject)?;
    let proof_type = text(proof, "type").unwrap_or_default();
    let cryptosuite = text(proof, "cryptosuite").unwrap_or_default();
    if proof_type != "DataIntegrityProof" || cryptosuite != "eddsa-rdfc-2022" {
        return Err(PresentationProofError::Unsupported {
            proof_type: proof_type.to_owned(),
            cryptosuite: cryptosuite.to_owned(),
        });
    }
    let found = text(proof, "proofPurpose").unwrap_or_default();
    if found != purpose {
        return Err(PresentationProofError::WrongPurpose {
            found: found.to_owned(),
            expected: purpose.to_owned(),
        });
    }
    let method = text(proof, "verificationMethod")
        .ok_or(PresentationProofError::Missing("verificationMethod"))?;
    let proof_value =
        text(proof, "proofValue").ok_or(PresentationProofError::Missing("proofValue"))?;
    let resolved =
        controllers
            .resolve(method)
            .map_err(|error| PresentationProofError::Unresolved {
                id: method.to_owned(),
                detail: error.to_string(),
            })?;
    let PublicKey::Ed25519(key) = &resolved.public_key else {
        return Err(PresentationProofError::NotEd25519(method.to_owned()));
    };

    let canonicalization = |error: tsumiki_vc::di::ProofError| {
        PresentationProofError::Canonicalization(error.to_string())
    };
    let unsecured = canonicalize_unsecured(document, ld).map_err(canonicalization)?;
    let mut config = proof.clone();
    config.shift_remove("proofValue");
    let context = document.get("@context").cloned().unwrap_or(Value::Null);
    config.insert("@context".to_owned(), context);
    let config_nquads = canonical_nquads(&Value::Object(config), ld).map_err(canonicalization)?;
    verify_hash_data(
        key,
        &hash_data(&config_nquads, &unsecured.hash),
        proof_value,
    )
    .map_err(|error| PresentationProofError::BadSignature(error.to_string()))?;
    Ok(VerifiedProof {
        controller: resolved.controller,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde_json::json;
    use tsumiki_vc::di::{ProofOptions, sign};
    use tsumiki_vc::keys::KeyPair;

    fn signed(purpose: &str) -> (Value, String) {
        let key = KeyPair::from_ed25519_seed(&[3u8; 32]);
        let did = format!("did:key:{}", key.public_multibase());
        let document = json!({
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiablePresentation"],
            "holder": did,
        });
        let mut options = ProofOptions::new(
            "2026-01-01T00:00:00Z",
            format!("{did}#{}", key.public_multibase()),
        );
        options.proof_purpose = purpose.to_owned();
        let ld = JsonLdProcessor::bundled();
        (sign(&document, &key, &options, &ld).unwrap(), did)
    }

    /// The library's signer is tested against the W3C vectors; a proof it makes must verify
    /// here, which shows this verifier hashes exactly as the standard does.
    #[test]
    fn verifies_what_the_data_integrity_signer_made() {
        let ld = JsonLdProcessor::bundled();
        let (document, did) = signed(AUTHENTICATION);
        let proof = document["proof"].clone();
        let verified = verify_proof(
            &document,
            &proof,
            AUTHENTICATION,
            &ControllerDocuments::new(),
            &ld,
        )
        .unwrap();
        assert_eq!(verified.controller, did);

        let mut tampered = document.clone();
        tampered["holder"] = json!("did:example:mallory");
        assert!(matches!(
            verify_proof(
                &tampered,
                &proof,
                AUTHENTICATION,
                &ControllerDocuments::new(),
                &ld
            ),
            Err(PresentationProofError::BadSignature(_))
        ));
    }

    #[test]
    fn assertion_proofs_do_not_authenticate() {
        let ld = JsonLdProcessor::bundled();
        let (document, _) = signed("assertionMethod");
        let outcome = verify_proof(
            &document,
            &document["proof"],
            AUTHENTICATION,
            &ControllerDocuments::new(),
            &ld,
        );
        assert!(matches!(
            outcome,
            Err(PresentationProofError::WrongPurpose { .. })
        ));
    }
}
