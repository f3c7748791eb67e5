//! Shared by the feedback test files: a cohort with consenting participants, rounds,
//! invitations with known tokens, and answering through the public rating page.
#![allow(dead_code, clippy::unwrap_used, clippy::panic)]

use chrono::{NaiveDate, Utc};
use tsumiki_feedback::instrument::{OPEN_MODEL_ID, open_model};
use tsumiki_store::{
    CONSENT_EVALUATION, NewCohort, NewFeedbackRound, NewParticipant, NewProgramme,
    NewRaterInvitation, NewRecipient, RoundKind,
};
use tsumiki_web::auth::tokens::{random_token, token_hash};
use tsumiki_web::pages::feedback::rounds::rater_mail;
use tsumiki_web::public::rate::form_binding;

use crate::web_support::{Resp, TestApp};

pub struct CohortFixture {
    pub cohort_id: String,
    pub participants: Vec<String>,
    pub recipients: Vec<String>,
}

pub async fn cohort(
    app: &TestApp,
    people: &[&str],
    sponsor_id: Option<String>,
    consent: bool,
) -> CohortFixture {
    let store = &app.state.store;
    let programme = store
        .create_programme(&NewProgramme {
            provider_id: None,
            title_ja: "異文化リーダーシップ".to_owned(),
            title_en: "Cross-cultural leadership".to_owned(),
            design_json: "{}".to_owned(),
            sponsor_ids: vec![],
            template_of: None,
        })
        .await
        .unwrap();
    let cohort = store
        .create_cohort(&NewCohort {
            programme_id: programme.id,
            sponsor_id,
            name: "2026 春".to_owned(),
            starts_on: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
            ends_on: NaiveDate::from_ymd_opt(2027, 3, 31).unwrap(),
            anonymity_threshold: 3,
            comment_threshold: 5,
        })
        .await
        .unwrap();
    let mut participants = Vec::new();
    let mut recipients = Vec::new();
    for (index, name) in people.iter().enumerate() {
        let (recipient, _) = store
            .create_recipient(NewRecipient {
                display_name: (*name).to_owned(),
                did: None,
                identifiers: vec![(
                    "email".to_owned(),
                    format!("participant{index}-{}@example.jp", &cohort.id[..8]),
                )],
            })
            .await
            .unwrap();
        let participant = store
            .enroll_participant(&NewParticipant {
                cohort_id: cohort.id.clone(),
                recipient_id: recipient.id.clone(),
                nationality: "JP".to_owned(),
                job_function: "finance".to_owned(),
                industry: "manufacturing".to_owned(),
                role_level: "director".to_owned(),
                languages: vec![],
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
        participants.push(participant.id);
        recipients.push(recipient.id);
    }
    CohortFixture {
        cohort_id: cohort.id,
        participants,
        recipients,
    }
}

pub async fn open_round(app: &TestApp, cohort_id: &str, kind: RoundKind, policy: &str) -> String {
    let round = app
        .state
        .store
        .create_feedback_round(&NewFeedbackRound {
            cohort_id: cohort_id.to_owned(),
            kind,
            instrument_id: OPEN_MODEL_ID.to_owned(),
            small_group_policy: policy.to_owned(),
        })
        .await
        .unwrap();
    app.state
        .store
        .open_feedback_round(&round.id, Utc::now())
        .await
        .unwrap();
    round.id
}

/// Invites through the store with a token the test knows.
pub async fn invite(
    app: &TestApp,
    round_id: &str,
    participant_id: &str,
    group: &str,
    email: &str,
) -> String {
    let token = random_token();
    let mail = rater_mail(
        &app.state,
        "ja",
        "山田",
        group == "self",
        &token,
        false,
        email,
    );
    app.state
        .store
        .invite_rater(
            &NewRaterInvitation {
                round_id: round_id.to_owned(),
                participant_id: participant_id.to_owned(),
                rater_group: group.to_owned(),
                email: email.to_owned(),
                language: "ja".to_owned(),
            },
            &token_hash(&token),
            &mail,
            Utc::now(),
        )
        .await
        .unwrap();
    token
}

/// Answers every item of the open model with `value` through `POST /rate/{token}`.
pub async fn answer(app: &TestApp, token: &str, value: u8, comment: &str) -> Resp {
    let binding = form_binding(token);
    let fields: Vec<(String, String)> = open_model()
        .unwrap()
        .items()
        .map(|item| (format!("i_{}", item.id), value.to_string()))
        .chain([
            ("binding".to_owned(), binding),
            ("comment".to_owned(), comment.to_owned()),
        ])
        .collect();
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect();
    app.post_form(&format!("/rate/{token}"), None, &borrowed)
        .await
}
