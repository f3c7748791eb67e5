//! Participants of a cohort and their APPI consents.
//!
//! Consent is recorded per purpose; withdrawing it keeps the row (the record that consent once
//! existed and when it ended) and removes the person from [`Store::consenting_participants`],
//! which every aggregate about a cohort must use.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::Row as _;
use sqlx::any::AnyRow;

use crate::programmes::require_row;
use crate::{Store, StoreError, time};

/// The consent purpose every impact aggregate (360°, KPIs by participant, diversity,
/// dashboards) requires.
pub const CONSENT_EVALUATION: &str = "evaluation";

/// The consent purpose for running the programme with the person's data: enrolment,
/// scheduling, teams and faculty contact (APPI: a purpose of use of its own, separable from
/// evaluation).
pub const CONSENT_PROGRAMME_DELIVERY: &str = "programme_delivery";

/// The consent purpose for issuing verifiable credentials that carry the person's name and
/// achievements to them.
pub const CONSENT_CREDENTIAL_ISSUING: &str = "credential_issuing";

/// Every purpose the pages offer, in the order they are shown.
pub const CONSENT_PURPOSES: [&str; 3] = [
    CONSENT_EVALUATION,
    CONSENT_PROGRAMME_DELIVERY,
    CONSENT_CREDENTIAL_ISSUING,
];

/// A language a participant works in, and how well.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LanguageSkill {
    /// BCP 47 tag, e.g. `ja`, `en`, `zh-Hant`.
    pub language: String,
    /// CEFR `A1`..`C2`, or `native`.
    pub proficiency: String,
}

/// A person enrolled in a cohort, with the attributes diversity figures are computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    /// UUID.
    pub id: String,
    /// The cohort.
    pub cohort_id: String,
    /// The person (credentials are issued to them).
    pub recipient_id: String,
    /// ISO 3166-1 alpha-2 or free text, as the programme records it.
    pub nationality: String,
    /// E.g. finance, R&D.
    pub job_function: String,
    /// E.g. manufacturing.
    pub industry: String,
    /// E.g. director, general manager.
    pub role_level: String,
    /// Working languages with proficiency.
    pub languages: Vec<LanguageSkill>,
    /// Self-described, free text; never required.
    pub gender: Option<String>,
    /// When they were enrolled.
    pub enrolled_at: DateTime<Utc>,
}

/// A participant to enrol.
#[derive(Debug, Clone)]
pub struct NewParticipant {
    /// The cohort.
    pub cohort_id: String,
    /// The person.
    pub recipient_id: String,
    /// Nationality.
    pub nationality: String,
    /// Job function.
    pub job_function: String,
    /// Industry.
    pub industry: String,
    /// Role level.
    pub role_level: String,
    /// Working languages.
    pub languages: Vec<LanguageSkill>,
    /// Self-described gender, if the person gave one.
    pub gender: Option<String>,
}

/// One consent record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consent {
    /// UUID.
    pub id: String,
    /// Whose consent.
    pub participant_id: String,
    /// What the data may be used for, e.g. [`CONSENT_EVALUATION`].
    pub purpose: String,
    /// When it was given.
    pub granted_at: DateTime<Utc>,
    /// When it was withdrawn; `None` while it holds.
    pub withdrawn_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str = "p.id, p.cohort_id, p.recipient_id, p.nationality, p.job_function, \
                       p.industry, p.role_level, p.languages_json, p.gender, p.enrolled_at";

fn participant_from_row(row: &AnyRow) -> Result<Participant, StoreError> {
    let languages: String = row.try_get("languages_json")?;
    Ok(Participant {
        id: row.try_get("id")?,
        cohort_id: row.try_get("cohort_id")?,
        recipient_id: row.try_get("recipient_id")?,
        nationality: row.try_get("nationality")?,
        job_function: row.try_get("job_function")?,
        industry: row.try_get("industry")?,
        role_level: row.try_get("role_level")?,
        languages: serde_json::from_str(&languages).map_err(|error| {
            StoreError::corrupt("participants", "languages_json", error.to_string())
        })?,
        gender: row.try_get("gender")?,
        enrolled_at: time::from_text(
            &row.try_get::<String, _>("enrolled_at")?,
            "participants",
            "enrolled_at",
        )?,
    })
}

fn consent_from_row(row: &AnyRow) -> Result<Consent, StoreError> {
    Ok(Consent {
        id: row.try_get("id")?,
        participant_id: row.try_get("participant_id")?,
        purpose: row.try_get("purpose")?,
        granted_at: time::from_text(
            &row.try_get::<String, _>("granted_at")?,
            "consents",
            "granted_at",
        )?,
        withdrawn_at: row
            .try_get::<Option<String>, _>("withdrawn_at")?
            .map(|text| time::from_text(&text, "consents", "withdrawn_at"))
            .transpose()?,
    })
}

