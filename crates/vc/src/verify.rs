//! The verifier: runs every check on one input and explains each in Japanese and English.
//!
//! Steps, in report order: **parse** (JSON / VC-JWT / baked PNG / baked SVG, with size and
//! depth limits) → **contexts** (every URL bundled, VC 2.0 first, the OB / CLR context
//! present; VC 1.1 is a warning) → **safe mode** (JSON-LD expansion that refuses undefined
//! terms, reported with their JSON path) → **structure** (the OB 3.0 / CLR 2.0 data model)
//! → **proof** (each Data Integrity proof, or the VC-JWT; none at all fails; for a CLR, each
//! bundled credential is verified in full too) → **dates**
//! → **status** (Bitstring Status List for revocation and suspension, 1EdTech Revocation
//! List) → **issuer**.
//!
//! # Issuer policy
//!
//! A valid signature only proves that *some key* signed the credential. The credential's
//! `issuer` id must therefore equal the **controller of the verification method of every
//! proof that verified**: for did:key that is the DID itself; for an https issuer it is the
//! `id` / `controller` of the controller document the caller supplied, which holds the key;
//! for a VC-JWT it is the controller of the `kid` key, and the `iss` claim must name the
//! issuer too. A mismatch fails (`issuer.controller-mismatch`): otherwise anyone could sign
//! a credential naming any issuer. A key embedded in a JWT (`jwk` header) has no controller
//! and fails this step (`issuer.unbound-key`). Note that the W3C vc-di-eddsa test vector
//! names an issuer other than its key's controller, so it fails here while its proof passes,
//! exactly as Digital Bazaar's `vc.verifyCredential` rejects it.
//!
//! The same policy protects status lists: a list is trusted only when its own proofs verify,
//! it is within its validity period, and it was issued (and signed) by the credential's
//! issuer; a list signed by someone else could "un-revoke" a credential.
//!
//! Nothing here does I/O: controller documents and status list credentials come in through
//! [`VerifyOptions`], the current time too.

mod embedded;
mod issuer;
mod parse;
mod proof;
mod status;
mod structure;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde_json::Value;
use tsumiki_jsonld::JsonLdProcessor;

use crate::did::ControllerDocuments;
use crate::input::{InputLimits, Payload, decode};
use crate::report::VerificationReport;

/// Everything the verifier needs from outside.
#[derive(Debug, Clone)]
pub struct VerifyOptions {
    /// The time the validity periods are checked against.
    pub now: DateTime<Utc>,
    /// Controller documents (or lone verification methods) for non-did:key keys.
    pub controllers: ControllerDocuments,
    /// Status list credentials (and 1EdTech revocation lists) by their URL.
    pub status_lists: HashMap<String, Value>,
    /// Make a status that cannot be checked (list not supplied, unreadable, untrusted) a
    /// warning instead of a failure.
    pub allow_unchecked_status: bool,
    pub limits: InputLimits,
}

impl VerifyOptions {
    /// No controller documents or status lists, strict status, default limits.
    pub fn new(now: DateTime<Utc>) -> Self {
        Self {
            now,
            controllers: ControllerDocuments::default(),
            status_lists: HashMap::new(),
            allow_unchecked_status: false,
            limits: InputLimits::default(),
        }
    }
}

/// Verifies `input` (JSON, VC-JWT, or a baked PNG / SVG). Never panics: every problem,
/// including unreadable input, is a check in the report.
pub fn verify(input: &[u8], ld: &JsonLdProcessor, options: &VerifyOptions) -> VerificationReport {
    let decoded = match decode(input, &options.limits) {
        Ok(decoded) => decoded,
        Err(err) => return VerificationReport::new(None, vec![parse::failure(&err)], None),
    };
    let mut checks = vec![parse::success(decoded.format)];
    let (credential, proofs) = match decoded.payload {
        Payload::Credential(mut credential) => {
            let outcome = proof::check_embedded(&mut credential, ld, options, &mut checks);
            (credential, outcome)
        }
        Payload::Jwt { token, credential } => {
            proof::check_jwt(&token, credential, ld, options, &mut checks)
        }
    };
    checks.extend(embedded::check(&credential, ld, options));
    checks.extend(structure::check(&credential, ld));
    checks.extend(structure::dates(&credential, options.now));
    checks.extend(status::check(&credential, ld, options));
    checks.extend(issuer::check(&credential, &proofs));
    VerificationReport::new(Some(decoded.format), checks, Some(credential))
}

/// Verifies an already parsed credential (e.g. one the platform just issued or an embedded
/// one), skipping the parse step.
pub fn verify_credential(
    credential: &Value,
    ld: &JsonLdProcessor,
    options: &VerifyOptions,
) -> VerificationReport {
    let mut credential = credential.clone();
    let mut checks = Vec::new();
    let proofs = proof::check_embedded(&mut credential, ld, options, &mut checks);
    checks.extend(embedded::check(&credential, ld, options));
    checks.extend(structure::check(&credential, ld));
    checks.extend(structure::dates(&credential, options.now));
    checks.extend(status::check(&credential, ld, options));
    checks.extend(issuer::check(&credential, &proofs));
    VerificationReport::new(None, checks, Some(credential))
}

/// The issuer id of a credential: `issuer` as a string, or `issuer.id`.
pub(crate) fn issuer_id(credential: &Value) -> Option<&str> {
    match credential.get("issuer") {
        Some(Value::String(id)) => Some(id),
        Some(Value::Object(profile)) => profile.get("id").and_then(Value::as_str),
        _ => None,
    }
}
