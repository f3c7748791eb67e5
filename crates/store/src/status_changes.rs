//! Revoking, suspending and unsuspending: the credential's state, its status-list bit, the
//! list's version and the audit event change together or not at all.

use chrono::{DateTime, Utc};
use sqlx::Row as _;

use crate::credentials::{CredentialRecord, CredentialState};
use crate::status_lists::write_bit;
use crate::{Store, StoreError, time};

/// A status change a user can request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusAction {
    /// Sets the revocation bit; final.
    Revoke,
    /// Sets the suspension bit.
    Suspend,
    /// Clears the suspension bit.
    Unsuspend,
}

impl StatusAction {
    /// The spelling stored in `status_events.action`.
    pub fn as_str(self) -> &'static str {
        match self {
            StatusAction::Revoke => "revoke",
            StatusAction::Suspend => "suspend",
            StatusAction::Unsuspend => "unsuspend",
        }
    }

    fn parse(text: &str) -> Result<StatusAction, StoreError> {
        match text {
            "revoke" => Ok(StatusAction::Revoke),
            "suspend" => Ok(StatusAction::Suspend),
            "unsuspend" => Ok(StatusAction::Unsuspend),
            other => Err(StoreError::corrupt(
                "status_events",
                "action",
                format!("unknown action {other:?}"),
            )),
        }
    }

    /// The state after the action, or `None` if the action is not allowed from `from`.
    /// Revocation is final; a suspended credential can still be revoked.
    fn transition(self, from: CredentialState) -> Option<CredentialState> {
        match (self, from) {
            (StatusAction::Revoke, CredentialState::Active | CredentialState::Suspended) => {
                Some(CredentialState::Revoked)
            }
            (StatusAction::Suspend, CredentialState::Active) => Some(CredentialState::Suspended),
            (StatusAction::Unsuspend, CredentialState::Suspended) => Some(CredentialState::Active),
            _ => None,
        }
    }
}

/// One entry of a credential's status history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusEvent {
    /// UUID.
    pub id: String,
    /// The credential changed.
    pub credential_id: String,
    /// What was done.
    pub action: StatusAction,
    /// Why, as the user wrote it.
    pub reason: String,
    /// Who did it; `None` for the system.
    pub actor_user_id: Option<String>,
    /// When.
    pub at: DateTime<Utc>,
}

impl Store {
    /// Applies `action` to a credential: its state and reason, its bit in the revocation or
    /// suspension list, that list's version (so caches see the change) and a status event,
    /// all in one transaction.
    ///
    /// The credential's state is changed with a compare-and-set (`WHERE state = <old>`), so
    /// two concurrent requests cannot both pass the transition check.
    pub async fn change_credential_status(
        &self,
        credential_id: &str,
        action: StatusAction,
        reason: &str,
        actor_user_id: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<CredentialRecord, StoreError> {
        let at = time::truncate(at);
        let mut tx = self.begin_write().await?;
        let sql = format!(
            "SELECT {} FROM credentials WHERE id = $1",
            crate::credentials::COLUMNS
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(credential_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| StoreError::not_found("credential", credential_id))?;
        let record = crate::credentials::from_row(&row)?;
        let invalid = |state: CredentialState| StoreError::InvalidTransition {
            credential_id: credential_id.to_owned(),
            action: action.as_str(),
            state: state.as_str(),
        };
        let next = action
            .transition(record.state)
            .ok_or_else(|| invalid(record.state))?;

        let updated = sqlx::query(
            "UPDATE credentials SET state = $1, state_reason = $2, updated_at = $3 \
             WHERE id = $4 AND state = $5",
        )
        .bind(next.as_str())
        .bind(reason)
        .bind(time::to_text(at))
        .bind(credential_id)
        .bind(record.state.as_str())
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() != 1 {
            // Another request changed the state between our read and write.
            return Err(invalid(record.state));
        }

        let (list_id, index, bit) = match action {
            StatusAction::Revoke => (&record.revocation_list_id, record.revocation_index, true),
            StatusAction::Suspend => (&record.suspension_list_id, record.suspension_index, true),
            StatusAction::Unsuspend => (&record.suspension_list_id, record.suspension_index, false),
        };
        // Bumping the version first takes the row lock on PostgreSQL, so the read-modify-write
        // of the bitstring below cannot interleave with another change to the same list.
        let list = sqlx::query(
            "UPDATE status_lists SET version = version + 1, updated_at = $1 WHERE id = $2 \
             RETURNING bitstring",
        )
        .bind(time::to_text(at))
        .bind(list_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| StoreError::not_found("status list", list_id.clone()))?;
        let mut bitstring: Vec<u8> = list.try_get("bitstring")?;
        write_bit(&mut bitstring, index, bit)?;
        sqlx::query("UPDATE status_lists SET bitstring = $1 WHERE id = $2")
            .bind(bitstring)
            .bind(list_id)
            .execute(&mut *tx)
            .await?;

        sqlx::query(
            "INSERT INTO status_events (id, credential_id, sequence, action, reason, \
             actor_user_id, at) \
             VALUES ($1, $2, (SELECT COALESCE(MAX(sequence), 0) + 1 FROM status_events \
             WHERE credential_id = $2), $3, $4, $5, $6)",
        )
        .bind(time::new_id())
        .bind(credential_id)
        .bind(action.as_str())
        .bind(reason)
        .bind(actor_user_id)
        .bind(time::to_text(at))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;

        Ok(CredentialRecord {
            state: next,
            state_reason: Some(reason.to_owned()),
            updated_at: at,
            ..record
        })
    }

    /// A credential's status history, oldest first.
    pub async fn status_events(&self, credential_id: &str) -> Result<Vec<StatusEvent>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, credential_id, action, reason, actor_user_id, at FROM status_events \
             WHERE credential_id = $1 ORDER BY sequence",
        )
        .bind(credential_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(StatusEvent {
                    id: row.try_get("id")?,
                    credential_id: row.try_get("credential_id")?,
                    action: StatusAction::parse(&row.try_get::<String, _>("action")?)?,
                    reason: row.try_get("reason")?,
                    actor_user_id: row.try_get("actor_user_id")?,
                    at: time::from_text(&row.try_get::<String, _>("at")?, "status_events", "at")?,
                })
            })
            .collect()
    }
}
