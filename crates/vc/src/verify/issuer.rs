//! The issuer step: the issuer named in the credential must control the key of every proof
//! that verified (see the policy in [`crate::verify`]).

use serde_json::Value;

use super::issuer_id;
use super::proof::ProofOutcome;
use crate::report::{Check, Step};

pub(super) fn check(credential: &Value, proofs: &ProofOutcome) -> Vec<Check> {
    let Some(issuer) = issuer_id(credential) else {
        return vec![Check::fail(Step::Issuer, "issuer.missing", &[]).at("$.issuer")];
    };
    if proofs.verified.is_empty() {
        return vec![Check::warning(Step::Issuer, "issuer.unchecked", &[])];
    }
    let mut checks = Vec::new();
    for proof in &proofs.verified {
        match &proof.controller {
            None => checks.push(
                Check::fail(
                    Step::Issuer,
                    "issuer.unbound-key",
                    &[("issuer", issuer.into())],
                )
                .at("$.issuer"),
            ),
            Some(controller) if controller != issuer => checks.push(
                Check::fail(
                    Step::Issuer,
                    "issuer.controller-mismatch",
                    &[("issuer", issuer.into()), ("controller", controller.into())],
                )
                .at("$.issuer"),
            ),
            Some(_) => {}
        }
        if let Some(iss) = &proof.jwt_iss
            && iss != issuer
        {
            checks.push(
                Check::fail(
                    Step::Issuer,
                    "issuer.jwt-iss-mismatch",
                    &[("iss", iss.into()), ("issuer", issuer.into())],
                )
                .at("$.issuer"),
            );
        }
    }
    if checks.is_empty() {
        checks.push(Check::pass(
            Step::Issuer,
            "issuer.ok",
            &[("issuer", issuer.into())],
        ));
    }
    checks
}
