//! End-to-end in a real browser: the real `tsumiki serve` binary, driven by Debian's Chromium
//! through chromedriver (WebDriver), from the one-time set-up link to revoking a credential
//! in the back office and seeing the public page say so. Once in Japanese, once in English.
//!
//! Needs `chromium` and `chromedriver` on PATH (see [`browser_support`]). Without them the
//! test prints a notice and passes, unless `TSUMIKI_BROWSER=required` (CI), where it fails.
//!
//! Screenshots of every step go to `$TSUMIKI_ARTIFACTS_DIR` (default
//! `target/test-artifacts/browser/`), one directory per language.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod browser_support;

use browser_support::{
    Session, artifacts_dir, browser, free_port, start_driver, start_server, tools, url_in,
};

const PASSWORD: &str = "browser-test-password";

/// What the pages say, per language (the texts the real Fluent files produce).
struct Expect {
    lang: &'static str,
    verified: &'static str,
    not_verified: &'static str,
    revoked_state: &'static str,
    revoked_done: &'static str,
    reason: &'static str,
    recipient: &'static str,
    email: &'static str,
    credentials_nav: &'static str,
}

const JAPANESE: Expect = Expect {
    lang: "ja",
    verified: "この資格情報を検証しました。",
    not_verified: "この資格情報を検証できませんでした",
    revoked_state: "失効",
    revoked_done: "証明を失効させました。",
    reason: "受講記録の誤りが判明したため",
    recipient: "山田 花子",
    email: "hanako@example.jp",
    credentials_nav: "発行済み",
};

const ENGLISH: Expect = Expect {
    lang: "en",
    verified: "The credential was verified.",
    not_verified: "The credential could not be verified",
    revoked_state: "Revoked",
    revoked_done: "The credential has been revoked.",
    reason: "Issued to the wrong person",
    recipient: "Alice Smith",
    email: "alice@example.org",
    credentials_nav: "Credentials",
};

