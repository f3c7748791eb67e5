//! `/cohorts/{id}…`: one run of a programme — its overview (dates, counts, links to the
//! feedback, KPI, cost, ROI, diversity and dashboard pages), participants and consent,
//! action-learning projects, and module completions that issue credentials.

pub mod completions;
pub mod edit;
pub mod participants;
pub mod project_edit;
pub mod projects;

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use tsumiki_store::{CONSENT_EVALUATION, Cohort, NewCohort};

use crate::auth::{CsrfToken, CurrentUser, IMPACT_READERS, PROGRAMME_ROLES, Role, cohort_access};
use crate::i18n::{ReqLang, Tr};
use crate::pages::layout::{Chrome, page};
use crate::pages::programmes::fields::Fields;
use crate::pages::programmes::{load, programme_title};
use crate::{AppState, WebError};

/// The cohort, or 404.
pub async fn load_cohort(state: &AppState, id: &str) -> Result<Cohort, WebError> {
    state.store.cohort(id).await?.ok_or(WebError::NotFound)
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// `POST /programmes/{id}/cohorts`: a new cohort of the programme.
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(programme_id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    user.require(PROGRAMME_ROLES)?;
    load(&state, &programme_id).await?;
    let form = Fields::parse(&body)?;
    let bad = |what: &str| WebError::BadRequest(what.to_owned());
    let name = form.get("name");
    if name.is_empty() {
        return Err(bad("name is required"));
    }
    let starts_on = parse_date(form.get("starts_on")).ok_or_else(|| bad("starts_on"))?;
    let ends_on = parse_date(form.get("ends_on")).ok_or_else(|| bad("ends_on"))?;
    if ends_on < starts_on {
        return Err(bad("the cohort ends before it starts"));
    }
    let threshold = |field: &str, default: u32| -> Result<u32, WebError> {
        match form.get(field) {
            "" => Ok(default),
            text => text
                .parse::<u32>()
                .ok()
                .filter(|value| *value >= 1)
                .ok_or_else(|| bad(field)),
        }
    };
    let cohort = state
        .store
        .create_cohort(&NewCohort {
            programme_id,
            sponsor_id: form.optional("sponsor_id"),
            name: name.to_owned(),
            starts_on,
            ends_on,
            anonymity_threshold: threshold("anonymity_threshold", 3)?,
            comment_threshold: threshold("comment_threshold", 5)?,
        })
        .await?;
    Ok(Redirect::to(&format!("/cohorts/{}", cohort.id)).into_response())
}

struct CohortRow {
    id: String,
    name: String,
    programme: String,
    dates: String,
}

#[derive(Template)]
#[template(path = "cohorts.html")]
struct ListPage {
    tr: Tr,
    chrome: Chrome,
    cohorts: Vec<CohortRow>,
}

/// `GET /cohorts`: the cohorts the user may read — all of them for staff, their own
/// organisation's for a sponsor viewer (none while their account is not linked).
pub async fn list(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, WebError> {
    user.require(IMPACT_READERS)?;
    let cohorts = if user.role == Role::SponsorViewer {
        match state.store.user_links(&user.user.id).await?.organisation_id {
            Some(organisation_id) => state.store.cohorts_for_sponsor(&organisation_id).await?,
            None => Vec::new(),
        }
    } else {
        state.store.cohorts().await?
    };
    let mut rows = Vec::with_capacity(cohorts.len());
    for cohort in cohorts {
        let programme = match state.store.programme(&cohort.programme_id).await? {
            Some(programme) => programme_title(&programme, lang),
            None => String::new(),
        };
        rows.push(CohortRow {
            dates: format!("{} – {}", cohort.starts_on, cohort.ends_on),
            programme,
            name: cohort.name,
            id: cohort.id,
        });
    }
    let body = page(&ListPage {
        tr: Tr(lang),
        chrome: Chrome::new(lang, Some(&user), Some(&csrf), "/cohorts"),
        cohorts: rows,
    })?;
    Ok(body.into_response())
}

struct LinkRow {
    href: String,
    label: String,
}

#[derive(Template)]
#[template(path = "cohorts_show.html")]
struct OverviewPage {
    tr: Tr,
    chrome: Chrome,
    id: String,
    name: String,
    programme_id: String,
    programme: String,
    sponsor: String,
    starts_on: String,
    ends_on: String,
    anonymity_threshold: u32,
    comment_threshold: u32,
    participants: usize,
    consenting: usize,
    can_edit: bool,
    projects: usize,
    completions: usize,
    staff_links: Vec<LinkRow>,
    impact_links: Vec<LinkRow>,
}

/// `GET /cohorts/{id}`: the overview. Sponsor viewers see it for their own cohorts only, and
/// without the staff pages (participants' personal data).
pub async fn show(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let cohort = load_cohort(&state, &id).await?;
    cohort_access(&state, &user, &cohort).await?;
    let (programme, _) = load(&state, &cohort.programme_id).await?;
    let sponsor = match &cohort.sponsor_id {
        Some(sponsor_id) => state
            .store
            .organisation(sponsor_id)
            .await?
            .map(|o| crate::pages::programmes::organisation_name(&o, lang))
            .unwrap_or_default(),
        None => String::new(),
    };
    let link = |path: &str, label: &str| LinkRow {
        href: format!("/cohorts/{id}{path}"),
        label: tsumiki_i18n::t(lang, label, &[]),
    };
    let staff_links = if user.role == Role::SponsorViewer {
        Vec::new()
    } else {
        vec![
            link("/participants", "prog-participants-title"),
            link("/projects", "prog-projects-title"),
            link("/completions", "prog-completions-title"),
        ]
    };
    // Sponsors read KPIs, ROI and diversity of their own cohorts; the 360° rounds and the
    // cost ledger (which names participants) stay with the provider.
    let mut impact_links = vec![
        link("/dashboard", "prog-link-dashboard"),
        link("/kpis", "prog-link-kpis"),
        link("/roi", "prog-link-roi"),
        link("/diversity", "prog-link-diversity"),
    ];
    if user.role != Role::SponsorViewer {
        impact_links.extend([
            link("/feedback", "prog-link-feedback"),
            link("/feedback/change", "prog-link-feedback-change"),
        ]);
    }
    // The cost ledger names participants: programme roles only (faculty would get a 403).
    if user.require(crate::auth::PROGRAMME_ROLES).is_ok() {
        impact_links.push(link("/costs", "prog-link-costs"));
    }
    let body = page(&OverviewPage {
        tr: Tr(lang),
        chrome: Chrome::new(lang, Some(&user), Some(&csrf), &format!("/cohorts/{id}")),
        programme_id: programme.id.clone(),
        programme: programme_title(&programme, lang),
        sponsor,
        starts_on: cohort.starts_on.to_string(),
        ends_on: cohort.ends_on.to_string(),
        anonymity_threshold: cohort.anonymity_threshold,
        comment_threshold: cohort.comment_threshold,
        participants: state.store.participants(&id).await?.len(),
        consenting: state
            .store
            .consenting_participants(&id, CONSENT_EVALUATION)
            .await?
            .len(),
        can_edit: PROGRAMME_ROLES.contains(&user.role),
        id: id.clone(),
        projects: state.store.projects(&id).await?.len(),
        completions: state.store.cohort_completions(&id).await?.len(),
        staff_links,
        impact_links,
        name: cohort.name,
    })?;
    Ok(body.into_response())
}
