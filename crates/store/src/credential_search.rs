//! Finding credentials and recipients for the back office: text search and filters run in SQL,
//! so a page of 50 stays cheap however many thousands have been issued.
//!
//! The text search is a case-insensitive substring match (`LOWER(column) LIKE '%needle%'`)
//! with `%`, `_` and `\` in the needle escaped, so a user typing `50%` finds "50%" rather
//! than everything. SQLite's `LOWER` folds ASCII only; Japanese has no case, so the names staff
//! search for behave the same on both databases.
//!
//! Filters are added to the SQL only when given, each with its own placeholder: a typed NULL
//! through sqlx's `Any` driver (`$2 IS NULL OR …`) is not portable to PostgreSQL, which cannot
//! infer a parameter's type from `IS NULL` alone.

use chrono::{DateTime, Utc};
use sqlx::Row as _;
use sqlx::any::AnyRow;

use crate::credentials::CredentialState;
use crate::recipients::{Recipient, RecipientIdentifier};
use crate::{Store, StoreError, time};

/// Largest page a search returns, whatever the caller asks for.
pub const MAX_SEARCH_LIMIT: i64 = 500;

/// What to look for among issued credentials.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CredentialQuery {
    /// Matched against the recipient's name and identifiers and the achievement's Japanese
    /// and English names; blank matches everything.
    pub text: String,
    /// Only this issuer's credentials.
    pub issuer_id: Option<String>,
    /// Only credentials for this achievement.
    pub achievement_id: Option<String>,
    /// Only credentials in this state.
    pub state: Option<CredentialState>,
    /// Page size (clamped to `1..=MAX_SEARCH_LIMIT`).
    pub limit: i64,
    /// Rows to skip.
    pub offset: i64,
}

/// One credential as a list shows it: the names it is found by, without the signed document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialListing {
    /// `urn:uuid:…`.
    pub id: String,
    /// The issuer's id.
    pub issuer_id: String,
    /// The issuer's Japanese name.
    pub issuer_name_ja: String,
    /// The issuer's English name.
    pub issuer_name_en: String,
    /// The achievement's id.
    pub achievement_id: String,
    /// The achievement's Japanese name.
    pub achievement_name_ja: String,
    /// The achievement's English name.
    pub achievement_name_en: String,
    /// The recipient's id.
    pub recipient_id: String,
    /// The recipient's display name.
    pub recipient_name: String,
    /// Current state.
    pub state: CredentialState,
    /// When it was issued.
    pub issued_at: DateTime<Utc>,
    /// When its state last changed.
    pub updated_at: DateTime<Utc>,
}

/// One page of search results and how many match in all (for the pager).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialSearchPage {
    /// Newest first.
    pub rows: Vec<CredentialListing>,
    /// Matches across all pages.
    pub total: i64,
}

/// `%needle%` with LIKE's wildcards and the escape character escaped; `None` when blank.
fn like_pattern(text: &str) -> Option<String> {
    let needle = text.trim().to_lowercase();
    if needle.is_empty() {
        return None;
    }
    let mut pattern = String::with_capacity(needle.len() + 2);
    pattern.push('%');
    for c in needle.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    Some(pattern)
}

/// A WHERE clause assembled from fixed fragments, with its string parameters in order.
#[derive(Default)]
struct Conditions {
    clauses: Vec<String>,
    binds: Vec<String>,
}

impl Conditions {
    /// Adds `fragment`, in which every `{}` stands for the next parameter's placeholder.
    fn add(&mut self, fragment: &str, value: String) {
        self.binds.push(value);
        let placeholder = format!("${}", self.binds.len());
        self.clauses.push(fragment.replace("{}", &placeholder));
    }

    fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }
}

