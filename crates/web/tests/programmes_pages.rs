//! Programme design pages on the real router: organisations, a programme from the six-phase
//! blueprint in ja and en, editing its header and modules, copying it as a template, roles,
//! CSRF, and the admin's role-and-links form.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod web_support;

use axum::http::StatusCode;
use tsumiki_programme::{Delivery, ProgrammeDesign};
use tsumiki_store::{OrganisationKind, Role};
use web_support::{Browser, TestApp, app};

async fn organisation(app: &TestApp, admin: &Browser, ja: &str, en: &str, kind: &str) -> String {
    let response = app
        .submit(
            admin,
            "/organisations",
            &[("name_ja", ja), ("name_en", en), ("kind", kind)],
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    app.state
        .store
        .organisations()
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.name_en == en)
        .unwrap()
        .id
}

async fn blueprint_programme(app: &TestApp, browser: &Browser, provider: &str) -> String {
    let response = app
        .submit(
            browser,
            "/programmes",
            &[
                ("title_ja", "グローバル経営者育成"),
                ("title_en", "Global Executive Journey"),
                ("provider_id", provider),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    let location = response.location().unwrap();
    location.strip_prefix("/programmes/").unwrap().to_owned()
}

async fn design(app: &TestApp, id: &str) -> ProgrammeDesign {
    let programme = app.state.store.programme(id).await.unwrap().unwrap();
    ProgrammeDesign::from_json(&programme.design_json).unwrap()
}

#[tokio::test]
async fn a_programme_from_the_blueprint_shows_its_phases_in_both_languages() {
    let app = app().await;
    let (_, admin) = app.logged_in("admin@example.test", Role::Admin).await;
    let provider = organisation(
        &app,
        &admin,
        "積み木ビジネススクール",
        "Tsumiki Business School",
        "provider",
    )
    .await;
    let sponsor = organisation(&app, &admin, "山田製作所", "Yamada Works", "sponsor").await;
    let organisations = app.state.store.organisations().await.unwrap();
    assert!(
        organisations
            .iter()
            .any(|o| o.id == sponsor && o.kind == OrganisationKind::Sponsor)
    );

    let id = blueprint_programme(&app, &admin, &provider).await;
    let stored = design(&app, &id).await;
    assert_eq!(stored.phases.len(), 6);
    // Fresh module ids, not the blueprint's fixed ones.
    let blueprint = tsumiki_programme::six_phase_blueprint();
    assert!(stored.modules().all(|m| blueprint.module(&m.id).is_none()));

    let ja = app
        .get(&format!("/programmes/{id}?lang=ja"), Some(&admin.cookie))
        .await;
    assert_eq!(ja.status, StatusCode::OK);
    for text in [
        "グローバル経営者育成",
        "海外イマージョン",
        "5か月目",
        "6〜9か月目",
        "合計 258 時間",
        "海外イマージョン (SG)",
        "通訳付き",
        "積み木ビジネススクール",
    ] {
        assert!(ja.body.contains(text), "{text} missing: {}", ja.body);
    }
    let en = app
        .get(&format!("/programmes/{id}?lang=en"), Some(&admin.cookie))
        .await;
    for text in [
        "Global Executive Journey",
        "Immersive international module",
        "Months 6–9",
        "Month 5",
        "Total: 258 hours",
        "Immersion abroad (SG)",
        "International academic",
    ] {
        assert!(en.body.contains(text), "{text} missing: {}", en.body);
    }
    let list = app.get("/programmes?lang=en", Some(&admin.cookie)).await;
    assert!(list.body.contains("Global Executive Journey"));
    assert!(list.body.contains("258"));
}

#[tokio::test]
async fn editing_the_header_and_modules_keeps_the_design_valid() {
    let app = app().await;
    let (_, manager) = app
        .logged_in("pm@example.test", Role::ProgrammeManager)
        .await;
    let provider = organisation(&app, &manager, "提供校", "Provider School", "provider").await;
    let sponsor = organisation(&app, &manager, "派遣社", "Sponsor Co", "sponsor").await;
    let id = blueprint_programme(&app, &manager, &provider).await;

    let edited = app
        .submit(
            &manager,
            &format!("/programmes/{id}/edit"),
            &[
                ("title_ja", "改訂版"),
                ("title_en", "Revised"),
                ("provider_id", &provider),
                ("sponsor_ids", &sponsor),
            ],
        )
        .await;
    assert_eq!(edited.status, StatusCode::SEE_OTHER, "{}", edited.body);
    let sponsors = app.state.store.programme_sponsors(&id).await.unwrap();
    assert_eq!(sponsors.len(), 1);
    assert_eq!(
        app.state
            .store
            .programme(&id)
            .await
            .unwrap()
            .unwrap()
            .title_en,
        "Revised"
    );
    // Blank titles are refused and change nothing.
    let blank = app
        .submit(
            &manager,
            &format!("/programmes/{id}/edit?lang=en"),
            &[("title_ja", ""), ("title_en", "x")],
        )
        .await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        blank
            .body
            .contains("Enter both the Japanese and the English title.")
    );
    assert_eq!(
        app.state
            .store
            .programme(&id)
            .await
            .unwrap()
            .unwrap()
            .title_en,
        "Revised"
    );

    let before = design(&app, &id).await.modules().count();
    let module_fields = |country: &'static str| {
        vec![
            ("module_id", ""),
            ("phase", "2"),
            ("title_ja", "ドイツ製造業視察"),
            ("title_en", "German manufacturing visit"),
            ("delivery", "immersion-abroad"),
            ("country", country),
            ("language", "interpreted"),
            ("hours", "16"),
            ("faculty", "practitioner"),
            ("faculty", "facilitator"),
        ]
    };
    let bad = app
        .submit(
            &manager,
            &format!("/programmes/{id}/modules?lang=ja"),
            &module_fields("XX"),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("ISO 3166"), "{}", bad.body);
    assert_eq!(
        design(&app, &id).await.modules().count(),
        before,
        "nothing saved"
    );

    let good = app
        .submit(
            &manager,
            &format!("/programmes/{id}/modules"),
            &module_fields("de"),
        )
        .await;
    assert_eq!(good.status, StatusCode::SEE_OTHER, "{}", good.body);
    let saved = design(&app, &id).await;
    assert_eq!(saved.modules().count(), before + 1);
    let (phase, module) = saved
        .modules()
        .find(|m| m.title_en == "German manufacturing visit")
        .map(|m| (saved.module(&m.id).unwrap().0, m.clone()))
        .unwrap();
    assert_eq!(phase, 2);
    assert_eq!(
        module.delivery,
        Delivery::ImmersionAbroad {
            country: "DE".to_owned()
        }
    );
    assert_eq!(module.faculty.len(), 2);

    // Editing keeps the id; the edit form shows the current values.
    let form = app
        .get(
            &format!("/programmes/{id}/modules/{}/edit", module.id),
            Some(&manager.cookie),
        )
        .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("German manufacturing visit"));
    let mut fields = module_fields("DE");
    fields[0] = ("module_id", module.id.as_str());
    fields[7] = ("hours", "20");
    let updated = app
        .submit(&manager, &format!("/programmes/{id}/modules"), &fields)
        .await;
    assert_eq!(updated.status, StatusCode::SEE_OTHER, "{}", updated.body);
    assert_eq!(
        design(&app, &id).await.module(&module.id).unwrap().1.hours,
        20.0
    );

    let removed = app
        .submit(
            &manager,
            &format!("/programmes/{id}/modules/{}/remove", module.id),
            &[],
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    assert!(design(&app, &id).await.module(&module.id).is_none());
    let again = app
        .submit(
            &manager,
            &format!("/programmes/{id}/modules/{}/remove", module.id),
            &[],
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn copy_as_template_gives_a_new_programme_with_fresh_module_ids() {
    let app = app().await;
    let (_, admin) = app.logged_in("admin@example.test", Role::Admin).await;
    let provider = organisation(&app, &admin, "提供校", "Provider School", "provider").await;
    let original = blueprint_programme(&app, &admin, &provider).await;
    let copied = app
        .submit(&admin, &format!("/programmes/{original}/copy"), &[])
        .await;
    assert_eq!(copied.status, StatusCode::SEE_OTHER, "{}", copied.body);
    let copy_id = copied
        .location()
        .unwrap()
        .strip_prefix("/programmes/")
        .unwrap()
        .strip_suffix("/edit")
        .unwrap()
        .to_owned();
    let copy = app.state.store.programme(&copy_id).await.unwrap().unwrap();
    assert_eq!(copy.template_of.as_deref(), Some(original.as_str()));
    assert_eq!(copy.title_en, "Global Executive Journey (copy)");
    let (a, b) = (design(&app, &original).await, design(&app, &copy_id).await);
    assert_eq!(a.modules().count(), b.modules().count());
    assert!(b.modules().all(|m| a.module(&m.id).is_none()));
    let page = app
        .get(
            &format!("/programmes/{copy_id}?lang=en"),
            Some(&admin.cookie),
        )
        .await;
    assert!(page.body.contains("Copied from"));
}

#[tokio::test]
async fn only_programme_roles_may_edit_and_only_staff_may_read() {
    let app = app().await;
    let (_, admin) = app.logged_in("admin@example.test", Role::Admin).await;
    let provider = organisation(&app, &admin, "提供校", "Provider School", "provider").await;
    let id = blueprint_programme(&app, &admin, &provider).await;
    let (_, viewer) = app.logged_in("viewer@example.test", Role::Viewer).await;
    let (_, sponsor) = app
        .logged_in("sponsor@example.test", Role::SponsorViewer)
        .await;
    let (_, faculty) = app.logged_in("faculty@example.test", Role::Faculty).await;
    let (_, participant) = app.logged_in("p@example.test", Role::Participant).await;

    for browser in [&viewer, &sponsor, &participant] {
        assert_eq!(
            app.get("/programmes", Some(&browser.cookie)).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            app.get(&format!("/programmes/{id}"), Some(&browser.cookie))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
    }
    // Faculty read the design but cannot change it.
    let read = app
        .get(&format!("/programmes/{id}"), Some(&faculty.cookie))
        .await;
    assert_eq!(read.status, StatusCode::OK);
    assert!(
        !read.body.contains("/modules/new"),
        "no edit links for faculty"
    );
    for browser in [&viewer, &sponsor, &faculty, &participant] {
        let create = app
            .submit(
                browser,
                "/programmes",
                &[("title_ja", "x"), ("title_en", "x")],
            )
            .await;
        assert_eq!(create.status, StatusCode::FORBIDDEN);
        let copy = app
            .submit(browser, &format!("/programmes/{id}/copy"), &[])
            .await;
        assert_eq!(copy.status, StatusCode::FORBIDDEN);
        let organisation = app
            .submit(
                browser,
                "/organisations",
                &[("name_ja", "x"), ("name_en", "x"), ("kind", "sponsor")],
            )
            .await;
        assert_eq!(organisation.status, StatusCode::FORBIDDEN);
    }
    assert_eq!(app.state.store.programmes().await.unwrap().len(), 1);
    // No CSRF token, no write.
    let forged = app
        .post_form(
            "/programmes",
            Some(&admin.cookie),
            &[("title_ja", "x"), ("title_en", "x")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(app.state.store.programmes().await.unwrap().len(), 1);
}

#[tokio::test]
async fn the_admin_sets_a_role_and_links_an_account() {
    let app = app().await;
    let (admin_user, admin) = app.logged_in("admin@example.test", Role::Admin).await;
    let sponsor = organisation(&app, &admin, "派遣社", "Sponsor Co", "sponsor").await;
    let (someone, browser) = app.logged_in("someone@example.test", Role::Viewer).await;

    let page = app.get("/admin/users?lang=ja", Some(&admin.cookie)).await;
    assert!(
        page.body.contains("派遣企業担当者"),
        "the new roles are offered"
    );
    let changed = app
        .submit(
            &admin,
            &format!("/admin/users/{}/role", someone.id),
            &[
                ("role", "sponsor_viewer"),
                ("organisation_id", &sponsor),
                ("recipient_id", ""),
            ],
        )
        .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER, "{}", changed.body);
    assert_eq!(
        app.state.store.user(&someone.id).await.unwrap().role,
        Role::SponsorViewer
    );
    let links = app.state.store.user_links(&someone.id).await.unwrap();
    assert_eq!(links.organisation_id.as_deref(), Some(sponsor.as_str()));

    // Unknown role, unknown organisation, self-demotion, and non-admins are refused.
    let unknown = app
        .submit(
            &admin,
            &format!("/admin/users/{}/role", someone.id),
            &[("role", "root")],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    let missing = app
        .submit(
            &admin,
            &format!("/admin/users/{}/role", someone.id),
            &[("role", "participant"), ("organisation_id", "nope")],
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.state.store.user(&someone.id).await.unwrap().role,
        Role::SponsorViewer
    );
    let demote = app
        .submit(
            &admin,
            &format!("/admin/users/{}/role", admin_user.id),
            &[("role", "viewer")],
        )
        .await;
    assert_eq!(demote.status, StatusCode::CONFLICT);
    let by_other = app
        .submit(
            &browser,
            &format!("/admin/users/{}/role", someone.id),
            &[("role", "admin")],
        )
        .await;
    assert_eq!(by_other.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.state.store.user(&someone.id).await.unwrap().role,
        Role::SponsorViewer
    );
}
