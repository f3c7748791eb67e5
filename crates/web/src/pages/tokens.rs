//! `/admin/tokens`: API tokens for programs (VC-API clients, scripts). A token acts with its
//! user's role. It is shown once, at creation; only its hash is stored.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tsumiki_i18n::Lang;

use crate::auth::{ADMIN_ONLY, CsrfToken, CurrentUser, tokens};
use crate::i18n::{ReqLang, Tr};
use crate::pages::layout::{Chrome, page, role_label};
use crate::{AppState, WebError};

/// Prefix of every API token, so a leaked one is recognisable (e.g. by secret scanners).
pub const TOKEN_PREFIX: &str = "tsk_";

struct TokenRow {
    id: String,
    label: String,
    owner: String,
    created_at: String,
    last_used_at: String,
    revoked: bool,
}

struct OwnerOption {
    id: String,
    label: String,
}

#[derive(Template)]
#[template(path = "tokens.html")]
struct TokensPage {
    tr: Tr,
    chrome: Chrome,
    csrf: String,
    tokens: Vec<TokenRow>,
    owners: Vec<OwnerOption>,
    new_token: Option<String>,
    error: Option<String>,
}

async fn render(
    state: &AppState,
    lang: Lang,
    user: &CurrentUser,
    csrf: &str,
    new_token: Option<String>,
    error: Option<String>,
) -> Result<TokensPage, WebError> {
    let users = state.store.users().await?;
    let mut rows = Vec::new();
    for owner in &users {
        for token in state.store.api_tokens(&owner.id).await? {
            rows.push(TokenRow {
                id: token.id,
                label: token.label,
                owner: owner.email.clone(),
                created_at: token.created_at.format("%Y-%m-%d %H:%M").to_string(),
                last_used_at: token
                    .last_used_at
                    .map(|at| at.format("%Y-%m-%d %H:%M").to_string())
                    .unwrap_or_else(|| tsumiki_i18n::t(lang, "web-tokens-never-used", &[])),
                revoked: token.revoked_at.is_some(),
            });
        }
    }
    let owners = users
        .iter()
        .map(|owner| OwnerOption {
            id: owner.id.clone(),
            label: format!("{} ({})", owner.email, role_label(lang, owner.role)),
        })
        .collect();
    Ok(TokensPage {
        tr: Tr(lang),
        chrome: Chrome::new(lang, Some(user), Some(csrf), "/admin/tokens"),
        csrf: csrf.to_owned(),
        tokens: rows,
        owners,
        new_token,
        error,
    })
}

/// `GET /admin/tokens`.
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
pub struct TokenForm {
    #[serde(default)]
    user_id: String,
    #[serde(default)]
    label: String,
}

/// `POST /admin/tokens`: creates a token and shows it this one time.
pub async fn create(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Form(form): Form<TokenForm>,
) -> Result<Response, WebError> {
    user.require(ADMIN_ONLY)?;
    let label = form.label.trim();
    let owner = match state.store.user(&form.user_id).await {
        Ok(owner) if !label.is_empty() => owner,
        Ok(_) | Err(tsumiki_store::StoreError::NotFound { .. }) => {
            let error = Some(tsumiki_i18n::t(lang, "web-tokens-error-form", &[]));
            let body = page(&render(&state, lang, &user, &csrf, None, error).await?)?;
            return Ok((StatusCode::BAD_REQUEST, body).into_response());
        }
        Err(other) => return Err(other.into()),
    };
    let token = format!("{TOKEN_PREFIX}{}", tokens::random_token());
    state
        .store
        .create_api_token(&owner.id, &tokens::token_hash(&token), label)
        .await?;
    let body = page(&render(&state, lang, &user, &csrf, Some(token), None).await?)?;
    // The token is in this page only: never cache it.
    Ok((
        StatusCode::CREATED,
        [(axum::http::header::CACHE_CONTROL, "no-store")],
        body,
    )
        .into_response())
}

/// `POST /admin/tokens/{id}/revoke`.
pub async fn revoke(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    user.require(ADMIN_ONLY)?;
    state
        .store
        .revoke_api_token(&id, chrono::Utc::now())
        .await?;
    Ok(Redirect::to("/admin/tokens").into_response())
}
