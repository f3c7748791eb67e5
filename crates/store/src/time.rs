//! Timestamps are stored as RFC 3339 UTC text with whole seconds (`2026-01-01T00:00:00Z`): the
//! one representation that sorts correctly as text in both SQLite and PostgreSQL.

use chrono::{DateTime, SecondsFormat, Utc};

use crate::StoreError;

pub(crate) fn to_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub(crate) fn from_text(
    text: &str,
    table: &'static str,
    column: &'static str,
) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|at| at.with_timezone(&Utc))
        .map_err(|error| StoreError::corrupt(table, column, format!("{text:?}: {error}")))
}

pub(crate) fn now() -> DateTime<Utc> {
    Utc::now()
}

/// Drops sub-second precision so a value read back equals the value written.
pub(crate) fn truncate(at: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp(at.timestamp(), 0).unwrap_or(at)
}

pub(crate) fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}
