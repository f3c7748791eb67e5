//! Signing keys: Ed25519 (Data Integrity, VC-JWT EdDSA) and P-256 (VC-JWT ES256), their
//! Multikey encodings and the on-disk key file format. OWNER: helper H3.
//!
//! Contract used by others:
//! - `KeyPair::generate_ed25519(rng)`, `KeyPair::generate_p256(rng)`
//! - `KeyFile` (serde): `{type:"Multikey", id, controller, publicKeyMultibase, secretKeyMultibase}`;
//!   `KeyFile::from_json(&str) -> Result<KeyPair-ish, KeyError>`
//! - `PublicKey` enum { Ed25519(..), P256(..), Rsa(..) } with `from_multibase`, `to_multibase`,
//!   `from_jwk(&Value)`, `verify(alg, msg, sig)`.
