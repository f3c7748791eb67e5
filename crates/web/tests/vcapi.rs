//! The issuing service and the W3C VC-API over the real router and a temporary SQLite store.
#![allow(clippy::unwrap_used, clippy::panic)]

mod w3_support;

use serde_json::{Value, json};
use tower::ServiceExt as _;
use tsumiki_vc::did::ControllerDocuments;
use tsumiki_vc::verify::{VerifyOptions, verify};
use tsumiki_web::did_web::controller_document;
use w3_support::{BASE_URL, app};

fn subject_credential(issuer: &str) -> Value {
    json!({
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
        ],
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer, "type": ["Profile"], "name": "Demo University"},
        "validFrom": "2026-01-01T00:00:00Z",
        "name": "API badge",
        "credentialSubject": {
            "id": "did:example:learner-1",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://demo.example.test/achievements/api-badge",
                "type": ["Achievement"],
                "name": "API badge",
                "description": "Issued through the VC-API.",
                "criteria": {"narrative": "Call the API."}
            }
        }
    })
}

#[tokio::test]
async fn issued_credential_verifies_with_the_issuers_did_web_document() {
    let app = app().await;
    let issued = app.issue("row-1").await;
    assert!(issued.newly_issued);
    let credential = &issued.credential;
    assert_eq!(credential["id"], issued.record.id.as_str());
    assert_eq!(
        credential["@context"],
        json!([
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
            "https://w3id.org/tsumiki/v1"
        ])
    );
    assert_eq!(credential["issuer"]["id"], app.issuer.identifier.as_str());
    assert!(
        app.issuer
            .identifier
            .starts_with("did:web:badges.example.test:issuers:")
    );
    // Japanese is the primary language of this issue.
    assert_eq!(
        credential["credentialSubject"]["achievement"]["name"],
        "データ分析入門"
    );
    assert_eq!(
        credential["credentialSubject"]["achievement"]["inLanguage"],
        "ja"
    );
    assert_eq!(
        credential["credentialSubject"]["achievement"]["creditsAvailable"],
        2.0
    );
    // The email is hashed with the credential's salt, lower-cased first.
    let identity = &credential["credentialSubject"]["identifier"][0];
    assert_eq!(identity["type"], "IdentityObject");
    assert_eq!(identity["hashed"], true);
    let salt = identity["salt"].as_str().unwrap();
    assert_eq!(
        identity["identityHash"],
        tsumiki_web::issuing::document::identity_hash("hanako@example.ac.jp", salt).as_str()
    );
    assert!(!credential.to_string().contains("Hanako@Example"));
    // Two status entries, in separate lists.
    let status = credential["credentialStatus"].as_array().unwrap();
    assert_eq!(status.len(), 2);
    assert_eq!(status[0]["statusPurpose"], "revocation");
    assert_eq!(status[1]["statusPurpose"], "suspension");
    for entry in status {
        assert_eq!(entry["type"], "BitstringStatusListEntry");
        assert!(
            entry["statusListCredential"]
                .as_str()
                .unwrap()
                .starts_with(&format!("{BASE_URL}/status/"))
        );
    }

    // Verify with the published did:web document and the published status lists, as an
    // outside verifier would after fetching them.
    let did_doc = app
        .get(&format!("/issuers/{}/did.json", app.issuer.slug))
        .await;
    assert_eq!(did_doc.status, 200);
    assert_eq!(did_doc.json(), controller_document(&app.issuer));
    let mut options = VerifyOptions::new(chrono::Utc::now());
    options.controllers = ControllerDocuments::new().with(did_doc.json()).unwrap();
    for entry in status {
        let url = entry["statusListCredential"].as_str().unwrap();
        let list = app.get(url.strip_prefix(BASE_URL).unwrap()).await;
        assert_eq!(list.status, 200);
        options.status_lists.insert(url.to_owned(), list.json());
    }
    let report = verify(
        issued.record.credential_json.as_bytes(),
        &app.state.ld,
        &options,
    );
    assert!(report.verified, "{:#?}", report.checks);
    assert!(report.check("issuer.ok").is_some());
    assert_eq!(
        report
            .checks
            .iter()
            .filter(|c| c.code == "status.ok")
            .count(),
        2
    );

    // Without the controller document the key cannot be resolved.
    let mut bare = options.clone();
    bare.controllers = ControllerDocuments::new();
    assert!(
        !verify(
            issued.record.credential_json.as_bytes(),
            &app.state.ld,
            &bare
        )
        .verified
    );
}

