//! Choosing a programme on the real router: a sponsor creates a comparison, weights the seven
//! criteria, adds our programme and an external one, scores them with evidence and reads the
//! weighted ranking; another sponsor cannot see or touch it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod web_support;

use axum::http::StatusCode;
use tsumiki_store::{NewOrganisation, NewProgramme, OrganisationKind, Role, UserLinks};
use web_support::{Browser, TestApp, app};

struct World {
    app: TestApp,
    programme: String,
    own: Browser,
    other: Browser,
    own_org: String,
}

async fn sponsor(app: &TestApp, email: &str, name: &str) -> (String, Browser) {
    let organisation = app
        .state
        .store
        .create_organisation(&NewOrganisation {
            name_ja: format!("{name}株式会社"),
            name_en: format!("{name} Corp."),
            kind: OrganisationKind::Sponsor,
        })
        .await
        .unwrap()
        .id;
    let (user, browser) = app.logged_in(email, Role::SponsorViewer).await;
    app.state
        .store
        .set_user_links(
            &user.id,
            &UserLinks {
                organisation_id: Some(organisation.clone()),
                recipient_id: None,
            },
        )
        .await
        .unwrap();
    (organisation, browser)
}

async fn world() -> World {
    let app = app().await;
    let programme = app
        .state
        .store
        .create_programme(&NewProgramme {
            provider_id: None,
            title_ja: "グローバル経営者育成".to_owned(),
            title_en: "Global Executive Journey".to_owned(),
            design_json: "{\"phases\":[]}".to_owned(),
            sponsor_ids: vec![],
            template_of: None,
        })
        .await
        .unwrap()
        .id;
    let (own_org, own) = sponsor(&app, "a@hokuto.test", "北斗").await;
    let (_, other) = sponsor(&app, "b@nansei.test", "南西").await;
    World {
        app,
        programme,
        own,
        other,
        own_org,
    }
}

