//! Cohorts: one run of a programme, with its dates, its sponsor and the small-group thresholds
//! every aggregate about its people must respect.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row as _;
use sqlx::any::AnyRow;

use crate::programmes::require_row;
use crate::{Store, StoreError, time};

/// One run of a programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cohort {
    /// UUID.
    pub id: String,
    /// The programme it runs.
    pub programme_id: String,
    /// The organisation that sends this cohort, if one does; its sponsor viewers may read it.
    pub sponsor_id: Option<String>,
    /// E.g. "2026 spring".
    pub name: String,
    /// First day.
    pub starts_on: NaiveDate,
    /// Last day.
    pub ends_on: NaiveDate,
    /// Fewest respondents a group may have before its figures are shown.
    pub anonymity_threshold: u32,
    /// Fewest respondents before free-text comments are shown (higher: prose identifies).
    pub comment_threshold: u32,
    /// When it was created.
    pub created_at: DateTime<Utc>,
}

/// A cohort to create.
#[derive(Debug, Clone)]
pub struct NewCohort {
    /// The programme it runs.
    pub programme_id: String,
    /// The sponsoring organisation, if any.
    pub sponsor_id: Option<String>,
    /// Display name.
    pub name: String,
    /// First day.
    pub starts_on: NaiveDate,
    /// Last day (not before `starts_on`).
    pub ends_on: NaiveDate,
    /// Usually 3.
    pub anonymity_threshold: u32,
    /// Usually 5.
    pub comment_threshold: u32,
}

/// A cohort's editable settings: everything but its programme, which would orphan the
/// cohort's participants' completions from the design they were recorded against.
#[derive(Debug, Clone)]
pub struct CohortUpdate {
    /// The sponsoring organisation, if any.
    pub sponsor_id: Option<String>,
    /// Display name.
    pub name: String,
    /// First day.
    pub starts_on: NaiveDate,
    /// Last day (not before `starts_on`).
    pub ends_on: NaiveDate,
    /// Fewest respondents per shown group; reports read it on every request, so a change
    /// applies at once.
    pub anonymity_threshold: u32,
    /// Fewest respondents before comments are shown.
    pub comment_threshold: u32,
}

const COLUMNS: &str = "id, programme_id, sponsor_id, name, starts_on, ends_on, \
                       anonymity_threshold, comment_threshold, created_at";

pub(crate) fn date_to_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

pub(crate) fn date_from_text(
    text: &str,
    table: &'static str,
    column: &'static str,
) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|error| StoreError::corrupt(table, column, format!("{text:?}: {error}")))
}

fn threshold(row: &AnyRow, column: &'static str) -> Result<u32, StoreError> {
    let value: i64 = row.try_get(column)?;
    u32::try_from(value).map_err(|_| StoreError::corrupt("cohorts", column, value.to_string()))
}

fn cohort_from_row(row: &AnyRow) -> Result<Cohort, StoreError> {
    Ok(Cohort {
        id: row.try_get("id")?,
        programme_id: row.try_get("programme_id")?,
        sponsor_id: row.try_get("sponsor_id")?,
        name: row.try_get("name")?,
        starts_on: date_from_text(
            &row.try_get::<String, _>("starts_on")?,
            "cohorts",
            "starts_on",
        )?,
        ends_on: date_from_text(&row.try_get::<String, _>("ends_on")?, "cohorts", "ends_on")?,
        anonymity_threshold: threshold(row, "anonymity_threshold")?,
        comment_threshold: threshold(row, "comment_threshold")?,
        created_at: time::from_text(
            &row.try_get::<String, _>("created_at")?,
            "cohorts",
            "created_at",
        )?,
    })
}

