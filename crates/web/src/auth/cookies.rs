//! Reading and writing the few cookies the server sets, without a cookie-jar dependency.

use axum::http::HeaderMap;
use axum::http::header::COOKIE;

/// The login session (random token; the database keeps its hash).
pub const SESSION_COOKIE: &str = "tsumiki_session";
/// The CSRF secret for forms shown before login (login, set-up): double-submit cookie.
pub const PRE_SESSION_CSRF_COOKIE: &str = "tsumiki_csrf";
/// The language the visitor chose with the ja/en switch.
pub const LANG_COOKIE: &str = "tsumiki_lang";

/// The value of cookie `name` from the request's `Cookie` headers.
pub fn get(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim_matches('"').to_owned())
}

/// A `Set-Cookie` value. Session-bearing cookies are `HttpOnly` so scripts cannot read them;
/// `SameSite=Lax` keeps them off cross-site POSTs (CSRF tokens cover the rest).
pub fn set(name: &str, value: &str, max_age_seconds: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={value}; Path=/; Max-Age={max_age_seconds}; HttpOnly; SameSite=Lax{secure}")
}

/// A `Set-Cookie` value that deletes cookie `name`.
pub fn clear(name: &str, secure: bool) -> String {
    set(name, "", 0, secure)
}
