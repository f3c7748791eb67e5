//! Revoking, suspending and unsuspending a credential: one service for the API
//! (`/api/credentials/{id}/…`, VC-API `/credentials/status`) and the back-office pages, so a
//! reason is required and bounded the same way whichever door the request came through.
//!
//! Callers check the role first; this module checks the reason, finds the credential and asks
//! the store, which changes state, status-list bit and audit event in one transaction.

use chrono::Utc;
use tsumiki_store::{CredentialRecord, StatusAction};

use crate::api::revoke::{MAX_REASON_CHARS, find_credential};
use crate::{AppState, WebError};

/// Why a reason was refused; the pages show it next to the field, the API as 400.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ReasonError {
    /// Blank after trimming: every status change must say why (it is shown on the public page
    /// and kept in the audit history).
    #[error("a reason is required")]
    Missing,
    /// Longer than [`MAX_REASON_CHARS`].
    #[error("the reason is longer than {MAX_REASON_CHARS} characters")]
    TooLong,
}

impl From<ReasonError> for WebError {
    fn from(error: ReasonError) -> Self {
        WebError::BadRequest(error.to_string())
    }
}

/// The reason as it will be stored (trimmed), or why it is refused.
pub fn checked_reason(reason: &str) -> Result<&str, ReasonError> {
    let reason = reason.trim();
    if reason.is_empty() {
        Err(ReasonError::Missing)
    } else if reason.chars().count() > MAX_REASON_CHARS {
        Err(ReasonError::TooLong)
    } else {
        Ok(reason)
    }
}

/// Applies `action` to the credential `id` (`urn:uuid:…`, the bare UUID, or a VC-API client's
/// own id) on behalf of `actor_user_id`, and returns the changed record.
///
/// Errors: [`WebError::BadRequest`] for a missing or too long reason, [`WebError::NotFound`],
/// and [`WebError::Conflict`] when the state does not allow the action (revocation is final).
pub async fn change_status(
    state: &AppState,
    actor_user_id: &str,
    id: &str,
    action: StatusAction,
    reason: &str,
) -> Result<CredentialRecord, WebError> {
    let reason = checked_reason(reason)?;
    let record = find_credential(state, id).await?;
    Ok(state
        .store
        .change_credential_status(&record.id, action, reason, Some(actor_user_id), Utc::now())
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_trimmed_and_bounded() {
        assert_eq!(checked_reason("  不正受験 \n"), Ok("不正受験"));
        assert_eq!(checked_reason(" \t\n"), Err(ReasonError::Missing));
        assert_eq!(checked_reason(""), Err(ReasonError::Missing));
        let longest = "あ".repeat(MAX_REASON_CHARS);
        assert_eq!(checked_reason(&longest), Ok(longest.as_str()));
        let too_long = "あ".repeat(MAX_REASON_CHARS + 1);
        assert_eq!(checked_reason(&too_long), Err(ReasonError::TooLong));
    }
}
