//! Logic model, KPI register, cost ledger, ROI and diversity pages on the real router: statuses
//! computed and shown, ROI figures equal to a hand computation, small cells suppressed,
//! withdrawn consent dropping a participant, and who may see or change what.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod web_support;

use axum::http::StatusCode;
use chrono::{NaiveDate, Utc};
use tsumiki_impact::kpi::Status;
use tsumiki_store::{
    CONSENT_EVALUATION, LanguageSkill, NewCohort, NewOrganisation, NewParticipant, NewProgramme,
    NewRecipient, OrganisationKind, Role, UserLinks,
};
use tsumiki_web::analytics::diversity::{Dimension, cohort_diversity};
use tsumiki_web::analytics::kpis::cohort_kpis;
use tsumiki_web::analytics::roi::cohort_roi;
use web_support::{Browser, TestApp, app};

struct World {
    app: TestApp,
    admin: Browser,
    programme: String,
    cohort: String,
    sponsor: String,
    other_sponsor: String,
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

async fn world() -> World {
    let app = app().await;
    let (_, admin) = app.logged_in("admin@example.test", Role::Admin).await;
    let store = &app.state.store;
    let organisation = |en: &str| NewOrganisation {
        name_ja: format!("{en}社"),
        name_en: en.to_owned(),
        kind: OrganisationKind::Sponsor,
    };
    let sponsor = store
        .create_organisation(&organisation("Hokuto"))
        .await
        .unwrap()
        .id;
    let other_sponsor = store
        .create_organisation(&organisation("Nansei"))
        .await
        .unwrap()
        .id;
    let programme = store
        .create_programme(&NewProgramme {
            provider_id: None,
            title_ja: "次世代経営者育成".to_owned(),
            title_en: "Next-generation executives".to_owned(),
            design_json: "{\"phases\":[]}".to_owned(),
            sponsor_ids: vec![sponsor.clone()],
            template_of: None,
        })
        .await
        .unwrap()
        .id;
    // Started long ago, so every unmeasured checkpoint is overdue whatever today is.
    let cohort = store
        .create_cohort(&NewCohort {
            programme_id: programme.clone(),
            sponsor_id: Some(sponsor.clone()),
            name: "北斗 2020".to_owned(),
            starts_on: date(2020, 1, 15),
            ends_on: date(2020, 12, 15),
            anonymity_threshold: 3,
            comment_threshold: 5,
        })
        .await
        .unwrap()
        .id;
    World {
        app,
        admin,
        programme,
        cohort,
        sponsor,
        other_sponsor,
    }
}

/// Enrols a participant with `nationality` and returns their participant id.
async fn enrol(world: &World, email: &str, nationality: &str, consent: bool) -> String {
    let store = &world.app.state.store;
    let (recipient, _) = store
        .create_recipient(NewRecipient {
            display_name: email.to_owned(),
            did: None,
            identifiers: vec![("email".to_owned(), email.to_owned())],
        })
        .await
        .unwrap();
    let participant = store
        .enroll_participant(&NewParticipant {
            cohort_id: world.cohort.clone(),
            recipient_id: recipient.id,
            nationality: nationality.to_owned(),
            job_function: "Finance".to_owned(),
            industry: "Manufacturing".to_owned(),
            role_level: "Director".to_owned(),
            languages: vec![LanguageSkill {
                language: "ja".to_owned(),
                proficiency: "native".to_owned(),
            }],
            gender: None,
        })
        .await
        .unwrap();
    if consent {
        store
            .record_consent(&participant.id, CONSENT_EVALUATION, Utc::now())
            .await
            .unwrap();
    }
    participant.id
}

async fn sponsor_viewer(world: &World, email: &str, organisation: &str) -> Browser {
    let (user, browser) = world.app.logged_in(email, Role::SponsorViewer).await;
    world
        .app
        .state
        .store
        .set_user_links(
            &user.id,
            &UserLinks {
                organisation_id: Some(organisation.to_owned()),
                recipient_id: None,
            },
        )
        .await
        .unwrap();
    browser
}

const KPI_FIELDS: &[(&str, &str)] = &[
    ("name_ja", "エンゲージメント"),
    ("name_en", "Engagement"),
    ("level", "behaviour"),
    ("owner", "人事部長"),
    ("baseline", "50"),
    ("target", "70"),
    ("unit", "%"),
    ("direction", "increase"),
    ("data_source", "社内サーベイ"),
    ("checkpoints", "0, 3, 6, 12, 24"),
];

#[tokio::test]
async fn kpi_status_is_computed_per_checkpoint_and_overdue_is_flagged() {
    let world = world().await;
    let (app, admin, cohort) = (&world.app, &world.admin, &world.cohort);
    let created = app
        .submit(admin, &format!("/cohorts/{cohort}/kpis"), KPI_FIELDS)
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let kpi = app.state.store.kpis_for_cohort(cohort).await.unwrap()[0]
        .id
        .clone();
    let record = |month: &'static str, value: &'static str| {
        let path = format!("/cohorts/{cohort}/kpis/{kpi}/measurements");
        async move {
            app.submit(
                admin,
                &path,
                &[
                    ("checkpoint_month", month),
                    ("value", value),
                    ("recorded_on", "2020-04-20"),
                    ("evidence_note", "2020 年 4 月 社内サーベイ"),
                    ("evidence_url", "https://hr.example.test/survey/2020-04"),
                ],
            )
            .await
        }
    };
    assert_eq!(record("0", "50").await.status, StatusCode::SEE_OTHER);
    // Expected at month 3: 50 + (70 − 50) × 3/24 = 52.5; 52 falls short by 0.5, within the
    // at-risk band of 10 % × 20 = 2.
    assert_eq!(record("3", "52").await.status, StatusCode::SEE_OTHER);
    // Month 5 is not a checkpoint of this KPI.
    let refused = record("5", "60").await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);

