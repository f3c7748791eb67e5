//! Issue 4 end to end in a real browser: the real `tsumiki serve` binary on a data directory
//! prepared with the store API (a sponsor's cohort with consenting participants, a KPI, costs,
//! benefit claims, and pre/post 360° rounds already answered by most raters), then Chromium:
//!
//! a. a rater with no account opens their link, answers every item, comments, submits, sees
//!    the thank-you page, and finds their answers again when reopening the link (Japanese;
//!    a second rater in English, who also edits an answer); once the round is closed the
//!    links expire (410);
//! b. the sponsor viewer signs in, lands on `/sponsor`, opens the cohort dashboard with its
//!    KPI, 360°, diversity and ROI sections and SVG charts, fetches the CSV and JSON exports,
//!    and is refused another organisation's cohort;
//! c. the participant signs in, lands on `/me`, opens `/me/feedback` with their own self and
//!    others' scores (the rater's comment from a. among them), and reaches no one else's data.
//!
//! One server and one chromedriver for the whole file; one browser profile per person.
//! Screenshots go to `$TSUMIKI_ARTIFACTS_DIR/impact-<lang>/` (see [`browser_support`]).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod browser_support;

use browser_support::impact_data::{
    BROWSER_PEER, KPI_NAME, MODULE_JA, PARTICIPANT_EMAIL, PASSWORD, PEER_POST, PEOPLE,
    RATER_COMMENT, SEEDED_PEERS, SELF_POST, SPONSOR_EMAIL, World, prepare,
};
use browser_support::{
    Session, artifacts_dir, browser, free_port, start_driver, start_prepared_server, tools,
};
use chrono::Utc;
use fantoccini::Locator;

/// What the rating page says, per language.
struct RaterTexts {
    lang: &'static str,
    thanks: &'static str,
    editing: &'static str,
}

const RATER_JA: RaterTexts = RaterTexts {
    lang: "ja",
    thanks: "ありがとうございました。回答を保存しました。",
    editing: "すでに回答済みです。",
};

const RATER_EN: RaterTexts = RaterTexts {
    lang: "en",
    thanks: "Thank you. Your answers have been saved.",
    editing: "You have already answered.",
};

