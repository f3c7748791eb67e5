//! The back-office pages for achievements, recipients and issuing one credential, on the real
//! router over a temporary SQLite store: the whole path from an empty issuer to a verified
//! public page, roles, CSRF, field errors in the user's language, and double submits.
#![allow(clippy::unwrap_used, clippy::panic)]

mod web_support;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use tsumiki_store::{IdentifierKind, Issuer, Role};
use tsumiki_web::issuer_keys::{IssuerRequest, new_issuer};
use web_support::{Browser, Resp, TestApp, app_at};

const BASE_URL: &str = "https://badges.example.test";
const BOUNDARY: &str = "----tsumiki-test-boundary";

/// A 1×1 PNG.
const TINY_PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53,
    0xDE, 0x00, 0x00, 0x00, 0x0C, 0x49, 0x44, 0x41, 0x54, 0x08, 0xD7, 0x63, 0xF8, 0xCF, 0xC0, 0x00,
    0x00, 0x03, 0x01, 0x01, 0x00, 0x18, 0xDD, 0x8D, 0xB0, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E,
    0x44, 0xAE, 0x42, 0x60, 0x82,
];

async fn app_with_issuer() -> (TestApp, Issuer) {
    let app = app_at(BASE_URL).await;
    let new = new_issuer(
        BASE_URL,
        IssuerRequest {
            slug: "demo-univ".to_owned(),
            name_ja: "デモ大学".to_owned(),
            name_en: "Demo University".to_owned(),
            url: "https://demo.example.test".to_owned(),
            kind: IdentifierKind::DidWeb,
        },
    )
    .unwrap();
    let issuer = app
        .state
        .store
        .create_issuer(new, &app.state.master_key)
        .await
        .unwrap();
    (app, issuer)
}

fn multipart(fields: &[(&str, &str)], image: Option<(&str, &[u8])>) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((file_name, bytes)) = image {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"image\"; \
                 filename=\"{file_name}\"\r\nContent-Type: image/png\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn post_multipart(app: &TestApp, path: &str, cookie: &str, body: Vec<u8>) -> Resp {
    let request = Request::post(path)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header(header::COOKIE, cookie)
        .body(Body::from(body))
        .unwrap();
    app.send(request).await
}

/// The Japanese-only test achievement's fields (both languages are required by the form).
fn achievement_fields<'a>(issuer_id: &'a str, name_ja: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("issuer_id", issuer_id),
        ("achievement_type", "MicroCredential"),
        ("name_ja", name_ja),
        ("name_en", "Introduction to Data Analysis"),
        ("description_ja", "統計とデータ可視化の基礎を修得した。"),
        ("description_en", "Learned the basics of statistics."),
        ("criteria_ja", "全課題を提出し、最終試験に合格すること。"),
        (
            "criteria_en",
            "Submit every assignment and pass the final exam.",
        ),
        (
            "learning_outcomes_ja",
            "記述統計を説明できる\n散布図を読める",
        ),
        ("learning_outcomes_en", "Explain descriptive statistics"),
        ("hours", "30"),
        ("credits", "2"),
        ("assessment_type", "exam"),
        ("participation_form", "online"),
        ("alt_ja", "バッジ画像"),
        ("alt_en", "Badge image"),
        ("alignment_name", "データサイエンス基礎"),
        ("alignment_url", "https://framework.example.test/ds/1"),
        ("alignment_framework", "DS Framework"),
        ("alignment_code", "DS-1"),
        ("alignment_name", ""),
        ("alignment_url", ""),
        ("alignment_framework", ""),
        ("alignment_code", ""),
    ]
}

async fn create_achievement(
    app: &TestApp,
    browser: &Browser,
    issuer_id: &str,
    name_ja: &str,
    image: Option<(&str, &[u8])>,
) -> Resp {
    let mut fields = vec![("csrf_token", browser.csrf.as_str())];
    fields.extend(achievement_fields(issuer_id, name_ja));
    post_multipart(
        app,
        "/achievements?lang=ja",
        &browser.cookie,
        multipart(&fields, image),
    )
    .await
}

/// The hidden one-time submission id of the issue form.
fn submission_id(page: &Resp) -> String {
    let marker = "name=\"submission\" value=\"";
    let start = page.body.find(marker).unwrap() + marker.len();
    let end = page.body[start..].find('"').unwrap();
    page.body[start..start + end].to_owned()
}

