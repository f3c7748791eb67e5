//! Bitstring status lists: allocating each credential a position that is never handed out
//! twice, and keeping the published bits.

use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::{Any, Row as _, Transaction};

use crate::credentials::StatusSlot;
use crate::{Store, StoreError, time};

/// How many times allocation retries when concurrent writers keep filling or creating lists.
/// Each retry means another writer made progress, so this is only reached with tiny lists
/// under heavy PostgreSQL contention.
const MAX_ALLOCATION_ATTEMPTS: u32 = 1000;

/// What a list's bit means when set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusPurpose {
    /// Set for good: the credential is revoked.
    Revocation,
    /// Set while the credential is suspended; cleared on unsuspend.
    Suspension,
}

impl StatusPurpose {
    /// The spelling used in the database and in `statusPurpose`.
    pub fn as_str(self) -> &'static str {
        match self {
            StatusPurpose::Revocation => "revocation",
            StatusPurpose::Suspension => "suspension",
        }
    }

    fn parse(text: &str) -> Result<StatusPurpose, StoreError> {
        match text {
            "revocation" => Ok(StatusPurpose::Revocation),
            "suspension" => Ok(StatusPurpose::Suspension),
            other => Err(StoreError::corrupt(
                "status_lists",
                "purpose",
                format!("unknown purpose {other:?}"),
            )),
        }
    }
}

/// A stored status list: what the publisher needs to build and cache the status list
/// credential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusList {
    /// UUID.
    pub id: String,
    /// The issuer that signs the list.
    pub issuer_id: String,
    /// What a set bit means.
    pub purpose: StatusPurpose,
    /// 0 for the issuer's first list of this purpose, then 1, 2...
    pub sequence: i64,
    /// Where the list credential is published; credentials carry it as `statusListCredential`.
    pub url: String,
    /// Number of entries.
    pub size_bits: i64,
    /// The next index to hand out; indexes below it are taken (or burned).
    pub next_index: i64,
    /// The uncompressed bitstring, index 0 in the most significant bit of the first byte.
    pub bitstring: Vec<u8>,
    /// Grows by one on every bit change; the ETag of the published list.
    pub version: i64,
    /// The signed status list credential last published, if any.
    pub signed_credential: Option<String>,
    /// The `version` that `signed_credential` was made from; stale when below `version`.
    pub signed_version: Option<i64>,
    /// When the list was created.
    pub created_at: DateTime<Utc>,
    /// When a bit last changed; the Last-Modified of the published list.
    pub updated_at: DateTime<Utc>,
}

impl StatusList {
    /// Whether the bit at `index` is set; `None` if the index is outside the list.
    pub fn bit(&self, index: i64) -> Option<bool> {
        let (byte, mask) = bit_position(index)?;
        self.bitstring.get(byte).map(|value| value & mask != 0)
    }
}

const COLUMNS: &str = "id, issuer_id, purpose, sequence, url, size_bits, next_index, bitstring, \
    version, signed_credential, signed_version, created_at, updated_at";

fn from_row(row: &AnyRow) -> Result<StatusList, StoreError> {
    Ok(StatusList {
        id: row.try_get("id")?,
        issuer_id: row.try_get("issuer_id")?,
        purpose: StatusPurpose::parse(&row.try_get::<String, _>("purpose")?)?,
        sequence: row.try_get("sequence")?,
        url: row.try_get("url")?,
        size_bits: row.try_get("size_bits")?,
        next_index: row.try_get("next_index")?,
        bitstring: row.try_get("bitstring")?,
        version: row.try_get("version")?,
        signed_credential: row.try_get("signed_credential")?,
        signed_version: row.try_get("signed_version")?,
        created_at: time::from_text(
            &row.try_get::<String, _>("created_at")?,
            "status_lists",
            "created_at",
        )?,
        updated_at: time::from_text(
            &row.try_get::<String, _>("updated_at")?,
            "status_lists",
            "updated_at",
        )?,
    })
}

/// Byte offset and mask of `index`: BitstringStatusList puts index 0 in the most significant
/// bit of the first byte.
fn bit_position(index: i64) -> Option<(usize, u8)> {
    let index = u64::try_from(index).ok()?;
    let byte = usize::try_from(index / 8).ok()?;
    Some((byte, 0x80u8 >> (index % 8)))
}

/// Sets or clears one bit; errors (rather than panicking) if the stored bitstring is shorter
/// than the index, which only a hand-edited database could cause.
pub(crate) fn write_bit(bitstring: &mut [u8], index: i64, value: bool) -> Result<(), StoreError> {
    let out_of_range = || {
        StoreError::corrupt(
            "status_lists",
            "bitstring",
            format!("index {index} is outside a {}-byte list", bitstring.len()),
        )
    };
    let (byte, mask) = bit_position(index).ok_or_else(out_of_range)?;
    let len = bitstring.len();
    let slot = bitstring
        .get_mut(byte)
        .ok_or_else(|| StoreError::CorruptRow {
            table: "status_lists",
            column: "bitstring",
            reason: format!("index {index} is outside a {len}-byte list"),
        })?;
    if value {
        *slot |= mask;
    } else {
        *slot &= !mask;
    }
    Ok(())
}

