//! Editing a programme's header: titles, provider, sponsors, and the issuer that signs what
//! its modules award.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use tsumiki_i18n::Lang;
use tsumiki_store::{OrganisationKind, Programme, ProgrammeDetails};

use super::fields::Fields;
use super::{load, organisation_choices};
use crate::auth::{CsrfToken, CurrentUser, PROGRAMME_ROLES};
use crate::i18n::{ReqLang, Tr};
use crate::pages::achievements::Choice;
use crate::pages::layout::{Chrome, page};
use crate::{AppState, WebError};

#[derive(Template)]
#[template(path = "programmes_edit.html")]
struct EditPage {
    tr: Tr,
    chrome: Chrome,
    csrf: String,
    id: String,
    title_ja: String,
    title_en: String,
    providers: Vec<Choice>,
    sponsors: Vec<Choice>,
    issuers: Vec<Choice>,
    error: Option<String>,
}

async fn render_edit(
    state: &AppState,
    lang: Lang,
    user: &CurrentUser,
    csrf: &str,
    programme: &Programme,
    details: &ProgrammeDetails,
    error: Option<String>,
) -> Result<Response, WebError> {
    let organisations = state.store.organisations().await?;
    let provider: Vec<&str> = details.provider_id.as_deref().into_iter().collect();
    let sponsors: Vec<&str> = details.sponsor_ids.iter().map(String::as_str).collect();
    let issuers = state.store.issuers().await?;
    let status = if error.is_some() {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    } else {
        axum::http::StatusCode::OK
    };
    let body = page(&EditPage {
        tr: Tr(lang),
        chrome: Chrome::new(
            lang,
            Some(user),
            Some(csrf),
            &format!("/programmes/{}/edit", programme.id),
        ),
        csrf: csrf.to_owned(),
        id: programme.id.clone(),
        title_ja: details.title_ja.clone(),
        title_en: details.title_en.clone(),
        providers: organisation_choices(
            &organisations,
            OrganisationKind::Provider,
            lang,
            &provider,
        ),
        sponsors: organisation_choices(&organisations, OrganisationKind::Sponsor, lang, &sponsors),
        issuers: crate::pages::achievements::issuer_choices(
            &issuers,
            lang,
            details.issuer_id.as_deref().unwrap_or_default(),
        ),
        error,
    })?;
    Ok((status, body).into_response())
}

/// `GET /programmes/{id}/edit`: titles, provider, sponsors and the issuing issuer.
pub async fn edit_form(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    user.require(PROGRAMME_ROLES)?;
    let (programme, _) = load(&state, &id).await?;
    let details = ProgrammeDetails {
        provider_id: programme.provider_id.clone(),
        title_ja: programme.title_ja.clone(),
        title_en: programme.title_en.clone(),
        sponsor_ids: state
            .store
            .programme_sponsors(&id)
            .await?
            .into_iter()
            .map(|o| o.id)
            .collect(),
        issuer_id: programme.issuer_id.clone(),
    };
    render_edit(&state, lang, &user, &csrf, &programme, &details, None).await
}

/// `POST /programmes/{id}/edit`.
pub async fn edit(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    user.require(PROGRAMME_ROLES)?;
    let (programme, _) = load(&state, &id).await?;
    let form = Fields::parse(&body)?;
    let details = ProgrammeDetails {
        provider_id: form.optional("provider_id"),
        title_ja: form.get("title_ja").to_owned(),
        title_en: form.get("title_en").to_owned(),
        sponsor_ids: form
            .all("sponsor_ids")
            .into_iter()
            .map(str::to_owned)
            .collect(),
        issuer_id: form.optional("issuer_id"),
    };
    if details.title_ja.is_empty() || details.title_en.is_empty() {
        let error = tsumiki_i18n::t(lang, "prog-error-titles", &[]);
        return render_edit(
            &state,
            lang,
            &user,
            &csrf,
            &programme,
            &details,
            Some(error),
        )
        .await;
    }
    match state.store.update_programme_details(&id, &details).await {
        Ok(()) => Ok(Redirect::to(&format!("/programmes/{id}")).into_response()),
        Err(tsumiki_store::StoreError::NotFound { .. }) => {
            let error = tsumiki_i18n::t(lang, "prog-error-choice", &[]);
            render_edit(
                &state,
                lang,
                &user,
                &csrf,
                &programme,
                &details,
                Some(error),
            )
            .await
        }
        Err(error) => Err(error.into()),
    }
}
