//! Login and logout. Unknown email and wrong password get the same answer (and take the same
//! time: a dummy hash is verified when there is no user), so the form does not reveal who has
//! an account.

use std::time::Instant;

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tsumiki_i18n::Lang;

use crate::auth::password::verify_password;
use crate::auth::session;
use crate::auth::{CurrentUser, cookies, tokens};
use crate::i18n::{ReqLang, Tr};
use crate::pages::layout::{Chrome, page};
use crate::pages::safe_next;
use crate::{AppState, WebError};

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    tr: Tr,
    chrome: Chrome,
    csrf: String,
    next: String,
    email: String,
    error: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

/// The pre-session CSRF token of this browser, or a new one with the cookie to set.
pub fn pre_session_csrf(headers: &HeaderMap, secure: bool) -> (String, Option<String>) {
    match cookies::get(headers, cookies::PRE_SESSION_CSRF_COOKIE).filter(|t| t.len() >= 32) {
        Some(token) => (token, None),
        None => {
            let token = tokens::random_token();
            let cookie = cookies::set(cookies::PRE_SESSION_CSRF_COOKIE, &token, 3600, secure);
            (token, Some(cookie))
        }
    }
}

/// Attaches `Set-Cookie` when there is one.
pub fn with_cookie(mut response: Response, cookie: Option<String>) -> Response {
    if let Some(value) = cookie.and_then(|c| header::HeaderValue::from_str(&c).ok()) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// `GET /login`.
pub async fn form(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: Option<CurrentUser>,
    headers: HeaderMap,
    Query(query): Query<NextQuery>,
) -> Result<Response, WebError> {
    if user.is_some() {
        return Ok(Redirect::to(safe_next(&query.next)).into_response());
    }
    let (csrf, cookie) = pre_session_csrf(&headers, state.secure_cookies());
    let body = page(&LoginPage {
        tr: Tr(lang),
        chrome: Chrome::new(lang, None, None, "/login"),
        csrf,
        next: safe_next(&query.next).to_owned(),
        email: String::new(),
        error: None,
    })?;
    Ok(with_cookie(body.into_response(), cookie))
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// `POST /login`.
pub async fn submit(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    headers: HeaderMap,
    Form(mut form): Form<LoginForm>,
) -> Result<Response, WebError> {
    let now = Instant::now();
    if state.login_throttle.is_locked(&form.email, now) {
        let message = tsumiki_i18n::t(lang, "web-login-throttled", &[]);
        return failed_login(
            &state,
            lang,
            &headers,
            form,
            StatusCode::TOO_MANY_REQUESTS,
            message,
        );
    }
    let user = state.store.user_by_email(&form.email).await?;
    let stored = user.as_ref().map(|user| user.password_hash.clone());
    let password = std::mem::take(&mut form.password);
    let matches = verify_password(password, stored).await?;
    match user {
        Some(user) if matches => {
            state.login_throttle.clear(&form.email);
            let cookie = session::start(&state, &user.id).await?;
            let response = Redirect::to(safe_next(&form.next)).into_response();
            let response = with_cookie(response, Some(cookie));
            Ok(with_cookie(
                response,
                Some(cookies::clear(
                    cookies::PRE_SESSION_CSRF_COOKIE,
                    state.secure_cookies(),
                )),
            ))
        }
        _ => {
            state.login_throttle.record_failure(&form.email, now);
            let message = tsumiki_i18n::t(lang, "web-login-failed", &[]);
            failed_login(
                &state,
                lang,
                &headers,
                form,
                StatusCode::UNAUTHORIZED,
                message,
            )
        }
    }
}

/// The login form again, with `message`.
fn failed_login(
    state: &AppState,
    lang: Lang,
    headers: &HeaderMap,
    form: LoginForm,
    status: StatusCode,
    message: String,
) -> Result<Response, WebError> {
    let (csrf, cookie) = pre_session_csrf(headers, state.secure_cookies());
    let body = page(&LoginPage {
        tr: Tr(lang),
        chrome: Chrome::new(lang, None, None, "/login"),
        csrf,
        next: safe_next(&form.next).to_owned(),
        email: form.email,
        error: Some(message),
    })?;
    Ok(with_cookie((status, body).into_response(), cookie))
}

/// `POST /logout`: ends the session server-side, not just the cookie.
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    if let Some(token) = cookies::get(&headers, cookies::SESSION_COOKIE) {
        state
            .store
            .delete_session(&tokens::token_hash(&token))
            .await?;
    }
    Ok((
        [(
            header::SET_COOKIE,
            cookies::clear(cookies::SESSION_COOKIE, state.secure_cookies()),
        )],
        Redirect::to("/login"),
    )
        .into_response())
}