impl Store {
    /// Takes the next free index of the issuer's newest list of `purpose` inside `tx`,
    /// creating a new list when the newest is full (or there is none).
    ///
    /// The increment is a single `UPDATE … SET next_index = next_index + 1 … RETURNING`, so
    /// two writers can never read the same value: PostgreSQL serializes them on the row lock
    /// (and re-checks `next_index < size_bits` after waiting), SQLite on its write lock.
    /// Creating a list uses `ON CONFLICT DO NOTHING` on (issuer, purpose, sequence) so two
    /// writers that both saw a full list create only one successor; the loser simply retries.
    pub(crate) async fn allocate_status_index(
        &self,
        tx: &mut Transaction<'static, Any>,
        issuer_id: &str,
        purpose: StatusPurpose,
        base_url: &str,
        now: DateTime<Utc>,
    ) -> Result<StatusSlot, StoreError> {
        for _ in 0..MAX_ALLOCATION_ATTEMPTS {
            let newest = sqlx::query(
                "SELECT id, sequence FROM status_lists WHERE issuer_id = $1 AND purpose = $2 \
                 ORDER BY sequence DESC LIMIT 1",
            )
            .bind(issuer_id)
            .bind(purpose.as_str())
            .fetch_optional(&mut **tx)
            .await?;
            let next_sequence = match newest {
                Some(row) => {
                    let list_id: String = row.try_get("id")?;
                    let sequence: i64 = row.try_get("sequence")?;
                    let taken = sqlx::query(
                        "UPDATE status_lists SET next_index = next_index + 1 \
                         WHERE id = $1 AND next_index < size_bits \
                         RETURNING next_index - 1 AS taken, url",
                    )
                    .bind(&list_id)
                    .fetch_optional(&mut **tx)
                    .await?;
                    if let Some(row) = taken {
                        return Ok(StatusSlot {
                            list_id,
                            list_url: row.try_get("url")?,
                            index: row.try_get("taken")?,
                            purpose,
                        });
                    }
                    sequence + 1
                }
                None => 0,
            };
            self.create_status_list(tx, issuer_id, purpose, next_sequence, base_url, now)
                .await?;
        }
        Err(StoreError::AllocationContention {
            issuer_id: issuer_id.to_owned(),
            purpose: purpose.as_str(),
            attempts: MAX_ALLOCATION_ATTEMPTS,
        })
    }

    async fn create_status_list(
        &self,
        tx: &mut Transaction<'static, Any>,
        issuer_id: &str,
        purpose: StatusPurpose,
        sequence: i64,
        base_url: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let id = time::new_id();
        let url = format!("{}/{id}", base_url.trim_end_matches('/'));
        // Whole bytes: the published bitstring is a byte array.
        let size_bytes = self.status_list_bits.div_ceil(8);
        let size_bits = i64::from(size_bytes) * 8;
        let bytes = vec![0u8; usize::try_from(size_bytes).unwrap_or(usize::MAX)];
        sqlx::query(
            "INSERT INTO status_lists (id, issuer_id, purpose, sequence, url, size_bits, \
             next_index, bitstring, version, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 0, $7, 1, $8, $8) \
             ON CONFLICT (issuer_id, purpose, sequence) DO NOTHING",
        )
        .bind(&id)
        .bind(issuer_id)
        .bind(purpose.as_str())
        .bind(sequence)
        .bind(&url)
        .bind(size_bits)
        .bind(bytes)
        .bind(time::to_text(now))
        .execute(&mut **tx)
        .await
        .map_err(StoreError::on_write("status list"))?;
        Ok(())
    }

    /// Looks up a status list by id (for publishing it).
    pub async fn status_list(&self, id: &str) -> Result<StatusList, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM status_lists WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::not_found("status list", id))?;
        from_row(&row)
    }

    /// An issuer's status lists, by purpose then sequence.
    pub async fn status_lists(&self, issuer_id: &str) -> Result<Vec<StatusList>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM status_lists WHERE issuer_id = $1 ORDER BY purpose, sequence"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(issuer_id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(from_row)
            .collect()
    }

    /// Caches the signed status list credential made from `version`. Returns `false` (and
    /// stores nothing) when the list changed since, or a newer signature is already cached, so
    /// a slow publisher never overwrites a fresher credential with a stale one.
    pub async fn save_signed_status_list(
        &self,
        id: &str,
        version: i64,
        signed_credential: &str,
    ) -> Result<bool, StoreError> {
        let updated = sqlx::query(
            "UPDATE status_lists SET signed_credential = $1, signed_version = $2 \
             WHERE id = $3 AND version = $2 \
             AND (signed_version IS NULL OR signed_version < $2)",
        )
        .bind(signed_credential)
        .bind(version)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(updated.rows_affected() == 1)
    }
}
