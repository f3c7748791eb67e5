//! `/cohorts/{id}/completions`: recording modules as completed — cell by cell in a
//! participant × module grid, or a whole phase for several participants at once — which
//! issues each module's achievements through the platform's issuing service.
//!
//! Nothing is issued twice: each credential's idempotency key is
//! `completion:{participant}:{module}:{achievement}`, and a completion is one row per
//! participant and module. Credentials are issued before the completion is recorded, so a
//! failure leaves the cell open and submitting it again finishes the job.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use tsumiki_i18n::Lang;
use tsumiki_programme::ProgrammeDesign;
use tsumiki_store::{Participant, Programme};

use super::load_cohort;
use crate::auth::{ASSESSOR_ROLES, CsrfToken, CurrentUser};
use crate::i18n::{ReqLang, Tr};
use crate::issuing::{IssueRequest, RecipientChoice, issue};
use crate::pages::layout::{Chrome, page};
use crate::pages::programmes::fields::Fields;
use crate::pages::programmes::{bilingual, load};
use crate::{AppState, WebError};

/// The idempotency key of the credential for one achievement of one completed module.
pub fn completion_key(participant_id: &str, module_id: &str, achievement_id: &str) -> String {
    format!("completion:{participant_id}:{module_id}:{achievement_id}")
}

struct ColumnHead {
    title: String,
}

struct PhaseHead {
    title: String,
    span: usize,
}

struct Cell {
    value: String,
    done: bool,
    label: String,
}

struct GridRow {
    id: String,
    name: String,
    cells: Vec<Cell>,
}

struct PhaseForm {
    index: usize,
    title: String,
}

#[derive(Template)]
#[template(path = "cohorts_completions.html")]
struct CompletionsPage {
    tr: Tr,
    chrome: Chrome,
    csrf: String,
    cohort_id: String,
    cohort_name: String,
    phases: Vec<PhaseHead>,
    columns: Vec<ColumnHead>,
    rows: Vec<GridRow>,
    phase_forms: Vec<PhaseForm>,
    issuer_missing: bool,
    error: Option<String>,
}

async fn names(state: &AppState, participants: &[Participant]) -> Result<Vec<String>, WebError> {
    let mut names = Vec::with_capacity(participants.len());
    for participant in participants {
        names.push(
            state
                .store
                .recipient(&participant.recipient_id)
                .await?
                .display_name,
        );
    }
    Ok(names)
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
    let (programme, design) = load(state, &cohort.programme_id).await?;
    let participants = state.store.participants(cohort_id).await?;
    let done: Vec<(String, String)> = state
        .store
        .cohort_completions(cohort_id)
        .await?
        .into_iter()
        .map(|c| (c.participant_id, c.module_id))
        .collect();
    let phases = design
        .phases
        .iter()
        .filter(|phase| !phase.modules.is_empty())
        .map(|phase| PhaseHead {
            title: bilingual(lang, &phase.title_ja, &phase.title_en),
            span: phase.modules.len(),
        })
        .collect();
    let columns = design
        .modules()
        .map(|module| ColumnHead {
            title: bilingual(lang, &module.title_ja, &module.title_en),
        })
        .collect();
    let names = names(state, &participants).await?;
    let rows = participants
        .iter()
        .zip(names)
        .map(|(participant, name)| GridRow {
            cells: design
                .modules()
                .map(|module| Cell {
                    value: format!("{}|{}", participant.id, module.id),
                    done: done
                        .iter()
                        .any(|(p, m)| *p == participant.id && *m == module.id),
                    label: format!(
                        "{name} — {}",
                        bilingual(lang, &module.title_ja, &module.title_en)
                    ),
                })
                .collect(),
            id: participant.id.clone(),
            name,
        })
        .collect();
    let phase_forms = design
        .phases
        .iter()
        .enumerate()
        .filter(|(_, phase)| !phase.modules.is_empty())
        .map(|(index, phase)| PhaseForm {
            index,
            title: bilingual(lang, &phase.title_ja, &phase.title_en),
        })
        .collect();
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let body = page(&CompletionsPage {
        tr: Tr(lang),
        chrome: Chrome::new(
            lang,
            Some(user),
            Some(csrf),
            &format!("/cohorts/{cohort_id}/completions"),
        ),
        csrf: csrf.to_owned(),
        cohort_id: cohort_id.to_owned(),
        cohort_name: cohort.name,
        phases,
        columns,
        rows,
        phase_forms,
        issuer_missing: programme.issuer_id.is_none()
            && design.modules().any(|m| !m.achievement_ids.is_empty()),
        error,
    })?;
    Ok((status, body).into_response())
}

/// `GET /cohorts/{id}/completions`.
pub async fn show(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    user.require(ASSESSOR_ROLES)?;
    render(&state, lang, &user, &csrf, &id, None).await
}

