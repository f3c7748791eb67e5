//! The mail outbox: pages enqueue mail in the same transaction as the change it announces
//! (an invitation exists if and only if its mail is queued), and a dispatcher in the web
//! layer sends pending rows with retries. Tests read the outbox instead of a mail server.

use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::{Any, Row as _, Transaction};

use crate::{Store, StoreError, time};

/// After this many failed attempts a message stays unsent, with its last error, for staff.
pub const MAX_MAIL_ATTEMPTS: u32 = 5;

/// A message to queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOutboxMessage {
    /// Address.
    pub recipient: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// What the body becomes once sent, when it carries a secret (a rater link): sent rows
    /// must not keep working tokens.
    pub body_after_send: Option<String>,
    /// What the mail is for, e.g. `feedback_invitation`, `feedback_reminder`.
    pub kind: String,
}

/// A queued or sent message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMessage {
    /// UUID.
    pub id: String,
    /// Address.
    pub recipient: String,
    /// Subject line.
    pub subject: String,
    /// Body (redacted once sent when it carried a secret).
    pub body: String,
    /// Purpose.
    pub kind: String,
    /// When queued.
    pub created_at: DateTime<Utc>,
    /// Failed attempts so far.
    pub attempts: u32,
    /// Earliest next attempt.
    pub next_attempt_at: DateTime<Utc>,
    /// When sent.
    pub sent_at: Option<DateTime<Utc>>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
}

const COLUMNS: &str = "id, recipient, subject, body, kind, created_at, attempts, \
                       next_attempt_at, sent_at, last_error";

fn optional_time(row: &AnyRow, column: &'static str) -> Result<Option<DateTime<Utc>>, StoreError> {
    row.try_get::<Option<String>, _>(column)?
        .map(|text| time::from_text(&text, "outbox", column))
        .transpose()
}

fn message_from_row(row: &AnyRow) -> Result<OutboxMessage, StoreError> {
    let attempts: i64 = row.try_get("attempts")?;
    Ok(OutboxMessage {
        id: row.try_get("id")?,
        recipient: row.try_get("recipient")?,
        subject: row.try_get("subject")?,
        body: row.try_get("body")?,
        kind: row.try_get("kind")?,
        created_at: time::from_text(
            &row.try_get::<String, _>("created_at")?,
            "outbox",
            "created_at",
        )?,
        attempts: u32::try_from(attempts)
            .map_err(|_| StoreError::corrupt("outbox", "attempts", attempts.to_string()))?,
        next_attempt_at: time::from_text(
            &row.try_get::<String, _>("next_attempt_at")?,
            "outbox",
            "next_attempt_at",
        )?,
        sent_at: optional_time(row, "sent_at")?,
        last_error: row.try_get("last_error")?,
    })
}

/// Queues a message inside a caller's transaction.
pub(crate) async fn enqueue_in(
    tx: &mut Transaction<'static, Any>,
    message: &NewOutboxMessage,
    at: DateTime<Utc>,
) -> Result<String, StoreError> {
    let id = time::new_id();
    let at = time::to_text(at);
    sqlx::query(
        "INSERT INTO outbox (id, recipient, subject, body, body_after_send, kind, created_at, \
         attempts, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8)",
    )
    .bind(&id)
    .bind(&message.recipient)
    .bind(&message.subject)
    .bind(&message.body)
    .bind(&message.body_after_send)
    .bind(&message.kind)
    .bind(&at)
    .bind(&at)
    .execute(&mut **tx)
    .await
    .map_err(StoreError::on_write("outbox message"))?;
    Ok(id)
}

impl Store {
    /// Queues one message on its own.
    pub async fn enqueue_mail(
        &self,
        message: &NewOutboxMessage,
        at: DateTime<Utc>,
    ) -> Result<String, StoreError> {
        let mut tx = self.begin_write().await?;
        let id = enqueue_in(&mut tx, message, at).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Unsent messages due at `now` that have attempts left, oldest first.
    pub async fn pending_mail(
        &self,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<OutboxMessage>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM outbox WHERE sent_at IS NULL AND attempts < $1 \
             AND next_attempt_at <= $2 ORDER BY created_at, id LIMIT $3"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(i64::from(MAX_MAIL_ATTEMPTS))
            .bind(time::to_text(now))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(message_from_row)
            .collect()
    }

    /// Every message, newest first (staff and tests).
    pub async fn outbox(&self, limit: i64) -> Result<Vec<OutboxMessage>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM outbox ORDER BY created_at DESC, id LIMIT $1");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(message_from_row)
            .collect()
    }

    /// Records a successful send and drops any secret from the stored body.
    pub async fn mark_mail_sent(&self, id: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE outbox SET sent_at = $1, body = COALESCE(body_after_send, body), \
             body_after_send = NULL, last_error = NULL WHERE id = $2 AND sent_at IS NULL",
        )
        .bind(time::to_text(at))
        .bind(id)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::not_found("unsent outbox message", id));
        }
        Ok(())
    }

    /// Records a failed attempt; the next one waits until `retry_at`.
    pub async fn mark_mail_failed(
        &self,
        id: &str,
        error: &str,
        retry_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2 \
             WHERE id = $3 AND sent_at IS NULL",
        )
        .bind(error)
        .bind(time::to_text(retry_at))
        .bind(id)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::not_found("unsent outbox message", id));
        }
        Ok(())
    }
}