#[tokio::test]
async fn admin_creates_an_achievement_and_a_recipient_then_issues_a_verified_credential() {
    let (app, issuer) = app_with_issuer().await;
    let (_, admin) = app.logged_in("admin@example.test", Role::Admin).await;

    let form = app
        .get("/achievements/new?lang=ja", Some(&admin.cookie))
        .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("達成の新規作成"), "{}", form.body);

    let created = create_achievement(
        &app,
        &admin,
        &issuer.id,
        "データ分析入門",
        Some(("b.png", TINY_PNG)),
    )
    .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let stored = app.state.store.achievements(&issuer.id).await.unwrap();
    assert_eq!(stored.len(), 1);
    let achievement = &stored[0];
    assert_eq!(achievement.details.name_ja, "データ分析入門");
    assert_eq!(
        achievement.details.learning_outcomes_ja,
        vec!["記述統計を説明できる", "散布図を読める"]
    );
    assert_eq!(achievement.details.hours, Some(30.0));
    assert_eq!(achievement.details.assessment_type.as_deref(), Some("exam"));
    let image = achievement.details.image.as_ref().unwrap();
    assert_eq!(image.media_type, "image/png");
    assert_eq!(image.alt_ja, "バッジ画像");
    assert_eq!(
        achievement.details.alignments.len(),
        1,
        "the blank row is skipped"
    );
    assert_eq!(
        achievement.details.alignments[0]["targetUrl"],
        "https://framework.example.test/ds/1"
    );

    let list = app
        .get(
            &format!("/achievements?issuer={}&lang=ja", issuer.id),
            Some(&admin.cookie),
        )
        .await;
    assert!(list.body.contains("データ分析入門"));
    assert!(
        list.body
            .contains(&format!("/achievements/{}/edit", achievement.id))
    );

    let recipient = app
        .submit(
            &admin,
            "/recipients",
            &[
                ("display_name", "山田 花子"),
                ("emails", "Hanako@Example.ac.jp"),
                ("employee_number", "E-1001"),
            ],
        )
        .await;
    assert_eq!(
        recipient.status,
        StatusCode::SEE_OTHER,
        "{}",
        recipient.body
    );
    let hanako = app
        .state
        .store
        .recipient_by_identifier("email", "hanako@example.ac.jp")
        .await
        .unwrap()
        .unwrap();
    let listed = app.get("/recipients?q=hanako", Some(&admin.cookie)).await;
    assert!(listed.body.contains("山田 花子"));
    assert!(listed.body.contains("E-1001"));

    let issue_form = app.get("/issue?lang=ja", Some(&admin.cookie)).await;
    assert_eq!(issue_form.status, StatusCode::OK);
    let submission = submission_id(&issue_form);
    let fields = [
        ("submission", submission.as_str()),
        ("issuer_id", issuer.id.as_str()),
        ("achievement_id", achievement.id.as_str()),
        ("recipient_id", hanako.id.as_str()),
        ("email", ""),
        ("lang", "ja"),
    ];
    let issued = app.submit(&admin, "/issue", &fields).await;
    assert_eq!(issued.status, StatusCode::SEE_OTHER, "{}", issued.body);
    let location = issued.location().unwrap().to_owned();
    assert!(location.starts_with("/c/"), "{location}");

    let page_ja = app.get(&format!("{location}?lang=ja"), None).await;
    assert_eq!(page_ja.status, StatusCode::OK);
    assert!(
        page_ja.body.contains("この資格情報を検証しました。"),
        "{}",
        page_ja.body
    );
    assert!(page_ja.body.contains("データ分析入門"));
    let page_en = app.get(&format!("{location}?lang=en"), None).await;
    assert!(
        page_en.body.contains("The credential was verified."),
        "{}",
        page_en.body
    );

    // The browser posts the same form again: the same credential, not a second one.
    let again = app.submit(&admin, "/issue", &fields).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert_eq!(again.location(), Some(location.as_str()));
    let credentials = app
        .state
        .store
        .credentials_of_recipient(&hanako.id)
        .await
        .unwrap();
    assert_eq!(credentials.len(), 1);

    // A fresh form is a new issuing decision.
    let fresh = submission_id(&app.get("/issue", Some(&admin.cookie)).await);
    assert_ne!(fresh, submission);
}

