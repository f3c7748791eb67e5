//! Bulk issuance through the web pages, on the real router over a temporary SQLite store:
//! multipart upload with CSRF, the dry run's findings, confirm (twice), the background run,
//! the progress page, re-uploads, Shift-JIS, roles, and resuming an interrupted job.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod web_support;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use tsumiki_store::{IdentifierKind, ImportJobState, Issuer, NewAchievement, Role};
use tsumiki_web::issuer_keys::{IssuerRequest, new_issuer};
use web_support::{Browser, Resp, TestApp, app_at};

const BASE_URL: &str = "https://badges.example.test";
const BOUNDARY: &str = "----tsumiki-import-boundary";

async fn app_with_achievement() -> (TestApp, Issuer, String) {
    let app = app_at(BASE_URL).await;
    let new = new_issuer(
        BASE_URL,
        IssuerRequest {
            slug: "import-univ".to_owned(),
            name_ja: "取込大学".to_owned(),
            name_en: "Import University".to_owned(),
            url: "https://import.example.test".to_owned(),
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
    let achievement = app
        .state
        .store
        .create_achievement(NewAchievement {
            issuer_id: issuer.id.clone(),
            achievement_type: "MicroCredential".into(),
            name_ja: "データ活用入門".into(),
            name_en: "Introduction to Data Use".into(),
            description_ja: "データ活用の基礎を修得した。".into(),
            description_en: "Learned the basics of using data.".into(),
            criteria_ja: "全課題を提出する。".into(),
            criteria_en: "Submit every assignment.".into(),
            learning_outcomes_ja: vec!["データを読める".into()],
            learning_outcomes_en: vec!["Can read data".into()],
            hours: Some(10.0),
            credits: None,
            level: None,
            assessment_type: Some("project".into()),
            participation_form: Some("online".into()),
            quality_assurance: None,
            prerequisites: None,
            stackability: None,
            image: None,
            alignments: Vec::new(),
        })
        .await
        .unwrap();
    (app, issuer, achievement.id)
}

fn multipart(fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((file_name, bytes)) = file {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; \
                 filename=\"{file_name}\"\r\nContent-Type: text/csv\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// Uploads `bytes` as `file_name` for `issuer_id`, with the browser's CSRF token.
async fn upload(
    app: &TestApp,
    browser: &Browser,
    issuer_id: &str,
    file_name: &str,
    bytes: &[u8],
    lang: &str,
) -> Resp {
    upload_sheet(app, browser, issuer_id, file_name, bytes, "", lang).await
}

/// [`upload`] with the sheet field filled in.
async fn upload_sheet(
    app: &TestApp,
    browser: &Browser,
    issuer_id: &str,
    file_name: &str,
    bytes: &[u8],
    sheet: &str,
    lang: &str,
) -> Resp {
    let fields = [
        ("csrf_token", browser.csrf.as_str()),
        ("issuer_id", issuer_id),
        ("sheet", sheet),
    ];
    let request = Request::post(format!("/imports?lang={lang}"))
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header(header::COOKIE, &browser.cookie)
        .body(Body::from(multipart(&fields, Some((file_name, bytes)))))
        .unwrap();
    app.send(request).await
}

/// The job id in the page's confirm form, if it has one.
fn confirm_job(page: &Resp) -> Option<String> {
    let marker = "action=\"/imports/";
    let start = page.body.find(marker)? + marker.len();
    let rest = &page.body[start..];
    let end = rest.find("/run\"")?;
    Some(rest[..end].to_owned())
}

/// Waits (bounded by a number of polls, not by time) until the job leaves pending/running.
async fn wait_until_done(app: &TestApp, job_id: &str) -> ImportJobState {
    for _ in 0..2000 {
        let job = app.state.store.import_job(job_id).await.unwrap();
        if matches!(
            job.state,
            ImportJobState::Completed | ImportJobState::Failed
        ) && !tsumiki_web::bulk::background::is_running_here(job_id)
        {
            return job.state;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("import {job_id} did not finish");
}

async fn credential_count(app: &TestApp, issuer: &Issuer) -> usize {
    app.state
        .store
        .credentials_of_issuer(&issuer.id, 10_000, 0)
        .await
        .unwrap()
        .len()
}

fn csv(achievement_id: &str, people: &[(&str, &str)]) -> String {
    let mut csv = String::from("name,email,badge\n");
    for (name, email) in people {
        csv.push_str(&format!("{name},{email},{achievement_id}\n"));
    }
    csv
}

#[tokio::test]
async fn a_bad_file_shows_its_findings_in_the_ui_language_and_issues_nothing() {
    let (app, issuer, achievement) = app_with_achievement().await;
    let (_, staff) = app.logged_in("staff@example.test", Role::IssuerStaff).await;
    let bad = csv(
        &achievement,
        &[
            ("Good Person", "good@example.test"),
            ("Bad Email", "not-an-email"),
        ],
    );

    let ja = upload(&app, &staff, &issuer.id, "bad.csv", bad.as_bytes(), "ja").await;
    assert_eq!(ja.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", ja.body);
    assert!(
        ja.body.contains(
            "3 行目: 列「email」の「not-an-email」は正しいメールアドレスではありません。"
        ),
        "{}",
        ja.body
    );
    assert!(
        ja.body
            .contains("エラーのある行を修正するまで発行できません")
    );
    assert_eq!(confirm_job(&ja), None, "no confirm button with errors");

    let en = upload(&app, &staff, &issuer.id, "bad.csv", bad.as_bytes(), "en").await;
    assert!(
        en.body
            .contains("Row 3: &#34;not-an-email&#34; in column &#34;email&#34; is not a valid email address.")
            || en
                .body
                .contains("Row 3: &quot;not-an-email&quot; in column &quot;email&quot; is not a valid email address."),
        "{}",
        en.body
    );
    let hash = tsumiki_web::bulk::file_hash(bad.as_bytes());
    assert!(
        app.state
            .store
            .import_jobs_for_file(&issuer.id, &hash)
            .await
            .unwrap()
            .is_empty(),
        "a plan with errors records no job"
    );

    // Not a spreadsheet at all: a clear message on the form, not a 500.
    let xls = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
    let legacy = upload(&app, &staff, &issuer.id, "old.xls", &xls, "ja").await;
    assert_eq!(legacy.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        legacy.body.contains("ファイルが古い .xls 形式です。"),
        "{}",
        legacy.body
    );
    let empty = upload(&app, &staff, &issuer.id, "empty.csv", b"", "en").await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        empty.body.contains("class=\"alert error\""),
        "{}",
        empty.body
    );
    assert_eq!(credential_count(&app, &issuer).await, 0);
}

#[tokio::test]
async fn confirm_runs_once_in_the_background_and_a_reupload_issues_nothing_new() {
    let (app, issuer, achievement) = app_with_achievement().await;
    let (_, admin) = app.logged_in("admin@example.test", Role::Admin).await;
    let file = csv(
        &achievement,
        &[
            ("Aiko Sato", "aiko@example.test"),
            ("Ben Miller", "ben@example.test"),
            ("Chen Wei", "chen@example.test"),
        ],
    );

    let plan = upload(
        &app,
        &admin,
        &issuer.id,
        "cohort.csv",
        file.as_bytes(),
        "ja",
    )
    .await;
    assert_eq!(plan.status, StatusCode::OK, "{}", plan.body);
    assert!(
        plan.body.contains("3 件の証明書を発行する"),
        "{}",
        plan.body
    );
    assert!(plan.body.contains("Ben Miller"));
    let job_id = confirm_job(&plan).expect("a confirm button");
    assert_eq!(
        credential_count(&app, &issuer).await,
        0,
        "the dry run issues nothing"
    );

    // Uploading the same file again before confirming reuses the planned job.
    let again = upload(
        &app,
        &admin,
        &issuer.id,
        "cohort.csv",
        file.as_bytes(),
        "ja",
    )
    .await;
    assert_eq!(confirm_job(&again).as_deref(), Some(job_id.as_str()));

    // A double-submitted confirm starts one run.
    let run_path = format!("/imports/{job_id}/run");
    let first = app.submit(&admin, &run_path, &[]).await;
    let second = app.submit(&admin, &run_path, &[]).await;
    for response in [&first, &second] {
        assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
        assert_eq!(
            response.location(),
            Some(format!("/imports/{job_id}").as_str())
        );
    }
    assert_eq!(
        wait_until_done(&app, &job_id).await,
        ImportJobState::Completed
    );
    let progress = app.state.store.import_progress(&job_id).await.unwrap();
    assert_eq!(
        (
            progress.issued,
            progress.skipped,
            progress.failed,
            progress.pending
        ),
        (3, 0, 0, 0),
        "one run issued every row; a second run would have skipped them"
    );
    assert_eq!(credential_count(&app, &issuer).await, 3);

    let page = app
        .get(&format!("/imports/{job_id}?lang=en"), Some(&admin.cookie))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<progress"), "{}", page.body);
    assert!(page.body.contains("max=\"3\" value=\"3\""), "{}", page.body);
    assert!(
        !page.body.contains("http-equiv=\"refresh\""),
        "done: no refresh"
    );
    assert!(page.headers.get("refresh").is_none());
    assert!(page.body.contains("Completed"));
    let first_link = page.body.find("href=\"/c/").expect("credential links") + "href=\"".len();
    let end = page.body[first_link..].find('"').unwrap();
    let credential_page = app
        .get(
            &format!("{}?lang=en", &page.body[first_link..first_link + end]),
            None,
        )
        .await;
    assert_eq!(credential_page.status, StatusCode::OK);
    assert!(
        credential_page
            .body
            .contains("The credential was verified."),
        "{}",
        credential_page.body
    );

    let list = app.get("/imports?lang=ja", Some(&admin.cookie)).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("cohort.csv"));
    assert!(list.body.contains(&format!("/imports/{job_id}")));
    assert!(list.body.contains("完了"));

    // The same file again: every row is shown as already issued; nothing to confirm.
    let reupload = upload(
        &app,
        &admin,
        &issuer.id,
        "cohort.csv",
        file.as_bytes(),
        "en",
    )
    .await;
    assert_eq!(reupload.status, StatusCode::OK);
    assert_eq!(confirm_job(&reupload), None, "{}", reupload.body);
    assert!(reupload.body.contains("there is nothing new to issue"));
    assert_eq!(
        reupload
            .body
            .matches("<span class=\"pill ok\">Already issued</span>")
            .count(),
        3
    );
    assert_eq!(credential_count(&app, &issuer).await, 3);

    // An edited file with one new row: a new job; the old rows are skipped, not re-issued.
    let edited = format!("{file}Dana Kim,dana@example.test,{achievement}\n");
    let plan = upload(
        &app,
        &admin,
        &issuer.id,
        "cohort-2.csv",
        edited.as_bytes(),
        "en",
    )
    .await;
    assert!(plan.body.contains("Issue 1 credential"), "{}", plan.body);
    let second_job = confirm_job(&plan).unwrap();
    assert_ne!(second_job, job_id);
    app.submit(&admin, &format!("/imports/{second_job}/run"), &[])
        .await;
    wait_until_done(&app, &second_job).await;
    let progress = app.state.store.import_progress(&second_job).await.unwrap();
    assert_eq!((progress.issued, progress.skipped), (1, 3));
    assert_eq!(credential_count(&app, &issuer).await, 4);
}

#[tokio::test]
async fn a_shift_jis_file_is_read_with_its_japanese_names() {
    let (app, issuer, achievement) = app_with_achievement().await;
    let (_, staff) = app.logged_in("staff@example.test", Role::IssuerStaff).await;
    let text = format!(
        "氏名,メールアドレス,badge\n山田 太郎,taro@example.test,{achievement}\n鈴木 花子,hanako@example.test,{achievement}\n"
    );
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err(), "really Shift-JIS");

    let plan = upload(&app, &staff, &issuer.id, "sjis.csv", &bytes, "ja").await;
    assert_eq!(plan.status, StatusCode::OK, "{}", plan.body);
    assert!(plan.body.contains("山田 太郎"), "{}", plan.body);
    let job_id = confirm_job(&plan).unwrap();
    app.submit(&staff, &format!("/imports/{job_id}/run"), &[])
        .await;
    assert_eq!(
        wait_until_done(&app, &job_id).await,
        ImportJobState::Completed
    );
    let taro = app
        .state
        .store
        .recipient_by_identifier("email", "taro@example.test")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(taro.display_name, "山田 太郎");
    assert_eq!(credential_count(&app, &issuer).await, 2);
}

#[tokio::test]
async fn viewers_are_forbidden_and_uploads_need_the_csrf_token() {
    let (app, issuer, achievement) = app_with_achievement().await;
    let (_, viewer) = app.logged_in("viewer@example.test", Role::Viewer).await;
    for path in ["/imports", "/imports/new"] {
        let page = app.get(path, Some(&viewer.cookie)).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{path}");
    }
    let file = csv(&achievement, &[("Eve", "eve@example.test")]);
    let refused = upload(&app, &viewer, &issuer.id, "v.csv", file.as_bytes(), "en").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let (_, staff) = app.logged_in("staff@example.test", Role::IssuerStaff).await;
    let forged = Browser {
        cookie: staff.cookie.clone(),
        csrf: "not-the-token".to_owned(),
    };
    let refused = upload(&app, &forged, &issuer.id, "v.csv", file.as_bytes(), "en").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // A viewer cannot start a job a colleague planned either.
    let plan = upload(&app, &staff, &issuer.id, "v.csv", file.as_bytes(), "en").await;
    let job_id = confirm_job(&plan).unwrap();
    let run = app
        .submit(&viewer, &format!("/imports/{job_id}/run"), &[])
        .await;
    assert_eq!(run.status, StatusCode::FORBIDDEN);
    let job_page = app
        .get(&format!("/imports/{job_id}"), Some(&viewer.cookie))
        .await;
    assert_eq!(job_page.status, StatusCode::FORBIDDEN);
    assert_eq!(credential_count(&app, &issuer).await, 0);

    let anonymous = app.get("/imports", None).await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_job_left_running_by_a_crash_is_resumed_at_start() {
    let (app, issuer, achievement) = app_with_achievement().await;
    let (_, staff) = app.logged_in("staff@example.test", Role::IssuerStaff).await;
    let file = csv(
        &achievement,
        &[
            ("Fumi Ito", "fumi@example.test"),
            ("Gil Roy", "gil@example.test"),
        ],
    );
    let plan = upload(&app, &staff, &issuer.id, "crash.csv", file.as_bytes(), "en").await;
    let job_id = confirm_job(&plan).unwrap();
    // What a kill mid-run leaves behind: the job marked running, nothing running it.
    app.state
        .store
        .set_import_job_state(&job_id, ImportJobState::Running)
        .await
        .unwrap();
    let page = app
        .get(&format!("/imports/{job_id}?lang=en"), Some(&staff.cookie))
        .await;
    assert!(page.body.contains("Interrupted"), "{}", page.body);

    let started = tsumiki_web::bulk::background::resume_interrupted(&app.state).await;
    assert_eq!(started, 1);
    assert_eq!(
        wait_until_done(&app, &job_id).await,
        ImportJobState::Completed
    );
    let progress = app.state.store.import_progress(&job_id).await.unwrap();
    assert_eq!((progress.issued, progress.pending), (2, 0));
    // Resuming again finds nothing of this job to do.
    tsumiki_web::bulk::background::resume_interrupted(&app.state).await;
    assert_eq!(credential_count(&app, &issuer).await, 2);
}

#[tokio::test]
async fn an_oversized_upload_is_refused_with_a_page_not_a_server_error() {
    let (app, issuer, achievement) = app_with_achievement().await;
    let (_, staff) = app.logged_in("staff@example.test", Role::IssuerStaff).await;
    let mut big = csv(&achievement, &[("Hana Mori", "hana@example.test")]);
    while big.len() < 3 * 1024 * 1024 {
        big.push_str("# padding that no column reads,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,\n");
    }
    let refused = upload(&app, &staff, &issuer.id, "big.csv", big.as_bytes(), "ja").await;
    assert!(
        refused.status.is_client_error(),
        "{} {}",
        refused.status,
        refused.body
    );
    assert!(refused.body.contains("<html"), "a page for a person");
    assert_eq!(credential_count(&app, &issuer).await, 0);
}

/// A workbook whose first sheet is notes and whose second sheet, 受講者, is the roster.
fn workbook(achievement_id: &str) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let notes = workbook.add_worksheet();
    notes.set_name("説明").unwrap();
    notes
        .write_string(0, 0, "このシートは読み込みません")
        .unwrap();
    let roster = workbook.add_worksheet();
    roster.set_name("受講者").unwrap();
    for (column, header) in ["氏名", "メールアドレス", "社員番号", "バッジ"]
        .iter()
        .enumerate()
    {
        roster
            .write_string(0, u16::try_from(column).unwrap(), *header)
            .unwrap();
    }
    roster.write_string(1, 0, "高橋 健").unwrap();
    roster.write_string(1, 1, "ken@example.test").unwrap();
    roster.write_number(1, 2, 2001.0).unwrap();
    roster.write_string(1, 3, achievement_id).unwrap();
    roster.write_string(2, 0, "Olivia Brown").unwrap();
    roster.write_string(2, 1, "olivia@example.test").unwrap();
    roster.write_number(2, 2, 2002.0).unwrap();
    roster.write_string(2, 3, achievement_id).unwrap();
    workbook.save_to_buffer().unwrap()
}

#[tokio::test]
async fn an_xlsx_workbook_is_read_from_the_chosen_sheet() {
    let (app, issuer, achievement) = app_with_achievement().await;
    let (_, staff) = app.logged_in("staff@example.test", Role::IssuerStaff).await;
    let bytes = workbook(&achievement);

    // The first sheet has no roster: a file-level message on the form, nothing recorded.
    let first = upload(&app, &staff, &issuer.id, "roster.xlsx", &bytes, "en").await;
    assert_eq!(
        first.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        first.body
    );
    assert!(
        first.body.contains("class=\"alert error\""),
        "{}",
        first.body
    );
    assert_eq!(confirm_job(&first), None);

    let missing = upload_sheet(
        &app,
        &staff,
        &issuer.id,
        "roster.xlsx",
        &bytes,
        "Sheet9",
        "ja",
    )
    .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing.body.contains("Sheet9"), "{}", missing.body);

    let plan = upload_sheet(
        &app,
        &staff,
        &issuer.id,
        "roster.xlsx",
        &bytes,
        "受講者",
        "ja",
    )
    .await;
    assert_eq!(plan.status, StatusCode::OK, "{}", plan.body);
    assert!(plan.body.contains("高橋 健") && plan.body.contains("Olivia Brown"));
    let job_id = confirm_job(&plan).unwrap();
    app.submit(&staff, &format!("/imports/{job_id}/run"), &[])
        .await;
    assert_eq!(
        wait_until_done(&app, &job_id).await,
        ImportJobState::Completed
    );
    let ken = app
        .state
        .store
        .recipient_by_identifier("employee_id", "2001")
        .await
        .unwrap()
        .expect("found by employee number");
    assert_eq!(ken.display_name, "高橋 健");
    assert_eq!(credential_count(&app, &issuer).await, 2);
}
