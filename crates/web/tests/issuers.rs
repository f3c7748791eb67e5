//! Issuer profiles: creation through the admin page, did:web and did:key identifiers, the
//! published documents, and the sealed signing key that W3's issuing service uses.
#![allow(clippy::unwrap_used, clippy::panic)]

mod web_support;

use axum::http::StatusCode;
use serde_json::Value;
use tsumiki_store::{IdentifierKind, MasterKey, Role};
use tsumiki_vc::di::{ProofOptions, sign};
use tsumiki_vc::did::ControllerDocuments;
use tsumiki_vc::verify::{VerifyOptions, verify};
use tsumiki_web::did_web::{did_web_document_url, did_web_for};
use tsumiki_web::issuer_keys::issuer_key;
use tsumiki_web::{AppState, WebError};
use web_support::{TestApp, app_at};

async fn create(
    app: &TestApp,
    browser: &web_support::Browser,
    slug: &str,
    kind: &str,
) -> web_support::Resp {
    app.submit(
        browser,
        "/admin/issuers",
        &[
            ("slug", slug),
            ("name_ja", "積木大学"),
            ("name_en", "Tsumiki University"),
            ("url", "https://www.tsumiki.example.ac.jp"),
            ("kind", kind),
        ],
    )
    .await
}

#[test]
fn did_web_identifiers_follow_the_method_rules() {
    assert_eq!(
        did_web_for("https://badges.example.ac.jp", "eng").unwrap(),
        "did:web:badges.example.ac.jp:issuers:eng"
    );
    assert_eq!(
        did_web_for("https://127.0.0.1:8443", "eng").unwrap(),
        "did:web:127.0.0.1%3A8443:issuers:eng"
    );
    assert_eq!(
        did_web_for("https://Example.AC.jp/badges/", "eng").unwrap(),
        "did:web:example.ac.jp:badges:issuers:eng"
    );
    assert!(did_web_for("ftp://example.ac.jp", "eng").is_err());
    assert!(did_web_for("https://", "eng").is_err());
    // And back: the DID resolves to the URL the server serves the document at.
    assert_eq!(
        did_web_document_url("did:web:127.0.0.1%3A8443:issuers:eng").unwrap(),
        "https://127.0.0.1:8443/issuers/eng/did.json"
    );
    assert_eq!(
        did_web_document_url("did:web:example.ac.jp:badges:issuers:eng").unwrap(),
        "https://example.ac.jp/badges/issuers/eng/did.json"
    );
}

#[tokio::test]
async fn an_admin_creates_a_did_web_issuer_whose_document_is_published() {
    let app = app_at("https://badges.example.ac.jp:8443").await;
    let (_, admin) = app.logged_in("admin@example.ac.jp", Role::Admin).await;
    let created = create(&app, &admin, "engineering", "did:web").await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);

    let issuer = app.state.store.issuer_by_slug("engineering").await.unwrap();
    assert_eq!(issuer.identifier_kind, IdentifierKind::DidWeb);
    assert_eq!(
        issuer.identifier,
        "did:web:badges.example.ac.jp%3A8443:issuers:engineering"
    );
    assert_eq!(
        issuer.verification_method,
        format!("{}#key-1", issuer.identifier)
    );
    assert_eq!(
        did_web_document_url(&issuer.identifier).unwrap(),
        "https://badges.example.ac.jp:8443/issuers/engineering/did.json"
    );
    assert_eq!(issuer.name_ja, "積木大学");

    // Published anonymously: the DID document at the did:web path...
    let doc = app.get("/issuers/engineering/did.json", None).await;
    assert_eq!(doc.status, StatusCode::OK);
    assert_eq!(doc.headers["content-type"], "application/did+ld+json");
    let doc = doc.json();
    assert_eq!(doc["id"], issuer.identifier.as_str());
    assert_eq!(
        doc["assertionMethod"][0],
        issuer.verification_method.as_str()
    );
    assert_eq!(doc["verificationMethod"][0]["type"], "Multikey");
    assert_eq!(
        doc["verificationMethod"][0]["publicKeyMultibase"],
        issuer.public_key_multibase.as_str()
    );
    assert!(
        doc.to_string().find("secret").is_none(),
        "no secret in a public document"
    );
    // ...and the OB Profile.
    let profile = app.get("/issuers/engineering", None).await;
    assert_eq!(profile.status, StatusCode::OK);
    let profile = profile.json();
    assert_eq!(profile["id"], issuer.identifier.as_str());
    assert_eq!(profile["type"][0], "Profile");
    assert_eq!(profile["url"], "https://www.tsumiki.example.ac.jp");

    // The admin pages list it.
    let listing = app.get("/admin/issuers", Some(&admin.cookie)).await;
    assert!(listing.body.contains(&issuer.identifier));
    let dashboard = app.get("/", Some(&admin.cookie)).await;
    assert!(dashboard.body.contains("積木大学"));
}