#[tokio::test]
async fn issuing_is_idempotent_per_key() {
    let app = app().await;
    let first = app.issue("import-7-row-3").await;
    let again = app.issue("import-7-row-3").await;
    assert!(first.newly_issued);
    assert!(!again.newly_issued);
    assert_eq!(first.record.id, again.record.id);
    assert_eq!(first.record.credential_json, again.record.credential_json);
    let other = app.issue("import-7-row-4").await;
    assert_ne!(other.record.id, first.record.id);
    assert_ne!(other.record.revocation_index, first.record.revocation_index);
    // Each credential gets its own salt, so two credentials of one person are unlinkable.
    assert_ne!(
        first.credential["credentialSubject"]["identifier"][0]["identityHash"],
        other.credential["credentialSubject"]["identifier"][0]["identityHash"]
    );
}

#[tokio::test]
async fn english_issue_and_did_subject() {
    let app = app().await;
    let (recipient, _) = app
        .state
        .store
        .create_recipient(tsumiki_store::NewRecipient {
            display_name: "Alex".to_owned(),
            did: Some("did:example:alex".to_owned()),
            identifiers: Vec::new(),
        })
        .await
        .unwrap();
    let mut request = app.issue_request("en-1");
    request.recipient_id = recipient.id.clone();
    request.lang = tsumiki_i18n::Lang::En;
    let issued = tsumiki_web::issuing::issue(&app.state, request)
        .await
        .unwrap();
    let subject = &issued.credential["credentialSubject"];
    assert_eq!(subject["id"], "did:example:alex");
    assert!(subject.get("identifier").is_none());
    assert_eq!(
        subject["achievement"]["name"],
        "Introduction to Data Analysis"
    );
    assert_eq!(subject["achievement"]["inLanguage"], "en");

    // Asking for an email of a recipient who has none is refused, and nothing is issued.
    let mut request = app.issue_request("en-2");
    request.recipient_id = recipient.id;
    request.recipient = tsumiki_web::issuing::RecipientChoice::Email("x@example.test".into());
    let error = tsumiki_web::issuing::issue(&app.state, request)
        .await
        .unwrap_err();
    assert_eq!(error.status(), 400);
    assert!(
        app.state
            .store
            .credential_by_idempotency_key("en-2")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn api_issue_then_verify() {
    let app = app().await;
    let body = json!({"credential": subject_credential(&app.issuer.identifier), "options": {}});
    let issued = app
        .post_json("/credentials/issue", Some(&app.staff_token), &body)
        .await;
    assert_eq!(issued.status, 201, "{}", issued.text());
    let vc = issued.json()["verifiableCredential"].clone();
    assert_eq!(vc["proof"]["cryptosuite"], "eddsa-rdfc-2022");
    assert!(vc["id"].as_str().unwrap().starts_with("urn:uuid:"));
    assert_eq!(vc["credentialStatus"].as_array().unwrap().len(), 2);

    let verified = app
        .post_json(
            "/credentials/verify",
            None,
            &json!({"verifiableCredential": vc, "options": {}}),
        )
        .await;
    assert_eq!(verified.status, 200, "{}", verified.text());
    let result = verified.json();
    assert_eq!(result["verified"], true);
    assert!(
        result["checks"]
            .as_array()
            .unwrap()
            .contains(&json!("proof"))
    );
    assert!(
        result["checks"]
            .as_array()
            .unwrap()
            .contains(&json!("status"))
    );
    assert_eq!(result["problemDetails"], json!([]));

    // A tampered credential fails with ≥400 and says why.
    let mut tampered = vc.clone();
    tampered["credentialSubject"]["achievement"]["name"] = json!("Forged badge");
    let rejected = app
        .post_json(
            "/credentials/verify",
            None,
            &json!({"verifiableCredential": tampered}),
        )
        .await;
    assert!(rejected.status.as_u16() >= 400);
    let result = rejected.json();
    assert_eq!(result["verified"], false);
    assert!(!result["problemDetails"].as_array().unwrap().is_empty());
    assert!(
        !result["checks"]
            .as_array()
            .unwrap()
            .contains(&json!("proof"))
    );

    // Malformed request bodies are 400 too.
    let malformed = app
        .post_json("/credentials/verify", None, &json!({"nope": 1}))
        .await;
    assert_eq!(malformed.status, 400);
}

#[tokio::test]
async fn api_issue_is_idempotent_on_the_client_id_and_keeps_it() {
    let app = app().await;
    let mut credential = subject_credential(&app.issuer.identifier);
    credential["id"] = json!("urn:uuid:0b0e0c7a-1111-4222-8333-944445555666");
    let body = json!({"credential": credential});
    let first = app
        .post_json("/credentials/issue", Some(&app.admin_token), &body)
        .await;
    assert_eq!(first.status, 201, "{}", first.text());
    let second = app
        .post_json("/credentials/issue", Some(&app.admin_token), &body)
        .await;
    assert_eq!(second.status, 201);
    assert_eq!(first.json(), second.json());
    assert_eq!(
        first.json()["verifiableCredential"]["id"],
        "urn:uuid:0b0e0c7a-1111-4222-8333-944445555666"
    );
}

#[tokio::test]
async fn api_issue_requires_an_issuing_role_and_a_known_issuer() {
    let app = app().await;
    let body = json!({"credential": subject_credential(&app.issuer.identifier)});
    let anonymous = app.post_json("/credentials/issue", None, &body).await;
    assert_eq!(anonymous.status, 401);
    assert_eq!(anonymous.json()["error"], "unauthorized");
    let bad_token = app
        .post_json("/credentials/issue", Some("not-a-token"), &body)
        .await;
    assert_eq!(bad_token.status, 401);
    let viewer = app
        .post_json("/credentials/issue", Some(&app.viewer_token), &body)
        .await;
    assert_eq!(viewer.status, 403);

    let foreign = json!({"credential": subject_credential("did:example:someone-else")});
    let unknown = app
        .post_json("/credentials/issue", Some(&app.staff_token), &foreign)
        .await;
    assert_eq!(unknown.status, 400);

    let mut signed = subject_credential(&app.issuer.identifier);
    signed["proof"] = json!({"type": "DataIntegrityProof"});
    let presigned = app
        .post_json(
            "/credentials/issue",
            Some(&app.staff_token),
            &json!({"credential": signed}),
        )
        .await;
    assert_eq!(presigned.status, 400);

    // An undefined term is refused by safe mode instead of being signed and dropped.
    let mut undefined = subject_credential(&app.issuer.identifier);
    undefined["favouriteColour"] = json!("blue");
    let refused = app
        .post_json(
            "/credentials/issue",
            Some(&app.staff_token),
            &json!({"credential": undefined}),
        )
        .await;
    assert_eq!(refused.status, 400, "{}", refused.text());
}

#[tokio::test]
async fn presentations_verify_each_credential() {
    let app = app().await;
    let issued = app.issue("vp-1").await;
    let presentation = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiablePresentation"],
        "verifiableCredential": [issued.credential.clone()]
    });
    let ok = app
        .post_json(
            "/presentations/verify",
            None,
            &json!({"verifiablePresentation": presentation}),
        )
        .await;
    assert_eq!(ok.status, 200, "{}", ok.text());
    assert_eq!(ok.json()["verified"], true);
    assert_eq!(ok.json()["credentialResults"][0]["verified"], true);

    // An unsigned presentation cannot satisfy a challenge.
    let challenged = app
        .post_json(
            "/presentations/verify",
            None,
            &json!({"verifiablePresentation": presentation, "options": {"challenge": "abc"}}),
        )
        .await;
    assert_eq!(challenged.status, 400);
    assert_eq!(
        challenged.json()["presentationResult"]["problemDetails"][0]["title"],
        "presentation.unsigned"
    );

    // One tampered credential fails the whole presentation.
    let mut tampered = issued.credential.clone();
    tampered["validFrom"] = json!("2020-01-01T00:00:00Z");
    let bad = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiablePresentation"],
        "verifiableCredential": [issued.credential, tampered]
    });
    let rejected = app
        .post_json(
            "/presentations/verify",
            None,
            &json!({"verifiablePresentation": bad}),
        )
        .await;
    assert_eq!(rejected.status, 400);
    assert_eq!(rejected.json()["credentialResults"][0]["verified"], true);
    assert_eq!(rejected.json()["credentialResults"][1]["verified"], false);
}

