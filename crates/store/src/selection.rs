//! Choosing a programme: a sponsor organisation's comparison of candidate programmes on the
//! seven criteria of the executive-education selection checklist. Weights and scores are
//! stored as given; the weighted totals and the ranking are computed by whoever shows them, so
//! changing a weight never rewrites a score.

use chrono::{DateTime, Utc};
use sqlx::Row as _;
use sqlx::any::AnyRow;

use crate::{Store, StoreError, time};

/// The checklist's seven criteria, in the checklist's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SelectionCriterion {
    /// Does the programme address a specific business objective?
    StrategicAlignment,
    /// Are action-learning projects tied to measurable organisational outcomes?
    AppliedComponents,
    /// Is the participant mix diverse by geography, function and industry?
    CohortDiversity,
    /// Bilingual options, interpreters, language coaching.
    LanguageSupport,
    /// KPIs and evaluation methods agreed at the outset, with follow-up dates.
    MeasurementPlan,
    /// Coaching, alumni engagement and refreshers afterwards.
    PostProgrammeSupport,
    /// Is the credential recognised inside and outside the company?
    CredentialRecognition,
}

impl SelectionCriterion {
    /// Every criterion, in the checklist's order.
    pub const ALL: [SelectionCriterion; 7] = [
        SelectionCriterion::StrategicAlignment,
        SelectionCriterion::AppliedComponents,
        SelectionCriterion::CohortDiversity,
        SelectionCriterion::LanguageSupport,
        SelectionCriterion::MeasurementPlan,
        SelectionCriterion::PostProgrammeSupport,
        SelectionCriterion::CredentialRecognition,
    ];

    /// The spelling stored in the database (and used in forms).
    pub fn as_str(self) -> &'static str {
        match self {
            SelectionCriterion::StrategicAlignment => "strategic_alignment",
            SelectionCriterion::AppliedComponents => "applied_components",
            SelectionCriterion::CohortDiversity => "cohort_diversity",
            SelectionCriterion::LanguageSupport => "language_support",
            SelectionCriterion::MeasurementPlan => "measurement_plan",
            SelectionCriterion::PostProgrammeSupport => "post_programme_support",
            SelectionCriterion::CredentialRecognition => "credential_recognition",
        }
    }

    /// The criterion spelled `text`, if any.
    pub fn parse(text: &str) -> Option<SelectionCriterion> {
        SelectionCriterion::ALL
            .into_iter()
            .find(|criterion| criterion.as_str() == text)
    }

    fn from_column(text: &str, table: &'static str) -> Result<SelectionCriterion, StoreError> {
        SelectionCriterion::parse(text).ok_or_else(|| {
            StoreError::corrupt(table, "criterion", format!("unknown criterion {text:?}"))
        })
    }
}

/// Highest weight a criterion can have; 0 leaves it out of the total.
pub const MAX_WEIGHT: u32 = 10;
/// Lowest and highest score.
pub const SCORE_RANGE: std::ops::RangeInclusive<u8> = 1..=5;

/// One comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectionSet {
    /// UUID.
    pub id: String,
    /// The sponsor organisation that owns it; only its people see it.
    pub organisation_id: String,
    /// What is being chosen, e.g. "2027 global leadership programme".
    pub title: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When a weight, candidate or score last changed.
    pub updated_at: DateTime<Utc>,
}

/// A comparison to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSelectionSet {
    /// The owning organisation.
    pub organisation_id: String,
    /// Title.
    pub title: String,
}

/// A programme being compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectionCandidate {
    /// UUID.
    pub id: String,
    /// The comparison it belongs to.
    pub set_id: String,
    /// One of our programmes, when it is one.
    pub programme_id: Option<String>,
    /// Name (for our programmes, as given when added; may be empty).
    pub name: String,
    /// Provider's name.
    pub provider: String,
    /// Where to read about it.
    pub url: String,
    /// When it was added.
    pub created_at: DateTime<Utc>,
}

/// A candidate to add: `programme_id`, or at least a `name`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewCandidate {
    /// One of our programmes.
    pub programme_id: Option<String>,
    /// Name.
    pub name: String,
    /// Provider.
    pub provider: String,
    /// URL.
    pub url: String,
}

/// One candidate's score on one criterion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriterionScore {
    /// The candidate.
    pub candidate_id: String,
    /// The criterion.
    pub criterion: SelectionCriterion,
    /// 1 (weak) to 5 (strong).
    pub score: u8,
    /// What the score rests on (brochure page, interview, reference call…).
    pub evidence: String,
    /// When it was last set.
    pub updated_at: DateTime<Utc>,
}

const SET_COLUMNS: &str = "id, organisation_id, title, created_at, updated_at";
const CANDIDATE_COLUMNS: &str = "id, set_id, programme_id, name, provider, url, created_at";

