//! The sponsor dashboard, its exports and the A4 report on the real router: who may read which
//! cohort, that exports hold no suppressed cell and no withdrawn participant, that charts are
//! embedded, and that credentials issued/claimed follow downloads.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod feedback_support;
mod programme_support;
mod web_support;

use axum::http::StatusCode;
use chrono::{NaiveDate, Utc};
use programme_support::{BASE_URL, issuer_with_achievement, organisation};
use tsumiki_programme::{
    Delivery, FacultyRole, Module, ModuleLanguage, Phase, PhaseKind, ProgrammeDesign,
};
use tsumiki_store::{
    CONSENT_EVALUATION, CostAmount, CostCategory, KpiDetails, KpiDirection, KpiLevel,
    LanguageSkill, NewCohort, NewCostEntry, NewKpiMeasurement, NewParticipant, NewProgramme,
    NewRecipient, OrganisationKind, ProgrammeDetails, Role, UserLinks,
};
use web_support::{Browser, TestApp, app_at};

/// A job function held by one consenting participant only: below the threshold of 3, so it
/// must never appear in any view or export.
const LONE_FUNCTION: &str = "Treasury";
/// The job function of a participant who gave no evaluation consent.
const UNCONSENTED_FUNCTION: &str = "Procurement";

struct World {
    app: TestApp,
    admin: Browser,
    cohort_a: String,
    cohort_b: String,
    sponsor_a: String,
    sponsor_b: String,
    /// Participants of cohort A: (participant id, recipient id), consenting first.
    participants: Vec<(String, String)>,
}

async fn world() -> World {
    let app = app_at(BASE_URL).await;
    let (_, admin) = app.logged_in("admin@example.test", Role::Admin).await;
    let store = &app.state.store;
    let (issuer, achievement) = issuer_with_achievement(&app).await;
    let sponsor_a = organisation(&app, "Hokuto Ltd", OrganisationKind::Sponsor).await;
    let sponsor_b = organisation(&app, "Nansei Ltd", OrganisationKind::Sponsor).await;
    let design = ProgrammeDesign {
        phases: vec![Phase {
            kind: PhaseKind::CoreTheory,
            title_ja: "コア理論".to_owned(),
            title_en: "Core theory".to_owned(),
            start_month: 1,
            end_month: 4,
            modules: vec![Module {
                id: "m-awarding".to_owned(),
                title_ja: "異文化リーダーシップ".to_owned(),
                title_en: "Cross-cultural leadership".to_owned(),
                delivery: Delivery::Online,
                language: ModuleLanguage::Bilingual,
                hours: 6.0,
                faculty: vec![FacultyRole::InternationalAcademic],
                achievement_ids: vec![achievement.clone()],
            }],
        }],
    };
    let programme = store
        .create_programme(&NewProgramme {
            provider_id: None,
            title_ja: "グローバル経営者育成".to_owned(),
            title_en: "Global Executive Journey".to_owned(),
            design_json: design.to_json().unwrap(),
            sponsor_ids: vec![sponsor_a.clone(), sponsor_b.clone()],
            template_of: None,
        })
        .await
        .unwrap()
        .id;
    store
        .update_programme_details(
            &programme,
            &ProgrammeDetails {
                provider_id: None,
                title_ja: "グローバル経営者育成".to_owned(),
                title_en: "Global Executive Journey".to_owned(),
                sponsor_ids: vec![sponsor_a.clone(), sponsor_b.clone()],
                issuer_id: Some(issuer.id.clone()),
            },
        )
        .await
        .unwrap();
    let cohort = |sponsor: &str, name: &str| NewCohort {
        programme_id: programme.clone(),
        sponsor_id: Some(sponsor.to_owned()),
        name: name.to_owned(),
        starts_on: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
        ends_on: NaiveDate::from_ymd_opt(2027, 3, 31).unwrap(),
        anonymity_threshold: 3,
        comment_threshold: 5,
    };
    let cohort_a = store
        .create_cohort(&cohort(&sponsor_a, "北斗 2026 春"))
        .await
        .unwrap()
        .id;
    let cohort_b = store
        .create_cohort(&cohort(&sponsor_b, "南西 2026 秋"))
        .await
        .unwrap()
        .id;
    let mut participants = Vec::new();
    let people = [
        ("a1@example.test", "Finance", true),
        ("a2@example.test", "Finance", true),
        ("a3@example.test", "Finance", true),
        ("a4@example.test", LONE_FUNCTION, true),
        ("a5@example.test", UNCONSENTED_FUNCTION, false),
    ];
    for (email, function, consent) in people {
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
                cohort_id: cohort_a.clone(),
                recipient_id: recipient.id.clone(),
                nationality: "JP".to_owned(),
                job_function: function.to_owned(),
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
        participants.push((participant.id, recipient.id));
    }
    let kpi = store
        .create_kpi(
            &cohort_a,
            &KpiDetails {
                name_ja: "海外拠点の管理職比率".to_owned(),
                name_en: "Overseas manager ratio".to_owned(),
                level: KpiLevel::Results,
                owner: "HR".to_owned(),
                baseline: 10.0,
                target: 20.0,
                unit: "%".to_owned(),
                direction: KpiDirection::Increase,
                data_source: "HRIS".to_owned(),
                checkpoints: vec![0, 3, 6, 12],
            },
        )
        .await
        .unwrap();
    store
        .record_kpi_measurement(&NewKpiMeasurement {
            kpi_id: kpi.id,
            checkpoint_month: 0,
            value: 10.0,
            recorded_on: NaiveDate::from_ymd_opt(2026, 4, 2).unwrap(),
            evidence_note: "baseline".to_owned(),
            evidence_url: None,
            recorded_by: None,
        })
        .await
        .unwrap();
    store
        .add_cost_entry(&NewCostEntry {
            cohort_id: cohort_a.clone(),
            category: CostCategory::Faculty,
            description: "講師".to_owned(),
            amount: CostAmount::Fixed(3_000_000),
            created_by: None,
        })
        .await
        .unwrap();
    World {
        app,
        admin,
        cohort_a,
        cohort_b,
        sponsor_a,
        sponsor_b,
        participants,
    }
}