#[tokio::test]
async fn openapi_document_matches_the_routes() {
    let app = app().await;
    let response = app.get("/api/openapi.json").await;
    assert_eq!(response.status, 200);
    let document = response.json();
    assert!(document["openapi"].as_str().unwrap().starts_with("3.1"));
    let paths = document["paths"].as_object().unwrap();

    let mut documented: Vec<(String, String)> = Vec::new();
    for (path, item) in paths {
        for method in item.as_object().unwrap().keys() {
            documented.push((method.clone(), path.clone()));
        }
    }
    // Every route the API module serves is documented...
    for (method, path) in tsumiki_web::api::ROUTES {
        assert!(
            documented.contains(&(method.to_string(), path.to_string())),
            "{method} {path} is served but not documented"
        );
    }
    for (method, path) in tsumiki_web::public::ROUTES {
        assert!(
            documented.contains(&(method.to_string(), path.to_string())),
            "{method} {path} is served but not documented"
        );
    }
    // ...and every documented route is served. The W3 routers are composed here without the
    // application's fallback, so an unrouted path gets axum's bare, empty 404, while a routed
    // one with an unknown id gets a `WebError` body; and a wrong method gets 405.
    let routes = axum::Router::new()
        .merge(tsumiki_web::api::routes())
        .merge(tsumiki_web::public::routes())
        .with_state(app.state.clone());
    let unrouted = routes
        .clone()
        .oneshot(
            axum::http::Request::get("/no/such/route")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(unrouted.status(), 404);
    assert!(
        axum::body::to_bytes(unrouted.into_body(), usize::MAX)
            .await
            .unwrap()
            .is_empty()
    );
    for (method, path) in &documented {
        let concrete = path
            .replace("{list_id}", "no-such-list")
            .replace("{id}", "00000000-0000-4000-8000-000000000000");
        let request = axum::http::Request::builder()
            .method(method.to_uppercase().as_str())
            .uri(&concrete)
            .header("content-type", "application/json")
            .body(axum::body::Body::from("{}"))
            .unwrap();
        let response = routes.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        assert_ne!(status, 405, "{method} {path}");
        assert!(
            status != 404 || !body.is_empty(),
            "{method} {path} is documented but not routed"
        );
    }
}

/// Base58 (Bitcoin alphabet), for the multibase `z` proof value the test builds by hand.
fn base58btc(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    let mut digits: Vec<u8> = Vec::new();
    for &byte in bytes {
        let mut carry = u32::from(byte);
        for digit in &mut digits {
            carry += u32::from(*digit) << 8;
            *digit = (carry % 58) as u8;
            carry /= 58;
        }
        while carry > 0 {
            digits.push((carry % 58) as u8);
            carry /= 58;
        }
    }
    let zeros = bytes.iter().take_while(|b| **b == 0).count();
    std::iter::repeat_n('1', zeros)
        .chain(digits.iter().rev().map(|d| ALPHABET[*d as usize] as char))
        .collect()
}

/// A presentation signed by a did:key holder for `authentication`, bound to a challenge and
/// a domain (built by hand: the library's signer has no challenge option).
fn signed_presentation(
    app: &w3_support::W3App,
    credential: &Value,
    holder_claimed: Option<&str>,
    challenge: &str,
    domain: &str,
) -> Value {
    use tsumiki_vc::di::{canonical_nquads, canonicalize_unsecured, hash_data};
    let key = tsumiki_vc::keys::KeyPair::from_ed25519_seed(&[9u8; 32]);
    let did = format!("did:key:{}", key.public_multibase());
    let mut presentation = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiablePresentation"],
        "holder": holder_claimed.unwrap_or(&did),
        "verifiableCredential": [credential],
    });
    let mut proof = json!({
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-rdfc-2022",
        "created": "2026-01-01T00:00:00Z",
        "verificationMethod": format!("{did}#{}", key.public_multibase()),
        "proofPurpose": "authentication",
        "challenge": challenge,
        "domain": domain,
    });
    let mut config = proof.clone();
    config["@context"] = presentation["@context"].clone();
    let config_nquads = canonical_nquads(&config, &app.state.ld).unwrap();
    let document = canonicalize_unsecured(&presentation, &app.state.ld).unwrap();
    let signature = key.sign(&hash_data(&config_nquads, &document.hash));
    proof["proofValue"] = json!(format!("z{}", base58btc(&signature)));
    presentation["proof"] = proof;
    presentation
}

