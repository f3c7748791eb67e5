//! `GET /admin/credentials/{id}`: one credential, its status history, and the forms that
//! change its status; `POST /admin/credentials/{id}/{revoke|suspend|unsuspend}` applies them
//! through [`crate::status_actions`], the same service the API uses.
//!
//! Only the changes the current state allows are offered, each with its own clearly labelled
//! button and a required reason; revoking also needs a ticked confirmation, because it is
//! final. After a change the browser is redirected (303) back to the page, so a reload never
//! repeats it.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tsumiki_i18n::{Arg, Lang};
use tsumiki_store::{CredentialRecord, CredentialState, StatusAction};

use crate::api::revoke::{MAX_REASON_CHARS, find_credential};
use crate::auth::{ALL_ROLES, CsrfToken, CurrentUser, ISSUING_ROLES};
use crate::i18n::{ReqLang, Tr};
use crate::pages::credentials::{LIST_PATH, bare_id, detail_path, pick, state_label};
use crate::pages::layout::{Chrome, page};
use crate::status_actions::{ReasonError, change_status, checked_reason};
use crate::{AppState, WebError};

/// `?done=<action>` after a successful change, for the confirmation line.
#[derive(Debug, Default, Deserialize)]
pub struct DoneQuery {
    #[serde(default)]
    done: String,
}

/// A status-change form.
#[derive(Debug, Default, Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    reason: String,
    /// The revoke form's "I understand this is final" box; absent when unticked.
    #[serde(default)]
    confirm: Option<String>,
}

fn parse_action(text: &str) -> Option<StatusAction> {
    match text {
        "revoke" => Some(StatusAction::Revoke),
        "suspend" => Some(StatusAction::Suspend),
        "unsuspend" => Some(StatusAction::Unsuspend),
        _ => None,
    }
}

/// The changes offered from `state`, in the order the page shows them. Mirrors the store's
/// transition rule; the store still decides (a concurrent change gets the 409 message).
fn offered(state: CredentialState) -> Vec<StatusAction> {
    match state {
        CredentialState::Active => vec![StatusAction::Suspend, StatusAction::Revoke],
        CredentialState::Suspended => vec![StatusAction::Unsuspend, StatusAction::Revoke],
        CredentialState::Revoked => Vec::new(),
    }
}

fn action_label(action: StatusAction) -> &'static str {
    match action {
        StatusAction::Revoke => "cred-action-revoke",
        StatusAction::Suspend => "cred-action-suspend",
        StatusAction::Unsuspend => "cred-action-unsuspend",
    }
}

/// One form on the page, as the template draws it.
struct ActionForm {
    /// `revoke`, `suspend` or `unsuspend`: the URL segment and the Fluent id stem.
    action: &'static str,
    heading: String,
    help: String,
    button: String,
    /// `danger` for revoke, so the final action looks different.
    button_class: &'static str,
    /// What the person typed, kept when the form is shown again with an error.
    reason: String,
    error: Option<String>,
}

struct EventRow {
    at: String,
    action_label: String,
    reason: String,
    actor: String,
}

#[derive(Template)]
#[template(path = "credentials_detail.html")]
struct DetailPage {
    tr: Tr,
    chrome: Chrome,
    csrf: String,
    id: String,
    bare_id: String,
    achievement: String,
    issuer: String,
    recipient: String,
    identifiers: String,
    issued_at: String,
    updated_at: String,
    state_label: String,
    state_class: &'static str,
    state_reason: Option<String>,
    events: Vec<EventRow>,
    can_act: bool,
    forms: Vec<ActionForm>,
    reason_hint: String,
    done: Option<String>,
    /// A refusal whose form is no longer offered (the state moved on), shown at the top.
    alert: Option<String>,
    list_path: &'static str,
}

/// A form that failed, to show again with its message.
struct Refusal {
    action: StatusAction,
    reason: String,
    message: String,
}

fn timestamp(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%d %H:%M:%S UTC").to_string()
}

