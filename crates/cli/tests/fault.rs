//! Kill -9 in the middle of a bulk import, then resume: nothing committed is lost and nothing
//! is issued twice. On SQLite always; on PostgreSQL when TSUMIKI_TEST_POSTGRES_URL is set.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod import_support;

use std::collections::{HashMap, HashSet};
use std::os::unix::process::ExitStatusExt as _;
use std::process::Stdio;
use std::time::Duration;

use import_support::{TestData, csv_rows, set_up, text};
use sha2::{Digest as _, Sha256};
use tsumiki_store::{IdentifierKind, ImportRowState, Store};

const ROWS: usize = 2_000;
/// Credentials that must be committed before the kill, so the kill lands mid-import.
const KILL_AFTER: i64 = 100;

async fn job_id(store: &Store, data: &TestData, hash: &str) -> Option<String> {
    store
        .import_jobs_for_file(&data.issuer.id, hash)
        .await
        .ok()?
        .into_iter()
        .next()
        .map(|job| job.id)
}

/// Waits until PostgreSQL has finished with the killed client. SIGKILL can land after the
/// client sent COMMIT but before the server read it; the server then still commits that
/// transaction a moment later. Until no backend of this database is inside a transaction
/// (other than this query's own), "what was committed before the kill" is not yet settled.
async fn server_settled(url: &str) {
    use sqlx::Connection as _;
    let mut connection = sqlx::postgres::PgConnection::connect(url).await.unwrap();
    for _ in 0..500 {
        let busy: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() \
             AND pid <> pg_backend_pid() \
             AND state IN ('active', 'idle in transaction', 'idle in transaction (aborted)')",
        )
        .fetch_one(&mut connection)
        .await
        .unwrap();
        if busy == 0 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("PostgreSQL still busy with the killed import after 10 s");
}

async fn kill_and_resume(data: TestData) {
    let csv = csv_rows(&data.achievement_id, ROWS);
    let hash = hex::encode(Sha256::digest(csv.as_bytes()));
    let file = data.write("bulk.csv", csv.as_bytes());

    let mut child = data
        .import_command(&file, &["--lang", "en"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let store = data.open().await;
    // Poll (no timing assertion): wait until some rows are committed, or the run ended.
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the import ended before it could be killed: {status}");
        }
        if let Some(job) = job_id(&store, &data, &hash).await
            && let Ok(progress) = store.import_progress(&job).await
            && progress.issued >= KILL_AFTER
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert_eq!(
        status.signal(),
        Some(9),
        "killed by SIGKILL, not finished: {status}"
    );

    if let Some(url) = &data.database_url {
        server_settled(url).await;
    }
    let job = job_id(&store, &data, &hash).await.unwrap();
    let killed_at = store.import_progress(&job).await.unwrap();
    assert!(
        killed_at.issued >= KILL_AFTER && killed_at.issued < ROWS as i64,
        "{killed_at:?}"
    );
    let before: HashMap<String, (String, String)> = store
        .credentials_of_issuer(&data.issuer.id, 100_000, 0)
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.id, (c.idempotency_key, c.credential_json)))
        .collect();
    assert!(before.len() as i64 >= killed_at.issued);
    store.close().await;

    let resumed = data.import(&file, &["--lang", "en"]);
    let stdout = text(&resumed.stdout);
    assert_eq!(
        resumed.status.code(),
        Some(0),
        "{stdout}{}",
        text(&resumed.stderr)
    );
    assert!(
        stdout.contains(&format!("{ROWS} issued, 0 skipped")),
        "{stdout}"
    );

    let remaining = ROWS as i64 - killed_at.issued;
    assert!(
        stdout.contains(&format!("; {remaining} newly issued by this run")),
        "only the rows not committed before the kill are signed: {stdout}"
    );

    let store = data.open().await;
    let after = store
        .credentials_of_issuer(&data.issuer.id, 100_000, 0)
        .await
        .unwrap();
    assert_eq!(after.len(), ROWS, "one credential per row");
    let keys: HashSet<_> = after.iter().map(|c| c.idempotency_key.as_str()).collect();
    assert_eq!(keys.len(), ROWS, "no idempotency key issued twice");
    let people: HashSet<_> = after
        .iter()
        .map(|c| (c.recipient_id.as_str(), c.achievement_id.as_str()))
        .collect();
    assert_eq!(
        people.len(),
        ROWS,
        "no recipient awarded the achievement twice"
    );
    let revocation: HashSet<_> = after
        .iter()
        .map(|c| (c.revocation_list_id.as_str(), c.revocation_index))
        .collect();
    assert_eq!(revocation.len(), ROWS, "no status index reused");

    let by_id: HashMap<&str, _> = after.iter().map(|c| (c.id.as_str(), c)).collect();
    for (id, (key, json)) in &before {
        let kept = by_id
            .get(id.as_str())
            .expect("committed credential survives");
        assert_eq!(&kept.idempotency_key, key);
        assert_eq!(&kept.credential_json, json);
    }

    let rows = store.import_rows(&job, false).await.unwrap();
    assert_eq!(rows.len(), ROWS);
    let mut linked = HashSet::new();
    for row in &rows {
        assert_eq!(row.state, ImportRowState::Issued, "row {}", row.row_number);
        let credential = row.credential_id.as_deref().expect("row linked");
        assert_eq!(by_id[credential].idempotency_key, row.idempotency_key);
        assert!(linked.insert(credential), "two rows share {credential}");
    }
    store.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_mid_import_then_resume_on_sqlite() {
    kill_and_resume(set_up(IdentifierKind::DidWeb, None).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_mid_import_then_resume_on_postgres() {
    let Some(admin_url) = import_support::postgres_admin_url() else {
        println!("skipped: TSUMIKI_TEST_POSTGRES_URL not set");
        return;
    };
    let (name, url) = import_support::create_postgres_database(&admin_url).await;
    let outcome = tokio::spawn(async move {
        kill_and_resume(set_up(IdentifierKind::DidWeb, Some(url)).await).await;
    })
    .await;
    import_support::drop_postgres_database(&admin_url, &name).await;
    if let Err(error) = outcome {
        std::panic::resume_unwind(error.into_panic());
    }
}
