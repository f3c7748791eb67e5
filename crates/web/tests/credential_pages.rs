//! The back-office credential pages over the real router: list, search and filters; revoking,
//! suspending and reinstating from the UI (with reasons, CSRF and roles); the published status
//! list and the public page following the change; and the SQL search of `/recipients`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod w3_support;
mod web_support;

use serde_json::Value;
use tsumiki_store::{CredentialState, NewRecipient, Role};
use tsumiki_vc::status::BitstringStatusList;
use tsumiki_web::issuing::IssuedCredential;
use w3_support::{BASE_URL, W3App};
use web_support::{Browser, TestApp};

/// Issued credentials with sessions: W3App's issuer and achievement, driven as a browser.
struct Fixture {
    w3: W3App,
    web: TestApp,
    /// Issued to 山田 花子, an hour ago.
    first: IssuedCredential,
    /// Issued to 山田 花子, half an hour ago.
    second: IssuedCredential,
    /// Issued to Suzuki Ichiro, now.
    third: IssuedCredential,
}

async fn fixture() -> Fixture {
    let w3 = w3_support::app().await;
    let (ichiro, _) = w3
        .state
        .store
        .create_recipient(NewRecipient {
            display_name: "Suzuki Ichiro".to_owned(),
            did: None,
            identifiers: vec![("email".to_owned(), "ichiro@example.ac.jp".to_owned())],
        })
        .await
        .unwrap();
    let issue = |key: &str, minutes_ago: i64, recipient_id: &str| {
        let mut request = w3.issue_request(key);
        request.recipient_id = recipient_id.to_owned();
        request.issued_at = w3_support::now() - chrono::Duration::minutes(minutes_ago);
        tsumiki_web::issuing::issue(&w3.state, request)
    };
    let first = issue("k-1", 60, &w3.recipient_id).await.unwrap();
    let second = issue("k-2", 30, &w3.recipient_id).await.unwrap();
    let third = issue("k-3", 0, &ichiro.id).await.unwrap();
    let web = TestApp {
        state: w3.state.clone(),
        router: w3.router.clone(),
        dir: tempfile::tempdir().unwrap(),
    };
    Fixture {
        w3,
        web,
        first,
        second,
        third,
    }
}

fn bare(issued: &IssuedCredential) -> &str {
    issued.record.id.strip_prefix("urn:uuid:").unwrap()
}

fn detail(issued: &IssuedCredential) -> String {
    format!("/admin/credentials/{}", bare(issued))
}

fn action(issued: &IssuedCredential, action: &str) -> String {
    format!("{}/{action}", detail(issued))
}

/// The bit for `purpose` of `issued` in the status list as published at `/status/{id}`.
async fn published_bit(f: &Fixture, issued: &IssuedCredential, purpose: &str) -> bool {
    let entries = issued.credential["credentialStatus"].as_array().unwrap();
    let entry = entries
        .iter()
        .find(|entry| entry["statusPurpose"] == purpose)
        .unwrap();
    let path = entry["statusListCredential"]
        .as_str()
        .unwrap()
        .strip_prefix(BASE_URL)
        .unwrap();
    let response = f.web.get(path, None).await;
    assert_eq!(response.status, 200, "{path}");
    let list: Value = response.json();
    let encoded = list["credentialSubject"]["encodedList"].as_str().unwrap();
    let index: u64 = entry["statusListIndex"].as_str().unwrap().parse().unwrap();
    BitstringStatusList::decode(encoded)
        .unwrap()
        .get(index)
        .unwrap()
}

async fn state_of(f: &Fixture, issued: &IssuedCredential) -> CredentialState {
    f.web
        .state
        .store
        .credential(&issued.record.id)
        .await
        .unwrap()
        .state
}

/// Rows of the list page, as the recipient names linked in it, in order.
fn listed(body: &str) -> Vec<String> {
    body.split("<td><a href=\"/admin/credentials/")
        .skip(1)
        .map(|rest| {
            let start = rest.find('>').unwrap() + 1;
            let end = rest.find("</a>").unwrap();
            rest[start..end].to_owned()
        })
        .collect()
}

async fn staff(f: &Fixture) -> Browser {
    f.web
        .logged_in("staff-ui@example.test", Role::IssuerStaff)
        .await
        .1
}