/// a. Answer every item of the form at `token`, comment, submit, reopen.
async fn rate(
    s: &mut Session,
    world: &World,
    token: &str,
    value: u8,
    comment: &str,
    texts: &RaterTexts,
) {
    s.goto(&format!("/rate/{token}?lang={}", texts.lang)).await;
    s.wait_for_path("/rate/").await;
    assert_eq!(
        s.count("form.rate-form fieldset.rate-item").await,
        world.items.len(),
        "one question per item of the instrument"
    );
    assert_eq!(
        s.count("form.rate-form input[type=radio]:checked").await,
        0,
        "a fresh link has no answers"
    );
    s.shot("rate-form").await;
    for item in &world.items {
        s.click(&format!(
            "input[type=radio][name='i_{item}'][value='{value}']"
        ))
        .await;
    }
    s.fill("textarea[name=comment]", comment).await;
    s.shot("rate-answered").await;
    s.click("form.rate-form button[type=submit]").await;
    s.expect_text(texts.thanks).await;
    s.shot("rate-thanks").await;

    // Reopening the link (the page's own "review or change" link) shows the saved answers.
    s.click("main a[href^='/rate/']").await;
    s.expect_text(texts.editing).await;
    assert_eq!(
        s.count("form.rate-form input[type=radio]:checked").await,
        world.items.len()
    );
    assert_eq!(
        s.count(&format!(
            "form.rate-form input[type=radio][value='{value}']:checked"
        ))
        .await,
        world.items.len(),
        "every saved answer is the one given"
    );
    let saved = s
        .client
        .find(Locator::Css("textarea[name=comment]"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert_eq!(saved, comment);
    s.shot("rate-reopened").await;
}

/// A rater changes their mind while the round is open: one answer edited and saved again.
async fn edit_first_answer(s: &mut Session, world: &World, value: u8, texts: &RaterTexts) {
    let first = &world.items[0];
    s.click(&format!(
        "input[type=radio][name='i_{first}'][value='{value}']"
    ))
    .await;
    s.click("form.rate-form button[type=submit]").await;
    s.expect_text(texts.thanks).await;
    s.click("main a[href^='/rate/']").await;
    s.expect_text(texts.editing).await;
    assert_eq!(
        s.count(&format!(
            "input[type=radio][name='i_{first}'][value='{value}']:checked"
        ))
        .await,
        1,
        "the edited answer was saved"
    );
    assert_eq!(
        s.count("form.rate-form input[type=radio]:checked").await,
        world.items.len(),
        "the other answers were kept"
    );
    s.shot("rate-edited").await;
}

async fn sign_in(s: &Session, email: &str) {
    s.goto("/login").await;
    s.fill("input[name=email]", email).await;
    s.fill("input[name=password]", PASSWORD).await;
    s.click("form[action='/login'] button[type=submit]").await;
}

/// b. The sponsor viewer's dashboard.
async fn sponsor(s: &mut Session, world: &World) {
    sign_in(s, SPONSOR_EMAIL).await;
    s.wait_for_path("/sponsor").await;
    s.expect_text("北斗 2026 春").await;
    let listed = s.text().await;
    assert!(
        !listed.contains("南西 2026 秋"),
        "another sponsor's cohort is listed:\n{listed}"
    );
    s.shot("sponsor-list").await;

    s.click(&format!("a[href='/cohorts/{}/dashboard']", world.cohort))
        .await;
    s.wait_for_path(&format!("/cohorts/{}/dashboard", world.cohort))
        .await;
    for heading in [
        "スポンサー向けダッシュボード",
        "チェックポイント別の KPI 状況",
        "360度評価の変化（受講前 → 受講後）",
        "コホートの多様性",
        "投資対効果（ROI）",
    ] {
        s.expect_text(heading).await;
    }
    s.expect_text(KPI_NAME).await;
    for section in ["sp-kpis", "sp-change", "sp-diversity", "sp-roi"] {
        assert_eq!(
            s.count(&format!(
                "section[aria-labelledby='{section}'] h2#{section}"
            ))
            .await,
            1,
            "section {section}"
        );
    }
    // The charts are inline SVG with an accessible name and a <title>.
    let titles = s.texts_of("svg.chart > title").await;
    assert!(s.count("svg.chart[role=img]").await >= 3, "{titles:?}");
    assert!(
        titles
            .iter()
            .any(|t| t.contains("KPI の推移") && t.contains(KPI_NAME)),
        "{titles:?}"
    );
    assert!(
        titles
            .iter()
            .any(|t| t.contains("受講前後のコンピテンシー評価")),
        "{titles:?}"
    );
    assert!(
        titles.iter().any(|t| t.contains("費用の内訳と便益の比較")),
        "{titles:?}"
    );
    assert!(
        s.count("section[aria-labelledby='sp-change'] table tbody tr")
            .await
            > 0,
        "the change table has rows (4 consenting participants, above the threshold of 3)"
    );
    s.shot("sponsor-dashboard").await;

    // The export links work with the sponsor's session.
    let json_url = s.href(".sp-exports a[href*='dashboard.json']").await;
    let json = s.fetch(&json_url).await;
    assert_eq!(json.status, 200, "{}", json.body);
    assert!(
        json.content_type.starts_with("application/json"),
        "{json:?}"
    );
    let value: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(
        value["kpis"][0]["checkpoints"][1]["actual"], 13.0,
        "{value}"
    );
    // Participant 2's lone manager (the English rater) is below the threshold of 3, and their
    // peers are suppressed with it (else others − peers would reveal the manager): so only
    // three participants have an others' score in both rounds. Post: (4.20 + 4 + 4) / 3.
    let overall = &value["change"]["overall"];
    assert_eq!(overall["n"], 3, "{value}");
    assert_eq!(overall["preMean"], 2.0, "{value}");
    let post_mean = overall["postMean"].as_f64().unwrap();
    assert!((post_mean - 12.2 / 3.0).abs() < 1e-9, "{value}");
    assert_eq!(value["participantsCounted"], 4, "{value}");
    let csv_url = s.href(".sp-exports a[href*='dashboard.csv']").await;
    let csv = s.fetch(&csv_url).await;
    assert_eq!(csv.status, 200, "{}", csv.body);
    assert!(csv.content_type.starts_with("text/csv"), "{csv:?}");
    assert!(csv.body.contains("roi,"), "{}", csv.body);
    for name in PEOPLE {
        assert!(
            !csv.body.contains(name) && !json.body.contains(name),
            "{name} in an export"
        );
    }

    // The same dashboard in English, through the page's own language link.
    s.click(".sp-exports a[href$='lang=en']").await;
    s.expect_text("Sponsor dashboard").await;
    s.expect_text("Return on investment").await;
    s.shot("sponsor-dashboard-en").await;

    // Another organisation's cohort: refused, in the page and in the exports.
    let other = format!("/cohorts/{}/dashboard", world.other_cohort);
    s.goto(&other).await;
    s.expect_text("この操作を行う権限がない").await;
    s.shot("sponsor-forbidden").await;
    for path in [
        other.clone(),
        format!("{other}.json"),
        format!("{other}.csv"),
    ] {
        let refused = s.fetch(&format!("{}{path}", s.base)).await;
        assert_eq!(refused.status, 403, "{path}: {}", refused.body);
    }
}

/// c. The participant's own report.
async fn participant(s: &mut Session, world: &World) {
    sign_in(s, PARTICIPANT_EMAIL).await;
    s.wait_for_path("/me").await;
    s.expect_text("北斗 2026 春").await;
    s.expect_text(MODULE_JA).await;
    s.shot("me").await;
    s.click("main a[href='/me/feedback']").await;
    s.wait_for_path("/me/feedback").await;
    s.expect_text("わたしの360度フィードバック").await;
    s.expect_text("本人").await;
    s.expect_text("他者").await;
    s.shot("me-feedback").await;
    // Two reports (pre and post); in the post one every competency has self 3.00 and others
    // (4·4 + 5) / 5 = 4.20: the browser rater's answers are counted.
    let self_scores = s
        .texts_of("table.feedback-table tbody tr td:nth-of-type(1)")
        .await;
    let others = s
        .texts_of("table.feedback-table tbody tr td:nth-of-type(2)")
        .await;
    let rows: Vec<(String, String)> = self_scores.into_iter().zip(others).collect();
    let own = format!("{SELF_POST}.00");
    let theirs = format!(
        "{:.2}",
        (f64::from(PEER_POST) * SEEDED_PEERS as f64 + f64::from(BROWSER_PEER))
            / (SEEDED_PEERS as f64 + 1.0)
    );
    assert!(
        rows.iter().any(|(me, them)| *me == own && *them == theirs),
        "no row with self {own} and others {theirs}: {rows:?}"
    );
    assert!(
        rows.iter().any(|(me, them)| me == "2.00" && them == "2.00"),
        "the pre round: {rows:?}"
    );
    // Five others rated: the comment threshold is met and the rater's words reach them.
    s.expect_text(RATER_COMMENT).await;
    s.client
        .execute(
            "document.querySelector('.feedback-comments').scrollIntoView()",
            vec![],
        )
        .await
        .unwrap();
    s.shot("me-feedback-comments").await;
    let page = s.text().await;
    for name in &PEOPLE[1..] {
        assert!(
            !page.contains(name),
            "{name} appears on the participant's report"
        );
    }

    // Nothing about anyone else is reachable.
    let someone_else = format!(
        "{}/cohorts/{}/feedback/{}/participants/{}",
        s.base, world.cohort, world.post_round, world.participants[1]
    );
    for url in [
        someone_else,
        format!("{}/cohorts/{}/dashboard", s.base, world.cohort),
        format!("{}/cohorts/{}/dashboard.json", s.base, world.cohort),
        format!("{}/cohorts/{}/feedback", s.base, world.cohort),
    ] {
        let refused = s.fetch(&url).await;
        assert_eq!(refused.status, 403, "{url}: {}", refused.body);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rater_sponsor_and_participant_in_chromium() {
    let Some((chromium, driver_path)) = tools() else {
        return;
    };
    let data = tempfile::tempdir().unwrap();
    let data = data.path().join("data");
    let world = prepare(&data).await;
    let (_server, base) = start_prepared_server(&data);
    let driver_port = free_port();
    let _driver = start_driver(&driver_path, driver_port);

    // a. Raters have no account: a fresh browser each, Japanese then English.
    let client = browser(&chromium, driver_port, "ja").await;
    let mut s = Session::new(client, &base, artifacts_dir("impact-ja"));
    rate(
        &mut s,
        &world,
        &world.peer_token,
        BROWSER_PEER,
        RATER_COMMENT,
        &RATER_JA,
    )
    .await;
    s.client.close().await.unwrap();
    let client = browser(&chromium, driver_port, "en").await;
    let mut s = Session::new(client, &base, artifacts_dir("impact-en"));
    rate(
        &mut s,
        &world,
        &world.manager_token,
        2,
        "Listens first, decides fast.",
        &RATER_EN,
    )
    .await;
    edit_first_answer(&mut s, &world, 3, &RATER_EN).await;
    s.client.close().await.unwrap();

    // b. The sponsor viewer.
    let client = browser(&chromium, driver_port, "ja").await;
    let mut s = Session::new(client, &base, artifacts_dir("impact-ja"));
    s.step = 10;
    sponsor(&mut s, &world).await;
    s.client.close().await.unwrap();

    // c. The participant.
    let client = browser(&chromium, driver_port, "ja").await;
    let mut s = Session::new(client, &base, artifacts_dir("impact-ja"));
    s.step = 20;
    participant(&mut s, &world).await;

    // Closing the round (as the faculty would) expires every link of it, answered or not.
    let (store, _key) = tsumiki_web::config::open_data(&data, None, None)
        .await
        .unwrap();
    store
        .close_feedback_round(&world.post_round, Utc::now())
        .await
        .unwrap();
    store.close().await;
    s.client.delete_all_cookies().await.unwrap();
    s.goto(&format!("/rate/{}?lang=ja", world.peer_token)).await;
    s.expect_text("このフィードバックは現在受け付けていません")
        .await;
    assert_eq!(s.count("form.rate-form").await, 0);
    let gone = s
        .fetch(&format!("{}/rate/{}", s.base, world.manager_token))
        .await;
    assert_eq!(gone.status, 410, "{}", gone.body);
    s.shot("rate-closed").await;
    s.client.close().await.unwrap();
}
