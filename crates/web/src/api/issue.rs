//! `POST /credentials/issue` (W3C VC-API): sign a credential the client composed.
//!
//! The store keeps every credential with an achievement and a recipient (so revocation, the
//! public page and bulk import share one model). A VC-API client sends neither, so:
//! - the **issuer** is the stored issuer whose identifier is the credential's `issuer` (or the
//!   only issuer, when the credential names none);
//! - the **achievement** is the stored one named by `credentialSubject.achievement.id`
//!   (`urn:uuid:<id>`), else one recorded from the credential's own achievement (or name),
//!   reused by name on later requests;
//! - the **recipient** is found or recorded by `credentialSubject.id` (identifier kind
//!   `subject-id`), with one shared recipient for subjects without an id.
//!
//! The credential gets its two status entries (when it uses the VC 2.0 context, which defines
//! them) and an `eddsa-rdfc-2022` proof. `options.credentialId` (or the credential's `id`) is
//! the idempotency key: a retry returns the credential already issued.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde::Deserialize;
use serde_json::{Map, Value, json};
use tsumiki_store::{Issuer, NewAchievement, NewCredential, NewRecipient, StoreError};

use tsumiki_i18n::{Lang, t};
use tsumiki_vc::report::Check;

use crate::api::preflight;
use crate::api::verify::check_problem;
use crate::auth::{ApiUser, ISSUING_ROLES};
use crate::issuing::document::{status_entries, timestamp};
use crate::issuing::{sign_and_store, status_base_url};
use crate::{AppState, WebError};

const VC_V2: &str = "https://www.w3.org/ns/credentials/v2";
const SUBJECT_ID_KIND: &str = "subject-id";
const ANONYMOUS_KIND: &str = "vcapi";
const ANONYMOUS_VALUE: &str = "subject-without-id";

/// The request body.
#[derive(Debug, Deserialize)]
pub struct IssueBody {
    credential: Value,
    #[serde(default)]
    options: Option<IssueOptions>,
}

/// `IssueCredentialOptions` members tsumiki reads.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IssueOptions {
    credential_id: Option<String>,
}

/// The idempotency key of a VC-API issue request for `id` (also how
/// `/credentials/status` finds a credential by the id its client chose).
pub fn idempotency_key_for(id: &str) -> String {
    format!("vcapi:{id}")
}

fn issuer_id_of(credential: &Map<String, Value>) -> Option<&str> {
    match credential.get("issuer") {
        Some(Value::String(id)) => Some(id),
        Some(Value::Object(profile)) => profile.get("id").and_then(Value::as_str),
        _ => None,
    }
}

async fn choose_issuer(
    state: &AppState,
    credential: &mut Map<String, Value>,
) -> Result<Issuer, WebError> {
    let issuers = state.store.issuers().await?;
    match issuer_id_of(credential) {
        Some(id) => issuers
            .into_iter()
            .find(|issuer| issuer.identifier == id)
            .ok_or_else(|| {
                WebError::BadRequest(format!("this server has no issuer with the id {id:?}"))
            }),
        None if credential.contains_key("issuer") => Err(WebError::BadRequest(
            "`issuer` must be a URL or an object with an `id`".into(),
        )),
        None => {
            let mut issuers = issuers.into_iter();
            match (issuers.next(), issuers.next()) {
                (Some(only), None) => {
                    credential.insert("issuer".into(), Value::String(only.identifier.clone()));
                    Ok(only)
                }
                (None, _) => Err(WebError::BadRequest("this server has no issuer yet".into())),
                (Some(_), Some(_)) => Err(WebError::BadRequest(
                    "the credential has no `issuer`, and this server has several".into(),
                )),
            }
        }
    }
}

fn first_subject(credential: &Map<String, Value>) -> Option<&Map<String, Value>> {
    match credential.get("credentialSubject")? {
        Value::Object(subject) => Some(subject),
        Value::Array(items) => items.first()?.as_object(),
        _ => None,
    }
}

fn text(value: Option<&Value>) -> String {
    value.and_then(Value::as_str).unwrap_or_default().to_owned()
}

async fn choose_achievement(
    state: &AppState,
    issuer: &Issuer,
    credential: &Map<String, Value>,
) -> Result<String, WebError> {
    let achievement = first_subject(credential)
        .and_then(|subject| subject.get("achievement"))
        .and_then(Value::as_object);
    let stored = state.store.achievements(&issuer.id).await?;
    if let Some(id) = achievement
        .and_then(|a| a.get("id"))
        .and_then(Value::as_str)
        .and_then(|id| id.strip_prefix("urn:uuid:"))
        && let Some(found) = stored.iter().find(|a| a.id == id)
    {
        return Ok(found.id.clone());
    }
    let name = achievement
        .map(|a| text(a.get("name")))
        .filter(|name| !name.is_empty())
        .or_else(|| Some(text(credential.get("name"))).filter(|name| !name.is_empty()))
        .unwrap_or_else(|| "VC-API".to_owned());
    if let Some(found) = stored
        .iter()
        .find(|a| a.details.name_en == name && a.details.name_ja == name)
    {
        return Ok(found.id.clone());
    }
    let description = achievement
        .map(|a| text(a.get("description")))
        .unwrap_or_default();
    let criteria = achievement
        .and_then(|a| a.get("criteria"))
        .map(|c| text(c.get("narrative")))
        .unwrap_or_default();
    let achievement_type = achievement
        .map(|a| text(a.get("achievementType")))
        .unwrap_or_default();
    let created = state
        .store
        .create_achievement(NewAchievement {
            issuer_id: issuer.id.clone(),
            achievement_type,
            name_ja: name.clone(),
            name_en: name,
            description_ja: description.clone(),
            description_en: description,
            criteria_ja: criteria.clone(),
            criteria_en: criteria,
            learning_outcomes_ja: Vec::new(),
            learning_outcomes_en: Vec::new(),
            hours: None,
            credits: None,
            level: None,
            assessment_type: None,
            participation_form: None,
            quality_assurance: None,
            prerequisites: None,
            stackability: None,
            image: None,
            alignments: Vec::new(),
        })
        .await?;
    Ok(created.id)
}