/// The helper W3's issuing service signs with: its key verifies against the published
/// document, so credentials from this issuer pass `tsumiki_vc::verify`.
#[tokio::test]
async fn the_issuer_key_signs_credentials_that_verify_against_the_published_document() {
    let app = app_at("https://badges.example.ac.jp").await;
    let (_, admin) = app.logged_in("admin@example.ac.jp", Role::Admin).await;
    create(&app, &admin, "eng", "did:web").await;
    let issuer = app.state.store.issuer_by_slug("eng").await.unwrap();
    let key = issuer_key(&app.state, &issuer).unwrap();
    assert_eq!(key.verification_method, issuer.verification_method);
    assert_eq!(key.controller, issuer.identifier);
    assert_eq!(key.key.public_multibase(), issuer.public_key_multibase);

    let mut credential: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../testdata/bench/ob3-badge.json"
        ))
        .unwrap(),
    )
    .unwrap();
    credential["issuer"]["id"] = Value::String(issuer.identifier.clone());
    let signed = sign(
        &credential,
        &key.key,
        &ProofOptions::new("2026-01-01T00:00:00Z", key.verification_method.clone()),
        &app.state.ld,
    )
    .unwrap();

    let doc = app.get("/issuers/eng/did.json", None).await.json();
    let mut options = VerifyOptions::new("2026-06-01T00:00:00Z".parse().unwrap());
    options.controllers = ControllerDocuments::new().with(doc).unwrap();
    let report = verify(signed.to_string().as_bytes(), &app.state.ld, &options);
    assert!(report.verified, "{}", report.to_json());

    // Another issuer's document does not vouch for this key.
    create(&app, &admin, "law", "did:web").await;
    let other = app.get("/issuers/law/did.json", None).await.json();
    let mut wrong = VerifyOptions::new("2026-06-01T00:00:00Z".parse().unwrap());
    wrong.controllers = ControllerDocuments::new().with(other).unwrap();
    assert!(!verify(signed.to_string().as_bytes(), &app.state.ld, &wrong).verified);
}

#[tokio::test]
async fn a_did_key_issuer_is_self_contained() {
    let app = app_at("https://badges.example.ac.jp").await;
    let (_, admin) = app.logged_in("admin@example.ac.jp", Role::Admin).await;
    let created = create(&app, &admin, "solo", "did:key").await;
    assert_eq!(created.status, StatusCode::SEE_OTHER);
    let issuer = app.state.store.issuer_by_slug("solo").await.unwrap();
    assert_eq!(issuer.identifier_kind, IdentifierKind::DidKey);
    assert_eq!(
        issuer.identifier,
        format!("did:key:{}", issuer.public_key_multibase)
    );
    assert!(
        issuer.identifier.starts_with("did:key:z6Mk"),
        "Ed25519 multikey: {}",
        issuer.identifier
    );
    assert_eq!(
        issuer.verification_method,
        format!("{}#{}", issuer.identifier, issuer.public_key_multibase)
    );
    // Nothing to publish for a did:key; the profile still exists.
    assert_eq!(
        app.get("/issuers/solo/did.json", None).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/issuers/solo", None).await.json()["id"],
        issuer.identifier.as_str()
    );

    // A did:key credential verifies with no documents at all.
    let key = issuer_key(&app.state, &issuer).unwrap();
    let mut credential: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../testdata/bench/ob3-badge.json"
        ))
        .unwrap(),
    )
    .unwrap();
    credential["issuer"]["id"] = Value::String(issuer.identifier.clone());
    let signed = sign(
        &credential,
        &key.key,
        &ProofOptions::new("2026-01-01T00:00:00Z", key.verification_method.clone()),
        &app.state.ld,
    )
    .unwrap();
    let report = verify(
        signed.to_string().as_bytes(),
        &app.state.ld,
        &VerifyOptions::new("2026-06-01T00:00:00Z".parse().unwrap()),
    );
    assert!(report.verified, "{}", report.to_json());
}

