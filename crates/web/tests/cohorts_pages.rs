//! Cohort pages on the real router: creating a cohort, enrolling with consent, withdrawing it,
//! projects, completions that issue a verifiable credential exactly once, the participant's
//! own page, and who may see which cohort.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod programme_support;
mod web_support;

use axum::http::StatusCode;
use programme_support::{BASE_URL, issuer_with_achievement, organisation};
use tsumiki_programme::{
    Delivery, FacultyRole, Module, ModuleLanguage, Phase, PhaseKind, ProgrammeDesign,
};
use tsumiki_store::{
    CONSENT_EVALUATION, NewProgramme, OrganisationKind, ProgrammeDetails, Role, UserLinks,
};
use web_support::{Browser, TestApp, app_at};

struct World {
    app: TestApp,
    admin: Browser,
    programme: String,
    sponsor: String,
    other_sponsor: String,
    achievement: String,
}

fn module(id: &str, title_en: &str, achievement_ids: Vec<String>) -> Module {
    Module {
        id: id.to_owned(),
        title_ja: format!("{title_en}（日本語）"),
        title_en: title_en.to_owned(),
        delivery: Delivery::Online,
        language: ModuleLanguage::Bilingual,
        hours: 6.0,
        faculty: vec![FacultyRole::InternationalAcademic],
        achievement_ids,
    }
}

async fn world() -> World {
    let app = app_at(BASE_URL).await;
    let (_, admin) = app.logged_in("admin@example.test", Role::Admin).await;
    let store = &app.state.store;
    let (issuer, achievement) = issuer_with_achievement(&app).await;
    let provider = organisation(&app, "Provider", OrganisationKind::Provider).await;
    let sponsor = organisation(&app, "Sponsor A", OrganisationKind::Sponsor).await;
    let other_sponsor = organisation(&app, "Sponsor B", OrganisationKind::Sponsor).await;
    let design = ProgrammeDesign {
        phases: vec![Phase {
            kind: PhaseKind::CoreTheory,
            title_ja: "コア理論".to_owned(),
            title_en: "Core theory".to_owned(),
            start_month: 1,
            end_month: 4,
            modules: vec![
                module(
                    "m-awarding",
                    "Cross-cultural leadership",
                    vec![achievement.clone()],
                ),
                module("m-plain", "Peer coaching", vec![]),
            ],
        }],
    };
    let programme = store
        .create_programme(&NewProgramme {
            provider_id: Some(provider.clone()),
            title_ja: "グローバル経営者育成".to_owned(),
            title_en: "Global Executive Journey".to_owned(),
            design_json: design.to_json().unwrap(),
            sponsor_ids: vec![sponsor.clone()],
            template_of: None,
        })
        .await
        .unwrap()
        .id;
    store
        .update_programme_details(
            &programme,
            &ProgrammeDetails {
                provider_id: Some(provider),
                title_ja: "グローバル経営者育成".to_owned(),
                title_en: "Global Executive Journey".to_owned(),
                sponsor_ids: vec![sponsor.clone()],
                issuer_id: Some(issuer.id.clone()),
            },
        )
        .await
        .unwrap();
    World {
        app,
        admin,
        programme,
        sponsor,
        other_sponsor,
        achievement,
    }
}

