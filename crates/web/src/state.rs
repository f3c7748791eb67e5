//! The state every handler shares. One `Arc` so cloning it per request costs a reference count.

use std::sync::{Arc, Mutex};

use sha2::{Digest as _, Sha256};

/// Handle on the shared state; what axum hands to every handler.
#[derive(Clone)]
pub struct AppState(pub Arc<AppInner>);

/// Everything a request may need. Built by [`AppState::new`] (the extra private fields keep the
/// set-up secret and cookie policy out of reach of handlers that have no business with them).
pub struct AppInner {
    /// The database.
    pub store: tsumiki_store::Store,
    /// One JSON-LD processor for the whole server: its context cache is the expensive part.
    pub ld: tsumiki_jsonld::JsonLdProcessor,
    /// Opens the sealed issuer keys.
    pub master_key: tsumiki_store::MasterKey,
    /// Public origin of the server, e.g. `https://badges.example.ac.jp`, no trailing `/`.
    pub base_url: String,
    /// Whether cookies get the `Secure` attribute (TLS, or an https base URL behind a proxy).
    pub(crate) secure_cookies: bool,
    /// SHA-256 of the one-time admin set-up token, while no admin exists. Only the hash is
    /// kept so a memory dump after set-up does not reveal a still-valid link.
    pub(crate) setup_token_hash: Mutex<Option<[u8; 32]>>,
    /// Failed logins per account name, for the lockout.
    pub(crate) login_throttle: crate::auth::throttle::LoginThrottle,
}

impl std::ops::Deref for AppState {
    type Target = AppInner;

    fn deref(&self) -> &AppInner {
        &self.0
    }
}

impl AppState {
    /// State over an opened store. `base_url` loses any trailing `/`; cookies are `Secure`
    /// exactly when it is https.
    pub fn new(
        store: tsumiki_store::Store,
        master_key: tsumiki_store::MasterKey,
        base_url: &str,
    ) -> AppState {
        let base_url = base_url.trim_end_matches('/').to_owned();
        let secure_cookies = base_url.starts_with("https://");
        AppState(Arc::new(AppInner {
            store,
            ld: tsumiki_jsonld::JsonLdProcessor::bundled(),
            master_key,
            base_url,
            secure_cookies,
            setup_token_hash: Mutex::new(None),
            login_throttle: crate::auth::throttle::LoginThrottle::default(),
        }))
    }

    /// Forces `Secure` cookies (the server terminates TLS itself on a plain-http base URL).
    pub fn with_secure_cookies(self, secure: bool) -> AppState {
        match Arc::try_unwrap(self.0) {
            Ok(mut inner) => {
                inner.secure_cookies = secure;
                AppState(Arc::new(inner))
            }
            // Already shared: the policy is fixed once handlers hold the state.
            Err(shared) => AppState(shared),
        }
    }

    /// Whether cookies are sent with `Secure`.
    pub fn secure_cookies(&self) -> bool {
        self.secure_cookies
    }

    /// Creates a new one-time set-up token (replacing any earlier one) and returns it; the
    /// link `/setup/<token>` creates the first admin. Only its hash stays in memory.
    pub fn new_setup_token(&self) -> String {
        let token = crate::auth::tokens::random_token();
        let hash: [u8; 32] = Sha256::digest(token.as_bytes()).into();
        if let Ok(mut slot) = self.setup_token_hash.lock() {
            *slot = Some(hash);
        }
        token
    }

    /// Whether `token` is the live set-up token (compared in constant time).
    pub(crate) fn setup_token_matches(&self, token: &str) -> bool {
        let hash: [u8; 32] = Sha256::digest(token.as_bytes()).into();
        match self.setup_token_hash.lock() {
            Ok(slot) => slot
                .as_ref()
                .is_some_and(|expected| crate::auth::tokens::constant_time_eq(expected, &hash)),
            Err(_) => false,
        }
    }

    /// Consumes the set-up token if it is `token`; true exactly once per token.
    pub(crate) fn take_setup_token(&self, token: &str) -> bool {
        let hash: [u8; 32] = Sha256::digest(token.as_bytes()).into();
        match self.setup_token_hash.lock() {
            Ok(mut slot) => {
                let matches = slot
                    .as_ref()
                    .is_some_and(|expected| crate::auth::tokens::constant_time_eq(expected, &hash));
                if matches {
                    *slot = None;
                }
                matches
            }
            Err(_) => false,
        }
    }
}
