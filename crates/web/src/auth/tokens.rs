//! Secrets handed to browsers and API clients: generated from the OS, stored only as hashes.

use base64::Engine as _;
use rand_core::{OsRng, RngCore as _};
use sha2::{Digest as _, Sha256};

/// 32 random bytes, base64url without padding (43 characters): enough entropy that a token
/// cannot be guessed, URL- and cookie-safe without escaping.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The form a session or API token is stored in: lowercase hex SHA-256. A fast hash suffices
/// because the tokens are random 256-bit values, not passwords.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Equality that takes the same time wherever the first difference is, so a CSRF or set-up
/// token cannot be learnt byte by byte from response times.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
