//! First run: the one-time link printed by `tsumiki serve` creates the first administrator.
//! The token is checked before anything is shown and consumed when the account is made, so a
//! leaked link is useless afterwards.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tsumiki_store::{NewUser, Role};

use crate::auth::password::{MIN_PASSWORD_CHARS, hash_password};
use crate::auth::session;
use crate::i18n::{ReqLang, Tr};
use crate::pages::layout::{Chrome, page};
use crate::pages::login::{pre_session_csrf, with_cookie};
use crate::{AppState, WebError};

#[derive(Template)]
#[template(path = "setup.html")]
struct SetupPage {
    tr: Tr,
    chrome: Chrome,
    csrf: String,
    token: String,
    email: String,
    display_name: String,
    error: Option<String>,
}

/// `GET /setup/{token}`: 404 unless the token is the live one.
pub async fn form(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    if !state.setup_token_matches(&token) {
        return Err(WebError::NotFound);
    }
    let (csrf, cookie) = pre_session_csrf(&headers, state.secure_cookies());
    let body = page(&SetupPage {
        tr: Tr(lang),
        // The language switch must come back to this link, not to `/` (which is the login).
        chrome: Chrome::new(lang, None, None, &format!("/setup/{token}")),
        csrf,
        token,
        email: String::new(),
        display_name: String::new(),
        error: None,
    })?;
    Ok(with_cookie(body.into_response(), cookie))
}

#[derive(Debug, Deserialize)]
pub struct SetupForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

/// Checks an account form; the error is a Fluent message id.
pub fn check_account(
    email: &str,
    display_name: &str,
    password: &str,
    confirm: &str,
) -> Result<(), &'static str> {
    let email = email.trim();
    let valid_email = email
        .split_once('@')
        .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'))
        && !email.chars().any(char::is_whitespace);
    if !valid_email {
        return Err("web-account-error-email");
    }
    if display_name.trim().is_empty() {
        return Err("web-account-error-name");
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err("web-account-error-password-short");
    }
    if password != confirm {
        return Err("web-account-error-password-mismatch");
    }
    Ok(())
}

/// `POST /setup/{token}`: creates the administrator and logs them in.
pub async fn submit(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Path(token): Path<String>,
    headers: HeaderMap,
    Form(form): Form<SetupForm>,
) -> Result<Response, WebError> {
    if !state.setup_token_matches(&token) {
        return Err(WebError::NotFound);
    }
    if let Err(message_id) = check_account(
        &form.email,
        &form.display_name,
        &form.password,
        &form.password_confirm,
    ) {
        let (csrf, cookie) = pre_session_csrf(&headers, state.secure_cookies());
        let body = page(&SetupPage {
            tr: Tr(lang),
            // The language switch must come back to this link, not to `/` (which is the login).
            chrome: Chrome::new(lang, None, None, &format!("/setup/{token}")),
            csrf,
            token,
            email: form.email,
            display_name: form.display_name,
            error: Some(tsumiki_i18n::t(lang, message_id, &[])),
        })?;
        return Ok(with_cookie(
            (StatusCode::BAD_REQUEST, body).into_response(),
            cookie,
        ));
    }
    let password_hash = hash_password(form.password).await?;
    // Consumed only now, after validation, so a typo does not burn the link; two racing
    // submissions cannot both pass this point.
    if !state.take_setup_token(&token) {
        return Err(WebError::NotFound);
    }
    let user = state
        .store
        .create_user(NewUser {
            email: form.email,
            display_name: form.display_name.trim().to_owned(),
            password_hash,
            role: Role::Admin,
        })
        .await?;
    let cookie = session::start(&state, &user.id).await?;
    Ok(with_cookie(Redirect::to("/").into_response(), Some(cookie)))
}
