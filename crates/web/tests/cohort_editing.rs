//! Editing a cohort and its action-learning projects on the real router, and consent recorded
//! per purpose: what is refused (and left untouched), who may edit, and that a threshold
//! change reaches the reports at once.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod web_support;

use axum::http::StatusCode;
use chrono::NaiveDate;
use tsumiki_store::{
    CONSENT_CREDENTIAL_ISSUING, CONSENT_EVALUATION, CONSENT_PROGRAMME_DELIVERY, LanguageSkill,
    NewCohort, NewOrganisation, NewParticipant, NewProgramme, NewProject, NewRecipient,
    OrganisationKind, Role, UserLinks,
};
use web_support::{Browser, TestApp, app};

struct World {
    app: TestApp,
    manager: Browser,
    programme: String,
    sponsor: String,
    other_sponsor: String,
    cohort: String,
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

async fn new_cohort(app: &TestApp, programme: &str, sponsor: Option<String>, name: &str) -> String {
    app.state
        .store
        .create_cohort(&NewCohort {
            programme_id: programme.to_owned(),
            sponsor_id: sponsor,
            name: name.to_owned(),
            starts_on: date("2026-04-01"),
            ends_on: date("2027-03-31"),
            anonymity_threshold: 2,
            comment_threshold: 5,
        })
        .await
        .unwrap()
        .id
}

async fn world() -> World {
    let app = app().await;
    let (_, manager) = app
        .logged_in("pm@example.test", Role::ProgrammeManager)
        .await;
    let store = &app.state.store;
    let organisation = |en: &str| NewOrganisation {
        name_ja: format!("{en}社"),
        name_en: en.to_owned(),
        kind: OrganisationKind::Sponsor,
    };
    let sponsor = store
        .create_organisation(&organisation("Sponsor A"))
        .await
        .unwrap()
        .id;
    let other_sponsor = store
        .create_organisation(&organisation("Sponsor B"))
        .await
        .unwrap()
        .id;
    let programme = store
        .create_programme(&NewProgramme {
            provider_id: None,
            title_ja: "次世代経営者育成".to_owned(),
            title_en: "Next-generation executives".to_owned(),
            design_json: r#"{"phases":[]}"#.to_owned(),
            sponsor_ids: vec![sponsor.clone()],
            template_of: None,
        })
        .await
        .unwrap()
        .id;
    let cohort = new_cohort(&app, &programme, Some(sponsor.clone()), "2026 春").await;
    World {
        app,
        manager,
        programme,
        sponsor,
        other_sponsor,
        cohort,
    }
}

/// Enrols a person with `job_function`, consenting to evaluation.
async fn participant(app: &TestApp, cohort: &str, email: &str, job_function: &str) -> String {
    let store = &app.state.store;
    let (recipient, _) = store
        .create_recipient(NewRecipient {
            display_name: format!("Person {email}"),
            did: None,
            identifiers: vec![("email".to_owned(), email.to_owned())],
        })
        .await
        .unwrap();
    let participant = store
        .enroll_participant(&NewParticipant {
            cohort_id: cohort.to_owned(),
            recipient_id: recipient.id,
            nationality: "JP".to_owned(),
            job_function: job_function.to_owned(),
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
    store
        .record_consent(&participant.id, CONSENT_EVALUATION, chrono::Utc::now())
        .await
        .unwrap();
    participant.id
}

fn edit_fields<'a>(
    sponsor: &'a str,
    starts_on: &'a str,
    ends_on: &'a str,
    anonymity: &'a str,
    comments: &'a str,
) -> Vec<(&'static str, &'a str)> {
    vec![
        ("name", "2026 秋"),
        ("starts_on", starts_on),
        ("ends_on", ends_on),
        ("sponsor_id", sponsor),
        ("anonymity_threshold", anonymity),
        ("comment_threshold", comments),
    ]
}

#[tokio::test]
async fn a_cohort_is_edited_and_bad_input_is_refused_with_the_form() {
    let w = world().await;
    let path = format!("/cohorts/{}/edit", w.cohort);

    let form = w.app.get(&path, Some(&w.manager.cookie)).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains(r#"value="2026 春""#), "{}", form.body);
    assert!(form.body.contains(r#"name="csrf_token""#));
    assert!(
        form.body
            .contains(&format!(r#"value="{}" selected"#, w.sponsor))
    );

    let before = w.app.state.store.cohort(&w.cohort).await.unwrap().unwrap();
    let refused = [
        edit_fields(&w.other_sponsor, "2026-10-01", "2026-09-30", "3", "5"),
        edit_fields(&w.other_sponsor, "2026-10-01", "not a date", "3", "5"),
        edit_fields(&w.other_sponsor, "2026-10-01", "2027-03-31", "1", "5"),
        edit_fields(&w.other_sponsor, "2026-10-01", "2027-03-31", "4", "3"),
        edit_fields("no-such-organisation", "2026-10-01", "2027-03-31", "3", "5"),
    ];
    for fields in &refused {
        let response = w.app.submit(&w.manager, &path, fields).await;
        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{fields:?}"
        );
        assert!(response.body.contains(r#"role="alert""#));
        assert!(
            response.body.contains(r#"value="2026 秋""#),
            "what was typed is shown again"
        );
        assert_eq!(
            w.app.state.store.cohort(&w.cohort).await.unwrap().unwrap(),
            before,
            "nothing stored for {fields:?}"
        );
    }

    let saved = w
        .app
        .submit(
            &w.manager,
            &path,
            &edit_fields(&w.other_sponsor, "2026-10-01", "2026-10-01", "4", "4"),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        saved.location(),
        Some(format!("/cohorts/{}", w.cohort).as_str())
    );
    let after = w.app.state.store.cohort(&w.cohort).await.unwrap().unwrap();
    assert_eq!(after.name, "2026 秋");
    assert_eq!(after.sponsor_id.as_deref(), Some(w.other_sponsor.as_str()));
    assert_eq!(
        (after.starts_on, after.ends_on),
        (date("2026-10-01"), date("2026-10-01"))
    );
    assert_eq!((after.anonymity_threshold, after.comment_threshold), (4, 4));
    assert_eq!(after.programme_id, w.programme);

    // No sponsor at all is allowed.
    let saved = w
        .app
        .submit(
            &w.manager,
            &path,
            &edit_fields("", "2026-10-01", "2026-12-01", "2", "5"),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let after = w.app.state.store.cohort(&w.cohort).await.unwrap().unwrap();
    assert_eq!(after.sponsor_id, None);

    let overview = w
        .app
        .get(&format!("/cohorts/{}", w.cohort), Some(&w.manager.cookie))
        .await;
    assert!(
        overview
            .body
            .contains(&format!(r#"href="/cohorts/{}/edit""#, w.cohort))
    );

    let unknown = w
        .app
        .get("/cohorts/nope/edit", Some(&w.manager.cookie))
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn only_programme_roles_edit_and_csrf_is_required() {
    let w = world().await;
    let (_, faculty) = w.app.logged_in("faculty@example.test", Role::Faculty).await;
    let (sponsor_user, sponsor) = w
        .app
        .logged_in("viewer@example.test", Role::SponsorViewer)
        .await;
    w.app
        .state
        .store
        .set_user_links(
            &sponsor_user.id,
            &UserLinks {
                organisation_id: Some(w.sponsor.clone()),
                recipient_id: None,
            },
        )
        .await
        .unwrap();
    let member = participant(&w.app, &w.cohort, "m@example.test", "Finance").await;
    let project = w
        .app
        .state
        .store
        .create_project(&NewProject {
            cohort_id: w.cohort.clone(),
            title: "物流改革".to_owned(),
            executive_sponsor: "COO".to_owned(),
            business_objective: "Cut lead time".to_owned(),
            deliverables: vec![],
            outcome_metrics: vec![],
            member_ids: vec![member.clone()],
        })
        .await
        .unwrap();
    let edit = format!("/cohorts/{}/edit", w.cohort);
    let project_edit = format!("/cohorts/{}/projects/{}/edit", w.cohort, project.id);
    let project_delete = format!("/cohorts/{}/projects/{}/delete", w.cohort, project.id);
    let fields = edit_fields("", "2026-04-01", "2027-03-31", "3", "5");
    for browser in [&faculty, &sponsor] {
        for path in [&edit, &project_edit] {
            let response = w.app.get(path, Some(&browser.cookie)).await;
            assert_eq!(response.status, StatusCode::FORBIDDEN, "GET {path}");
        }
        let response = w.app.submit(browser, &edit, &fields).await;
        assert_eq!(response.status, StatusCode::FORBIDDEN);
        let response = w
            .app
            .submit(
                browser,
                &project_edit,
                &[("title", "x"), ("business_objective", "y")],
            )
            .await;
        assert_eq!(response.status, StatusCode::FORBIDDEN);
        let response = w
            .app
            .submit(browser, &project_delete, &[("confirm", "yes")])
            .await;
        assert_eq!(response.status, StatusCode::FORBIDDEN);
    }

    // A programme manager without the CSRF token is refused too.
    let mut forged = vec![("csrf_token", "forged")];
    forged.extend_from_slice(&fields);
    let response = w
        .app
        .post_form(&edit, Some(&w.manager.cookie), &forged)
        .await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    let response = w
        .app
        .post_form(
            &project_delete,
            Some(&w.manager.cookie),
            &[("csrf_token", "forged"), ("confirm", "yes")],
        )
        .await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);

    let cohort = w.app.state.store.cohort(&w.cohort).await.unwrap().unwrap();
    assert_eq!(cohort.name, "2026 春", "nothing changed");
    assert_eq!(cohort.sponsor_id.as_deref(), Some(w.sponsor.as_str()));
    assert_eq!(
        w.app.state.store.projects(&w.cohort).await.unwrap(),
        vec![project]
    );
}

#[tokio::test]
async fn raising_the_threshold_hides_a_small_category_at_once() {
    let w = world().await;
    for (index, function) in [
        "Treasury",
        "Treasury",
        "Engineering",
        "Engineering",
        "Engineering",
        "Engineering",
    ]
    .iter()
    .enumerate()
    {
        participant(
            &w.app,
            &w.cohort,
            &format!("p{index}@example.test"),
            function,
        )
        .await;
    }
    let diversity = format!("/cohorts/{}/diversity", w.cohort);
    let shown = w.app.get(&diversity, Some(&w.manager.cookie)).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(
        shown.body.contains("Treasury"),
        "two people, threshold 2: shown"
    );

    let saved = w
        .app
        .submit(
            &w.manager,
            &format!("/cohorts/{}/edit", w.cohort),
            &edit_fields(&w.sponsor, "2026-04-01", "2027-03-31", "3", "5"),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let hidden = w.app.get(&diversity, Some(&w.manager.cookie)).await;
    assert_eq!(hidden.status, StatusCode::OK);
    assert!(
        !hidden.body.contains("Treasury"),
        "two people, threshold 3: hidden"
    );
}

#[tokio::test]
async fn a_project_is_edited_within_its_cohort_and_deleted_on_confirmation() {
    let w = world().await;
    let a = participant(&w.app, &w.cohort, "a@example.test", "Finance").await;
    let b = participant(&w.app, &w.cohort, "b@example.test", "Finance").await;
    let other_cohort = new_cohort(&w.app, &w.programme, None, "other").await;
    let outsider = participant(&w.app, &other_cohort, "o@example.test", "Finance").await;
    let store = &w.app.state.store;
    let project = store
        .create_project(&NewProject {
            cohort_id: w.cohort.clone(),
            title: "物流改革".to_owned(),
            executive_sponsor: "COO 佐藤".to_owned(),
            business_objective: "Cut lead time".to_owned(),
            deliverables: vec!["Plan".to_owned()],
            outcome_metrics: vec!["Lead time".to_owned()],
            member_ids: vec![a.clone()],
        })
        .await
        .unwrap();
    let edit = format!("/cohorts/{}/projects/{}/edit", w.cohort, project.id);

    let list = w
        .app
        .get(
            &format!("/cohorts/{}/projects", w.cohort),
            Some(&w.manager.cookie),
        )
        .await;
    assert!(
        list.body.contains(&format!(r#"href="{edit}""#)),
        "{}",
        list.body
    );
    let form = w.app.get(&edit, Some(&w.manager.cookie)).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains(&format!(r#"value="{a}" checked"#)));
    assert!(form.body.contains(&format!(r#"value="{b}">"#)));
    assert!(
        !form.body.contains(&outsider),
        "only this cohort's participants are offered"
    );

    // A member from another cohort: the form comes back and nothing changes.
    let mixed = w
        .app
        .submit(
            &w.manager,
            &edit,
            &[
                ("title", "New title"),
                ("business_objective", "Halve lead time"),
                ("member_ids", &b),
                ("member_ids", &outsider),
            ],
        )
        .await;
    assert_eq!(mixed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(mixed.body.contains(r#"value="New title""#));
    assert_eq!(
        store.projects(&w.cohort).await.unwrap(),
        vec![project.clone()]
    );

    let blank = w
        .app
        .submit(
            &w.manager,
            &edit,
            &[("title", ""), ("business_objective", "x")],
        )
        .await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);

    let saved = w
        .app
        .submit(
            &w.manager,
            &edit,
            &[
                ("title", "New title"),
                ("executive_sponsor", "CEO 山田"),
                ("business_objective", "Halve lead time"),
                ("deliverables", "Plan\n\n Pilot \n"),
                ("outcome_metrics", ""),
                ("member_ids", &b),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let stored = store
        .project(&w.cohort, &project.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.title, "New title");
    assert_eq!(stored.executive_sponsor, "CEO 山田");
    assert_eq!(stored.deliverables, ["Plan", "Pilot"]);
    assert!(stored.outcome_metrics.is_empty());
    assert_eq!(stored.member_ids, std::slice::from_ref(&b));

    // Under another cohort's URL the project does not exist.
    let foreign = format!("/cohorts/{other_cohort}/projects/{}/edit", project.id);
    assert_eq!(
        w.app.get(&foreign, Some(&w.manager.cookie)).await.status,
        StatusCode::NOT_FOUND
    );
    let foreign_delete = format!("/cohorts/{other_cohort}/projects/{}/delete", project.id);
    let response = w
        .app
        .submit(&w.manager, &foreign_delete, &[("confirm", "yes")])
        .await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);

    // Deleting needs the confirmation tick.
    let delete = format!("/cohorts/{}/projects/{}/delete", w.cohort, project.id);
    let unconfirmed = w.app.submit(&w.manager, &delete, &[]).await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(store.projects(&w.cohort).await.unwrap().len(), 1);
    let deleted = w
        .app
        .submit(&w.manager, &delete, &[("confirm", "yes")])
        .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    assert!(store.projects(&w.cohort).await.unwrap().is_empty());
    assert_eq!(store.participants(&w.cohort).await.unwrap().len(), 2);
    let again = w
        .app
        .submit(&w.manager, &delete, &[("confirm", "yes")])
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn each_consent_purpose_is_recorded_and_withdrawn_separately() {
    let w = world().await;
    let response = w
        .app
        .submit(
            &w.manager,
            &format!("/cohorts/{}/participants", w.cohort),
            &[
                ("recipient_id", ""),
                ("email", "sato@example.test"),
                ("display_name", "佐藤 健"),
                ("nationality", "jp"),
                ("job_function", "Finance"),
                ("industry", "Manufacturing"),
                ("role_level", "Director"),
                ("languages", "ja:native"),
                ("consent_programme_delivery", "yes"),
                ("consent_credential_issuing", "yes"),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    let store = &w.app.state.store;
    let participant = store.participants(&w.cohort).await.unwrap().remove(0);
    let active = |purpose: &'static str| {
        let id = participant.id.clone();
        async move {
            store
                .consents(&id)
                .await
                .unwrap()
                .iter()
                .any(|c| c.purpose == purpose && c.withdrawn_at.is_none())
        }
    };
    assert!(!active(CONSENT_EVALUATION).await);
    assert!(active(CONSENT_PROGRAMME_DELIVERY).await);
    assert!(active(CONSENT_CREDENTIAL_ISSUING).await);
    assert!(
        store
            .consenting_participants(&w.cohort, CONSENT_EVALUATION)
            .await
            .unwrap()
            .is_empty(),
        "other purposes do not count someone in the aggregates"
    );

    let consent = format!(
        "/cohorts/{}/participants/{}/consent",
        w.cohort, participant.id
    );
    let response = w
        .app
        .submit(
            &w.manager,
            &consent,
            &[
                ("purpose", CONSENT_PROGRAMME_DELIVERY),
                ("action", "withdraw"),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    let response = w
        .app
        .submit(
            &w.manager,
            &consent,
            &[("purpose", CONSENT_EVALUATION), ("action", "grant")],
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert!(active(CONSENT_EVALUATION).await);
    assert!(!active(CONSENT_PROGRAMME_DELIVERY).await);
    assert!(active(CONSENT_CREDENTIAL_ISSUING).await);
    assert_eq!(
        store
            .consenting_participants(&w.cohort, CONSENT_EVALUATION)
            .await
            .unwrap()
            .len(),
        1
    );

    let unknown = w
        .app
        .submit(
            &w.manager,
            &consent,
            &[("purpose", "marketing"), ("action", "grant")],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert_eq!(store.consents(&participant.id).await.unwrap().len(), 3);

    // The page shows each purpose with its explanation and its own status and button.
    let page = w
        .app
        .get(
            &format!("/cohorts/{}/participants?lang=en", w.cohort),
            Some(&w.manager.cookie),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "Programme delivery",
        "Credential issuing",
        "Evaluation",
        "Withdrawn on",
        "Given on",
    ] {
        assert!(page.body.contains(text), "{text} missing");
    }
    for purpose in [
        CONSENT_EVALUATION,
        CONSENT_PROGRAMME_DELIVERY,
        CONSENT_CREDENTIAL_ISSUING,
    ] {
        assert!(
            page.body
                .contains(&format!(r#"name="purpose" value="{purpose}""#))
        );
    }
}
