//! Issuer keys are sealed at rest: the database never holds the secret in clear, and only the
//! right master key opens it.
#![allow(clippy::unwrap_used, clippy::panic)] // Tests fail loudly by design.

mod common;

use tsumiki_store::{MasterKey, RotatedKey, SealError, Store, StoreError};

#[test]
fn master_key_text_forms() {
    let key = MasterKey::generate();
    let hex = key.to_hex();
    assert_eq!(hex.len(), 64);
    let again = MasterKey::from_text(&format!("  {hex}\n")).unwrap();
    let sealed = key.seal(b"secret", b"ad").unwrap();
    assert_eq!(again.open(&sealed, b"ad").unwrap(), b"secret");

    // base64 of the same 32 bytes, with and without padding.
    use base64::Engine as _;
    let bytes = hex::decode(&hex).unwrap();
    for text in [
        base64::engine::general_purpose::STANDARD.encode(&bytes),
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&bytes),
    ] {
        let from_b64 = MasterKey::from_text(&text).unwrap();
        assert_eq!(from_b64.open(&sealed, b"ad").unwrap(), b"secret");
    }

    for bad in [
        "",
        "abc",
        &hex[..62],
        &format!("{hex}00"),
        "not base64 at all!!",
    ] {
        assert_eq!(
            MasterKey::from_text(bad).unwrap_err(),
            SealError::InvalidMasterKey,
            "{bad:?}"
        );
    }
    assert!(
        !format!("{key:?}").contains(&hex),
        "Debug must not print the key"
    );
}

#[test]
fn sealing_rejects_wrong_key_other_issuer_tampering_and_truncation() {
    let key = MasterKey::generate();
    let secret = [7u8; 32];
    let sealed = key.seal(&secret, b"issuer-a").unwrap();
    assert_eq!(key.open(&sealed, b"issuer-a").unwrap(), secret);
    // A fresh nonce per seal: sealing twice gives different bytes.
    assert_ne!(key.seal(&secret, b"issuer-a").unwrap(), sealed);

    assert_eq!(
        MasterKey::generate()
            .open(&sealed, b"issuer-a")
            .unwrap_err(),
        SealError::WrongKey
    );
    assert_eq!(
        key.open(&sealed, b"issuer-b").unwrap_err(),
        SealError::WrongKey
    );
    let mut tampered = sealed.clone();
    *tampered.last_mut().unwrap() ^= 1;
    assert_eq!(
        key.open(&tampered, b"issuer-a").unwrap_err(),
        SealError::WrongKey
    );
    assert_eq!(
        key.open(&sealed[..10], b"issuer-a").unwrap_err(),
        SealError::Malformed
    );
    assert_eq!(
        key.open(&[], b"issuer-a").unwrap_err(),
        SealError::Malformed
    );
    let mut other_version = sealed.clone();
    other_version[0] = 2;
    assert_eq!(
        key.open(&other_version, b"issuer-a").unwrap_err(),
        SealError::Malformed
    );
}

#[test]
fn load_or_create_writes_a_private_file_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keys/master.key");
    let created = MasterKey::load_or_create(&path).unwrap();
    let loaded = MasterKey::load_or_create(&path).unwrap();
    assert_eq!(created.to_hex(), loaded.to_hex());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    std::fs::write(dir.path().join("bad.key"), "too short").unwrap();
    let error = MasterKey::load_or_create(&dir.path().join("bad.key")).unwrap_err();
    assert!(
        matches!(error, StoreError::Seal(SealError::InvalidMasterKey)),
        "{error:?}"
    );
}

on_both_databases! {
    async fn issuer_key_round_trips_sealed(store: Store) {
        let master_key = MasterKey::generate();
        let issuer = common::issuer(&store, "sealed", &master_key).await;
        let stored = store.issuer(&issuer.id).await.unwrap();
        assert_eq!(stored, issuer);
        assert!(
            !stored
                .sealed_secret_key
                .windows(common::SECRET_KEY.len())
                .any(|w| w == common::SECRET_KEY),
            "the stored bytes contain the secret in clear"
        );
        assert_eq!(
            store.issuer_secret_key(&stored, &master_key).unwrap(),
            common::SECRET_KEY
        );
        let error = store
            .issuer_secret_key(&stored, &MasterKey::generate())
            .unwrap_err();
        assert!(matches!(error, StoreError::Seal(SealError::WrongKey)), "{error:?}");
        assert_eq!(store.issuer_by_slug("sealed").await.unwrap().id, issuer.id);
    }
}

