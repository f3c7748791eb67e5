//! `/admin/users`: administrators create accounts and give them a role.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tsumiki_i18n::Lang;
use tsumiki_store::{NewUser, Role};

use crate::auth::password::hash_password;
use crate::auth::{ADMIN_ONLY, CsrfToken, CurrentUser};
use crate::i18n::{ReqLang, Tr};
use crate::pages::layout::{Chrome, page, role_label};
use crate::pages::setup::check_account;
use crate::{AppState, WebError};

struct UserRow {
    email: String,
    display_name: String,
    role: String,
    created_at: String,
}

struct RoleOption {
    value: &'static str,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "users.html")]
struct UsersPage {
    tr: Tr,
    chrome: Chrome,
    csrf: String,
    users: Vec<UserRow>,
    roles: Vec<RoleOption>,
    email: String,
    display_name: String,
    error: Option<String>,
}

/// Parses the role names the form sends (the store's spellings).
pub fn parse_role(text: &str) -> Option<Role> {
    [Role::Admin, Role::IssuerStaff, Role::Viewer]
        .into_iter()
        .find(|role| role.as_str() == text)
}

fn role_options(lang: Lang, selected: Role) -> Vec<RoleOption> {
    [Role::Viewer, Role::IssuerStaff, Role::Admin]
        .into_iter()
        .map(|role| RoleOption {
            value: role.as_str(),
            label: role_label(lang, role),
            selected: role == selected,
        })
        .collect()
}

async fn render(
    state: &AppState,
    lang: Lang,
    user: &CurrentUser,
    csrf: &str,
    form: Option<&UserForm>,
    error: Option<String>,
) -> Result<UsersPage, WebError> {
    let users = state
        .store
        .users()
        .await?
        .into_iter()
        .map(|account| UserRow {
            role: role_label(lang, account.role),
            created_at: account.created_at.format("%Y-%m-%d").to_string(),
            email: account.email,
            display_name: account.display_name,
        })
        .collect();
    let selected = form
        .and_then(|form| parse_role(&form.role))
        .unwrap_or(Role::Viewer);
    Ok(UsersPage {
        tr: Tr(lang),
        chrome: Chrome::new(lang, Some(user), Some(csrf), "/admin/users"),
        csrf: csrf.to_owned(),
        users,
        roles: role_options(lang, selected),
        email: form.map(|form| form.email.clone()).unwrap_or_default(),
        display_name: form
            .map(|form| form.display_name.clone())
            .unwrap_or_default(),
        error,
    })
}

/// `GET /admin/users`.
pub async fn list(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, WebError> {
    user.require(ADMIN_ONLY)?;
    Ok(page(&render(&state, lang, &user, &csrf, None, None).await?)?.into_response())
}

#[derive(Debug, Deserialize)]
pub struct UserForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirm: String,
    #[serde(default)]
    role: String,
}

/// `POST /admin/users`.
pub async fn create(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Form(form): Form<UserForm>,
) -> Result<Response, WebError> {
    user.require(ADMIN_ONLY)?;
    let checked = check_account(
        &form.email,
        &form.display_name,
        &form.password,
        &form.password_confirm,
    )
    .and_then(|()| parse_role(&form.role).ok_or("web-account-error-role"));
    let role = match checked {
        Ok(role) => role,
        Err(message_id) => {
            let error = Some(tsumiki_i18n::t(lang, message_id, &[]));
            let body = page(&render(&state, lang, &user, &csrf, Some(&form), error).await?)?;
            return Ok((StatusCode::BAD_REQUEST, body).into_response());
        }
    };
    let password_hash = hash_password(form.password.clone()).await?;
    let created = state
        .store
        .create_user(NewUser {
            email: form.email.clone(),
            display_name: form.display_name.trim().to_owned(),
            password_hash,
            role,
        })
        .await;
    match created {
        Ok(_) => Ok(Redirect::to("/admin/users").into_response()),
        Err(tsumiki_store::StoreError::AlreadyExists { .. }) => {
            let error = Some(tsumiki_i18n::t(lang, "web-account-error-exists", &[]));
            let body = page(&render(&state, lang, &user, &csrf, Some(&form), error).await?)?;
            Ok((StatusCode::CONFLICT, body).into_response())
        }
        Err(other) => Err(other.into()),
    }
}
