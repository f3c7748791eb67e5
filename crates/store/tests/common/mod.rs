//! Runs each storage test against SQLite (a temporary directory) and PostgreSQL (a fresh
//! database on the server named by TSUMIKI_TEST_POSTGRES_URL, dropped afterwards).
#![allow(dead_code, clippy::unwrap_used, clippy::panic)] // Shared by several test binaries; fails loudly by design.

use std::future::Future;

use chrono::{DateTime, TimeZone as _, Utc};
use tsumiki_store::{
    IdentifierKind, Issuer, MasterKey, NewAchievement, NewCredential, NewIssuer, NewRecipient,
    SignedCredential, StatusAssignment, Store,
};

pub const POSTGRES_URL_VAR: &str = "TSUMIKI_TEST_POSTGRES_URL";
pub const REQUIRE_POSTGRES_VAR: &str = "TSUMIKI_REQUIRE_POSTGRES";

/// Declares tests that run once per database: `name::sqlite` and `name::postgres`.
#[macro_export]
macro_rules! on_both_databases {
    ($(async fn $name:ident($store:ident: Store) $body:block)*) => {
        $(
            mod $name {
                #[allow(unused_imports)]
                use super::*;

                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn sqlite() {
                    common::run_on_sqlite(|$store: Store| async move $body).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn postgres() {
                    common::run_on_postgres(|$store: Store| async move $body).await;
                }
            }
        )*
    };
}

/// A SQLite URL in a fresh temporary directory, in a subdirectory that does not exist yet
/// (the store must create it).
pub fn sqlite_url(dir: &tempfile::TempDir) -> String {
    format!("sqlite://{}/data/tsumiki.db?mode=rwc", dir.path().display())
}

pub async fn run_on_sqlite<F, Fut>(test: F)
where
    F: FnOnce(Store) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&sqlite_url(&dir)).await.unwrap();
    let outcome = tokio::spawn(test(store)).await;
    drop(dir);
    if let Err(error) = outcome {
        std::panic::resume_unwind(error.into_panic());
    }
}

/// The admin URL, or `None` after printing why the PostgreSQL half is skipped. Fails when
/// TSUMIKI_REQUIRE_POSTGRES=1, so CI cannot pass silently without a database.
pub fn postgres_admin_url() -> Option<String> {
    match std::env::var(POSTGRES_URL_VAR) {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            if std::env::var(REQUIRE_POSTGRES_VAR).as_deref() == Ok("1") {
                panic!("{POSTGRES_URL_VAR} not set but {REQUIRE_POSTGRES_VAR}=1");
            }
            println!("skipped: {POSTGRES_URL_VAR} not set");
            None
        }
    }
}

/// `admin_url` with its database name replaced.
pub fn with_database(admin_url: &str, database: &str) -> String {
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

pub struct PostgresDatabase {
    admin_url: String,
    pub name: String,
    pub url: String,
}

impl PostgresDatabase {
    pub async fn create(admin_url: &str) -> PostgresDatabase {
        use sqlx::Connection as _;
        let name = format!("tsumiki_test_{}", uuid::Uuid::new_v4().simple());
        let mut admin = sqlx::postgres::PgConnection::connect(admin_url)
            .await
            .unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .unwrap();
        admin.close().await.unwrap();
        PostgresDatabase {
            admin_url: admin_url.to_owned(),
            url: with_database(admin_url, &name),
            name,
        }
    }

    pub async fn drop_database(self) {
        use sqlx::Connection as _;
        let mut admin = sqlx::postgres::PgConnection::connect(&self.admin_url)
            .await
            .unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        )))
        .execute(&mut admin)
        .await
        .unwrap();
        admin.close().await.unwrap();
    }
}

pub async fn run_on_postgres<F, Fut>(test: F)
where
    F: FnOnce(Store) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(admin_url) = postgres_admin_url() else {
        return;
    };
    let database = PostgresDatabase::create(&admin_url).await;
    let store = Store::open(&database.url).await.unwrap();
    let outcome = tokio::spawn(test(store.clone())).await;
    store.close().await;
    database.drop_database().await;
    if let Err(error) = outcome {
        std::panic::resume_unwind(error.into_panic());
    }
}

pub fn at(seconds: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(1_767_225_600 + seconds, 0).unwrap() // 2026-01-01T00:00:00Z + seconds
}

pub const SECRET_KEY: [u8; 32] = *b"issuer-secret-key-32-bytes-long!";