fn credential_conditions(query: &CredentialQuery) -> Conditions {
    let mut conditions = Conditions::default();
    if let Some(pattern) = like_pattern(&query.text) {
        conditions.add(
            "(LOWER(r.display_name) LIKE {p} ESCAPE '\\' \
             OR LOWER(a.name_ja) LIKE {p} ESCAPE '\\' \
             OR LOWER(a.name_en) LIKE {p} ESCAPE '\\' \
             OR EXISTS (SELECT 1 FROM recipient_identifiers ri \
             WHERE ri.recipient_id = c.recipient_id \
             AND (LOWER(ri.value) LIKE {p} ESCAPE '\\' OR ri.normalized_value LIKE {p} ESCAPE '\\')))"
                .replace("{p}", "{}")
                .as_str(),
            pattern,
        );
    }
    if let Some(issuer_id) = &query.issuer_id {
        conditions.add("c.issuer_id = {}", issuer_id.clone());
    }
    if let Some(achievement_id) = &query.achievement_id {
        conditions.add("c.achievement_id = {}", achievement_id.clone());
    }
    if let Some(state) = query.state {
        conditions.add("c.state = {}", state.as_str().to_owned());
    }
    conditions
}

const CREDENTIAL_JOINS: &str = " FROM credentials c \
    JOIN issuers i ON i.id = c.issuer_id \
    JOIN achievements a ON a.id = c.achievement_id \
    JOIN recipients r ON r.id = c.recipient_id";

fn listing_from_row(row: &AnyRow) -> Result<CredentialListing, StoreError> {
    Ok(CredentialListing {
        id: row.try_get("id")?,
        issuer_id: row.try_get("issuer_id")?,
        issuer_name_ja: row.try_get("issuer_name_ja")?,
        issuer_name_en: row.try_get("issuer_name_en")?,
        achievement_id: row.try_get("achievement_id")?,
        achievement_name_ja: row.try_get("achievement_name_ja")?,
        achievement_name_en: row.try_get("achievement_name_en")?,
        recipient_id: row.try_get("recipient_id")?,
        recipient_name: row.try_get("recipient_name")?,
        state: CredentialState::parse(&row.try_get::<String, _>("state")?)?,
        issued_at: time::from_text(
            &row.try_get::<String, _>("issued_at")?,
            "credentials",
            "issued_at",
        )?,
        updated_at: time::from_text(
            &row.try_get::<String, _>("updated_at")?,
            "credentials",
            "updated_at",
        )?,
    })
}

fn recipient_from_row(row: &AnyRow) -> Result<Recipient, StoreError> {
    Ok(Recipient {
        id: row.try_get("id")?,
        display_name: row.try_get("display_name")?,
        did: row.try_get("did")?,
        created_at: time::from_text(
            &row.try_get::<String, _>("created_at")?,
            "recipients",
            "created_at",
        )?,
    })
}

impl Store {
    /// Credentials matching `query`, newest first (ties broken by id, so pages never overlap),
    /// with the total count of matches.
    pub async fn search_credentials(
        &self,
        query: &CredentialQuery,
    ) -> Result<CredentialSearchPage, StoreError> {
        let conditions = credential_conditions(query);
        let where_sql = conditions.sql();

        let count_sql = format!("SELECT COUNT(*) AS total{CREDENTIAL_JOINS}{where_sql}");
        let mut count = sqlx::query(sqlx::AssertSqlSafe(count_sql));
        for value in &conditions.binds {
            count = count.bind(value.clone());
        }
        let total: i64 = count.fetch_one(&self.pool).await?.try_get("total")?;

        let limit_at = conditions.binds.len() + 1;
        let rows_sql = format!(
            "SELECT c.id, c.issuer_id, i.name_ja AS issuer_name_ja, i.name_en AS issuer_name_en, \
             c.achievement_id, a.name_ja AS achievement_name_ja, \
             a.name_en AS achievement_name_en, c.recipient_id, \
             r.display_name AS recipient_name, c.state, c.issued_at, c.updated_at\
             {CREDENTIAL_JOINS}{where_sql} ORDER BY c.issued_at DESC, c.id \
             LIMIT ${limit_at} OFFSET ${}",
            limit_at + 1
        );
        let mut rows = sqlx::query(sqlx::AssertSqlSafe(rows_sql));
        for value in &conditions.binds {
            rows = rows.bind(value.clone());
        }
        let rows = rows
            .bind(query.limit.clamp(1, MAX_SEARCH_LIMIT))
            .bind(query.offset.max(0))
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(listing_from_row)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(CredentialSearchPage { rows, total })
    }

