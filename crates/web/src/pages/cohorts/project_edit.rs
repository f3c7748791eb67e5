//! `/cohorts/{id}/projects/{project}/edit` and `…/delete`: changing an action-learning
//! project and its team, or removing it. A project is only reachable under its own cohort's
//! URL, and its team only from that cohort's participants.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tsumiki_i18n::Lang;
use tsumiki_store::{NewProject, Project, StoreError};

use super::load_cohort;
use super::projects::lines;
use crate::auth::{CsrfToken, CurrentUser, PROGRAMME_ROLES};
use crate::i18n::{ReqLang, Tr};
use crate::pages::achievements::Choice;
use crate::pages::layout::{Chrome, page};
use crate::pages::programmes::fields::Fields;
use crate::{AppState, WebError};

#[derive(Template)]
#[template(path = "cohorts_project_edit.html")]
struct EditPage {
    tr: Tr,
    chrome: Chrome,
    csrf: String,
    cohort_id: String,
    cohort_name: String,
    project_id: String,
    title: String,
    executive_sponsor: String,
    business_objective: String,
    deliverables: String,
    outcome_metrics: String,
    members: Vec<Choice>,
    error: Option<String>,
    delete_error: Option<String>,
}

/// The project of this cohort, or 404 (also when it belongs to another cohort).
async fn load_project(
    state: &AppState,
    cohort_id: &str,
    project_id: &str,
) -> Result<Project, WebError> {
    state
        .store
        .project(cohort_id, project_id)
        .await?
        .ok_or(WebError::NotFound)
}

/// Shows `shown` (the stored project, or what was typed) with the cohort's participants as
/// team choices.
async fn render(
    state: &AppState,
    lang: Lang,
    user: &CurrentUser,
    csrf: &str,
    shown: NewProject,
    project_id: &str,
    errors: (Option<String>, Option<String>),
) -> Result<Response, WebError> {
    let cohort = load_cohort(state, &shown.cohort_id).await?;
    let mut members = Vec::new();
    for participant in state.store.participants(&cohort.id).await? {
        let name = state
            .store
            .recipient(&participant.recipient_id)
            .await?
            .display_name;
        members.push(Choice {
            selected: shown.member_ids.contains(&participant.id),
            value: participant.id,
            label: name,
        });
    }
    let (error, delete_error) = errors;
    let status = if error.is_some() || delete_error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let body = page(&EditPage {
        tr: Tr(lang),
        chrome: Chrome::new(
            lang,
            Some(user),
            Some(csrf),
            &format!("/cohorts/{}/projects/{project_id}/edit", cohort.id),
        ),
        csrf: csrf.to_owned(),
        cohort_id: cohort.id,
        cohort_name: cohort.name,
        project_id: project_id.to_owned(),
        title: shown.title,
        executive_sponsor: shown.executive_sponsor,
        business_objective: shown.business_objective,
        deliverables: shown.deliverables.join("\n"),
        outcome_metrics: shown.outcome_metrics.join("\n"),
        members,
        error,
        delete_error,
    })?;
    Ok((status, body).into_response())
}

fn stored(project: Project) -> NewProject {
    NewProject {
        cohort_id: project.cohort_id,
        title: project.title,
        executive_sponsor: project.executive_sponsor,
        business_objective: project.business_objective,
        deliverables: project.deliverables,
        outcome_metrics: project.outcome_metrics,
        member_ids: project.member_ids,
    }
}

/// `GET /cohorts/{id}/projects/{project}/edit`.
pub async fn form(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path((id, project_id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    user.require(PROGRAMME_ROLES)?;
    let project = load_project(&state, &id, &project_id).await?;
    render(
        &state,
        lang,
        &user,
        &csrf,
        stored(project),
        &project_id,
        (None, None),
    )
    .await
}

/// `POST /cohorts/{id}/projects/{project}/edit`: replaces content and team together.
pub async fn save(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path((id, project_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    user.require(PROGRAMME_ROLES)?;
    load_project(&state, &id, &project_id).await?;
    let form = Fields::parse(&body)?;
    let typed = NewProject {
        cohort_id: id.clone(),
        title: form.get("title").to_owned(),
        executive_sponsor: form.get("executive_sponsor").to_owned(),
        business_objective: form.get("business_objective").to_owned(),
        deliverables: lines(form.get("deliverables")),
        outcome_metrics: lines(form.get("outcome_metrics")),
        member_ids: form
            .all("member_ids")
            .into_iter()
            .map(str::to_owned)
            .collect(),
    };
    let refuse = |message_id: &str| (Some(tsumiki_i18n::t(lang, message_id, &[])), None);
    if typed.title.is_empty() || typed.business_objective.is_empty() {
        let errors = refuse("prog-error-project");
        return render(&state, lang, &user, &csrf, typed, &project_id, errors).await;
    }
    match state.store.update_project(&project_id, &typed).await {
        Ok(_) => Ok(Redirect::to(&format!("/cohorts/{id}/projects")).into_response()),
        // The project was checked above, so this is a member outside the cohort.
        Err(StoreError::NotFound {
            entity: "participant",
            ..
        }) => {
            let errors = refuse("prog-error-choice");
            render(&state, lang, &user, &csrf, typed, &project_id, errors).await
        }
        Err(error) => Err(error.into()),
    }
}

/// `POST /cohorts/{id}/projects/{project}/delete` with `confirm=yes`; without the tick the
/// edit page comes back (422) and nothing is deleted.
pub async fn delete(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path((id, project_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    user.require(PROGRAMME_ROLES)?;
    let project = load_project(&state, &id, &project_id).await?;
    let form = Fields::parse(&body)?;
    if form.get("confirm") != "yes" {
        let errors = (
            None,
            Some(tsumiki_i18n::t(lang, "prog-error-project-confirm", &[])),
        );
        return render(
            &state,
            lang,
            &user,
            &csrf,
            stored(project),
            &project_id,
            errors,
        )
        .await;
    }
    state.store.delete_project(&id, &project_id).await?;
    Ok(Redirect::to(&format!("/cohorts/{id}/projects")).into_response())
}
