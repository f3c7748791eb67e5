//! The fully-loaded cost ledger of a cohort and the participants' benefit claims (Phillips ROI).
//!
//! Money is an `i64` count of the currency's minor unit (yen for JPY, cents for USD) from form
//! to database and back: a float would turn ¥1,234,567 into a sum that is off by a fraction,
//! and a ledger must add up to the yen. The currency itself is a cohort setting
//! ([`crate::CohortImpactSettings`]).

use chrono::{DateTime, Utc};
use sqlx::Row as _;
use sqlx::any::AnyRow;

use crate::{Store, StoreError, time};

/// What a cost line pays for. "Fully loaded" means the hidden costs (participants' time,
/// backfill, internal coordination) are in the ledger beside the invoices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CostCategory {
    /// Faculty and facilitators' fees.
    Faculty,
    /// Travel and accommodation.
    TravelAccommodation,
    /// Learning platform and tools.
    Platform,
    /// Participants' working hours at a loaded hourly rate.
    ParticipantTime,
    /// Interpreters and translation.
    InterpretationTranslation,
    /// Executive coaching.
    Coaching,
    /// The sponsor's own staff time organising the programme.
    InternalCoordination,
    /// Cover for participants' absent work.
    Backfill,
}

impl CostCategory {
    /// Every category, in ledger order.
    pub const ALL: [CostCategory; 8] = [
        CostCategory::Faculty,
        CostCategory::TravelAccommodation,
        CostCategory::Platform,
        CostCategory::ParticipantTime,
        CostCategory::InterpretationTranslation,
        CostCategory::Coaching,
        CostCategory::InternalCoordination,
        CostCategory::Backfill,
    ];

    /// The spelling stored in the database and used in forms.
    pub fn as_str(self) -> &'static str {
        match self {
            CostCategory::Faculty => "faculty",
            CostCategory::TravelAccommodation => "travel_accommodation",
            CostCategory::Platform => "platform",
            CostCategory::ParticipantTime => "participant_time",
            CostCategory::InterpretationTranslation => "interpretation_translation",
            CostCategory::Coaching => "coaching",
            CostCategory::InternalCoordination => "internal_coordination",
            CostCategory::Backfill => "backfill",
        }
    }

    /// The category spelled `text`, if any.
    pub fn parse(text: &str) -> Option<CostCategory> {
        CostCategory::ALL
            .into_iter()
            .find(|category| category.as_str() == text)
    }
}

/// How a cost line's amount is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CostAmount {
    /// An invoice or budget figure, in minor units.
    Fixed(i64),
    /// Hours × loaded hourly rate; the amount is computed, never typed, so it cannot disagree
    /// with its inputs. `u32` inputs keep the product far inside `i64`.
    Time {
        /// Hours in hundredths (`150` is 1.5 hours).
        hours_hundredths: u32,
        /// Loaded rate per hour, in minor units.
        hourly_rate_minor: u32,
    },
}

impl CostAmount {
    /// The amount in minor units; time is rounded half up to the whole minor unit.
    pub fn amount_minor(self) -> i64 {
        match self {
            CostAmount::Fixed(amount) => amount,
            CostAmount::Time {
                hours_hundredths,
                hourly_rate_minor,
            } => {
                // (2^32-1)^2 + 50 < 2^64, and divided by 100 it is below 2^58: no overflow.
                let hundredths = u64::from(hours_hundredths) * u64::from(hourly_rate_minor);
                i64::try_from((hundredths + 50) / 100).unwrap_or(i64::MAX)
            }
        }
    }
}

/// A cost line to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCostEntry {
    /// Cohort charged.
    pub cohort_id: String,
    /// What it pays for.
    pub category: CostCategory,
    /// Free text (supplier, invoice number).
    pub description: String,
    /// How much. Fixed amounts must not be negative.
    pub amount: CostAmount,
    /// The user who entered it.
    pub created_by: Option<String>,
}

/// A stored cost line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostEntry {
    /// UUID.
    pub id: String,
    /// What was entered.
    pub entry: NewCostEntry,
    /// The amount in minor units (computed for time).
    pub amount_minor: i64,
    /// When it was entered.
    pub created_at: DateTime<Utc>,
}

/// A participant's answer to "what was it worth".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimResponse {
    /// Asked, did not answer: counts as zero (Phillips' conservative rule), but is listed so the
    /// response rate is visible.
    NonRespondent,
    /// The participant's estimate.
    Estimate {
        /// Annual monetary value of the improvement, minor units.
        annual_value_minor: i64,
        /// Share of the improvement the participant attributes to the programme, 0–100.
        isolation_percent: u8,
        /// How sure the participant is of the estimate, 0–100.
        confidence_percent: u8,
    },
}

/// A benefit claim to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewBenefitClaim {
    /// Cohort the claim counts for.
    pub cohort_id: String,
    /// Participant who made (or did not make) it; must be enrolled in the cohort.
    pub participant_id: String,
    /// What improved (e.g. "decision lead time cut from 3 weeks to 1").
    pub description: String,
    /// The estimate, or non-respondent.
    pub response: ClaimResponse,
    /// The user who entered it.
    pub created_by: Option<String>,
}