async fn sponsor_viewer(world: &World, email: &str, organisation: Option<&str>) -> Browser {
    let (user, browser) = world.app.logged_in(email, Role::SponsorViewer).await;
    world
        .app
        .state
        .store
        .set_user_links(
            &user.id,
            &UserLinks {
                organisation_id: organisation.map(str::to_owned),
                recipient_id: None,
            },
        )
        .await
        .unwrap();
    browser
}

fn paths(cohort: &str) -> [String; 4] {
    [
        format!("/cohorts/{cohort}/dashboard"),
        format!("/cohorts/{cohort}/dashboard.json"),
        format!("/cohorts/{cohort}/dashboard.csv"),
        format!("/cohorts/{cohort}/report"),
    ]
}

#[tokio::test]
async fn a_sponsor_reads_only_their_own_cohorts() {
    let world = world().await;
    let app = &world.app;
    let own = sponsor_viewer(&world, "a@hokuto.test", Some(&world.sponsor_a)).await;
    let other = sponsor_viewer(&world, "b@nansei.test", Some(&world.sponsor_b)).await;
    let unlinked = sponsor_viewer(&world, "x@nowhere.test", None).await;
    let (_, staff) = app.logged_in("staff@example.test", Role::IssuerStaff).await;
    for path in paths(&world.cohort_a) {
        assert_eq!(
            app.get(&path, Some(&own.cookie)).await.status,
            StatusCode::OK,
            "{path}"
        );
        assert_eq!(
            app.get(&path, Some(&world.admin.cookie)).await.status,
            StatusCode::OK
        );
        for (who, browser) in [
            ("other", &other),
            ("unlinked", &unlinked),
            ("staff", &staff),
        ] {
            let response = app.get(&path, Some(&browser.cookie)).await;
            assert_eq!(response.status, StatusCode::FORBIDDEN, "{who} {path}");
            assert!(!response.body.contains("Finance"), "{who} {path}");
        }
        // Anonymous visitors are sent to the login page.
        assert_eq!(app.get(&path, None).await.status, StatusCode::SEE_OTHER);
    }
    for path in paths("00000000-0000-4000-8000-000000000000") {
        assert_eq!(
            app.get(&path, Some(&own.cookie)).await.status,
            StatusCode::NOT_FOUND
        );
    }
    // The other sponsor reads their own cohort.
    for path in paths(&world.cohort_b) {
        assert_eq!(
            app.get(&path, Some(&other.cookie)).await.status,
            StatusCode::OK
        );
        assert_eq!(
            app.get(&path, Some(&own.cookie)).await.status,
            StatusCode::FORBIDDEN
        );
    }
    // The list shows each sponsor their own cohorts only.
    let list = app.get("/sponsor", Some(&own.cookie)).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains(&world.cohort_a));
    assert!(!list.body.contains(&world.cohort_b));
    let everything = app.get("/sponsor", Some(&world.admin.cookie)).await;
    assert!(everything.body.contains(&world.cohort_a) && everything.body.contains(&world.cohort_b));
    let nothing = app.get("/sponsor?lang=en", Some(&unlinked.cookie)).await;
    assert_eq!(nothing.status, StatusCode::OK);
    assert!(
        nothing
            .body
            .contains("not linked to a sponsor organisation")
    );
    assert_eq!(
        app.get("/sponsor", Some(&staff.cookie)).await.status,
        StatusCode::FORBIDDEN
    );
    // Impact readers see the navigation link; issuer staff do not.
    assert!(list.body.contains("href=\"/sponsor\""));
    assert!(
        list.body.contains("href=\"/selection\""),
        "sponsors may compare programmes"
    );
    let staff_home = app.get("/achievements", Some(&staff.cookie)).await;
    assert!(!staff_home.body.contains("href=\"/sponsor\""));
}

