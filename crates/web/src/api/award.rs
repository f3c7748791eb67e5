//! `POST /api/credentials`: issue an Open Badge from a stored achievement to a stored
//! recipient (what the VC-API cannot express: the server composes the credential).

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde::Deserialize;
use serde_json::json;
use tsumiki_i18n::Lang;

use crate::auth::{ApiUser, ISSUING_ROLES};
use crate::issuing::{IssueRequest, RecipientChoice, issue};
use crate::{AppState, WebError};

/// The request body.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AwardBody {
    achievement_id: String,
    recipient_id: String,
    /// Name the recipient by this email of theirs (hashed); default: their DID, else their
    /// first email.
    #[serde(default)]
    recipient_email: Option<String>,
    /// Name the recipient by their DID (an error if they have none).
    #[serde(default)]
    use_did: bool,
    /// `ja` (default) or `en`: the language of the credential's strings.
    #[serde(default)]
    lang: Option<String>,
    /// Same key → the same credential; default: a fresh key (no retry protection).
    #[serde(default)]
    idempotency_key: Option<String>,
}

/// `POST /api/credentials`: 201 with the new credential, 200 with the earlier one when the
/// idempotency key was used before.
pub async fn award(
    State(state): State<AppState>,
    user: ApiUser,
    body: Result<Json<AwardBody>, JsonRejection>,
) -> Result<Response, WebError> {
    user.require(ISSUING_ROLES)?;
    let Json(body) = body.map_err(|error| WebError::BadRequest(error.body_text()))?;
    let lang = match body.lang.as_deref() {
        None => Lang::Ja,
        Some(tag) => Lang::from_tag(tag)
            .ok_or_else(|| WebError::BadRequest(format!("unsupported language {tag:?}")))?,
    };
    let recipient = match (body.recipient_email, body.use_did) {
        (Some(_), true) => {
            return Err(WebError::BadRequest(
                "choose either recipientEmail or useDid".into(),
            ));
        }
        (Some(email), false) => RecipientChoice::Email(email),
        (None, true) => RecipientChoice::Did,
        (None, false) => RecipientChoice::Auto,
    };
    let achievement = state.store.achievement(&body.achievement_id).await?;
    let idempotency_key = match body.idempotency_key {
        Some(key) if key.trim().is_empty() => {
            return Err(WebError::BadRequest("idempotencyKey is empty".into()));
        }
        Some(key) => format!("api:{key}"),
        None => format!("api:{}", uuid::Uuid::new_v4()),
    };
    let issued = issue(
        &state,
        IssueRequest {
            issuer_id: achievement.details.issuer_id.clone(),
            achievement_id: achievement.id,
            recipient_id: body.recipient_id,
            recipient,
            idempotency_key,
            issued_at: Utc::now(),
            lang,
            import_row: None,
        },
    )
    .await?;
    let uuid = issued
        .record
        .id
        .strip_prefix("urn:uuid:")
        .unwrap_or(&issued.record.id);
    let status = if issued.newly_issued {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(json!({
            "id": issued.record.id,
            "url": format!("{}/c/{uuid}", state.base_url),
            "newlyIssued": issued.newly_issued,
            "verifiableCredential": issued.credential,
        })),
    )
        .into_response())
}
