//! `tsumiki serve --demo`: the sample school is seeded once, through the real issuing service
//! (its credentials verify on their public pages), with one revoked and one suspended
//! credential, and never on a store that already belongs to someone.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod web_support;

use axum::http::StatusCode;
use tsumiki_store::{CredentialState, IdentifierKind};
use tsumiki_web::ServeConfig;
use tsumiki_web::demo::seed;
use tsumiki_web::issuer_keys::{IssuerRequest, new_issuer};
use web_support::{TestApp, app_at};

const BASE_URL: &str = "https://demo.example.test";

/// (issuers, achievements, recipients, credentials) in the store.
async fn counts(app: &TestApp) -> (usize, usize, usize, usize) {
    let store = &app.state.store;
    let issuers = store.issuers().await.unwrap();
    let mut achievements = 0;
    let mut credentials = 0;
    for issuer in &issuers {
        achievements += store.achievements(&issuer.id).await.unwrap().len();
        credentials += store
            .credentials_of_issuer(&issuer.id, 1000, 0)
            .await
            .unwrap()
            .len();
    }
    let recipients = store.recipients(1000, 0).await.unwrap().len();
    (issuers.len(), achievements, recipients, credentials)
}

#[tokio::test]
async fn seeding_twice_seeds_once_and_every_demo_credential_verifies() {
    let app = app_at(BASE_URL).await;
    let first = seed(&app.state).await.unwrap();
    assert_eq!(
        first.issuer_slug.as_deref(),
        Some("tsumiki-business-school")
    );
    assert_eq!(first.newly_issued, 8);
    assert_eq!(first.credential_urls.len(), 8);
    assert!(
        first
            .credential_urls
            .iter()
            .all(|url| url.starts_with("https://demo.example.test/c/"))
    );
    // 6 learners + 20 programme participants; 8 credentials + 56 from module completions.
    assert_eq!(counts(&app).await, (1, 4, 26, 64));

    let second = seed(&app.state).await.unwrap();
    assert_eq!(second.newly_issued, 0);
    assert_eq!(second.credential_urls, first.credential_urls);
    // 6 learners + 20 programme participants; 8 credentials + 56 from module completions.
    assert_eq!(counts(&app).await, (1, 4, 26, 64));

    let issuer = app
        .state
        .store
        .issuer_by_slug("tsumiki-business-school")
        .await
        .unwrap();
    assert_eq!(issuer.name_ja, "つみきビジネススクール");
    assert_eq!(issuer.name_en, "Tsumiki Business School");
    assert_eq!(issuer.identifier_kind, IdentifierKind::DidWeb);
    assert_eq!(
        issuer.identifier,
        "did:web:demo.example.test:issuers:tsumiki-business-school"
    );

    // Every achievement carries the micro-credential metadata and an SVG picture.
    for achievement in app.state.store.achievements(&issuer.id).await.unwrap() {
        let details = &achievement.details;
        assert_eq!(details.achievement_type, "MicroCredential");
        assert!(!details.name_ja.is_empty() && !details.name_en.is_empty());
        assert!(!details.learning_outcomes_ja.is_empty());
        assert_eq!(
            details.learning_outcomes_ja.len(),
            details.learning_outcomes_en.len()
        );
        assert!(details.hours.is_some_and(|hours| hours > 0.0));
        assert!(details.level.is_some());
        assert!(details.assessment_type.is_some());
        assert!(details.participation_form.is_some());
        assert!(details.quality_assurance.is_some());
        assert!(details.stackability.is_some());
        assert_eq!(details.alignments.len(), 1);
        let image = details.image.as_ref().expect("an image");
        assert_eq!(image.media_type, "image/svg+xml");
        assert!(image.bytes.starts_with(b"<svg "));
        assert!(!image.alt_ja.is_empty() && !image.alt_en.is_empty());
    }

    let records = app
        .state
        .store
        .credentials_of_issuer(&issuer.id, 100, 0)
        .await
        .unwrap();
    let in_state = |wanted| records.iter().filter(|r| r.state == wanted).count();
    assert_eq!(in_state(CredentialState::Revoked), 1);
    assert_eq!(in_state(CredentialState::Suspended), 1);
    assert_eq!(in_state(CredentialState::Active), 62);

    // The programme's completion credentials are checked in demo_programme.rs.
    for record in records
        .iter()
        .filter(|r| r.idempotency_key.starts_with("demo:"))
    {
        let path = format!("/c/{}?lang=en", record.id.trim_start_matches("urn:uuid:"));
        assert!(
            first
                .credential_urls
                .iter()
                .any(|url| url.ends_with(record.id.trim_start_matches("urn:uuid:")))
        );
        let page = app.get(&path, None).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        match record.state {
            CredentialState::Active => assert!(
                page.body.contains("The credential was verified."),
                "{}",
                page.body
            ),
            CredentialState::Revoked => {
                assert!(!page.body.contains("The credential was verified."));
                assert!(page.body.contains("Demo: issued to the wrong learner"));
            }
            CredentialState::Suspended => {
                assert!(!page.body.contains("The credential was verified."));
                assert!(page.body.contains("Suspended"));
            }
        }
    }
}

#[tokio::test]
async fn a_store_with_its_own_issuer_gets_no_demo_data() {
    let app = app_at(BASE_URL).await;
    let new = new_issuer(
        BASE_URL,
        IssuerRequest {
            slug: "real-univ".to_owned(),
            name_ja: "本番大学".to_owned(),
            name_en: "Real University".to_owned(),
            url: "https://real.example.test".to_owned(),
            kind: IdentifierKind::DidKey,
        },
    )
    .unwrap();
    app.state
        .store
        .create_issuer(new, &app.state.master_key)
        .await
        .unwrap();
    let summary = seed(&app.state).await.unwrap();
    assert_eq!(summary.issuer_slug, None);
    assert!(summary.credential_urls.is_empty());
    assert_eq!(counts(&app).await, (1, 0, 0, 0));
}

#[tokio::test]
async fn serve_demo_prepares_the_demo_once_per_data_directory() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = ServeConfig::new("127.0.0.1:0".parse().unwrap(), dir.path().join("data"));
    config.base_url = Some("http://localhost:8080".to_owned());
    config.demo = true;
    let first = tsumiki_web::serve::prepare(&config).await.unwrap();
    let summary = first.demo.clone().expect("demo requested");
    assert_eq!(summary.newly_issued, 8);
    assert!(
        summary
            .credential_urls
            .iter()
            .all(|url| url.starts_with("http://localhost:8080/c/"))
    );
    first.state.store.close().await;
    drop(first);

    let second = tsumiki_web::serve::prepare(&config).await.unwrap();
    let again = second.demo.clone().unwrap();
    assert_eq!(again.newly_issued, 0);
    assert_eq!(again.credential_urls, summary.credential_urls);
    second.state.store.close().await;

    config.demo = false;
    let plain = tsumiki_web::serve::prepare(&config).await.unwrap();
    assert!(plain.demo.is_none());
    plain.state.store.close().await;
}
