//! `/me/feedback`: a participant's own 360° reports, across their cohorts and rounds. The
//! account is tied to the person through `user_links.recipient_id`; the reports are the same
//! anonymity-filtered ones staff see, so a participant learns nothing about who said what.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use tsumiki_store::Role;

use super::kind_label;
use super::reports::{ReportLines, lines};
use crate::analytics::feedback::participant_report;
use crate::auth::{CsrfToken, CurrentUser};
use crate::i18n::{ReqLang, Tr};
use crate::pages::layout::{Chrome, page};
use crate::{AppState, WebError};

struct OwnReport {
    heading: String,
    report: ReportLines,
}

#[derive(Template)]
#[template(path = "feedback_me.html")]
struct MePage {
    tr: Tr,
    chrome: Chrome,
    reports: Vec<OwnReport>,
}

/// `GET /me/feedback`.
pub async fn show(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, WebError> {
    user.require(&[Role::Participant])?;
    let links = state.store.user_links(&user.user.id).await?;
    let mut reports = Vec::new();
    if let Some(recipient_id) = links.recipient_id {
        for enrolment in state.store.enrolments_of(&recipient_id).await? {
            let Some(cohort) = state.store.cohort(&enrolment.cohort_id).await? else {
                continue;
            };
            for round in state.store.feedback_rounds(&cohort.id).await? {
                let kind = round.kind;
                let view = participant_report(&state, &cohort, round, &enrolment.id).await?;
                reports.push(OwnReport {
                    heading: format!("{} — {}", cohort.name, kind_label(lang, kind)),
                    report: lines(lang, &view.report, &view.change),
                });
            }
        }
    }
    Ok(page(&MePage {
        tr: Tr(lang),
        chrome: Chrome::new(lang, Some(&user), Some(&csrf), "/me/feedback"),
        reports,
    })?
    .into_response())
}