fn set_from_row(row: &AnyRow) -> Result<SelectionSet, StoreError> {
    Ok(SelectionSet {
        id: row.try_get("id")?,
        organisation_id: row.try_get("organisation_id")?,
        title: row.try_get("title")?,
        created_at: time::from_text(
            &row.try_get::<String, _>("created_at")?,
            "selection_sets",
            "created_at",
        )?,
        updated_at: time::from_text(
            &row.try_get::<String, _>("updated_at")?,
            "selection_sets",
            "updated_at",
        )?,
    })
}

fn candidate_from_row(row: &AnyRow) -> Result<SelectionCandidate, StoreError> {
    Ok(SelectionCandidate {
        id: row.try_get("id")?,
        set_id: row.try_get("set_id")?,
        programme_id: row.try_get("programme_id")?,
        name: row.try_get("name")?,
        provider: row.try_get("provider")?,
        url: row.try_get("url")?,
        created_at: time::from_text(
            &row.try_get::<String, _>("created_at")?,
            "selection_candidates",
            "created_at",
        )?,
    })
}

fn invalid(table: &'static str, column: &'static str, reason: String) -> StoreError {
    StoreError::corrupt(table, column, reason)
}

impl Store {
    /// Creates a comparison with every criterion weighted 1, in one transaction.
    pub async fn create_selection_set(
        &self,
        new: &NewSelectionSet,
    ) -> Result<SelectionSet, StoreError> {
        let now = time::truncate(time::now());
        let set = SelectionSet {
            id: time::new_id(),
            organisation_id: new.organisation_id.clone(),
            title: new.title.trim().to_owned(),
            created_at: now,
            updated_at: now,
        };
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO selection_sets (id, organisation_id, title, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&set.id)
        .bind(&set.organisation_id)
        .bind(&set.title)
        .bind(time::to_text(now))
        .bind(time::to_text(now))
        .execute(&mut *tx)
        .await
        .map_err(StoreError::on_write("selection set"))?;
        for criterion in SelectionCriterion::ALL {
            sqlx::query(
                "INSERT INTO selection_weights (set_id, criterion, weight) VALUES ($1, $2, 1)",
            )
            .bind(&set.id)
            .bind(criterion.as_str())
            .execute(&mut *tx)
            .await
            .map_err(StoreError::on_write("selection weight"))?;
        }
        tx.commit().await?;
        Ok(set)
    }

    /// One comparison.
    pub async fn selection_set(&self, id: &str) -> Result<Option<SelectionSet>, StoreError> {
        let sql = format!("SELECT {SET_COLUMNS} FROM selection_sets WHERE id = $1");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(set_from_row)
            .transpose()
    }

    /// The comparisons of one organisation, or of all when `organisation_id` is `None`;
    /// newest first.
    pub async fn selection_sets(
        &self,
        organisation_id: Option<&str>,
    ) -> Result<Vec<SelectionSet>, StoreError> {
        let rows = match organisation_id {
            Some(organisation) => {
                let sql = format!(
                    "SELECT {SET_COLUMNS} FROM selection_sets WHERE organisation_id = $1 \
                     ORDER BY created_at DESC, id"
                );
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(organisation)
                    .fetch_all(&self.pool)
                    .await?
            }
            None => {
                let sql = format!(
                    "SELECT {SET_COLUMNS} FROM selection_sets ORDER BY created_at DESC, id"
                );
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .fetch_all(&self.pool)
                    .await?
            }
        };
        rows.iter().map(set_from_row).collect()
    }

    /// The weight of every criterion, in the checklist's order.
    pub async fn selection_weights(
        &self,
        set_id: &str,
    ) -> Result<Vec<(SelectionCriterion, u32)>, StoreError> {
        let rows = sqlx::query("SELECT criterion, weight FROM selection_weights WHERE set_id = $1")
            .bind(set_id)
            .fetch_all(&self.pool)
            .await?;
        let mut weights = Vec::with_capacity(rows.len());
        for row in rows {
            let criterion = SelectionCriterion::from_column(
                &row.try_get::<String, _>("criterion")?,
                "selection_weights",
            )?;
            let weight: i64 = row.try_get("weight")?;
            let weight = u32::try_from(weight)
                .map_err(|_| invalid("selection_weights", "weight", format!("{weight}")))?;
            weights.push((criterion, weight));
        }
        weights.sort();
        Ok(weights)
    }

