//! Action-learning projects: a team of participants working on a sponsor's real business
//! problem, with an executive sponsor, an objective, deliverables and outcome metrics.

use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::{Any, Row as _, Transaction};

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

/// Members without repeats, in the order `projects` reads them back in, so a written
/// project equals its reading.
fn distinct_sorted(members: &[String]) -> Vec<String> {
    let mut member_ids: Vec<String> = Vec::with_capacity(members.len());
    for member in members {
        if !member_ids.contains(member) {
            member_ids.push(member.clone());
        }
    }
    member_ids.sort();
    member_ids
}

/// Adds the team; a member not enrolled in `cohort_id` is `NotFound`, so a team never mixes
/// cohorts (the caller's transaction then rolls back).
async fn insert_members(
    tx: &mut Transaction<'static, Any>,
    project_id: &str,
    cohort_id: &str,
    member_ids: &[String],
) -> Result<(), StoreError> {
    for member in member_ids {
        let enrolled = sqlx::query("SELECT 1 FROM participants WHERE id = $1 AND cohort_id = $2")
            .bind(member)
            .bind(cohort_id)
            .fetch_optional(&mut **tx)
            .await?
            .is_some();
        if !enrolled {
            return Err(StoreError::not_found("participant", member.clone()));
        }
        sqlx::query("INSERT INTO project_members (project_id, participant_id) VALUES ($1, $2)")
            .bind(project_id)
            .bind(member)
            .execute(&mut **tx)
            .await
            .map_err(StoreError::on_write("project member"))?;
    }
    Ok(())
}

/// The cohort a project belongs to, if the project exists.
async fn project_cohort(
    tx: &mut Transaction<'static, Any>,
    project_id: &str,
) -> Result<Option<String>, StoreError> {
    Ok(
        sqlx::query_scalar::<_, String>("SELECT cohort_id FROM projects WHERE id = $1")
            .bind(project_id)
            .fetch_optional(&mut **tx)
            .await?,
    )
}

impl Store {
    /// Creates a project with its team in one transaction. A member not enrolled in the
    /// project's cohort is `NotFound`, so a team never mixes cohorts.
    pub async fn create_project(&self, new: &NewProject) -> Result<Project, StoreError> {
        let now = time::truncate(time::now());
        let member_ids = distinct_sorted(&new.member_ids);
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
        insert_members(
            &mut tx,
            &project.id,
            &project.cohort_id,
            &project.member_ids,
        )
        .await?;
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

    /// One project of a cohort; `None` when unknown or when it belongs to another cohort, so
    /// a page under one cohort's URL never reaches another's project.
    pub async fn project(
        &self,
        cohort_id: &str,
        project_id: &str,
    ) -> Result<Option<Project>, StoreError> {
        Ok(self
            .projects(cohort_id)
            .await?
            .into_iter()
            .find(|project| project.id == project_id))
    }

    /// Replaces a project's content and team in one transaction: a member from another
    /// cohort leaves the old team in place. `NotFound` when the project is not in
    /// `content.cohort_id` or a member is not enrolled there.
    pub async fn update_project(
        &self,
        project_id: &str,
        content: &NewProject,
    ) -> Result<Project, StoreError> {
        let mut tx = self.begin_write().await?;
        if project_cohort(&mut tx, project_id).await?.as_deref() != Some(&content.cohort_id) {
            return Err(StoreError::not_found("project", project_id));
        }
        let now = time::truncate(time::now());
        sqlx::query(
            "UPDATE projects SET title = $1, executive_sponsor = $2, business_objective = $3, \
             deliverables_json = $4, outcome_metrics_json = $5, updated_at = $6 WHERE id = $7",
        )
        .bind(&content.title)
        .bind(&content.executive_sponsor)
        .bind(&content.business_objective)
        .bind(to_json(&content.deliverables))
        .bind(to_json(&content.outcome_metrics))
        .bind(time::to_text(now))
        .bind(project_id)
        .execute(&mut *tx)
        .await
        .map_err(StoreError::on_write("project"))?;
        sqlx::query("DELETE FROM project_members WHERE project_id = $1")
            .bind(project_id)
            .execute(&mut *tx)
            .await?;
        let member_ids = distinct_sorted(&content.member_ids);
        insert_members(&mut tx, project_id, &content.cohort_id, &member_ids).await?;
        let created_text: String =
            sqlx::query_scalar("SELECT created_at FROM projects WHERE id = $1")
                .bind(project_id)
                .fetch_one(&mut *tx)
                .await?;
        tx.commit().await?;
        Ok(Project {
            id: project_id.to_owned(),
            cohort_id: content.cohort_id.clone(),
            title: content.title.clone(),
            executive_sponsor: content.executive_sponsor.clone(),
            business_objective: content.business_objective.clone(),
            deliverables: content.deliverables.clone(),
            outcome_metrics: content.outcome_metrics.clone(),
            member_ids,
            created_at: time::from_text(&created_text, "projects", "created_at")?,
            updated_at: now,
        })
    }

    /// Deletes a project of `cohort_id` with its team rows; `NotFound` when it is not there.
    pub async fn delete_project(
        &self,
        cohort_id: &str,
        project_id: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        if project_cohort(&mut tx, project_id).await?.as_deref() != Some(cohort_id) {
            return Err(StoreError::not_found("project", project_id));
        }
        // Explicitly, not by cascade: SQLite enforces ON DELETE CASCADE only with foreign keys on.
        sqlx::query("DELETE FROM project_members WHERE project_id = $1")
            .bind(project_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM projects WHERE id = $1")
            .bind(project_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
