//! Credential claims: whether a learner has taken their credential (downloaded it or opened a
//! claim link). Sponsors read "issued vs claimed" as a sign that credentials are used, not
//! merely issued. Only the first claim is recorded, so a claim is a fact that never changes.

use chrono::{DateTime, Utc};
use sqlx::Row as _;

use crate::{Store, StoreError, time};

/// The first time a credential was fetched by its holder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialClaim {
    /// `urn:uuid:…`.
    pub credential_id: String,
    /// When it was first fetched.
    pub first_claimed_at: DateTime<Utc>,
    /// How: `json`, `jwt`, `png`, `svg`, `link`…
    pub channel: String,
}

/// Credentials issued to a group of people and how many of them were claimed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ClaimCounts {
    /// Credentials issued and not revoked.
    pub issued: u64,
    /// Of those, how many were claimed at least once.
    pub claimed: u64,
}

impl Store {
    /// Records that `credential_id` was fetched through `channel` at `at`. Returns `true` when
    /// this was the first claim; later claims change nothing (first claim wins, also when two
    /// downloads race: the primary key decides).
    pub async fn record_claim(
        &self,
        credential_id: &str,
        channel: &str,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let result = sqlx::query(
            "INSERT INTO credential_claims (credential_id, first_claimed_at, channel) \
             VALUES ($1, $2, $3) ON CONFLICT (credential_id) DO NOTHING",
        )
        .bind(credential_id)
        .bind(time::to_text(at))
        .bind(channel)
        .execute(&self.pool)
        .await
        .map_err(StoreError::on_write("credential claim"))?;
        Ok(result.rows_affected() == 1)
    }

    /// The claim of one credential, if it was claimed.
    pub async fn credential_claim(
        &self,
        credential_id: &str,
    ) -> Result<Option<CredentialClaim>, StoreError> {
        let row = sqlx::query(
            "SELECT credential_id, first_claimed_at, channel FROM credential_claims \
             WHERE credential_id = $1",
        )
        .bind(credential_id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(CredentialClaim {
                credential_id: row.try_get("credential_id")?,
                first_claimed_at: time::from_text(
                    &row.try_get::<String, _>("first_claimed_at")?,
                    "credential_claims",
                    "first_claimed_at",
                )?,
                channel: row.try_get("channel")?,
            })
        })
        .transpose()
    }

    /// How many credentials of `achievement_ids` the people `recipient_ids` hold, and how many
    /// of those they claimed. Revoked credentials are left out: they are no longer held.
    pub async fn claim_counts(
        &self,
        recipient_ids: &[String],
        achievement_ids: &[String],
    ) -> Result<ClaimCounts, StoreError> {
        if recipient_ids.is_empty() || achievement_ids.is_empty() {
            return Ok(ClaimCounts::default());
        }
        let placeholders = |from: usize, count: usize| {
            (from..from + count)
                .map(|n| format!("${n}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let sql = format!(
            "SELECT COUNT(*) AS issued, COUNT(cc.credential_id) AS claimed \
             FROM credentials c LEFT JOIN credential_claims cc ON cc.credential_id = c.id \
             WHERE c.state <> 'revoked' AND c.recipient_id IN ({}) AND c.achievement_id IN ({})",
            placeholders(1, recipient_ids.len()),
            placeholders(1 + recipient_ids.len(), achievement_ids.len()),
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for id in recipient_ids.iter().chain(achievement_ids) {
            query = query.bind(id);
        }
        let row = query.fetch_one(&self.pool).await?;
        let count = |column: &'static str| -> Result<u64, StoreError> {
            let value: i64 = row.try_get(column)?;
            u64::try_from(value).map_err(|_| {
                StoreError::corrupt("credentials", column, format!("negative count {value}"))
            })
        };
        Ok(ClaimCounts {
            issued: count("issued")?,
            claimed: count("claimed")?,
        })
    }
}