#[tokio::test]
async fn signed_presentations_must_match_challenge_domain_and_holder() {
    let app = app().await;
    let issued = app.issue("vp-signed").await;
    let verify_vp = |vp: Value, options: Value| {
        let app = &app;
        async move {
            app.post_json(
                "/presentations/verify",
                None,
                &json!({"verifiablePresentation": vp, "options": options}),
            )
            .await
        }
    };
    let vp = signed_presentation(&app, &issued.credential, None, "c-123", "verifier.example");
    let ok = verify_vp(
        vp.clone(),
        json!({"challenge": "c-123", "domain": "verifier.example"}),
    )
    .await;
    assert_eq!(ok.status, 200, "{}", ok.text());
    assert_eq!(ok.json()["presentationResult"]["verified"], true);

    let wrong_challenge = verify_vp(vp.clone(), json!({"challenge": "replayed"})).await;
    assert_eq!(wrong_challenge.status, 400);
    assert_eq!(
        wrong_challenge.json()["presentationResult"]["problemDetails"][0]["title"],
        "presentation.challenge-mismatch"
    );
    let wrong_domain = verify_vp(vp.clone(), json!({"domain": "evil.example"})).await;
    assert_eq!(wrong_domain.status, 400);

    // Changing anything after signing breaks the proof.
    let mut tampered = vp.clone();
    tampered["holder"] = json!("did:example:someone");
    let broken = verify_vp(tampered, json!({})).await;
    assert_eq!(broken.status, 400);
    assert_eq!(
        broken.json()["presentationResult"]["problemDetails"][0]["title"],
        "presentation.proof-invalid"
    );

    // A holder who did not sign the presentation is not its holder.
    let impostor = signed_presentation(
        &app,
        &issued.credential,
        Some("did:example:impostor"),
        "c-1",
        "d",
    );
    let rejected = verify_vp(impostor, json!({})).await;
    assert_eq!(rejected.status, 400);
    assert_eq!(
        rejected.json()["presentationResult"]["problemDetails"][0]["title"],
        "presentation.holder-mismatch"
    );
}