async fn run_flow(expect: &Expect) {
    let Some((chromium, driver_path)) = tools() else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    let (_server, base, setup_url) = start_server(&data.path().join("data"));
    let driver_port = free_port();
    let _driver = start_driver(&driver_path, driver_port);
    let client = browser(&chromium, driver_port, expect.lang).await;
    let mut s = Session::new(client, &base, artifacts_dir(expect.lang));

    // 1. The one-time set-up link: the first administrator and their password.
    // The language switch in the header first (it sets a cookie and comes back).
    s.goto("/login").await;
    s.click(&format!(".langswitch a[lang={}]", expect.lang))
        .await;
    s.wait_for_path("/login").await;
    s.client.goto(&setup_url).await.unwrap();
    s.wait_for_path("/setup/").await;
    s.fill("input[name=email]", "admin@example.ac.jp").await;
    s.fill("input[name=display_name]", "管理者 太郎").await;
    s.fill("input[name=password]", PASSWORD).await;
    s.fill("input[name=password_confirm]", PASSWORD).await;
    s.shot("setup").await;
    s.click("form.stack button[type=submit]").await;
    s.wait_for_path("/").await;
    s.expect_text("管理者 太郎").await;

    // 2. Sign out and sign in again with the new password.
    s.click("form[action='/logout'] button").await;
    s.goto("/login").await;
    s.fill("input[name=email]", "admin@example.ac.jp").await;
    s.fill("input[name=password]", PASSWORD).await;
    s.click("form[action='/login'] button[type=submit]").await;
    s.expect_text(expect.credentials_nav).await;
    s.shot("signed-in").await;

    // 3. An issuer (did:key: needs no DNS for did:web).
    s.goto("/admin/issuers").await;
    s.fill("input[name=name_ja]", "積み木経営大学院").await;
    s.fill("input[name=name_en]", "Tsumiki School of Management")
        .await;
    s.fill("input[name=slug]", "tsumiki-sm").await;
    s.fill("input[name=url]", "https://sm.example.ac.jp").await;
    s.click("input[name=kind][value='did:key']").await;
    s.click("form[action='/admin/issuers'] button[type=submit]")
        .await;
    s.expect_text("did:key:z").await;
    s.shot("issuer").await;

    // 4. An achievement, named and described in Japanese (English alongside).
    s.goto("/achievements/new").await;
    s.fill("input[name=name_ja]", "次世代リーダー育成プログラム修了")
        .await;
    s.fill(
        "input[name=name_en]",
        "Next-Generation Leadership Programme",
    )
    .await;
    s.fill(
        "textarea[name=description_ja]",
        "経営戦略と組織変革を実践的に学ぶ6か月間のプログラムを修了した。",
    )
    .await;
    s.fill(
        "textarea[name=description_en]",
        "Completed a six-month programme in strategy and organisational change.",
    )
    .await;
    s.fill(
        "textarea[name=criteria_ja]",
        "全セッションに出席し、最終課題の発表に合格すること。",
    )
    .await;
    s.fill(
        "textarea[name=criteria_en]",
        "Attend every session and pass the final presentation.",
    )
    .await;
    s.shot("achievement-form").await;
    s.click("form.grid-form .form-actions button[type=submit]")
        .await;
    s.wait_for_path("/achievements").await;
    s.expect_text("次世代リーダー育成プログラム修了").await;
    s.shot("achievement").await;

    // 5. A recipient.
    s.goto("/recipients").await;
    s.fill("input[name=display_name]", expect.recipient).await;
    s.fill("textarea[name=emails]", expect.email).await;
    s.click("form[action='/recipients'][method=post] button[type=submit]")
        .await;
    s.expect_text(expect.email).await;
    s.shot("recipient").await;

    // 6. Issue the credential; the service redirects to its public page.
    s.goto("/issue").await;
    s.choose("select[name=recipient_id]", expect.recipient)
        .await;
    s.shot("issue-form").await;
    s.click("form[action='/issue'] button[type=submit]").await;
    let public_path = s.wait_for_path("/c/").await;

    // 7. The public page verifies it.
    s.expect_text(expect.verified).await;
    s.shot("public-verified").await;

    // 8. Find it in the back office and revoke it with a reason.
    s.goto("/").await;
    s.click("nav.mainnav a[href='/admin/credentials']").await;
    s.wait_for_path("/admin/credentials").await;
    s.fill("input[name=q]", expect.email).await;
    s.click("form.cred-filters button[type=submit]").await;
    s.wait_for_query("q=").await;
    s.expect_text(expect.recipient).await;
    s.shot("credentials-search").await;
    s.click("table a[href^='/admin/credentials/']").await;
    s.wait_for_path("/admin/credentials/").await;
    assert_eq!(
        s.path().await.rsplit('/').next(),
        public_path.rsplit('/').next(),
        "the list links to the credential that was issued"
    );
    s.fill("#cred-revoke textarea[name=reason]", expect.reason)
        .await;
    s.click("#cred-revoke input[name=confirm]").await;
    s.shot("revoke-form").await;
    s.click("#cred-revoke button[type=submit]").await;
    s.expect_text(expect.revoked_done).await;
    s.expect_text(expect.reason).await;
    s.shot("revoked").await;

    // 9. Reload the public page: it no longer verifies and says why.
    s.goto(&public_path).await;
    s.expect_text(expect.not_verified).await;
    s.expect_text(expect.revoked_state).await;
    s.expect_text(expect.reason).await;
    s.shot("public-revoked").await;

    s.client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_issues_and_revokes_in_japanese() {
    run_flow(&JAPANESE).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admin_issues_and_revokes_in_english() {
    run_flow(&ENGLISH).await;
}

#[test]
fn urls_are_found_in_fluent_output() {
    assert_eq!(
        url_in(
            "No administrator yet. Open this one-time link: \u{2068}http://127.0.0.1:4000/setup/abc\u{2069}"
        ),
        Some("http://127.0.0.1:4000/setup/abc".to_owned())
    );
    assert_eq!(url_in("no link here"), None);
}
