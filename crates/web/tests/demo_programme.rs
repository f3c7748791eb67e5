//! `tsumiki serve --demo` also seeds the leadership programme: one cohort of twenty with
//! closed pre and post 360° rounds, KPIs, a cost ledger, benefit claims and completions, all
//! once however often it runs, and its sponsor dashboard shows real figures and charts.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod web_support;

use axum::http::StatusCode;
use tsumiki_store::{CONSENT_EVALUATION, Role, RoundState};
use tsumiki_web::demo::seed;
use web_support::{TestApp, app_at};

const BASE_URL: &str = "https://demo.example.test";

/// Everything the programme seeding writes, counted.
#[derive(Debug, PartialEq, Eq)]
struct Counts {
    organisations: usize,
    programmes: usize,
    cohorts: usize,
    participants: usize,
    consenting: usize,
    rounds_closed: usize,
    invitations: usize,
    submitted: usize,
    kpis: usize,
    measurements: usize,
    costs: usize,
    claims: usize,
    intangibles: usize,
    completions: usize,
    recipients: usize,
    credentials: usize,
    logic_model_entries: usize,
}

async fn counts(app: &TestApp) -> (Counts, String) {
    let store = &app.state.store;
    let programmes = store.programmes().await.unwrap();
    let cohorts = store.cohorts().await.unwrap();
    assert_eq!(cohorts.len(), 1, "one demo cohort");
    let cohort = &cohorts[0];
    let rounds = store.feedback_rounds(&cohort.id).await.unwrap();
    let mut invitations = 0;
    let mut submitted = 0;
    for round in &rounds {
        let list = store.rater_invitations(&round.id).await.unwrap();
        invitations += list.len();
        submitted += list.iter().filter(|i| i.submitted_at.is_some()).count();
    }
    let issuer = store
        .issuer_by_slug("tsumiki-business-school")
        .await
        .unwrap();
    let counts = Counts {
        organisations: store.organisations().await.unwrap().len(),
        programmes: programmes.len(),
        cohorts: cohorts.len(),
        participants: store.participants(&cohort.id).await.unwrap().len(),
        consenting: store
            .consenting_participants(&cohort.id, CONSENT_EVALUATION)
            .await
            .unwrap()
            .len(),
        rounds_closed: rounds
            .iter()
            .filter(|r| r.state == RoundState::Closed)
            .count(),
        invitations,
        submitted,
        kpis: store.kpis_for_cohort(&cohort.id).await.unwrap().len(),
        measurements: store
            .kpi_measurements_for_cohort(&cohort.id)
            .await
            .unwrap()
            .len(),
        costs: store.cost_entries(&cohort.id).await.unwrap().len(),
        claims: store.benefit_claims(&cohort.id).await.unwrap().len(),
        intangibles: store.intangible_benefits(&cohort.id).await.unwrap().len(),
        completions: store.cohort_completions(&cohort.id).await.unwrap().len(),
        recipients: store.recipients(1000, 0).await.unwrap().len(),
        credentials: store
            .credentials_of_issuer(&issuer.id, 1000, 0)
            .await
            .unwrap()
            .len(),
        logic_model_entries: store
            .logic_model(&programmes[0].id)
            .await
            .unwrap()
            .map_or(0, |model| model.entries.len()),
    };
    (counts, cohort.id.clone())
}

#[tokio::test]
async fn seeding_twice_gives_the_same_programme_once() {
    let app = app_at(BASE_URL).await;
    seed(&app.state).await.unwrap();
    let (first, cohort_id) = counts(&app).await;
    // Raters per participant: self, manager, 2–3 peers, 2–3 direct reports, 1–2 others —
    // 190 per round for the twenty (see `demo::rounds::raters`).
    let per_round: usize = (0..20)
        .map(|i| 2 + if i % 7 == 3 { 2 } else { 3 } + if i % 4 == 1 { 2 } else { 3 } + 1 + i % 2)
        .sum();
    assert_eq!(
        first,
        Counts {
            organisations: 2,
            programmes: 1,
            cohorts: 1,
            participants: 20,
            consenting: 19,
            rounds_closed: 2,
            invitations: 2 * per_round,
            submitted: 2 * per_round,
            kpis: 5,
            // 0, 3, 6 and 12 months; the 24-month checkpoint is not due.
            measurements: 20,
            costs: 9,
            claims: 18,
            intangibles: 4,
            // Phase 1 has 2 modules, phase 2 has 4, phase 3 has 2: 17 people did all three
            // (8 each), 2 did two (6 each), 1 did the first (2).
            completions: 17 * 8 + 2 * 6 + 2,
            // The issue-3 demo's six learners and the twenty participants.
            recipients: 26,
            // Issue-3 demo: 8. Completions award one achievement per phase of 1–3, so
            // 17 × 3 + 2 × 2 + 1 × 1.
            credentials: 8 + 17 * 3 + 2 * 2 + 1,
            logic_model_entries: 8,
        }
    );
    // No demo invitation mail waits to be sent to the example.com raters.
    let pending = app
        .state
        .store
        .pending_mail(chrono::Utc::now(), 1000)
        .await
        .unwrap();
    assert!(pending.is_empty(), "{} pending mails", pending.len());

    seed(&app.state).await.unwrap();
    let (second, second_cohort) = counts(&app).await;
    assert_eq!(second, first);
    assert_eq!(second_cohort, cohort_id);
}

