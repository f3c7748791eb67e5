//! `GET /me`: a participant's own page — their enrolments, module progress and credentials.
//! The account reaches its person only through `user_links.recipient_id`, set by an admin.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

use crate::auth::{CsrfToken, CurrentUser, Role};
use crate::i18n::{ReqLang, Tr};
use crate::pages::layout::{Chrome, page};
use crate::pages::programmes::{bilingual, load, programme_title};
use crate::{AppState, WebError};

struct ModuleProgress {
    title: String,
    done: bool,
}

struct EnrolmentView {
    cohort: String,
    programme: String,
    dates: String,
    completed: i64,
    total: usize,
    modules: Vec<ModuleProgress>,
}

struct CredentialView {
    name: String,
    issued_on: String,
    href: String,
}

/// A link on the page (e.g. a 360° report).
pub struct ReportLink {
    /// Where.
    pub href: String,
    /// What.
    pub label: String,
}

#[derive(Template)]
#[template(path = "me.html")]
struct MePage {
    tr: Tr,
    chrome: Chrome,
    linked: bool,
    enrolments: Vec<EnrolmentView>,
    credentials: Vec<CredentialView>,
    /// Slot for the participant's own reports (the 360° report links here).
    reports: Vec<ReportLink>,
}

/// `GET /me`.
pub async fn show(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, WebError> {
    user.require(&[Role::Participant])?;
    let links = state.store.user_links(&user.user.id).await?;
    let mut enrolments = Vec::new();
    let mut credentials = Vec::new();
    if let Some(recipient_id) = &links.recipient_id {
        for participant in state.store.enrolments_of(recipient_id).await? {
            let Some(cohort) = state.store.cohort(&participant.cohort_id).await? else {
                continue;
            };
            // A design that does not parse (written past the UI) costs this enrolment's entry,
            // not the whole page.
            let Ok((programme, design)) = load(&state, &cohort.programme_id).await else {
                continue;
            };
            let done: Vec<String> = state
                .store
                .participant_completions(&participant.id)
                .await?
                .into_iter()
                .map(|c| c.module_id)
                .collect();
            let modules: Vec<ModuleProgress> = design
                .modules()
                .map(|module| ModuleProgress {
                    title: bilingual(lang, &module.title_ja, &module.title_en),
                    done: done.contains(&module.id),
                })
                .collect();
            enrolments.push(EnrolmentView {
                cohort: cohort.name,
                programme: programme_title(&programme, lang),
                dates: format!("{} – {}", cohort.starts_on, cohort.ends_on),
                completed: i64::try_from(modules.iter().filter(|m| m.done).count())
                    .unwrap_or(i64::MAX),
                total: modules.len(),
                modules,
            });
        }
        for record in state.store.credentials_of_recipient(recipient_id).await? {
            let name = match state.store.achievement(&record.achievement_id).await {
                Ok(achievement) => crate::pages::achievements::achievement_name(&achievement, lang),
                Err(_) => record.achievement_id.clone(),
            };
            credentials.push(CredentialView {
                name,
                issued_on: record.issued_at.format("%Y-%m-%d").to_string(),
                href: format!("/c/{}", record.id.trim_start_matches("urn:uuid:")),
            });
        }
    }
    let enrolments_exist = !enrolments.is_empty();
    let body = page(&MePage {
        tr: Tr(lang),
        chrome: Chrome::new(lang, Some(&user), Some(&csrf), "/me"),
        linked: links.recipient_id.is_some(),
        enrolments,
        credentials,
        // Their own 360° reports live on one page across cohorts and rounds; it shows only
        // what the anonymity rules allow.
        reports: if enrolments_exist {
            vec![ReportLink {
                href: "/me/feedback".to_owned(),
                label: tsumiki_i18n::t(lang, "prog-me-feedback-report", &[]),
            }]
        } else {
            Vec::new()
        },
    })?;
    Ok(body.into_response())
}
