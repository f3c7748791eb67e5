//! VC-JWT as the Open Badges 3.0 profile defines it (`integrity.md`): the payload is the
//! credential JSON itself plus `iss`, `jti`, `nbf`, `sub` and `exp`; the header has `alg`,
//! `kid` or a public `jwk`, and `typ: "JWT"`. The VC 1.1 form (credential in a `vc` claim) is
//! also accepted on verify, with a warning.
//!
//! Why the compact JWS is assembled here rather than with `jsonwebtoken::encode/decode`: the
//! profile needs exact control of the header (no extra members, `jwk` without `d`, `alg: none`
//! refused with a clear message), the claims must stay a `serde_json::Value` in document order,
//! and `jsonwebtoken`'s validation reads the system clock, which this pure crate must not do.
//! Ed25519 and ES256 go straight to `ed25519-dalek` / `p256`; RS256 (verify only) goes through
//! `jsonwebtoken`'s RustCrypto provider, see [`crate::keys::PublicKey::verify`].

mod claims;
mod compact;
mod error;
mod issue;
mod verify;

pub use claims::CheckedClaims;
pub use error::{JwtError, JwtWarning};
pub use issue::{JwtKeyHeader, issue};
pub use verify::{JwtKeySource, JwtVerified, verify};
