//! Rounds of a cohort: the overview with its create form, and one round's page with
//! open/close, the invitation form, reminders and progress (counts only: who has answered is
//! never shown per rater, so a participant's manager cannot be told apart from peers here).

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use serde::Deserialize;
use tsumiki_feedback::RaterGroup;
use tsumiki_feedback::instrument::OPEN_MODEL_ID;
use tsumiki_i18n::{Arg, Lang};
use tsumiki_store::{
    FeedbackRound, NewFeedbackRound, NewOutboxMessage, NewRaterInvitation, RoundKind, RoundState,
    StoreError,
};

use super::{
    group_label, individual_reports_cohort, kind_label, managed_cohort, readable_cohort, round_in,
    state_label,
};
use crate::auth::tokens::{random_token, token_hash};
use crate::auth::{ASSESSOR_ROLES, CsrfToken, CurrentUser};
use crate::i18n::{ReqLang, Tr};
use crate::pages::layout::{Chrome, page};
use crate::pages::recipients::looks_like_email;
use crate::{AppState, WebError};

struct RoundRow {
    id: String,
    kind: String,
    state: String,
    /// Cohort start + the round's month: when the round is meant to run.
    due: String,
}

/// The date a round of `kind` is due for a cohort starting on `starts_on`.
pub fn due_on(starts_on: chrono::NaiveDate, kind: RoundKind) -> String {
    starts_on
        .checked_add_months(chrono::Months::new(kind.month()))
        .map(|date| date.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

#[derive(Template)]
#[template(path = "feedback_rounds.html")]
struct OverviewPage {
    tr: Tr,
    chrome: Chrome,
    csrf: String,
    cohort_id: String,
    cohort_name: String,
    rounds: Vec<RoundRow>,
    can_manage: bool,
    missing_kinds: Vec<(String, String)>,
    error: Option<String>,
}

/// The create-round form.
#[derive(Debug, Deserialize)]
pub struct CreateForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    policy: String,
}

async fn render_overview(
    state: &AppState,
    lang: Lang,
    user: &CurrentUser,
    csrf: &str,
    cohort_id: &str,
    error: Option<String>,
) -> Result<Response, WebError> {
    let cohort = readable_cohort(state, user, cohort_id).await?;
    let rounds = state.store.feedback_rounds(&cohort.id).await?;
    let missing_kinds = RoundKind::ALL
        .into_iter()
        .filter(|kind| rounds.iter().all(|round| round.kind != *kind))
        .map(|kind| (kind.as_str().to_owned(), kind_label(lang, kind)))
        .collect();
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let path = format!("/cohorts/{}/feedback", cohort.id);
    let body = page(&OverviewPage {
        tr: Tr(lang),
        chrome: Chrome::new(lang, Some(user), Some(csrf), &path),
        csrf: csrf.to_owned(),
        cohort_id: cohort.id.clone(),
        cohort_name: cohort.name.clone(),
        rounds: rounds
            .iter()
            .map(|round| RoundRow {
                id: round.id.clone(),
                kind: kind_label(lang, round.kind),
                state: state_label(lang, round.state),
                due: due_on(cohort.starts_on, round.kind),
            })
            .collect(),
        can_manage: user.require(ASSESSOR_ROLES).is_ok(),
        missing_kinds,
        error,
    })?;
    Ok((status, body).into_response())
}

/// `GET /cohorts/{id}/feedback`.
pub async fn overview(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(cohort_id): Path<String>,
) -> Result<Response, WebError> {
    render_overview(&state, lang, &user, &csrf, &cohort_id, None).await
}

/// `POST /cohorts/{id}/feedback`: creates a round in draft.
pub async fn create(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(cohort_id): Path<String>,
    Form(form): Form<CreateForm>,
) -> Result<Response, WebError> {
    let cohort = managed_cohort(&state, &user, &cohort_id).await?;
    let tr = Tr(lang);
    let (Some(kind), true) = (
        RoundKind::parse(&form.kind),
        matches!(form.policy.as_str(), "suppress" | "merge"),
    ) else {
        let error = Some(tr.t("fb-error-choice"));
        return render_overview(&state, lang, &user, &csrf, &cohort_id, error).await;
    };
    let created = state
        .store
        .create_feedback_round(&NewFeedbackRound {
            cohort_id: cohort.id.clone(),
            kind,
            instrument_id: OPEN_MODEL_ID.to_owned(),
            small_group_policy: form.policy,
        })
        .await;
    match created {
        Ok(round) => Ok(
            Redirect::to(&format!("/cohorts/{}/feedback/{}", cohort.id, round.id)).into_response(),
        ),
        Err(StoreError::AlreadyExists { .. }) => {
            let error = Some(tr.t("fb-error-round-exists"));
            render_overview(&state, lang, &user, &csrf, &cohort_id, error).await
        }
        Err(error) => Err(error.into()),
    }
}

struct ProgressRow {
    participant_id: String,
    name: String,
    cells: Vec<String>,
}

#[derive(Template)]
#[template(path = "feedback_round.html")]
struct RoundPage {
    tr: Tr,
    chrome: Chrome,
    csrf: String,
    cohort_id: String,
    cohort_name: String,
    round_id: String,
    kind: String,
    state: String,
    policy: String,
    is_draft: bool,
    is_open: bool,
    is_closed: bool,
    can_manage: bool,
    participants: Vec<(String, String)>,
    groups: Vec<(String, String)>,
    group_headers: Vec<String>,
    progress: Vec<ProgressRow>,
    message: Option<String>,
    error: Option<String>,
}

/// Names of the cohort's participants, by participant id.
async fn participant_names(
    state: &AppState,
    cohort_id: &str,
) -> Result<Vec<(String, String)>, WebError> {
    let mut names = Vec::new();
    for participant in state.store.participants(cohort_id).await? {
        let recipient = state.store.recipient(&participant.recipient_id).await?;
        names.push((participant.id, recipient.display_name));
    }
    Ok(names)
}

struct Notice {
    message: Option<String>,
    error: Option<String>,
    status: StatusCode,
}

async fn render_round(
    state: &AppState,
    lang: Lang,
    user: &CurrentUser,
    csrf: &str,
    (cohort_id, round_id): (&str, &str),
    notice: Notice,
) -> Result<Response, WebError> {
    let cohort = individual_reports_cohort(state, user, cohort_id).await?;
    let round = round_in(state, &cohort, round_id).await?;
    let names = participant_names(state, &cohort.id).await?;
    let progress = state.store.round_progress(&round.id).await?;
    let rows = names
        .iter()
        .map(|(id, name)| ProgressRow {
            participant_id: id.clone(),
            name: name.clone(),
            cells: RaterGroup::ALL
                .iter()
                .map(|group| {
                    progress
                        .iter()
                        .find(|row| &row.participant_id == id && row.rater_group == group.as_str())
                        .map_or_else(
                            || "0 / 0".to_owned(),
                            |row| format!("{} / {}", row.submitted, row.invited),
                        )
                })
                .collect(),
        })
        .collect();
    let path = format!("/cohorts/{}/feedback/{}", cohort.id, round.id);
    let body = page(&RoundPage {
        tr: Tr(lang),
        chrome: Chrome::new(lang, Some(user), Some(csrf), &path),
        csrf: csrf.to_owned(),
        cohort_id: cohort.id.clone(),
        cohort_name: cohort.name.clone(),
        round_id: round.id.clone(),
        kind: kind_label(lang, round.kind),
        state: state_label(lang, round.state),
        policy: tsumiki_i18n::t(
            lang,
            if round.small_group_policy == "merge" {
                "fb-policy-merge"
            } else {
                "fb-policy-suppress"
            },
            &[],
        ),
        is_draft: round.state == RoundState::Draft,
        is_open: round.state == RoundState::Open,
        is_closed: round.state == RoundState::Closed,
        can_manage: user.require(ASSESSOR_ROLES).is_ok(),
        participants: names,
        groups: RaterGroup::ALL
            .iter()
            .map(|group| (group.as_str().to_owned(), group_label(lang, group.as_str())))
            .collect(),
        group_headers: RaterGroup::ALL
            .iter()
            .map(|group| group_label(lang, group.as_str()))
            .collect(),
        progress: rows,
        message: notice.message,
        error: notice.error,
    })?;
    Ok((notice.status, body).into_response())
}

fn ok_notice() -> Notice {
    Notice {
        message: None,
        error: None,
        status: StatusCode::OK,
    }
}

/// `GET /cohorts/{id}/feedback/{round}`.
pub async fn show(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path((cohort_id, round_id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    render_round(
        &state,
        lang,
        &user,
        &csrf,
        (&cohort_id, &round_id),
        ok_notice(),
    )
    .await
}

async fn transition(
    state: &AppState,
    user: &CurrentUser,
    (cohort_id, round_id): (&str, &str),
    open: bool,
) -> Result<Response, WebError> {
    let cohort = managed_cohort(state, user, cohort_id).await?;
    let round = round_in(state, &cohort, round_id).await?;
    let result = if open {
        state.store.open_feedback_round(&round.id, Utc::now()).await
    } else {
        state
            .store
            .close_feedback_round(&round.id, Utc::now())
            .await
    };
    match result {
        Ok(()) | Err(StoreError::InvalidTransition { .. }) => Ok(Redirect::to(&format!(
            "/cohorts/{}/feedback/{}",
            cohort.id, round.id
        ))
        .into_response()),
        Err(error) => Err(error.into()),
    }
}

/// `POST /cohorts/{id}/feedback/{round}/open`.
pub async fn open(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((cohort_id, round_id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    transition(&state, &user, (&cohort_id, &round_id), true).await
}

/// `POST /cohorts/{id}/feedback/{round}/close`: every rater link of the round expires.
pub async fn close(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((cohort_id, round_id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    transition(&state, &user, (&cohort_id, &round_id), false).await
}

/// The invitation form.
#[derive(Debug, Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    participant_id: String,
    #[serde(default)]
    rater_group: String,
    /// One address per line (several raters of one group at once).
    #[serde(default)]
    emails: String,
    #[serde(default)]
    language: String,
}

/// The invitation or reminder mail in the rater's language. The body with the link is sent;
/// `body_after_send` (link removed) is what the outbox keeps afterwards.
pub fn rater_mail(
    state: &AppState,
    language: &str,
    participant_name: &str,
    is_self: bool,
    token: &str,
    reminder: bool,
    to: &str,
) -> NewOutboxMessage {
    let lang = Lang::from_tag(language).unwrap_or(Lang::Ja);
    let link = format!(
        "{}/rate/{token}?lang={}",
        state.base_url.trim_end_matches('/'),
        lang.tag()
    );
    let body_id = match (is_self, reminder) {
        (true, false) => "fb-mail-body-self",
        (true, true) => "fb-mail-reminder-self",
        (false, false) => "fb-mail-body",
        (false, true) => "fb-mail-reminder",
    };
    let body = |link: &str| {
        tsumiki_i18n::t(
            lang,
            body_id,
            &[
                ("name", Arg::from(participant_name)),
                ("link", Arg::from(link)),
            ],
        )
    };
    let removed = tsumiki_i18n::t(lang, "fb-mail-link-removed", &[]);
    NewOutboxMessage {
        recipient: to.to_owned(),
        subject: tsumiki_i18n::t(
            lang,
            if reminder {
                "fb-mail-reminder-subject"
            } else {
                "fb-mail-subject"
            },
            &[],
        ),
        body: body(&link),
        body_after_send: Some(body(&removed)),
        kind: if reminder {
            "feedback_reminder"
        } else {
            "feedback_invitation"
        }
        .to_owned(),
    }
}

/// `POST /cohorts/{id}/feedback/{round}/invite`: one invitation (and mail) per address.
pub async fn invite(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path((cohort_id, round_id)): Path<(String, String)>,
    Form(form): Form<InviteForm>,
) -> Result<Response, WebError> {
    let cohort = managed_cohort(&state, &user, &cohort_id).await?;
    let round: FeedbackRound = round_in(&state, &cohort, &round_id).await?;
    let tr = Tr(lang);
    let fail = |key: &str, status| Notice {
        message: None,
        error: Some(tr.t(key)),
        status,
    };
    let ids = (cohort_id.as_str(), round_id.as_str());
    let participant = state
        .store
        .participant(&form.participant_id)
        .await?
        .filter(|participant| participant.cohort_id == cohort.id);
    let emails: Vec<String> = form
        .emails
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        // The store keeps addresses lower-cased (one rater, one invitation); mail goes there.
        .map(str::to_lowercase)
        .collect();
    let language = if form.language == "en" { "en" } else { "ja" };
    let (Some(participant), Ok(group)) = (participant, RaterGroup::parse(&form.rater_group)) else {
        let notice = fail("fb-error-choice", StatusCode::UNPROCESSABLE_ENTITY);
        return render_round(&state, lang, &user, &csrf, ids, notice).await;
    };
    if emails.is_empty() || !emails.iter().all(|email| looks_like_email(email)) {
        let notice = fail("fb-error-email", StatusCode::UNPROCESSABLE_ENTITY);
        return render_round(&state, lang, &user, &csrf, ids, notice).await;
    }
    if group == RaterGroup::SelfRating && emails.len() != 1 {
        let notice = fail("fb-error-self-one", StatusCode::UNPROCESSABLE_ENTITY);
        return render_round(&state, lang, &user, &csrf, ids, notice).await;
    }
    let name = state
        .store
        .recipient(&participant.recipient_id)
        .await?
        .display_name;
    let mut invited: i64 = 0;
    let mut duplicates: i64 = 0;
    for email in &emails {
        let token = random_token();
        let mail = rater_mail(
            &state,
            language,
            &name,
            group == RaterGroup::SelfRating,
            &token,
            false,
            email,
        );
        let new = NewRaterInvitation {
            round_id: round.id.clone(),
            participant_id: participant.id.clone(),
            rater_group: group.as_str().to_owned(),
            email: email.clone(),
            language: language.to_owned(),
        };
        match state
            .store
            .invite_rater(&new, &token_hash(&token), &mail, Utc::now())
            .await
        {
            Ok(_) => invited += 1,
            Err(StoreError::AlreadyExists { .. }) => duplicates += 1,
            Err(StoreError::InvalidTransition { .. }) => {
                let notice = fail("fb-error-round-closed", StatusCode::CONFLICT);
                return render_round(&state, lang, &user, &csrf, ids, notice).await;
            }
            Err(error) => return Err(error.into()),
        }
    }
    let notice = Notice {
        message: Some(tsumiki_i18n::t(
            lang,
            "fb-invited",
            &[
                ("count", Arg::from(invited)),
                ("duplicates", Arg::from(duplicates)),
            ],
        )),
        error: None,
        status: StatusCode::OK,
    };
    render_round(&state, lang, &user, &csrf, ids, notice).await
}

/// `POST /cohorts/{id}/feedback/{round}/remind`: a new link to every rater who has not
/// answered yet (their previous link stops working: only hashes are stored).
pub async fn remind(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path((cohort_id, round_id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let cohort = managed_cohort(&state, &user, &cohort_id).await?;
    let round = round_in(&state, &cohort, &round_id).await?;
    let ids = (cohort_id.as_str(), round_id.as_str());
    if round.state != RoundState::Open {
        let notice = Notice {
            message: None,
            error: Some(Tr(lang).t("fb-error-remind-not-open")),
            status: StatusCode::CONFLICT,
        };
        return render_round(&state, lang, &user, &csrf, ids, notice).await;
    }
    let names = participant_names(&state, &cohort.id).await?;
    let mut reminded: i64 = 0;
    for invitation in state.store.rater_invitations(&round.id).await? {
        if invitation.submitted_at.is_some() {
            continue;
        }
        let name = names
            .iter()
            .find(|(id, _)| *id == invitation.participant_id)
            .map(|(_, name)| name.as_str())
            .unwrap_or_default();
        let token = random_token();
        let mail = rater_mail(
            &state,
            &invitation.language,
            name,
            invitation.rater_group == "self",
            &token,
            true,
            &invitation.email,
        );
        match state
            .store
            .remind_rater(&invitation.id, &token_hash(&token), &mail, Utc::now())
            .await
        {
            Ok(()) => reminded += 1,
            // Answered between the listing and now: nothing to remind.
            Err(StoreError::NotFound { .. }) => {}
            Err(error) => return Err(error.into()),
        }
    }
    let notice = Notice {
        message: Some(Tr(lang).n("fb-reminded", "count", reminded)),
        error: None,
        status: StatusCode::OK,
    };
    render_round(&state, lang, &user, &csrf, ids, notice).await
}
