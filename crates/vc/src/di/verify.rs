//! Verifying every proof of a credential, one result per proof.

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::canon::{
    CanonicalDocument, Canonicalizer, canonical_nquads, canonicalize_unsecured, hash_data,
    verify_hash_data,
};
use super::proof_config::{CREDENTIALS_V1, config_contexts, proof_config};
use super::sign::chained_input;
use super::{LegacyWarning, ProofError, ProofSuite};
use crate::did::ControllerDocuments;

/// The result for one proof of the set. A proof set verifies when every member does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofCheck {
    /// Position in the `proof` array (0 for a single proof).
    pub index: usize,
    pub outcome: Result<(), ProofError>,
    pub proof_type: Option<String>,
    pub cryptosuite: Option<String>,
    pub verification_method: Option<String>,
    /// The key's controller, once the verification method was resolved.
    pub controller: Option<String>,
    pub created: Option<String>,
    /// The proof's `expires`, unchecked: the library reads no clock, the caller compares.
    pub expires: Option<String>,
    pub proof_id: Option<String>,
    pub warnings: Vec<LegacyWarning>,
    /// The proof names a `previousProof`, but its signature covers the document alone, not the
    /// proofs it names (Digital Bazaar's suites before VC Data Integrity 1.0 signed chains this
    /// way). The signature is the key's over the credential; the chain order is not bound.
    pub previous_proof_unbound: bool,
}

impl ProofCheck {
    pub fn is_ok(&self) -> bool {
        self.outcome.is_ok()
    }
}

/// The proofs of a `proof` value as objects (non-objects are skipped here; `verify` reports them).
pub(crate) fn proofs_of(proofs: &[Value]) -> impl Iterator<Item = &Map<String, Value>> {
    proofs.iter().filter_map(Value::as_object)
}

fn proof_list(credential: &Value) -> &[Value] {
    match credential.get("proof") {
        Some(Value::Array(items)) => items,
        Some(single) => std::slice::from_ref(single),
        None => &[],
    }
}

/// Verifies every proof of `credential`. Empty when the credential has no `proof` member.
pub fn verify<C: Canonicalizer + ?Sized>(
    credential: &Value,
    resolver: &ControllerDocuments,
    ld: &C,
) -> Vec<ProofCheck> {
    if proof_list(credential).is_empty() {
        return Vec::new();
    }
    match canonicalize_unsecured(credential, ld) {
        Ok(document) => verify_canonical(credential, &document, resolver, ld),
        Err(err) => proof_list(credential)
            .iter()
            .enumerate()
            .map(|(index, proof)| {
                let mut check = describe(index, proof, credential);
                check.outcome = Err(err.clone());
                check
            })
            .collect(),
    }
}

/// Verifies every proof against an already canonicalized unsecured document (see
/// [`canonicalize_unsecured`]), so a verifier that also needs the canonical form for other
/// checks computes it once.
pub fn verify_canonical<C: Canonicalizer + ?Sized>(
    credential: &Value,
    document: &CanonicalDocument,
    resolver: &ControllerDocuments,
    ld: &C,
) -> Vec<ProofCheck> {
    let proofs = proof_list(credential);
    let mut checks: Vec<ProofCheck> = proofs
        .iter()
        .enumerate()
        .map(|(index, proof)| {
            let mut check = describe(index, proof, credential);
            check.outcome = match (proof.as_object(), credential.as_object()) {
                (Some(proof), Some(object)) => {
                    check_one(proof, object, proofs, document, resolver, ld, &mut check)
                }
                (None, _) => Err(ProofError::ProofNotObject { index }),
                (_, None) => Err(ProofError::DocumentNotObject),
            };
            check
        })
        .collect();
    fail_broken_chains(proofs, &mut checks);
    checks
}

/// The metadata of a proof, before any check.
fn describe(index: usize, proof: &Value, credential: &Value) -> ProofCheck {
    let text = |name: &str| proof.get(name).and_then(Value::as_str).map(str::to_owned);
    let verification_method = match proof.get("verificationMethod") {
        Some(Value::Object(method)) => method.get("id").and_then(Value::as_str).map(str::to_owned),
        other => other.and_then(Value::as_str).map(str::to_owned),
    };
    let mut warnings = Vec::new();
    let first_context = match credential.get("@context") {
        Some(Value::Array(items)) => items.first(),
        other => other,
    };
    if first_context.and_then(Value::as_str) == Some(CREDENTIALS_V1) {
        warnings.push(LegacyWarning::VcDataModel11);
    }
    ProofCheck {
        index,
        outcome: Ok(()),
        proof_type: text("type"),
        cryptosuite: text("cryptosuite"),
        verification_method,
        controller: None,
        created: text("created"),
        expires: text("expires"),
        proof_id: text("id"),
        warnings,
        previous_proof_unbound: false,
    }
}

fn string_member<'a>(
    proof: &'a Map<String, Value>,
    member: &'static str,
) -> Result<&'a str, ProofError> {
    match proof.get(member) {
        Some(Value::String(text)) => Ok(text),
        Some(_) => Err(ProofError::NotAString { member }),
        None => Err(ProofError::Missing(member)),
    }
}

fn suite_of(
    proof: &Map<String, Value>,
    warnings: &mut Vec<LegacyWarning>,
) -> Result<ProofSuite, ProofError> {
    match string_member(proof, "type")? {
        "DataIntegrityProof" => match string_member(proof, "cryptosuite")? {
            "eddsa-rdfc-2022" => Ok(ProofSuite::EddsaRdfc2022),
            "eddsa-2022" => {
                warnings.push(LegacyWarning::PreFinalCryptosuiteName);
                Ok(ProofSuite::Eddsa2022)
            }
            other => Err(ProofError::UnknownCryptosuite(other.to_owned())),
        },
        "Ed25519Signature2020" => {
            warnings.push(LegacyWarning::Ed25519Signature2020);
            Ok(ProofSuite::Ed25519Signature2020)
        }
        other => Err(ProofError::UnsupportedProofType(other.to_owned())),
    }
}

