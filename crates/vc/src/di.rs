//! Data Integrity proofs: `eddsa-rdfc-2022` create and verify (W3C vc-di-eddsa), proof sets and
//! `previousProof` chains, and the legacy forms still in circulation, which verify with a
//! warning: the VC 1.1 data model, the pre-final cryptosuite name `eddsa-2022`, and
//! `Ed25519Signature2020` proofs.
//!
//! The pipeline is: JSON-LD → RDF with the shared [`JsonLdProcessor`] (safe mode, contexts
//! processed once) → RDFC-1.0 → SHA-256. For one credential the unsecured document is
//! canonicalized once ([`canonicalize_unsecured`]) and reused by every proof in the set
//! ([`verify_canonical`]); only chained proofs need a second document.
//!
//! [`JsonLdProcessor`]: tsumiki_jsonld::JsonLdProcessor

mod canon;
mod error;
mod options;
mod proof_config;
mod sign;
mod verify;

pub use canon::{
    CanonicalDocument, Canonicalizer, canonical_nquads, canonicalize_unsecured,
    canonicalize_unsecured_in_place, hash_data, sign_hash_data, verify_hash_data,
};
pub use error::{LegacyWarning, ProofError};
pub use options::{ProofOptions, ProofSuite};
pub use sign::{sign, sign_owned};
pub use verify::{ProofCheck, verify, verify_canonical};
