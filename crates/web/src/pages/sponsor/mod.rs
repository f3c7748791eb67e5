//! The sponsor's view: `/sponsor` (the cohorts a sponsor may read), the cohort dashboard
//! `/cohorts/{id}/dashboard` with server-drawn charts, its exports (`dashboard.json`, a tidy
//! `dashboard.csv`) and a print-ready A4 report (`/cohorts/{id}/report`).
//!
//! Access: [`IMPACT_READERS`], and for a sponsor viewer only their own organisation's cohorts
//! ([`cohort_access`]); every export goes through the same check as the page. Every figure is
//! gathered by [`data::load`] from the shared analytics loaders, which apply consent and
//! anonymity rules, so no view can show what another hides.

pub mod claims;
pub mod data;
pub mod export;
pub mod view;

use askama::Template;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use tsumiki_i18n::Lang;
use tsumiki_store::{Cohort, Role};

use crate::auth::{CsrfToken, CurrentUser, IMPACT_READERS, cohort_access};
use crate::i18n::{ReqLang, Tr};
use crate::pages::assets;
use crate::pages::layout::{Chrome, page};
use crate::public::credential_page::pick;
use crate::{AppState, WebError};

use view::DashboardView;

/// The cohort `id` if `user` may read it: 404 when it does not exist, 403 when it is another
/// sponsor's.
async fn readable_cohort(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> Result<Cohort, WebError> {
    user.require(IMPACT_READERS)?;
    let cohort = state.store.cohort(id).await?.ok_or(WebError::NotFound)?;
    cohort_access(state, user, &cohort).await?;
    Ok(cohort)
}

fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

async fn load_view(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
    lang: Lang,
) -> Result<(data::Dashboard, DashboardView), WebError> {
    let cohort = readable_cohort(state, user, id).await?;
    let dashboard = data::load(state, &cohort, lang, today()).await?;
    let view = view::build(&dashboard, lang);
    Ok((dashboard, view))
}

#[derive(Template)]
#[template(path = "sponsor_dashboard.html")]
struct DashboardPage {
    tr: Tr,
    chrome: Chrome,
    v: DashboardView,
}

/// `GET /cohorts/{id}/dashboard` (`?lang=ja|en`).
pub async fn dashboard(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    user.require(IMPACT_READERS)?;
    let (_, v) = load_view(&state, &user, &id, lang).await?;
    let path = format!("/cohorts/{id}/dashboard");
    Ok(page(&DashboardPage {
        tr: Tr(lang),
        chrome: Chrome::new(lang, Some(&user), Some(&csrf), &path),
        v,
    })?
    .into_response())
}

#[derive(Template)]
#[template(path = "report_a4.html")]
struct ReportPage {
    tr: Tr,
    stylesheet: &'static str,
    v: DashboardView,
}

/// `GET /cohorts/{id}/report`: the A4 print report (no navigation; print from the browser).
pub async fn report(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    user.require(IMPACT_READERS)?;
    let (_, v) = load_view(&state, &user, &id, lang).await?;
    Ok(page(&ReportPage {
        tr: Tr(lang),
        stylesheet: assets::stylesheet_path(),
        v,
    })?
    .into_response())
}

fn download_name(response: &mut Response, name: &str) {
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
}

/// `GET /cohorts/{id}/dashboard.json`.
pub async fn json(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    user.require(IMPACT_READERS)?;
    let (dashboard, _) = load_view(&state, &user, &id, lang).await?;
    let mut response = Json(&dashboard).into_response();
    download_name(&mut response, &format!("dashboard-{id}.json"));
    Ok(response)
}

/// `GET /cohorts/{id}/dashboard.csv`.
pub async fn csv(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    user.require(IMPACT_READERS)?;
    let (dashboard, _) = load_view(&state, &user, &id, lang).await?;
    let body = export::csv(&export::rows(&dashboard));
    let mut response = ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], body).into_response();
    download_name(&mut response, &format!("dashboard-{id}.csv"));
    Ok(response)
}

struct CohortRow {
    id: String,
    name: String,
    programme: String,
    sponsor: String,
    period: String,
}

#[derive(Template)]
#[template(path = "sponsor.html")]
struct SponsorPage {
    tr: Tr,
    chrome: Chrome,
    cohorts: Vec<CohortRow>,
    /// A sponsor viewer whose account is not linked to an organisation sees nothing; say why.
    unlinked: bool,
    /// Whether to link to programme selection (not every impact reader may use it).
    can_select: bool,
}

/// `GET /sponsor`: the cohorts the user may read, newest first.
pub async fn list(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, WebError> {
    user.require(IMPACT_READERS)?;
    let (cohorts, unlinked) = if user.role == Role::SponsorViewer {
        match state.store.user_links(&user.user.id).await?.organisation_id {
            Some(organisation) => (state.store.cohorts_for_sponsor(&organisation).await?, false),
            None => (Vec::new(), true),
        }
    } else {
        (state.store.cohorts().await?, false)
    };
    let programmes = state.store.programmes().await?;
    let organisations = state.store.organisations().await?;
    let mut rows: Vec<CohortRow> = cohorts
        .into_iter()
        .map(|cohort| CohortRow {
            programme: programmes
                .iter()
                .find(|p| p.id == cohort.programme_id)
                .map(|p| pick(lang, &p.title_ja, &p.title_en).to_owned())
                .unwrap_or_default(),
            sponsor: cohort
                .sponsor_id
                .as_ref()
                .and_then(|id| organisations.iter().find(|o| &o.id == id))
                .map(|o| pick(lang, &o.name_ja, &o.name_en).to_owned())
                .unwrap_or_default(),
            period: format!(
                "{} – {}",
                cohort.starts_on.format("%Y-%m-%d"),
                cohort.ends_on.format("%Y-%m-%d")
            ),
            id: cohort.id,
            name: cohort.name,
        })
        .collect();
    rows.sort_by(|a, b| b.period.cmp(&a.period).then_with(|| a.name.cmp(&b.name)));
    Ok(page(&SponsorPage {
        tr: Tr(lang),
        chrome: Chrome::new(lang, Some(&user), Some(&csrf), "/sponsor"),
        cohorts: rows,
        unlinked,
        can_select: user
            .require(crate::pages::selection::SELECTION_ROLES)
            .is_ok(),
    })?
    .into_response())
}
