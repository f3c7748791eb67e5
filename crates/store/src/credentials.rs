//! Issuing: allocate status positions, let the caller sign, store the result; once per
//! idempotency key.

use chrono::{DateTime, Utc};
use sqlx::Row as _;
use sqlx::any::AnyRow;

use crate::status_lists::StatusPurpose;
use crate::{Store, StoreError, time};

/// One allocated position in a status list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusSlot {
    /// What the list's bits mean.
    pub purpose: StatusPurpose,
    /// The list's id.
    pub list_id: String,
    /// `statusListCredential` for the credential's BitstringStatusListEntry.
    pub list_url: String,
    /// `statusListIndex`.
    pub index: i64,
}

/// What the signer needs from the store to finish the credential before signing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusAssignment {
    /// The credential's id, `urn:uuid:…`, chosen by the store.
    pub credential_id: String,
    /// The revocation entry.
    pub revocation: StatusSlot,
    /// The suspension entry.
    pub suspension: StatusSlot,
}

/// The signer's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedCredential {
    /// The credential with its Data Integrity proof, as JSON text.
    pub json: String,
    /// The same credential as a VC-JWT, when one was made.
    pub jwt: Option<String>,
}

/// A request to issue one credential.
#[derive(Debug, Clone)]
pub struct NewCredential {
    /// The issuer signing it.
    pub issuer_id: String,
    /// What is awarded; must belong to the issuer.
    pub achievement_id: String,
    /// To whom.
    pub recipient_id: String,
    /// Identifies the request: a second request with the same key returns the first
    /// credential instead of issuing another (e.g. the same CSV row imported twice, or an API
    /// client retrying).
    pub idempotency_key: String,
    /// The credential's `validFrom` / `awardedDate`.
    pub issued_at: DateTime<Utc>,
    /// Where status lists are published, e.g. `https://badges.example.ac.jp/status`; a new
    /// list's URL is this plus `/<list id>`.
    pub status_base_url: String,
    /// The import row (job id, row number) this credential answers, marked in the same
    /// transaction that stores the credential.
    pub import_row: Option<(String, i64)>,
}

/// A credential's lifecycle state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialState {
    /// Valid.
    Active,
    /// Revoked for good.
    Revoked,
    /// Temporarily invalid.
    Suspended,
}

impl CredentialState {
    /// The spelling stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            CredentialState::Active => "active",
            CredentialState::Revoked => "revoked",
            CredentialState::Suspended => "suspended",
        }
    }

    pub(crate) fn parse(text: &str) -> Result<CredentialState, StoreError> {
        match text {
            "active" => Ok(CredentialState::Active),
            "revoked" => Ok(CredentialState::Revoked),
            "suspended" => Ok(CredentialState::Suspended),
            other => Err(StoreError::corrupt(
                "credentials",
                "state",
                format!("unknown state {other:?}"),
            )),
        }
    }
}

/// A stored credential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialRecord {
    /// `urn:uuid:…`.
    pub id: String,
    /// The signing issuer.
    pub issuer_id: String,
    /// What was awarded.
    pub achievement_id: String,
    /// To whom.
    pub recipient_id: String,
    /// The signed credential, JSON text exactly as signed.
    pub credential_json: String,
    /// The VC-JWT form, if made.
    pub vc_jwt: Option<String>,
    /// Revocation list id.
    pub revocation_list_id: String,
    /// Revocation index.
    pub revocation_index: i64,
    /// Suspension list id.
    pub suspension_list_id: String,
    /// Suspension index.
    pub suspension_index: i64,
    /// Current state.
    pub state: CredentialState,
    /// Why it is in that state (the last revoke/suspend/unsuspend reason).
    pub state_reason: Option<String>,
    /// The key it was issued under.
    pub idempotency_key: String,
    /// When it was issued.
    pub issued_at: DateTime<Utc>,
    /// When its state last changed.
    pub updated_at: DateTime<Utc>,
}

/// How [`Store::issue_credential`] ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssueOutcome {
    /// A new credential was signed and stored.
    Issued(CredentialRecord),
    /// The idempotency key had already produced this credential; nothing was signed.
    AlreadyIssued(CredentialRecord),
}

impl IssueOutcome {
    /// The credential, whether new or earlier.
    pub fn credential(&self) -> &CredentialRecord {
        match self {
            IssueOutcome::Issued(record) | IssueOutcome::AlreadyIssued(record) => record,
        }
    }
}

