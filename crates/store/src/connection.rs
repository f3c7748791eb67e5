//! Opening a store: connecting, preparing SQLite, and applying the embedded migrations.

use std::borrow::Cow;
use std::path::Path;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{Any, AnyPool, Executor as _, SqlSafeStr as _, Transaction};

use crate::StoreError;

/// Size of a new status list when none is configured: 131,072 entries (16 KiB), the minimum
/// the Bitstring Status List specification recommends so one credential's bit does not
/// identify its holder to the list's publisher.
pub const DEFAULT_STATUS_LIST_BITS: u32 = 131_072;

/// Which database a [`Store`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A local SQLite file (the default deployment).
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// Handle on the database; cheap to clone (it shares one connection pool).
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) pool: AnyPool,
    backend: Backend,
    pub(crate) status_list_bits: u32,
}

// Migrations are compiled into the binary so a deployed server needs no files beside it.
const SQLITE_MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "initial",
        include_str!("../migrations/sqlite/0001_initial.sql"),
    ),
    (
        2,
        "programmes",
        include_str!("../migrations/sqlite/0002_programmes.sql"),
    ),
    (
        3,
        "feedback",
        include_str!("../migrations/sqlite/0003_feedback.sql"),
    ),
    (
        4,
        "impact",
        include_str!("../migrations/sqlite/0004_impact.sql"),
    ),
    (
        5,
        "selection",
        include_str!("../migrations/sqlite/0005_selection.sql"),
    ),
    (
        6,
        "key rotation",
        include_str!("../migrations/sqlite/0006_key_rotation.sql"),
    ),
];
const POSTGRES_MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "initial",
        include_str!("../migrations/postgres/0001_initial.sql"),
    ),
    (
        2,
        "programmes",
        include_str!("../migrations/postgres/0002_programmes.sql"),
    ),
    (
        3,
        "feedback",
        include_str!("../migrations/postgres/0003_feedback.sql"),
    ),
    (
        4,
        "impact",
        include_str!("../migrations/postgres/0004_impact.sql"),
    ),
    (
        5,
        "selection",
        include_str!("../migrations/postgres/0005_selection.sql"),
    ),
    (
        6,
        "key rotation",
        include_str!("../migrations/postgres/0006_key_rotation.sql"),
    ),
];

impl Store {
    /// Connects to `url` and applies any pending migrations.
    ///
    /// `sqlite://path?mode=rwc` creates the file and its directory; connections run in WAL mode
    /// with foreign keys on and a busy timeout, so concurrent writers wait instead of failing.
    /// `postgres://…` (or `postgresql://…`) connects to an existing database.
    ///
    /// This installs sqlx's default `Any` drivers; a program that installs its own drivers
    /// through `sqlx::any::install_drivers` first will make this panic inside sqlx.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        let backend = backend_of(url)?;
        if backend == Backend::Sqlite {
            create_sqlite_directory(url)?;
        }
        install_default_drivers();
        let pool = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            })
            .after_connect(move |connection, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        connection
                            .execute(
                                "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000; \
                                 PRAGMA journal_mode = WAL;",
                            )
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect(url)
            .await?;
        migrator(backend).run(&pool).await?;
        Ok(Store {
            pool,
            backend,
            status_list_bits: DEFAULT_STATUS_LIST_BITS,
        })
    }

    /// Sets the size of status lists created from now on (rounded up to whole bytes, at least
    /// one). Meant for tests that need to see a list fill up; production keeps the default,
    /// since small lists let a list's publisher tell whose credential is being checked.
    pub fn with_status_list_bits(mut self, bits: u32) -> Store {
        self.status_list_bits = bits.max(8);
        self
    }

    /// The database this store talks to.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Closes every pooled connection; pending work finishes first.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Starts a transaction that will write. On SQLite it takes the write lock up front
    /// (`BEGIN IMMEDIATE`): a deferred transaction that reads and then writes fails with
    /// SQLITE_BUSY when another writer committed in between, and the busy timeout does not
    /// help there. PostgreSQL's row locks make a plain `BEGIN` enough.
    pub(crate) async fn begin_write(&self) -> Result<Transaction<'static, Any>, StoreError> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        })
    }

    /// Names and columns of every table, sorted, in a backend-neutral form: the migration
    /// parity check compares this between SQLite and PostgreSQL.
    pub async fn schema_outline(&self) -> Result<Vec<(String, Vec<String>)>, StoreError> {
        use sqlx::Row as _;
        let sql = match self.backend {
            Backend::Sqlite => {
                "SELECT m.name AS table_name, p.name AS column_name \
                 FROM sqlite_master m JOIN pragma_table_info(m.name) p \
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' \
                 AND m.name NOT LIKE '\\_sqlx%' ESCAPE '\\' \
                 ORDER BY m.name, p.name"
            }
            Backend::Postgres => {
                "SELECT table_name::TEXT AS table_name, column_name::TEXT AS column_name \
                 FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name NOT LIKE '\\_sqlx%' \
                 ORDER BY table_name, column_name"
            }
        };
        let rows = sqlx::query(sql).fetch_all(&self.pool).await?;
        let mut outline: Vec<(String, Vec<String>)> = Vec::new();
        for row in rows {
            let table: String = row.try_get("table_name")?;
            let column: String = row.try_get("column_name")?;
            match outline.last_mut() {
                Some((last, columns)) if *last == table => columns.push(column),
                _ => outline.push((table, vec![column])),
            }
        }
        Ok(outline)
    }
}

fn backend_of(url: &str) -> Result<Backend, StoreError> {
    if url.starts_with("sqlite:") {
        Ok(Backend::Sqlite)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Backend::Postgres)
    } else {
        Err(StoreError::UnsupportedUrl {
            url: redact_password(url),
        })
    }
}

fn redact_password(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme_end + 3],
                    &credentials[..colon],
                    &url[at..]
                ),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// SQLite creates the database file but not its directory; the default `./tsumiki-data/` does
/// not exist on first run.
fn create_sqlite_directory(url: &str) -> Result<(), StoreError> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or_default();
    let path = rest.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return Ok(());
    }
    match Path::new(path).parent() {
        Some(parent) if !parent.as_os_str().is_empty() => {
            std::fs::create_dir_all(parent).map_err(|source| StoreError::Io {
                action: "creating database directory",
                path: parent.to_owned(),
                source,
            })
        }
        _ => Ok(()),
    }
}

fn migrator(backend: Backend) -> Migrator {
    let files = match backend {
        Backend::Sqlite => SQLITE_MIGRATIONS,
        Backend::Postgres => POSTGRES_MIGRATIONS,
    };
    Migrator::with_migrations(
        files
            .iter()
            .map(|&(version, description, sql)| {
                Migration::new(
                    version,
                    Cow::Borrowed(description),
                    MigrationType::Simple,
                    sql.into_sql_str(),
                    false,
                )
            })
            .collect(),
    )
}
