//! 360° feedback pages: who may do what, the invitation → mail → rating link → answer flow
//! through the pages, the token page's language, CSRF binding and expiry, reminders rotating
//! links, the cohort change report, and the mail dispatcher's retries.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod feedback_support;
mod web_support;

use std::sync::Mutex;

use chrono::{TimeDelta, Utc};
use feedback_support::{answer, cohort, invite, open_round};
use tsumiki_store::{NewOrganisation, OrganisationKind, OutboxMessage, Role, RoundKind, UserLinks};
use tsumiki_web::mail::{MailError, MailSender, SendFuture, dispatch_pending};
use web_support::{TestApp, app};

/// The rating token in the outbox message of `kind` to `to` (messages queued within the
/// same second have no order, so tests pick by kind).
async fn token_mailed_to(app: &TestApp, to: &str, kind: &str) -> String {
    let outbox = app.state.store.outbox(100).await.unwrap();
    let message = outbox
        .iter()
        .find(|message| message.recipient == to && message.kind == kind)
        .unwrap_or_else(|| panic!("no mail to {to}: {outbox:?}"));
    let start = message.body.find("/rate/").unwrap() + "/rate/".len();
    message.body[start..start + 43].to_owned()
}

#[tokio::test]
async fn roles_decide_who_manages_and_who_reads() {
    let app = app().await;
    let sponsor = app
        .state
        .store
        .create_organisation(&NewOrganisation {
            name_ja: "積木商事".to_owned(),
            name_en: "Tsumiki Trading".to_owned(),
            kind: OrganisationKind::Sponsor,
        })
        .await
        .unwrap();
    let fixture = cohort(&app, &["山田 花子"], Some(sponsor.id.clone()), true).await;
    let overview = format!("/cohorts/{}/feedback", fixture.cohort_id);

    let (_, viewer) = app.logged_in("viewer@example.jp", Role::Viewer).await;
    assert_eq!(app.get(&overview, Some(&viewer.cookie)).await.status, 403);

    // A sponsor viewer linked to another organisation reads nothing; linked to the
    // cohort's sponsor they read but cannot create rounds.
    let (sponsor_user, sponsor_browser) = app.logged_in("s@example.jp", Role::SponsorViewer).await;
    assert_eq!(
        app.get(&overview, Some(&sponsor_browser.cookie))
            .await
            .status,
        403
    );
    app.state
        .store
        .set_user_links(
            &sponsor_user.id,
            &UserLinks {
                organisation_id: Some(sponsor.id.clone()),
                recipient_id: None,
            },
        )
        .await
        .unwrap();
    let page = app.get(&overview, Some(&sponsor_browser.cookie)).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        !page.body.contains("name=\"kind\""),
        "sponsors get no create form"
    );
    let refused = app
        .submit(
            &sponsor_browser,
            &overview,
            &[("kind", "pre"), ("policy", "suppress")],
        )
        .await;
    assert_eq!(refused.status, 403);

    // Faculty create rounds; a second pre round is refused with a message.
    let (_, faculty) = app.logged_in("faculty@example.jp", Role::Faculty).await;
    let created = app
        .submit(&faculty, &overview, &[("kind", "pre"), ("policy", "merge")])
        .await;
    assert_eq!(created.status, 303, "{}", created.body);
    // The cohort starts 2026-04-01: the pre round is due then, the follow-up two years on.
    let listed = app.get(&overview, Some(&faculty.cookie)).await;
    assert!(listed.body.contains("2026-04-01"), "{}", listed.body);
    assert_eq!(
        tsumiki_web::pages::feedback::rounds::due_on(
            chrono::NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
            RoundKind::FollowUp
        ),
        "2028-04-01"
    );
    let again = app
        .submit(
            &faculty,
            &overview,
            &[("kind", "pre"), ("policy", "suppress")],
        )
        .await;
    assert_eq!(again.status, 422);
    let bogus = app
        .submit(
            &faculty,
            &overview,
            &[("kind", "mid"), ("policy", "suppress")],
        )
        .await;
    assert_eq!(bogus.status, 422);
    // Without the CSRF token the form is refused.
    let forged = app
        .post_form(
            &overview,
            Some(&faculty.cookie),
            &[("kind", "post"), ("policy", "suppress")],
        )
        .await;
    assert_eq!(forged.status, 403);

    // A participant may not read staff pages.
    let (_, participant) = app.logged_in("p@example.jp", Role::Participant).await;
    assert_eq!(
        app.get(&overview, Some(&participant.cookie)).await.status,
        403
    );
    assert_eq!(
        app.get("/me/feedback", Some(&faculty.cookie)).await.status,
        403
    );
}

