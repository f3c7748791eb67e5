//! Issuer profiles: who signs, under which identifier, with which (sealed) key.

use chrono::{DateTime, Utc};
use sqlx::Row as _;
use sqlx::any::AnyRow;

use crate::{MasterKey, Store, StoreError, time};

/// How an issuer is identified in the credentials it signs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentifierKind {
    /// An https URL whose controller document is published by the server.
    Https,
    /// A `did:web` identifier resolved from the issuer's domain.
    DidWeb,
    /// A self-contained `did:key`.
    DidKey,
}

impl IdentifierKind {
    /// The spelling stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            IdentifierKind::Https => "https",
            IdentifierKind::DidWeb => "did:web",
            IdentifierKind::DidKey => "did:key",
        }
    }

    fn parse(text: &str) -> Result<IdentifierKind, StoreError> {
        match text {
            "https" => Ok(IdentifierKind::Https),
            "did:web" => Ok(IdentifierKind::DidWeb),
            "did:key" => Ok(IdentifierKind::DidKey),
            other => Err(StoreError::corrupt(
                "issuers",
                "identifier_kind",
                format!("unknown kind {other:?}"),
            )),
        }
    }
}

/// What it takes to create an issuer. The secret key is sealed before it is stored.
#[derive(Debug, Clone)]
pub struct NewIssuer {
    /// Short URL-safe name, unique on the server.
    pub slug: String,
    /// Display name in Japanese.
    pub name_ja: String,
    /// Display name in English.
    pub name_en: String,
    /// The organisation's home page.
    pub url: String,
    /// How `identifier` is to be read.
    pub identifier_kind: IdentifierKind,
    /// The https URL or DID that appears as `issuer.id`.
    pub identifier: String,
    /// The verification method id that proofs reference.
    pub verification_method: String,
    /// The public key, multibase-encoded.
    pub public_key_multibase: String,
    /// The raw secret key bytes; stored only sealed with the master key.
    pub secret_key: Vec<u8>,
}

/// A stored issuer profile. The secret key stays sealed until [`Store::issuer_secret_key`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    /// UUID.
    pub id: String,
    /// Short URL-safe name.
    pub slug: String,
    /// Display name in Japanese.
    pub name_ja: String,
    /// Display name in English.
    pub name_en: String,
    /// The organisation's home page.
    pub url: String,
    /// How `identifier` is to be read.
    pub identifier_kind: IdentifierKind,
    /// The https URL or DID.
    pub identifier: String,
    /// The verification method id.
    pub verification_method: String,
    /// The public key, multibase-encoded.
    pub public_key_multibase: String,
    /// The secret key sealed by the master key, with the issuer id as associated data.
    pub sealed_secret_key: Vec<u8>,
    /// When the issuer was created.
    pub created_at: DateTime<Utc>,
    /// Keys rotated out, oldest first. They no longer sign but stay in the controller document,
    /// so what they signed keeps verifying.
    pub retired_keys: Vec<RetiredKey>,
}

/// A key that signed for an issuer before a rotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetiredKey {
    /// Its verification method id (as proofs reference it).
    pub verification_method: String,
    /// The public key, multibase-encoded.
    pub public_key_multibase: String,
    /// When it stopped signing.
    pub retired_at: DateTime<Utc>,
}

/// The replacement key of a rotation; the secret is sealed before it is stored.
#[derive(Debug, Clone)]
pub struct RotatedKey {
    /// The new verification method id.
    pub verification_method: String,
    /// The new public key, multibase-encoded.
    pub public_key_multibase: String,
    /// The raw new secret key bytes.
    pub secret_key: Vec<u8>,
}

const COLUMNS: &str = "id, slug, name_ja, name_en, url, identifier_kind, identifier, \
    verification_method, public_key_multibase, sealed_secret_key, created_at";