on_both_databases! {
    async fn rotation_keeps_the_old_key_published_and_seals_the_new_one(store: Store) {
        let master_key = MasterKey::generate();
        let issuer = common::issuer(&store, "rotating", &master_key).await;
        let new_secret = [9u8; 32];
        let rotated = store
            .rotate_issuer_key(
                &issuer.id,
                RotatedKey {
                    verification_method: format!("{}#key-2", issuer.identifier),
                    public_key_multibase: "z6MkNewKey".to_owned(),
                    secret_key: new_secret.to_vec(),
                },
                &master_key,
            )
            .await
            .unwrap();
        assert_eq!(rotated.verification_method, format!("{}#key-2", issuer.identifier));
        assert_eq!(rotated.public_key_multibase, "z6MkNewKey");
        assert_eq!(store.issuer_secret_key(&rotated, &master_key).unwrap(), new_secret);
        assert_eq!(rotated.retired_keys.len(), 1);
        assert_eq!(rotated.retired_keys[0].verification_method, issuer.verification_method);
        assert_eq!(rotated.retired_keys[0].public_key_multibase, issuer.public_key_multibase);
        // Every way of loading an issuer sees the retired key.
        assert_eq!(store.issuer_by_slug("rotating").await.unwrap(), rotated);
        let all = store.issuers().await.unwrap();
        assert_eq!(all.iter().find(|i| i.id == issuer.id).unwrap(), &rotated);
        assert!(!rotated.sealed_secret_key.windows(32).any(|w| w == new_secret));

        // Re-using a method id (retired or current) is refused, and nothing changes.
        for reused in [issuer.verification_method.clone(), format!("{}#key-2", issuer.identifier)] {
            let error = store
                .rotate_issuer_key(
                    &issuer.id,
                    RotatedKey {
                        verification_method: reused,
                        public_key_multibase: "z6MkOther".to_owned(),
                        secret_key: vec![1; 32],
                    },
                    &master_key,
                )
                .await
                .unwrap_err();
            assert!(matches!(error, StoreError::AlreadyExists { .. }), "{error:?}");
        }
        assert_eq!(store.issuer(&issuer.id).await.unwrap(), rotated);
        let third = store
            .rotate_issuer_key(
                &issuer.id,
                RotatedKey {
                    verification_method: format!("{}#key-3", issuer.identifier),
                    public_key_multibase: "z6MkThird".to_owned(),
                    secret_key: vec![2; 32],
                },
                &master_key,
            )
            .await
            .unwrap();
        let retired: Vec<&str> = third
            .retired_keys
            .iter()
            .map(|key| key.verification_method.as_str())
            .collect();
        assert_eq!(
            retired,
            [issuer.verification_method.clone(), format!("{}#key-2", issuer.identifier)]
        );
        let unknown = store
            .rotate_issuer_key(
                "no-such-issuer",
                RotatedKey {
                    verification_method: "x#key-2".to_owned(),
                    public_key_multibase: "z".to_owned(),
                    secret_key: vec![3; 32],
                },
                &master_key,
            )
            .await
            .unwrap_err();
        assert!(matches!(unknown, StoreError::NotFound { .. }), "{unknown:?}");
    }
}

/// The whole SQLite file, WAL included, never contains the secret key bytes.
#[tokio::test]
async fn sqlite_file_never_contains_the_secret() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&common::sqlite_url(&dir)).await.unwrap();
    let master_key = MasterKey::generate();
    common::issuer(&store, "on-disk", &master_key).await;
    store.close().await;
    let mut found = 0;
    for entry in std::fs::read_dir(dir.path().join("data")).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        found += 1;
        assert!(!bytes.windows(32).any(|w| w == common::SECRET_KEY));
    }
    assert!(found >= 1);
}