fn previous_ids(proof: &Map<String, Value>) -> Result<Vec<String>, ProofError> {
    match proof.get("previousProof") {
        None => Ok(Vec::new()),
        Some(Value::String(id)) => Ok(vec![id.clone()]),
        Some(Value::Array(ids)) => ids
            .iter()
            .map(|id| {
                id.as_str()
                    .map(str::to_owned)
                    .ok_or(ProofError::NotAString {
                        member: "previousProof",
                    })
            })
            .collect(),
        Some(_) => Err(ProofError::NotAString {
            member: "previousProof",
        }),
    }
}

fn check_one<C: Canonicalizer + ?Sized>(
    proof: &Map<String, Value>,
    credential: &Map<String, Value>,
    all_proofs: &[Value],
    document: &CanonicalDocument,
    resolver: &ControllerDocuments,
    ld: &C,
    check: &mut ProofCheck,
) -> Result<(), ProofError> {
    let suite = suite_of(proof, &mut check.warnings)?;
    let purpose = string_member(proof, "proofPurpose")?;
    if purpose != "assertionMethod" {
        return Err(ProofError::WrongProofPurpose {
            found: purpose.to_owned(),
        });
    }
    if let Some(created) = proof.get("created") {
        let created = created
            .as_str()
            .ok_or(ProofError::NotAString { member: "created" })?;
        if chrono::DateTime::parse_from_rfc3339(created).is_err() {
            return Err(ProofError::InvalidCreated(created.to_owned()));
        }
    }
    let method_id = check
        .verification_method
        .clone()
        .ok_or(ProofError::Missing("verificationMethod"))?;
    let resolved = resolver.resolve(&method_id)?;
    check.controller = Some(resolved.controller.clone());
    if !resolved.purposes_ok {
        return Err(ProofError::NotAssertionMethod {
            id: resolved.id,
            controller: resolved.controller,
        });
    }
    let key = resolved
        .public_key
        .ed25519()
        .ok_or_else(|| ProofError::KeyNotEd25519 {
            id: resolved.id.clone(),
            kind: resolved.public_key.kind(),
        })?;
    let proof_value = string_member(proof, "proofValue")?;

    let previous = previous_ids(proof)?;
    let chained_hash: Option<[u8; 32]> = if previous.is_empty() {
        None
    } else {
        let chained = chained_input(credential, all_proofs, &previous)?;
        Some(Sha256::digest(canonical_nquads(&chained, ld)?.as_bytes()).into())
    };
    let mut outcome = Err(ProofError::BadSignature);
    for context in config_contexts(proof, credential.get("@context"), suite) {
        let config_nquads = canonical_nquads(&proof_config(proof, context), ld)
            .map_err(|err| at_proof(err, credential, check.index))?;
        let Some(chained_hash) = chained_hash else {
            outcome =
                verify_hash_data(key, &hash_data(&config_nquads, &document.hash), proof_value);
            if outcome != Err(ProofError::BadSignature) {
                return outcome;
            }
            continue;
        };
        outcome = verify_hash_data(key, &hash_data(&config_nquads, &chained_hash), proof_value);
        if outcome == Err(ProofError::BadSignature) {
            // Digital Bazaar's suites before VC Data Integrity 1.0 signed a chained proof over
            // the document alone. The signature is still the key's over the credential, but
            // it does not bind the proof it names: accept, and say so.
            outcome =
                verify_hash_data(key, &hash_data(&config_nquads, &document.hash), proof_value);
            if outcome.is_ok() {
                check.previous_proof_unbound = true;
            }
        }
        if outcome != Err(ProofError::BadSignature) {
            return outcome;
        }
    }
    outcome
}

/// A safe-mode error in the proof configuration names a path inside the proof; make it a path
/// in the credential (`$.proof.foo`, `$.proof[1].foo`) so the user can find it.
fn at_proof(err: ProofError, credential: &Map<String, Value>, index: usize) -> ProofError {
    let ProofError::JsonLd(mut error) = err else {
        return err;
    };
    if let Some(path) = error.path.take() {
        let base = if credential.get("proof").is_some_and(Value::is_array) {
            format!("$.proof[{index}]")
        } else {
            "$.proof".to_owned()
        };
        error.path = Some(match path.strip_prefix('$') {
            Some(rest) => format!("{base}{rest}"),
            None => path,
        });
    }
    ProofError::JsonLd(error)
}

/// A chained proof only counts when every proof it names verified too.
fn fail_broken_chains(proofs: &[Value], checks: &mut [ProofCheck]) {
    let failed: Vec<String> = checks
        .iter()
        .filter(|check| !check.is_ok())
        .filter_map(|check| check.proof_id.clone())
        .collect();
    // Chains are short; iterate until no new failure appears so that a → b → c propagates.
    let mut failed = failed;
    loop {
        let mut changed = false;
        for (check, proof) in checks.iter_mut().zip(proofs) {
            if !check.is_ok() {
                continue;
            }
            let Some(proof) = proof.as_object() else {
                continue;
            };
            let Ok(previous) = previous_ids(proof) else {
                continue;
            };
            if let Some(broken) = previous.iter().find(|id| failed.contains(id)) {
                check.outcome = Err(ProofError::PreviousProofFailed(broken.clone()));
                if let Some(id) = &check.proof_id {
                    failed.push(id.clone());
                }
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}
