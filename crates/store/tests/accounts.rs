//! Users, sessions, API tokens, issuers, recipients and achievements: round trips and the
//! unique constraints surfacing as typed errors.
#![allow(clippy::unwrap_used, clippy::panic)] // Tests fail loudly by design.

mod common;

use common::at;
use tsumiki_store::{NewRecipient, NewUser, Role, Store, StoreError};

fn new_user(email: &str, role: Role) -> NewUser {
    NewUser {
        email: email.to_owned(),
        display_name: "佐藤 太郎".to_owned(),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".to_owned(),
        role,
    }
}

on_both_databases! {
    async fn users_are_unique_by_normalized_email(store: Store) {
        let user = store.create_user(new_user("  Taro@Example.JP ", Role::IssuerStaff)).await.unwrap();
        assert_eq!(user.email, "taro@example.jp");
        assert_eq!(store.user(&user.id).await.unwrap(), user);
        assert_eq!(store.user_by_email("TARO@example.jp").await.unwrap(), Some(user.clone()));
        assert_eq!(store.user_by_email("jiro@example.jp").await.unwrap(), None);

        let error = store.create_user(new_user("taro@example.jp", Role::Viewer)).await.unwrap_err();
        assert!(matches!(error, StoreError::AlreadyExists { entity: "user", .. }), "{error:?}");
        assert_eq!(store.users().await.unwrap(), vec![user]);
        let error = store.user("missing").await.unwrap_err();
        assert!(matches!(error, StoreError::NotFound { entity: "user", .. }), "{error:?}");
    }

    async fn sessions_expire_and_die_with_a_password_change(store: Store) {
        let user = store.create_user(new_user("s@example.jp", Role::Admin)).await.unwrap();
        let session = store.create_session("hash-1", &user.id, "csrf-1", at(3600)).await.unwrap();
        let (found, found_user) = store.session("hash-1", at(0)).await.unwrap().unwrap();
        assert_eq!((found, found_user), (session, user.clone()));
        assert!(store.session("hash-1", at(3600)).await.unwrap().is_none(), "expired at expires_at");
        assert!(store.session("unknown", at(0)).await.unwrap().is_none());

        let error = store.create_session("hash-1", &user.id, "csrf-2", at(10)).await.unwrap_err();
        assert!(matches!(error, StoreError::AlreadyExists { entity: "session", .. }), "{error:?}");

        store.create_session("hash-2", &user.id, "csrf-2", at(10)).await.unwrap();
        assert_eq!(store.delete_expired_sessions(at(100)).await.unwrap(), 1);
        assert!(store.session("hash-1", at(0)).await.unwrap().is_some());

        store.set_password_hash(&user.id, "$argon2id$new").await.unwrap();
        assert!(store.session("hash-1", at(0)).await.unwrap().is_none());
        assert_eq!(store.user(&user.id).await.unwrap().password_hash, "$argon2id$new");
        let error = store.set_password_hash("missing", "x").await.unwrap_err();
        assert!(matches!(error, StoreError::NotFound { .. }), "{error:?}");
    }

    async fn api_tokens_authenticate_until_revoked(store: Store) {
        let user = store.create_user(new_user("api@example.jp", Role::IssuerStaff)).await.unwrap();
        let token = store.create_api_token(&user.id, "token-hash", "CI").await.unwrap();
        let error = store.create_api_token(&user.id, "token-hash", "dup").await.unwrap_err();
        assert!(matches!(error, StoreError::AlreadyExists { entity: "api token", .. }), "{error:?}");

        assert_eq!(store.authenticate_api_token("token-hash", at(5)).await.unwrap(), Some(user.clone()));
        assert_eq!(store.authenticate_api_token("other", at(5)).await.unwrap(), None);
        let listed = store.api_tokens(&user.id).await.unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].last_used_at, Some(at(5)));

        store.revoke_api_token(&token.id, at(6)).await.unwrap();
        store.revoke_api_token(&token.id, at(7)).await.unwrap();
        assert_eq!(store.authenticate_api_token("token-hash", at(8)).await.unwrap(), None);
        assert_eq!(store.api_tokens(&user.id).await.unwrap()[0].revoked_at, Some(at(6)));
    }

    async fn issuer_slug_and_identifier_are_unique(store: Store) {
        let key = tsumiki_store::MasterKey::generate();
        let first = common::issuer(&store, "dup", &key).await;
        let error = store
            .create_issuer(
                tsumiki_store::NewIssuer {
                    slug: "dup".to_owned(),
                    name_ja: "別".to_owned(),
                    name_en: "Other".to_owned(),
                    url: "https://other.example".to_owned(),
                    identifier_kind: tsumiki_store::IdentifierKind::DidKey,
                    identifier: "did:key:z6Mk-other".to_owned(),
                    verification_method: "did:key:z6Mk-other#z6Mk-other".to_owned(),
                    public_key_multibase: "z6Mk-other".to_owned(),
                    secret_key: vec![1; 32],
                },
                &key,
            )
            .await
            .unwrap_err();
        assert!(matches!(error, StoreError::AlreadyExists { entity: "issuer", .. }), "{error:?}");
        assert_eq!(store.issuers().await.unwrap(), vec![first]);
    }

    async fn recipient_identifiers_are_unique_and_all_or_nothing(store: Store) {
        let (hanako, identifiers) = store
            .create_recipient(NewRecipient {
                display_name: "山田 花子".to_owned(),
                did: Some("did:key:z6MkHanako".to_owned()),
                identifiers: vec![
                    ("email".to_owned(), "Hanako@Example.jp".to_owned()),
                    ("employee_id".to_owned(), " E-0042 ".to_owned()),
                ],
            })
            .await
            .unwrap();
        assert_eq!(identifiers[0].normalized_value, "hanako@example.jp");
        assert_eq!(identifiers[1].normalized_value, "E-0042");
        assert_eq!(store.recipient_by_identifier("email", " HANAKO@example.JP").await.unwrap(), Some(hanako.clone()));
        assert_eq!(store.recipient_by_identifier("employee_id", "E-0042").await.unwrap(), Some(hanako.clone()));
        // Employee numbers are case-sensitive; only emails are folded.
        assert_eq!(store.recipient_by_identifier("employee_id", "e-0042").await.unwrap(), None);

        // A second person whose second identifier collides: neither they nor their first
        // identifier may be stored.
        let error = store
            .create_recipient(NewRecipient {
                display_name: "別人".to_owned(),
                did: None,
                identifiers: vec![
                    ("email".to_owned(), "other@example.jp".to_owned()),
                    ("email".to_owned(), "HANAKO@example.jp".to_owned()),
                ],
            })
            .await
            .unwrap_err();
        assert!(matches!(error, StoreError::AlreadyExists { entity: "recipient identifier", .. }), "{error:?}");
        assert_eq!(store.recipient_by_identifier("email", "other@example.jp").await.unwrap(), None);

        let added = store.add_recipient_identifier(&hanako.id, "email", "hanako.new@example.jp").await.unwrap();
        assert_eq!(store.recipient_identifiers(&hanako.id).await.unwrap().len(), 3);
        assert!(store.recipient_identifiers(&hanako.id).await.unwrap().contains(&added));
        let error = store.add_recipient_identifier("nobody", "email", "x@example.jp").await.unwrap_err();
        assert!(matches!(error, StoreError::NotFound { entity: "recipient", .. }), "{error:?}");
        assert_eq!(store.recipient(&hanako.id).await.unwrap(), hanako);
        assert_eq!(store.recipients(10, 0).await.unwrap(), vec![hanako.clone()]);
        assert!(store.recipients(10, 1).await.unwrap().is_empty());
    }

    async fn achievements_round_trip_every_field(store: Store) {
        let key = tsumiki_store::MasterKey::generate();
        let issuer = common::issuer(&store, "ach", &key).await;
        let details = common::achievement_details(&issuer.id);
        let created = store.create_achievement(details.clone()).await.unwrap();
        let read = store.achievement(&created.id).await.unwrap();
        assert_eq!(read, created);
        assert_eq!(read.details, details);
        assert_eq!(read.details.credits, Some(2.5));

        let mut changed = details.clone();
        changed.image = None;
        changed.hours = None;
        changed.learning_outcomes_en.push("Communicate results".to_owned());
        let updated = store.update_achievement(&created.id, changed.clone()).await.unwrap();
        assert_eq!(store.achievement(&created.id).await.unwrap(), updated);
        assert_eq!(updated.details, changed);
        assert_eq!(store.achievements(&issuer.id).await.unwrap(), vec![updated]);

        // Only PNG and SVG images are accepted.
        let mut gif = details.clone();
        if let Some(image) = gif.image.as_mut() {
            image.media_type = "image/gif".to_owned();
        }
        assert!(matches!(store.create_achievement(gif).await.unwrap_err(), StoreError::Database(_)));
        // Foreign keys are enforced on both databases.
        let orphan = common::achievement_details("no-such-issuer");
        assert!(matches!(store.create_achievement(orphan).await.unwrap_err(), StoreError::Database(_)));
        let error = store.update_achievement("missing", details).await.unwrap_err();
        assert!(matches!(error, StoreError::NotFound { .. }), "{error:?}");
    }
}
