//! Organisations (providers and sponsors), programmes with their sponsors, and the links that
//! tie a sponsor viewer to an organisation or a participant account to a person.
//!
//! A programme's design (phases and modules) is stored as JSON text: its shape belongs to the
//! pure `tsumiki-programme` crate, and this crate depends on no other tsumiki crate.

use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::{Any, Row as _, Transaction};

use crate::{Role, Store, StoreError, time};

/// Whether an organisation runs programmes or sends participants to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrganisationKind {
    /// Runs programmes (a business school, a university, a training firm).
    Provider,
    /// Sends and usually pays for participants (an employer).
    Sponsor,
}

impl OrganisationKind {
    /// The spelling stored in the database (and posted by forms).
    pub fn as_str(self) -> &'static str {
        match self {
            OrganisationKind::Provider => "provider",
            OrganisationKind::Sponsor => "sponsor",
        }
    }

    /// The kind spelled `text`, if any.
    pub fn from_db(text: &str) -> Option<OrganisationKind> {
        match text {
            "provider" => Some(OrganisationKind::Provider),
            "sponsor" => Some(OrganisationKind::Sponsor),
            _ => None,
        }
    }
}

/// A provider or sponsor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    /// UUID.
    pub id: String,
    /// Name in Japanese.
    pub name_ja: String,
    /// Name in English.
    pub name_en: String,
    /// Provider or sponsor.
    pub kind: OrganisationKind,
    /// When it was recorded.
    pub created_at: DateTime<Utc>,
}

/// An organisation to create.
#[derive(Debug, Clone)]
pub struct NewOrganisation {
    /// Name in Japanese.
    pub name_ja: String,
    /// Name in English.
    pub name_en: String,
    /// Provider or sponsor.
    pub kind: OrganisationKind,
}

/// A programme: its titles, provider, design and the issuer that signs what it awards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Programme {
    /// UUID.
    pub id: String,
    /// The organisation that runs it.
    pub provider_id: Option<String>,
    /// Title in Japanese.
    pub title_ja: String,
    /// Title in English.
    pub title_en: String,
    /// A `tsumiki_programme::ProgrammeDesign` as JSON.
    pub design_json: String,
    /// The programme this one was copied from.
    pub template_of: Option<String>,
    /// The issuer whose key signs the credentials its modules award; `None` until chosen.
    pub issuer_id: Option<String>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When its titles, sponsors or design last changed.
    pub updated_at: DateTime<Utc>,
}

/// A programme to create.
#[derive(Debug, Clone)]
pub struct NewProgramme {
    /// The organisation that runs it.
    pub provider_id: Option<String>,
    /// Title in Japanese.
    pub title_ja: String,
    /// Title in English.
    pub title_en: String,
    /// A `tsumiki_programme::ProgrammeDesign` as JSON.
    pub design_json: String,
    /// Sponsor organisations.
    pub sponsor_ids: Vec<String>,
    /// The programme this one is copied from.
    pub template_of: Option<String>,
}

/// The editable header of a programme (everything but its design).
#[derive(Debug, Clone)]
pub struct ProgrammeDetails {
    /// The organisation that runs it.
    pub provider_id: Option<String>,
    /// Title in Japanese.
    pub title_ja: String,
    /// Title in English.
    pub title_en: String,
    /// Sponsor organisations (replaces the current set).
    pub sponsor_ids: Vec<String>,
    /// The issuer that signs its credentials.
    pub issuer_id: Option<String>,
}

/// What an account stands for beyond its role.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserLinks {
    /// For a sponsor viewer: the organisation whose cohorts they may read.
    pub organisation_id: Option<String>,
    /// For a participant: the person (recipient) they are.
    pub recipient_id: Option<String>,
}

const ORGANISATION_COLUMNS: &str = "id, name_ja, name_en, kind, created_at";
const PROGRAMME_COLUMNS: &str = "id, provider_id, title_ja, title_en, design_json, template_of, \
                                 issuer_id, created_at, updated_at";

fn organisation_from_row(row: &AnyRow) -> Result<Organisation, StoreError> {
    let kind: String = row.try_get("kind")?;
    Ok(Organisation {
        id: row.try_get("id")?,
        name_ja: row.try_get("name_ja")?,
        name_en: row.try_get("name_en")?,
        kind: OrganisationKind::from_db(&kind).ok_or_else(|| {
            StoreError::corrupt("organisations", "kind", format!("unknown kind {kind:?}"))
        })?,
        created_at: time::from_text(
            &row.try_get::<String, _>("created_at")?,
            "organisations",
            "created_at",
        )?,
    })
}

