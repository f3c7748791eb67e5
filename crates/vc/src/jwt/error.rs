//! JWT errors and warnings.

use crate::did::ResolveError;
use crate::keys::KeyError;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JwtError {
    #[error("not a compact JWS: {0}")]
    Malformed(String),
    #[error("alg \"none\": an unsigned JWT proves nothing and is refused")]
    AlgNone,
    #[error("unsupported JWS alg {0:?} (supported: RS256, ES256, EdDSA)")]
    UnsupportedAlgorithm(String),
    #[error("header typ is {0:?}; the Open Badges profile requires \"JWT\"")]
    BadType(String),
    #[error("header names critical extensions ({0}) that tsumiki does not understand")]
    CriticalHeader(String),
    #[error("header has neither \"kid\" nor \"jwk\": no way to find the signing key")]
    MissingKey,
    #[error("header kid {kid:?} and the embedded jwk are different keys")]
    KidJwkMismatch { kid: String },
    #[error("key: {0}")]
    Key(#[from] KeyError),
    #[error("kid: {0}")]
    Resolve(#[from] ResolveError),
    #[error("key {id} is not listed under assertionMethod of its controller {controller}")]
    NotAssertionMethod { id: String, controller: String },
    #[error("signature does not verify: the token was changed, or the wrong key is named")]
    BadSignature,
    #[error("payload is not a credential: {0}")]
    NotACredential(String),
    #[error("claim {claim} is {claim_value} but the credential says {credential_value}")]
    ClaimMismatch {
        claim: &'static str,
        claim_value: String,
        credential_value: String,
    },
    #[error("{member} is not a valid date-time: {value:?}")]
    InvalidDate { member: &'static str, value: String },
    #[error("cannot issue a VC-JWT: {0}")]
    Issue(String),
}

/// Accepted, but worth telling the user.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum JwtWarning {
    /// VC 1.1 JWT form: the credential is in a `vc` claim.
    VcClaim,
    /// A claim the Open Badges profile requires is absent.
    MissingClaim(&'static str),
    /// A header member the profile does not allow (only alg, kid, jwk, typ).
    ExtraHeader(String),
    /// The key came from the token's own `jwk` header, which proves possession of that key
    /// only; whether it belongs to the issuer must be established separately.
    EmbeddedJwk,
}

impl std::fmt::Display for JwtWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::VcClaim => f.write_str("VC 1.1 JWT form (credential in a \"vc\" claim)"),
            Self::MissingClaim(claim) => write!(f, "claim {claim:?} is missing"),
            Self::ExtraHeader(name) => write!(
                f,
                "header member {name:?} is not allowed by the Open Badges profile"
            ),
            Self::EmbeddedJwk => {
                f.write_str("the signing key is embedded in the token (jwk header)")
            }
        }
    }
}
