//! Shared by the import tests: a data directory (SQLite, or a fresh PostgreSQL database) with
//! one issuer and one achievement, set up through the store API, and CSV files to import.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tsumiki_store::{IdentifierKind, Issuer, NewAchievement, Store};
use tsumiki_web::issuer_keys::{IssuerRequest, new_issuer};

/// The origin the test issuers' identifiers are made from.
pub const BASE_URL: &str = "https://badges.example.test";

/// Where a test's data lives and how the binary is told about it.
pub struct TestData {
    pub dir: tempfile::TempDir,
    /// `DATABASE_URL` for the binary; `None` means SQLite in the data directory.
    pub database_url: Option<String>,
    pub issuer: Issuer,
    pub achievement_id: String,
}

impl TestData {
    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub async fn open(&self) -> Store {
        let (store, _) =
            tsumiki_web::config::open_data(&self.data_dir(), self.database_url.as_deref(), None)
                .await
                .unwrap();
        store
    }

    /// A `tsumiki import` command for `file` with the test's data directory and database.
    pub fn import_command(&self, file: &Path, extra: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_tsumiki"));
        command
            .arg("import")
            .arg("--data")
            .arg(self.data_dir())
            .args(["--issuer", &self.issuer.slug])
            .args(extra)
            .arg(file)
            .env_remove("TSUMIKI_MASTER_KEY")
            .env_remove("DATABASE_URL");
        if let Some(url) = &self.database_url {
            command.env("DATABASE_URL", url);
        }
        command
    }

    pub fn import(&self, file: &Path, extra: &[&str]) -> Output {
        self.import_command(file, extra).output().unwrap()
    }

    pub fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

/// One issuer (`kind`) and one achievement in a fresh data directory.
pub async fn set_up(kind: IdentifierKind, database_url: Option<String>) -> TestData {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("data");
    let (store, master_key) =
        tsumiki_web::config::open_data(&data_dir, database_url.as_deref(), None)
            .await
            .unwrap();
    let new = new_issuer(
        BASE_URL,
        IssuerRequest {
            slug: "example-univ".into(),
            name_ja: "例示大学".into(),
            name_en: "Example University".into(),
            url: "https://www.example.test".into(),
            kind,
        },
    )
    .unwrap();
    let issuer = store.create_issuer(new, &master_key).await.unwrap();
    let achievement = store
        .create_achievement(achievement(&issuer.id))
        .await
        .unwrap();
    store.close().await;
    TestData {
        dir,
        database_url,
        issuer,
        achievement_id: achievement.id,
    }
}

fn achievement(issuer_id: &str) -> NewAchievement {
    NewAchievement {
        issuer_id: issuer_id.into(),
        achievement_type: "MicroCredential".into(),
        name_ja: "Python 基礎".into(),
        name_en: "Python Basics".into(),
        description_ja: "Python の基礎を修得した。".into(),
        description_en: "Learned the basics of Python.".into(),
        criteria_ja: "演習をすべて提出する。".into(),
        criteria_en: "Submit every exercise.".into(),
        learning_outcomes_ja: vec!["変数と関数を使える".into()],
        learning_outcomes_en: vec!["Can use variables and functions".into()],
        hours: Some(15.0),
        credits: Some(1.0),
        level: Some("EQF 4".into()),
        assessment_type: Some("project".into()),
        participation_form: Some("online".into()),
        quality_assurance: None,
        prerequisites: None,
        stackability: None,
        image: None,
        alignments: Vec::new(),
    }
}

/// A CSV with `rows` people, all awarded `achievement_id`.
pub fn csv_rows(achievement_id: &str, rows: usize) -> String {
    let mut csv = String::from("name,email,badge\n");
    for n in 0..rows {
        csv.push_str(&format!(
            "Person {n},person{n}@example.test,{achievement_id}\n"
        ));
    }
    csv
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The PostgreSQL admin URL from TSUMIKI_TEST_POSTGRES_URL, if the test should run there.
pub fn postgres_admin_url() -> Option<String> {
    std::env::var("TSUMIKI_TEST_POSTGRES_URL")
        .ok()
        .filter(|url| !url.is_empty())
}

/// `admin_url` with its database name replaced.
fn with_database(admin_url: &str, database: &str) -> String {
    let (base, query) = match admin_url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (admin_url, String::new()),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let base = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    format!("{base}/{database}{query}")
}

/// Creates a fresh database on the server and returns (its name, its URL).
pub async fn create_postgres_database(admin_url: &str) -> (String, String) {
    use sqlx::Connection as _;
    let name = format!(
        "tsumiki_cli_test_{}_{}",
        std::process::id(),
        chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
    );
    let mut admin = sqlx::postgres::PgConnection::connect(admin_url)
        .await
        .unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .unwrap();
    admin.close().await.unwrap();
    let url = with_database(admin_url, &name);
    (name, url)
}

pub async fn drop_postgres_database(admin_url: &str, name: &str) {
    use sqlx::Connection as _;
    let mut admin = sqlx::postgres::PgConnection::connect(admin_url)
        .await
        .unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )))
    .execute(&mut admin)
    .await
    .unwrap();
    admin.close().await.unwrap();
}