impl Store {
    /// Creates a cohort; `NotFound` if the programme or sponsor is unknown. The schema rejects
    /// an end before the start and thresholds below one.
    pub async fn create_cohort(&self, new: &NewCohort) -> Result<Cohort, StoreError> {
        let cohort = Cohort {
            id: time::new_id(),
            programme_id: new.programme_id.clone(),
            sponsor_id: new.sponsor_id.clone(),
            name: new.name.clone(),
            starts_on: new.starts_on,
            ends_on: new.ends_on,
            anonymity_threshold: new.anonymity_threshold,
            comment_threshold: new.comment_threshold,
            created_at: time::truncate(time::now()),
        };
        let mut tx = self.begin_write().await?;
        require_row(&mut tx, "programmes", "programme", &cohort.programme_id).await?;
        if let Some(sponsor_id) = &cohort.sponsor_id {
            require_row(&mut tx, "organisations", "organisation", sponsor_id).await?;
        }
        sqlx::query(
            "INSERT INTO cohorts (id, programme_id, sponsor_id, name, starts_on, ends_on, \
             anonymity_threshold, comment_threshold, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&cohort.id)
        .bind(&cohort.programme_id)
        .bind(&cohort.sponsor_id)
        .bind(&cohort.name)
        .bind(date_to_text(cohort.starts_on))
        .bind(date_to_text(cohort.ends_on))
        .bind(i64::from(cohort.anonymity_threshold))
        .bind(i64::from(cohort.comment_threshold))
        .bind(time::to_text(cohort.created_at))
        .execute(&mut *tx)
        .await
        .map_err(StoreError::on_write("cohort"))?;
        tx.commit().await?;
        Ok(cohort)
    }

    /// Replaces a cohort's settings; `NotFound` if the cohort or sponsor is unknown. The
    /// schema rejects an end before the start; the caller enforces its own threshold rules.
    pub async fn update_cohort(
        &self,
        id: &str,
        update: &CohortUpdate,
    ) -> Result<Cohort, StoreError> {
        let mut tx = self.begin_write().await?;
        require_row(&mut tx, "cohorts", "cohort", id).await?;
        if let Some(sponsor_id) = &update.sponsor_id {
            require_row(&mut tx, "organisations", "organisation", sponsor_id).await?;
        }
        sqlx::query(
            "UPDATE cohorts SET sponsor_id = $1, name = $2, starts_on = $3, ends_on = $4, \
             anonymity_threshold = $5, comment_threshold = $6 WHERE id = $7",
        )
        .bind(&update.sponsor_id)
        .bind(&update.name)
        .bind(date_to_text(update.starts_on))
        .bind(date_to_text(update.ends_on))
        .bind(i64::from(update.anonymity_threshold))
        .bind(i64::from(update.comment_threshold))
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(StoreError::on_write("cohort"))?;
        let sql = format!("SELECT {COLUMNS} FROM cohorts WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        let cohort = cohort_from_row(&row)?;
        tx.commit().await?;
        Ok(cohort)
    }

    /// One cohort.
    pub async fn cohort(&self, id: &str) -> Result<Option<Cohort>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM cohorts WHERE id = $1");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(cohort_from_row)
            .transpose()
    }

    /// Every cohort, latest start first.
    pub async fn cohorts(&self) -> Result<Vec<Cohort>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM cohorts ORDER BY starts_on DESC, name, id");
        self.cohorts_where(sql, None).await
    }

    /// A programme's cohorts, latest start first.
    pub async fn cohorts_for_programme(
        &self,
        programme_id: &str,
    ) -> Result<Vec<Cohort>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM cohorts WHERE programme_id = $1 \
             ORDER BY starts_on DESC, name, id"
        );
        self.cohorts_where(sql, Some(programme_id)).await
    }

    /// The cohorts an organisation sponsors, latest start first.
    pub async fn cohorts_for_sponsor(&self, sponsor_id: &str) -> Result<Vec<Cohort>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM cohorts WHERE sponsor_id = $1 \
             ORDER BY starts_on DESC, name, id"
        );
        self.cohorts_where(sql, Some(sponsor_id)).await
    }

    async fn cohorts_where(
        &self,
        sql: String,
        parameter: Option<&str>,
    ) -> Result<Vec<Cohort>, StoreError> {
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        if let Some(parameter) = parameter {
            query = query.bind(parameter.to_owned());
        }
        query
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(cohort_from_row)
            .collect()
    }
}