    /// Replaces the given criteria's weights in one transaction. A weight above
    /// [`MAX_WEIGHT`] is refused by the schema and nothing changes.
    pub async fn set_selection_weights(
        &self,
        set_id: &str,
        weights: &[(SelectionCriterion, u32)],
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        let touched = sqlx::query("UPDATE selection_sets SET updated_at = $1 WHERE id = $2")
            .bind(time::to_text(time::now()))
            .bind(set_id)
            .execute(&mut *tx)
            .await?;
        if touched.rows_affected() == 0 {
            return Err(StoreError::not_found("selection set", set_id));
        }
        for (criterion, weight) in weights {
            sqlx::query(
                "INSERT INTO selection_weights (set_id, criterion, weight) VALUES ($1, $2, $3) \
                 ON CONFLICT (set_id, criterion) DO UPDATE SET weight = excluded.weight",
            )
            .bind(set_id)
            .bind(criterion.as_str())
            .bind(i64::from(*weight))
            .execute(&mut *tx)
            .await
            .map_err(StoreError::on_write("selection weight"))?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Adds a candidate to a comparison.
    pub async fn add_selection_candidate(
        &self,
        set_id: &str,
        new: &NewCandidate,
    ) -> Result<SelectionCandidate, StoreError> {
        let candidate = SelectionCandidate {
            id: time::new_id(),
            set_id: set_id.to_owned(),
            programme_id: new.programme_id.clone(),
            name: new.name.trim().to_owned(),
            provider: new.provider.trim().to_owned(),
            url: new.url.trim().to_owned(),
            created_at: time::truncate(time::now()),
        };
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO selection_candidates (id, set_id, programme_id, name, provider, url, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&candidate.id)
        .bind(&candidate.set_id)
        .bind(&candidate.programme_id)
        .bind(&candidate.name)
        .bind(&candidate.provider)
        .bind(&candidate.url)
        .bind(time::to_text(candidate.created_at))
        .execute(&mut *tx)
        .await
        .map_err(StoreError::on_write("selection candidate"))?;
        sqlx::query("UPDATE selection_sets SET updated_at = $1 WHERE id = $2")
            .bind(time::to_text(candidate.created_at))
            .bind(set_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(candidate)
    }

    /// The candidates of a comparison, in the order they were added.
    pub async fn selection_candidates(
        &self,
        set_id: &str,
    ) -> Result<Vec<SelectionCandidate>, StoreError> {
        let sql = format!(
            "SELECT {CANDIDATE_COLUMNS} FROM selection_candidates WHERE set_id = $1 \
             ORDER BY created_at, id"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(set_id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(candidate_from_row)
            .collect()
    }

    /// Sets (or replaces) a candidate's score on one criterion, with its evidence. A score
    /// outside [`SCORE_RANGE`] is refused by the schema.
    pub async fn score_selection_candidate(
        &self,
        candidate_id: &str,
        criterion: SelectionCriterion,
        score: u8,
        evidence: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO selection_scores (candidate_id, criterion, score, evidence, updated_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (candidate_id, criterion) DO UPDATE SET \
             score = excluded.score, evidence = excluded.evidence, updated_at = excluded.updated_at",
        )
        .bind(candidate_id)
        .bind(criterion.as_str())
        .bind(i64::from(score))
        .bind(evidence.trim())
        .bind(time::to_text(at))
        .execute(&mut *tx)
        .await
        .map_err(StoreError::on_write("selection score"))?;
        sqlx::query(
            "UPDATE selection_sets SET updated_at = $1 WHERE id = \
             (SELECT set_id FROM selection_candidates WHERE id = $2)",
        )
        .bind(time::to_text(at))
        .bind(candidate_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every score of every candidate in a comparison.
    pub async fn selection_scores(&self, set_id: &str) -> Result<Vec<CriterionScore>, StoreError> {
        let rows = sqlx::query(
            "SELECT s.candidate_id, s.criterion, s.score, s.evidence, s.updated_at \
             FROM selection_scores s JOIN selection_candidates c ON c.id = s.candidate_id \
             WHERE c.set_id = $1 ORDER BY c.created_at, c.id, s.criterion",
        )
        .bind(set_id)
        .fetch_all(&self.pool)
        .await?;
        let mut scores = Vec::with_capacity(rows.len());
        for row in rows {
            let score: i64 = row.try_get("score")?;
            scores.push(CriterionScore {
                candidate_id: row.try_get("candidate_id")?,
                criterion: SelectionCriterion::from_column(
                    &row.try_get::<String, _>("criterion")?,
                    "selection_scores",
                )?,
                score: u8::try_from(score)
                    .ok()
                    .filter(|score| SCORE_RANGE.contains(score))
                    .ok_or_else(|| invalid("selection_scores", "score", format!("{score}")))?,
                evidence: row.try_get("evidence")?,
                updated_at: time::from_text(
                    &row.try_get::<String, _>("updated_at")?,
                    "selection_scores",
                    "updated_at",
                )?,
            });
        }
        Ok(scores)
    }
}