    let cohort_row = app.state.store.cohort(cohort).await.unwrap().unwrap();
    let views = cohort_kpis(&app.state, &cohort_row, date(2022, 6, 1))
        .await
        .unwrap();
    let statuses: Vec<(u32, Status, String)> = views[0]
        .checkpoints
        .iter()
        .map(|c| (c.month, c.status, c.due.clone()))
        .collect();
    assert_eq!(
        statuses,
        [
            (0, Status::OnTrack, "2020-01-15".to_owned()),
            (3, Status::AtRisk, "2020-04-15".to_owned()),
            (6, Status::Overdue, "2020-07-15".to_owned()),
            (12, Status::Overdue, "2021-01-15".to_owned()),
            (24, Status::Overdue, "2022-01-15".to_owned()),
        ]
    );
    assert_eq!(views[0].overdue, 3);
    assert_eq!(views[0].overall, Status::Overdue);
    assert_eq!(views[0].checkpoints[1].expected, 52.5);
    assert_eq!(
        views[0].checkpoints[1].evidence_url.as_deref(),
        Some("https://hr.example.test/survey/2020-04")
    );
    // Before the month-12 due date only month 6 is overdue.
    let earlier = cohort_kpis(&app.state, &cohort_row, date(2020, 10, 1))
        .await
        .unwrap();
    assert_eq!(earlier[0].overdue, 1);
    assert_eq!(earlier[0].checkpoints[3].status, Status::NotDue);

    let page = app
        .get(
            &format!("/cohorts/{cohort}/kpis?lang=en"),
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("data-overdue=\"3\""), "{}", page.body);
    assert!(page.body.contains("3 checkpoints are past due"));
    assert!(page.body.contains(">At risk<"));
    assert!(page.body.contains("2020 年 4 月 社内サーベイ"));
    let ja = app
        .get(
            &format!("/cohorts/{cohort}/kpis?lang=ja"),
            Some(&admin.cookie),
        )
        .await;
    assert!(ja.body.contains("要注意"));
    assert!(ja.body.contains("期限切れ"));

