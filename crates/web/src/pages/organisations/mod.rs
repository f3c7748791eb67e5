//! `/organisations`: the providers that run programmes and the sponsors that send people.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tsumiki_i18n::Lang;
use tsumiki_store::{NewOrganisation, OrganisationKind};

use crate::auth::{CsrfToken, CurrentUser, PROGRAMME_ROLES};
use crate::i18n::{ReqLang, Tr};
use crate::pages::layout::{Chrome, page};
use crate::{AppState, WebError};

struct OrganisationRow {
    name_ja: String,
    name_en: String,
    kind: String,
}

#[derive(Template)]
#[template(path = "organisations.html")]
struct OrganisationsPage {
    tr: Tr,
    chrome: Chrome,
    csrf: String,
    organisations: Vec<OrganisationRow>,
    error: Option<String>,
}

/// The kind's label.
pub fn kind_label(lang: Lang, kind: OrganisationKind) -> String {
    tsumiki_i18n::t(lang, &format!("prog-kind-{}", kind.as_str()), &[])
}

async fn render(
    state: &AppState,
    lang: Lang,
    user: &CurrentUser,
    csrf: &str,
    error: Option<String>,
) -> Result<Response, WebError> {
    let organisations = state
        .store
        .organisations()
        .await?
        .into_iter()
        .map(|organisation| OrganisationRow {
            kind: kind_label(lang, organisation.kind),
            name_ja: organisation.name_ja,
            name_en: organisation.name_en,
        })
        .collect();
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let body = page(&OrganisationsPage {
        tr: Tr(lang),
        chrome: Chrome::new(lang, Some(user), Some(csrf), "/organisations"),
        csrf: csrf.to_owned(),
        organisations,
        error,
    })?;
    Ok((status, body).into_response())
}

/// `GET /organisations`.
pub async fn list(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, WebError> {
    user.require(PROGRAMME_ROLES)?;
    render(&state, lang, &user, &csrf, None).await
}

/// The form.
#[derive(Debug, Deserialize)]
pub struct OrganisationForm {
    #[serde(default)]
    name_ja: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    kind: String,
}

/// `POST /organisations`.
pub async fn create(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Form(form): Form<OrganisationForm>,
) -> Result<Response, WebError> {
    user.require(PROGRAMME_ROLES)?;
    let (name_ja, name_en) = (form.name_ja.trim(), form.name_en.trim());
    let Some(kind) = OrganisationKind::from_db(&form.kind) else {
        let error = tsumiki_i18n::t(lang, "prog-error-choice", &[]);
        return render(&state, lang, &user, &csrf, Some(error)).await;
    };
    if name_ja.is_empty() || name_en.is_empty() {
        let error = tsumiki_i18n::t(lang, "prog-error-names", &[]);
        return render(&state, lang, &user, &csrf, Some(error)).await;
    }
    state
        .store
        .create_organisation(&NewOrganisation {
            name_ja: name_ja.to_owned(),
            name_en: name_en.to_owned(),
            kind,
        })
        .await?;
    Ok(Redirect::to("/organisations").into_response())
}