fn from_row(row: &AnyRow) -> Result<Issuer, StoreError> {
    Ok(Issuer {
        id: row.try_get("id")?,
        slug: row.try_get("slug")?,
        name_ja: row.try_get("name_ja")?,
        name_en: row.try_get("name_en")?,
        url: row.try_get("url")?,
        identifier_kind: IdentifierKind::parse(&row.try_get::<String, _>("identifier_kind")?)?,
        identifier: row.try_get("identifier")?,
        verification_method: row.try_get("verification_method")?,
        public_key_multibase: row.try_get("public_key_multibase")?,
        sealed_secret_key: row.try_get("sealed_secret_key")?,
        created_at: time::from_text(
            &row.try_get::<String, _>("created_at")?,
            "issuers",
            "created_at",
        )?,
        retired_keys: Vec::new(),
    })
}

fn retired_from_row(row: &AnyRow) -> Result<(String, RetiredKey), StoreError> {
    Ok((
        row.try_get("issuer_id")?,
        RetiredKey {
            verification_method: row.try_get("verification_method")?,
            public_key_multibase: row.try_get("public_key_multibase")?,
            retired_at: time::from_text(
                &row.try_get::<String, _>("retired_at")?,
                "issuer_retired_keys",
                "retired_at",
            )?,
        },
    ))
}

const RETIRED_COLUMNS: &str = "issuer_id, verification_method, public_key_multibase, retired_at";

