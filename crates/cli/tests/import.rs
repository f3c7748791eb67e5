//! `tsumiki import` end to end: the real binary against a data directory set up with the
//! store API.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod import_support;

use import_support::{BASE_URL, TestData, csv_rows, set_up, text};
use tsumiki_store::{IdentifierKind, Store};

async fn credential_count(data: &TestData) -> usize {
    let store: Store = data.open().await;
    let count = store
        .credentials_of_issuer(&data.issuer.id, 100_000, 0)
        .await
        .unwrap()
        .len();
    store.close().await;
    count
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dry_run_reports_each_bad_row_and_issues_nothing() {
    let data = set_up(IdentifierKind::DidKey, None).await;
    let csv = format!(
        "name,email,badge\n\
         Good Person,good@example.test,{id}\n\
         Bad Email,not-an-email,{id}\n\
         Unknown Badge,unknown@example.test,no-such-badge\n\
         Good Person,good@example.test,{id}\n",
        id = data.achievement_id
    );
    let file = data.write("bad.csv", csv.as_bytes());

    let output = data.import(&file, &["--dry-run", "--lang", "en"]);
    let stdout = text(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{stdout}{}",
        text(&output.stderr)
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("row 3") && l.contains("error")),
        "{stdout}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("row 4") && l.contains("error")),
        "{stdout}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("row 5") && l.contains("error")),
        "{stdout}"
    );
    assert!(!lines.iter().any(|l| l.starts_with("row 2")), "{stdout}");
    assert!(
        stdout.contains("4 rows: 1 ready, 3 with errors"),
        "{stdout}"
    );

    let japanese = data.import(&file, &["--dry-run", "--lang", "ja"]);
    let japanese = text(&japanese.stdout);
    assert!(
        japanese.contains("3 行") && japanese.contains("エラー"),
        "{japanese}"
    );

    // A real run of a file with errors refuses too.
    let refused = data.import(&file, &["--base-url", BASE_URL]);
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(credential_count(&data).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clean_dry_run_exits_zero_and_issues_nothing() {
    let data = set_up(IdentifierKind::DidKey, None).await;
    let file = data.write("ok.csv", csv_rows(&data.achievement_id, 3).as_bytes());
    let output = data.import(&file, &["--dry-run", "--lang", "en"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("3 rows: 3 ready, 0 with errors"));
    assert_eq!(credential_count(&data).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issues_verifiable_credentials_once_even_when_run_again() {
    let data = set_up(IdentifierKind::DidKey, None).await;
    let file = data.write("people.csv", csv_rows(&data.achievement_id, 3).as_bytes());

    let first = data.import(&file, &["--base-url", BASE_URL, "--lang", "en"]);
    let stdout = text(&first.stdout);
    assert_eq!(
        first.status.code(),
        Some(0),
        "{stdout}{}",
        text(&first.stderr)
    );
    assert!(
        stdout.contains("3 issued, 0 skipped (already issued), 0 failed; 3 newly issued"),
        "{stdout}"
    );

    let store = data.open().await;
    let credentials = store
        .credentials_of_issuer(&data.issuer.id, 100, 0)
        .await
        .unwrap();
    store.close().await;
    assert_eq!(credentials.len(), 3);
    for credential in &credentials {
        let path = data.write("credential.json", credential.credential_json.as_bytes());
        let verified = std::process::Command::new(env!("CARGO_BIN_EXE_tsumiki"))
            .args(["verify", "--allow-unchecked-status", "--lang", "en"])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(
            verified.status.code(),
            Some(0),
            "{}{}",
            text(&verified.stdout),
            text(&verified.stderr)
        );
        let json: serde_json::Value = serde_json::from_str(&credential.credential_json).unwrap();
        let status = json["credentialStatus"].to_string();
        assert!(status.contains(&format!("{BASE_URL}/status/")), "{status}");
    }

    let again = data.import(&file, &["--base-url", BASE_URL, "--lang", "en"]);
    let stdout = text(&again.stdout);
    assert_eq!(
        again.status.code(),
        Some(0),
        "{stdout}{}",
        text(&again.stderr)
    );
    assert!(stdout.contains("3 issued"), "{stdout}");
    assert!(stdout.contains("0 newly issued by this run"), "{stdout}");
    assert_eq!(credential_count(&data).await, 3);

    // The same rows in another file (another job): skipped by their idempotency keys.
    let reordered = csv_rows(&data.achievement_id, 3)
        .lines()
        .rev()
        .collect::<Vec<_>>()
        .join("\n");
    let header_last = reordered.rsplit_once('\n').unwrap();
    let shuffled = format!("{}\n{}\n", header_last.1, header_last.0);
    let other = data.write("people-again.csv", shuffled.as_bytes());
    let third = data.import(&other, &["--base-url", BASE_URL, "--lang", "en"]);
    let stdout = text(&third.stdout);
    assert_eq!(
        third.status.code(),
        Some(0),
        "{stdout}{}",
        text(&third.stderr)
    );
    assert!(stdout.contains("0 issued, 3 skipped"), "{stdout}");
    assert_eq!(credential_count(&data).await, 3);
    // And the database says so too: no row of the second job is left pending.
    let store = data.open().await;
    let hash = {
        use sha2::Digest as _;
        hex::encode(sha2::Sha256::digest(shuffled.as_bytes()))
    };
    let jobs = store
        .import_jobs_for_file(&data.issuer.id, &hash)
        .await
        .unwrap();
    assert_eq!(jobs.len(), 1);
    let progress = store.import_progress(&jobs[0].id).await.unwrap();
    store.close().await;
    assert_eq!((progress.pending, progress.skipped), (0, 3), "{progress:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shift_jis_csv_is_issued_with_japanese_names() {
    let data = set_up(IdentifierKind::DidWeb, None).await;
    let csv = format!(
        "氏名,メールアドレス,badge\n山田 太郎,taro@example.test,{id}\n鈴木 花子,hanako@example.test,{id}\n",
        id = data.achievement_id
    );
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&csv);
    assert!(!unmappable);
    let file = data.write("sjis.csv", &bytes);
    // did:web issuer: the base URL comes from the issuer's identifier.
    let output = data.import(&file, &["--lang", "ja"]);
    let stdout = text(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{stdout}{}",
        text(&output.stderr)
    );
    assert!(stdout.contains("発行 2 件"), "{stdout}");

    let store = data.open().await;
    let taro = store
        .recipient_by_identifier("email", "taro@example.test")
        .await
        .unwrap()
        .expect("recipient created");
    assert_eq!(taro.display_name, "山田 太郎");
    let credentials = store.credentials_of_recipient(&taro.id).await.unwrap();
    store.close().await;
    assert_eq!(credentials.len(), 1);
    assert!(
        credentials[0]
            .credential_json
            .contains(&format!("{BASE_URL}/status/"))
    );
}

/// Throughput of a 10,000-row import, for the report (no assertion on speed). Run with
/// `cargo test --release -p tsumiki --test import -- --ignored --nocapture`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "measurement; run in release"]
async fn measure_ten_thousand_rows() {
    const ROWS: usize = 10_000;
    let data = set_up(IdentifierKind::DidWeb, None).await;
    let file = data.write("10k.csv", csv_rows(&data.achievement_id, ROWS).as_bytes());
    let started = std::time::Instant::now();
    let output = data.import(&file, &["--lang", "en"]);
    let elapsed = started.elapsed();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(credential_count(&data).await, ROWS);
    println!(
        "imported {ROWS} rows in {:.1} s: {:.0} rows/s",
        elapsed.as_secs_f64(),
        ROWS as f64 / elapsed.as_secs_f64()
    );
}
