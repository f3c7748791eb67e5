//! Action-learning projects: a team of participants working on a sponsor's real business
//! problem, with an executive sponsor, an objective, deliverables and outcome metrics.

use chrono::{DateTime, Utc};
use sqlx::Row as _;
use sqlx::any::AnyRow;

use crate::programmes::require_row;
use crate::{Store, StoreError, time};

/// A project with its team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    /// UUID.
    pub id: String,
    /// The cohort whose participants work on it.
    pub cohort_id: String,
    /// Title.
    pub title: String,
    /// The executive who owns the business problem (a name; not necessarily an account).
    pub executive_sponsor: String,
    /// What the business wants from it.
    pub business_objective: String,
    /// What the team hands over.
    pub deliverables: Vec<String>,
    /// How success is measured.
    pub outcome_metrics: Vec<String>,
    /// Participant ids of the team, sorted.
    pub member_ids: Vec<String>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// A project's editable content.
#[derive(Debug, Clone)]
pub struct NewProject {
    /// The cohort.
    pub cohort_id: String,
    /// Title.
    pub title: String,
    /// Executive sponsor.
    pub executive_sponsor: String,
    /// Business objective.
    pub business_objective: String,
    /// Deliverables.
    pub deliverables: Vec<String>,
    /// Outcome metrics.
    pub outcome_metrics: Vec<String>,
    /// Participant ids; each must be enrolled in the same cohort.
    pub member_ids: Vec<String>,
}

fn json_list(row: &AnyRow, column: &'static str) -> Result<Vec<String>, StoreError> {
    let text: String = row.try_get(column)?;
    serde_json::from_str(&text)
        .map_err(|error| StoreError::corrupt("projects", column, error.to_string()))
}

fn to_json(list: &[String]) -> String {
    serde_json::Value::from(list.to_vec()).to_string()
}

impl Store {
    /// Creates a project with its team in one transaction. A member not enrolled in the
    /// project's cohort is `NotFound`, so a team never mixes cohorts.
    pub async fn create_project(&self, new: &NewProject) -> Result<Project, StoreError> {
        let now = time::truncate(time::now());
        let mut member_ids: Vec<String> = Vec::with_capacity(new.member_ids.len());
        for member in &new.member_ids {
            if !member_ids.contains(member) {
                member_ids.push(member.clone());
            }
        }
        // The order `projects` reads them back in, so a created project equals its reading.
        member_ids.sort();
        let project = Project {
            id: time::new_id(),
            cohort_id: new.cohort_id.clone(),
            title: new.title.clone(),
            executive_sponsor: new.executive_sponsor.clone(),
            business_objective: new.business_objective.clone(),
            deliverables: new.deliverables.clone(),
            outcome_metrics: new.outcome_metrics.clone(),
            member_ids,
            created_at: now,
            updated_at: now,
        };
        let mut tx = self.begin_write().await?;
        require_row(&mut tx, "cohorts", "cohort", &project.cohort_id).await?;
        sqlx::query(
            "INSERT INTO projects (id, cohort_id, title, executive_sponsor, business_objective, \
             deliverables_json, outcome_metrics_json, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&project.id)
        .bind(&project.cohort_id)
        .bind(&project.title)
        .bind(&project.executive_sponsor)
        .bind(&project.business_objective)
        .bind(to_json(&project.deliverables))
        .bind(to_json(&project.outcome_metrics))
        .bind(time::to_text(now))
        .bind(time::to_text(now))
        .execute(&mut *tx)
        .await
        .map_err(StoreError::on_write("project"))?;
        for member in &project.member_ids {
            let enrolled =
                sqlx::query("SELECT 1 FROM participants WHERE id = $1 AND cohort_id = $2")
                    .bind(member)
                    .bind(&project.cohort_id)
                    .fetch_optional(&mut *tx)
                    .await?
                    .is_some();
            if !enrolled {
                return Err(StoreError::not_found("participant", member.clone()));
            }
            sqlx::query("INSERT INTO project_members (project_id, participant_id) VALUES ($1, $2)")
                .bind(&project.id)
                .bind(member)
                .execute(&mut *tx)
                .await
                .map_err(StoreError::on_write("project member"))?;
        }
        tx.commit().await?;
        Ok(project)
    }

    /// A cohort's projects with their teams, by title.
    pub async fn projects(&self, cohort_id: &str) -> Result<Vec<Project>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, cohort_id, title, executive_sponsor, business_objective, \
             deliverables_json, outcome_metrics_json, created_at, updated_at FROM projects \
             WHERE cohort_id = $1 ORDER BY title, id",
        )
        .bind(cohort_id)
        .fetch_all(&self.pool)
        .await?;
        let mut projects = Vec::with_capacity(rows.len());
        for row in &rows {
            let id: String = row.try_get("id")?;
            let member_ids = sqlx::query_scalar::<_, String>(
                "SELECT m.participant_id FROM project_members m \
                 JOIN participants p ON p.id = m.participant_id \
                 WHERE m.project_id = $1 ORDER BY m.participant_id",
            )
            .bind(&id)
            .fetch_all(&self.pool)
            .await?;
            projects.push(Project {
                id,
                cohort_id: row.try_get("cohort_id")?,
                title: row.try_get("title")?,
                executive_sponsor: row.try_get("executive_sponsor")?,
                business_objective: row.try_get("business_objective")?,
                deliverables: json_list(row, "deliverables_json")?,
                outcome_metrics: json_list(row, "outcome_metrics_json")?,
                member_ids,
                created_at: time::from_text(
                    &row.try_get::<String, _>("created_at")?,
                    "projects",
                    "created_at",
                )?,
                updated_at: time::from_text(
                    &row.try_get::<String, _>("updated_at")?,
                    "projects",
                    "updated_at",
                )?,
            });
        }
        Ok(projects)
    }
}
