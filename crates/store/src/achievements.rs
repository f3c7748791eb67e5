//! Achievements (badge classes) with their Japanese and English texts and the micro-credential
//! metadata that MC-METADATA.md requires.

use chrono::{DateTime, Utc};
use sqlx::Row as _;
use sqlx::any::AnyRow;

use crate::{Store, StoreError, time};

/// The achievement's picture. Only PNG and SVG are accepted (the schema enforces it) because
/// those are the formats Open Badges can bake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AchievementImage {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// `image/png` or `image/svg+xml`.
    pub media_type: String,
    /// Alternative text in Japanese.
    pub alt_ja: String,
    /// Alternative text in English.
    pub alt_en: String,
}

/// Everything an achievement holds except its id and timestamps.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAchievement {
    /// The issuer that awards it.
    pub issuer_id: String,
    /// OB 3.0 `achievementType`, e.g. `Certificate` or `MicroCredential`.
    pub achievement_type: String,
    /// Name in Japanese.
    pub name_ja: String,
    /// Name in English.
    pub name_en: String,
    /// Description in Japanese.
    pub description_ja: String,
    /// Description in English.
    pub description_en: String,
    /// Criteria narrative in Japanese.
    pub criteria_ja: String,
    /// Criteria narrative in English.
    pub criteria_en: String,
    /// Learning outcomes (学修成果) in Japanese, one per entry.
    pub learning_outcomes_ja: Vec<String>,
    /// Learning outcomes in English, one per entry.
    pub learning_outcomes_en: Vec<String>,
    /// Notional workload in hours (時間).
    pub hours: Option<f64>,
    /// Credits (単位 or ECTS).
    pub credits: Option<f64>,
    /// Level, e.g. an EQF level or the issuer's own scale.
    pub level: Option<String>,
    /// Type of assessment (exam, project, portfolio...).
    pub assessment_type: Option<String>,
    /// Form of participation (online, on-site, blended...).
    pub participation_form: Option<String>,
    /// Quality assurance statement.
    pub quality_assurance: Option<String>,
    /// Prerequisites.
    pub prerequisites: Option<String>,
    /// Which larger credentials this one counts towards.
    pub stackability: Option<String>,
    /// The picture, if any.
    pub image: Option<AchievementImage>,
    /// OB 3.0 `alignment[]` objects, kept as JSON.
    pub alignments: Vec<serde_json::Value>,
}

/// A stored achievement.
#[derive(Debug, Clone, PartialEq)]
pub struct Achievement {
    /// UUID.
    pub id: String,
    /// Its content.
    pub details: NewAchievement,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it was last changed.
    pub updated_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, issuer_id, achievement_type, name_ja, name_en, description_ja, \
    description_en, criteria_ja, criteria_en, learning_outcomes_ja, learning_outcomes_en, hours, \
    credits, level, assessment_type, participation_form, quality_assurance, prerequisites, \
    stackability, image, image_media_type, image_alt_ja, image_alt_en, alignments, created_at, \
    updated_at";

fn json_column<T: serde::de::DeserializeOwned>(
    row: &AnyRow,
    column: &'static str,
) -> Result<T, StoreError> {
    let text: String = row.try_get(column)?;
    serde_json::from_str(&text)
        .map_err(|error| StoreError::corrupt("achievements", column, error.to_string()))
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    // Vec<String> and Vec<serde_json::Value> always serialize.
    serde_json::to_string(value).unwrap_or_else(|_| String::from("[]"))
}

fn from_row(row: &AnyRow) -> Result<Achievement, StoreError> {
    let image_bytes: Option<Vec<u8>> = row.try_get("image")?;
    let image = match image_bytes {
        Some(bytes) => Some(AchievementImage {
            bytes,
            media_type: row
                .try_get::<Option<String>, _>("image_media_type")?
                .unwrap_or_default(),
            alt_ja: row
                .try_get::<Option<String>, _>("image_alt_ja")?
                .unwrap_or_default(),
            alt_en: row
                .try_get::<Option<String>, _>("image_alt_en")?
                .unwrap_or_default(),
        }),
        None => None,
    };
    Ok(Achievement {
        id: row.try_get("id")?,
        details: NewAchievement {
            issuer_id: row.try_get("issuer_id")?,
            achievement_type: row.try_get("achievement_type")?,
            name_ja: row.try_get("name_ja")?,
            name_en: row.try_get("name_en")?,
            description_ja: row.try_get("description_ja")?,
            description_en: row.try_get("description_en")?,
            criteria_ja: row.try_get("criteria_ja")?,
            criteria_en: row.try_get("criteria_en")?,
            learning_outcomes_ja: json_column(row, "learning_outcomes_ja")?,
            learning_outcomes_en: json_column(row, "learning_outcomes_en")?,
            hours: row.try_get("hours")?,
            credits: row.try_get("credits")?,
            level: row.try_get("level")?,
            assessment_type: row.try_get("assessment_type")?,
            participation_form: row.try_get("participation_form")?,
            quality_assurance: row.try_get("quality_assurance")?,
            prerequisites: row.try_get("prerequisites")?,
            stackability: row.try_get("stackability")?,
            image,
            alignments: json_column(row, "alignments")?,
        },
        created_at: time::from_text(
            &row.try_get::<String, _>("created_at")?,
            "achievements",
            "created_at",
        )?,
        updated_at: time::from_text(
            &row.try_get::<String, _>("updated_at")?,
            "achievements",
            "updated_at",
        )?,
    })
}

/// Binds the content columns in the order of [`COLUMNS`] after `id`.
fn bind_details<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    details: &NewAchievement,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    let image = details.image.as_ref();
    query
        .bind(details.issuer_id.clone())
        .bind(details.achievement_type.clone())
        .bind(details.name_ja.clone())
        .bind(details.name_en.clone())
        .bind(details.description_ja.clone())
        .bind(details.description_en.clone())
        .bind(details.criteria_ja.clone())
        .bind(details.criteria_en.clone())
        .bind(to_json(&details.learning_outcomes_ja))
        .bind(to_json(&details.learning_outcomes_en))
        .bind(details.hours)
        .bind(details.credits)
        .bind(details.level.clone())
        .bind(details.assessment_type.clone())
        .bind(details.participation_form.clone())
        .bind(details.quality_assurance.clone())
        .bind(details.prerequisites.clone())
        .bind(details.stackability.clone())
        .bind(image.map(|image| image.bytes.clone()))
        .bind(image.map(|image| image.media_type.clone()))
        .bind(image.map(|image| image.alt_ja.clone()))
        .bind(image.map(|image| image.alt_en.clone()))
        .bind(to_json(&details.alignments))
}

