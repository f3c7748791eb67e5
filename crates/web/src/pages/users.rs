//! `/admin/users`: administrators create accounts, give them a role, and link a sponsor
//! viewer to their organisation or a participant account to their person (recipient).

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tsumiki_i18n::Lang;
use tsumiki_store::{NewUser, Role, UserLinks};

use crate::auth::password::hash_password;
use crate::auth::{ADMIN_ONLY, CsrfToken, CurrentUser};
use crate::i18n::{ReqLang, Tr};
use crate::pages::achievements::Choice;
use crate::pages::layout::{Chrome, page, role_label};
use crate::pages::programmes::organisation_name;
use crate::pages::setup::check_account;
use crate::{AppState, WebError};

struct UserRow {
    id: String,
    roles: Vec<RoleOption>,
    organisations: Vec<Choice>,
    recipients: Vec<Choice>,
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
    Role::from_db(text)
}

fn role_options(lang: Lang, selected: Role) -> Vec<RoleOption> {
    Role::ALL
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
    let organisations = state.store.organisations().await?;
    let people = state.store.recipients(1000, 0).await?;
    let mut users = Vec::new();
    for account in state.store.users().await? {
        let links = state.store.user_links(&account.id).await?;
        let linked_organisation = links.organisation_id.as_deref().unwrap_or_default();
        let linked_recipient = links.recipient_id.as_deref().unwrap_or_default();
        users.push(UserRow {
            roles: role_options(lang, account.role),
            organisations: organisations
                .iter()
                .map(|organisation| Choice {
                    value: organisation.id.clone(),
                    label: organisation_name(organisation, lang),
                    selected: organisation.id == linked_organisation,
                })
                .collect(),
            recipients: people
                .iter()
                .map(|recipient| Choice {
                    value: recipient.id.clone(),
                    label: recipient.display_name.clone(),
                    selected: recipient.id == linked_recipient,
                })
                .collect(),
            id: account.id,
            role: role_label(lang, account.role),
            created_at: account.created_at.format("%Y-%m-%d").to_string(),
            email: account.email,
            display_name: account.display_name,
        });
    }
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

/// The role-and-links form of one user.
#[derive(Debug, Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    role: String,
    #[serde(default)]
    organisation_id: String,
    #[serde(default)]
    recipient_id: String,
}

/// `POST /admin/users/{id}/role`: changes a user's role and what their account is linked to.
/// An administrator cannot demote themselves, so the platform always keeps one.
pub async fn update_role(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
    Form(form): Form<RoleForm>,
) -> Result<Response, WebError> {
    user.require(ADMIN_ONLY)?;
    let role =
        parse_role(&form.role).ok_or_else(|| WebError::BadRequest("unknown role".to_owned()))?;
    if id == user.user.id && role != Role::Admin {
        return Err(WebError::Conflict(
            "an administrator cannot demote themselves".to_owned(),
        ));
    }
    let optional = |text: &str| {
        Some(text.trim())
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    };
    let links = UserLinks {
        organisation_id: optional(&form.organisation_id),
        recipient_id: optional(&form.recipient_id),
    };
    state.store.user(&id).await?;
    state.store.set_user_links(&id, &links).await?;
    state.store.set_user_role(&id, role).await?;
    Ok(Redirect::to("/admin/users").into_response())
}
