//! The issuing service: one credential from a stored issuer, achievement and recipient, signed
//! with the issuer's key, given its two status entries, stored once per idempotency key. The
//! UI, the VC-API and bulk import all go through here (or through [`sign_and_store`] for a
//! credential the caller composed).

pub mod document;

use chrono::{DateTime, Utc};
use rand_core::{OsRng, RngCore as _};
use serde_json::Value;
use tsumiki_i18n::Lang;
use tsumiki_store::{
    CredentialRecord, IssueError, IssueOutcome, Issuer, NewCredential, SignedCredential,
    StatusAssignment,
};
use tsumiki_vc::di::{ProofOptions, sign_owned};

use crate::issuer_keys::issuer_key;
use crate::{AppState, WebError};
pub use document::SubjectRef;

/// How to name the recipient in the credential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecipientChoice {
    /// The recipient's DID if they have one, else their first email (hashed).
    Auto,
    /// This email of theirs, hashed with a fresh salt.
    Email(String),
    /// Their DID as `credentialSubject.id`; an error if they have none.
    Did,
}

/// One credential to issue.
#[derive(Debug, Clone)]
pub struct IssueRequest {
    /// The signing issuer (store id).
    pub issuer_id: String,
    /// The achievement awarded; must belong to the issuer.
    pub achievement_id: String,
    /// The recipient (store id).
    pub recipient_id: String,
    /// How the credential names them.
    pub recipient: RecipientChoice,
    /// Same key → the same credential, never a second one.
    pub idempotency_key: String,
    /// `validFrom`, `awardedDate` and the proof's `created`.
    pub issued_at: DateTime<Utc>,
    /// The language of the credential's strings (the issuer's primary language).
    pub lang: Lang,
    /// Bulk import row this answers, if any.
    pub import_row: Option<(String, i64)>,
}

/// The result of [`issue`].
#[derive(Debug, Clone)]
pub struct IssuedCredential {
    /// As stored.
    pub record: CredentialRecord,
    /// The signed credential (parsed `record.credential_json`).
    pub credential: Value,
    /// False when the idempotency key had already produced this credential.
    pub newly_issued: bool,
}

impl IssuedCredential {
    fn from_outcome(outcome: IssueOutcome) -> Result<IssuedCredential, WebError> {
        let (record, newly_issued) = match outcome {
            IssueOutcome::Issued(record) => (record, true),
            IssueOutcome::AlreadyIssued(record) => (record, false),
        };
        let credential = serde_json::from_str(&record.credential_json).map_err(|error| {
            WebError::Internal(format!(
                "stored credential {} is not JSON: {error}",
                record.id
            ))
        })?;
        Ok(IssuedCredential {
            record,
            credential,
            newly_issued,
        })
    }
}

/// Where this server publishes status lists; new lists get `<this>/<list id>`.
pub fn status_base_url(state: &AppState) -> String {
    format!("{}/status", state.base_url)
}

/// A random 16-byte salt, hex.
fn new_salt() -> String {
    let mut salt = [0u8; 16];
    OsRng.fill_bytes(&mut salt);
    hex::encode(salt)
}

async fn subject_ref(
    state: &AppState,
    recipient_id: &str,
    choice: &RecipientChoice,
) -> Result<SubjectRef, WebError> {
    let recipient = state.store.recipient(recipient_id).await?;
    let emails = || async {
        let identifiers = state.store.recipient_identifiers(recipient_id).await?;
        Ok::<_, WebError>(
            identifiers
                .into_iter()
                .filter(|identifier| identifier.kind == "email")
                .collect::<Vec<_>>(),
        )
    };
    match choice {
        RecipientChoice::Did => recipient
            .did
            .map(SubjectRef::Did)
            .ok_or_else(|| WebError::BadRequest(format!("recipient {recipient_id} has no DID"))),
        RecipientChoice::Email(email) => {
            let wanted = email.trim().to_lowercase();
            let found = emails()
                .await?
                .into_iter()
                .any(|identifier| identifier.normalized_value == wanted);
            if !found {
                return Err(WebError::BadRequest(format!(
                    "{email:?} is not an email of recipient {recipient_id}"
                )));
            }
            Ok(SubjectRef::HashedEmail {
                email: wanted,
                salt: new_salt(),
            })
        }
        RecipientChoice::Auto => {
            if let Some(did) = recipient.did {
                return Ok(SubjectRef::Did(did));
            }
            let email = emails().await?.into_iter().next().ok_or_else(|| {
                WebError::BadRequest(format!(
                    "recipient {recipient_id} has neither a DID nor an email"
                ))
            })?;
            Ok(SubjectRef::HashedEmail {
                email: email.normalized_value,
                salt: new_salt(),
            })
        }
    }
}

