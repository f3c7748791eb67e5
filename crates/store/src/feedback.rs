//! 360-degree feedback rounds: pre (month 0), post (month 12) and follow-up (month 24) per
//! cohort, moving draft → open → closed. A round's state is what makes rater links work
//! (open) or expire (closed); invitations, answers and comments are in [`crate::ratings`].
//! Scoring and anonymity are not decided in the store (that is `tsumiki-feedback`).

use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::{Row as _, Transaction};

use crate::{Store, StoreError, time};

/// Which round: the issue fixes three, at months 0, 12 and 24 of the cohort.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RoundKind {
    /// Before the programme (month 0).
    Pre,
    /// After it (month 12).
    Post,
    /// A year later (month 24).
    FollowUp,
}

impl RoundKind {
    /// Every kind, in order.
    pub const ALL: [RoundKind; 3] = [RoundKind::Pre, RoundKind::Post, RoundKind::FollowUp];

    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            RoundKind::Pre => "pre",
            RoundKind::Post => "post",
            RoundKind::FollowUp => "follow_up",
        }
    }

    /// Months after the cohort starts.
    pub fn month(self) -> u32 {
        match self {
            RoundKind::Pre => 0,
            RoundKind::Post => 12,
            RoundKind::FollowUp => 24,
        }
    }

    /// Parses the stored spelling.
    pub fn parse(text: &str) -> Option<RoundKind> {
        RoundKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
    }
}

/// Where a round is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundState {
    /// Invitations may be prepared; nothing is sent or accepted.
    Draft,
    /// Links work; submissions are accepted and may be edited.
    Open,
    /// Every link has expired; results are final.
    Closed,
}

impl RoundState {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            RoundState::Draft => "draft",
            RoundState::Open => "open",
            RoundState::Closed => "closed",
        }
    }

    fn parse(text: &str) -> Result<RoundState, StoreError> {
        match text {
            "draft" => Ok(RoundState::Draft),
            "open" => Ok(RoundState::Open),
            "closed" => Ok(RoundState::Closed),
            other => Err(StoreError::corrupt("feedback_rounds", "state", other)),
        }
    }
}

/// A feedback round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackRound {
    /// UUID.
    pub id: String,
    /// Its cohort.
    pub cohort_id: String,
    /// Pre, post or follow-up.
    pub kind: RoundKind,
    /// The instrument's id (`tsumiki-ccl-1`).
    pub instrument_id: String,
    /// `suppress` or `merge`: what happens to groups below the threshold.
    pub small_group_policy: String,
    /// Draft, open or closed.
    pub state: RoundState,
    /// When opened.
    pub opened_at: Option<DateTime<Utc>>,
    /// When closed.
    pub closed_at: Option<DateTime<Utc>>,
    /// When created.
    pub created_at: DateTime<Utc>,
}

/// A round to create (in draft).
#[derive(Debug, Clone)]
pub struct NewFeedbackRound {
    /// Its cohort.
    pub cohort_id: String,
    /// Which round.
    pub kind: RoundKind,
    /// Instrument id.
    pub instrument_id: String,
    /// `suppress` or `merge`.
    pub small_group_policy: String,
}

const ROUND_COLUMNS: &str = "id, cohort_id, kind, instrument_id, small_group_policy, state, \
                             opened_at, closed_at, created_at";

pub(crate) fn optional_time(
    row: &AnyRow,
    table: &'static str,
    column: &'static str,
) -> Result<Option<DateTime<Utc>>, StoreError> {
    row.try_get::<Option<String>, _>(column)?
        .map(|text| time::from_text(&text, table, column))
        .transpose()
}

fn round_from_row(row: &AnyRow) -> Result<FeedbackRound, StoreError> {
    let kind: String = row.try_get("kind")?;
    Ok(FeedbackRound {
        id: row.try_get("id")?,
        cohort_id: row.try_get("cohort_id")?,
        kind: RoundKind::parse(&kind)
            .ok_or_else(|| StoreError::corrupt("feedback_rounds", "kind", kind.clone()))?,
        instrument_id: row.try_get("instrument_id")?,
        small_group_policy: row.try_get("small_group_policy")?,
        state: RoundState::parse(&row.try_get::<String, _>("state")?)?,
        opened_at: optional_time(row, "feedback_rounds", "opened_at")?,
        closed_at: optional_time(row, "feedback_rounds", "closed_at")?,
        created_at: time::from_text(
            &row.try_get::<String, _>("created_at")?,
            "feedback_rounds",
            "created_at",
        )?,
    })
}