#[tokio::test]
async fn exports_hold_no_suppressed_cell_and_no_unconsented_participant() {
    let world = world().await;
    let app = &world.app;
    let own = sponsor_viewer(&world, "a@hokuto.test", Some(&world.sponsor_a)).await;
    let [page, json, csv, report] = paths(&world.cohort_a);

    let json = app.get(&format!("{json}?lang=en"), Some(&own.cookie)).await;
    assert_eq!(json.status, StatusCode::OK);
    let value = json.json();
    assert_eq!(value["participantsCounted"], 4);
    assert_eq!(value["cohort"]["sponsorName"], "Hokuto Ltd");
    // Finance (3) would reveal the lone Treasury person by subtraction from n = 4, so both
    // are withheld; with nothing left to show, the whole dimension (indices too) is withheld.
    assert!(
        value["diversity"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["dimension"] != "jobFunction")
    );
    assert!(!value.to_string().contains("Treasury"));
    assert!(!value.to_string().contains("Finance"));
    let nationality = &value["diversity"][0];
    assert_eq!(nationality["dimension"], "nationality");
    assert_eq!(nationality["categories"][0]["category"], "JP");
    assert_eq!(nationality["categories"][0]["count"], 4);
    assert_eq!(value["kpis"][0]["checkpoints"][0]["actual"], 10.0);

    let csv = app.get(&format!("{csv}?lang=en"), Some(&own.cookie)).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let mut lines = csv.body.lines();
    assert_eq!(lines.next(), Some("\u{feff}section,metric,dimension,value"));
    assert!(
        csv.body.contains("diversity,count,Nationality | JP,4"),
        "{}",
        csv.body
    );
    assert!(
        !csv.body.contains("Job function"),
        "withheld dimension exported"
    );
    assert!(!csv.body.contains(",-0\r\n"), "negative zero printed");
    assert!(csv.body.contains("cohort,participants_counted,,4"));
    assert!(csv.body.contains("roi,costs,,3000000"));
    assert!(csv.body.contains("roi,cost,faculty,3000000"));

    for body in [&json.body, &csv.body] {
        assert!(!body.contains(LONE_FUNCTION), "suppressed cell leaked");
        assert!(
            !body.contains(UNCONSENTED_FUNCTION),
            "unconsented participant leaked"
        );
    }
    for lang in ["ja", "en"] {
        for path in [&page, &report] {
            let response = app
                .get(&format!("{path}?lang={lang}"), Some(&own.cookie))
                .await;
            assert_eq!(response.status, StatusCode::OK);
            assert!(!response.body.contains(LONE_FUNCTION));
            assert!(!response.body.contains(UNCONSENTED_FUNCTION));
        }
    }
}