fn programme_from_row(row: &AnyRow) -> Result<Programme, StoreError> {
    Ok(Programme {
        id: row.try_get("id")?,
        provider_id: row.try_get("provider_id")?,
        title_ja: row.try_get("title_ja")?,
        title_en: row.try_get("title_en")?,
        design_json: row.try_get("design_json")?,
        template_of: row.try_get("template_of")?,
        issuer_id: row.try_get("issuer_id")?,
        created_at: time::from_text(
            &row.try_get::<String, _>("created_at")?,
            "programmes",
            "created_at",
        )?,
        updated_at: time::from_text(
            &row.try_get::<String, _>("updated_at")?,
            "programmes",
            "updated_at",
        )?,
    })
}

/// Fails with `NotFound` unless `table` has a row with this id; run inside the write
/// transaction so the row cannot vanish before the insert that references it.
pub(crate) async fn require_row(
    tx: &mut Transaction<'static, Any>,
    table: &'static str,
    entity: &'static str,
    id: &str,
) -> Result<(), StoreError> {
    let sql = format!("SELECT 1 FROM {table} WHERE id = $1");
    let found = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .is_some();
    if found {
        Ok(())
    } else {
        Err(StoreError::not_found(entity, id))
    }
}

async fn insert_sponsors(
    tx: &mut Transaction<'static, Any>,
    programme_id: &str,
    sponsor_ids: &[String],
) -> Result<(), StoreError> {
    let mut seen: Vec<&str> = Vec::with_capacity(sponsor_ids.len());
    for sponsor_id in sponsor_ids {
        if seen.contains(&sponsor_id.as_str()) {
            continue;
        }
        seen.push(sponsor_id);
        require_row(tx, "organisations", "organisation", sponsor_id).await?;
        sqlx::query(
            "INSERT INTO programme_sponsors (programme_id, organisation_id) VALUES ($1, $2)",
        )
        .bind(programme_id)
        .bind(sponsor_id)
        .execute(&mut **tx)
        .await
        .map_err(StoreError::on_write("programme sponsor"))?;
    }
    Ok(())
}