/// The round's state inside a write transaction, so a submission and a close cannot cross.
pub(crate) async fn round_state_in(
    tx: &mut Transaction<'static, sqlx::Any>,
    round_id: &str,
) -> Result<RoundState, StoreError> {
    let row = sqlx::query("SELECT state FROM feedback_rounds WHERE id = $1")
        .bind(round_id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or_else(|| StoreError::not_found("feedback round", round_id))?;
    RoundState::parse(&row.try_get::<String, _>("state")?)
}

pub(crate) fn not_open(round_id: &str, state: RoundState, action: &'static str) -> StoreError {
    StoreError::InvalidTransition {
        credential_id: format!("feedback round {round_id}"),
        action,
        state: state.as_str(),
    }
}

impl Store {
    /// Creates a round in draft. A second round of the same kind for a cohort is
    /// [`StoreError::AlreadyExists`].
    pub async fn create_feedback_round(
        &self,
        new: &NewFeedbackRound,
    ) -> Result<FeedbackRound, StoreError> {
        let round = FeedbackRound {
            id: time::new_id(),
            cohort_id: new.cohort_id.clone(),
            kind: new.kind,
            instrument_id: new.instrument_id.clone(),
            small_group_policy: new.small_group_policy.clone(),
            state: RoundState::Draft,
            opened_at: None,
            closed_at: None,
            created_at: time::truncate(time::now()),
        };
        sqlx::query(
            "INSERT INTO feedback_rounds (id, cohort_id, kind, instrument_id, small_group_policy, \
             state, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&round.id)
        .bind(&round.cohort_id)
        .bind(round.kind.as_str())
        .bind(&round.instrument_id)
        .bind(&round.small_group_policy)
        .bind(round.state.as_str())
        .bind(time::to_text(round.created_at))
        .execute(&self.pool)
        .await
        .map_err(StoreError::on_write("feedback round"))?;
        Ok(round)
    }

    /// A round by id.
    pub async fn feedback_round(&self, id: &str) -> Result<Option<FeedbackRound>, StoreError> {
        let sql = format!("SELECT {ROUND_COLUMNS} FROM feedback_rounds WHERE id = $1");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(round_from_row)
            .transpose()
    }

    /// A cohort's rounds, pre first.
    pub async fn feedback_rounds(&self, cohort_id: &str) -> Result<Vec<FeedbackRound>, StoreError> {
        let sql = format!(
            "SELECT {ROUND_COLUMNS} FROM feedback_rounds WHERE cohort_id = $1 \
             ORDER BY CASE kind WHEN 'pre' THEN 0 WHEN 'post' THEN 1 ELSE 2 END"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(cohort_id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(round_from_row)
            .collect()
    }

    /// Draft → open. Anything else is [`StoreError::InvalidTransition`].
    pub async fn open_feedback_round(&self, id: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
        self.move_round(
            id,
            RoundState::Draft,
            RoundState::Open,
            "opened_at",
            at,
            "open",
        )
        .await
    }

    /// Open → closed: every link of the round stops working.
    pub async fn close_feedback_round(
        &self,
        id: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.move_round(
            id,
            RoundState::Open,
            RoundState::Closed,
            "closed_at",
            at,
            "close",
        )
        .await
    }

    async fn move_round(
        &self,
        id: &str,
        from: RoundState,
        to: RoundState,
        column: &'static str,
        at: DateTime<Utc>,
        action: &'static str,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let state = round_state_in(&mut tx, id).await?;
        if state != from {
            return Err(not_open(id, state, action));
        }
        let sql = format!("UPDATE feedback_rounds SET state = $1, {column} = $2 WHERE id = $3");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(to.as_str())
            .bind(time::to_text(at))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