async fn cohort(world: &World, sponsor: &str, name: &str) -> String {
    let response = world
        .app
        .submit(
            &world.admin,
            &format!("/programmes/{}/cohorts", world.programme),
            &[
                ("name", name),
                ("starts_on", "2026-04-01"),
                ("ends_on", "2027-03-31"),
                ("sponsor_id", sponsor),
                ("anonymity_threshold", "3"),
                ("comment_threshold", "5"),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    response
        .location()
        .unwrap()
        .strip_prefix("/cohorts/")
        .unwrap()
        .to_owned()
}

async fn enrol(world: &World, cohort: &str, email: &str, consent: bool) -> String {
    let mut fields = vec![
        ("recipient_id", ""),
        ("email", email),
        ("display_name", "佐藤 健"),
        ("nationality", "jp"),
        ("job_function", "Finance"),
        ("industry", "Manufacturing"),
        ("role_level", "Director"),
        ("languages", "ja:native, en:B2"),
        ("gender", ""),
    ];
    if consent {
        fields.push(("consent_evaluation", "yes"));
    }
    let response = world
        .app
        .submit(
            &world.admin,
            &format!("/cohorts/{cohort}/participants"),
            &fields,
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    let recipient = world
        .app
        .state
        .store
        .recipient_by_identifier("email", email)
        .await
        .unwrap()
        .unwrap();
    world
        .app
        .state
        .store
        .participants(cohort)
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.recipient_id == recipient.id)
        .unwrap()
        .id
}

#[tokio::test]
async fn enrolment_consent_and_projects() {
    let world = world().await;
    let app = &world.app;
    let cohort = cohort(&world, &world.sponsor, "2026 春").await;
    let stored = app.state.store.cohort(&cohort).await.unwrap().unwrap();
    assert_eq!(stored.starts_on.to_string(), "2026-04-01");
    assert_eq!(stored.sponsor_id.as_deref(), Some(world.sponsor.as_str()));

    let first = enrol(&world, &cohort, "ken@example.test", true).await;
    let second = enrol(&world, &cohort, "aya@example.test", false).await;
    let participant = app.state.store.participant(&first).await.unwrap().unwrap();
    assert_eq!(participant.nationality, "JP");
    assert_eq!(participant.languages.len(), 2);
    assert_eq!(participant.gender, None);

    // A second enrolment of the same person is refused with a message.
    let mut again = vec![("recipient_id", participant.recipient_id.as_str())];
    again.extend([
        ("nationality", "JP"),
        ("job_function", "F"),
        ("industry", "I"),
        ("role_level", "R"),
        ("languages", ""),
    ]);
    let duplicate = app
        .submit(
            &world.admin,
            &format!("/cohorts/{cohort}/participants?lang=en"),
            &again,
        )
        .await;
    assert_eq!(duplicate.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(duplicate.body.contains("already enrolled"));
    let bad_languages = app
        .submit(
            &world.admin,
            &format!("/cohorts/{cohort}/participants?lang=ja"),
            &[
                ("email", "x@example.test"),
                ("nationality", "JP"),
                ("job_function", "F"),
                ("industry", "I"),
                ("role_level", "R"),
                ("languages", "english"),
            ],
        )
        .await;
    assert_eq!(bad_languages.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_languages.body.contains("言語:レベル"));

    let consenting = |app: &TestApp| {
        let store = app.state.store.clone();
        let cohort = cohort.clone();
        async move {
            store
                .consenting_participants(&cohort, CONSENT_EVALUATION)
                .await
                .unwrap()
                .into_iter()
                .map(|p| p.id)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(consenting(app).await, vec![first.clone()]);
    let page = app
        .get(
            &format!("/cohorts/{cohort}/participants?lang=en"),
            Some(&world.admin.cookie),
        )
        .await;
    assert!(page.body.contains("佐藤 健"));
    assert!(page.body.contains("ja:native, en:B2"));
    assert!(page.body.contains("Withdraw consent"));

    let granted = app
        .submit(
            &world.admin,
            &format!("/cohorts/{cohort}/participants/{second}/consent"),
            &[("action", "grant")],
        )
        .await;
    assert_eq!(granted.status, StatusCode::SEE_OTHER);
    assert_eq!(consenting(app).await.len(), 2);
    let withdrawn = app
        .submit(
            &world.admin,
            &format!("/cohorts/{cohort}/participants/{first}/consent"),
            &[("action", "withdraw"), ("purpose", "evaluation")],
        )
        .await;
    assert_eq!(withdrawn.status, StatusCode::SEE_OTHER);
    assert_eq!(
        consenting(app).await,
        vec![second.clone()],
        "a withdrawn participant drops out"
    );
    let overview = app
        .get(
            &format!("/cohorts/{cohort}?lang=en"),
            Some(&world.admin.cookie),
        )
        .await;
    assert_eq!(overview.status, StatusCode::OK);
    for link in [
        "/participants",
        "/projects",
        "/completions",
        "/feedback",
        "/costs",
        "/roi",
        "/diversity",
        "/dashboard",
    ] {
        assert!(
            overview.body.contains(&format!("/cohorts/{cohort}{link}")),
            "{link}"
        );
    }

    let project = app
        .submit(
            &world.admin,
            &format!("/cohorts/{cohort}/projects"),
            &[
                ("title", "ASEAN 市場参入"),
                ("executive_sponsor", "CEO 山田"),
                ("business_objective", "Enter two ASEAN markets"),
                ("deliverables", "Market entry plan\nPartner shortlist\n"),
                ("outcome_metrics", "Revenue in year 2"),
                ("member_ids", &first),
                ("member_ids", &second),
            ],
        )
        .await;
    assert_eq!(project.status, StatusCode::SEE_OTHER, "{}", project.body);
    let projects = app.state.store.projects(&cohort).await.unwrap();
    assert_eq!(projects.len(), 1);
    assert_eq!(
        projects[0].deliverables,
        ["Market entry plan", "Partner shortlist"]
    );
    assert_eq!(projects[0].member_ids.len(), 2);
    let listed = app
        .get(
            &format!("/cohorts/{cohort}/projects"),
            Some(&world.admin.cookie),
        )
        .await;
    assert!(listed.body.contains("ASEAN 市場参入"));
}

#[tokio::test]
async fn completion_issues_once_and_the_credential_verifies() {
    let world = world().await;
    let app = &world.app;
    let cohort = cohort(&world, &world.sponsor, "2026 春").await;
    let participant_id = enrol(&world, &cohort, "ken@example.test", true).await;
    let participant = app
        .state
        .store
        .participant(&participant_id)
        .await
        .unwrap()
        .unwrap();
    let (_, faculty) = app.logged_in("faculty@example.test", Role::Faculty).await;

    let grid = app
        .get(
            &format!("/cohorts/{cohort}/completions?lang=en"),
            Some(&faculty.cookie),
        )
        .await;
    assert_eq!(grid.status, StatusCode::OK);
    let cell = format!("{participant_id}|m-awarding");
    assert!(grid.body.contains(&cell), "{}", grid.body);

    let recorded = app
        .submit(
            &faculty,
            &format!("/cohorts/{cohort}/completions"),
            &[("done", &cell)],
        )
        .await;
    assert_eq!(recorded.status, StatusCode::SEE_OTHER, "{}", recorded.body);
    let credentials = app
        .state
        .store
        .credentials_of_recipient(&participant.recipient_id)
        .await
        .unwrap();
    assert_eq!(credentials.len(), 1);
    assert_eq!(credentials[0].achievement_id, world.achievement);
    assert_eq!(
        credentials[0].idempotency_key,
        format!(
            "completion:{participant_id}:m-awarding:{}",
            world.achievement
        )
    );

    // A double submit, then the whole phase in bulk: still one credential, two completions.
    let again = app
        .submit(
            &faculty,
            &format!("/cohorts/{cohort}/completions"),
            &[("done", &cell)],
        )
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    let phase = app
        .submit(
            &faculty,
            &format!("/cohorts/{cohort}/completions/phase"),
            &[("phase", "0"), ("participant_ids", &participant_id)],
        )
        .await;
    assert_eq!(phase.status, StatusCode::SEE_OTHER, "{}", phase.body);
    assert_eq!(
        app.state
            .store
            .credentials_of_recipient(&participant.recipient_id)
            .await
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        app.state
            .store
            .participant_completions(&participant_id)
            .await
            .unwrap()
            .len(),
        2
    );

    let id = credentials[0].id.trim_start_matches("urn:uuid:");
    let public = app.get(&format!("/c/{id}?lang=en"), None).await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(
        public.body.contains("The credential was verified."),
        "{}",
        public.body
    );

    // A participant of another cohort cannot be completed through this cohort's form.
    let other = cohort_with_participant(&world).await;
    let foreign = app
        .submit(
            &faculty,
            &format!("/cohorts/{cohort}/completions"),
            &[("done", &format!("{other}|m-awarding"))],
        )
        .await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);

    // The participant sees their progress and credential on their own page.
    let (me, me_browser) = app
        .logged_in("ken-account@example.test", Role::Participant)
        .await;
    let unlinked = app.get("/me?lang=en", Some(&me_browser.cookie)).await;
    assert!(unlinked.body.contains("not linked"));
    app.state
        .store
        .set_user_links(
            &me.id,
            &UserLinks {
                organisation_id: None,
                recipient_id: Some(participant.recipient_id.clone()),
            },
        )
        .await
        .unwrap();
    let own = app.get("/me?lang=en", Some(&me_browser.cookie)).await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(own.body.contains(&format!("/c/{id}")), "{}", own.body);
    assert!(own.body.contains("2 modules completed"), "{}", own.body);
    assert_eq!(
        app.get("/me", Some(&world.admin.cookie)).await.status,
        StatusCode::FORBIDDEN
    );
}

async fn cohort_with_participant(world: &World) -> String {
    let other = cohort(world, &world.other_sponsor, "2026 秋").await;
    enrol(world, &other, "other@example.test", true).await
}

#[tokio::test]
async fn completions_wait_for_an_issuer() {
    let world = world().await;
    let app = &world.app;
    let cohort = cohort(&world, &world.sponsor, "2026 春").await;
    let participant_id = enrol(&world, &cohort, "ken@example.test", true).await;
    let programme = app
        .state
        .store
        .programme(&world.programme)
        .await
        .unwrap()
        .unwrap();
    app.state
        .store
        .update_programme_details(
            &world.programme,
            &ProgrammeDetails {
                provider_id: programme.provider_id,
                title_ja: programme.title_ja,
                title_en: programme.title_en,
                sponsor_ids: vec![],
                issuer_id: None,
            },
        )
        .await
        .unwrap();
    let refused = app
        .submit(
            &world.admin,
            &format!("/cohorts/{cohort}/completions?lang=en"),
            &[("done", &format!("{participant_id}|m-awarding"))],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Choose the issuing issuer"));
    assert!(
        app.state
            .store
            .participant_completions(&participant_id)
            .await
            .unwrap()
            .is_empty()
    );
    // A module that awards nothing can still be completed.
    let plain = app
        .submit(
            &world.admin,
            &format!("/cohorts/{cohort}/completions"),
            &[("done", &format!("{participant_id}|m-plain"))],
        )
        .await;
    assert_eq!(plain.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.state
            .store
            .participant_completions(&participant_id)
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn sponsors_see_only_their_own_cohorts_and_never_edit() {
    let world = world().await;
    let app = &world.app;
    let own = cohort(&world, &world.sponsor, "A 社コホート").await;
    let other = cohort(&world, &world.other_sponsor, "B 社コホート").await;
    let (sponsor_user, sponsor) = app
        .logged_in("sponsor@example.test", Role::SponsorViewer)
        .await;

    // Not linked yet: nothing.
    assert_eq!(
        app.get(&format!("/cohorts/{own}"), Some(&sponsor.cookie))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    app.state
        .store
        .set_user_links(
            &sponsor_user.id,
            &UserLinks {
                organisation_id: Some(world.sponsor.clone()),
                recipient_id: None,
            },
        )
        .await
        .unwrap();
    let page = app
        .get(&format!("/cohorts/{own}?lang=en"), Some(&sponsor.cookie))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(&format!("/cohorts/{own}/dashboard")));
    assert!(
        !page.body.contains(&format!("/cohorts/{own}/participants")),
        "no personal data links"
    );
    let listed = app.get("/cohorts", Some(&sponsor.cookie)).await;
    assert_eq!(listed.status, StatusCode::OK);
    assert!(listed.body.contains(&format!("/cohorts/{own}")));
    assert!(!listed.body.contains(&format!("/cohorts/{other}")));
    let all = app.get("/cohorts", Some(&world.admin.cookie)).await;
    assert!(all.body.contains(&format!("/cohorts/{other}")));
    assert_eq!(
        app.get(&format!("/cohorts/{other}"), Some(&sponsor.cookie))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get("/cohorts/no-such-cohort", Some(&sponsor.cookie))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    for path in ["participants", "projects", "completions"] {
        let response = app
            .get(&format!("/cohorts/{own}/{path}"), Some(&sponsor.cookie))
            .await;
        assert_eq!(response.status, StatusCode::FORBIDDEN, "{path}");
    }
    let enrol = app
        .submit(
            &sponsor,
            &format!("/cohorts/{own}/participants"),
            &[("email", "x@example.test")],
        )
        .await;
    assert_eq!(enrol.status, StatusCode::FORBIDDEN);

    // Viewers and participants read no cohort; faculty read but cannot enrol or create.
    let (_, viewer) = app.logged_in("viewer@example.test", Role::Viewer).await;
    assert_eq!(
        app.get(&format!("/cohorts/{own}"), Some(&viewer.cookie))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let (_, participant) = app.logged_in("p@example.test", Role::Participant).await;
    assert_eq!(
        app.get(&format!("/cohorts/{own}"), Some(&participant.cookie))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let (_, faculty) = app.logged_in("faculty@example.test", Role::Faculty).await;
    assert_eq!(
        app.get(
            &format!("/cohorts/{own}/participants"),
            Some(&faculty.cookie)
        )
        .await
        .status,
        StatusCode::OK
    );
    let by_faculty = app
        .submit(
            &faculty,
            &format!("/cohorts/{own}/participants"),
            &[("email", "x@example.test")],
        )
        .await;
    assert_eq!(by_faculty.status, StatusCode::FORBIDDEN);
    let new_cohort = app
        .submit(
            &faculty,
            &format!("/programmes/{}/cohorts", world.programme),
            &[
                ("name", "x"),
                ("starts_on", "2026-01-01"),
                ("ends_on", "2026-02-01"),
            ],
        )
        .await;
    assert_eq!(new_cohort.status, StatusCode::FORBIDDEN);
    assert!(app.state.store.participants(&own).await.unwrap().is_empty());
    assert_eq!(app.state.store.cohorts().await.unwrap().len(), 2);
}