impl Store {
    /// Records a provider or sponsor.
    pub async fn create_organisation(
        &self,
        new: &NewOrganisation,
    ) -> Result<Organisation, StoreError> {
        let organisation = Organisation {
            id: time::new_id(),
            name_ja: new.name_ja.clone(),
            name_en: new.name_en.clone(),
            kind: new.kind,
            created_at: time::truncate(time::now()),
        };
        sqlx::query(
            "INSERT INTO organisations (id, name_ja, name_en, kind, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&organisation.id)
        .bind(&organisation.name_ja)
        .bind(&organisation.name_en)
        .bind(organisation.kind.as_str())
        .bind(time::to_text(organisation.created_at))
        .execute(&self.pool)
        .await
        .map_err(StoreError::on_write("organisation"))?;
        Ok(organisation)
    }

    /// Every organisation, by English name.
    pub async fn organisations(&self) -> Result<Vec<Organisation>, StoreError> {
        let sql = format!("SELECT {ORGANISATION_COLUMNS} FROM organisations ORDER BY name_en, id");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(organisation_from_row)
            .collect()
    }

    /// One organisation.
    pub async fn organisation(&self, id: &str) -> Result<Option<Organisation>, StoreError> {
        let sql = format!("SELECT {ORGANISATION_COLUMNS} FROM organisations WHERE id = $1");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(organisation_from_row)
            .transpose()
    }

    /// Creates a programme with its sponsors in one transaction; `NotFound` if the provider,
    /// a sponsor or the template does not exist.
    pub async fn create_programme(&self, new: &NewProgramme) -> Result<Programme, StoreError> {
        let now = time::truncate(time::now());
        let programme = Programme {
            id: time::new_id(),
            provider_id: new.provider_id.clone(),
            title_ja: new.title_ja.clone(),
            title_en: new.title_en.clone(),
            design_json: new.design_json.clone(),
            template_of: new.template_of.clone(),
            issuer_id: None,
            created_at: now,
            updated_at: now,
        };
        let mut tx = self.begin_write().await?;
        if let Some(provider_id) = &programme.provider_id {
            require_row(&mut tx, "organisations", "organisation", provider_id).await?;
        }
        if let Some(template_of) = &programme.template_of {
            require_row(&mut tx, "programmes", "programme", template_of).await?;
        }
        sqlx::query(
            "INSERT INTO programmes (id, provider_id, title_ja, title_en, design_json, \
             template_of, issuer_id, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&programme.id)
        .bind(&programme.provider_id)
        .bind(&programme.title_ja)
        .bind(&programme.title_en)
        .bind(&programme.design_json)
        .bind(&programme.template_of)
        .bind(&programme.issuer_id)
        .bind(time::to_text(now))
        .bind(time::to_text(now))
        .execute(&mut *tx)
        .await
        .map_err(StoreError::on_write("programme"))?;
        insert_sponsors(&mut tx, &programme.id, &new.sponsor_ids).await?;
        tx.commit().await?;
        Ok(programme)
    }

    /// One programme.
    pub async fn programme(&self, id: &str) -> Result<Option<Programme>, StoreError> {
        let sql = format!("SELECT {PROGRAMME_COLUMNS} FROM programmes WHERE id = $1");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(programme_from_row)
            .transpose()
    }

    /// Every programme, by English title.
    pub async fn programmes(&self) -> Result<Vec<Programme>, StoreError> {
        let sql = format!("SELECT {PROGRAMME_COLUMNS} FROM programmes ORDER BY title_en, id");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(programme_from_row)
            .collect()
    }

    /// A programme's sponsor organisations, by English name.
    pub async fn programme_sponsors(
        &self,
        programme_id: &str,
    ) -> Result<Vec<Organisation>, StoreError> {
        sqlx::query(
            "SELECT o.id, o.name_ja, o.name_en, o.kind, o.created_at FROM organisations o \
             JOIN programme_sponsors s ON s.organisation_id = o.id \
             WHERE s.programme_id = $1 ORDER BY o.name_en, o.id",
        )
        .bind(programme_id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(organisation_from_row)
        .collect()
    }

    /// Replaces a programme's titles, provider, issuer and sponsors in one transaction.
    pub async fn update_programme_details(
        &self,
        id: &str,
        details: &ProgrammeDetails,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        if let Some(provider_id) = &details.provider_id {
            require_row(&mut tx, "organisations", "organisation", provider_id).await?;
        }
        if let Some(issuer_id) = &details.issuer_id {
            require_row(&mut tx, "issuers", "issuer", issuer_id).await?;
        }
        let updated = sqlx::query(
            "UPDATE programmes SET provider_id = $1, title_ja = $2, title_en = $3, \
             issuer_id = $4, updated_at = $5 WHERE id = $6",
        )
        .bind(&details.provider_id)
        .bind(&details.title_ja)
        .bind(&details.title_en)
        .bind(&details.issuer_id)
        .bind(time::to_text(time::now()))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::not_found("programme", id));
        }
        sqlx::query("DELETE FROM programme_sponsors WHERE programme_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        insert_sponsors(&mut tx, id, &details.sponsor_ids).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Replaces a programme's design (validated by the caller with `tsumiki-programme`).
    pub async fn update_programme_design(
        &self,
        id: &str,
        design_json: &str,
    ) -> Result<(), StoreError> {
        let updated =
            sqlx::query("UPDATE programmes SET design_json = $1, updated_at = $2 WHERE id = $3")
                .bind(design_json)
                .bind(time::to_text(time::now()))
                .bind(id)
                .execute(&self.pool)
                .await?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::not_found("programme", id));
        }
        Ok(())
    }

    /// What a user account stands for; empty links when none were set.
    pub async fn user_links(&self, user_id: &str) -> Result<UserLinks, StoreError> {
        let row =
            sqlx::query("SELECT organisation_id, recipient_id FROM user_links WHERE user_id = $1")
                .bind(user_id)
                .fetch_optional(&self.pool)
                .await?;
        match row {
            Some(row) => Ok(UserLinks {
                organisation_id: row.try_get("organisation_id")?,
                recipient_id: row.try_get("recipient_id")?,
            }),
            None => Ok(UserLinks::default()),
        }
    }

    /// Replaces a user's links; `NotFound` if the user, organisation or recipient is unknown.
    pub async fn set_user_links(&self, user_id: &str, links: &UserLinks) -> Result<(), StoreError> {
        let mut tx = self.begin_write().await?;
        require_row(&mut tx, "users", "user", user_id).await?;
        if let Some(organisation_id) = &links.organisation_id {
            require_row(&mut tx, "organisations", "organisation", organisation_id).await?;
        }
        if let Some(recipient_id) = &links.recipient_id {
            require_row(&mut tx, "recipients", "recipient", recipient_id).await?;
        }
        sqlx::query("DELETE FROM user_links WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO user_links (user_id, organisation_id, recipient_id) VALUES ($1, $2, $3)",
        )
        .bind(user_id)
        .bind(&links.organisation_id)
        .bind(&links.recipient_id)
        .execute(&mut *tx)
        .await
        .map_err(StoreError::on_write("user links"))?;
        tx.commit().await?;
        Ok(())
    }

    /// Changes what a user may do. Their sessions stay valid: every request re-reads the role.
    pub async fn set_user_role(&self, user_id: &str, role: Role) -> Result<(), StoreError> {
        let updated = sqlx::query("UPDATE users SET role = $1 WHERE id = $2")
            .bind(role.as_str())
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        if updated.rows_affected() == 0 {
            return Err(StoreError::not_found("user", user_id));
        }
        Ok(())
    }
}