async fn events(
    state: &AppState,
    lang: Lang,
    credential_id: &str,
) -> Result<Vec<EventRow>, WebError> {
    let mut names: HashMap<String, String> = HashMap::new();
    let mut rows = Vec::new();
    for event in state.store.status_events(credential_id).await? {
        let actor = match &event.actor_user_id {
            None => tsumiki_i18n::t(lang, "cred-actor-system", &[]),
            Some(user_id) => {
                if !names.contains_key(user_id) {
                    // A deleted account leaves its id in the history; show the id then.
                    let name = match state.store.user(user_id).await {
                        Ok(user) => user.display_name,
                        Err(tsumiki_store::StoreError::NotFound { .. }) => user_id.clone(),
                        Err(error) => return Err(error.into()),
                    };
                    names.insert(user_id.clone(), name);
                }
                names.get(user_id).cloned().unwrap_or_default()
            }
        };
        rows.push(EventRow {
            at: timestamp(event.at),
            action_label: tsumiki_i18n::t(lang, action_label(event.action), &[]),
            reason: event.reason,
            actor,
        });
    }
    Ok(rows)
}

async fn render(
    state: &AppState,
    lang: Lang,
    user: &CurrentUser,
    csrf: &str,
    record: CredentialRecord,
    done: Option<StatusAction>,
    refusal: Option<Refusal>,
) -> Result<String, WebError> {
    let issuer = state.store.issuer(&record.issuer_id).await?;
    let achievement = state.store.achievement(&record.achievement_id).await?;
    let recipient = state.store.recipient(&record.recipient_id).await?;
    let identifiers = state
        .store
        .recipient_identifiers(&record.recipient_id)
        .await?
        .into_iter()
        .map(|identifier| identifier.value)
        .collect::<Vec<_>>()
        .join(", ");
    let (label_id, state_class) = state_label(record.state);
    let offers = offered(record.state);
    let alert = refusal
        .as_ref()
        .filter(|refusal| !offers.contains(&refusal.action))
        .map(|refusal| refusal.message.clone());
    let forms = offers
        .into_iter()
        .map(|action| {
            let refused = refusal.as_ref().filter(|refusal| refusal.action == action);
            let text = |part: &str| {
                tsumiki_i18n::t(lang, &format!("cred-{}-{part}", action.as_str()), &[])
            };
            ActionForm {
                action: action.as_str(),
                heading: text("heading"),
                help: text("help"),
                button: text("button"),
                button_class: if action == StatusAction::Revoke {
                    "danger"
                } else {
                    "primary"
                },
                reason: refused.map(|r| r.reason.clone()).unwrap_or_default(),
                error: refused.map(|r| r.message.clone()),
            }
        })
        .collect();
    let path = detail_path(&record.id);
    let body = page(&DetailPage {
        tr: Tr(lang),
        chrome: Chrome::new(lang, Some(user), Some(csrf), &path),
        csrf: csrf.to_owned(),
        bare_id: bare_id(&record.id).to_owned(),
        achievement: pick(
            lang,
            &achievement.details.name_ja,
            &achievement.details.name_en,
        ),
        issuer: pick(lang, &issuer.name_ja, &issuer.name_en),
        recipient: recipient.display_name,
        identifiers,
        issued_at: timestamp(record.issued_at),
        updated_at: timestamp(record.updated_at),
        state_label: tsumiki_i18n::t(lang, label_id, &[]),
        state_class,
        state_reason: record.state_reason.clone(),
        events: events(state, lang, &record.id).await?,
        can_act: user.require(ISSUING_ROLES).is_ok(),
        forms,
        reason_hint: tsumiki_i18n::t(
            lang,
            "cred-reason-hint",
            &[("max", Arg::from(MAX_REASON_CHARS as i64))],
        ),
        done: done
            .map(|action| tsumiki_i18n::t(lang, &format!("cred-done-{}", action.as_str()), &[])),
        alert,
        list_path: LIST_PATH,
        id: record.id,
    })?;
    Ok(body.0)
}

