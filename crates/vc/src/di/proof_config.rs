//! The proof configuration: the proof without its value, carrying the document's `@context`,
//! canonicalized and hashed. Built as a small fresh object so the credential is never copied.

use serde_json::{Map, Value};

use super::{ProofOptions, ProofSuite};

pub(crate) const ED25519_2020_CONTEXT: &str = "https://w3id.org/security/suites/ed25519-2020/v1";
pub(crate) const DATA_INTEGRITY_V2: &str = "https://w3id.org/security/data-integrity/v2";
pub(crate) const DATA_INTEGRITY_V1: &str = "https://w3id.org/security/data-integrity/v1";
pub(crate) const CREDENTIALS_V2: &str = "https://www.w3.org/ns/credentials/v2";
pub(crate) const CREDENTIALS_V1: &str = "https://www.w3.org/2018/credentials/v1";

/// Proof members that carry the signature and so are not part of the signed configuration
/// (`jws` and `signatureValue` for the jsonld-signatures legacy suites).
const VALUE_MEMBERS: [&str; 3] = ["proofValue", "jws", "signatureValue"];

pub(crate) fn context_includes(context: Option<&Value>, url: &str) -> bool {
    match context {
        Some(Value::String(single)) => single == url,
        Some(Value::Array(items)) => items.iter().any(|item| item.as_str() == Some(url)),
        _ => false,
    }
}

/// `context` with `url` appended when missing (as jsonld-signatures' `ensureSuiteContext` does).
pub(crate) fn with_context(context: Option<&Value>, url: &str) -> Value {
    if context_includes(context, url) {
        return context.cloned().unwrap_or(Value::Null);
    }
    let mut items = match context {
        Some(Value::Array(items)) => items.clone(),
        Some(Value::Null) | None => Vec::new(),
        Some(other) => vec![other.clone()],
    };
    items.push(Value::String(url.to_owned()));
    Value::Array(items)
}

/// The context a document needs for proofs of `suite` to be defined terms: DataIntegrityProof
/// is in the VC 2.0 context, otherwise (VC 1.1) the data-integrity context is needed; the
/// Ed25519Signature2020 suite context is always needed for that suite.
pub(crate) fn required_context(context: Option<&Value>, suite: ProofSuite) -> Option<&'static str> {
    match suite {
        ProofSuite::Ed25519Signature2020 => {
            (!context_includes(context, ED25519_2020_CONTEXT)).then_some(ED25519_2020_CONTEXT)
        }
        ProofSuite::EddsaRdfc2022 | ProofSuite::Eddsa2022 => {
            let defined = [CREDENTIALS_V2, DATA_INTEGRITY_V2, DATA_INTEGRITY_V1]
                .iter()
                .any(|url| context_includes(context, url));
            (!defined).then_some(DATA_INTEGRITY_V2)
        }
    }
}

/// The proof as it will appear in the document, without `proofValue`.
pub(crate) fn proof_from_options(options: &ProofOptions) -> Map<String, Value> {
    let mut proof = Map::new();
    let mut put = |name: &str, value: &str| {
        proof.insert(name.to_owned(), Value::String(value.to_owned()));
    };
    if let Some(id) = &options.id {
        put("id", id);
    }
    put("type", options.suite.proof_type());
    if let Some(cryptosuite) = options.suite.cryptosuite() {
        put("cryptosuite", cryptosuite);
    }
    put("created", &options.created);
    if let Some(expires) = &options.expires {
        put("expires", expires);
    }
    put("verificationMethod", &options.verification_method);
    put("proofPurpose", &options.proof_purpose);
    match options.previous_proof.as_slice() {
        [] => {}
        [single] => put("previousProof", single),
        many => {
            proof.insert(
                "previousProof".to_owned(),
                Value::Array(many.iter().cloned().map(Value::String).collect()),
            );
        }
    }
    proof
}

/// The contexts to canonicalize a proof configuration with, in the order to try. As in
/// jsonld-signatures and Digital Bazaar's data-integrity library, a proof's own `@context` wins
/// over the document's, and a context that does not define the proof's terms gets the suite
/// context appended (`ensureSuiteContext`). Documents signed by those libraries already carry
/// it; a hand-assembled VC 1.1 document may not, and older library versions appended
/// data-integrity v1 rather than v2, so both are tried (the signature decides).
pub(crate) fn config_contexts(
    proof: &Map<String, Value>,
    document_context: Option<&Value>,
    suite: ProofSuite,
) -> Vec<Value> {
    let base = proof.get("@context").or(document_context);
    match required_context(base, suite) {
        None => vec![base.cloned().unwrap_or(Value::Null)],
        Some(ED25519_2020_CONTEXT) => vec![with_context(base, ED25519_2020_CONTEXT)],
        Some(_) => vec![
            with_context(base, DATA_INTEGRITY_V2),
            with_context(base, DATA_INTEGRITY_V1),
        ],
    }
}

/// The configuration that is canonicalized: `proof` without its value members, with
/// `context` (one of [`config_contexts`]).
pub(crate) fn proof_config(proof: &Map<String, Value>, context: Value) -> Value {
    let mut config = Map::with_capacity(proof.len() + 1);
    if !context.is_null() {
        config.insert("@context".to_owned(), context);
    }
    for (name, value) in proof {
        if name != "@context" && !VALUE_MEMBERS.contains(&name.as_str()) {
            config.insert(name.clone(), value.clone());
        }
    }
    Value::Object(config)
}