async fn choose_recipient(
    state: &AppState,
    credential: &Map<String, Value>,
) -> Result<String, WebError> {
    let subject_id = first_subject(credential)
        .and_then(|subject| subject.get("id"))
        .and_then(Value::as_str);
    let (kind, value, name) = match subject_id {
        Some(id) => (SUBJECT_ID_KIND, id, id),
        None => (ANONYMOUS_KIND, ANONYMOUS_VALUE, "VC-API"),
    };
    if let Some(found) = state.store.recipient_by_identifier(kind, value).await? {
        return Ok(found.id);
    }
    let created = state
        .store
        .create_recipient(NewRecipient {
            display_name: name.to_owned(),
            did: None,
            identifiers: vec![(kind.to_owned(), value.to_owned())],
        })
        .await;
    match created {
        Ok((recipient, _)) => Ok(recipient.id),
        // Another request recorded the same subject meanwhile.
        Err(StoreError::AlreadyExists { .. }) => state
            .store
            .recipient_by_identifier(kind, value)
            .await?
            .map(|found| found.id)
            .ok_or_else(|| WebError::Internal(format!("recipient {value} vanished"))),
        Err(error) => Err(error.into()),
    }
}

fn uses_vc_v2(credential: &Map<String, Value>) -> bool {
    match credential.get("@context") {
        Some(Value::Array(items)) => items.first().and_then(Value::as_str) == Some(VC_V2),
        Some(Value::String(url)) => url == VC_V2,
        _ => false,
    }
}

/// Adds our status entries to whatever the client put in `credentialStatus`.
fn with_status(mut credential: Map<String, Value>, ours: Value) -> Map<String, Value> {
    let Value::Array(ours) = ours else {
        return credential;
    };
    let mut all = match credential.remove("credentialStatus") {
        Some(Value::Array(items)) => items,
        Some(single) => vec![single],
        None => Vec::new(),
    };
    all.extend(ours);
    credential.insert("credentialStatus".into(), Value::Array(all));
    credential
}

/// 400 with every reason the credential was not signed, each in English and Japanese.
fn refused(refusals: &[Check]) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({
            "error": "bad_request",
            "message": t(Lang::En, "vcapi-issue-refused", &[]),
            "messageJa": t(Lang::Ja, "vcapi-issue-refused", &[]),
            "problemDetails": refusals.iter().map(check_problem).collect::<Vec<_>>(),
        })),
    )
        .into_response()
}

/// `POST /credentials/issue`.
pub async fn issue_credential(
    State(state): State<AppState>,
    user: ApiUser,
    body: Result<Json<IssueBody>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, WebError> {
    user.require(ISSUING_ROLES)?;
    let Json(body) = body.map_err(|error| WebError::BadRequest(error.body_text()))?;
    let Value::Object(mut credential) = body.credential else {
        return Err(WebError::BadRequest(
            "`credential` must be a JSON object".into(),
        ));
    };
    if credential.contains_key("proof") {
        return Err(WebError::BadRequest(
            "the credential already has a proof; send it unsigned".into(),
        ));
    }
    let issuer = choose_issuer(&state, &mut credential).await?;
    let now = Utc::now();
    if uses_vc_v2(&credential) && !credential.contains_key("validFrom") {
        credential.insert("validFrom".into(), Value::String(timestamp(now)));
    }
    // Checked as it will be signed: when the client sent no `id`, we assign one.
    let mut candidate = credential.clone();
    candidate
        .entry("id")
        .or_insert_with(|| Value::String(format!("urn:uuid:{}", uuid::Uuid::nil())));
    let refusals = preflight::refusals(&Value::Object(candidate), &state.ld, now);
    if !refusals.is_empty() {
        return Ok(refused(&refusals));
    }
    let requested_id = body.options.unwrap_or_default().credential_id.or_else(|| {
        credential
            .get("id")
            .and_then(Value::as_str)
            .map(str::to_owned)
    });
    let idempotency_key = requested_id.as_deref().map_or_else(
        || idempotency_key_for(&uuid::Uuid::new_v4().to_string()),
        idempotency_key_for,
    );
    if let Some(existing) = state
        .store
        .credential_by_idempotency_key(&idempotency_key)
        .await?
    {
        let credential: Value = serde_json::from_str(&existing.credential_json)
            .map_err(|error| WebError::Internal(error.to_string()))?;
        return Ok((
            StatusCode::CREATED,
            Json(json!({ "verifiableCredential": credential })),
        )
            .into_response());
    }
    let achievement_id = choose_achievement(&state, &issuer, &credential).await?;
    let recipient_id = choose_recipient(&state, &credential).await?;
    let new = NewCredential {
        issuer_id: issuer.id.clone(),
        achievement_id,
        recipient_id,
        idempotency_key,
        issued_at: now,
        status_base_url: status_base_url(&state),
        import_row: None,
    };
    let keep_id = requested_id.is_some();
    let issued = sign_and_store(&state, &issuer, new, move |assignment| {
        let mut credential = credential;
        if !keep_id {
            credential.insert("id".into(), Value::String(assignment.credential_id.clone()));
        }
        if uses_vc_v2(&credential) {
            credential = with_status(credential, status_entries(assignment));
        }
        Ok(Value::Object(credential))
    })
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "verifiableCredential": issued.credential })),
    )
        .into_response())
}