/// `GET /admin/credentials/{id}`.
pub async fn show(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Query(query): Query<DoneQuery>,
) -> Result<Response, WebError> {
    user.require(ALL_ROLES)?;
    let record = find_credential(&state, &id).await?;
    let done = parse_action(&query.done);
    let body = render(&state, lang, &user, &csrf, record, done, None).await?;
    Ok(axum::response::Html(body).into_response())
}

/// Why the form is refused before anything changes, as a Fluent message.
fn refusal_message(lang: Lang, action: StatusAction, form: &StatusForm) -> Option<String> {
    match checked_reason(&form.reason) {
        Err(ReasonError::Missing) => {
            return Some(tsumiki_i18n::t(lang, "cred-error-reason-missing", &[]));
        }
        Err(ReasonError::TooLong) => {
            return Some(tsumiki_i18n::t(
                lang,
                "cred-error-reason-too-long",
                &[("max", Arg::from(MAX_REASON_CHARS as i64))],
            ));
        }
        Ok(_) => {}
    }
    let confirmed = form
        .confirm
        .as_deref()
        .is_some_and(|value| !value.is_empty());
    (action == StatusAction::Revoke && !confirmed)
        .then(|| tsumiki_i18n::t(lang, "cred-error-confirm", &[]))
}

/// `POST /admin/credentials/{id}/{action}`.
pub async fn change(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path((id, action)): Path<(String, String)>,
    Form(form): Form<StatusForm>,
) -> Result<Response, WebError> {
    user.require(ISSUING_ROLES)?;
    let action = parse_action(&action).ok_or(WebError::NotFound)?;
    let record = find_credential(&state, &id).await?;
    let refuse = |message: String| Refusal {
        action,
        reason: form.reason.clone(),
        message,
    };
    let (refusal, status) = match refusal_message(lang, action, &form) {
        Some(message) => (refuse(message), StatusCode::UNPROCESSABLE_ENTITY),
        None => {
            match change_status(&state, &user.user.id, &record.id, action, &form.reason).await {
                Ok(changed) => {
                    let to = format!("{}?done={}", detail_path(&changed.id), action.as_str());
                    return Ok(Redirect::to(&to).into_response());
                }
                // The state changed since the page was drawn (another tab, another person).
                Err(WebError::Conflict(_)) => (
                    refuse(tsumiki_i18n::t(lang, "cred-error-transition", &[])),
                    StatusCode::CONFLICT,
                ),
                Err(error) => return Err(error),
            }
        }
    };
    // Re-read: after a conflict the record on hand is stale.
    let record = state.store.credential(&record.id).await?;
    let body = render(&state, lang, &user, &csrf, record, None, Some(refusal)).await?;
    Ok((status, axum::response::Html(body)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_allowed_changes_are_offered() {
        assert_eq!(
            offered(CredentialState::Active),
            [StatusAction::Suspend, StatusAction::Revoke]
        );
        assert_eq!(
            offered(CredentialState::Suspended),
            [StatusAction::Unsuspend, StatusAction::Revoke]
        );
        assert!(offered(CredentialState::Revoked).is_empty());
        assert_eq!(parse_action("revoke"), Some(StatusAction::Revoke));
        assert_eq!(parse_action("delete"), None);
    }

    #[test]
    fn revoking_needs_a_reason_and_the_confirmation() {
        let form = |reason: &str, confirm: Option<&str>| StatusForm {
            reason: reason.into(),
            confirm: confirm.map(str::to_owned),
        };
        let lang = Lang::En;
        assert!(refusal_message(lang, StatusAction::Revoke, &form("不正", Some("yes"))).is_none());
        assert!(refusal_message(lang, StatusAction::Suspend, &form("確認中", None)).is_none());
        assert_eq!(
            refusal_message(lang, StatusAction::Revoke, &form("不正", None)).as_deref(),
            Some("To revoke, tick the confirmation box.")
        );
        assert_eq!(
            refusal_message(lang, StatusAction::Suspend, &form("   ", None)).as_deref(),
            Some("Enter a reason.")
        );
        assert_eq!(
            refusal_message(Lang::Ja, StatusAction::Revoke, &form("", Some("yes"))).as_deref(),
            Some("理由を入力してください。")
        );
    }
}
