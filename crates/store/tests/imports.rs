//! Bulk imports: rows are committed with their credentials, a resumed job issues only what is
//! left, and re-running the same file issues nothing twice.
#![allow(clippy::unwrap_used, clippy::panic)] // Tests fail loudly by design.

mod common;

use common::{fixture, new_credential, sign};
use tsumiki_store::{
    ImportJobState, ImportProgress, ImportRowState, IssueOutcome, NewImportRow, Store, StoreError,
};

fn rows(count: i64) -> Vec<NewImportRow> {
    (1..=count)
        .map(|row_number| NewImportRow {
            row_number,
            idempotency_key: format!("file-abc:row-{row_number}"),
        })
        .collect()
}

/// Issues every pending row of `job_id`, stopping (as a crash would) after `limit` rows.
async fn run_job(
    store: &Store,
    f: &common::Fixture,
    job_id: &str,
    limit: usize,
) -> Vec<IssueOutcome> {
    let mut outcomes = Vec::new();
    for row in store
        .import_rows(job_id, true)
        .await
        .unwrap()
        .into_iter()
        .take(limit)
    {
        let mut request = new_credential(f, &row.idempotency_key);
        request.import_row = Some((job_id.to_owned(), row.row_number));
        outcomes.push(store.issue_credential(request, sign).await.unwrap());
    }
    outcomes
}

on_both_databases! {
    async fn interrupted_job_resumes_and_rerun_issues_nothing_twice(store: Store) {
        let f = fixture(&store).await;
        let job = store.create_import_job(&f.issuer.id, "修了者.csv", "sha256-abc", &rows(5)).await.unwrap();
        assert_eq!((job.state, job.total_rows), (ImportJobState::Pending, 5));
        store.set_import_job_state(&job.id, ImportJobState::Running).await.unwrap();

        // "Killed" after two rows.
        run_job(&store, &f, &job.id, 2).await;
        assert_eq!(
            store.import_progress(&job.id).await.unwrap(),
            ImportProgress { total: 5, pending: 3, issued: 2, skipped: 0, failed: 0 }
        );

        // Resume: only the three pending rows are issued.
        let resumed = run_job(&store, &f, &job.id, usize::MAX).await;
        assert_eq!(resumed.len(), 3);
        assert!(resumed.iter().all(|o| matches!(o, IssueOutcome::Issued(_))));
        store.set_import_job_state(&job.id, ImportJobState::Completed).await.unwrap();
        let rows_after = store.import_rows(&job.id, false).await.unwrap();
        assert!(rows_after.iter().all(|r| r.state == ImportRowState::Issued && r.credential_id.is_some()));

        // The same file uploaded again becomes a new job whose rows are all skipped.
        assert_eq!(store.import_jobs_for_file(&f.issuer.id, "sha256-abc").await.unwrap().len(), 1);
        let rerun = store.create_import_job(&f.issuer.id, "修了者.csv", "sha256-abc", &rows(5)).await.unwrap();
        let outcomes = run_job(&store, &f, &rerun.id, usize::MAX).await;
        assert!(outcomes.iter().all(|o| matches!(o, IssueOutcome::AlreadyIssued(_))));
        assert_eq!(
            store.import_progress(&rerun.id).await.unwrap(),
            ImportProgress { total: 5, pending: 0, issued: 0, skipped: 5, failed: 0 }
        );
        let first_ids: Vec<_> = rows_after.iter().map(|r| r.credential_id.clone()).collect();
        let rerun_ids: Vec<_> = store
            .import_rows(&rerun.id, false)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.credential_id)
            .collect();
        assert_eq!(first_ids, rerun_ids, "skipped rows link the credentials issued the first time");
        assert_eq!(store.credentials_of_issuer(&f.issuer.id, 100, 0).await.unwrap().len(), 5);
        assert_eq!(store.import_job(&job.id).await.unwrap().state, ImportJobState::Completed);
    }

    async fn recent_jobs_list_every_issuers_jobs_newest_first(store: Store) {
        let f = fixture(&store).await;
        assert!(store.recent_import_jobs(10).await.unwrap().is_empty());
        let first = store.create_import_job(&f.issuer.id, "a.csv", "h1", &rows(1)).await.unwrap();
        let second = store.create_import_job(&f.issuer.id, "b.csv", "h2", &rows(1)).await.unwrap();
        let listed = store.recent_import_jobs(10).await.unwrap();
        assert_eq!(listed.len(), 2);
        assert!(listed.iter().any(|job| job.id == first.id));
        assert!(listed.iter().any(|job| job.id == second.id));
        assert!(listed[0].created_at >= listed[1].created_at);
        assert_eq!(store.recent_import_jobs(1).await.unwrap().len(), 1);
    }

    async fn failed_rows_keep_their_error(store: Store) {
        let f = fixture(&store).await;
        let job = store.create_import_job(&f.issuer.id, "f.csv", "h", &rows(2)).await.unwrap();
        store.fail_import_row(&job.id, 2, "メールアドレスが不正です").await.unwrap();
        let all = store.import_rows(&job.id, false).await.unwrap();
        assert_eq!(all[1].state, ImportRowState::Failed);
        assert_eq!(all[1].error.as_deref(), Some("メールアドレスが不正です"));
        assert_eq!(store.import_rows(&job.id, true).await.unwrap().len(), 1);
        let error = store.fail_import_row(&job.id, 99, "x").await.unwrap_err();
        assert!(matches!(error, StoreError::NotFound { entity: "import row", .. }), "{error:?}");
    }

    async fn a_job_with_duplicate_row_numbers_is_not_created(store: Store) {
        let f = fixture(&store).await;
        let mut duplicated = rows(3);
        duplicated.push(NewImportRow { row_number: 2, idempotency_key: "again".to_owned() });
        let error = store.create_import_job(&f.issuer.id, "d.csv", "dup-hash", &duplicated).await.unwrap_err();
        assert!(matches!(error, StoreError::AlreadyExists { entity: "import row", .. }), "{error:?}");
        assert!(store.import_jobs_for_file(&f.issuer.id, "dup-hash").await.unwrap().is_empty());
    }

    async fn a_row_that_does_not_exist_rolls_back_its_credential(store: Store) {
        let f = fixture(&store).await;
        let job = store.create_import_job(&f.issuer.id, "g.csv", "g", &rows(1)).await.unwrap();
        let mut request = new_credential(&f, "ghost-row");
        request.import_row = Some((job.id.clone(), 42));
        let error = store.issue_credential(request, sign).await.unwrap_err();
        assert!(format!("{error}").contains("row 42"), "{error}");
        // The credential insert and the row update share one transaction.
        assert!(store.credential_by_idempotency_key("ghost-row").await.unwrap().is_none());
    }
}
