//! 360° feedback pages: a cohort's rounds (create, open, close), rater invitations and
//! reminders (mail through the outbox), progress as counts only, participant and cohort
//! reports with CSV/JSON exports, and the participant's own `/me/feedback`.
//!
//! Roles: managing rounds and invitations takes [`ASSESSOR_ROLES`]; reading takes
//! [`crate::auth::IMPACT_READERS`] and [`cohort_access`] (a sponsor viewer reads only their
//! organisation's cohorts). Every figure comes from [`crate::analytics::feedback`], which
//! applies consent and anonymity.

pub mod me;
pub mod reports;
pub mod rounds;

use axum::Router;
use axum::routing::{get, post};
use tsumiki_i18n::Lang;
use tsumiki_store::{Cohort, FeedbackRound, RoundKind, RoundState};

use crate::auth::{ASSESSOR_ROLES, CurrentUser, cohort_access};
use crate::{AppState, WebError};

/// The feedback routes, merged into the page routes (session + CSRF).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/cohorts/{id}/feedback",
            get(rounds::overview).post(rounds::create),
        )
        .route("/cohorts/{id}/feedback/change", get(reports::change_page))
        .route(
            "/cohorts/{id}/feedback/change.json",
            get(reports::change_json),
        )
        .route(
            "/cohorts/{id}/feedback/change.csv",
            get(reports::change_csv),
        )
        .route("/cohorts/{id}/feedback/{round}", get(rounds::show))
        .route("/cohorts/{id}/feedback/{round}/open", post(rounds::open))
        .route("/cohorts/{id}/feedback/{round}/close", post(rounds::close))
        .route(
            "/cohorts/{id}/feedback/{round}/invite",
            post(rounds::invite),
        )
        .route(
            "/cohorts/{id}/feedback/{round}/remind",
            post(rounds::remind),
        )
        .route(
            "/cohorts/{id}/feedback/{round}/reports.json",
            get(reports::round_json),
        )
        .route(
            "/cohorts/{id}/feedback/{round}/reports.csv",
            get(reports::round_csv),
        )
        .route(
            "/cohorts/{id}/feedback/{round}/participants/{participant}",
            get(reports::participant_page),
        )
        .route("/me/feedback", get(me::show))
}

/// The cohort, if `user` may read it.
pub async fn readable_cohort(
    state: &AppState,
    user: &CurrentUser,
    cohort_id: &str,
) -> Result<Cohort, WebError> {
    let cohort = state
        .store
        .cohort(cohort_id)
        .await?
        .ok_or(WebError::NotFound)?;
    cohort_access(state, user, &cohort).await?;
    Ok(cohort)
}

/// The cohort, if `user` may see individual participants' 360° results (a round's progress by
/// participant, one participant's report, the per-participant exports). Sponsors read the
/// cohort-level change only: a 360° report is developmental feedback for the participant, not
/// evaluation material for the employer.
pub async fn individual_reports_cohort(
    state: &AppState,
    user: &CurrentUser,
    cohort_id: &str,
) -> Result<Cohort, WebError> {
    user.require(ASSESSOR_ROLES)?;
    readable_cohort(state, user, cohort_id).await
}

/// The cohort, if `user` may manage its rounds.
pub async fn managed_cohort(
    state: &AppState,
    user: &CurrentUser,
    cohort_id: &str,
) -> Result<Cohort, WebError> {
    user.require(ASSESSOR_ROLES)?;
    readable_cohort(state, user, cohort_id).await
}

/// The round, if it belongs to the cohort (a round id under another cohort is not found).
pub async fn round_in(
    state: &AppState,
    cohort: &Cohort,
    round_id: &str,
) -> Result<FeedbackRound, WebError> {
    state
        .store
        .feedback_round(round_id)
        .await?
        .filter(|round| round.cohort_id == cohort.id)
        .ok_or(WebError::NotFound)
}

/// The round kind's name.
pub fn kind_label(lang: Lang, kind: RoundKind) -> String {
    let id = match kind {
        RoundKind::Pre => "fb-kind-pre",
        RoundKind::Post => "fb-kind-post",
        RoundKind::FollowUp => "fb-kind-follow-up",
    };
    tsumiki_i18n::t(lang, id, &[])
}

/// The round state's name.
pub fn state_label(lang: Lang, state: RoundState) -> String {
    let id = match state {
        RoundState::Draft => "fb-state-draft",
        RoundState::Open => "fb-state-open",
        RoundState::Closed => "fb-state-closed",
    };
    tsumiki_i18n::t(lang, id, &[])
}

/// A rater group's name from its stored spelling.
pub fn group_label(lang: Lang, group: &str) -> String {
    let id = match group {
        "self" => "fb-group-self",
        "manager" => "fb-group-manager",
        "peer" => "fb-group-peer",
        "direct_report" => "fb-group-direct-report",
        _ => "fb-group-other",
    };
    tsumiki_i18n::t(lang, id, &[])
}

/// A score with two decimals, or a dash.
pub fn score(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |value| format!("{value:.2}"))
}

/// A signed difference with two decimals, or a dash.
pub fn signed(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |value| format!("{value:+.2}"))
}