#[tokio::test]
async fn every_issuer_gets_its_own_key_and_slugs_are_unique() {
    let app = app_at("https://badges.example.ac.jp").await;
    let (_, admin) = app.logged_in("admin@example.ac.jp", Role::Admin).await;
    for slug in ["eng", "law", "med"] {
        assert_eq!(
            create(&app, &admin, slug, "did:web").await.status,
            StatusCode::SEE_OTHER
        );
    }
    let issuers = app.state.store.issuers().await.unwrap();
    assert_eq!(issuers.len(), 3);
    let mut keys: Vec<&str> = issuers
        .iter()
        .map(|i| i.public_key_multibase.as_str())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), 3, "distinct keys");

    let duplicate = create(&app, &admin, "eng", "did:key").await;
    assert_eq!(duplicate.status, StatusCode::CONFLICT);
    assert!(duplicate.body.contains("role=\"alert\""));
    for bad in ["", "Eng", "a:b", "-eng", "eng-", "e/g", "ｅｎｇ"] {
        let response = create(&app, &admin, bad, "did:web").await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "slug {bad:?}");
    }
    assert_eq!(app.state.store.issuers().await.unwrap().len(), 3);
    assert_eq!(
        app.get("/issuers/nope", None).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/issuers/nope/did.json", None).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_issuer_key_needs_the_right_master_key() {
    let app = app_at("https://badges.example.ac.jp").await;
    let (_, admin) = app.logged_in("admin@example.ac.jp", Role::Admin).await;
    create(&app, &admin, "eng", "did:web").await;
    let issuer = app.state.store.issuer_by_slug("eng").await.unwrap();
    // The sealed bytes do not contain the key in the clear.
    let key = issuer_key(&app.state, &issuer).unwrap();
    let secret = key.key.to_secret_multibase();
    assert!(!String::from_utf8_lossy(&issuer.sealed_secret_key).contains(&secret));

    let other = AppState::new(
        app.state.store.clone(),
        MasterKey::generate(),
        "https://badges.example.ac.jp",
    );
    match issuer_key(&other, &issuer) {
        Err(WebError::Internal(message)) => assert!(message.contains("eng"), "{message}"),
        other => panic!("expected an internal error, got {other:?}"),
    }
}

fn achievement(issuer_id: &str) -> tsumiki_store::NewAchievement {
    tsumiki_store::NewAchievement {
        issuer_id: issuer_id.to_owned(),
        achievement_type: "MicroCredential".to_owned(),
        name_ja: "データサイエンス基礎".to_owned(),
        name_en: "Data Science Basics".to_owned(),
        description_ja: "統計の基礎".to_owned(),
        description_en: "Statistics basics".to_owned(),
        criteria_ja: "試験に合格".to_owned(),
        criteria_en: "Pass the exam".to_owned(),
        learning_outcomes_ja: vec![],
        learning_outcomes_en: vec![],
        hours: Some(30.0),
        credits: None,
        level: None,
        assessment_type: None,
        participation_form: None,
        quality_assurance: None,
        prerequisites: None,
        stackability: None,
        image: None,
        alignments: vec![],
    }
}

