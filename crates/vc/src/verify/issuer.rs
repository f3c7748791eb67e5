//! The issuer step: the issuer named in the credential must control the key of at least one
//! proof that verified (see the policy in [`crate::verify`]).
//!
//! Proof sets and chains may carry proofs by other parties (a co-signing programme partner, a
//! notary, the W3C suite's two-key chains). Every proof must still be valid — the proof step
//! fails otherwise — and each one by someone other than the issuer is reported as a warning
//! naming its controller, so a reader sees who else signed. Without an issuer proof the
//! credential fails: a valid signature by anyone else says nothing about the named issuer.

use serde_json::Value;

use super::issuer_id;
use super::proof::ProofOutcome;
use crate::report::{Check, Outcome, Step};

pub(super) fn check(credential: &Value, proofs: &ProofOutcome) -> Vec<Check> {
    let Some(issuer) = issuer_id(credential) else {
        return vec![Check::fail(Step::Issuer, "issuer.missing", &[]).at("$.issuer")];
    };
    if proofs.verified.is_empty() {
        return vec![Check::warning(Step::Issuer, "issuer.unchecked", &[])];
    }
    let signed_by_issuer = proofs
        .verified
        .iter()
        .any(|proof| proof.controller.as_deref() == Some(issuer));
    let mut checks = Vec::new();
    for proof in &proofs.verified {
        let other = match &proof.controller {
            None => Some(Check::fail(
                Step::Issuer,
                "issuer.unbound-key",
                &[("issuer", issuer.into())],
            )),
            Some(controller) if controller != issuer => Some(Check::fail(
                Step::Issuer,
                "issuer.controller-mismatch",
                &[("issuer", issuer.into()), ("controller", controller.into())],
            )),
            Some(_) => None,
        };
        if let Some(other) = other {
            let check = match (&proof.controller, signed_by_issuer) {
                (Some(controller), true) => Check::warning(
                    Step::Issuer,
                    "issuer.co-signed",
                    &[("issuer", issuer.into()), ("controller", controller.into())],
                ),
                _ => other,
            };
            checks.push(check.at("$.issuer"));
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
    if signed_by_issuer && !checks.iter().any(|check| check.outcome == Outcome::Fail) {
        checks.insert(
            0,
            Check::pass(Step::Issuer, "issuer.ok", &[("issuer", issuer.into())]),
        );
    }
    checks
}