/// Why recording stopped, for the person at the form.
enum Refusal {
    /// A message id.
    Message(&'static str),
    /// The issuing service's own (technical) reason, shown under a translated sentence.
    Issuing(String),
}

/// Issues every achievement of each (participant, module) pair, then records the completion.
async fn complete(
    state: &AppState,
    user: &CurrentUser,
    lang: Lang,
    (programme, design): (&Programme, &ProgrammeDesign),
    pairs: &[(Participant, String)],
) -> Result<Result<(), Refusal>, WebError> {
    for (_, module_id) in pairs {
        let Some((_, module)) = design.module(module_id) else {
            return Ok(Err(Refusal::Message("prog-error-choice")));
        };
        if !module.achievement_ids.is_empty() && programme.issuer_id.is_none() {
            return Ok(Err(Refusal::Message("prog-issuer-missing")));
        }
    }
    for (participant, module_id) in pairs {
        let Some((_, module)) = design.module(module_id) else {
            continue;
        };
        if let Some(issuer_id) = &programme.issuer_id {
            for achievement_id in &module.achievement_ids {
                let request = IssueRequest {
                    issuer_id: issuer_id.clone(),
                    achievement_id: achievement_id.clone(),
                    recipient_id: participant.recipient_id.clone(),
                    recipient: RecipientChoice::Auto,
                    idempotency_key: completion_key(&participant.id, module_id, achievement_id),
                    issued_at: Utc::now(),
                    lang,
                    import_row: None,
                };
                match issue(state, request).await {
                    Ok(_) => {}
                    Err(WebError::BadRequest(detail)) => return Ok(Err(Refusal::Issuing(detail))),
                    Err(error) => return Err(error),
                }
            }
        }
        state
            .store
            .record_completion(&participant.id, module_id, Utc::now(), Some(&user.user.id))
            .await?;
    }
    Ok(Ok(()))
}

async fn finish(
    state: &AppState,
    lang: Lang,
    user: &CurrentUser,
    csrf: &str,
    cohort_id: &str,
    outcome: Result<(), Refusal>,
) -> Result<Response, WebError> {
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("/cohorts/{cohort_id}/completions")).into_response()),
        Err(Refusal::Message(message_id)) => {
            let error = Some(tsumiki_i18n::t(lang, message_id, &[]));
            render(state, lang, user, csrf, cohort_id, error).await
        }
        Err(Refusal::Issuing(detail)) => {
            let error = Some(format!(
                "{} {detail}",
                tsumiki_i18n::t(lang, "prog-error-issuing", &[])
            ));
            render(state, lang, user, csrf, cohort_id, error).await
        }
    }
}

/// The cohort's participant with this id, or 404 (ids from another cohort included).
fn participant_of<'a>(
    participants: &'a [Participant],
    id: &str,
) -> Result<&'a Participant, WebError> {
    participants
        .iter()
        .find(|participant| participant.id == id)
        .ok_or(WebError::NotFound)
}

/// `POST /cohorts/{id}/completions`: the ticked cells of the grid (`done=participant|module`).
pub async fn record(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    user.require(ASSESSOR_ROLES)?;
    let cohort = load_cohort(&state, &id).await?;
    let (programme, design) = load(&state, &cohort.programme_id).await?;
    let participants = state.store.participants(&id).await?;
    let form = Fields::parse(&body)?;
    let mut pairs = Vec::new();
    for cell in form.all("done") {
        let (participant_id, module_id) = cell
            .split_once('|')
            .ok_or_else(|| WebError::BadRequest("done must be participant|module".to_owned()))?;
        let participant = participant_of(&participants, participant_id)?;
        pairs.push((participant.clone(), module_id.to_owned()));
    }
    let outcome = complete(&state, &user, lang, (&programme, &design), &pairs).await?;
    finish(&state, lang, &user, &csrf, &id, outcome).await
}

/// `POST /cohorts/{id}/completions/phase`: every module of phase `phase` for each ticked
/// participant (`participant_ids`).
pub async fn record_phase(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    user.require(ASSESSOR_ROLES)?;
    let cohort = load_cohort(&state, &id).await?;
    let (programme, design) = load(&state, &cohort.programme_id).await?;
    let participants = state.store.participants(&id).await?;
    let form = Fields::parse(&body)?;
    let phase = form
        .get("phase")
        .parse::<usize>()
        .ok()
        .and_then(|index| design.phases.get(index))
        .ok_or_else(|| WebError::BadRequest("unknown phase".to_owned()))?;
    let mut pairs = Vec::new();
    for participant_id in form.all("participant_ids") {
        let participant = participant_of(&participants, participant_id)?;
        for module in &phase.modules {
            pairs.push((participant.clone(), module.id.clone()));
        }
    }
    let outcome = complete(&state, &user, lang, (&programme, &design), &pairs).await?;
    finish(&state, lang, &user, &csrf, &id, outcome).await
}