#[tokio::test]
async fn award_api_issues_from_stored_records_once_per_key() {
    let app = app().await;
    let body = json!({
        "achievementId": app.achievement_id,
        "recipientId": app.recipient_id,
        "recipientEmail": "hanako@example.ac.jp",
        "lang": "en",
        "idempotencyKey": "lms-enrolment-42"
    });
    let first = app
        .post_json("/api/credentials", Some(&app.staff_token), &body)
        .await;
    assert_eq!(first.status, 201, "{}", first.text());
    let first = first.json();
    assert_eq!(first["newlyIssued"], true);
    assert_eq!(
        first["verifiableCredential"]["credentialSubject"]["achievement"]["name"],
        "Introduction to Data Analysis"
    );
    let uuid = first["id"]
        .as_str()
        .unwrap()
        .strip_prefix("urn:uuid:")
        .unwrap();
    assert_eq!(first["url"], format!("{BASE_URL}/c/{uuid}"));

    let again = app
        .post_json("/api/credentials", Some(&app.staff_token), &body)
        .await;
    assert_eq!(again.status, 200);
    assert_eq!(again.json()["id"], first["id"]);
    assert_eq!(again.json()["newlyIssued"], false);

    let verified = app
        .post_json(
            "/credentials/verify",
            None,
            &json!({"verifiableCredential": first["verifiableCredential"]}),
        )
        .await;
    assert_eq!(verified.status, 200, "{}", verified.text());

    // Wrong email, unknown achievement, bad language, viewer token.
    let mut wrong = body.clone();
    wrong["recipientEmail"] = json!("someone@else.example");
    wrong["idempotencyKey"] = json!("k2");
    let response = app
        .post_json("/api/credentials", Some(&app.staff_token), &wrong)
        .await;
    assert_eq!(response.status, 400);
    let mut unknown = body.clone();
    unknown["achievementId"] = json!("no-such-achievement");
    let response = app
        .post_json("/api/credentials", Some(&app.staff_token), &unknown)
        .await;
    assert_eq!(response.status, 404);
    let mut lang = body.clone();
    lang["lang"] = json!("fr");
    let response = app
        .post_json("/api/credentials", Some(&app.staff_token), &lang)
        .await;
    assert_eq!(response.status, 400);
    let response = app
        .post_json("/api/credentials", Some(&app.viewer_token), &body)
        .await;
    assert_eq!(response.status, 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_retries_issue_one_credential() {
    let app = app().await;
    let mut tasks = Vec::new();
    for _ in 0..4 {
        let state = app.state.clone();
        let request = app.issue_request("retry-storm");
        tasks.push(tokio::spawn(async move {
            tsumiki_web::issuing::issue(&state, request).await.unwrap()
        }));
    }
    let mut ids = Vec::new();
    let mut new = 0;
    for task in tasks {
        let issued = task.await.unwrap();
        new += usize::from(issued.newly_issued);
        ids.push(issued.record.id);
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "{ids:?}");
    assert_eq!(new, 1);
    let stored = app
        .state
        .store
        .credentials_of_recipient(&app.recipient_id)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
}
