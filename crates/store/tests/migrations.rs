//! Migrations apply on both databases, are idempotent, and yield the same schema.
#![allow(clippy::unwrap_used, clippy::panic)] // Tests fail loudly by design.

mod common;

use tsumiki_store::{Backend, Store, StoreError};

const EXPECTED_TABLES: &[&str] = &[
    "achievements",
    "api_tokens",
    "credentials",
    "import_jobs",
    "import_rows",
    "issuers",
    "recipient_identifiers",
    "recipients",
    "sessions",
    "status_events",
    "status_lists",
    "users",
    "issuer_retired_keys",
];

fn table_names(outline: &[(String, Vec<String>)]) -> Vec<&str> {
    outline.iter().map(|(table, _)| table.as_str()).collect()
}

on_both_databases! {
    async fn creates_every_table(store: Store) {
        let outline = store.schema_outline().await.unwrap();
        // The platform core; later migrations (programmes, feedback, impact...) add more
        // tables, each checked by its own tests.
        let names = table_names(&outline);
        for table in EXPECTED_TABLES {
            assert!(names.contains(table), "table {table} missing: {names:?}");
        }
        let credentials = &outline.iter().find(|(t, _)| t == "credentials").unwrap().1;
        for column in ["idempotency_key", "revocation_index", "suspension_index", "state"] {
            assert!(credentials.iter().any(|c| c == column), "credentials.{column} missing");
        }
    }
}

#[tokio::test]
async fn sqlite_open_creates_directory_uses_wal_and_reopens() {
    use sqlx::Connection as _;
    let dir = tempfile::tempdir().unwrap();
    let url = common::sqlite_url(&dir);
    let store = Store::open(&url).await.unwrap();
    assert_eq!(store.backend(), Backend::Sqlite);
    assert!(dir.path().join("data/tsumiki.db").is_file());
    let first = store.schema_outline().await.unwrap();
    store.close().await;

    // WAL is a property of the database file, so a plain connection sees it.
    let mut raw = sqlx::sqlite::SqliteConnection::connect(&url).await.unwrap();
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&mut raw)
        .await
        .unwrap();
    assert_eq!(mode.to_lowercase(), "wal");
    let applied: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations")
        .fetch_one(&mut raw)
        .await
        .unwrap();
    let migration_files =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/sqlite"))
            .unwrap()
            .count();
    assert_eq!(usize::try_from(applied).unwrap(), migration_files);
    raw.close().await.unwrap();

    // Re-opening applies nothing twice and keeps the schema.
    let again = Store::open(&url).await.unwrap();
    assert_eq!(again.schema_outline().await.unwrap(), first);
    again.close().await;
}

#[tokio::test]
async fn both_databases_have_the_same_tables_and_columns() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = Store::open(&common::sqlite_url(&dir)).await.unwrap();
    let sqlite_outline = sqlite.schema_outline().await.unwrap();
    sqlite.close().await;
    let Some(admin_url) = common::postgres_admin_url() else {
        return;
    };
    let database = common::PostgresDatabase::create(&admin_url).await;
    let postgres = Store::open(&database.url).await.unwrap();
    assert_eq!(postgres.backend(), Backend::Postgres);
    let postgres_outline = postgres.schema_outline().await.unwrap();
    // Opening twice must not re-apply migrations.
    let again = Store::open(&database.url).await.unwrap();
    again.close().await;
    postgres.close().await;
    database.drop_database().await;
    assert_eq!(sqlite_outline, postgres_outline);
}

/// Each pair of migration files may differ only in the binary column type and the header
/// comment; any other drift would make the databases behave differently.
#[test]
fn migration_files_differ_only_in_blob_type() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations");
    let names = |backend: &str| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(format!("{dir}/{backend}"))
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let sqlite_names = names("sqlite");
    assert_eq!(sqlite_names, names("postgres"));
    assert!(sqlite_names.len() >= 2);
    let body = |text: &str| -> Vec<String> {
        text.lines()
            .skip(2)
            .map(|line| line.replace("BYTEA", "BLOB"))
            .collect()
    };
    for name in &sqlite_names {
        let sqlite = std::fs::read_to_string(format!("{dir}/sqlite/{name}")).unwrap();
        let postgres = std::fs::read_to_string(format!("{dir}/postgres/{name}")).unwrap();
        assert_eq!(body(&sqlite), body(&postgres), "{name}");
        let postgres_body: String = postgres.lines().skip(2).collect();
        assert!(!postgres_body.contains("BLOB"), "{name}");
        let sqlite_body: String = sqlite.lines().skip(2).collect();
        assert!(!sqlite_body.contains("BYTEA"), "{name}");
    }
    let initial = std::fs::read_to_string(format!("{dir}/postgres/0001_initial.sql")).unwrap();
    assert!(initial.contains("BYTEA"));
}

#[tokio::test]
async fn unsupported_url_is_rejected_without_leaking_the_password() {
    let error = Store::open("mysql://root:hunter2@localhost/db")
        .await
        .unwrap_err();
    match &error {
        StoreError::UnsupportedUrl { url } => assert_eq!(url, "mysql://root:***@localhost/db"),
        other => panic!("unexpected error {other:?}"),
    }
    assert!(!error.to_string().contains("hunter2"));
}
