//! Signing keys: Ed25519 (Data Integrity, VC-JWT EdDSA) and P-256 (VC-JWT ES256), their
//! Multikey and JWK encodings, and the on-disk key file format.
//!
//! RSA exists only as a *public* key: Open Badges 3.0 names RS256 as the VC-JWT minimum, so a
//! verifier must accept it, but tsumiki never creates RSA signatures (see [`crate::jwt`]).
//!
//! Randomness is passed in (`generate_*`), so this module stays pure.

mod error;
mod file;
mod jwk;
pub(crate) mod multikey;
mod pair;
mod public;

pub use error::KeyError;
pub use file::{IssuerKey, KeyFile};
pub use pair::{KeyAlgorithm, KeyPair};
pub use public::{JwsAlgorithm, PublicKey, RsaPublicKey};