impl Store {
    /// Stores a new achievement for an existing issuer.
    pub async fn create_achievement(&self, new: NewAchievement) -> Result<Achievement, StoreError> {
        let now = time::truncate(time::now());
        let achievement = Achievement {
            id: time::new_id(),
            details: new,
            created_at: now,
            updated_at: now,
        };
        let query = sqlx::query(
            "INSERT INTO achievements (id, issuer_id, achievement_type, name_ja, name_en, \
             description_ja, description_en, criteria_ja, criteria_en, learning_outcomes_ja, \
             learning_outcomes_en, hours, credits, level, assessment_type, participation_form, \
             quality_assurance, prerequisites, stackability, image, image_media_type, \
             image_alt_ja, image_alt_en, alignments, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, \
             $18, $19, $20, $21, $22, $23, $24, $25, $26)",
        )
        .bind(achievement.id.clone());
        bind_details(query, &achievement.details)
            .bind(time::to_text(now))
            .bind(time::to_text(now))
            .execute(&self.pool)
            .await
            .map_err(StoreError::on_write("achievement"))?;
        Ok(achievement)
    }

    /// Replaces an achievement's content. Credentials already issued keep the copy they were
    /// signed with; only future credentials see the change.
    pub async fn update_achievement(
        &self,
        id: &str,
        details: NewAchievement,
    ) -> Result<Achievement, StoreError> {
        let current = self.achievement(id).await?;
        let now = time::truncate(time::now());
        let query = sqlx::query(
            "UPDATE achievements SET issuer_id = $1, achievement_type = $2, name_ja = $3, \
             name_en = $4, description_ja = $5, description_en = $6, criteria_ja = $7, \
             criteria_en = $8, learning_outcomes_ja = $9, learning_outcomes_en = $10, hours = $11, \
             credits = $12, level = $13, assessment_type = $14, participation_form = $15, \
             quality_assurance = $16, prerequisites = $17, stackability = $18, image = $19, \
             image_media_type = $20, image_alt_ja = $21, image_alt_en = $22, alignments = $23, \
             updated_at = $24 WHERE id = $25",
        );
        let updated = bind_details(query, &details)
            .bind(time::to_text(now))
            .bind(id.to_owned())
            .execute(&self.pool)
            .await
            .map_err(StoreError::on_write("achievement"))?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::not_found("achievement", id));
        }
        Ok(Achievement {
            id: current.id,
            details,
            created_at: current.created_at,
            updated_at: now,
        })
    }

    /// Looks up an achievement by id.
    pub async fn achievement(&self, id: &str) -> Result<Achievement, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM achievements WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::not_found("achievement", id))?;
        from_row(&row)
    }

    /// An issuer's achievements, oldest first.
    pub async fn achievements(&self, issuer_id: &str) -> Result<Vec<Achievement>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM achievements WHERE issuer_id = $1 ORDER BY created_at, id"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(issuer_id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(from_row)
            .collect()
    }
}