#[tokio::test]
async fn invitation_mail_link_answer_edit_and_close() {
    let app = app().await;
    let fixture = cohort(&app, &["山田 花子"], None, true).await;
    let participant = &fixture.participants[0];
    let (_, faculty) = app.logged_in("faculty@example.jp", Role::Faculty).await;
    let overview = format!("/cohorts/{}/feedback", fixture.cohort_id);
    let created = app
        .submit(
            &faculty,
            &overview,
            &[("kind", "pre"), ("policy", "suppress")],
        )
        .await;
    let round_path = created.location().unwrap().to_owned();

    let invited = app
        .submit(
            &faculty,
            &format!("{round_path}/invite"),
            &[
                ("participant_id", participant),
                ("rater_group", "peer"),
                (
                    "emails",
                    "Peer.One@example.jp\npeer2@example.jp\nnot-an-address",
                ),
                ("language", "en"),
            ],
        )
        .await;
    assert_eq!(invited.status, 422, "one bad address refuses the batch");
    let invited = app
        .submit(
            &faculty,
            &format!("{round_path}/invite"),
            &[
                ("participant_id", participant),
                ("rater_group", "peer"),
                ("emails", "Peer.One@example.jp\npeer2@example.jp"),
                ("language", "en"),
            ],
        )
        .await;
    assert_eq!(invited.status, 200, "{}", invited.body);
    let outbox = app.state.store.outbox(10).await.unwrap();
    assert_eq!(outbox.len(), 2);
    assert!(
        outbox
            .iter()
            .all(|message| message.subject == "Request for 360° feedback")
    );
    assert!(
        outbox
            .iter()
            .all(|message| message.body.contains("山田 花子"))
    );
    let token = token_mailed_to(&app, "peer.one@example.jp", "feedback_invitation").await;

    // Draft round: the link says "not open" (410) and takes no answers.
    assert_eq!(app.get(&format!("/rate/{token}"), None).await.status, 410);
    app.submit(&faculty, &format!("{round_path}/open"), &[])
        .await;

    // The page speaks the rater's browser language, or the ?lang= they pick.
    let english = app
        .send(
            axum::http::Request::get(format!("/rate/{token}"))
                .header("accept-language", "en-GB,en;q=0.9")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(english.status, 200, "{}", english.body);
    assert!(english.body.contains("Cultural self-awareness"));
    assert!(
        !english.body.contains("fb-"),
        "untranslated id: {}",
        english.body
    );
    assert!(english.body.contains("山田 花子"));
    assert_eq!(
        english.headers.get("referrer-policy").unwrap(),
        "no-referrer"
    );
    let japanese = app.get(&format!("/rate/{token}?lang=ja"), None).await;
    assert!(japanese.body.contains("文化的な自己認識"));
    assert!(japanese.body.contains("判断できない"));
    // Nobody else's identity or answers on the page.
    assert!(!japanese.body.contains("peer2@example.jp"));

    // Unknown and malformed tokens are not found.
    assert_eq!(
        app.get(&format!("/rate/{}", "A".repeat(43)), None)
            .await
            .status,
        404
    );
    assert_eq!(app.get("/rate/../../etc", None).await.status, 404);

    // A post without the token-bound value is refused (cross-site forgery).
    let forged = app
        .post_form(&format!("/rate/{token}"), None, &[("i_sa1", "5")])
        .await;
    assert_eq!(forged.status, 403);
    // Out-of-scale values are refused with the form again.
    let binding = tsumiki_web::public::rate::form_binding(&token);
    let bad = app
        .post_form(
            &format!("/rate/{token}"),
            None,
            &[("binding", binding.as_str()), ("i_sa1", "9")],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);

    assert_eq!(answer(&app, &token, 4, "great listener").await.status, 200);
    // Editable until close: the form comes back prefilled, and a new answer replaces it.
    let prefilled = app.get(&format!("/rate/{token}?lang=en"), None).await;
    assert!(
        prefilled.body.contains("value=\"4\" checked"),
        "{}",
        prefilled.body
    );
    assert!(prefilled.body.contains("great listener"));
    assert_eq!(answer(&app, &token, 5, "").await.status, 200);
    let invitation = app
        .state
        .store
        .invitation_by_token_hash(&tsumiki_web::auth::tokens::token_hash(&token))
        .await
        .unwrap()
        .unwrap()
        .0;
    let (answers, comment) = app
        .state
        .store
        .invitation_answers(&invitation.id)
        .await
        .unwrap();
    assert_eq!(answers.len(), 22);
    assert!(answers.iter().all(|(_, value)| *value == Some(5)));
    assert_eq!(comment, None);

    // Progress shows counts only.
    let progress = app.get(&round_path, Some(&faculty.cookie)).await;
    assert!(progress.body.contains("1 / 2"), "{}", progress.body);
    assert!(
        !progress.body.contains("fb-"),
        "untranslated id: {}",
        progress.body
    );
    assert!(!progress.body.contains("peer.one@example.jp"));

    // A reminder goes only to the rater who has not answered, with a new link; the old one
    // stops working.
    let old = token_mailed_to(&app, "peer2@example.jp", "feedback_invitation").await;
    let reminded = app
        .submit(&faculty, &format!("{round_path}/remind"), &[])
        .await;
    assert_eq!(reminded.status, 200);
    let outbox = app.state.store.outbox(10).await.unwrap();
    assert_eq!(outbox.len(), 3);
    let reminders: Vec<&str> = outbox
        .iter()
        .filter(|message| message.kind == "feedback_reminder")
        .map(|message| message.recipient.as_str())
        .collect();
    assert_eq!(reminders, vec!["peer2@example.jp"]);
    let new = token_mailed_to(&app, "peer2@example.jp", "feedback_reminder").await;
    assert_ne!(old, new);
    assert_eq!(app.get(&format!("/rate/{old}"), None).await.status, 404);
    assert_eq!(app.get(&format!("/rate/{new}"), None).await.status, 200);

    // Closing expires every link.
    app.submit(&faculty, &format!("{round_path}/close"), &[])
        .await;
    assert_eq!(app.get(&format!("/rate/{new}"), None).await.status, 410);
    assert_eq!(answer(&app, &token, 1, "").await.status, 410);
}

#[tokio::test]
async fn cohort_change_report_shows_paired_statistics() {
    let app = app().await;
    let sponsor = app
        .state
        .store
        .create_organisation(&NewOrganisation {
            name_ja: "積木商事".to_owned(),
            name_en: "Tsumiki Trading".to_owned(),
            kind: OrganisationKind::Sponsor,
        })
        .await
        .unwrap();
    let fixture = cohort(&app, &["A", "B", "C"], Some(sponsor.id.clone()), true).await;
    let pre = open_round(&app, &fixture.cohort_id, RoundKind::Pre, "suppress").await;
    let post = open_round(&app, &fixture.cohort_id, RoundKind::Post, "suppress").await;
    // Others' means: A 2→3, B 3→5, C 2→5: changes 1, 2, 3 → mean 2, s_d 1, d_z 2.
    for (index, participant) in fixture.participants.iter().enumerate() {
        let (before, after) = [(2, 3), (3, 5), (2, 5)][index];
        for rater in 0..3 {
            let email = format!("r{index}-{rater}@example.jp");
            let token = invite(&app, &pre, participant, "peer", &email).await;
            answer(&app, &token, before, "").await;
            let token = invite(&app, &post, participant, "peer", &email).await;
            answer(&app, &token, after, "").await;
        }
    }
    let (_, admin) = app.logged_in("admin@example.jp", Role::Admin).await;
    let cookie = Some(admin.cookie.as_str());
    let json = app
        .get(
            &format!("/cohorts/{}/feedback/change.json", fixture.cohort_id),
            cookie,
        )
        .await
        .json();
    let overall = &json["post"]["overall"]["figures"];
    assert_eq!(overall["n"], 3);
    assert!((overall["meanDiff"].as_f64().unwrap() - 2.0).abs() < 1e-9);
    assert!((overall["dz"].as_f64().unwrap() - 2.0).abs() < 1e-9);
    assert!((overall["gz"].as_f64().unwrap() - 8.0 / 7.0).abs() < 1e-9);
    assert!(json["followUp"].is_null());
    let page = app
        .get(
            &format!("/cohorts/{}/feedback/change", fixture.cohort_id),
            cookie,
        )
        .await;
    assert!(page.body.contains("+2.00"), "{}", page.body);
    assert!(!page.body.contains("fb-"), "untranslated id: {}", page.body);
    let csv = app
        .get(
            &format!("/cohorts/{}/feedback/change.csv", fixture.cohort_id),
            cookie,
        )
        .await;
    assert!(
        csv.body.starts_with("\"round\",\"measure\",\"n\""),
        "{}",
        csv.body
    );
    assert!(
        csv.body.contains("\"post\",\"overall\",\"3\",\"2.0000\""),
        "{}",
        csv.body
    );

    // The participant's own post report shows their pre/post change.
    let report = app
        .get(
            &format!(
                "/cohorts/{}/feedback/{post}/participants/{}",
                fixture.cohort_id, fixture.participants[1]
            ),
            cookie,
        )
        .await;
    assert!(report.body.contains("3.00"), "{}", report.body);
    assert!(report.body.contains("5.00"));
    assert!(report.body.contains("+2.00"));
    assert!(
        !report.body.contains("fb-"),
        "untranslated id: {}",
        report.body
    );

    // The cohort's sponsor reads the cohort-level change, never one participant's results.
    let (sponsor_user, sponsor_browser) = app.logged_in("s@example.jp", Role::SponsorViewer).await;
    app.state
        .store
        .set_user_links(
            &sponsor_user.id,
            &UserLinks {
                organisation_id: Some(sponsor.id.clone()),
                recipient_id: None,
            },
        )
        .await
        .unwrap();
    let sponsor_cookie = Some(sponsor_browser.cookie.as_str());
    let cohort_id = &fixture.cohort_id;
    assert_eq!(
        app.get(
            &format!("/cohorts/{cohort_id}/feedback/change"),
            sponsor_cookie
        )
        .await
        .status,
        200
    );
    for path in [
        format!(
            "/cohorts/{cohort_id}/feedback/{post}/participants/{}",
            fixture.participants[1]
        ),
        format!("/cohorts/{cohort_id}/feedback/{post}"),
        format!("/cohorts/{cohort_id}/feedback/{post}/reports.json"),
        format!("/cohorts/{cohort_id}/feedback/{post}/reports.csv"),
    ] {
        assert_eq!(app.get(&path, sponsor_cookie).await.status, 403, "{path}");
    }
}

/// Records what it is asked to send; fails while `fail` is set.
#[derive(Default)]
struct Recorder {
    sent: Mutex<Vec<String>>,
    fail: Mutex<bool>,
}

impl MailSender for Recorder {
    fn send<'a>(&'a self, message: &'a OutboxMessage) -> SendFuture<'a> {
        Box::pin(async move {
            if *self.fail.lock().unwrap() {
                return Err(MailError::Transport("421 try again later".to_owned()));
            }
            self.sent.lock().unwrap().push(message.recipient.clone());
            Ok(())
        })
    }
}

#[tokio::test]
async fn dispatcher_sends_retries_and_redacts() {
    let app = app().await;
    let fixture = cohort(&app, &["山田 花子"], None, true).await;
    let round = open_round(&app, &fixture.cohort_id, RoundKind::Pre, "suppress").await;
    let token = invite(
        &app,
        &round,
        &fixture.participants[0],
        "peer",
        "a@example.jp",
    )
    .await;
    let store = &app.state.store;
    let recorder = Recorder::default();
    *recorder.fail.lock().unwrap() = true;
    let now = Utc::now();
    let summary = dispatch_pending(store, &recorder, now).await.unwrap();
    assert_eq!((summary.sent, summary.failed), (0, 1));
    let message = &store.outbox(1).await.unwrap()[0];
    assert_eq!(message.attempts, 1);
    assert!(message.last_error.as_deref().unwrap().contains("421"));
    // Not retried before its back-off has passed.
    *recorder.fail.lock().unwrap() = false;
    let summary = dispatch_pending(store, &recorder, now).await.unwrap();
    assert_eq!((summary.sent, summary.failed), (0, 0));
    let later = now + TimeDelta::minutes(2);
    let summary = dispatch_pending(store, &recorder, later).await.unwrap();
    assert_eq!(summary.sent, 1);
    assert_eq!(
        *recorder.sent.lock().unwrap(),
        vec!["a@example.jp".to_owned()]
    );
    let message = &store.outbox(1).await.unwrap()[0];
    assert!(message.sent_at.is_some());
    // The stored copy no longer carries a working link.
    assert!(!message.body.contains(&token), "{}", message.body);
    assert_eq!(
        dispatch_pending(store, &recorder, later)
            .await
            .unwrap()
            .sent,
        0
    );
}