/// Signs `unsigned` as `issuer` with an `eddsa-rdfc-2022` proof created at `created`.
pub fn sign_as(
    state: &AppState,
    issuer: &Issuer,
    unsigned: Value,
    created: DateTime<Utc>,
) -> Result<Value, WebError> {
    let key = issuer_key(state, issuer)?;
    let options = ProofOptions::new(document::timestamp(created), key.verification_method);
    sign_owned(unsigned, &key.key, &options, &state.ld)
        .map_err(|error| WebError::BadRequest(format!("the credential cannot be signed: {error}")))
}

/// Why signing inside the store's issue step failed; carried out of the closure as-is.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct SignFailure(WebError);

fn from_issue_error(error: IssueError<SignFailure>) -> WebError {
    match error {
        IssueError::Sign(SignFailure(error)) => error,
        IssueError::Store(error) => error.into(),
    }
}

/// Allocates status entries, lets `compose` build the unsigned credential from them, signs it
/// as `issuer` and stores it under `new.idempotency_key`. A repeated key returns the stored
/// credential without composing or signing anything.
pub async fn sign_and_store<F>(
    state: &AppState,
    issuer: &Issuer,
    new: NewCredential,
    compose: F,
) -> Result<IssuedCredential, WebError>
where
    F: FnOnce(&StatusAssignment) -> Result<Value, WebError>,
{
    let created = new.issued_at;
    let outcome = state
        .store
        .issue_credential(new, |assignment| {
            let unsigned = compose(assignment).map_err(SignFailure)?;
            let signed = sign_as(state, issuer, unsigned, created).map_err(SignFailure)?;
            let json = serde_json::to_string(&signed)
                .map_err(|error| SignFailure(WebError::Internal(error.to_string())))?;
            Ok(SignedCredential { json, jwt: None })
        })
        .await
        .map_err(from_issue_error)?;
    IssuedCredential::from_outcome(outcome)
}

/// Issues one Open Badges 3.0 credential (see the module docs of [`document`] for its shape).
pub async fn issue(state: &AppState, request: IssueRequest) -> Result<IssuedCredential, WebError> {
    // Answer a retry without touching the recipient or the salt. An import row goes on to the
    // store instead, which records it as skipped in the same step (no status index is spent).
    if request.import_row.is_none()
        && let Some(existing) = state
            .store
            .credential_by_idempotency_key(&request.idempotency_key)
            .await?
    {
        return IssuedCredential::from_outcome(IssueOutcome::AlreadyIssued(existing));
    }
    let issuer = state.store.issuer(&request.issuer_id).await?;
    let achievement = state.store.achievement(&request.achievement_id).await?;
    if achievement.details.issuer_id != issuer.id {
        return Err(WebError::BadRequest(format!(
            "achievement {} does not belong to issuer {}",
            achievement.id, issuer.slug
        )));
    }
    let subject = subject_ref(state, &request.recipient_id, &request.recipient).await?;
    let new = NewCredential {
        issuer_id: issuer.id.clone(),
        achievement_id: achievement.id.clone(),
        recipient_id: request.recipient_id.clone(),
        idempotency_key: request.idempotency_key.clone(),
        issued_at: request.issued_at,
        status_base_url: status_base_url(state),
        import_row: request.import_row.clone(),
    };
    let issued_at = request.issued_at;
    let lang = request.lang;
    sign_and_store(state, &issuer, new, |assignment| {
        Ok(document::open_badge_credential(
            &document::CredentialParts {
                issuer: &issuer,
                achievement: &achievement,
                subject: &subject,
                assignment,
                issued_at,
                lang,
            },
        ))
    })
    .await
}