#[tokio::test]
async fn the_list_searches_and_filters_newest_first() {
    let f = fixture().await;
    let (_, viewer) = f
        .web
        .logged_in("viewer-ui@example.test", Role::Viewer)
        .await;

    let all = f.web.get("/admin/credentials", Some(&viewer.cookie)).await;
    assert_eq!(all.status, 200);
    assert_eq!(
        listed(&all.body),
        ["Suzuki Ichiro", "山田 花子", "山田 花子"]
    );
    assert!(all.body.contains("該当 3 件"), "{}", all.body);
    assert!(all.body.contains(&format!("href=\"{}\"", detail(&f.third))));
    assert!(
        all.body
            .contains("href=\"/admin/credentials\">発行済み</a>"),
        "nav link"
    );
    assert!(all.body.contains("データ分析入門"));

    let by_email = f
        .web
        .get(
            "/admin/credentials?q=HANAKO%40example",
            Some(&viewer.cookie),
        )
        .await;
    assert_eq!(listed(&by_email.body), ["山田 花子", "山田 花子"]);
    assert!(
        by_email.body.contains("value=\"HANAKO@example\""),
        "the search box keeps the text"
    );

    let by_name = f
        .web
        .get("/admin/credentials?q=ichiro", Some(&viewer.cookie))
        .await;
    assert_eq!(listed(&by_name.body), ["Suzuki Ichiro"]);
    let by_achievement = f
        .web
        .get("/admin/credentials?q=Data+Analysis", Some(&viewer.cookie))
        .await;
    assert_eq!(listed(&by_achievement.body).len(), 3);
    let none = f
        .web
        .get("/admin/credentials?q=nobody", Some(&viewer.cookie))
        .await;
    assert!(listed(&none.body).is_empty());
    assert!(none.body.contains("条件に合う証明はありません。"));

    // Filters: issuer and achievement by id, state by name; a bad state is ignored.
    let issuer = format!("/admin/credentials?issuer={}", f.w3.issuer.id);
    assert_eq!(
        listed(&f.web.get(&issuer, Some(&viewer.cookie)).await.body).len(),
        3
    );
    let other_issuer = f
        .web
        .get("/admin/credentials?issuer=nope", Some(&viewer.cookie))
        .await;
    assert!(listed(&other_issuer.body).is_empty());
    let achievement = format!("/admin/credentials?achievement={}", f.w3.achievement_id);
    assert_eq!(
        listed(&f.web.get(&achievement, Some(&viewer.cookie)).await.body).len(),
        3
    );
    let revoked = f
        .web
        .get("/admin/credentials?state=revoked", Some(&viewer.cookie))
        .await;
    assert!(listed(&revoked.body).is_empty());
    let bogus = f
        .web
        .get(
            "/admin/credentials?state=deleted&page=x",
            Some(&viewer.cookie),
        )
        .await;
    assert_eq!(bogus.status, 200);
    assert_eq!(listed(&bogus.body).len(), 3);

    f.w3.state
        .store
        .change_credential_status(
            &f.second.record.id,
            tsumiki_store::StatusAction::Revoke,
            "誤発行",
            None,
            chrono::Utc::now(),
        )
        .await
        .unwrap();
    let revoked = f
        .web
        .get("/admin/credentials?state=revoked", Some(&viewer.cookie))
        .await;
    assert_eq!(listed(&revoked.body), ["山田 花子"]);
    assert!(revoked.body.contains(&detail(&f.second)));
    assert!(revoked.body.contains("<option value=\"revoked\" selected>"));
    let active = f
        .web
        .get(
            "/admin/credentials?state=active&q=%E5%B1%B1%E7%94%B0",
            Some(&viewer.cookie),
        )
        .await;
    assert_eq!(listed(&active.body), ["山田 花子"]);
    assert!(active.body.contains(&detail(&f.first)));

    // English.
    let english = f
        .web
        .get("/admin/credentials?lang=en", Some(&viewer.cookie))
        .await;
    assert!(
        english.body.contains("3 credentials found"),
        "{}",
        english.body
    );
}

#[tokio::test]
async fn the_list_needs_a_session() {
    let f = fixture().await;
    let response = f.web.get("/admin/credentials?q=x", None).await;
    assert_eq!(response.status, 303);
    assert_eq!(
        response.location(),
        Some("/login?next=/admin/credentials%3Fq%3Dx")
    );
}

