//! `/admin/issuers`: the issuing organisations on this server. Everyone logged in may see
//! them; only administrators create them (a new issuer is a new signing key).

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tsumiki_i18n::Lang;
use tsumiki_store::IdentifierKind;

use crate::auth::{ADMIN_ONLY, ALL_ROLES, CsrfToken, CurrentUser};
use crate::i18n::{ReqLang, Tr};
use crate::issuer_keys::{IssuerRequest, new_issuer, rotated_key};
use crate::pages::layout::{Chrome, page};
use crate::{AppState, WebError};

struct IssuerRow {
    slug: String,
    name_ja: String,
    name_en: String,
    url: String,
    kind: &'static str,
    identifier: String,
    did_document: Option<String>,
    /// The key that signs now.
    current_key: String,
    /// Keys rotated out (still published), newest first, with when.
    retired_keys: Vec<(String, String)>,
    can_rotate: bool,
}

#[derive(Template)]
#[template(path = "issuers.html")]
struct IssuersPage {
    tr: Tr,
    chrome: Chrome,
    csrf: String,
    issuers: Vec<IssuerRow>,
    can_create: bool,
    form: IssuerForm,
    error: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct IssuerForm {
    #[serde(default)]
    slug: String,
    #[serde(default)]
    name_ja: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    url: String,
    /// `did:web` (default) or `did:key`.
    #[serde(default)]
    kind: String,
}

async fn render(
    state: &AppState,
    lang: Lang,
    user: &CurrentUser,
    csrf: &str,
    form: IssuerForm,
    error: Option<String>,
) -> Result<IssuersPage, WebError> {
    let issuers = state
        .store
        .issuers()
        .await?
        .into_iter()
        .map(|issuer| IssuerRow {
            did_document: (issuer.identifier_kind == IdentifierKind::DidWeb)
                .then(|| format!("/issuers/{}/did.json", issuer.slug)),
            kind: issuer.identifier_kind.as_str(),
            current_key: issuer.verification_method,
            retired_keys: issuer
                .retired_keys
                .iter()
                .rev()
                .map(|key| {
                    (
                        key.verification_method.clone(),
                        key.retired_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                    )
                })
                .collect(),
            can_rotate: issuer.identifier_kind != IdentifierKind::DidKey,
            slug: issuer.slug,
            name_ja: issuer.name_ja,
            name_en: issuer.name_en,
            url: issuer.url,
            identifier: issuer.identifier,
        })
        .collect();
    Ok(IssuersPage {
        tr: Tr(lang),
        chrome: Chrome::new(lang, Some(user), Some(csrf), "/admin/issuers"),
        csrf: csrf.to_owned(),
        issuers,
        can_create: user.require(ADMIN_ONLY).is_ok(),
        form,
        error,
    })
}

/// `GET /admin/issuers`.
pub async fn list(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, WebError> {
    user.require(ALL_ROLES)?;
    let form = IssuerForm {
        kind: "did:web".to_owned(),
        ..IssuerForm::default()
    };
    Ok(page(&render(&state, lang, &user, &csrf, form, None).await?)?.into_response())
}

/// `POST /admin/issuers`: generates the key, seals it, stores the issuer.
pub async fn create(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Form(form): Form<IssuerForm>,
) -> Result<Response, WebError> {
    user.require(ADMIN_ONLY)?;
    let kind = match form.kind.as_str() {
        "did:key" => IdentifierKind::DidKey,
        _ => IdentifierKind::DidWeb,
    };
    let request = IssuerRequest {
        slug: form.slug.trim().to_owned(),
        name_ja: form.name_ja.clone(),
        name_en: form.name_en.clone(),
        url: form.url.trim().to_owned(),
        kind,
    };
    let outcome = match new_issuer(&state.base_url, request) {
        Ok(new) => state
            .store
            .create_issuer(new, &state.master_key)
            .await
            .map_err(WebError::from),
        Err(error) => Err(error),
    };
    let (status, message_id) = match outcome {
        Ok(_) => return Ok(Redirect::to("/admin/issuers").into_response()),
        Err(WebError::Conflict(_)) => (StatusCode::CONFLICT, "web-issuers-error-exists"),
        Err(WebError::BadRequest(_)) => (StatusCode::BAD_REQUEST, "web-issuers-error-form"),
        Err(other) => return Err(other),
    };
    let error = Some(tsumiki_i18n::t(lang, message_id, &[]));
    let body = page(&render(&state, lang, &user, &csrf, form, error).await?)?;
    Ok((status, body).into_response())
}

/// `POST /admin/issuers/{slug}/rotate-key`: a new signing key from now on. The old key stays in
/// the controller document, so everything it signed keeps verifying; status lists are re-signed
/// with the new key the next time they change.
pub async fn rotate_key(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    user.require(ADMIN_ONLY)?;
    let issuer = state.store.issuer_by_slug(&slug).await?;
    let key = rotated_key(&issuer)?;
    state
        .store
        .rotate_issuer_key(&issuer.id, key, &state.master_key)
        .await?;
    Ok(Redirect::to("/admin/issuers").into_response())
}
