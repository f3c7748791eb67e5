#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Issuer key rotation: a new key signs from then on, the old one stays published so that what
//! it signed keeps verifying, only administrators may rotate, and a did:key issuer cannot.

mod web_support;

use axum::http::StatusCode;
use serde_json::Value;
use tsumiki_store::Role;
use tsumiki_vc::di::{ProofOptions, sign};
use tsumiki_vc::did::ControllerDocuments;
use tsumiki_vc::verify::{VerifyOptions, verify};
use tsumiki_web::issuer_keys::issuer_key;
use web_support::{Browser, TestApp, app_at};

async fn create_issuer(app: &TestApp, admin: &Browser, slug: &str, kind: &str) {
    let created = app
        .submit(
            admin,
            "/admin/issuers",
            &[
                ("slug", slug),
                ("name_ja", "積木大学"),
                ("name_en", "Tsumiki University"),
                ("url", "https://www.tsumiki.example.ac.jp"),
                ("kind", kind),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER);
}

/// The bench badge, issued by `slug`'s current key.
async fn signed_by_current_key(app: &TestApp, slug: &str) -> Value {
    let issuer = app.state.store.issuer_by_slug(slug).await.unwrap();
    let key = issuer_key(&app.state, &issuer).unwrap();
    let mut credential: Value =
        serde_json::from_str(include_str!("../../../testdata/bench/ob3-badge.json")).unwrap();
    credential["issuer"]["id"] = Value::String(issuer.identifier.clone());
    sign(
        &credential,
        &key.key,
        &ProofOptions::new("2026-01-01T00:00:00Z", key.verification_method.clone()),
        &app.state.ld,
    )
    .unwrap()
}

fn verifies_with(credential: &Value, did_document: &Value, app: &TestApp) -> bool {
    let mut options = VerifyOptions::new("2026-06-01T00:00:00Z".parse().unwrap());
    options.controllers = ControllerDocuments::new()
        .with(did_document.clone())
        .unwrap();
    verify(credential.to_string().as_bytes(), &app.state.ld, &options).verified
}

#[tokio::test]
async fn rotation_signs_with_a_new_key_and_keeps_old_credentials_verifiable() {
    let app = app_at("https://badges.example.ac.jp").await;
    let (_, admin) = app.logged_in("admin@example.ac.jp", Role::Admin).await;
    create_issuer(&app, &admin, "eng", "did:web").await;
    let before = app.state.store.issuer_by_slug("eng").await.unwrap();
    let old_credential = signed_by_current_key(&app, "eng").await;

    let rotated = app
        .submit(&admin, "/admin/issuers/eng/rotate-key", &[])
        .await;
    assert_eq!(rotated.status, StatusCode::SEE_OTHER);
    let after = app.state.store.issuer_by_slug("eng").await.unwrap();
    assert_eq!(
        after.verification_method,
        format!("{}#key-2", before.identifier)
    );
    assert_ne!(after.public_key_multibase, before.public_key_multibase);
    assert_eq!(after.retired_keys.len(), 1);
    assert_eq!(
        after.retired_keys[0].verification_method,
        before.verification_method
    );

    let document = app.get("/issuers/eng/did.json", None).await.json();
    let methods: Vec<&str> = document["verificationMethod"]
        .as_array()
        .unwrap()
        .iter()
        .map(|method| method["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        methods,
        [
            after.verification_method.as_str(),
            before.verification_method.as_str()
        ]
    );
    assert_eq!(document["assertionMethod"].as_array().unwrap().len(), 2);
    assert_eq!(
        document["authentication"],
        serde_json::json!([after.verification_method])
    );

    let new_credential = signed_by_current_key(&app, "eng").await;
    assert_eq!(
        new_credential["proof"]["verificationMethod"],
        after.verification_method.as_str()
    );
    assert!(verifies_with(&old_credential, &document, &app));
    assert!(verifies_with(&new_credential, &document, &app));

    // Rotating again retires key-2 as well; both old credentials still verify.
    app.submit(&admin, "/admin/issuers/eng/rotate-key", &[])
        .await;
    let document = app.get("/issuers/eng/did.json", None).await.json();
    assert_eq!(document["verificationMethod"].as_array().unwrap().len(), 3);
    assert!(verifies_with(&old_credential, &document, &app));
    assert!(verifies_with(&new_credential, &document, &app));
    let page = app.get("/admin/issuers", Some(&admin.cookie)).await;
    assert!(page.body.contains("#key-3"), "current key shown");
}

#[tokio::test]
async fn only_admins_rotate_and_never_a_did_key() {
    let app = app_at("https://badges.example.ac.jp").await;
    let (_, admin) = app.logged_in("admin@example.ac.jp", Role::Admin).await;
    create_issuer(&app, &admin, "eng", "did:web").await;
    create_issuer(&app, &admin, "solo", "did:key").await;
    for (email, role) in [
        ("staff@example.ac.jp", Role::IssuerStaff),
        ("viewer@example.ac.jp", Role::Viewer),
    ] {
        let (_, browser) = app.logged_in(email, role).await;
        let refused = app
            .submit(&browser, "/admin/issuers/eng/rotate-key", &[])
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{role:?}");
    }
    let anonymous = app
        .post_form("/admin/issuers/eng/rotate-key", None, &[])
        .await;
    assert_ne!(anonymous.status, StatusCode::SEE_OTHER);
    assert!(
        app.state
            .store
            .issuer_by_slug("eng")
            .await
            .unwrap()
            .retired_keys
            .is_empty()
    );

    let solo_before = app.state.store.issuer_by_slug("solo").await.unwrap();
    let refused = app
        .submit(&admin, "/admin/issuers/solo/rotate-key", &[])
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        app.state.store.issuer_by_slug("solo").await.unwrap(),
        solo_before
    );
    let page = app.get("/admin/issuers", Some(&admin.cookie)).await;
    assert_eq!(
        page.body.matches("/rotate-key").count(),
        1,
        "only the did:web issuer offers rotation"
    );
    let missing = app
        .submit(&admin, "/admin/issuers/nobody/rotate-key", &[])
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}