#[tokio::test]
async fn dashboard_embeds_charts_and_the_report_prints_in_both_languages() {
    let world = world().await;
    let app = &world.app;
    let own = sponsor_viewer(&world, "a@hokuto.test", Some(&world.sponsor_a)).await;
    let [page, _, _, report] = paths(&world.cohort_a);

    let ja = app.get(&page, Some(&own.cookie)).await;
    assert_eq!(ja.status, StatusCode::OK);
    assert!(ja.body.contains("スポンサー向けダッシュボード"));
    assert!(
        ja.body
            .contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-kpi\"")
    );
    assert!(ja.body.contains("role=\"img\""));
    assert!(ja.body.contains("KPI の推移：海外拠点の管理職比率"));
    assert!(ja.body.contains("chart-roi"));
    // The text table beside the chart carries the same figures.
    assert!(ja.body.contains("<th scope=\"col\">計画値</th>"));
    assert!(ja.body.contains("class=\"mainnav\""));

    let en = app.get(&format!("{page}?lang=en"), Some(&own.cookie)).await;
    assert!(en.body.contains("Sponsor dashboard"));
    assert!(en.body.contains("KPI timeline: Overseas manager ratio"));
    assert!(en.body.contains("3,000,000"));

    for (lang, title) in [
        ("ja", "プログラム効果レポート"),
        ("en", "Programme impact report"),
    ] {
        let printed = app
            .get(&format!("{report}?lang={lang}"), Some(&own.cookie))
            .await;
        assert_eq!(printed.status, StatusCode::OK);
        assert!(printed.body.contains(&format!("<html lang=\"{lang}\">")));
        assert!(printed.body.contains(title));
        assert!(printed.body.contains("class=\"report-a4\""));
        assert!(printed.body.contains("<svg"));
        assert!(
            !printed.body.contains("class=\"mainnav\""),
            "no navigation in print"
        );
        assert!(printed.body.contains(if lang == "ja" {
            "Hokuto Ltd社"
        } else {
            "Hokuto Ltd"
        }));
    }
    // The stylesheet carries the A4 print rules.
    let css = app
        .get(tsumiki_web::pages::assets::stylesheet_path(), None)
        .await;
    assert!(css.body.contains("size: A4"));
}

