//! The safe-mode and proof steps. The unsecured document is expanded and canonicalized once;
//! the same result answers "are all terms defined?" and feeds every Data Integrity proof.

use serde_json::Value;
use tsumiki_jsonld::{JsonLdErrorCode, JsonLdProcessor, Options};

use super::VerifyOptions;
use crate::di::{self, LegacyWarning, ProofCheck, ProofError};
use crate::jwt::{self, JwtError, JwtWarning};
use crate::report::{Check, Step};

/// A proof that verified, and who controls its key.
#[derive(Debug, Clone)]
pub(super) struct VerifiedProof {
    /// `None` for a key embedded in a JWT, which belongs to nobody in particular.
    pub controller: Option<String>,
    /// The JWT `iss` claim, for a VC-JWT.
    pub jwt_iss: Option<String>,
}

/// What the proof step established, for the issuer step.
#[derive(Debug, Clone, Default)]
pub(super) struct ProofOutcome {
    pub verified: Vec<VerifiedProof>,
}

fn json_ld_check(err: &tsumiki_jsonld::JsonLdError) -> Check {
    let code = if err.code == JsonLdErrorCode::SafeMode {
        "safe-mode.violation"
    } else {
        "safe-mode.error"
    };
    // The message without the spec code prefix and path suffix of `Display`: the path has
    // its own field in the report.
    let check = Check::fail(
        Step::SafeMode,
        code,
        &[("detail", err.message.clone().into())],
    );
    match &err.path {
        Some(path) => check.at(path.clone()),
        None => check,
    }
}

fn proof_path(credential: &Value, index: usize) -> String {
    if credential.get("proof").is_some_and(Value::is_array) {
        format!("$.proof[{index}]")
    } else {
        "$.proof".to_owned()
    }
}

/// Matched on the warning's stable code rather than its variants, so a legacy form that
/// `di` learns to recognise later still reaches the report (with the generic message).
fn legacy_check(warning: LegacyWarning) -> Check {
    let code = match warning.code() {
        "legacy-vc-data-model-1.1" => "proof.legacy-vc11",
        "legacy-cryptosuite-eddsa-2022" => "proof.legacy-eddsa-2022",
        "legacy-ed25519-signature-2020" => "proof.legacy-ed25519-signature-2020",
        "legacy-unbound-previous-proof" => "proof.legacy-unbound-previous-proof",
        _ => {
            return Check::warning(
                Step::Proof,
                "proof.legacy",
                &[("detail", warning.to_string().into())],
            );
        }
    };
    Check::warning(Step::Proof, code, &[])
}

fn di_check(credential: &Value, proof: &ProofCheck) -> Vec<Check> {
    let path = proof_path(credential, proof.index);
    let method = proof
        .verification_method
        .clone()
        .unwrap_or_else(|| "?".to_owned());
    let suite = proof
        .cryptosuite
        .clone()
        .or_else(|| proof.proof_type.clone())
        .unwrap_or_default();
    let mut checks = vec![
        match &proof.outcome {
            Ok(()) => Check::pass(
                Step::Proof,
                "proof.ok",
                &[("method", method.into()), ("suite", suite.into())],
            ),
            Err(ProofError::BadSignature) => Check::fail(
                Step::Proof,
                "proof.bad-signature",
                &[("method", method.into())],
            ),
            Err(ProofError::Resolve(err)) => Check::fail(
                Step::Proof,
                "proof.key-unresolved",
                &[
                    ("method", method.into()),
                    ("detail", err.to_string().into()),
                ],
            ),
            Err(err) => Check::fail(
                Step::Proof,
                "proof.failed",
                &[
                    ("method", method.into()),
                    ("detail", err.to_string().into()),
                ],
            ),
        }
        .at(path.clone()),
    ];
    checks.extend(
        proof
            .warnings
            .iter()
            .map(|warning| legacy_check(*warning).at(path.clone())),
    );
    checks
}

