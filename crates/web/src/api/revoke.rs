//! Changing a credential's status: the VC-API `POST /credentials/status` and tsumiki's own
//! `POST /api/credentials/{id}/revoke|suspend|unsuspend` (which carry a reason).
//!
//! Revocation is final: setting a revocation status to `false` is refused rather than
//! silently ignored, and the store refuses every change after revocation (409).

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use serde::Deserialize;
use serde_json::{Value, json};
use tsumiki_store::{CredentialRecord, StatusAction};

use crate::api::issue::idempotency_key_for;
use crate::auth::{ApiUser, ISSUING_ROLES};
use crate::{AppState, WebError};

/// Longest reason kept; reasons are shown on the public page.
pub const MAX_REASON_CHARS: usize = 1000;

/// A credential by its id (`urn:uuid:…`, or the bare UUID), or by the id a VC-API client chose
/// when issuing it.
pub async fn find_credential(state: &AppState, id: &str) -> Result<CredentialRecord, WebError> {
    let id = id.trim();
    let canonical = if id.starts_with("urn:uuid:") {
        id.to_owned()
    } else if uuid::Uuid::parse_str(id).is_ok() {
        format!("urn:uuid:{id}")
    } else {
        id.to_owned()
    };
    match state.store.credential(&canonical).await {
        Ok(record) => Ok(record),
        Err(tsumiki_store::StoreError::NotFound { .. }) => {
            // The client may have chosen `urn:uuid:X` and now sends X, or the other way round.
            for candidate in [id, canonical.as_str()] {
                if let Some(record) = state
                    .store
                    .credential_by_idempotency_key(&idempotency_key_for(candidate))
                    .await?
                {
                    return Ok(record);
                }
            }
            Err(WebError::NotFound)
        }
        Err(error) => Err(error.into()),
    }
}

/// Applies `action` on behalf of `user` and answers with the new state.
async fn apply(
    state: &AppState,
    user: &ApiUser,
    id: &str,
    action: StatusAction,
    reason: &str,
) -> Result<Json<Value>, WebError> {
    user.require(ISSUING_ROLES)?;
    let changed =
        crate::status_actions::change_status(state, &user.user.id, id, action, reason).await?;
    Ok(Json(json!({
        "id": changed.id,
        "state": changed.state.as_str(),
        "reason": changed.state_reason,
        "updatedAt": crate::issuing::document::timestamp(changed.updated_at),
    })))
}

/// `{reason}`.
#[derive(Debug, Deserialize)]
pub struct ReasonBody {
    reason: String,
}

fn reason_of(body: Result<Json<ReasonBody>, JsonRejection>) -> Result<String, WebError> {
    body.map(|Json(body)| body.reason)
        .map_err(|error| WebError::BadRequest(error.body_text()))
}

/// `POST /api/credentials/{id}/revoke`.
pub async fn revoke(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<String>,
    body: Result<Json<ReasonBody>, JsonRejection>,
) -> Result<Json<Value>, WebError> {
    apply(&state, &user, &id, StatusAction::Revoke, &reason_of(body)?).await
}

/// `POST /api/credentials/{id}/suspend`.
pub async fn suspend(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<String>,
    body: Result<Json<ReasonBody>, JsonRejection>,
) -> Result<Json<Value>, WebError> {
    apply(&state, &user, &id, StatusAction::Suspend, &reason_of(body)?).await
}

/// `POST /api/credentials/{id}/unsuspend`.
pub async fn unsuspend(
    State(state): State<AppState>,
    user: ApiUser,
    Path(id): Path<String>,
    body: Result<Json<ReasonBody>, JsonRejection>,
) -> Result<Json<Value>, WebError> {
    apply(
        &state,
        &user,
        &id,
        StatusAction::Unsuspend,
        &reason_of(body)?,
    )
    .await
}

/// VC-API `UpdateCredentialStatus`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusBody {
    credential_id: String,
    credential_status: Value,
    status: bool,
    /// tsumiki extension: why (defaults to a note that the VC-API was used).
    #[serde(default)]
    reason: Option<String>,
}

/// The `statusPurpose`s named in `credentialStatus` (object or array).
fn purposes(status: &Value) -> Result<Vec<String>, WebError> {
    let items: Vec<&Value> = match status {
        Value::Array(items) => items.iter().collect(),
        single => vec![single],
    };
    let purposes: Vec<String> = items
        .iter()
        .filter_map(|item| item.get("statusPurpose").and_then(Value::as_str))
        .map(str::to_owned)
        .collect();
    if purposes.is_empty() {
        return Err(WebError::BadRequest(
            "`credentialStatus` must name a `statusPurpose`".into(),
        ));
    }
    Ok(purposes)
}

/// `POST /credentials/status`.
pub async fn update_status(
    State(state): State<AppState>,
    user: ApiUser,
    body: Result<Json<StatusBody>, JsonRejection>,
) -> Result<Json<Value>, WebError> {
    user.require(ISSUING_ROLES)?;
    let Json(body) = body.map_err(|error| WebError::BadRequest(error.body_text()))?;
    let reason = body
        .reason
        .unwrap_or_else(|| "status changed through the VC-API".to_owned());
    let mut last = None;
    for purpose in purposes(&body.credential_status)? {
        let action = match (purpose.as_str(), body.status) {
            ("revocation", true) => StatusAction::Revoke,
            ("revocation", false) => {
                return Err(WebError::BadRequest(
                    "revocation is final: a revoked status cannot be cleared".into(),
                ));
            }
            ("suspension", true) => StatusAction::Suspend,
            ("suspension", false) => StatusAction::Unsuspend,
            (other, _) => {
                return Err(WebError::BadRequest(format!(
                    "status purpose {other:?} is not supported (revocation, suspension)"
                )));
            }
        };
        last = Some(apply(&state, &user, &body.credential_id, action, &reason).await?);
    }
    last.ok_or_else(|| WebError::BadRequest("nothing to change".into()))
}
