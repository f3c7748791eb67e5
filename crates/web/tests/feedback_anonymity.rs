//! The anonymity guarantee, end to end: a participant with rater groups of 1, 2, 3 and 4
//! people (manager, peers, direct reports, others). With a threshold of 3 the manager's and
//! peers' ratings and comments must appear on no page, export or API: not the participant
//! report, not the round's CSV/JSON exports, not the cohort change page or its exports, not the
//! participant's own `/me/feedback`. Each small-group rater answers with a value no shown
//! figure can equal, and a comment marker that must never be printed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod feedback_support;
mod web_support;

use feedback_support::{answer, cohort, invite, open_round};
use tsumiki_store::{Role, RoundKind, UserLinks};
use web_support::app;

/// Strings that would reveal the small groups.
const FORBIDDEN: &[&str] = &[
    "MANAGER-SECRET",
    "PEER-SECRET",
    // The manager's mean (1) and the peers' mean (2) as any page or export would print them.
    "1.00",
    "2.00",
    "1.0000",
    "2.0000",
    "\"manager\"",
    "\"peer\"",
];

fn assert_clean(what: &str, body: &str) {
    for needle in FORBIDDEN {
        assert!(!body.contains(needle), "{what} reveals {needle:?}:\n{body}");
    }
}

#[tokio::test]
async fn small_groups_never_leak_anywhere() {
    let app = app().await;
    let fixture = cohort(&app, &["山田 花子"], None, true).await;
    let participant = &fixture.participants[0];
    for (kind, policy) in [(RoundKind::Pre, "suppress"), (RoundKind::Post, "merge")] {
        let round = open_round(&app, &fixture.cohort_id, kind, policy).await;
        let mut tokens = Vec::new();
        let raters = [
            ("self", 1, 3u8, "self note"),
            ("manager", 1, 1, "MANAGER-SECRET"),
            ("peer", 2, 2, "PEER-SECRET"),
            ("direct_report", 3, 4, "report says"),
            ("other", 4, 5, "other says"),
        ];
        for (group, count, value, comment) in raters {
            for index in 0..count {
                let email = format!("{group}{index}@example.jp");
                let token = invite(&app, &round, participant, group, &email).await;
                tokens.push((token, value, format!("{comment} {index}")));
            }
        }
        for (token, value, comment) in &tokens {
            let response = answer(&app, token, *value, comment).await;
            assert_eq!(response.status, 200, "{}", response.body);
        }
        let (_, admin) = app
            .logged_in(&format!("admin-{policy}@example.jp"), Role::Admin)
            .await;
        let cookie = Some(admin.cookie.as_str());
        let base = format!("/cohorts/{}/feedback/{round}", fixture.cohort_id);

        let report = app
            .get(&format!("{base}/participants/{participant}"), cookie)
            .await;
        assert_eq!(report.status, 200, "{}", report.body);
        assert_clean("participant report", &report.body);
        if policy == "suppress" {
            // Direct reports (4) and others (5) are shown; pooled others = (3·4 + 4·5)/7.
            assert!(report.body.contains("4.57"), "{}", report.body);
            assert!(report.body.contains("report says"), "{}", report.body);
        } else {
            // Manager and peers merged into "others": (1 + 2·2 + 4·5)/7 = 3.57 for that group;
            // all ten pooled: (1 + 4 + 12 + 20)/10 = 3.70.
            assert!(report.body.contains("3.57"), "{}", report.body);
            assert!(report.body.contains("3.70"), "{}", report.body);
        }
        for export in ["reports.json", "reports.csv"] {
            let response = app.get(&format!("{base}/{export}"), cookie).await;
            assert_eq!(response.status, 200, "{export}");
            assert_clean(export, &response.body);
        }
        let round_page = app.get(&base, cookie).await;
        assert!(!round_page.body.contains("MANAGER-SECRET"));
    }

    let (_, admin) = app.logged_in("admin-change@example.jp", Role::Admin).await;
    let cookie = Some(admin.cookie.as_str());
    for path in ["change", "change.json", "change.csv"] {
        let response = app
            .get(
                &format!("/cohorts/{}/feedback/{path}", fixture.cohort_id),
                cookie,
            )
            .await;
        assert_eq!(response.status, 200, "{path}: {}", response.body);
        assert_clean(path, &response.body);
    }

    // The participant's own page shows the same filtered reports.
    let (user, browser) = app.logged_in("hanako@example.jp", Role::Participant).await;
    app.state
        .store
        .set_user_links(
            &user.id,
            &UserLinks {
                organisation_id: None,
                recipient_id: Some(fixture.recipients[0].clone()),
            },
        )
        .await
        .unwrap();
    let own = app.get("/me/feedback", Some(&browser.cookie)).await;
    assert_eq!(own.status, 200, "{}", own.body);
    assert!(own.body.contains("4.57"), "{}", own.body);
    assert_clean("/me/feedback", &own.body);
}

#[tokio::test]
async fn withdrawn_consent_removes_a_participant_everywhere() {
    let app = app().await;
    let fixture = cohort(&app, &["佐藤 一郎"], None, true).await;
    let participant = &fixture.participants[0];
    let round = open_round(&app, &fixture.cohort_id, RoundKind::Pre, "suppress").await;
    for index in 0..3 {
        let token = invite(
            &app,
            &round,
            participant,
            "peer",
            &format!("p{index}@example.jp"),
        )
        .await;
        answer(&app, &token, 4, "").await;
    }
    let (_, admin) = app.logged_in("admin@example.jp", Role::Admin).await;
    let cookie = Some(admin.cookie.as_str());
    let json_path = format!(
        "/cohorts/{}/feedback/{round}/reports.json",
        fixture.cohort_id
    );
    let before = app.get(&json_path, cookie).await.json();
    assert_eq!(before.as_array().unwrap().len(), 1);
    app.state
        .store
        .withdraw_consent(
            participant,
            tsumiki_store::CONSENT_EVALUATION,
            chrono::Utc::now(),
        )
        .await
        .unwrap();
    let after = app.get(&json_path, cookie).await.json();
    assert_eq!(after.as_array().unwrap().len(), 0);
    let page = app
        .get(
            &format!(
                "/cohorts/{}/feedback/{round}/participants/{participant}",
                fixture.cohort_id
            ),
            cookie,
        )
        .await;
    assert!(!page.body.contains("4.00"), "{}", page.body);
}
