//! Password hashing with argon2id (the crate's defaults: OWASP's recommended parameters).
//! Hashing is deliberately slow, so callers run it on the blocking pool.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};

use crate::WebError;

/// Shortest password accepted: long enough to resist online guessing with rate limits absent.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// The PHC string (`$argon2id$v=19$...`) for `password`, with a fresh random salt.
pub async fn hash_password(password: String) -> Result<String, WebError> {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(password.as_bytes())
            .map(|hash| hash.to_string())
            .map_err(|error| WebError::Internal(format!("hashing password: {error}")))
    })
    .await
    .map_err(|error| WebError::Internal(format!("password hashing task: {error}")))?
}

/// Verified in place of a missing user's hash, so "no such user" costs the same argon2 work
/// as "wrong password" and response times do not reveal who has an account.
static DUMMY_HASH: OnceLock<String> = OnceLock::new();

/// Whether `password` matches the stored PHC string (`None`: no such user; always false, in
/// the same time). A malformed stored hash counts as no match rather than an error page.
pub async fn verify_password(password: String, stored: Option<String>) -> Result<bool, WebError> {
    tokio::task::spawn_blocking(move || {
        let exists = stored.is_some();
        let stored = stored.unwrap_or_else(|| {
            DUMMY_HASH
                .get_or_init(|| {
                    Argon2::default()
                        .hash_password(crate::auth::tokens::random_token().as_bytes())
                        .map(|hash| hash.to_string())
                        .unwrap_or_default()
                })
                .clone()
        });
        let matches = match PasswordHash::new(&stored) {
            Ok(parsed) => Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok(),
            Err(_) => false,
        };
        exists && matches
    })
    .await
    .map_err(|error| WebError::Internal(format!("password verification task: {error}")))
}