/// A stored benefit claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenefitClaim {
    /// UUID.
    pub id: String,
    /// What was entered.
    pub claim: NewBenefitClaim,
    /// When it was entered.
    pub created_at: DateTime<Utc>,
}

fn non_negative(value: i64, table: &'static str, column: &'static str) -> Result<i64, StoreError> {
    if value < 0 {
        Err(StoreError::corrupt(
            table,
            column,
            format!("negative amount {value}"),
        ))
    } else {
        Ok(value)
    }
}

fn narrow<T: TryFrom<i64>>(
    value: i64,
    table: &'static str,
    column: &'static str,
) -> Result<T, StoreError> {
    T::try_from(value)
        .map_err(|_| StoreError::corrupt(table, column, format!("{value} out of range")))
}

/// Hours text as stored: `1.50` for 150 hundredths, so the ledger shows what was typed.
fn hours_to_text(hundredths: u32) -> String {
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

fn hours_from_text(text: &str) -> Result<u32, StoreError> {
    let corrupt = || StoreError::corrupt("cost_entries", "hours", format!("{text:?}"));
    let (whole, fraction) = text.split_once('.').ok_or_else(corrupt)?;
    let whole: u32 = whole.parse().map_err(|_| corrupt())?;
    let fraction: u32 = if fraction.len() == 2 {
        fraction.parse().map_err(|_| corrupt())?
    } else {
        return Err(corrupt());
    };
    whole
        .checked_mul(100)
        .and_then(|hundredths| hundredths.checked_add(fraction))
        .ok_or_else(corrupt)
}

fn cost_from_row(row: &AnyRow) -> Result<CostEntry, StoreError> {
    let category: String = row.try_get("category")?;
    let amount_minor = non_negative(row.try_get("amount_minor")?, "cost_entries", "amount_minor")?;
    let hours: Option<String> = row.try_get("hours")?;
    let rate: Option<i64> = row.try_get("hourly_rate_minor")?;
    let amount = match (hours, rate) {
        (Some(hours), Some(rate)) => CostAmount::Time {
            hours_hundredths: hours_from_text(&hours)?,
            hourly_rate_minor: narrow(rate, "cost_entries", "hourly_rate_minor")?,
        },
        _ => CostAmount::Fixed(amount_minor),
    };
    Ok(CostEntry {
        id: row.try_get("id")?,
        entry: NewCostEntry {
            cohort_id: row.try_get("cohort_id")?,
            category: CostCategory::parse(&category).ok_or_else(|| {
                StoreError::corrupt("cost_entries", "category", format!("unknown {category:?}"))
            })?,
            description: row.try_get("description")?,
            amount,
            created_by: row.try_get("created_by")?,
        },
        amount_minor,
        created_at: time::from_text(
            &row.try_get::<String, _>("created_at")?,
            "cost_entries",
            "created_at",
        )?,
    })
}

fn claim_from_row(row: &AnyRow) -> Result<BenefitClaim, StoreError> {
    let non_respondent: i64 = row.try_get("non_respondent")?;
    let value: Option<i64> = row.try_get("annual_value_minor")?;
    let isolation: Option<i64> = row.try_get("isolation_percent")?;
    let confidence: Option<i64> = row.try_get("confidence_percent")?;
    let response = match (non_respondent, value, isolation, confidence) {
        (1, None, None, None) => ClaimResponse::NonRespondent,
        (0, Some(value), Some(isolation), Some(confidence)) => ClaimResponse::Estimate {
            annual_value_minor: non_negative(value, "benefit_claims", "annual_value_minor")?,
            isolation_percent: narrow(isolation, "benefit_claims", "isolation_percent")?,
            confidence_percent: narrow(confidence, "benefit_claims", "confidence_percent")?,
        },
        _ => {
            return Err(StoreError::corrupt(
                "benefit_claims",
                "non_respondent",
                "figures do not match the respondent flag",
            ));
        }
    };
    Ok(BenefitClaim {
        id: row.try_get("id")?,
        claim: NewBenefitClaim {
            cohort_id: row.try_get("cohort_id")?,
            participant_id: row.try_get("participant_id")?,
            description: row.try_get("description")?,
            response,
            created_by: row.try_get("created_by")?,
        },
        created_at: time::from_text(
            &row.try_get::<String, _>("created_at")?,
            "benefit_claims",
            "created_at",
        )?,
    })
}

const COST_COLUMNS: &str = "id, cohort_id, category, description, amount_minor, hours, \
     hourly_rate_minor, created_by, created_at";

const CLAIM_COLUMNS: &str = "id, cohort_id, participant_id, description, non_respondent, \
     annual_value_minor, isolation_percent, confidence_percent, created_by, created_at";

impl Store {
    /// Adds a cost line. A negative fixed amount is refused by the schema (a refund is a
    /// smaller invoice, not a negative cost).
    pub async fn add_cost_entry(&self, new: &NewCostEntry) -> Result<CostEntry, StoreError> {
        let entry = CostEntry {
            id: time::new_id(),
            entry: new.clone(),
            amount_minor: new.amount.amount_minor(),
            created_at: time::truncate(time::now()),
        };
        let (hours, rate) = match new.amount {
            CostAmount::Fixed(_) => (None, None),
            CostAmount::Time {
                hours_hundredths,
                hourly_rate_minor,
            } => (
                Some(hours_to_text(hours_hundredths)),
                Some(i64::from(hourly_rate_minor)),
            ),
        };
        sqlx::query(
            "INSERT INTO cost_entries (id, cohort_id, category, description, amount_minor, hours, \
             hourly_rate_minor, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&entry.id)
        .bind(&new.cohort_id)
        .bind(new.category.as_str())
        .bind(&new.description)
        .bind(entry.amount_minor)
        .bind(hours)
        .bind(rate)
        .bind(&new.created_by)
        .bind(time::to_text(entry.created_at))
        .execute(&self.pool)
        .await
        .map_err(StoreError::on_write("cost entry"))?;
        Ok(entry)
    }

    /// A cohort's ledger, oldest first (entries of the same second in id order).
    pub async fn cost_entries(&self, cohort_id: &str) -> Result<Vec<CostEntry>, StoreError> {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COST_COLUMNS} FROM cost_entries WHERE cohort_id = $1 ORDER BY created_at, id"
        )))
        .bind(cohort_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(cost_from_row)
        .collect()
    }

    /// Removes a cost line of `cohort_id` (the cohort in the address, so a forged id cannot
    /// reach another cohort's ledger).
    pub async fn delete_cost_entry(&self, cohort_id: &str, id: &str) -> Result<(), StoreError> {
        let result = sqlx::query("DELETE FROM cost_entries WHERE id = $1 AND cohort_id = $2")
            .bind(id)
            .bind(cohort_id)
            .execute(&self.pool)
            .await?;
        if result.rows_affected() == 0 {
            return Err(StoreError::not_found("cost entry", id));
        }
        Ok(())
    }

    /// Adds a benefit claim, after checking in the same transaction that the participant is
    /// enrolled in the claim's cohort: a claim counted for the wrong sponsor would inflate its
    /// ROI.
    pub async fn add_benefit_claim(
        &self,
        new: &NewBenefitClaim,
    ) -> Result<BenefitClaim, StoreError> {
        let claim = BenefitClaim {
            id: time::new_id(),
            claim: new.clone(),
            created_at: time::truncate(time::now()),
        };
        let (non_respondent, value, isolation, confidence) = match new.response {
            ClaimResponse::NonRespondent => (1_i64, None, None, None),
            ClaimResponse::Estimate {
                annual_value_minor,
                isolation_percent,
                confidence_percent,
            } => (
                0,
                Some(annual_value_minor),
                Some(i64::from(isolation_percent)),
                Some(i64::from(confidence_percent)),
            ),
        };
        let mut tx = self.begin_write().await?;
        let enrolled = sqlx::query("SELECT 1 FROM participants WHERE id = $1 AND cohort_id = $2")
            .bind(&new.participant_id)
            .bind(&new.cohort_id)
            .fetch_optional(&mut *tx)
            .await?
            .is_some();
        if !enrolled {
            return Err(StoreError::not_found("participant", &new.participant_id));
        }
        sqlx::query(
            "INSERT INTO benefit_claims (id, cohort_id, participant_id, description, \
             non_respondent, annual_value_minor, isolation_percent, confidence_percent, \
             created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(&claim.id)
        .bind(&new.cohort_id)
        .bind(&new.participant_id)
        .bind(&new.description)
        .bind(non_respondent)
        .bind(value)
        .bind(isolation)
        .bind(confidence)
        .bind(&new.created_by)
        .bind(time::to_text(claim.created_at))
        .execute(&mut *tx)
        .await
        .map_err(StoreError::on_write("benefit claim"))?;
        tx.commit().await?;
        Ok(claim)
    }

    /// A cohort's benefit claims, oldest first (entries of the same second in id order).
    pub async fn benefit_claims(&self, cohort_id: &str) -> Result<Vec<BenefitClaim>, StoreError> {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {CLAIM_COLUMNS} FROM benefit_claims WHERE cohort_id = $1 \
             ORDER BY created_at, id"
        )))
        .bind(cohort_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(claim_from_row)
        .collect()
    }

    /// Removes a benefit claim of `cohort_id`.
    pub async fn delete_benefit_claim(&self, cohort_id: &str, id: &str) -> Result<(), StoreError> {
        let result = sqlx::query("DELETE FROM benefit_claims WHERE id = $1 AND cohort_id = $2")
            .bind(id)
            .bind(cohort_id)
            .execute(&self.pool)
            .await?;
        if result.rows_affected() == 0 {
            return Err(StoreError::not_found("benefit claim", id));
        }
        Ok(())
    }
}
