//! `/account/password`: every user changes their own password. The store ends all of the
//! user's sessions with the change (a stolen session dies with the old password); this
//! browser gets a fresh one so the user stays logged in.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tsumiki_i18n::Lang;

use crate::auth::password::{hash_password, verify_password};
use crate::auth::{CsrfToken, CurrentUser, Role, session};
use crate::i18n::{ReqLang, Tr};
use crate::pages::layout::{Chrome, page};
use crate::pages::login::with_cookie;
use crate::pages::setup::check_account;
use crate::{AppState, WebError};

const PATH: &str = "/account/password";

#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage {
    tr: Tr,
    chrome: Chrome,
    csrf: String,
    error: Option<String>,
}

fn password_page(
    lang: Lang,
    user: &CurrentUser,
    csrf: &str,
    error: Option<String>,
) -> PasswordPage {
    PasswordPage {
        tr: Tr(lang),
        chrome: Chrome::new(lang, Some(user), Some(csrf), PATH),
        csrf: csrf.to_owned(),
        error,
    }
}

/// `GET /account/password`.
pub async fn form(
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, WebError> {
    // Every signed-in person may change their own password.
    user.require(&Role::ALL)?;
    Ok(page(&password_page(lang, &user, &csrf, None))?.into_response())
}

#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
}

/// `POST /account/password`.
pub async fn submit(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Form(form): Form<PasswordForm>,
) -> Result<Response, WebError> {
    // Every signed-in person may change their own password.
    user.require(&Role::ALL)?;
    let current_ok =
        verify_password(form.current_password, Some(user.user.password_hash.clone())).await?;
    let problem = if !current_ok {
        Some((StatusCode::UNAUTHORIZED, "web-password-error-current"))
    } else {
        check_account(
            &user.user.email,
            &user.user.display_name,
            &form.password,
            &form.password_confirm,
        )
        .err()
        .map(|id| (StatusCode::BAD_REQUEST, id))
    };
    if let Some((status, message_id)) = problem {
        let error = Some(tsumiki_i18n::t(lang, message_id, &[]));
        let body = page(&password_page(lang, &user, &csrf, error))?;
        return Ok((status, body).into_response());
    }
    let password_hash = hash_password(form.password).await?;
    state
        .store
        .set_password_hash(&user.user.id, &password_hash)
        .await?;
    let cookie = session::start(&state, &user.user.id).await?;
    Ok(with_cookie(Redirect::to("/").into_response(), Some(cookie)))
}
