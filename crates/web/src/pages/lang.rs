//! The ja/en switch: remembers the choice in a cookie and goes back to the page.

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tsumiki_i18n::Lang;

use crate::auth::cookies;
use crate::pages::safe_next;
use crate::{AppState, WebError};

/// One year: a language choice is a lasting preference.
const LANG_COOKIE_SECONDS: i64 = 365 * 24 * 3600;

#[derive(Debug, Deserialize)]
pub struct Next {
    #[serde(default)]
    next: String,
}

/// `GET /lang/{ja|en}?next=/path`.
pub async fn switch(
    State(state): State<AppState>,
    Path(lang): Path<String>,
    Query(query): Query<Next>,
) -> Result<Response, WebError> {
    let lang = Lang::from_tag(&lang).ok_or(WebError::NotFound)?;
    let cookie = cookies::set(
        cookies::LANG_COOKIE,
        lang.tag(),
        LANG_COOKIE_SECONDS,
        state.secure_cookies(),
    );
    Ok((
        [(header::SET_COOKIE, cookie)],
        Redirect::to(safe_next(&query.next)),
    )
        .into_response())
}
