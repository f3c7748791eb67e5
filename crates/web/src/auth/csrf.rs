//! CSRF protection for the HTML forms. Every state-changing request to a page route must
//! carry the expected token, in the form field `csrf_token` (URL-encoded or multipart) or the
//! `X-CSRF-Token` header:
//! - with a session: the session's token (stored with the session);
//! - before login (login and set-up forms): the double-submit cookie `tsumiki_csrf`, which a
//!   cross-site page can neither read nor set.
//!
//! The machine APIs are not behind this check: they accept bearer tokens only, which a
//! browser never attaches on its own.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse as _, Response};

use crate::auth::{cookies, session, tokens};
use crate::{AppState, WebError};

/// The form field forms carry the token in.
pub const FIELD: &str = "csrf_token";
/// The header scripts send it in.
pub const HEADER: &str = "x-csrf-token";
/// Largest form body buffered for the check; page forms are small.
const MAX_FORM_BYTES: usize = 2 * 1024 * 1024;
/// Largest multipart body (file uploads: spreadsheets for bulk issuance, badge images). Each
/// route still applies its own, usually smaller, body limit after this check.
const MAX_MULTIPART_BYTES: usize = 24 * 1024 * 1024;

/// Middleware: rejects unsafe requests whose token does not match with 403.
pub async fn verify_csrf(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let (mut parts, body) = request.into_parts();
    let expected = match session::live_session(&mut parts, &state).await {
        Ok(Some(live)) => Some(live.session.csrf_token),
        Ok(None) => cookies::get(&parts.headers, cookies::PRE_SESSION_CSRF_COOKIE),
        Err(error) => return error.into_response(),
    };
    let Some(expected) = expected.filter(|token| !token.is_empty()) else {
        return WebError::Forbidden.into_response();
    };
    let is_multipart = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("multipart/form-data"));
    let limit = if is_multipart {
        MAX_MULTIPART_BYTES
    } else {
        MAX_FORM_BYTES
    };
    let bytes = match to_bytes(body, limit).await {
        Ok(bytes) => bytes,
        Err(_) => return WebError::BadRequest("form too large".into()).into_response(),
    };
    let provided = header_token(&parts.headers).or_else(|| body_token(&parts.headers, &bytes));
    match provided {
        Some(provided) if tokens::constant_time_eq(provided.as_bytes(), expected.as_bytes()) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        _ => WebError::Forbidden.into_response(),
    }
}

fn header_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get(HEADER)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
}

fn body_token(headers: &HeaderMap, body: &[u8]) -> Option<String> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    if content_type.starts_with("application/x-www-form-urlencoded") {
        form_urlencoded_field(body, FIELD)
    } else if content_type.starts_with("multipart/form-data") {
        multipart_field(body, FIELD)
    } else {
        None
    }
}

/// The value of `name` in an `application/x-www-form-urlencoded` body.
pub fn form_urlencoded_field(body: &[u8], name: &str) -> Option<String> {
    serde_urlencoded_pairs(body)
        .into_iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value)
}

fn serde_urlencoded_pairs(body: &[u8]) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body).unwrap_or_default()
}

/// The text of part `name` in a multipart body. Only the simple case forms produce is needed:
/// the token part is short text, so a scan for its header is enough.
fn multipart_field(body: &[u8], name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\"");
    let text = String::from_utf8_lossy(body);
    let after = text.split_once(&marker)?.1;
    let value = after.split_once("\r\n\r\n")?.1;
    let end = value.find("\r\n--")?;
    Some(value.get(..end)?.to_owned())
}
