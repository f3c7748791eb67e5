//! Issuing: idempotency, status index allocation (atomic, never reused, rolling over to new
//! lists), and the checks done before any index is spent.
#![allow(clippy::unwrap_used, clippy::panic)] // Tests fail loudly by design.

mod common;

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{fixture, new_credential, sign};
use tsumiki_store::{CredentialState, IssueError, IssueOutcome, StatusPurpose, Store, StoreError};

on_both_databases! {
    async fn issues_with_status_entries_and_stores_what_was_signed(store: Store) {
        let f = fixture(&store).await;
        let mut seen = None;
        let outcome = store
            .issue_credential(new_credential(&f, "row-1"), |assignment| {
                seen = Some(assignment.clone());
                sign(assignment)
            })
            .await
            .unwrap();
        let assignment = seen.expect("sign was called");
        let IssueOutcome::Issued(record) = outcome else { panic!("expected Issued") };
        assert!(record.id.starts_with("urn:uuid:"), "{}", record.id);
        assert_eq!(record.id, assignment.credential_id);
        assert_eq!(assignment.revocation.purpose, StatusPurpose::Revocation);
        assert_eq!(assignment.suspension.purpose, StatusPurpose::Suspension);
        assert_eq!((assignment.revocation.index, assignment.suspension.index), (0, 0));
        assert_ne!(assignment.revocation.list_id, assignment.suspension.list_id);
        assert_eq!(
            assignment.revocation.list_url,
            format!("{}/{}", common::STATUS_BASE, assignment.revocation.list_id)
        );
        assert_eq!(record.state, CredentialState::Active);
        assert_eq!(record.issued_at, common::at(0));

        let stored = store.credential(&record.id).await.unwrap();
        assert_eq!(stored, record);
        let json: serde_json::Value = serde_json::from_str(&stored.credential_json).unwrap();
        assert_eq!(json["credentialStatus"][0]["statusListCredential"], assignment.revocation.list_url);
        assert_eq!(stored.vc_jwt.as_deref(), Some("eyJhbGciOiJFZERTQSJ9.e30.c2ln"));

        let lists = store.status_lists(&f.issuer.id).await.unwrap();
        assert_eq!(lists.len(), 2);
        for list in &lists {
            assert_eq!(list.next_index, 1);
            assert_eq!(list.size_bits, i64::from(tsumiki_store::DEFAULT_STATUS_LIST_BITS));
            assert_eq!(list.bitstring.len(), 16 * 1024);
            assert_eq!(list.bit(0), Some(false));
            assert_eq!(list.version, 1);
        }
        assert_eq!(store.credentials_of_recipient(&f.recipient_id).await.unwrap(), vec![record.clone()]);
        assert_eq!(store.credentials_of_issuer(&f.issuer.id, 10, 0).await.unwrap(), vec![record]);
    }

    async fn same_idempotency_key_returns_the_first_credential_without_signing(store: Store) {
        let f = fixture(&store).await;
        let first = store
            .issue_credential(new_credential(&f, "key-1"), sign)
            .await
            .unwrap();
        let second = store
            .issue_credential(new_credential(&f, "key-1"), |_| -> Result<_, std::convert::Infallible> {
                panic!("sign must not be called for a known idempotency key")
            })
            .await
            .unwrap();
        assert!(matches!(first, IssueOutcome::Issued(_)));
        assert_eq!(second, IssueOutcome::AlreadyIssued(first.credential().clone()));
        // No index was spent by the second call.
        for list in store.status_lists(&f.issuer.id).await.unwrap() {
            assert_eq!(list.next_index, 1);
        }
    }

    async fn failed_signing_burns_its_indexes(store: Store) {
        let f = fixture(&store).await;
        let mut burned = None;
        let error = store
            .issue_credential(new_credential(&f, "will-fail"), |assignment| {
                burned = Some(assignment.clone());
                Err("HSM unavailable")
            })
            .await
            .unwrap_err();
        assert!(matches!(error, IssueError::Sign("HSM unavailable")), "{error:?}");
        let burned = burned.unwrap();
        assert!(store.credential_by_idempotency_key("will-fail").await.unwrap().is_none());

        // Retrying the same key issues with fresh indexes: the burned ones are never reused.
        let retried = store
            .issue_credential(new_credential(&f, "will-fail"), sign)
            .await
            .unwrap();
        let record = retried.credential();
        assert_eq!(burned.revocation.index, 0);
        assert_eq!(record.revocation_index, 1);
        assert_eq!(record.suspension_index, 1);
        assert_ne!(record.id, burned.credential_id);
    }

    async fn unknown_references_fail_before_any_index_is_spent(store: Store) {
        let f = fixture(&store).await;
        let mut request = new_credential(&f, "bad-achievement");
        request.achievement_id = "no-such-achievement".to_owned();
        let error = store.issue_credential(request, sign).await.unwrap_err();
        assert!(matches!(error, IssueError::Store(StoreError::NotFound { .. })), "{error:?}");

        let other_issuer = common::issuer(&store, "other", &f.master_key).await;
        let mut request = new_credential(&f, "wrong-issuer");
        request.issuer_id = other_issuer.id.clone();
        let error = store.issue_credential(request, sign).await.unwrap_err();
        assert!(matches!(error, IssueError::Store(StoreError::NotFound { .. })), "{error:?}");

        let mut request = new_credential(&f, "bad-recipient");
        request.recipient_id = "nobody".to_owned();
        let error = store.issue_credential(request, sign).await.unwrap_err();
        assert!(matches!(error, IssueError::Store(StoreError::NotFound { entity: "recipient", .. })), "{error:?}");

        assert!(store.status_lists(&f.issuer.id).await.unwrap().is_empty());
        assert!(store.status_lists(&other_issuer.id).await.unwrap().is_empty());
    }

    async fn full_lists_roll_over_to_new_ones(store: Store) {
        let store = store.with_status_list_bits(8);
        let f = fixture(&store).await;
        let mut slots = HashSet::new();
        for n in 0..20 {
            let outcome = store
                .issue_credential(new_credential(&f, &format!("roll-{n}")), sign)
                .await
                .unwrap();
            let record = outcome.credential();
            assert!(slots.insert((record.revocation_list_id.clone(), record.revocation_index)));
            assert!(record.revocation_index < 8);
        }
        let lists = store.status_lists(&f.issuer.id).await.unwrap();
        let revocation: Vec<_> = lists.iter().filter(|l| l.purpose == StatusPurpose::Revocation).collect();
        assert_eq!(revocation.iter().map(|l| l.sequence).collect::<Vec<_>>(), [0, 1, 2]);
        assert_eq!(revocation.iter().map(|l| l.next_index).collect::<Vec<_>>(), [8, 8, 4]);
        assert!(revocation.iter().all(|l| l.bitstring.len() == 1));
    }

    async fn fifty_parallel_issues_get_distinct_indexes(store: Store) {
        let f = Arc::new(fixture(&store).await);
        common::warm_up(&store).await;
        let mut tasks = Vec::new();
        for n in 0..50 {
            let store = store.clone();
            let f = Arc::clone(&f);
            tasks.push(tokio::spawn(async move {
                store
                    .issue_credential(new_credential(&f, &format!("parallel-{n}")), sign)
                    .await
                    .unwrap()
            }));
        }
        let mut revocation = HashSet::new();
        let mut suspension = HashSet::new();
        for task in tasks {
            let record = task.await.unwrap().credential().clone();
            assert!(revocation.insert(record.revocation_index), "revocation index reused");
            assert!(suspension.insert(record.suspension_index), "suspension index reused");
        }
        assert_eq!(revocation, (0..50).collect::<HashSet<i64>>());
        assert_eq!(suspension, (0..50).collect::<HashSet<i64>>());
    }

    async fn parallel_issues_across_tiny_lists_never_share_a_slot(store: Store) {
        let store = store.with_status_list_bits(8);
        let f = Arc::new(fixture(&store).await);
        common::warm_up(&store).await;
        let failures = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for n in 0..50 {
            let store = store.clone();
            let f = Arc::clone(&f);
            let failures = Arc::clone(&failures);
            tasks.push(tokio::spawn(async move {
                // Every fifth signer fails: its indexes are burned, not recycled.
                let fail = n % 5 == 0;
                let result = store
                    .issue_credential(new_credential(&f, &format!("tiny-{n}")), |assignment| {
                        if fail { Err("refused") } else { sign(assignment).map_err(|_| "infallible") }
                    })
                    .await;
                match result {
                    Ok(outcome) => Some(outcome.credential().clone()),
                    Err(IssueError::Sign(_)) => {
                        failures.fetch_add(1, Ordering::SeqCst);
                        None
                    }
                    Err(other) => panic!("{other:?}"),
                }
            }));
        }
        let mut slots = HashSet::new();
        let mut issued = 0;
        for task in tasks {
            if let Some(record) = task.await.unwrap() {
                issued += 1;
                assert!(slots.insert((record.revocation_list_id, record.revocation_index)));
            }
        }
        assert_eq!(issued, 40);
        assert_eq!(failures.load(Ordering::SeqCst), 10);
        // 50 allocations (10 burned) over lists of 8: the allocated total is exactly 50.
        let lists = store.status_lists(&f.issuer.id).await.unwrap();
        let allocated: i64 = lists
            .iter()
            .filter(|l| l.purpose == StatusPurpose::Revocation)
            .map(|l| l.next_index)
            .sum();
        assert_eq!(allocated, 50);
    }

    async fn racing_requests_with_one_key_issue_once(store: Store) {
        let f = Arc::new(fixture(&store).await);
        let signed = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..10 {
            let store = store.clone();
            let f = Arc::clone(&f);
            let signed = Arc::clone(&signed);
            tasks.push(tokio::spawn(async move {
                store
                    .issue_credential(new_credential(&f, "same-key"), |assignment| {
                        signed.fetch_add(1, Ordering::SeqCst);
                        sign(assignment)
                    })
                    .await
                    .unwrap()
            }));
        }
        let mut issued = Vec::new();
        let mut ids = HashSet::new();
        for task in tasks {
            let outcome = task.await.unwrap();
            ids.insert(outcome.credential().id.clone());
            if let IssueOutcome::Issued(record) = outcome {
                issued.push(record);
            }
        }
        assert_eq!(issued.len(), 1, "exactly one request stores a credential");
        assert_eq!(ids.len(), 1, "every request sees the same credential");
        assert!(signed.load(Ordering::SeqCst) >= 1);
        assert_eq!(store.credentials_of_issuer(&f.issuer.id, 100, 0).await.unwrap().len(), 1);
    }
}