/// Why issuing failed: the signer's own error, or the store's.
#[derive(Debug, thiserror::Error)]
pub enum IssueError<E> {
    /// The signing closure failed; nothing was stored (its status indexes stay burned).
    #[error("signing failed: {0}")]
    Sign(#[source] E),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub(crate) const COLUMNS: &str = "id, issuer_id, achievement_id, recipient_id, credential_json, \
    vc_jwt, revocation_list_id, revocation_index, suspension_list_id, suspension_index, state, \
    state_reason, idempotency_key, issued_at, updated_at";

pub(crate) fn from_row(row: &AnyRow) -> Result<CredentialRecord, StoreError> {
    Ok(CredentialRecord {
        id: row.try_get("id")?,
        issuer_id: row.try_get("issuer_id")?,
        achievement_id: row.try_get("achievement_id")?,
        recipient_id: row.try_get("recipient_id")?,
        credential_json: row.try_get("credential_json")?,
        vc_jwt: row.try_get("vc_jwt")?,
        revocation_list_id: row.try_get("revocation_list_id")?,
        revocation_index: row.try_get("revocation_index")?,
        suspension_list_id: row.try_get("suspension_list_id")?,
        suspension_index: row.try_get("suspension_index")?,
        state: CredentialState::parse(&row.try_get::<String, _>("state")?)?,
        state_reason: row.try_get("state_reason")?,
        idempotency_key: row.try_get("idempotency_key")?,
        issued_at: time::from_text(
            &row.try_get::<String, _>("issued_at")?,
            "credentials",
            "issued_at",
        )?,
        updated_at: time::from_text(
            &row.try_get::<String, _>("updated_at")?,
            "credentials",
            "updated_at",
        )?,
    })
}

impl Store {
    /// Issues one credential, or returns the one its idempotency key already produced.
    ///
    /// Steps: (1) if the key is known, return that credential without calling `sign`;
    /// (2) in a short committed transaction, check the issuer, achievement and recipient and
    /// allocate a revocation and a suspension index; (3) call `sign` with the assignment,
    /// outside any transaction so slow signing never holds the database write lock; (4) in one
    /// transaction, store the credential and mark its import row.
    ///
    /// Allocation commits before signing on purpose: an index that reached a signer may be in
    /// a signed document somewhere, so it is burned, never handed out again, even when signing
    /// fails or the process dies. If two requests with the same key race, the database's
    /// UNIQUE(idempotency_key) lets exactly one store its credential; the other gets
    /// [`IssueOutcome::AlreadyIssued`] with the winner's.
    pub async fn issue_credential<E, F>(
        &self,
        new: NewCredential,
        sign: F,
    ) -> Result<IssueOutcome, IssueError<E>>
    where
        F: FnOnce(&StatusAssignment) -> Result<SignedCredential, E>,
    {
        if let Some(existing) = self
            .credential_by_idempotency_key(&new.idempotency_key)
            .await?
        {
            self.mark_import_row_skipped(&new, &existing).await?;
            return Ok(IssueOutcome::AlreadyIssued(existing));
        }
        let assignment = self.assign_status(&new).await?;
        let signed = sign(&assignment).map_err(IssueError::Sign)?;
        Ok(self.store_issued(&new, &assignment, signed).await?)
    }

    async fn assign_status(&self, new: &NewCredential) -> Result<StatusAssignment, StoreError> {
        let now = time::now();
        let mut tx = self.begin_write().await?;
        let achievement_found =
            sqlx::query("SELECT 1 FROM achievements WHERE id = $1 AND issuer_id = $2")
                .bind(&new.achievement_id)
                .bind(&new.issuer_id)
                .fetch_optional(&mut *tx)
                .await?
                .is_some();
        if !achievement_found {
            return Err(StoreError::not_found(
                "achievement of this issuer",
                new.achievement_id.clone(),
            ));
        }
        let recipient_found = sqlx::query("SELECT 1 FROM recipients WHERE id = $1")
            .bind(&new.recipient_id)
            .fetch_optional(&mut *tx)
            .await?
            .is_some();
        if !recipient_found {
            return Err(StoreError::not_found("recipient", new.recipient_id.clone()));
        }
        let revocation = self
            .allocate_status_index(
                &mut tx,
                &new.issuer_id,
                StatusPurpose::Revocation,
                &new.status_base_url,
                now,
            )
            .await?;
        let suspension = self
            .allocate_status_index(
                &mut tx,
                &new.issuer_id,
                StatusPurpose::Suspension,
                &new.status_base_url,
                now,
            )
            .await?;
        tx.commit().await?;
        Ok(StatusAssignment {
            credential_id: format!("urn:uuid:{}", time::new_id()),
            revocation,
            suspension,
        })
    }

    async fn store_issued(
        &self,
        new: &NewCredential,
        assignment: &StatusAssignment,
        signed: SignedCredential,
    ) -> Result<IssueOutcome, StoreError> {
        let issued_at = time::truncate(new.issued_at);
        let record = CredentialRecord {
            id: assignment.credential_id.clone(),
            issuer_id: new.issuer_id.clone(),
            achievement_id: new.achievement_id.clone(),
            recipient_id: new.recipient_id.clone(),
            credential_json: signed.json,
            vc_jwt: signed.jwt,
            revocation_list_id: assignment.revocation.list_id.clone(),
            revocation_index: assignment.revocation.index,
            suspension_list_id: assignment.suspension.list_id.clone(),
            suspension_index: assignment.suspension.index,
            state: CredentialState::Active,
            state_reason: None,
            idempotency_key: new.idempotency_key.clone(),
            issued_at,
            updated_at: issued_at,
        };
        let mut tx = self.begin_write().await?;
        let inserted = sqlx::query(
            "INSERT INTO credentials (id, issuer_id, achievement_id, recipient_id, \
             credential_json, vc_jwt, revocation_list_id, revocation_index, suspension_list_id, \
             suspension_index, state, state_reason, idempotency_key, issued_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL, $12, $13, $13)",
        )
        .bind(&record.id)
        .bind(&record.issuer_id)
        .bind(&record.achievement_id)
        .bind(&record.recipient_id)
        .bind(&record.credential_json)
        .bind(&record.vc_jwt)
        .bind(&record.revocation_list_id)
        .bind(record.revocation_index)
        .bind(&record.suspension_list_id)
        .bind(record.suspension_index)
        .bind(record.state.as_str())
        .bind(&record.idempotency_key)
        .bind(time::to_text(issued_at))
        .execute(&mut *tx)
        .await
        .map_err(StoreError::on_write("credential"));
        match inserted {
            Ok(_) => {}
            Err(conflict @ StoreError::AlreadyExists { .. }) => {
                // A concurrent request with the same key won; PostgreSQL has aborted this
                // transaction, so roll back and report the winner's credential.
                tx.rollback().await?;
                let existing = self
                    .credential_by_idempotency_key(&new.idempotency_key)
                    .await?
                    .ok_or(conflict)?;
                self.mark_import_row_skipped(new, &existing).await?;
                return Ok(IssueOutcome::AlreadyIssued(existing));
            }
            Err(error) => return Err(error),
        }
        if let Some((job_id, row_number)) = &new.import_row {
            crate::imports::mark_row(&mut tx, job_id, *row_number, "issued", &record.id).await?;
        }
        tx.commit().await?;
        Ok(IssueOutcome::Issued(record))
    }

    async fn mark_import_row_skipped(
        &self,
        new: &NewCredential,
        existing: &CredentialRecord,
    ) -> Result<(), StoreError> {
        let Some((job_id, row_number)) = &new.import_row else {
            return Ok(());
        };
        let mut tx = self.begin_write().await?;
        crate::imports::mark_row(&mut tx, job_id, *row_number, "skipped", &existing.id).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Looks up a credential by its `urn:uuid:` id.
    pub async fn credential(&self, id: &str) -> Result<CredentialRecord, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM credentials WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::not_found("credential", id))?;
        from_row(&row)
    }

    /// The credential an idempotency key produced, if any.
    pub async fn credential_by_idempotency_key(
        &self,
        key: &str,
    ) -> Result<Option<CredentialRecord>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM credentials WHERE idempotency_key = $1");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(key)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(from_row)
            .transpose()
    }

    /// A recipient's credentials, newest first.
    pub async fn credentials_of_recipient(
        &self,
        recipient_id: &str,
    ) -> Result<Vec<CredentialRecord>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM credentials WHERE recipient_id = $1 \
             ORDER BY issued_at DESC, id"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(recipient_id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(from_row)
            .collect()
    }

    /// An issuer's credentials, newest first, a page at a time.
    pub async fn credentials_of_issuer(
        &self,
        issuer_id: &str,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<CredentialRecord>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM credentials WHERE issuer_id = $1 \
             ORDER BY issued_at DESC, id LIMIT $2 OFFSET $3"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(issuer_id)
            .bind(limit.max(0))
            .bind(offset.max(0))
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(from_row)
            .collect()
    }
}