/// Safe mode and Data Integrity proofs of a JSON credential. Takes the credential mutably
/// only to lift `proof` out while the unsecured document is canonicalized (it is put back at
/// the same position): copying the credential instead costs as much as a proof check.
pub(super) fn check_embedded(
    credential: &mut Value,
    ld: &JsonLdProcessor,
    options: &VerifyOptions,
    checks: &mut Vec<Check>,
) -> ProofOutcome {
    let has_proof = credential
        .get("proof")
        .is_some_and(|proof| !matches!(proof, Value::Array(items) if items.is_empty()));
    let document = match di::canonicalize_unsecured_in_place(credential, ld) {
        Ok(document) => {
            checks.push(Check::pass(Step::SafeMode, "safe-mode.ok", &[]));
            Some(document)
        }
        Err(ProofError::JsonLd(err)) => {
            checks.push(json_ld_check(&err));
            None
        }
        Err(err) => {
            checks.push(Check::fail(
                Step::SafeMode,
                "safe-mode.error",
                &[("detail", err.to_string().into())],
            ));
            None
        }
    };
    if !has_proof {
        checks.push(Check::fail(Step::Proof, "proof.missing", &[]));
        return ProofOutcome::default();
    }
    let Some(document) = document else {
        checks.push(Check::fail(
            Step::Proof,
            "proof.unavailable",
            &[(
                "detail",
                "the credential could not be canonicalized (see the JSON-LD check)".into(),
            )],
        ));
        return ProofOutcome::default();
    };
    let credential: &Value = credential;
    let results = di::verify_canonical(credential, &document, &options.controllers, ld);
    let mut outcome = ProofOutcome::default();
    for result in &results {
        checks.extend(di_check(credential, result));
        if result.is_ok() {
            outcome.verified.push(VerifiedProof {
                controller: result.controller.clone(),
                jwt_iss: None,
            });
        }
    }
    outcome
}

fn jwt_warning(warning: &JwtWarning) -> Check {
    match warning {
        JwtWarning::VcClaim => Check::warning(Step::Proof, "proof.jwt-vc-claim", &[]),
        JwtWarning::MissingClaim(claim) => Check::warning(
            Step::Proof,
            "proof.jwt-missing-claim",
            &[("claim", (*claim).into())],
        ),
        JwtWarning::ExtraHeader(name) => Check::warning(
            Step::Proof,
            "proof.jwt-extra-header",
            &[("name", name.into())],
        ),
        JwtWarning::EmbeddedJwk => Check::warning(Step::Proof, "proof.jwt-embedded-jwk", &[]),
    }
}

/// A VC-JWT: the signature, then safe mode on the credential it carries. Returns the
/// credential to check further: the verified one when the signature holds (it may have been
/// completed from the JWT claims), else the one read without verification.
pub(super) fn check_jwt(
    token: &str,
    unverified: Value,
    ld: &JsonLdProcessor,
    options: &VerifyOptions,
    checks: &mut Vec<Check>,
) -> (Value, ProofOutcome) {
    let mut outcome = ProofOutcome::default();
    let credential = match jwt::verify(token, &options.controllers) {
        Ok(verified) => {
            let kid = verified.kid.clone().unwrap_or_else(|| "jwk".to_owned());
            checks.push(Check::pass(
                Step::Proof,
                "proof.jwt-ok",
                &[("alg", verified.alg.as_str().into()), ("kid", kid.into())],
            ));
            checks.extend(verified.warnings.iter().map(jwt_warning));
            outcome.verified.push(VerifiedProof {
                controller: verified.controller.clone(),
                jwt_iss: verified.claims.iss.clone(),
            });
            verified.credential
        }
        Err(JwtError::BadSignature) => {
            checks.push(Check::fail(Step::Proof, "proof.jwt-bad-signature", &[]));
            unverified
        }
        Err(err) => {
            checks.push(Check::fail(
                Step::Proof,
                "proof.jwt-failed",
                &[("detail", err.to_string().into())],
            ));
            unverified
        }
    };
    match ld.expand(&credential, &Options::default()) {
        Ok(_) => checks.push(Check::pass(Step::SafeMode, "safe-mode.ok", &[])),
        Err(err) => checks.push(json_ld_check(&err)),
    }
    (credential, outcome)
}