#[tokio::test]
async fn credentials_issued_and_claimed_follow_downloads_of_consenting_participants() {
    let world = world().await;
    let app = &world.app;
    let own = sponsor_viewer(&world, "a@hokuto.test", Some(&world.sponsor_a)).await;
    let json_path = format!("/cohorts/{}/dashboard.json", world.cohort_a);
    let before = app.get(&json_path, Some(&own.cookie)).await.json();
    assert_eq!(before["credentials"]["issued"], 0);
    assert!(before["credentials"]["claimedShare"].is_null());

    // Completions award the credential: two consenting participants and the unconsented one.
    for index in [0, 1, 4] {
        let (participant, _) = &world.participants[index];
        let cell = format!("{participant}|m-awarding");
        let response = app
            .submit(
                &world.admin,
                &format!("/cohorts/{}/completions", world.cohort_a),
                &[("done", &cell)],
            )
            .await;
        assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    }
    let credential_of = |index: usize| {
        let recipient = world.participants[index].1.clone();
        async move {
            let records = app
                .state
                .store
                .credentials_of_recipient(&recipient)
                .await
                .unwrap();
            assert_eq!(records.len(), 1);
            records[0].id.trim_start_matches("urn:uuid:").to_owned()
        }
    };
    let first = credential_of(0).await;
    let unconsented = credential_of(4).await;
    // Viewing the badge image on the credential page is not a claim; downloading is.
    let embedded = app
        .send(
            axum::http::Request::get(format!("/c/{first}.svg"))
                .header("sec-fetch-dest", "image")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(embedded.status, StatusCode::OK);
    let after_view = app.get(&json_path, Some(&own.cookie)).await.json();
    assert_eq!(after_view["credentials"]["issued"], 2);
    assert_eq!(after_view["credentials"]["claimed"], 0);

    for _ in 0..2 {
        assert_eq!(
            app.get(&format!("/c/{first}.json"), None).await.status,
            StatusCode::OK
        );
    }
    assert_eq!(
        app.get(&format!("/c/{unconsented}.jwt"), None).await.status,
        StatusCode::OK
    );
    let after = app.get(&json_path, Some(&own.cookie)).await.json();
    assert_eq!(after["credentials"]["issued"], 2);
    assert_eq!(after["credentials"]["claimed"], 1);
    assert_eq!(after["credentials"]["claimedShare"], 0.5);
    let claim = app
        .state
        .store
        .credential_claim(&format!("urn:uuid:{first}"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(claim.channel, "json");
}

#[tokio::test]
async fn change_before_and_after_is_charted_and_withheld_below_the_threshold() {
    use feedback_support::{answer, cohort, invite, open_round};
    use tsumiki_store::RoundKind;

    let app = web_support::app().await;
    let (_, admin) = app.logged_in("admin@example.jp", Role::Admin).await;
    let cookie = Some(admin.cookie.as_str());
    // Others' means: A 2→3, B 3→5, C 2→5 (pre mean 7/3, post mean 13/3, change 2).
    let three = cohort(&app, &["A", "B", "C"], None, true).await;
    // Only two people rated in both rounds: below the threshold of 3.
    let two = cohort(&app, &["D", "E"], None, true).await;
    for (fixture, plan) in [
        (&three, vec![(2, 3), (3, 5), (2, 5)]),
        (&two, vec![(2, 4), (3, 4)]),
    ] {
        let pre = open_round(&app, &fixture.cohort_id, RoundKind::Pre, "suppress").await;
        let post = open_round(&app, &fixture.cohort_id, RoundKind::Post, "suppress").await;
        for (index, participant) in fixture.participants.iter().enumerate() {
            let (before, after) = plan[index];
            for rater in 0..3 {
                let email = format!("r{index}-{rater}-{}@example.jp", &fixture.cohort_id[..8]);
                let token = invite(&app, &pre, participant, "peer", &email).await;
                answer(&app, &token, before, "").await;
                let token = invite(&app, &post, participant, "peer", &email).await;
                answer(&app, &token, after, "").await;
            }
        }
    }
    let json = app
        .get(
            &format!("/cohorts/{}/dashboard.json", three.cohort_id),
            cookie,
        )
        .await
        .json();
    let overall = &json["change"]["overall"];
    assert_eq!(overall["n"], 3);
    assert!((overall["preMean"].as_f64().unwrap() - 7.0 / 3.0).abs() < 1e-9);
    assert!((overall["postMean"].as_f64().unwrap() - 13.0 / 3.0).abs() < 1e-9);
    assert!((overall["meanDiff"].as_f64().unwrap() - 2.0).abs() < 1e-9);
    let competencies = json["change"]["competencies"].as_array().unwrap();
    assert!(!competencies.is_empty());
    assert_eq!(json["change"]["withheld"], 0);
    let page = app
        .get(
            &format!("/cohorts/{}/dashboard?lang=en", three.cohort_id),
            cookie,
        )
        .await;
    assert!(page.body.contains("class=\"chart chart-competency\""));
    assert!(
        page.body
            .contains("Competency ratings before and after the programme")
    );
    assert!(
        page.body
            .contains("<td>2.33</td><td>4.33</td><td>+2.00</td>"),
        "{}",
        page.body
    );
    let csv = app
        .get(
            &format!("/cohorts/{}/dashboard.csv?lang=en", three.cohort_id),
            cookie,
        )
        .await;
    assert!(
        csv.body.contains("change,mean_diff,All competencies,2\r\n"),
        "{}",
        csv.body
    );

    let withheld = app
        .get(
            &format!("/cohorts/{}/dashboard.json", two.cohort_id),
            cookie,
        )
        .await
        .json();
    assert!(withheld["change"]["overall"].is_null(), "{withheld}");
    assert_eq!(withheld["change"]["competencies"], serde_json::json!([]));
    assert!(withheld["change"]["withheld"].as_u64().unwrap() > 0);
    assert!(!withheld.to_string().contains("preMean"));
    // Two consenting participants are below the threshold: no credential figures either.
    assert!(withheld["credentials"].is_null());
    let csv = app
        .get(&format!("/cohorts/{}/dashboard.csv", two.cohort_id), cookie)
        .await;
    assert!(!csv.body.contains("change,"));
}
