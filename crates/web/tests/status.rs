//! Status lists and revocation over the real router: publication with caching headers,
//! revoke / suspend / unsuspend through both APIs, and who may do it.
#![allow(clippy::unwrap_used, clippy::panic)]

mod w3_support;

use axum::http::header;
use serde_json::{Value, json};
use tsumiki_vc::did::ControllerDocuments;
use tsumiki_vc::status::BitstringStatusList;
use tsumiki_vc::verify::{VerifyOptions, verify_credential};
use tsumiki_web::did_web::controller_document;
use w3_support::{BASE_URL, W3App, app};

fn list_path(entry: &Value) -> String {
    entry["statusListCredential"]
        .as_str()
        .unwrap()
        .strip_prefix(BASE_URL)
        .unwrap()
        .to_owned()
}

fn bit(list: &Value, index: &Value) -> bool {
    let encoded = list["credentialSubject"]["encodedList"].as_str().unwrap();
    let index: u64 = index.as_str().unwrap().parse().unwrap();
    BitstringStatusList::decode(encoded)
        .unwrap()
        .get(index)
        .unwrap()
}

async fn verify_status(app: &W3App, credential: &Value) -> (u16, Value) {
    let response = app
        .post_json(
            "/credentials/verify",
            None,
            &json!({"verifiableCredential": credential}),
        )
        .await;
    (response.status.as_u16(), response.json())
}

fn error_titles(result: &Value) -> Vec<String> {
    result["problemDetails"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn revocation_sets_the_published_bit_and_fails_verification() {
    let app = app().await;
    let issued = app.issue("rev-1").await;
    let other = app.issue("rev-2").await;
    let revocation = &issued.credential["credentialStatus"][0];
    let path = list_path(revocation);

    let before = app.get(&path).await;
    assert_eq!(before.status, 200);
    assert_eq!(
        before.header(header::CACHE_CONTROL).as_deref(),
        Some("public, max-age=300")
    );
    let etag_before = before.header(header::ETAG).unwrap();
    assert!(before.header(header::LAST_MODIFIED).is_some());
    let list = before.json();
    assert_eq!(list["type"][1], "BitstringStatusListCredential");
    assert_eq!(list["issuer"], app.issuer.identifier.as_str());
    assert_eq!(list["credentialSubject"]["statusPurpose"], "revocation");
    assert!(!bit(&list, &revocation["statusListIndex"]));
    // The list is signed by the issuer and verifies with its did:web document.
    let options = VerifyOptions {
        controllers: ControllerDocuments::new()
            .with(controller_document(&app.issuer))
            .unwrap(),
        ..VerifyOptions::new(chrono::Utc::now())
    };
    let list_report = verify_credential(&list, &app.state.ld, &options);
    assert!(
        list_report.check("issuer.ok").is_some(),
        "{:#?}",
        list_report.checks
    );
    assert!(
        list_report
            .with_outcome(tsumiki_vc::report::Outcome::Fail)
            .all(|c| c.step != tsumiki_vc::report::Step::Proof)
    );

    assert_eq!(verify_status(&app, &issued.credential).await.0, 200);

    // Revoke with a reason.
    let revoked = app
        .post_json(
            &format!("/api/credentials/{}/revoke", issued.record.id),
            Some(&app.staff_token),
            &json!({"reason": "成績評価の誤り"}),
        )
        .await;
    assert_eq!(revoked.status, 200, "{}", revoked.text());
    assert_eq!(revoked.json()["state"], "revoked");
    assert_eq!(revoked.json()["reason"], "成績評価の誤り");

    let after = app.get(&path).await;
    assert_eq!(after.status, 200);
    assert_ne!(after.header(header::ETAG).unwrap(), etag_before);
    assert!(bit(&after.json(), &revocation["statusListIndex"]));
    // The neighbour in the same list is untouched.
    assert!(!bit(
        &after.json(),
        &other.credential["credentialStatus"][0]["statusListIndex"]
    ));

    let (status, result) = verify_status(&app, &issued.credential).await;
    assert_eq!(status, 400);
    assert!(error_titles(&result).contains(&"status.revoked".to_owned()));
    assert_eq!(verify_status(&app, &other.credential).await.0, 200);

    // Revocation is final.
    for action in ["revoke", "suspend", "unsuspend"] {
        let again = app
            .post_json(
                &format!("/api/credentials/{}/{action}", issued.record.id),
                Some(&app.admin_token),
                &json!({"reason": "again"}),
            )
            .await;
        assert_eq!(again.status, 409, "{action}");
    }
    let clear = app
        .post_json(
            "/credentials/status",
            Some(&app.admin_token),
            &json!({
                "credentialId": issued.record.id,
                "credentialStatus": {"type": "BitstringStatusListEntry", "statusPurpose": "revocation"},
                "status": false
            }),
        )
        .await;
    assert_eq!(clear.status, 400);
    let events = app
        .state
        .store
        .status_events(&issued.record.id)
        .await
        .unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].reason, "成績評価の誤り");
}

