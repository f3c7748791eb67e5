//! Impact pages (issue 4, H1): a programme's logic model, a cohort's KPI register, cost ledger
//! with benefit claims, Phillips ROI and diversity.
//!
//! Who may do what:
//! - logic model: read by staff roles (and a sponsor viewer whose organisation sponsors the
//!   programme), edited by [`PROGRAMME_ROLES`];
//! - KPI register (and the programme's index of its cohorts' registers), ROI, diversity: read by [`crate::auth::IMPACT_READERS`] through
//!   [`cohort_access`] (a sponsor viewer only for their own cohorts);
//! - KPIs are defined by [`PROGRAMME_ROLES`]; measurements may also be recorded by the cohort's
//!   own sponsor viewer, because the sponsor holds the HR and business data most KPIs come from
//!   and asking the provider to re-type it adds errors, not control;
//! - the cost ledger and benefit claims (one row per named participant) are for
//!   [`PROGRAMME_ROLES`] only; everyone else reads the aggregate on the ROI page.
//!
//! Figures come from [`crate::analytics`], so the pages, the sponsor dashboard and exports
//! show the same numbers with the same suppression.

pub mod costs;
pub mod diversity;
pub mod kpis;
mod ledger_forms;
pub mod logic_model;
pub mod programme_kpis;
pub mod roi;

use axum::Router;
use axum::routing::{get, post};
use tsumiki_i18n::Lang;
use tsumiki_store::Cohort;

use crate::auth::{CurrentUser, PROGRAMME_ROLES, cohort_access};
use crate::{AppState, WebError};

/// The impact routes, merged into [`crate::pages::routes`].
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/programmes/{id}/logic-model",
            get(logic_model::show).post(logic_model::save),
        )
        .route("/programmes/{id}/kpis", get(programme_kpis::show))
        .route("/cohorts/{id}/kpis", get(kpis::show).post(kpis::create))
        .route("/cohorts/{id}/kpis/{kpi}", post(kpis::update))
        .route("/cohorts/{id}/kpis/{kpi}/edit", get(kpis::edit_form))
        .route("/cohorts/{id}/kpis/{kpi}/measurements", post(kpis::record))
        .route(
            "/cohorts/{id}/costs",
            get(costs::show).post(costs::add_cost),
        )
        .route("/cohorts/{id}/costs/settings", post(costs::settings))
        .route(
            "/cohorts/{id}/costs/{entry}/delete",
            post(costs::delete_cost),
        )
        .route("/cohorts/{id}/benefits", post(costs::add_claim))
        .route(
            "/cohorts/{id}/benefits/{claim}/delete",
            post(costs::delete_claim),
        )
        .route("/cohorts/{id}/intangibles", post(costs::add_intangible))
        .route(
            "/cohorts/{id}/intangibles/{benefit}/delete",
            post(costs::delete_intangible),
        )
        .route("/cohorts/{id}/roi", get(roi::show))
        .route("/cohorts/{id}/diversity", get(diversity::show))
}

/// The cohort `id` if `user` may read its impact figures; 404 before 403 would tell a sponsor
/// which cohort ids exist, so the role is checked first.
pub(crate) async fn readable_cohort(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> Result<Cohort, WebError> {
    user.require(crate::auth::IMPACT_READERS)?;
    let cohort = state.store.cohort(id).await?.ok_or(WebError::NotFound)?;
    cohort_access(state, user, &cohort).await?;
    Ok(cohort)
}

/// The cohort `id` if `user` may edit its impact records.
pub(crate) async fn editable_cohort(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> Result<Cohort, WebError> {
    user.require(PROGRAMME_ROLES)?;
    state.store.cohort(id).await?.ok_or(WebError::NotFound)
}

/// One tab of the impact navigation.
pub(crate) struct Tab {
    pub href: String,
    pub label: String,
    pub current: bool,
}

/// The tabs of a cohort's impact pages; the ledger only for those who may open it.
pub(crate) fn tabs(lang: Lang, user: &CurrentUser, cohort_id: &str, current: &str) -> Vec<Tab> {
    let mut tabs = vec![
        ("", "imp-nav-cohort"),
        ("/kpis", "imp-nav-kpis"),
        ("/roi", "imp-nav-roi"),
        ("/diversity", "imp-nav-diversity"),
    ];
    if user.require(PROGRAMME_ROLES).is_ok() {
        tabs.insert(2, ("/costs", "imp-nav-costs"));
    }
    tabs.into_iter()
        .map(|(path, label)| Tab {
            href: format!("/cohorts/{cohort_id}{path}"),
            label: tsumiki_i18n::t(lang, label, &[]),
            current: path == current,
        })
        .collect()
}

/// A figure for reading: at most `decimals` decimals, trailing zeros dropped (`62.5`, `70`).
pub(crate) fn figure(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let text = format!("{value:.decimals$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    };
    if text == "-0" { "0".to_owned() } else { text }
}

/// `ja` or `en` text by language, falling back to the other when one is empty.
pub(crate) fn bilingual(lang: Lang, ja: &str, en: &str) -> String {
    match lang {
        Lang::Ja if !ja.is_empty() => ja.to_owned(),
        Lang::En if !en.is_empty() => en.to_owned(),
        _ if ja.is_empty() => en.to_owned(),
        _ => ja.to_owned(),
    }
}

/// A one-line text field: trimmed, at most `max` characters.
pub(crate) fn text_field(text: &str, max: usize) -> Result<String, &'static str> {
    let text = text.trim();
    if text.chars().count() > max {
        Err("imp-error-too-long")
    } else {
        Ok(text.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_drop_trailing_zeros() {
        assert_eq!(figure(62.5, 2), "62.5");
        assert_eq!(figure(70.0, 2), "70");
        assert_eq!(figure(2.456, 2), "2.46");
        assert_eq!(figure(-0.001, 2), "0");
        assert_eq!(figure(f64::NAN, 2), "—");
    }
}