#[tokio::test]
async fn revoking_with_a_reason_changes_the_state_the_status_list_and_the_public_page() {
    let f = fixture().await;
    let browser = staff(&f).await;
    assert!(!published_bit(&f, &f.first, "revocation").await);
    let public_before = f.web.get(&format!("/c/{}", bare(&f.first)), None).await;
    assert!(
        public_before.body.contains("この資格情報を検証しました。"),
        "{}",
        public_before.body
    );

    let page = f.web.get(&detail(&f.first), Some(&browser.cookie)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("id=\"cred-revoke\""));
    assert!(page.body.contains("id=\"cred-suspend\""));
    assert!(
        !page.body.contains("id=\"cred-unsuspend\""),
        "only allowed changes are offered"
    );
    assert!(page.body.contains("状態はまだ変更されていません。"));
    assert_eq!(page.csrf_field().as_deref(), Some(browser.csrf.as_str()));

    let response = f
        .web
        .submit(
            &browser,
            &action(&f.first, "revoke"),
            &[("reason", "  誤って発行したため  "), ("confirm", "yes")],
        )
        .await;
    assert_eq!(response.status, 303);
    let after = format!("{}?done=revoke", detail(&f.first));
    assert_eq!(response.location(), Some(after.as_str()));

    assert_eq!(state_of(&f, &f.first).await, CredentialState::Revoked);
    let stored = f
        .web
        .state
        .store
        .credential(&f.first.record.id)
        .await
        .unwrap();
    assert_eq!(
        stored.state_reason.as_deref(),
        Some("誤って発行したため"),
        "trimmed"
    );
    let events = f
        .web
        .state
        .store
        .status_events(&f.first.record.id)
        .await
        .unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].action, tsumiki_store::StatusAction::Revoke);
    assert!(
        published_bit(&f, &f.first, "revocation").await,
        "the published list has the bit"
    );
    assert!(
        !published_bit(&f, &f.second, "revocation").await,
        "only this credential's bit"
    );
    assert_eq!(state_of(&f, &f.second).await, CredentialState::Active);

    let page = f.web.get(&after, Some(&browser.cookie)).await;
    assert!(page.body.contains("証明を失効させました。"));
    assert!(page.body.contains("誤って発行したため"));
    assert!(
        page.body.contains("Test issuer_staff"),
        "the history names who did it"
    );
    assert!(page.body.contains("この証明は失効済みです。"));
    assert!(
        !page.body.contains("id=\"cred-revoke\""),
        "nothing more to offer"
    );

    let public_after = f.web.get(&format!("/c/{}", bare(&f.first)), None).await;
    assert!(
        public_after
            .body
            .contains("この資格情報を検証できませんでした"),
        "{}",
        public_after.body
    );
    assert!(public_after.body.contains("誤って発行したため"));

    // Revocation is final: a second try (an old tab) gets the conflict message, nothing changes.
    let again = f
        .web
        .submit(
            &browser,
            &action(&f.first, "unsuspend"),
            &[("reason", "戻す")],
        )
        .await;
    assert_eq!(again.status, 409);
    assert!(
        again
            .body
            .contains("現在の状態では、この操作はできません。")
    );
    assert_eq!(
        f.web
            .state
            .store
            .status_events(&f.first.record.id)
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn suspending_and_reinstating_flip_the_suspension_bit() {
    let f = fixture().await;
    let browser = staff(&f).await;
    let suspended = f
        .web
        .submit(
            &browser,
            &action(&f.third, "suspend"),
            &[("reason", "確認中")],
        )
        .await;
    assert_eq!(suspended.status, 303);
    assert_eq!(state_of(&f, &f.third).await, CredentialState::Suspended);
    assert!(published_bit(&f, &f.third, "suspension").await);
    assert!(!published_bit(&f, &f.third, "revocation").await);
    let page = f.web.get(&detail(&f.third), Some(&browser.cookie)).await;
    assert!(page.body.contains("id=\"cred-unsuspend\""));
    assert!(!page.body.contains("id=\"cred-suspend\""));

    let reinstated = f
        .web
        .submit(
            &browser,
            &action(&f.third, "unsuspend"),
            &[("reason", "確認済み")],
        )
        .await;
    assert_eq!(reinstated.status, 303);
    assert_eq!(state_of(&f, &f.third).await, CredentialState::Active);
    assert!(!published_bit(&f, &f.third, "suspension").await);
    let events = f
        .web
        .state
        .store
        .status_events(&f.third.record.id)
        .await
        .unwrap();
    let reasons: Vec<&str> = events.iter().map(|event| event.reason.as_str()).collect();
    assert_eq!(reasons, ["確認中", "確認済み"]);

    // Unknown actions and credentials are 404, not a change.
    let unknown = f
        .web
        .submit(&browser, &action(&f.third, "delete"), &[("reason", "x")])
        .await;
    assert_eq!(unknown.status, 404);
    let missing = f
        .web
        .submit(
            &browser,
            "/admin/credentials/00000000-0000-4000-8000-000000000000/suspend",
            &[("reason", "x")],
        )
        .await;
    assert_eq!(missing.status, 404);
    assert_eq!(state_of(&f, &f.third).await, CredentialState::Active);
}

#[tokio::test]
async fn a_viewer_may_look_but_gets_403_on_every_action() {
    let f = fixture().await;
    let (_, viewer) = f
        .web
        .logged_in("viewer-ui@example.test", Role::Viewer)
        .await;
    let page = f.web.get(&detail(&f.first), Some(&viewer.cookie)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("山田 花子"));
    assert!(
        !page.body.contains("id=\"cred-revoke\""),
        "no forms for viewers"
    );
    for name in ["revoke", "suspend", "unsuspend"] {
        let response = f
            .web
            .submit(
                &viewer,
                &action(&f.first, name),
                &[("reason", "見るだけ"), ("confirm", "yes")],
            )
            .await;
        assert_eq!(response.status, 403, "{name}");
    }
    assert_eq!(state_of(&f, &f.first).await, CredentialState::Active);
    assert!(
        f.web
            .state
            .store
            .status_events(&f.first.record.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(!published_bit(&f, &f.first, "revocation").await);
}

#[tokio::test]
async fn a_missing_reason_or_confirmation_is_refused_with_the_form_shown_again() {
    let f = fixture().await;
    let browser = staff(&f).await;
    let blank = f
        .web
        .submit(
            &browser,
            &action(&f.first, "suspend"),
            &[("reason", " \n ")],
        )
        .await;
    assert_eq!(blank.status, 422);
    assert!(blank.body.contains("理由を入力してください。"));
    let absent = f
        .web
        .submit(&browser, &action(&f.first, "revoke"), &[("confirm", "yes")])
        .await;
    assert_eq!(absent.status, 422);
    assert!(absent.body.contains("理由を入力してください。"));
    let unconfirmed = f
        .web
        .submit(
            &browser,
            &action(&f.first, "revoke"),
            &[("reason", "不正受験")],
        )
        .await;
    assert_eq!(unconfirmed.status, 422);
    assert!(
        unconfirmed
            .body
            .contains("失効させるには、確認のチェックを入れてください。")
    );
    assert!(
        unconfirmed.body.contains(">不正受験</textarea>"),
        "what was typed is kept"
    );
    let too_long = "あ".repeat(1001);
    let long = f
        .web
        .submit(
            &browser,
            &action(&f.first, "suspend"),
            &[("reason", &too_long)],
        )
        .await;
    assert_eq!(long.status, 422);
    assert!(
        long.body
            .contains("理由は 1000 文字以内で入力してください。"),
        "{}",
        long.body
    );

    assert_eq!(state_of(&f, &f.first).await, CredentialState::Active);
    assert!(
        f.web
            .state
            .store
            .status_events(&f.first.record.id)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_status_change_without_the_csrf_token_is_rejected() {
    let f = fixture().await;
    let browser = staff(&f).await;
    let fields = [("reason", "不正受験"), ("confirm", "yes")];
    let missing = f
        .web
        .post_form(&action(&f.first, "revoke"), Some(&browser.cookie), &fields)
        .await;
    assert_eq!(missing.status, 403);
    let mut wrong = vec![("csrf_token", "not-the-token")];
    wrong.extend_from_slice(&fields);
    let forged = f
        .web
        .post_form(&action(&f.first, "revoke"), Some(&browser.cookie), &wrong)
        .await;
    assert_eq!(forged.status, 403);
    assert_eq!(state_of(&f, &f.first).await, CredentialState::Active);
    assert!(!published_bit(&f, &f.first, "revocation").await);
}

#[tokio::test]
async fn the_recipients_page_searches_in_sql() {
    let f = fixture().await;
    let (_, viewer) = f
        .web
        .logged_in("viewer-ui@example.test", Role::Viewer)
        .await;
    let all = f.web.get("/recipients", Some(&viewer.cookie)).await;
    assert!(all.body.contains("Suzuki Ichiro") && all.body.contains("山田 花子"));
    let one = f
        .web
        .get("/recipients?q=HANAKO%40EXAMPLE", Some(&viewer.cookie))
        .await;
    assert_eq!(one.status, 200);
    assert!(one.body.contains("山田 花子"));
    assert!(
        one.body.contains("Hanako@Example.ac.jp"),
        "identifiers are shown as given"
    );
    assert!(!one.body.contains("Suzuki Ichiro"));
    let wildcard = f.web.get("/recipients?q=%25", Some(&viewer.cookie)).await;
    assert!(!wildcard.body.contains("Suzuki Ichiro") && !wildcard.body.contains("山田 花子"));
}