#[tokio::test]
async fn issuing_to_a_new_email_creates_the_recipient_once() {
    let (app, issuer) = app_with_issuer().await;
    let (_, staff) = app.logged_in("staff@example.test", Role::IssuerStaff).await;
    let created = create_achievement(&app, &staff, &issuer.id, "データ分析入門", None).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let achievement = app
        .state
        .store
        .achievements(&issuer.id)
        .await
        .unwrap()
        .remove(0);
    let submission = submission_id(&app.get("/issue", Some(&staff.cookie)).await);
    let fields = [
        ("submission", submission.as_str()),
        ("issuer_id", issuer.id.as_str()),
        ("achievement_id", achievement.id.as_str()),
        ("recipient_id", ""),
        ("email", "taro@example.ac.jp"),
        ("display_name", "鈴木 太郎"),
        ("lang", "en"),
    ];
    let first = app.submit(&staff, "/issue", &fields).await;
    let second = app.submit(&staff, "/issue", &fields).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    assert_eq!(first.location(), second.location());
    let taro = app
        .state
        .store
        .recipient_by_identifier("email", "TARO@example.ac.jp")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(taro.display_name, "鈴木 太郎");
    assert_eq!(app.state.store.recipients(100, 0).await.unwrap().len(), 1);
    assert_eq!(
        app.state
            .store
            .credentials_of_recipient(&taro.id)
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn viewers_may_read_but_not_create_or_issue() {
    let (app, issuer) = app_with_issuer().await;
    let (_, viewer) = app.logged_in("viewer@example.test", Role::Viewer).await;

    let list = app.get("/achievements?lang=en", Some(&viewer.cookie)).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(!list.body.contains("/achievements/new"));
    assert!(
        !list.body.contains("href=\"/issue\""),
        "viewers get no issuing link"
    );
    let (_, staff) = app.logged_in("staff@example.test", Role::IssuerStaff).await;
    let staff_list = app.get("/achievements?lang=en", Some(&staff.cookie)).await;
    assert!(
        staff_list.body.contains("href=\"/issue\""),
        "issuer staff do"
    );
    let recipients = app.get("/recipients?lang=en", Some(&viewer.cookie)).await;
    assert_eq!(recipients.status, StatusCode::OK);
    assert!(
        !recipients
            .body
            .contains("method=\"post\" action=\"/recipients\"")
    );
    assert!(
        recipients
            .body
            .contains("method=\"get\" action=\"/recipients\"")
    );
    assert_eq!(
        app.get("/achievements/new", Some(&viewer.cookie))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get("/issue", Some(&viewer.cookie)).await.status,
        StatusCode::FORBIDDEN
    );

    let achievement = create_achievement(&app, &viewer, &issuer.id, "データ分析入門", None).await;
    assert_eq!(achievement.status, StatusCode::FORBIDDEN);
    let recipient = app
        .submit(
            &viewer,
            "/recipients",
            &[("display_name", "X"), ("emails", "x@example.jp")],
        )
        .await;
    assert_eq!(recipient.status, StatusCode::FORBIDDEN);
    let issued = app
        .submit(
            &viewer,
            "/issue",
            &[
                ("submission", "s"),
                ("issuer_id", &issuer.id),
                ("email", "x@example.jp"),
            ],
        )
        .await;
    assert_eq!(issued.status, StatusCode::FORBIDDEN);

    assert!(
        app.state
            .store
            .achievements(&issuer.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(app.state.store.recipients(10, 0).await.unwrap().is_empty());
}

#[tokio::test]
async fn posts_without_the_csrf_token_are_refused() {
    let (app, issuer) = app_with_issuer().await;
    let (_, admin) = app.logged_in("admin@example.test", Role::Admin).await;

    let no_token = multipart(&achievement_fields(&issuer.id, "データ分析入門"), None);
    let achievement = post_multipart(&app, "/achievements", &admin.cookie, no_token).await;
    assert_eq!(achievement.status, StatusCode::FORBIDDEN);
    let wrong_token = app
        .post_form(
            "/recipients",
            Some(&admin.cookie),
            &[
                ("csrf_token", "forged"),
                ("display_name", "X"),
                ("emails", "x@example.jp"),
            ],
        )
        .await;
    assert_eq!(wrong_token.status, StatusCode::FORBIDDEN);
    let issued = app
        .post_form(
            "/issue",
            Some(&admin.cookie),
            &[
                ("submission", "s"),
                ("issuer_id", &issuer.id),
                ("email", "x@example.jp"),
            ],
        )
        .await;
    assert_eq!(issued.status, StatusCode::FORBIDDEN);

    assert!(
        app.state
            .store
            .achievements(&issuer.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(app.state.store.recipients(10, 0).await.unwrap().is_empty());
}

#[tokio::test]
async fn bad_achievement_input_is_shown_next_to_the_field_and_nothing_is_stored() {
    let (app, issuer) = app_with_issuer().await;
    let (_, admin) = app.logged_in("admin@example.test", Role::Admin).await;

    let missing_name = create_achievement(&app, &admin, &issuer.id, "  ", None).await;
    assert_eq!(missing_name.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        missing_name
            .body
            .contains("data-field=\"name_ja\">この項目は必須です。"),
        "{}",
        missing_name.body
    );
    assert!(missing_name.body.contains("何も保存されていません"));
    // What was typed is shown again.
    assert!(missing_name.body.contains("Introduction to Data Analysis"));

    let gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;";
    let bad_image = create_achievement(
        &app,
        &admin,
        &issuer.id,
        "データ分析入門",
        Some(("b.png", gif)),
    )
    .await;
    assert_eq!(bad_image.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad_image
            .body
            .contains("data-field=\"image\">PNG または SVG の画像ではありません。"),
        "{}",
        bad_image.body
    );

    let mut huge = TINY_PNG.to_vec();
    huge.resize(600 * 1024, 0);
    let too_large = create_achievement(
        &app,
        &admin,
        &issuer.id,
        "データ分析入門",
        Some(("big.png", &huge)),
    )
    .await;
    assert_eq!(too_large.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        too_large
            .body
            .contains("data-field=\"image\">画像が大きすぎます。")
    );

    let script_svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
    let mut fields = vec![("csrf_token", admin.csrf.as_str())];
    fields.extend(achievement_fields(&issuer.id, "データ分析入門"));
    let english = post_multipart(
        &app,
        "/achievements?lang=en",
        &admin.cookie,
        multipart(&fields, Some(("b.svg", script_svg))),
    )
    .await;
    assert_eq!(english.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        english.body.contains("SVG images must not contain scripts"),
        "{}",
        english.body
    );

    assert!(
        app.state
            .store
            .achievements(&issuer.id)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn editing_keeps_the_image_and_checks_the_fields_again() {
    let (app, issuer) = app_with_issuer().await;
    let (_, admin) = app.logged_in("admin@example.test", Role::Admin).await;
    let created = create_achievement(
        &app,
        &admin,
        &issuer.id,
        "データ分析入門",
        Some(("b.png", TINY_PNG)),
    )
    .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let id = app.state.store.achievements(&issuer.id).await.unwrap()[0]
        .id
        .clone();

    let edit = app
        .get(&format!("/achievements/{id}/edit"), Some(&admin.cookie))
        .await;
    assert_eq!(edit.status, StatusCode::OK);
    assert!(edit.body.contains("データ分析入門"));
    assert!(edit.body.contains("DS-1"));

    let mut fields = vec![("csrf_token", admin.csrf.as_str())];
    fields.extend(achievement_fields(&issuer.id, "データ分析応用"));
    let updated = post_multipart(
        &app,
        &format!("/achievements/{id}"),
        &admin.cookie,
        multipart(&fields, None),
    )
    .await;
    assert_eq!(updated.status, StatusCode::SEE_OTHER, "{}", updated.body);
    let stored = app.state.store.achievement(&id).await.unwrap();
    assert_eq!(stored.details.name_ja, "データ分析応用");
    assert_eq!(stored.details.image.unwrap().bytes, TINY_PNG);

    let mut fields = vec![("csrf_token", admin.csrf.as_str())];
    fields.extend(achievement_fields(&issuer.id, "データ分析応用"));
    fields.retain(|(name, _)| *name != "hours");
    fields.push(("hours", "-3"));
    let refused = post_multipart(
        &app,
        &format!("/achievements/{id}?lang=en"),
        &admin.cookie,
        multipart(&fields, None),
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("data-field=\"hours\">Enter a number of 0 or more.")
    );
    assert_eq!(
        app.state
            .store
            .achievement(&id)
            .await
            .unwrap()
            .details
            .hours,
        Some(30.0)
    );
}

#[tokio::test]
async fn a_duplicate_identifier_is_refused_with_a_clear_message() {
    let (app, _) = app_with_issuer().await;
    let (_, staff) = app.logged_in("staff@example.test", Role::IssuerStaff).await;
    let first = app
        .submit(
            &staff,
            "/recipients",
            &[
                ("display_name", "山田 花子"),
                ("emails", "hanako@example.ac.jp"),
            ],
        )
        .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let second = app
        .submit(
            &staff,
            "/recipients?lang=en",
            &[
                ("display_name", "Another Hanako"),
                ("emails", "new@example.ac.jp\nHANAKO@example.ac.jp"),
            ],
        )
        .await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    assert!(
        second
            .body
            .contains("HANAKO@example.ac.jp already belongs to another recipient."),
        "{}",
        second.body
    );
    let bad_email = app
        .submit(
            &staff,
            "/recipients?lang=ja",
            &[("display_name", "X"), ("emails", "not an email")],
        )
        .await;
    assert_eq!(bad_email.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad_email
            .body
            .contains("有効なメールアドレスを入力してください。")
    );
    let everyone = app.state.store.recipients(10, 0).await.unwrap();
    assert_eq!(everyone.len(), 1);
    assert!(
        app.state
            .store
            .recipient_by_identifier("email", "new@example.ac.jp")
            .await
            .unwrap()
            .is_none()
    );
}
