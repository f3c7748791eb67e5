//! 360-degree feedback ratings: rater invitations addressed by a hashed link token (a
//! reminder rotates it), the answers and comments raters submit while their round is open,
//! and the consented responses reports are built from. The plain token exists only in the
//! queued mail ([`crate::outbox`]), never in these tables.

use chrono::{DateTime, Utc};
use sqlx::Row as _;
use sqlx::any::AnyRow;

use crate::feedback::{FeedbackRound, RoundState, not_open, optional_time, round_state_in};
use crate::outbox::{NewOutboxMessage, enqueue_in};
use crate::{Store, StoreError, time};

/// One rater asked about one participant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RaterInvitation {
    /// UUID.
    pub id: String,
    /// Its round.
    pub round_id: String,
    /// Whom the rater rates.
    pub participant_id: String,
    /// `self`, `manager`, `peer`, `direct_report` or `other`.
    pub rater_group: String,
    /// Where the link was sent.
    pub email: String,
    /// `ja` or `en`: the language of mail and of the rating page by default.
    pub language: String,
    /// When created.
    pub created_at: DateTime<Utc>,
    /// When the link was last mailed (invitation or reminder).
    pub last_sent_at: DateTime<Utc>,
    /// When the rater submitted (last edit).
    pub submitted_at: Option<DateTime<Utc>>,
}

/// An invitation to create.
#[derive(Debug, Clone)]
pub struct NewRaterInvitation {
    /// Round.
    pub round_id: String,
    /// Participant rated.
    pub participant_id: String,
    /// Rater group spelling.
    pub rater_group: String,
    /// Rater's address (trimmed, lower-cased here).
    pub email: String,
    /// `ja` or `en`.
    pub language: String,
}

/// One submitted response, as reports read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResponse {
    /// The invitation answered.
    pub invitation_id: String,
    /// The participant rated.
    pub participant_id: String,
    /// Rater group spelling.
    pub rater_group: String,
    /// `(item id, value)`; `None` is "cannot say".
    pub answers: Vec<(String, Option<u8>)>,
    /// Free-text comment.
    pub comment: Option<String>,
}

/// Submitted and invited counts for one participant and group: the only progress figures
/// pages show while a round runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundProgress {
    /// Participant.
    pub participant_id: String,
    /// Group spelling.
    pub rater_group: String,
    /// Invitations.
    pub invited: u32,
    /// Submitted.
    pub submitted: u32,
}

const INVITATION_COLUMNS: &str = "id, round_id, participant_id, rater_group, email, language, \
                                  created_at, last_sent_at, submitted_at";

fn invitation_from_row(row: &AnyRow) -> Result<RaterInvitation, StoreError> {
    Ok(RaterInvitation {
        id: row.try_get("id")?,
        round_id: row.try_get("round_id")?,
        participant_id: row.try_get("participant_id")?,
        rater_group: row.try_get("rater_group")?,
        email: row.try_get("email")?,
        language: row.try_get("language")?,
        created_at: time::from_text(
            &row.try_get::<String, _>("created_at")?,
            "rater_invitations",
            "created_at",
        )?,
        last_sent_at: time::from_text(
            &row.try_get::<String, _>("last_sent_at")?,
            "rater_invitations",
            "last_sent_at",
        )?,
        submitted_at: optional_time(row, "rater_invitations", "submitted_at")?,
    })
}

