//! Revoke / suspend / unsuspend: state, bit, list version and event change together or not at
//! all.
#![allow(clippy::unwrap_used, clippy::panic)] // Tests fail loudly by design.

mod common;

use common::{at, fixture, new_credential, sign};
use tsumiki_store::{
    CredentialRecord, CredentialState, NewUser, Role, StatusAction, Store, StoreError,
};

async fn issued(store: &Store, f: &common::Fixture, key: &str) -> CredentialRecord {
    store
        .issue_credential(new_credential(f, key), sign)
        .await
        .unwrap()
        .credential()
        .clone()
}

async fn admin(store: &Store) -> String {
    store
        .create_user(NewUser {
            email: "admin@example.jp".to_owned(),
            display_name: "管理者".to_owned(),
            password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".to_owned(),
            role: Role::Admin,
        })
        .await
        .unwrap()
        .id
}

on_both_databases! {
    async fn revoke_sets_the_bit_bumps_the_version_and_records_an_event(store: Store) {
        let f = fixture(&store).await;
        let _first = issued(&store, &f, "a").await;
        let credential = issued(&store, &f, "b").await;
        assert_eq!(credential.revocation_index, 1);
        let actor = admin(&store).await;
        let before = store.status_list(&credential.revocation_list_id).await.unwrap();

        let revoked = store
            .change_credential_status(&credential.id, StatusAction::Revoke, "不正受験", Some(&actor), at(60))
            .await
            .unwrap();
        assert_eq!(revoked.state, CredentialState::Revoked);
        assert_eq!(revoked.state_reason.as_deref(), Some("不正受験"));
        assert_eq!(store.credential(&credential.id).await.unwrap(), revoked);

        let after = store.status_list(&credential.revocation_list_id).await.unwrap();
        assert_eq!(after.version, before.version + 1);
        assert_eq!(after.updated_at, at(60));
        assert_eq!(after.bit(1), Some(true));
        assert_eq!(after.bit(0), Some(false), "only the credential's own bit is set");
        assert_eq!(after.bitstring[0], 0b0100_0000, "index 1 is the second most significant bit");
        // The suspension list is untouched.
        let suspension = store.status_list(&credential.suspension_list_id).await.unwrap();
        assert_eq!((suspension.version, suspension.bit(1)), (1, Some(false)));

        let events = store.status_events(&credential.id).await.unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].action, StatusAction::Revoke);
        assert_eq!(events[0].reason, "不正受験");
        assert_eq!(events[0].actor_user_id.as_deref(), Some(actor.as_str()));
        assert_eq!(events[0].at, at(60));

        // Revocation is final.
        for action in [StatusAction::Revoke, StatusAction::Suspend, StatusAction::Unsuspend] {
            let error = store
                .change_credential_status(&credential.id, action, "again", None, at(61))
                .await
                .unwrap_err();
            assert!(
                matches!(error, StoreError::InvalidTransition { state: "revoked", .. }),
                "{error:?}"
            );
        }
        assert_eq!(store.status_events(&credential.id).await.unwrap().len(), 1);
        assert_eq!(store.status_list(&credential.revocation_list_id).await.unwrap().version, after.version);
    }

    async fn suspend_and_unsuspend_toggle_the_suspension_bit(store: Store) {
        let f = fixture(&store).await;
        let credential = issued(&store, &f, "s").await;
        let list = &credential.suspension_list_id;

        let error = store
            .change_credential_status(&credential.id, StatusAction::Unsuspend, "not suspended", None, at(1))
            .await
            .unwrap_err();
        assert!(matches!(error, StoreError::InvalidTransition { state: "active", .. }), "{error:?}");

        let suspended = store
            .change_credential_status(&credential.id, StatusAction::Suspend, "調査中", None, at(2))
            .await
            .unwrap();
        assert_eq!(suspended.state, CredentialState::Suspended);
        let after_suspend = store.status_list(list).await.unwrap();
        assert_eq!((after_suspend.bit(0), after_suspend.version), (Some(true), 2));

        let active = store
            .change_credential_status(&credential.id, StatusAction::Unsuspend, "調査完了", None, at(3))
            .await
            .unwrap();
        assert_eq!(active.state, CredentialState::Active);
        let after_unsuspend = store.status_list(list).await.unwrap();
        assert_eq!((after_unsuspend.bit(0), after_unsuspend.version), (Some(false), 3));

        // A suspended credential can still be revoked.
        store
            .change_credential_status(&credential.id, StatusAction::Suspend, "再調査", None, at(4))
            .await
            .unwrap();
        let revoked = store
            .change_credential_status(&credential.id, StatusAction::Revoke, "確定", None, at(5))
            .await
            .unwrap();
        assert_eq!(revoked.state, CredentialState::Revoked);

        let actions: Vec<_> = store
            .status_events(&credential.id)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .collect();
        assert_eq!(
            actions,
            [StatusAction::Suspend, StatusAction::Unsuspend, StatusAction::Suspend, StatusAction::Revoke]
        );
    }

    async fn a_failure_in_the_last_step_leaves_nothing_changed(store: Store) {
        let f = fixture(&store).await;
        let credential = issued(&store, &f, "atomic").await;
        // The event insert is the last statement; an unknown actor makes it violate its
        // foreign key after the state, the bit and the version were already written.
        let error = store
            .change_credential_status(&credential.id, StatusAction::Revoke, "x", Some("no-such-user"), at(9))
            .await
            .unwrap_err();
        assert!(matches!(error, StoreError::Database(_)), "{error:?}");

        assert_eq!(store.credential(&credential.id).await.unwrap(), credential);
        let list = store.status_list(&credential.revocation_list_id).await.unwrap();
        assert_eq!((list.bit(0), list.version), (Some(false), 1));
        assert!(store.status_events(&credential.id).await.unwrap().is_empty());
    }

    async fn unknown_credential_is_not_found(store: Store) {
        let error = store
            .change_credential_status("urn:uuid:00000000-0000-4000-8000-000000000000", StatusAction::Revoke, "x", None, at(0))
            .await
            .unwrap_err();
        assert!(matches!(error, StoreError::NotFound { entity: "credential", .. }), "{error:?}");
    }

    async fn concurrent_revocations_of_one_list_keep_every_bit(store: Store) {
        let f = std::sync::Arc::new(fixture(&store).await);
        let mut credentials = Vec::new();
        for n in 0..16 {
            credentials.push(issued(&store, &f, &format!("c{n}")).await);
        }
        let mut tasks = Vec::new();
        for credential in credentials.iter().filter(|c| c.revocation_index % 2 == 0) {
            let store = store.clone();
            let id = credential.id.clone();
            tasks.push(tokio::spawn(async move {
                store.change_credential_status(&id, StatusAction::Revoke, "r", None, at(1)).await.unwrap();
            }));
        }
        for task in tasks {
            task.await.unwrap();
        }
        let list = store.status_list(&credentials[0].revocation_list_id).await.unwrap();
        // Lost updates of the read-modify-write would clear some of these bits.
        assert_eq!(&list.bitstring[..2], &[0b1010_1010, 0b1010_1010]);
        assert_eq!(list.version, 1 + 8);
    }

    async fn signed_list_cache_refuses_stale_versions(store: Store) {
        let f = fixture(&store).await;
        let credential = issued(&store, &f, "cache").await;
        let id = &credential.revocation_list_id;
        assert!(store.save_signed_status_list(id, 1, "{\"v\":1}").await.unwrap());
        store
            .change_credential_status(&credential.id, StatusAction::Revoke, "r", None, at(1))
            .await
            .unwrap();
        // Signed from version 1 after the list moved to 2: refused.
        assert!(!store.save_signed_status_list(id, 1, "{\"v\":1}").await.unwrap());
        assert!(store.save_signed_status_list(id, 2, "{\"v\":2}").await.unwrap());
        assert!(!store.save_signed_status_list(id, 2, "{\"dup\":2}").await.unwrap());
        let list = store.status_list(id).await.unwrap();
        assert_eq!(list.signed_credential.as_deref(), Some("{\"v\":2}"));
        assert_eq!(list.signed_version, Some(2));
    }
}