    /// Recipients whose name, DID or any identifier contains `text` (case-insensitively), by
    /// display name; blank `text` lists everyone.
    pub async fn search_recipients(
        &self,
        text: &str,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<Recipient>, StoreError> {
        let mut conditions = Conditions::default();
        if let Some(pattern) = like_pattern(text) {
            conditions.add(
                "(LOWER(r.display_name) LIKE {p} ESCAPE '\\' \
                 OR LOWER(COALESCE(r.did, '')) LIKE {p} ESCAPE '\\' \
                 OR EXISTS (SELECT 1 FROM recipient_identifiers ri \
                 WHERE ri.recipient_id = r.id \
                 AND (LOWER(ri.value) LIKE {p} ESCAPE '\\' \
                 OR ri.normalized_value LIKE {p} ESCAPE '\\')))"
                    .replace("{p}", "{}")
                    .as_str(),
                pattern,
            );
        }
        let limit_at = conditions.binds.len() + 1;
        let sql = format!(
            "SELECT r.id, r.display_name, r.did, r.created_at FROM recipients r{} \
             ORDER BY r.display_name, r.id LIMIT ${limit_at} OFFSET ${}",
            conditions.sql(),
            limit_at + 1
        );
        let mut select = sqlx::query(sqlx::AssertSqlSafe(sql));
        for value in &conditions.binds {
            select = select.bind(value.clone());
        }
        select
            .bind(limit.clamp(1, MAX_SEARCH_LIMIT))
            .bind(offset.max(0))
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(recipient_from_row)
            .collect()
    }

    /// The identifiers of several recipients in one query (a list page's worth), by recipient,
    /// kind and value; at most [`MAX_SEARCH_LIMIT`] recipients are asked for.
    pub async fn identifiers_of_recipients(
        &self,
        recipient_ids: &[String],
    ) -> Result<Vec<RecipientIdentifier>, StoreError> {
        let ids = recipient_ids
            .get(..recipient_ids.len().min(MAX_SEARCH_LIMIT as usize))
            .unwrap_or_default();
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders = (1..=ids.len())
            .map(|n| format!("${n}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT id, recipient_id, kind, value, normalized_value FROM recipient_identifiers \
             WHERE recipient_id IN ({placeholders}) ORDER BY recipient_id, kind, normalized_value"
        );
        let mut select = sqlx::query(sqlx::AssertSqlSafe(sql));
        for id in ids {
            select = select.bind(id.clone());
        }
        select
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|row| {
                Ok(RecipientIdentifier {
                    id: row.try_get("id")?,
                    recipient_id: row.try_get("recipient_id")?,
                    kind: row.try_get("kind")?,
                    value: row.try_get("value")?,
                    normalized_value: row.try_get("normalized_value")?,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(like_pattern("  "), None);
        assert_eq!(like_pattern(" Hanako "), Some("%hanako%".to_owned()));
        assert_eq!(
            like_pattern("50%_a\\b"),
            Some("%50\\%\\_a\\\\b%".to_owned())
        );
        assert_eq!(like_pattern("山田"), Some("%山田%".to_owned()));
    }

    #[test]
    fn conditions_number_their_placeholders() {
        let query = CredentialQuery {
            text: "x".into(),
            issuer_id: Some("i".into()),
            state: Some(CredentialState::Revoked),
            ..CredentialQuery::default()
        };
        let conditions = credential_conditions(&query);
        assert_eq!(conditions.binds, ["%x%", "i", "revoked"]);
        let sql = conditions.sql();
        assert!(
            sql.contains("LOWER(r.display_name) LIKE $1 ESCAPE"),
            "{sql}"
        );
        assert!(sql.ends_with("c.issuer_id = $2 AND c.state = $3"), "{sql}");
        assert!(!sql.contains("{}"), "{sql}");
    }
}