#[tokio::test]
async fn the_dashboard_counts_achievements_and_lists_recent_credentials() {
    let app = app_at("https://badges.example.ac.jp").await;
    let (admin_user, admin) = app.logged_in("admin@example.ac.jp", Role::Admin).await;
    let empty = app.get("/", Some(&admin.cookie)).await;
    assert!(
        empty.body.contains("発行者はまだ登録されていません"),
        "{}",
        empty.body
    );

    create(&app, &admin, "eng", "did:web").await;
    let issuer = app.state.store.issuer_by_slug("eng").await.unwrap();
    let store = &app.state.store;
    let first = store
        .create_achievement(achievement(&issuer.id))
        .await
        .unwrap();
    store
        .create_achievement(achievement(&issuer.id))
        .await
        .unwrap();
    let (recipient, _) = store
        .create_recipient(tsumiki_store::NewRecipient {
            display_name: "学習 花子".into(),
            did: None,
            identifiers: vec![("email".into(), "hanako@example.ac.jp".into())],
        })
        .await
        .unwrap();
    let outcome = store
        .issue_credential(
            tsumiki_store::NewCredential {
                issuer_id: issuer.id.clone(),
                achievement_id: first.id.clone(),
                recipient_id: recipient.id.clone(),
                idempotency_key: "dashboard-test-1".into(),
                issued_at: "2026-04-01T09:00:00Z".parse().unwrap(),
                status_base_url: format!("{}/status", app.state.base_url),
                import_row: None,
            },
            |_| {
                Ok::<_, std::convert::Infallible>(tsumiki_store::SignedCredential {
                    json: "{}".into(),
                    jwt: None,
                })
            },
        )
        .await
        .unwrap();
    let credential = outcome.credential().clone();

    let page = app.get("/", Some(&admin.cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    let achievements_stat = page
        .body
        .split("<span class=\"stat-value\">")
        .nth(2)
        .and_then(|rest| rest.split('<').next())
        .unwrap();
    assert_eq!(achievements_stat, "2", "two achievements");
    assert!(page.body.contains("データサイエンス基礎"));
    assert!(page.body.contains("2026-04-01 09:00 UTC"));
    let uuid = credential.id.strip_prefix("urn:uuid:").unwrap();
    assert!(page.body.contains(&format!("href=\"/c/{uuid}\"")));
    assert!(page.body.contains("pill ok"));

    store
        .change_credential_status(
            &credential.id,
            tsumiki_store::StatusAction::Revoke,
            "test",
            Some(&admin_user.id),
            chrono::Utc::now(),
        )
        .await
        .unwrap();
    let english = app.get("/?lang=en", Some(&admin.cookie)).await;
    assert!(english.body.contains("Data Science Basics"));
    assert!(
        english.body.contains("pill bad\">Revoked"),
        "{}",
        english.body
    );
}

#[tokio::test]
async fn browsers_get_a_readable_profile_and_programs_the_json_ld() {
    use axum::body::Body;
    use axum::http::{Request, header};
    let app = app_at("https://badges.example.ac.jp").await;
    let (_, admin) = app.logged_in("admin@example.ac.jp", Role::Admin).await;
    create(&app, &admin, "eng", "did:web").await;
    let browser = app
        .send(
            Request::get("/issuers/eng")
                .header(header::ACCEPT, "text/html,application/xhtml+xml,*/*;q=0.8")
                .header(header::ACCEPT_LANGUAGE, "en")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(browser.status, StatusCode::OK);
    assert!(
        browser.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert_eq!(browser.headers[header::VARY], "Accept");
    assert!(
        browser.body.contains("<h1>Tsumiki University</h1>"),
        "{}",
        browser.body
    );
    assert!(
        browser.body.contains("積木大学"),
        "the other language is shown too"
    );
    assert!(
        browser
            .body
            .contains("did:web:badges.example.ac.jp:issuers:eng")
    );
    // Programs (and the JSON link on the page) get the document.
    let json_ld = app
        .send(
            Request::get("/issuers/eng")
                .header(header::ACCEPT, "application/ld+json, application/json")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(json_ld.json()["type"][0], "Profile");
    let forced = app
        .send(
            Request::get("/issuers/eng?format=json")
                .header(header::ACCEPT, "text/html")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(
        forced.json()["id"],
        "did:web:badges.example.ac.jp:issuers:eng"
    );
}