impl Store {
    /// Enrols a person in a cohort; `AlreadyExists` if they already are, `NotFound` if the
    /// cohort or person is unknown. A blank gender is stored as none.
    pub async fn enroll_participant(
        &self,
        new: &NewParticipant,
    ) -> Result<Participant, StoreError> {
        let participant = Participant {
            id: time::new_id(),
            cohort_id: new.cohort_id.clone(),
            recipient_id: new.recipient_id.clone(),
            nationality: new.nationality.clone(),
            job_function: new.job_function.clone(),
            industry: new.industry.clone(),
            role_level: new.role_level.clone(),
            languages: new.languages.clone(),
            gender: new
                .gender
                .as_deref()
                .map(str::trim)
                .filter(|gender| !gender.is_empty())
                .map(str::to_owned),
            enrolled_at: time::truncate(time::now()),
        };
        let languages = serde_json::to_string(&participant.languages).map_err(|error| {
            StoreError::corrupt("participants", "languages_json", error.to_string())
        })?;
        let mut tx = self.begin_write().await?;
        require_row(&mut tx, "cohorts", "cohort", &participant.cohort_id).await?;
        require_row(
            &mut tx,
            "recipients",
            "recipient",
            &participant.recipient_id,
        )
        .await?;
        sqlx::query(
            "INSERT INTO participants (id, cohort_id, recipient_id, nationality, job_function, \
             industry, role_level, languages_json, gender, enrolled_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(&participant.id)
        .bind(&participant.cohort_id)
        .bind(&participant.recipient_id)
        .bind(&participant.nationality)
        .bind(&participant.job_function)
        .bind(&participant.industry)
        .bind(&participant.role_level)
        .bind(languages)
        .bind(&participant.gender)
        .bind(time::to_text(participant.enrolled_at))
        .execute(&mut *tx)
        .await
        .map_err(StoreError::on_write("participant"))?;
        tx.commit().await?;
        Ok(participant)
    }

    /// One participant.
    pub async fn participant(&self, id: &str) -> Result<Option<Participant>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM participants p WHERE p.id = $1");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(participant_from_row)
            .transpose()
    }

    /// Everyone enrolled in a cohort, consenting or not (for staff lists, never aggregates),
    /// in enrolment order.
    pub async fn participants(&self, cohort_id: &str) -> Result<Vec<Participant>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM participants p WHERE p.cohort_id = $1 \
             ORDER BY p.enrolled_at, p.id"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(cohort_id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(participant_from_row)
            .collect()
    }

    /// A person's enrolments across cohorts (their own page).
    pub async fn enrolments_of(&self, recipient_id: &str) -> Result<Vec<Participant>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM participants p WHERE p.recipient_id = $1 \
             ORDER BY p.enrolled_at, p.id"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(recipient_id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(participant_from_row)
            .collect()
    }

    /// Records consent for `purpose` at `at`. Recording it again while it holds changes
    /// nothing (the first date stays); after a withdrawal it starts a new record.
    pub async fn record_consent(
        &self,
        participant_id: &str,
        purpose: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        require_row(&mut tx, "participants", "participant", participant_id).await?;
        sqlx::query(
            "INSERT INTO consents (id, participant_id, purpose, granted_at, withdrawn_at) \
             VALUES ($1, $2, $3, $4, NULL) ON CONFLICT DO NOTHING",
        )
        .bind(time::new_id())
        .bind(participant_id)
        .bind(purpose)
        .bind(time::to_text(at))
        .execute(&mut *tx)
        .await
        .map_err(StoreError::on_write("consent"))?;
        tx.commit().await?;
        Ok(())
    }

    /// Withdraws consent for `purpose` at `at`; withdrawing when none holds changes nothing.
    pub async fn withdraw_consent(
        &self,
        participant_id: &str,
        purpose: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        require_row(&mut tx, "participants", "participant", participant_id).await?;
        sqlx::query(
            "UPDATE consents SET withdrawn_at = $1 \
             WHERE participant_id = $2 AND purpose = $3 AND withdrawn_at IS NULL",
        )
        .bind(time::to_text(at))
        .bind(participant_id)
        .bind(purpose)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A participant's consent records, oldest first (the audit trail).
    pub async fn consents(&self, participant_id: &str) -> Result<Vec<Consent>, StoreError> {
        sqlx::query(
            "SELECT id, participant_id, purpose, granted_at, withdrawn_at FROM consents \
             WHERE participant_id = $1 ORDER BY granted_at, id",
        )
        .bind(participant_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(consent_from_row)
        .collect()
    }

    /// The participants of a cohort whose consent for `purpose` currently holds: the only
    /// people an aggregate may count.
    pub async fn consenting_participants(
        &self,
        cohort_id: &str,
        purpose: &str,
    ) -> Result<Vec<Participant>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM participants p WHERE p.cohort_id = $1 AND EXISTS \
             (SELECT 1 FROM consents c WHERE c.participant_id = p.id AND c.purpose = $2 \
              AND c.withdrawn_at IS NULL) ORDER BY p.enrolled_at, p.id"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(cohort_id)
            .bind(purpose)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(participant_from_row)
            .collect()
    }
}