#[tokio::test]
async fn the_dashboard_shows_kpis_change_diversity_roi_and_credentials() {
    let app = app_at(BASE_URL).await;
    seed(&app.state).await.unwrap();
    let (_, cohort_id) = counts(&app).await;
    let (_, admin) = app.logged_in("admin@example.test", Role::Admin).await;

    let response = app
        .get(
            &format!("/cohorts/{cohort_id}/dashboard.json?lang=en"),
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let value = response.json();
    assert_eq!(value["participantsCounted"], 19, "one never consented");
    assert_eq!(value["cohort"]["sponsorName"], "Hokuto Trading Co., Ltd.");

    // KPIs: the designed statuses, with every due checkpoint measured and month 24 not due.
    let kpis = value["kpis"].as_array().unwrap();
    assert_eq!(kpis.len(), 5);
    let status = |name: &str| {
        kpis.iter()
            .find(|k| k["nameEn"] == name)
            .map(|k| k["overall"].as_str().unwrap().to_owned())
            .unwrap()
    };
    assert_eq!(status("Session satisfaction (mean of 5)"), "onTrack");
    assert_eq!(
        status("Cross-cultural leadership 360° mean score"),
        "onTrack"
    );
    assert_eq!(status("Managers chairing meetings in English"), "atRisk");
    assert_eq!(status("Operating margin of overseas business"), "offTrack");
    assert_eq!(status("Attrition of high-potential managers"), "onTrack");
    for kpi in kpis {
        let checkpoints = kpi["checkpoints"].as_array().unwrap();
        assert_eq!(checkpoints.len(), 5);
        assert_eq!(checkpoints[4]["status"], "notDue");
        assert!(checkpoints[..4].iter().all(|c| c["actual"].is_number()));
    }

    // 360°: a real improvement. Of the 19 consenting participants, the eighteenth (index 17:
    // one manager, two peers, two direct reports, two others) has every rater group below
    // the threshold of three, so only their self-rating exists and they drop out.
    let change = &value["change"]["overall"];
    assert_eq!(change["n"], 18, "{}", value["change"]);
    let diff = change["meanDiff"].as_f64().unwrap();
    assert!(diff > 0.2 && diff < 1.5, "mean difference {diff}");
    assert!(change["postMean"].as_f64().unwrap() > change["preMean"].as_f64().unwrap());
    assert!(
        !value["change"]["competencies"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    // Diversity: nationality shows Japan (nine consenting) and withholds the small pools.
    let diversity = value["diversity"].as_array().unwrap();
    let nationality = diversity
        .iter()
        .find(|d| d["dimension"] == "nationality")
        .unwrap();
    assert_eq!(nationality["categories"][0]["category"], "JP");
    assert_eq!(nationality["categories"][0]["count"], 9);
    assert_eq!(nationality["suppressedPeople"], 10);
    assert!(!value.to_string().contains("\"VN\""), "a singleton leaked");

    // ROI: ¥55.9M of costs (9 ledger lines) against the claims, with a benefit–cost ratio.
    let roi = &value["roi"];
    assert_eq!(roi["totalCostsMinor"], 55_900_000, "{roi}");
    let bcr = roi["report"]["bcr"].as_f64().unwrap();
    assert!(bcr > 0.5 && bcr < 3.0, "bcr {bcr}");

    // Credentials from completions of the consenting participants: 56 issued in all, less
    // the three of the participant who never consented.
    assert_eq!(value["credentials"]["issued"], 53);

    let page = app
        .get(
            &format!("/cohorts/{cohort_id}/dashboard"),
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    for chart in ["chart-kpi", "chart-competency", "chart-roi"] {
        assert!(
            page.body.contains(&format!("class=\"chart {chart}\"")),
            "{chart} missing"
        );
    }
    assert!(page.body.contains("北斗商事 第1期"));
}

#[tokio::test]
async fn the_printed_links_point_at_the_demo_cohort() {
    let app = app_at(BASE_URL).await;
    assert!(
        tsumiki_web::demo::programme::demo_cohort_urls(&app.state)
            .await
            .unwrap()
            .is_empty()
    );
    seed(&app.state).await.unwrap();
    let (_, cohort_id) = counts(&app).await;
    let urls = tsumiki_web::demo::programme::demo_cohort_urls(&app.state)
        .await
        .unwrap();
    assert_eq!(
        urls,
        [
            format!("{BASE_URL}/cohorts/{cohort_id}/dashboard"),
            format!("{BASE_URL}/cohorts/{cohort_id}"),
        ]
    );
    let (_, admin) = app.logged_in("admin@example.test", Role::Admin).await;
    let overview = app
        .get(
            &format!("/cohorts/{cohort_id}?lang=en"),
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(overview.status, StatusCode::OK);
    assert!(overview.body.contains("Global Leadership Programme 2026"));
}

#[tokio::test]
async fn completion_credentials_are_issued_through_the_real_path_and_verify() {
    let app = app_at(BASE_URL).await;
    seed(&app.state).await.unwrap();
    let store = &app.state.store;
    let recipient = store
        .recipient_by_identifier("email", "haruka.sato@example.com")
        .await
        .unwrap()
        .unwrap();
    let records = store.credentials_of_recipient(&recipient.id).await.unwrap();
    // Phases 1–3 each award one achievement.
    assert_eq!(records.len(), 3);
    for record in &records {
        assert!(record.idempotency_key.starts_with("completion:"));
        let path = format!("/c/{}?lang=en", record.id.trim_start_matches("urn:uuid:"));
        let page = app.get(&path, None).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(page.body.contains("The credential was verified."), "{path}");
    }
}
