//! Login sessions: a random cookie token whose hash names the session row.

use axum::http::request::Parts;
use chrono::{Duration, Utc};

use crate::auth::{cookies, tokens};
use crate::{AppState, WebError};

/// How long a login lasts. A working day plus margin: staff issuing badges log in once a day.
pub const SESSION_HOURS: i64 = 12;

/// A session found for a request, cached in the request extensions so the CSRF check and the
/// extractors look it up once.
#[derive(Debug, Clone)]
pub struct LiveSession {
    /// The session row.
    pub session: tsumiki_store::Session,
    /// Its user.
    pub user: tsumiki_store::User,
}

/// Cached "no session" answer, so a request without a valid cookie is not looked up twice.
#[derive(Debug, Clone, Copy)]
struct NoSession;

/// The live session of a request, if its cookie names one that has not expired.
pub async fn live_session(
    parts: &mut Parts,
    state: &AppState,
) -> Result<Option<LiveSession>, WebError> {
    if let Some(live) = parts.extensions.get::<LiveSession>() {
        return Ok(Some(live.clone()));
    }
    if parts.extensions.get::<NoSession>().is_some() {
        return Ok(None);
    }
    let found = match cookies::get(&parts.headers, cookies::SESSION_COOKIE) {
        Some(token) if !token.is_empty() => state
            .store
            .session(&tokens::token_hash(&token), Utc::now())
            .await?
            .map(|(session, user)| LiveSession { session, user }),
        _ => None,
    };
    match &found {
        Some(live) => {
            parts.extensions.insert(live.clone());
        }
        None => {
            parts.extensions.insert(NoSession);
        }
    }
    Ok(found)
}

/// Starts a session for `user_id`; returns the `Set-Cookie` value for the new token.
pub async fn start(state: &AppState, user_id: &str) -> Result<String, WebError> {
    let token = tokens::random_token();
    let csrf = tokens::random_token();
    let expires = Utc::now() + Duration::hours(SESSION_HOURS);
    state
        .store
        .create_session(&tokens::token_hash(&token), user_id, &csrf, expires)
        .await?;
    Ok(cookies::set(
        cookies::SESSION_COOKIE,
        &token,
        SESSION_HOURS * 3600,
        state.secure_cookies(),
    ))
}