impl Store {
    /// Creates an invitation and queues its mail in one transaction. The caller generated the
    /// token and passes only its hash; the plain link is only in the queued mail. A second
    /// invitation of the same address for the same participant and round is
    /// [`StoreError::AlreadyExists`]. Closed rounds take no invitations.
    pub async fn invite_rater(
        &self,
        new: &NewRaterInvitation,
        token_hash: &str,
        mail: &NewOutboxMessage,
        at: DateTime<Utc>,
    ) -> Result<RaterInvitation, StoreError> {
        let at = time::truncate(at);
        let invitation = RaterInvitation {
            id: time::new_id(),
            round_id: new.round_id.clone(),
            participant_id: new.participant_id.clone(),
            rater_group: new.rater_group.clone(),
            email: new.email.trim().to_lowercase(),
            language: new.language.clone(),
            created_at: at,
            last_sent_at: at,
            submitted_at: None,
        };
        let mut tx = self.begin_write().await?;
        let state = round_state_in(&mut tx, &new.round_id).await?;
        if state == RoundState::Closed {
            return Err(not_open(&new.round_id, state, "invite raters to"));
        }
        sqlx::query(
            "INSERT INTO rater_invitations (id, round_id, participant_id, rater_group, email, \
             language, token_hash, created_at, last_sent_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&invitation.id)
        .bind(&invitation.round_id)
        .bind(&invitation.participant_id)
        .bind(&invitation.rater_group)
        .bind(&invitation.email)
        .bind(&invitation.language)
        .bind(token_hash)
        .bind(time::to_text(at))
        .bind(time::to_text(at))
        .execute(&mut *tx)
        .await
        .map_err(StoreError::on_write("rater invitation"))?;
        enqueue_in(&mut tx, mail, at).await?;
        tx.commit().await?;
        Ok(invitation)
    }

    /// A reminder: replaces the invitation's token hash (the old link stops working, since
    /// the plain token was never stored) and queues the mail carrying the new link.
    pub async fn remind_rater(
        &self,
        invitation_id: &str,
        new_token_hash: &str,
        mail: &NewOutboxMessage,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE rater_invitations SET token_hash = $1, last_sent_at = $2 \
             WHERE id = $3 AND submitted_at IS NULL",
        )
        .bind(new_token_hash)
        .bind(time::to_text(at))
        .bind(invitation_id)
        .execute(&mut *tx)
        .await
        .map_err(StoreError::on_write("rater invitation"))?;
        if done.rows_affected() == 0 {
            return Err(StoreError::not_found(
                "unanswered invitation",
                invitation_id,
            ));
        }
        enqueue_in(&mut tx, mail, at).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A round's invitations, by participant then group.
    pub async fn rater_invitations(
        &self,
        round_id: &str,
    ) -> Result<Vec<RaterInvitation>, StoreError> {
        let sql = format!(
            "SELECT {INVITATION_COLUMNS} FROM rater_invitations WHERE round_id = $1 \
             ORDER BY participant_id, rater_group, email"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(round_id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(invitation_from_row)
            .collect()
    }

    /// The invitation a link token hash belongs to, with its round, whatever the round's
    /// state (the page says "closed" rather than "unknown link").
    pub async fn invitation_by_token_hash(
        &self,
        token_hash: &str,
    ) -> Result<Option<(RaterInvitation, FeedbackRound)>, StoreError> {
        let sql =
            format!("SELECT {INVITATION_COLUMNS} FROM rater_invitations WHERE token_hash = $1");
        let Some(row) = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(token_hash)
            .fetch_optional(&self.pool)
            .await?
        else {
            return Ok(None);
        };
        let invitation = invitation_from_row(&row)?;
        let round = self
            .feedback_round(&invitation.round_id)
            .await?
            .ok_or_else(|| StoreError::not_found("feedback round", &invitation.round_id))?;
        Ok(Some((invitation, round)))
    }

    /// An invitation's current answers and comment (to prefill an edit).
    pub async fn invitation_answers(
        &self,
        invitation_id: &str,
    ) -> Result<(Vec<(String, Option<u8>)>, Option<String>), StoreError> {
        let answers = sqlx::query(
            "SELECT item_id, value FROM feedback_answers WHERE invitation_id = $1 ORDER BY item_id",
        )
        .bind(invitation_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(answer_from_row)
        .collect::<Result<Vec<_>, _>>()?;
        let comment = sqlx::query("SELECT body FROM feedback_comments WHERE invitation_id = $1")
            .bind(invitation_id)
            .fetch_optional(&self.pool)
            .await?
            .map(|row| row.try_get::<String, _>("body"))
            .transpose()?;
        Ok((answers, comment))
    }

    /// Stores (or replaces) a rater's answers, in one transaction that first checks the round
    /// is open: a link stops working the moment its round closes.
    pub async fn submit_feedback(
        &self,
        invitation_id: &str,
        answers: &[(String, Option<u8>)],
        comment: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query("SELECT round_id FROM rater_invitations WHERE id = $1")
            .bind(invitation_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| StoreError::not_found("rater invitation", invitation_id))?;
        let round_id: String = row.try_get("round_id")?;
        let state = round_state_in(&mut tx, &round_id).await?;
        if state != RoundState::Open {
            return Err(not_open(&round_id, state, "submit feedback to"));
        }
        for table in ["feedback_answers", "feedback_comments"] {
            let sql = format!("DELETE FROM {table} WHERE invitation_id = $1");
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(invitation_id)
                .execute(&mut *tx)
                .await?;
        }
        for (item_id, value) in answers {
            sqlx::query(
                "INSERT INTO feedback_answers (invitation_id, item_id, value) VALUES ($1, $2, $3)",
            )
            .bind(invitation_id)
            .bind(item_id)
            .bind(value.map(i64::from))
            .execute(&mut *tx)
            .await
            .map_err(StoreError::on_write("feedback answer"))?;
        }
        if let Some(body) = comment.map(str::trim).filter(|body| !body.is_empty()) {
            sqlx::query("INSERT INTO feedback_comments (invitation_id, body) VALUES ($1, $2)")
                .bind(invitation_id)
                .bind(body)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("UPDATE rater_invitations SET submitted_at = $1 WHERE id = $2")
            .bind(time::to_text(at))
            .bind(invitation_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Submitted responses of a round about participants whose consent for `purpose` is
    /// active: the only input a report may use. A withdrawn participant drops out here.
    pub async fn consented_round_responses(
        &self,
        round_id: &str,
        purpose: &str,
    ) -> Result<Vec<StoredResponse>, StoreError> {
        let invitations = sqlx::query(
            "SELECT i.id, i.participant_id, i.rater_group FROM rater_invitations i \
             WHERE i.round_id = $1 AND i.submitted_at IS NOT NULL AND EXISTS \
             (SELECT 1 FROM consents c WHERE c.participant_id = i.participant_id \
              AND c.purpose = $2 AND c.withdrawn_at IS NULL) \
             ORDER BY i.participant_id, i.id",
        )
        .bind(round_id)
        .bind(purpose)
        .fetch_all(&self.pool)
        .await?;
        let mut responses = Vec::with_capacity(invitations.len());
        for row in &invitations {
            let invitation_id: String = row.try_get("id")?;
            let (answers, comment) = self.invitation_answers(&invitation_id).await?;
            responses.push(StoredResponse {
                participant_id: row.try_get("participant_id")?,
                rater_group: row.try_get("rater_group")?,
                invitation_id,
                answers,
                comment,
            });
        }
        Ok(responses)
    }

    /// Invited and submitted counts per participant and group.
    pub async fn round_progress(&self, round_id: &str) -> Result<Vec<RoundProgress>, StoreError> {
        sqlx::query(
            "SELECT participant_id, rater_group, COUNT(*) AS invited, \
             COUNT(submitted_at) AS submitted FROM rater_invitations WHERE round_id = $1 \
             GROUP BY participant_id, rater_group ORDER BY participant_id, rater_group",
        )
        .bind(round_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|row| {
            let count = |column: &'static str| -> Result<u32, StoreError> {
                let value: i64 = row.try_get(column)?;
                u32::try_from(value).map_err(|_| {
                    StoreError::corrupt("rater_invitations", column, value.to_string())
                })
            };
            Ok(RoundProgress {
                participant_id: row.try_get("participant_id")?,
                rater_group: row.try_get("rater_group")?,
                invited: count("invited")?,
                submitted: count("submitted")?,
            })
        })
        .collect()
    }
}

fn answer_from_row(row: &AnyRow) -> Result<(String, Option<u8>), StoreError> {
    let value: Option<i64> = row.try_get("value")?;
    let value = value
        .map(|value| {
            u8::try_from(value)
                .map_err(|_| StoreError::corrupt("feedback_answers", "value", value.to_string()))
        })
        .transpose()?;
    Ok((row.try_get("item_id")?, value))
}
