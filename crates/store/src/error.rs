//! One error type for every repository, so the web layer can map each case to an HTTP status
//! without parsing database messages.

use std::path::PathBuf;

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A UNIQUE constraint rejected the write (e.g. an email already registered). Kept apart from
    /// [`StoreError::Database`] so callers can answer "already exists" instead of "server error".
    #[error("{entity} already exists ({detail})")]
    AlreadyExists {
        /// The domain object that collided, e.g. `user`.
        entity: &'static str,
        /// The database's own description of the constraint (constraint name or column list).
        detail: String,
    },
    /// A referenced row (issuer, achievement, user...) does not exist.
    #[error("{entity} {id} not found")]
    NotFound {
        /// The domain object looked up.
        entity: &'static str,
        /// The id or key that was looked up.
        id: String,
    },
    /// A status change that the credential's current state does not allow (e.g. unsuspending a
    /// credential that is not suspended, or anything after revocation).
    #[error("cannot {action} credential {credential_id}: it is {state}")]
    InvalidTransition {
        /// The credential whose state was to change.
        credential_id: String,
        /// The requested action.
        action: &'static str,
        /// The state it is in.
        state: &'static str,
    },
    /// A value read from the database does not fit the domain (e.g. an unknown role name). Only
    /// reachable if the database was edited by hand or by a newer version.
    #[error("corrupt value in {table}.{column}: {reason}")]
    CorruptRow {
        /// Table read.
        table: &'static str,
        /// Column read.
        column: &'static str,
        /// Why the value was rejected.
        reason: String,
    },
    /// The database URL names neither SQLite nor PostgreSQL, or cannot be parsed.
    #[error("unsupported database URL {url:?}: expected sqlite://… or postgres://…")]
    UnsupportedUrl {
        /// The URL as given, with any password removed.
        url: String,
    },
    /// Index allocation kept losing races to other writers; only under extreme contention with
    /// tiny lists.
    #[error(
        "could not allocate a {purpose} status index for issuer {issuer_id} after {attempts} attempts"
    )]
    AllocationContention {
        /// Issuer whose lists were contended.
        issuer_id: String,
        /// `revocation` or `suspension`.
        purpose: &'static str,
        /// How many attempts were made.
        attempts: u32,
    },
    /// Sealing or opening an issuer key failed.
    #[error(transparent)]
    Seal(#[from] crate::master_key::SealError),
    /// Creating the SQLite directory or the master key file failed.
    #[error("{action} {path}: {source}")]
    Io {
        /// What was being done.
        action: &'static str,
        /// The file or directory involved.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// Applying the migrations failed.
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// Any other database failure (connection lost, disk full, ...).
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
}

impl StoreError {
    /// Maps a database error, turning unique violations into [`StoreError::AlreadyExists`] for
    /// `entity`. Both SQLite and PostgreSQL report unique violations through the same sqlx kind,
    /// so this is the one place that distinguishes them from other failures.
    pub(crate) fn on_write(entity: &'static str) -> impl FnOnce(sqlx::Error) -> StoreError {
        move |error| match &error {
            sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::AlreadyExists {
                entity,
                detail: db
                    .constraint()
                    .map_or_else(|| db.message().to_owned(), str::to_owned),
            },
            _ => StoreError::Database(error),
        }
    }

    pub(crate) fn corrupt(
        table: &'static str,
        column: &'static str,
        reason: impl Into<String>,
    ) -> StoreError {
        StoreError::CorruptRow {
            table,
            column,
            reason: reason.into(),
        }
    }

    pub(crate) fn not_found(entity: &'static str, id: impl Into<String>) -> StoreError {
        StoreError::NotFound {
            entity,
            id: id.into(),
        }
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        StoreError::Database(error)
    }
}