pub async fn issuer(store: &Store, slug: &str, master_key: &MasterKey) -> Issuer {
    store
        .create_issuer(
            NewIssuer {
                slug: slug.to_owned(),
                name_ja: "積み木大学".to_owned(),
                name_en: "Tsumiki University".to_owned(),
                url: format!("https://{slug}.example.ac.jp"),
                identifier_kind: IdentifierKind::DidWeb,
                identifier: format!("did:web:{slug}.example.ac.jp"),
                verification_method: format!("did:web:{slug}.example.ac.jp#key-1"),
                public_key_multibase: "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK".to_owned(),
                secret_key: SECRET_KEY.to_vec(),
            },
            master_key,
        )
        .await
        .unwrap()
}

pub fn achievement_details(issuer_id: &str) -> NewAchievement {
    NewAchievement {
        issuer_id: issuer_id.to_owned(),
        achievement_type: "MicroCredential".to_owned(),
        name_ja: "データサイエンス基礎".to_owned(),
        name_en: "Data Science Basics".to_owned(),
        description_ja: "統計とPythonの基礎".to_owned(),
        description_en: "Statistics and Python basics".to_owned(),
        criteria_ja: "全課題を提出し試験に合格".to_owned(),
        criteria_en: "Submit all assignments and pass the exam".to_owned(),
        learning_outcomes_ja: vec![
            "記述統計を説明できる".to_owned(),
            "回帰分析を実行できる".to_owned(),
        ],
        learning_outcomes_en: vec![
            "Explain descriptive statistics".to_owned(),
            "Run a regression".to_owned(),
        ],
        hours: Some(60.0),
        credits: Some(2.5),
        level: Some("EQF 5".to_owned()),
        assessment_type: Some("exam".to_owned()),
        participation_form: Some("blended".to_owned()),
        quality_assurance: Some("JMICRO external recognition".to_owned()),
        prerequisites: None,
        stackability: Some("Counts towards the Data Science Certificate".to_owned()),
        image: Some(tsumiki_store::AchievementImage {
            bytes: vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0xff],
            media_type: "image/png".to_owned(),
            alt_ja: "青いバッジ".to_owned(),
            alt_en: "A blue badge".to_owned(),
        }),
        alignments: vec![serde_json::json!({
            "type": ["Alignment"],
            "targetName": "Statistics",
            "targetUrl": "https://example.org/competency/statistics"
        })],
    }
}

pub struct Fixture {
    pub master_key: MasterKey,
    pub issuer: Issuer,
    pub achievement_id: String,
    pub recipient_id: String,
}

pub async fn fixture(store: &Store) -> Fixture {
    let master_key = MasterKey::generate();
    let issuer = issuer(store, "tsumiki-u", &master_key).await;
    let achievement = store
        .create_achievement(achievement_details(&issuer.id))
        .await
        .unwrap();
    let recipient_id = recipient(store, "hanako@example.jp").await;
    Fixture {
        master_key,
        issuer,
        achievement_id: achievement.id,
        recipient_id,
    }
}

pub async fn recipient(store: &Store, email: &str) -> String {
    let (recipient, _) = store
        .create_recipient(NewRecipient {
            display_name: "山田 花子".to_owned(),
            did: None,
            identifiers: vec![("email".to_owned(), email.to_owned())],
        })
        .await
        .unwrap();
    recipient.id
}

pub const STATUS_BASE: &str = "https://badges.example.ac.jp/status";

pub fn new_credential(fixture: &Fixture, key: &str) -> NewCredential {
    NewCredential {
        issuer_id: fixture.issuer.id.clone(),
        achievement_id: fixture.achievement_id.clone(),
        recipient_id: fixture.recipient_id.clone(),
        idempotency_key: key.to_owned(),
        issued_at: at(0),
        status_base_url: STATUS_BASE.to_owned(),
        import_row: None,
    }
}

/// A stand-in signer: writes the assignment into a JSON document the way the web layer puts
/// it into `credentialStatus`, so tests can check what was stored.
pub fn sign(assignment: &StatusAssignment) -> Result<SignedCredential, std::convert::Infallible> {
    let json = serde_json::json!({
        "id": assignment.credential_id,
        "credentialStatus": [
            {
                "type": "BitstringStatusListEntry",
                "statusPurpose": "revocation",
                "statusListIndex": assignment.revocation.index.to_string(),
                "statusListCredential": assignment.revocation.list_url,
            },
            {
                "type": "BitstringStatusListEntry",
                "statusPurpose": "suspension",
                "statusListIndex": assignment.suspension.index.to_string(),
                "statusListCredential": assignment.suspension.list_url,
            }
        ]
    });
    Ok(SignedCredential {
        json: json.to_string(),
        jwt: Some("eyJhbGciOiJFZERTQSJ9.e30.c2ln".to_owned()),
    })
}

/// Opens pool connections ahead of a concurrency test, so the parallel tasks really overlap
/// instead of being staggered by connection set-up.
pub async fn warm_up(store: &Store) {
    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                store.issuers().await.unwrap();
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
}