async fn create_set(world: &World, title: &str) -> String {
    let created = world
        .app
        .submit(&world.own, "/selection", &[("title", title)])
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    created
        .location()
        .unwrap()
        .strip_prefix("/selection/")
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_sponsor_weights_scores_and_ranks_candidates() {
    let world = world().await;
    let app = &world.app;
    let set = create_set(&world, "2027年度 選抜研修").await;
    let stored = app.state.store.selection_set(&set).await.unwrap().unwrap();
    assert_eq!(
        stored.organisation_id, world.own_org,
        "a sponsor's own organisation"
    );

    let page = app
        .get(&format!("/selection/{set}"), Some(&world.own.cookie))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    for criterion in [
        "戦略との整合",
        "修了証の認知度",
        "言語・ファシリテーション支援",
    ] {
        assert!(page.body.contains(criterion), "{criterion}");
    }
    assert!(page.body.contains("name=\"csrf_token\""));

    // Weights: strategy counts three times, diversity not at all.
    let mut weights: Vec<(&str, &str)> = vec![
        ("w_strategic_alignment", "3"),
        ("w_applied_components", "1"),
        ("w_cohort_diversity", "0"),
        ("w_language_support", "1"),
        ("w_measurement_plan", "1"),
        ("w_post_programme_support", "1"),
        ("w_credential_recognition", "1"),
    ];
    let saved = app
        .submit(&world.own, &format!("/selection/{set}/weights"), &weights)
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    weights[0].1 = "11";
    let refused = app
        .submit(&world.own, &format!("/selection/{set}/weights"), &weights)
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Candidates: ours, and an external one; a `javascript:` URL is refused.
    let ours = app
        .submit(
            &world.own,
            &format!("/selection/{set}/candidates"),
            &[("programme_id", world.programme.as_str())],
        )
        .await;
    assert_eq!(ours.status, StatusCode::SEE_OTHER, "{}", ours.body);
    let bad = app
        .submit(
            &world.own,
            &format!("/selection/{set}/candidates"),
            &[("name", "Evil"), ("url", "javascript:alert(1)")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let external = app
        .submit(
            &world.own,
            &format!("/selection/{set}/candidates"),
            &[
                ("name", "Advanced Management <Program>"),
                ("provider", "Example Business School"),
                ("url", "https://example.edu/amp"),
            ],
        )
        .await;
    assert_eq!(external.status, StatusCode::SEE_OTHER);
    let candidates = app.state.store.selection_candidates(&set).await.unwrap();
    assert_eq!(candidates.len(), 2);
    let (ours, external) = (&candidates[0].id, &candidates[1].id);

    // Ours: 5 on strategy, 3 elsewhere → (3·5 + 5·3) / 8 = 3.75.
    // External: 4 everywhere → 4.00; ranked first.
    let score = |value: &'static str, strategy: &'static str| {
        vec![
            ("s_strategic_alignment", strategy),
            ("e_strategic_alignment", "中期経営計画の海外展開に直結"),
            ("s_applied_components", value),
            ("s_cohort_diversity", value),
            ("s_language_support", value),
            ("s_measurement_plan", value),
            ("s_post_programme_support", value),
            ("s_credential_recognition", value),
        ]
    };
    for (candidate, fields) in [(ours, score("3", "5")), (external, score("4", "4"))] {
        let response = app
            .submit(
                &world.own,
                &format!("/selection/{set}/candidates/{candidate}/scores"),
                &fields,
            )
            .await;
        assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    }
    let out_of_range = app
        .submit(
            &world.own,
            &format!("/selection/{set}/candidates/{ours}/scores"),
            &[("s_measurement_plan", "6")],
        )
        .await;
    assert_eq!(out_of_range.status, StatusCode::UNPROCESSABLE_ENTITY);

    let page = app
        .get(
            &format!("/selection/{set}?lang=en"),
            Some(&world.own.cookie),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Global Executive Journey"));
    assert!(
        page.body.contains("Advanced Management &#60;Program&#62;"),
        "{}",
        page.body
    );
    assert!(page.body.contains("<strong>3.75</strong>"), "{}", page.body);
    assert!(page.body.contains("<strong>4.00</strong>"));
    assert!(page.body.contains("中期経営計画の海外展開に直結"));
    let ranks: Vec<&str> = page
        .body
        .split("<td class=\"sp-rank\">")
        .skip(1)
        .map(|rest| &rest[..rest.find('<').unwrap()])
        .collect();
    assert_eq!(ranks, ["2", "1"]);

    let list = app.get("/selection", Some(&world.own.cookie)).await;
    assert!(list.body.contains("2027年度 選抜研修"));
}

#[tokio::test]
async fn another_sponsor_can_neither_see_nor_change_a_comparison() {
    let world = world().await;
    let app = &world.app;
    let set = create_set(&world, "秘密の比較").await;
    let list = app.get("/selection", Some(&world.other.cookie)).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(!list.body.contains("秘密の比較"));
    let page = app
        .get(&format!("/selection/{set}"), Some(&world.other.cookie))
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    let weights = app
        .submit(
            &world.other,
            &format!("/selection/{set}/weights"),
            &[("w_strategic_alignment", "9")],
        )
        .await;
    assert_eq!(weights.status, StatusCode::NOT_FOUND);
    let candidate = app
        .submit(
            &world.other,
            &format!("/selection/{set}/candidates"),
            &[("name", "Intruder")],
        )
        .await;
    assert_eq!(candidate.status, StatusCode::NOT_FOUND);
    assert!(
        app.state
            .store
            .selection_candidates(&set)
            .await
            .unwrap()
            .is_empty()
    );
    let weights = app.state.store.selection_weights(&set).await.unwrap();
    assert!(weights.iter().all(|(_, weight)| *weight == 1));

    // Without the CSRF token nothing is accepted, even from the owner.
    let forged = app
        .post_form(
            &format!("/selection/{set}/weights"),
            Some(&world.own.cookie),
            &[("w_strategic_alignment", "9")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);

    // The provider's staff have no say in (and no view of) a sponsor's choice.
    for role in [Role::ProgrammeManager, Role::Faculty, Role::IssuerStaff] {
        let (_, browser) = app
            .logged_in(&format!("{}@example.test", role.as_str()), role)
            .await;
        let response = app.get("/selection", Some(&browser.cookie)).await;
        assert_eq!(response.status, StatusCode::FORBIDDEN, "{role:?}");
    }
    // An administrator sees every organisation's comparisons and picks the organisation.
    let (_, admin) = app.logged_in("admin@example.test", Role::Admin).await;
    let everything = app.get("/selection", Some(&admin.cookie)).await;
    assert!(everything.body.contains("秘密の比較"));
    assert!(everything.body.contains("name=\"organisation_id\""));
    let missing_org = app
        .submit(
            &admin,
            "/selection",
            &[("title", "x"), ("organisation_id", "nope")],
        )
        .await;
    assert_eq!(missing_org.status, StatusCode::UNPROCESSABLE_ENTITY);
}