#[tokio::test]
async fn suspension_through_the_vcapi_is_reversible() {
    let app = app().await;
    let issued = app.issue("sus-1").await;
    let suspension = &issued.credential["credentialStatus"][1];
    let change = |status: bool| {
        json!({
            "credentialId": issued.record.id,
            "credentialStatus": [{"type": "BitstringStatusListEntry", "statusPurpose": "suspension"}],
            "status": status
        })
    };
    let suspended = app
        .post_json("/credentials/status", Some(&app.staff_token), &change(true))
        .await;
    assert_eq!(suspended.status, 200, "{}", suspended.text());
    assert_eq!(suspended.json()["state"], "suspended");
    let list = app.get(&list_path(suspension)).await.json();
    assert!(bit(&list, &suspension["statusListIndex"]));
    let (status, result) = verify_status(&app, &issued.credential).await;
    assert_eq!(status, 400);
    assert!(error_titles(&result).contains(&"status.suspended".to_owned()));

    let lifted = app
        .post_json(
            "/credentials/status",
            Some(&app.staff_token),
            &change(false),
        )
        .await;
    assert_eq!(lifted.status, 200);
    assert_eq!(lifted.json()["state"], "active");
    let list = app.get(&list_path(suspension)).await.json();
    assert!(!bit(&list, &suspension["statusListIndex"]));
    assert_eq!(verify_status(&app, &issued.credential).await.0, 200);

    // Unsuspending an active credential is a conflict, not a silent success.
    let twice = app
        .post_json(
            "/credentials/status",
            Some(&app.staff_token),
            &change(false),
        )
        .await;
    assert_eq!(twice.status, 409);

    // The tsumiki API does the same with a reason; the bare UUID is accepted.
    let uuid = issued.record.id.strip_prefix("urn:uuid:").unwrap();
    let suspended = app
        .post_json(
            &format!("/api/credentials/{uuid}/suspend"),
            Some(&app.staff_token),
            &json!({"reason": "調査中"}),
        )
        .await;
    assert_eq!(suspended.status, 200);
    let lifted = app
        .post_json(
            &format!("/api/credentials/{uuid}/unsuspend"),
            Some(&app.staff_token),
            &json!({"reason": "調査完了"}),
        )
        .await;
    assert_eq!(lifted.status, 200);
    let actions: Vec<&str> = app
        .state
        .store
        .status_events(&issued.record.id)
        .await
        .unwrap()
        .iter()
        .map(|e| e.action.as_str())
        .collect();
    assert_eq!(actions, ["suspend", "unsuspend", "suspend", "unsuspend"]);
}

#[tokio::test]
async fn etag_gives_304_until_the_list_changes() {
    let app = app().await;
    let issued = app.issue("etag-1").await;
    let path = list_path(&issued.credential["credentialStatus"][0]);
    let first = app.get(&path).await;
    let etag = first.header(header::ETAG).unwrap();
    assert!(etag.starts_with('"') && etag.ends_with('"'));

    let cached = app.get_with(&path, &[("if-none-match", &etag)]).await;
    assert_eq!(cached.status, 304);
    assert!(cached.bytes.is_empty());
    assert_eq!(cached.header(header::ETAG).unwrap(), etag);
    assert_eq!(
        cached.header(header::CACHE_CONTROL).as_deref(),
        Some("public, max-age=300")
    );
    let weak = app
        .get_with(&path, &[("if-none-match", &format!("W/{etag}"))])
        .await;
    assert_eq!(weak.status, 304);
    let stale = app.get_with(&path, &[("if-none-match", "\"0\"")]).await;
    assert_eq!(stale.status, 200);

    // Unchanged list: the cached signature is served, not a new one.
    let second = app.get(&path).await;
    assert_eq!(first.bytes, second.bytes);

    app.post_json(
        &format!("/api/credentials/{}/revoke", issued.record.id),
        Some(&app.staff_token),
        &json!({"reason": "test"}),
    )
    .await;
    let changed = app.get_with(&path, &[("if-none-match", &etag)]).await;
    assert_eq!(changed.status, 200);
    assert_ne!(changed.header(header::ETAG).unwrap(), etag);
    assert_ne!(changed.bytes, first.bytes);

    assert_eq!(app.get("/status/no-such-list").await.status, 404);
}

#[tokio::test]
async fn only_issuing_roles_may_change_status() {
    let app = app().await;
    let issued = app.issue("roles-1").await;
    let path = format!("/api/credentials/{}/revoke", issued.record.id);
    let body = json!({"reason": "no"});
    assert_eq!(app.post_json(&path, None, &body).await.status, 401);
    assert_eq!(
        app.post_json(&path, Some(&app.viewer_token), &body)
            .await
            .status,
        403
    );
    let vcapi = json!({
        "credentialId": issued.record.id,
        "credentialStatus": {"statusPurpose": "revocation"},
        "status": true
    });
    assert_eq!(
        app.post_json("/credentials/status", None, &vcapi)
            .await
            .status,
        401
    );
    assert_eq!(
        app.post_json("/credentials/status", Some(&app.viewer_token), &vcapi)
            .await
            .status,
        403
    );
    // Nothing changed.
    let record = app.state.store.credential(&issued.record.id).await.unwrap();
    assert_eq!(record.state, tsumiki_store::CredentialState::Active);

    // A reason is required, and the credential must exist.
    let empty = app
        .post_json(&path, Some(&app.staff_token), &json!({"reason": "  "}))
        .await;
    assert_eq!(empty.status, 400);
    let missing = app
        .post_json(&path, Some(&app.staff_token), &json!({}))
        .await;
    assert_eq!(missing.status, 400);
    let unknown = app
        .post_json(
            "/api/credentials/urn:uuid:00000000-0000-4000-8000-000000000000/revoke",
            Some(&app.staff_token),
            &body,
        )
        .await;
    assert_eq!(unknown.status, 404);
    assert_eq!(unknown.json()["error"], "not_found");
}
