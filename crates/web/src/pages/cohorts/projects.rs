//! `/cohorts/{id}/projects`: action-learning projects with their team, executive sponsor,
//! business objective, deliverables and outcome metrics.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tsumiki_i18n::Lang;
use tsumiki_store::{NewProject, StoreError};

use super::load_cohort;
use crate::auth::{ASSESSOR_ROLES, CsrfToken, CurrentUser, PROGRAMME_ROLES};
use crate::i18n::{ReqLang, Tr};
use crate::pages::achievements::Choice;
use crate::pages::layout::{Chrome, page};
use crate::pages::programmes::fields::Fields;
use crate::pages::programmes::list_separator;
use crate::{AppState, WebError};

struct ProjectRow {
    id: String,
    title: String,
    executive_sponsor: String,
    business_objective: String,
    deliverables: Vec<String>,
    outcome_metrics: Vec<String>,
    team: String,
}

#[derive(Template)]
#[template(path = "cohorts_projects.html")]
struct ProjectsPage {
    tr: Tr,
    chrome: Chrome,
    csrf: String,
    cohort_id: String,
    cohort_name: String,
    can_edit: bool,
    projects: Vec<ProjectRow>,
    participants: Vec<Choice>,
    error: Option<String>,
}

/// One item per non-blank line (deliverables, outcome metrics).
pub(super) fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect()
}

async fn render(
    state: &AppState,
    lang: Lang,
    user: &CurrentUser,
    csrf: &str,
    cohort_id: &str,
    error: Option<String>,
) -> Result<Response, WebError> {
    let cohort = load_cohort(state, cohort_id).await?;
    let mut names = std::collections::HashMap::new();
    let mut participants = Vec::new();
    for participant in state.store.participants(cohort_id).await? {
        let name = state
            .store
            .recipient(&participant.recipient_id)
            .await?
            .display_name;
        names.insert(participant.id.clone(), name.clone());
        participants.push(Choice {
            value: participant.id,
            label: name,
            selected: false,
        });
    }
    let projects = state
        .store
        .projects(cohort_id)
        .await?
        .into_iter()
        .map(|project| ProjectRow {
            team: project
                .member_ids
                .iter()
                .filter_map(|id| names.get(id).cloned())
                .collect::<Vec<_>>()
                .join(list_separator(lang)),
            id: project.id,
            title: project.title,
            executive_sponsor: project.executive_sponsor,
            business_objective: project.business_objective,
            deliverables: project.deliverables,
            outcome_metrics: project.outcome_metrics,
        })
        .collect();
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let body = page(&ProjectsPage {
        tr: Tr(lang),
        chrome: Chrome::new(
            lang,
            Some(user),
            Some(csrf),
            &format!("/cohorts/{cohort_id}/projects"),
        ),
        csrf: csrf.to_owned(),
        cohort_id: cohort_id.to_owned(),
        cohort_name: cohort.name,
        can_edit: PROGRAMME_ROLES.contains(&user.role),
        projects,
        participants,
        error,
    })?;
    Ok((status, body).into_response())
}

/// `GET /cohorts/{id}/projects`.
pub async fn list(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    user.require(ASSESSOR_ROLES)?;
    render(&state, lang, &user, &csrf, &id, None).await
}

/// `POST /cohorts/{id}/projects`.
pub async fn create(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    user.require(PROGRAMME_ROLES)?;
    load_cohort(&state, &id).await?;
    let form = Fields::parse(&body)?;
    if form.get("title").is_empty() || form.get("business_objective").is_empty() {
        let error = Some(tsumiki_i18n::t(lang, "prog-error-project", &[]));
        return render(&state, lang, &user, &csrf, &id, error).await;
    }
    let created = state
        .store
        .create_project(&NewProject {
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
        })
        .await;
    match created {
        Ok(_) => Ok(Redirect::to(&format!("/cohorts/{id}/projects")).into_response()),
        Err(StoreError::NotFound { .. }) => {
            let error = Some(tsumiki_i18n::t(lang, "prog-error-choice", &[]));
            render(&state, lang, &user, &csrf, &id, error).await
        }
        Err(error) => Err(error.into()),
    }
}