    // Editing the KPI moves the line: target 54 makes month 3 expect 50.5, so 52 is on track.
    let mut edited = KPI_FIELDS.to_vec();
    edited[5] = ("target", "54");
    let saved = app
        .submit(admin, &format!("/cohorts/{cohort}/kpis/{kpi}"), &edited)
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let views = cohort_kpis(&app.state, &cohort_row, date(2022, 6, 1))
        .await
        .unwrap();
    assert_eq!(views[0].checkpoints[1].status, Status::OnTrack);
}

#[tokio::test]
async fn roi_matches_a_hand_computation() {
    let world = world().await;
    let (app, admin, cohort) = (&world.app, &world.admin, &world.cohort);
    let answering = enrol(&world, "p1@example.test", "JP", true).await;
    let silent = enrol(&world, "p2@example.test", "JP", true).await;
    let unconsented = enrol(&world, "p3@example.test", "JP", false).await;

    let empty = app
        .get(
            &format!("/cohorts/{cohort}/roi?lang=en"),
            Some(&admin.cookie),
        )
        .await;
    assert!(empty.body.contains("The cost ledger is empty"));

    let post = |path: &'static str, fields: Vec<(&'static str, String)>| {
        let path = format!("/cohorts/{cohort}/{path}");
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.submit(admin, &path, &fields).await
        }
    };
    let cost = |category: &str, amount: &str, hours: &str, rate: &str| {
        vec![
            ("category", category.to_owned()),
            ("description", "明細".to_owned()),
            ("amount", amount.to_owned()),
            ("hours", hours.to_owned()),
            ("hourly_rate", rate.to_owned()),
        ]
    };
    assert_eq!(
        post("costs", cost("faculty", "1,000,000", "", ""))
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    // 10 h × ¥5,000 = ¥50,000, computed, never typed.
    assert_eq!(
        post("costs", cost("participant_time", "", "10", "5000"))
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let bad = post("costs", cost("faculty", "12.5", "", "")).await;
    assert_eq!(
        bad.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "no fractional yen"
    );
    assert!(
        bad.body.contains("name=\"amount\" value=\"12.5\""),
        "the refused value is shown again"
    );
    let claim = |participant: &str, value: &str, isolation: &str, confidence: &str| {
        vec![
            ("participant_id", participant.to_owned()),
            ("description", "意思決定の迅速化".to_owned()),
            ("annual_value", value.to_owned()),
            ("isolation_percent", isolation.to_owned()),
            ("confidence_percent", confidence.to_owned()),
        ]
    };
    // ¥2,000,000 × 50 % × 80 % = ¥800,000.
    let answer = post("benefits", claim(&answering, "2000000", "50", "80")).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let mut no_answer = claim(&silent, "", "", "");
    no_answer.push(("non_respondent", "1".to_owned()));
    assert_eq!(
        post("benefits", no_answer).await.status,
        StatusCode::SEE_OTHER
    );
    // Without evaluation consent: stored, but never counted.
    let ignored = post("benefits", claim(&unconsented, "10000000", "100", "100")).await;
    assert_eq!(ignored.status, StatusCode::SEE_OTHER);
    let over = post("benefits", claim(&answering, "1", "101", "50")).await;
    assert_eq!(over.status, StatusCode::UNPROCESSABLE_ENTITY);
    let intangible = post(
        "intangibles",
        vec![
            ("text_ja", "部門を越えた信頼関係".to_owned()),
            ("text_en", "Trust across divisions".to_owned()),
        ],
    )
    .await;
    assert_eq!(intangible.status, StatusCode::SEE_OTHER);

    let ledger = app
        .get(
            &format!("/cohorts/{cohort}/costs?lang=en"),
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(ledger.status, StatusCode::OK);
    assert!(
        ledger.body.contains("data-total>1,050,000<"),
        "{}",
        ledger.body
    );
    assert!(
        ledger.body.contains(">800,000<"),
        "adjusted value of the claim"
    );
    assert!(ledger.body.contains("No consent (left out)"));

    // Costs 1,050,000; benefits (1 year) 800,000.
    // BCR = 800,000 / 1,050,000 = 0.7619…; ROI = −250,000 / 1,050,000 = −23.809… %;
    // payback = 1,050,000 / (800,000 / 12) = 15.75 months.
    let cohort_row = app.state.store.cohort(cohort).await.unwrap().unwrap();
    let view = cohort_roi(&app.state, &cohort_row).await.unwrap().unwrap();
    assert_eq!(view.total_costs_minor, 1_050_000);
    assert_eq!(view.report.costs, 1_050_000.0);
    assert_eq!(view.report.benefits, 800_000.0);
    assert!((view.report.bcr - 800_000.0 / 1_050_000.0).abs() < 1e-12);
    assert!((view.report.roi_percent - (-250_000.0 / 1_050_000.0 * 100.0)).abs() < 1e-9);
    assert!((view.report.payback_months.unwrap() - 15.75).abs() < 1e-9);
    assert_eq!(view.report.respondents, 1);
    assert_eq!(view.report.non_respondents, 1);
    assert_eq!(view.claims_without_consent, 1);
    assert_eq!(view.report.sensitivity.len(), 27);
    // Isolation and confidence both halved, one year: 2,000,000 × 0.25 × 0.40 = 200,000.
    let halved = view
        .report
        .sensitivity
        .iter()
        .find(|r| r.horizon_years == 1 && r.isolation_factor == 0.5 && r.confidence_factor == 0.5)
        .unwrap();
    assert!((halved.benefits - 200_000.0).abs() < 1e-6);

    let page = app
        .get(
            &format!("/cohorts/{cohort}/roi?lang=en"),
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("data-figure=\"bcr\">0.76<"),
        "{}",
        page.body
    );
    assert!(page.body.contains("data-figure=\"roi\">-23.8 %<"));
    assert!(
        page.body.contains("data-figure=\"payback\">15.75 months<"),
        "{}",
        page.body
    );
    assert!(page.body.contains("data-figure=\"costs\">1,050,000 JPY<"));
    assert!(page.body.contains("Trust across divisions"));

    // Three years of benefit: 2,400,000; BCR 2.2857…; ROI 128.57… %; payback unchanged.
    let horizon = post(
        "costs/settings",
        vec![
            ("currency", "JPY".to_owned()),
            ("horizon_years", "3".to_owned()),
        ],
    )
    .await;
    assert_eq!(horizon.status, StatusCode::SEE_OTHER);
    let page = app
        .get(
            &format!("/cohorts/{cohort}/roi?lang=en"),
            Some(&admin.cookie),
        )
        .await;
    assert!(
        page.body.contains("data-figure=\"bcr\">2.29<"),
        "{}",
        page.body
    );
    assert!(page.body.contains("data-figure=\"roi\">128.6 %<"));
    assert!(
        page.body
            .contains("data-figure=\"benefits\">2,400,000 JPY<")
    );
    assert!(page.body.contains("data-figure=\"payback\">15.75 months<"));
}

#[tokio::test]
async fn small_cells_are_suppressed_and_withdrawn_participants_drop_out() {
    let world = world().await;
    let (app, admin, cohort) = (&world.app, &world.admin, &world.cohort);
    for i in 0..4 {
        enrol(&world, &format!("jp{i}@example.test"), "JP", true).await;
    }
    let mut americans = Vec::new();
    for i in 0..3 {
        americans.push(enrol(&world, &format!("us{i}@example.test"), "US", true).await);
    }
    // One French participant: a cell of one, below the threshold of 3. Hiding only that cell
    // would let n − 4 − 3 reveal it, so the next smallest (US, 3) is hidden with it.
    enrol(&world, "fr@example.test", "FR", true).await;
    // Not consenting: never counted.
    enrol(&world, "de@example.test", "DE", false).await;

    let cohort_row = app.state.store.cohort(cohort).await.unwrap().unwrap();
    let view = cohort_diversity(&app.state, &cohort_row).await.unwrap();
    assert_eq!(view.n, 8);
    let nationality = view
        .dimensions
        .iter()
        .find(|d| d.dimension == Dimension::Nationality)
        .unwrap()
        .figures
        .as_ref()
        .unwrap();
    let shown: Vec<(Option<&str>, Option<usize>)> = nationality
        .categories
        .iter()
        .map(|c| (c.category.as_deref(), c.count))
        .collect();
    // US and FR are published as one pool of 4.
    assert_eq!(shown, [(Some("JP"), Some(4)), (None, None)]);
    assert_eq!(nationality.suppressed_count, 4);
    // Blau of the published table (JP 4, pool 4 of 8): 1 − (16 + 16)/64 = 32/64; the
    // whole group's 38/64 (JP 4, US 3, FR 1) would give the hidden split away.
    assert!((nationality.blau - 32.0 / 64.0).abs() < 1e-12);
    let gender = view
        .dimensions
        .iter()
        .find(|d| d.dimension == Dimension::Gender)
        .unwrap()
        .figures
        .as_ref()
        .unwrap();
    assert_eq!(gender.categories[0].category.as_deref(), Some("not-stated"));
    assert_eq!(gender.categories[0].count, Some(8));
    let export = serde_json::to_string(&view).unwrap();
    for hidden in ["\"US\"", "\"FR\"", "\"DE\""] {
        assert!(!export.contains(hidden), "{hidden} leaked into {export}");
    }

    let page = app
        .get(
            &format!("/cohorts/{cohort}/diversity?lang=en"),
            Some(&admin.cookie),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Counted: 8 participants"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("<th scope=\"row\">JP</th><td class=\"num\">4</td>")
    );
    assert!(page.body.contains("fewer than 3 or withheld"));
    for hidden in [">US<", ">FR<", ">DE<"] {
        assert!(!page.body.contains(hidden), "{hidden} shown");
    }
    assert!(page.body.contains(">Not stated<"));

    // One American participant withdraws: 7 counted; US (2) and FR (1) are both small now and
    // together hold 3 people, so nothing else needs hiding and JP stays shown.
    app.state
        .store
        .withdraw_consent(&americans[0], CONSENT_EVALUATION, Utc::now())
        .await
        .unwrap();
    let page = app
        .get(
            &format!("/cohorts/{cohort}/diversity?lang=en"),
            Some(&admin.cookie),
        )
        .await;
    assert!(
        page.body.contains("Counted: 7 participants"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("<th scope=\"row\">JP</th><td class=\"num\">4</td>")
    );
    let view = cohort_diversity(&app.state, &cohort_row).await.unwrap();
    assert_eq!(view.n, 7);
    let nationality = view.dimensions[0].figures.as_ref().unwrap();
    assert_eq!(nationality.suppressed_count, 3);
    // Published: JP 4 and a pool of 3 (US 2, FR 1) of 7: 1 − (16 + 9)/49 = 24/49.
    assert!((nationality.blau - 24.0 / 49.0).abs() < 1e-12);

    // Fewer people than the threshold: nothing but the count is shown.
    let store = &app.state.store;
    for p in store.participants(cohort).await.unwrap() {
        store
            .withdraw_consent(&p.id, CONSENT_EVALUATION, Utc::now())
            .await
            .unwrap();
    }
    for p in store.participants(cohort).await.unwrap().iter().take(2) {
        store
            .record_consent(&p.id, CONSENT_EVALUATION, Utc::now())
            .await
            .unwrap();
    }
    let view = cohort_diversity(&app.state, &cohort_row).await.unwrap();
    assert_eq!(view.n, 2);
    assert!(view.dimensions.iter().all(|d| d.figures.is_none()));
    let page = app
        .get(
            &format!("/cohorts/{cohort}/diversity?lang=en"),
            Some(&admin.cookie),
        )
        .await;
    assert!(
        page.body
            .contains("Fewer people are counted than the anonymity threshold")
    );
    assert!(!page.body.contains(">JP<"));
}

#[tokio::test]
async fn logic_model_is_edited_as_lines_and_shown_per_language() {
    let world = world().await;
    let (app, admin, programme) = (&world.app, &world.admin, &world.programme);
    let path = format!("/programmes/{programme}/logic-model");
    let empty = app
        .get(&format!("{path}?lang=en"), Some(&admin.cookie))
        .await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(empty.body.contains("No logic model yet."));
    let saved = app
        .submit(
            admin,
            &path,
            &[
                ("inputs", "講師陣 | Faculty\n予算 | Budget"),
                ("activities", "合宿研修 | Residential"),
                ("outputs", ""),
                ("outcomes", "意思決定の質 | Decision quality"),
                ("impact", "企業価値 | Enterprise value"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let en = app
        .get(&format!("{path}?lang=en"), Some(&admin.cookie))
        .await;
    assert!(en.body.contains("<li>Faculty</li>"), "{}", en.body);
    assert!(
        en.body
            .contains("講師陣 | Faculty\n予算 | Budget</textarea>")
    );
    let ja = app
        .get(&format!("{path}?lang=ja"), Some(&admin.cookie))
        .await;
    assert!(ja.body.contains("<li>講師陣</li>"));
    let model = app
        .state
        .store
        .logic_model(programme)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(model.entries.len(), 5);

    // The sponsor of the programme reads it without the form; another sponsor may not.
    let own = sponsor_viewer(&world, "own@example.test", &world.sponsor).await;
    let page = app.get(&path, Some(&own.cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("<textarea"));
    let refused = app.submit(&own, &path, &[("inputs", "x")]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let other = sponsor_viewer(&world, "other@example.test", &world.other_sponsor).await;
    assert_eq!(
        app.get(&path, Some(&other.cookie)).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn roles_decide_who_reads_and_who_writes() {
    let world = world().await;
    let (app, cohort) = (&world.app, &world.cohort);
    let pages = ["kpis", "costs", "roi", "diversity"];
    let (_, manager) = app
        .logged_in("manager@example.test", Role::ProgrammeManager)
        .await;
    for page in pages {
        let response = app
            .get(&format!("/cohorts/{cohort}/{page}"), Some(&manager.cookie))
            .await;
        assert_eq!(response.status, StatusCode::OK, "manager on {page}");
    }
    for role in [Role::Viewer, Role::IssuerStaff, Role::Participant] {
        let (_, browser) = app
            .logged_in(&format!("{}@example.test", role.as_str()), role)
            .await;
        for page in pages {
            let response = app
                .get(&format!("/cohorts/{cohort}/{page}"), Some(&browser.cookie))
                .await;
            assert_eq!(response.status, StatusCode::FORBIDDEN, "{role:?} on {page}");
        }
    }
    let (_, faculty) = app.logged_in("faculty@example.test", Role::Faculty).await;
    for (page, expected) in [
        ("kpis", StatusCode::OK),
        ("roi", StatusCode::OK),
        ("diversity", StatusCode::OK),
        ("costs", StatusCode::FORBIDDEN),
    ] {
        let response = app
            .get(&format!("/cohorts/{cohort}/{page}"), Some(&faculty.cookie))
            .await;
        assert_eq!(response.status, expected, "faculty on {page}");
    }

    // The cohort's own sponsor reads KPIs, ROI and diversity, and records measurements, but
    // neither defines KPIs nor opens the ledger; another sponsor reads nothing.
    let own = sponsor_viewer(&world, "own@example.test", &world.sponsor).await;
    for (page, expected) in [
        ("kpis", StatusCode::OK),
        ("roi", StatusCode::OK),
        ("diversity", StatusCode::OK),
        ("costs", StatusCode::FORBIDDEN),
    ] {
        let response = app
            .get(&format!("/cohorts/{cohort}/{page}"), Some(&own.cookie))
            .await;
        assert_eq!(response.status, expected, "own sponsor on {page}");
    }
    let define = app
        .submit(&own, &format!("/cohorts/{cohort}/kpis"), KPI_FIELDS)
        .await;
    assert_eq!(define.status, StatusCode::FORBIDDEN);
    let add_cost = app
        .submit(
            &own,
            &format!("/cohorts/{cohort}/costs"),
            &[("category", "faculty"), ("amount", "1")],
        )
        .await;
    assert_eq!(add_cost.status, StatusCode::FORBIDDEN);
    assert!(
        app.state
            .store
            .cost_entries(cohort)
            .await
            .unwrap()
            .is_empty()
    );

    let created = app
        .submit(&manager, &format!("/cohorts/{cohort}/kpis"), KPI_FIELDS)
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER);
    let kpi = app.state.store.kpis_for_cohort(cohort).await.unwrap()[0]
        .id
        .clone();
    let measurement = [
        ("checkpoint_month", "0"),
        ("value", "51"),
        ("recorded_on", "2020-01-31"),
        ("evidence_note", "人事システム"),
    ];
    let path = format!("/cohorts/{cohort}/kpis/{kpi}/measurements");
    assert_eq!(
        app.submit(&own, &path, &measurement).await.status,
        StatusCode::SEE_OTHER
    );
    let other = sponsor_viewer(&world, "other@example.test", &world.other_sponsor).await;
    for page in pages {
        let response = app
            .get(&format!("/cohorts/{cohort}/{page}"), Some(&other.cookie))
            .await;
        assert_eq!(
            response.status,
            StatusCode::FORBIDDEN,
            "other sponsor on {page}"
        );
    }
    assert_eq!(
        app.submit(&other, &path, &measurement).await.status,
        StatusCode::FORBIDDEN
    );
    // Without the CSRF token nothing is written.
    let forged = app
        .post_form(&path, Some(&manager.cookie), &measurement)
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    // A KPI id of another cohort is not found through this one.
    let elsewhere = app
        .state
        .store
        .create_cohort(&NewCohort {
            programme_id: world.programme.clone(),
            sponsor_id: None,
            name: "別コホート".to_owned(),
            starts_on: date(2021, 1, 1),
            ends_on: date(2021, 6, 30),
            anonymity_threshold: 3,
            comment_threshold: 5,
        })
        .await
        .unwrap()
        .id;
    let wrong = app
        .submit(
            &manager,
            &format!("/cohorts/{elsewhere}/kpis/{kpi}/measurements"),
            &measurement,
        )
        .await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
    // The programme's KPI index lists only the cohorts the reader may open.
    let index = format!("/programmes/{}/kpis?lang=en", world.programme);
    let own_index = app.get(&index, Some(&own.cookie)).await;
    assert_eq!(own_index.status, StatusCode::OK);
    assert!(own_index.body.contains("北斗 2020"), "{}", own_index.body);
    assert!(!own_index.body.contains("別コホート"));
    let other_index = app.get(&index, Some(&other.cookie)).await;
    assert_eq!(other_index.status, StatusCode::OK);
    assert!(!other_index.body.contains("北斗 2020"));
    let manager_index = app.get(&index, Some(&manager.cookie)).await;
    assert!(manager_index.body.contains("別コホート"));
    // Anonymous visitors are sent to the login page.
    let anonymous = app.get(&format!("/cohorts/{cohort}/kpis"), None).await;
    assert!(anonymous.status.is_redirection() || anonymous.status == StatusCode::UNAUTHORIZED);
}
