//! Recipients: one person with several identifiers (emails, employee number...), so a change
//! of email does not split their credentials across two people.

use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::{Any, Row as _, Transaction};

use crate::{Store, StoreError, time};

/// A person credentials are issued to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// UUID.
    pub id: String,
    /// Name shown to staff and printed in `credentialSubject.name` if the issuer wants it.
    pub display_name: String,
    /// The person's DID, when credentials should name them by DID.
    pub did: Option<String>,
    /// When the person was first recorded.
    pub created_at: DateTime<Utc>,
}

/// One way of recognising a recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipientIdentifier {
    /// UUID.
    pub id: String,
    /// Whose identifier it is.
    pub recipient_id: String,
    /// `email`, `employee_id`, `student_id`...
    pub kind: String,
    /// As the person or file gave it.
    pub value: String,
    /// What uniqueness is decided on: trimmed, and lower-cased for emails.
    pub normalized_value: String,
}

/// A recipient to create with their identifiers.
#[derive(Debug, Clone)]
pub struct NewRecipient {
    /// Display name.
    pub display_name: String,
    /// DID, if any.
    pub did: Option<String>,
    /// `(kind, value)` pairs.
    pub identifiers: Vec<(String, String)>,
}

/// Trims every identifier, and lower-cases emails: mailbox case is ignored by every real mail
/// system, and two spellings of one address must not become two people.
pub(crate) fn normalize_identifier(kind: &str, value: &str) -> String {
    let trimmed = value.trim();
    if kind == "email" {
        trimmed.to_lowercase()
    } else {
        trimmed.to_owned()
    }
}

fn recipient_from_row(row: &AnyRow) -> Result<Recipient, StoreError> {
    Ok(Recipient {
        id: row.try_get("id")?,
        display_name: row.try_get("display_name")?,
        did: row.try_get("did")?,
        created_at: time::from_text(
            &row.try_get::<String, _>("created_at")?,
            "recipients",
            "created_at",
        )?,
    })
}

fn identifier_from_row(row: &AnyRow) -> Result<RecipientIdentifier, StoreError> {
    Ok(RecipientIdentifier {
        id: row.try_get("id")?,
        recipient_id: row.try_get("recipient_id")?,
        kind: row.try_get("kind")?,
        value: row.try_get("value")?,
        normalized_value: row.try_get("normalized_value")?,
    })
}

async fn insert_identifier(
    tx: &mut Transaction<'static, Any>,
    recipient_id: &str,
    kind: &str,
    value: &str,
) -> Result<RecipientIdentifier, StoreError> {
    let identifier = RecipientIdentifier {
        id: time::new_id(),
        recipient_id: recipient_id.to_owned(),
        kind: kind.trim().to_owned(),
        value: value.to_owned(),
        normalized_value: normalize_identifier(kind.trim(), value),
    };
    sqlx::query(
        "INSERT INTO recipient_identifiers (id, recipient_id, kind, value, normalized_value, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&identifier.id)
    .bind(&identifier.recipient_id)
    .bind(&identifier.kind)
    .bind(&identifier.value)
    .bind(&identifier.normalized_value)
    .bind(time::to_text(time::now()))
    .execute(&mut **tx)
    .await
    .map_err(StoreError::on_write("recipient identifier"))?;
    Ok(identifier)
}

impl Store {
    /// Creates a recipient with all their identifiers in one transaction: if any identifier
    /// already belongs to someone, nothing is created.
    pub async fn create_recipient(
        &self,
        new: NewRecipient,
    ) -> Result<(Recipient, Vec<RecipientIdentifier>), StoreError> {
        let recipient = Recipient {
            id: time::new_id(),
            display_name: new.display_name,
            did: new.did,
            created_at: time::truncate(time::now()),
        };
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO recipients (id, display_name, did, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(&recipient.id)
        .bind(&recipient.display_name)
        .bind(&recipient.did)
        .bind(time::to_text(recipient.created_at))
        .execute(&mut *tx)
        .await
        .map_err(StoreError::on_write("recipient"))?;
        let mut identifiers = Vec::with_capacity(new.identifiers.len());
        for (kind, value) in &new.identifiers {
            identifiers.push(insert_identifier(&mut tx, &recipient.id, kind, value).await?);
        }
        tx.commit().await?;
        Ok((recipient, identifiers))
    }

    /// Adds an identifier (e.g. a new email) to an existing recipient.
    pub async fn add_recipient_identifier(
        &self,
        recipient_id: &str,
        kind: &str,
        value: &str,
    ) -> Result<RecipientIdentifier, StoreError> {
        let mut tx = self.begin_write().await?;
        let exists = sqlx::query("SELECT 1 FROM recipients WHERE id = $1")
            .bind(recipient_id)
            .fetch_optional(&mut *tx)
            .await?
            .is_some();
        if !exists {
            return Err(StoreError::not_found("recipient", recipient_id));
        }
        let identifier = insert_identifier(&mut tx, recipient_id, kind, value).await?;
        tx.commit().await?;
        Ok(identifier)
    }

    /// Looks up a recipient by id.
    pub async fn recipient(&self, id: &str) -> Result<Recipient, StoreError> {
        let row =
            sqlx::query("SELECT id, display_name, did, created_at FROM recipients WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?
                .ok_or_else(|| StoreError::not_found("recipient", id))?;
        recipient_from_row(&row)
    }

    /// Finds the recipient who owns an identifier, matching as uniqueness does (emails
    /// case-insensitively).
    pub async fn recipient_by_identifier(
        &self,
        kind: &str,
        value: &str,
    ) -> Result<Option<Recipient>, StoreError> {
        let kind = kind.trim();
        sqlx::query(
            "SELECT r.id, r.display_name, r.did, r.created_at FROM recipients r \
             JOIN recipient_identifiers i ON i.recipient_id = r.id \
             WHERE i.kind = $1 AND i.normalized_value = $2",
        )
        .bind(kind)
        .bind(normalize_identifier(kind, value))
        .fetch_optional(&self.pool)
        .await?
        .as_ref()
        .map(recipient_from_row)
        .transpose()
    }

    /// Recipients by display name, a page at a time.
    pub async fn recipients(&self, limit: i64, offset: i64) -> Result<Vec<Recipient>, StoreError> {
        sqlx::query(
            "SELECT id, display_name, did, created_at FROM recipients \
             ORDER BY display_name, id LIMIT $1 OFFSET $2",
        )
        .bind(limit.max(0))
        .bind(offset.max(0))
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(recipient_from_row)
        .collect()
    }

    /// A recipient's identifiers, by kind then value.
    pub async fn recipient_identifiers(
        &self,
        recipient_id: &str,
    ) -> Result<Vec<RecipientIdentifier>, StoreError> {
        sqlx::query(
            "SELECT id, recipient_id, kind, value, normalized_value FROM recipient_identifiers \
             WHERE recipient_id = $1 ORDER BY kind, normalized_value",
        )
        .bind(recipient_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(identifier_from_row)
        .collect()
    }
}
