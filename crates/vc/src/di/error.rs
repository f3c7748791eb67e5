//! Proof errors and legacy-form warnings. A warning never fails a proof; it tells the user the
//! credential uses a form that newer verifiers may reject.

use tsumiki_jsonld::JsonLdError;
use tsumiki_rdf::CanonError;

use crate::did::ResolveError;
use crate::keys::KeyError;

/// Why a proof could not be created or did not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProofError {
    #[error("the document must be a JSON object")]
    DocumentNotObject,
    /// Includes safe-mode rejections, with the JSON path of the offending value.
    #[error("JSON-LD: {0}")]
    JsonLd(#[from] JsonLdError),
    #[error("{0}")]
    Canonicalization(String),
    #[error("proof #{index} is not a JSON object")]
    ProofNotObject { index: usize },
    #[error("proof member {member:?} must be a string")]
    NotAString { member: &'static str },
    #[error("proof has no {0:?}")]
    Missing(&'static str),
    #[error("unsupported proof type {0:?} (expected DataIntegrityProof or Ed25519Signature2020)")]
    UnsupportedProofType(String),
    #[error("unknown cryptosuite {0:?} (expected eddsa-rdfc-2022)")]
    UnknownCryptosuite(String),
    #[error("proofPurpose is {found:?}; a credential proof must be \"assertionMethod\"")]
    WrongProofPurpose { found: String },
    #[error("proof \"created\" is not an XML Schema dateTimeStamp: {0:?}")]
    InvalidCreated(String),
    #[error("verification method: {0}")]
    Resolve(#[from] ResolveError),
    #[error(
        "verification method {id} is not listed under assertionMethod of its controller {controller}"
    )]
    NotAssertionMethod { id: String, controller: String },
    #[error("this cryptosuite needs an Ed25519 key, but {id} is a {kind} key")]
    KeyNotEd25519 { id: String, kind: &'static str },
    #[error("proofValue is not a multibase base58btc Ed25519 signature: {0}")]
    BadProofValue(String),
    #[error(
        "signature does not match the document: the credential or its proof was changed after signing, or the wrong key is named"
    )]
    BadSignature,
    #[error("previousProof {0:?} names no proof in this proof set")]
    PreviousProofMissing(String),
    #[error("previousProof {0:?} did not verify, so this chained proof cannot be trusted")]
    PreviousProofFailed(String),
    #[error("signing key: {0}")]
    Key(#[from] KeyError),
}

impl From<CanonError> for ProofError {
    fn from(err: CanonError) -> Self {
        Self::Canonicalization(err.to_string())
    }
}

/// A legacy form that still verifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LegacyWarning {
    /// `https://www.w3.org/2018/credentials/v1` with `issuanceDate`; OB 3.0 requires VC 2.0.
    VcDataModel11,
    /// `cryptosuite: "eddsa-2022"`, the name used before vc-di-eddsa became final.
    PreFinalCryptosuiteName,
    /// An `Ed25519Signature2020` proof (jsonld-signatures), superseded by `eddsa-rdfc-2022`.
    Ed25519Signature2020,
}

impl LegacyWarning {
    /// A stable identifier for reports and message catalogues.
    pub fn code(self) -> &'static str {
        match self {
            Self::VcDataModel11 => "legacy-vc-data-model-1.1",
            Self::PreFinalCryptosuiteName => "legacy-cryptosuite-eddsa-2022",
            Self::Ed25519Signature2020 => "legacy-ed25519-signature-2020",
        }
    }
}

impl std::fmt::Display for LegacyWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::VcDataModel11 => {
                "uses the VC 1.1 data model (credentials/v1 context); Open Badges 3.0 requires VC 2.0"
            }
            Self::PreFinalCryptosuiteName => {
                "uses the pre-final cryptosuite name \"eddsa-2022\"; the final name is \"eddsa-rdfc-2022\""
            }
            Self::Ed25519Signature2020 => {
                "uses an Ed25519Signature2020 proof; Open Badges 3.0 certifies DataIntegrityProof with eddsa-rdfc-2022"
            }
        })
    }
}
