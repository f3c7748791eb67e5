//! `/programmes/{id}/kpis`: KPIs belong to cohorts (each sponsor's run has its own baseline
//! and calendar), so the programme-level page is an index of its cohorts' registers with
//! their overdue counts, showing only the cohorts the reader may open.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use tsumiki_i18n::Arg;
use tsumiki_impact::kpi::Status;

use crate::analytics::kpis::cohort_kpis;
use crate::auth::{CsrfToken, CurrentUser, IMPACT_READERS, cohort_access};
use crate::i18n::{ReqLang, Tr};
use crate::pages::impact::bilingual;
use crate::pages::layout::{Chrome, page};
use crate::{AppState, WebError};

struct CohortRow {
    href: String,
    name: String,
    starts_on: String,
    kpis: usize,
    off_track: usize,
    overdue: String,
}

#[derive(Template)]
#[template(path = "impact_programme_kpis.html")]
struct ProgrammeKpisPage {
    tr: Tr,
    chrome: Chrome,
    programme_id: String,
    programme_title: String,
    cohorts: Vec<CohortRow>,
}

/// `GET /programmes/{id}/kpis`.
pub async fn show(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    user.require(IMPACT_READERS)?;
    let programme = state
        .store
        .programme(&id)
        .await?
        .ok_or(WebError::NotFound)?;
    let today = chrono::Utc::now().date_naive();
    let mut cohorts = Vec::new();
    for cohort in state.store.cohorts_for_programme(&id).await? {
        if cohort_access(&state, &user, &cohort).await.is_err() {
            continue;
        }
        let views = cohort_kpis(&state, &cohort, today).await?;
        let overdue: usize = views.iter().map(|view| view.overdue).sum();
        cohorts.push(CohortRow {
            href: format!("/cohorts/{}/kpis", cohort.id),
            starts_on: cohort.starts_on.format("%Y-%m-%d").to_string(),
            kpis: views.len(),
            off_track: views
                .iter()
                .filter(|view| view.overall == Status::OffTrack)
                .count(),
            overdue: tsumiki_i18n::t(
                lang,
                "imp-kpi-overdue",
                &[(
                    "count",
                    Arg::from(i64::try_from(overdue).unwrap_or(i64::MAX)),
                )],
            ),
            name: cohort.name,
        });
    }
    let body = page(&ProgrammeKpisPage {
        tr: Tr(lang),
        chrome: Chrome::new(
            lang,
            Some(&user),
            Some(&csrf),
            &format!("/programmes/{id}/kpis"),
        ),
        programme_id: id.clone(),
        programme_title: bilingual(lang, &programme.title_ja, &programme.title_en),
        cohorts,
    })?;
    Ok(body.into_response())
}