impl Store {
    /// Stores a new issuer, sealing its secret key under `master_key` bound to the new id.
    pub async fn create_issuer(
        &self,
        new: NewIssuer,
        master_key: &MasterKey,
    ) -> Result<Issuer, StoreError> {
        let issuer = Issuer {
            sealed_secret_key: Vec::new(),
            id: time::new_id(),
            slug: new.slug,
            name_ja: new.name_ja,
            name_en: new.name_en,
            url: new.url,
            identifier_kind: new.identifier_kind,
            identifier: new.identifier,
            verification_method: new.verification_method,
            public_key_multibase: new.public_key_multibase,
            created_at: time::truncate(time::now()),
            retired_keys: Vec::new(),
        };
        let sealed = master_key.seal(&new.secret_key, issuer.id.as_bytes())?;
        let issuer = Issuer {
            sealed_secret_key: sealed,
            ..issuer
        };
        sqlx::query(
            "INSERT INTO issuers (id, slug, name_ja, name_en, url, identifier_kind, identifier, \
             verification_method, public_key_multibase, sealed_secret_key, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(&issuer.id)
        .bind(&issuer.slug)
        .bind(&issuer.name_ja)
        .bind(&issuer.name_en)
        .bind(&issuer.url)
        .bind(issuer.identifier_kind.as_str())
        .bind(&issuer.identifier)
        .bind(&issuer.verification_method)
        .bind(&issuer.public_key_multibase)
        .bind(&issuer.sealed_secret_key)
        .bind(time::to_text(issuer.created_at))
        .execute(&self.pool)
        .await
        .map_err(StoreError::on_write("issuer"))?;
        Ok(issuer)
    }

    /// Looks up an issuer by id.
    pub async fn issuer(&self, id: &str) -> Result<Issuer, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM issuers WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::not_found("issuer", id))?;
        self.with_retired_keys(from_row(&row)?).await
    }

    /// Looks up an issuer by its slug (as used in URLs).
    pub async fn issuer_by_slug(&self, slug: &str) -> Result<Issuer, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM issuers WHERE slug = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(slug)
            .fetch_optional(&self.pool)
            .await?
            .ok_or_else(|| StoreError::not_found("issuer", slug))?;
        self.with_retired_keys(from_row(&row)?).await
    }

    /// Every issuer, by slug.
    pub async fn issuers(&self) -> Result<Vec<Issuer>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM issuers ORDER BY slug");
        let mut issuers = sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(from_row)
            .collect::<Result<Vec<_>, _>>()?;
        let sql = format!(
            "SELECT {RETIRED_COLUMNS} FROM issuer_retired_keys ORDER BY retired_at, verification_method"
        );
        for row in sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(&self.pool)
            .await?
        {
            let (issuer_id, key) = retired_from_row(&row)?;
            if let Some(issuer) = issuers.iter_mut().find(|issuer| issuer.id == issuer_id) {
                issuer.retired_keys.push(key);
            }
        }
        Ok(issuers)
    }

    async fn with_retired_keys(&self, mut issuer: Issuer) -> Result<Issuer, StoreError> {
        let sql = format!(
            "SELECT {RETIRED_COLUMNS} FROM issuer_retired_keys WHERE issuer_id = $1 \
             ORDER BY retired_at, verification_method"
        );
        for row in sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(&issuer.id)
            .fetch_all(&self.pool)
            .await?
        {
            issuer.retired_keys.push(retired_from_row(&row)?.1);
        }
        Ok(issuer)
    }

    /// Replaces the issuer's signing key, in one transaction: the current key moves to the
    /// retired keys (still published, so what it signed keeps verifying) and `new` becomes the
    /// key that signs from now on. The caller decides whether the identifier allows it: a
    /// did:key issuer's identifier *is* its key, so rotating it would orphan the DID.
    pub async fn rotate_issuer_key(
        &self,
        issuer_id: &str,
        new: RotatedKey,
        master_key: &MasterKey,
    ) -> Result<Issuer, StoreError> {
        let sealed = master_key.seal(&new.secret_key, issuer_id.as_bytes())?;
        let now = time::to_text(time::truncate(time::now()));
        let mut transaction = self.begin_write().await?;
        let sql = format!("SELECT {COLUMNS} FROM issuers WHERE id = $1");
        let current = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(issuer_id)
            .fetch_optional(&mut *transaction)
            .await?
            .ok_or_else(|| StoreError::not_found("issuer", issuer_id))
            .and_then(|row| from_row(&row))?;
        // A method id names one key forever: a verifier that cached it must never see it change.
        let reused: Option<String> = sqlx::query_scalar(
            "SELECT verification_method FROM issuer_retired_keys \
             WHERE issuer_id = $1 AND verification_method = $2",
        )
        .bind(issuer_id)
        .bind(&new.verification_method)
        .fetch_optional(&mut *transaction)
        .await?;
        if reused.is_some() || new.verification_method == current.verification_method {
            return Err(StoreError::AlreadyExists {
                entity: "issuer key",
                detail: format!(
                    "verification method {} was used before",
                    new.verification_method
                ),
            });
        }
        sqlx::query(
            "INSERT INTO issuer_retired_keys (issuer_id, verification_method, \
             public_key_multibase, retired_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(issuer_id)
        .bind(&current.verification_method)
        .bind(&current.public_key_multibase)
        .bind(&now)
        .execute(&mut *transaction)
        .await
        .map_err(StoreError::on_write("retired issuer key"))?;
        sqlx::query(
            "UPDATE issuers SET verification_method = $1, public_key_multibase = $2, \
             sealed_secret_key = $3 WHERE id = $4",
        )
        .bind(&new.verification_method)
        .bind(&new.public_key_multibase)
        .bind(&sealed)
        .bind(issuer_id)
        .execute(&mut *transaction)
        .await
        .map_err(StoreError::on_write("issuer"))?;
        transaction.commit().await?;
        self.issuer(issuer_id).await
    }

    /// Unseals the issuer's secret key. Fails with [`crate::SealError::WrongKey`] when the
    /// master key is not the one the key was sealed with.
    pub fn issuer_secret_key(
        &self,
        issuer: &Issuer,
        master_key: &MasterKey,
    ) -> Result<Vec<u8>, StoreError> {
        Ok(master_key.open(&issuer.sealed_secret_key, issuer.id.as_bytes())?)
    }
}
