//! 360° feedback storage on both databases: rounds and their states, hashed-token
//! invitations with their queued mail, submissions only while open, edits replacing answers,
//! reminders rotating the token, consent filtering, and the outbox's retry bookkeeping.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::NaiveDate;
use common::at;
use tsumiki_store::{
    CONSENT_EVALUATION, MAX_MAIL_ATTEMPTS, NewCohort, NewFeedbackRound, NewOutboxMessage,
    NewParticipant, NewProgramme, NewRaterInvitation, RoundKind, RoundState, Store, StoreError,
};

struct Cohort {
    id: String,
    participants: Vec<String>,
}

async fn cohort(store: &Store, people: usize) -> Cohort {
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
            sponsor_id: None,
            name: "2026 spring".to_owned(),
            starts_on: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
            ends_on: NaiveDate::from_ymd_opt(2027, 3, 31).unwrap(),
            anonymity_threshold: 3,
            comment_threshold: 5,
        })
        .await
        .unwrap();
    let mut participants = Vec::new();
    for index in 0..people {
        let recipient = common::recipient(store, &format!("p{index}@example.jp")).await;
        let participant = store
            .enroll_participant(&NewParticipant {
                cohort_id: cohort.id.clone(),
                recipient_id: recipient,
                nationality: "JP".to_owned(),
                job_function: "finance".to_owned(),
                industry: "manufacturing".to_owned(),
                role_level: "director".to_owned(),
                languages: vec![],
                gender: None,
            })
            .await
            .unwrap();
        participants.push(participant.id);
    }
    Cohort {
        id: cohort.id,
        participants,
    }
}

fn mail(to: &str, token: &str) -> NewOutboxMessage {
    NewOutboxMessage {
        recipient: to.to_owned(),
        subject: "360° feedback".to_owned(),
        body: format!("https://tsumiki.example/rate/{token}"),
        body_after_send: Some("https://tsumiki.example/rate/…".to_owned()),
        kind: "feedback_invitation".to_owned(),
    }
}

fn invitation(round: &str, participant: &str, group: &str, email: &str) -> NewRaterInvitation {
    NewRaterInvitation {
        round_id: round.to_owned(),
        participant_id: participant.to_owned(),
        rater_group: group.to_owned(),
        email: email.to_owned(),
        language: "ja".to_owned(),
    }
}

async fn pre_round(store: &Store, cohort_id: &str) -> String {
    store
        .create_feedback_round(&NewFeedbackRound {
            cohort_id: cohort_id.to_owned(),
            kind: RoundKind::Pre,
            instrument_id: "tsumiki-ccl-1".to_owned(),
            small_group_policy: "suppress".to_owned(),
        })
        .await
        .unwrap()
        .id
}

on_both_databases! {
    async fn rounds_move_draft_open_closed_once(store: Store) {
        let cohort = cohort(&store, 0).await;
        let id = pre_round(&store, &cohort.id).await;
        let second = store
            .create_feedback_round(&NewFeedbackRound {
                cohort_id: cohort.id.clone(),
                kind: RoundKind::Pre,
                instrument_id: "tsumiki-ccl-1".to_owned(),
                small_group_policy: "merge".to_owned(),
            })
            .await;
        assert!(matches!(second, Err(StoreError::AlreadyExists { .. })), "{second:?}");
        store
            .create_feedback_round(&NewFeedbackRound {
                cohort_id: cohort.id.clone(),
                kind: RoundKind::FollowUp,
                instrument_id: "tsumiki-ccl-1".to_owned(),
                small_group_policy: "merge".to_owned(),
            })
            .await
            .unwrap();
        assert!(matches!(
            store.close_feedback_round(&id, at(1)).await,
            Err(StoreError::InvalidTransition { state: "draft", .. })
        ));
        store.open_feedback_round(&id, at(2)).await.unwrap();
        assert!(store.open_feedback_round(&id, at(3)).await.is_err());
        store.close_feedback_round(&id, at(4)).await.unwrap();
        let round = store.feedback_round(&id).await.unwrap().unwrap();
        assert_eq!(round.state, RoundState::Closed);
        assert_eq!(round.opened_at, Some(at(2)));
        assert_eq!(round.closed_at, Some(at(4)));
        let kinds: Vec<RoundKind> = store
            .feedback_rounds(&cohort.id)
            .await
            .unwrap()
            .iter()
            .map(|round| round.kind)
            .collect();
        assert_eq!(kinds, vec![RoundKind::Pre, RoundKind::FollowUp]);
        assert_eq!(RoundKind::FollowUp.month(), 24);
    }

    async fn invitations_submissions_and_the_token_lifecycle(store: Store) {
        let cohort = cohort(&store, 1).await;
        let participant = &cohort.participants[0];
        let round = pre_round(&store, &cohort.id).await;
        let invited = store
            .invite_rater(
                &invitation(&round, participant, "peer", " Peer@Example.JP "),
                "hash-1",
                &mail("peer@example.jp", "secret-1"),
                at(10),
            )
            .await
            .unwrap();
        assert_eq!(invited.email, "peer@example.jp");
        // The same address twice for the same participant and round is refused, and its mail
        // is not queued (one transaction).
        let again = store
            .invite_rater(
                &invitation(&round, participant, "manager", "peer@example.jp"),
                "hash-2",
                &mail("peer@example.jp", "secret-2"),
                at(11),
            )
            .await;
        assert!(matches!(again, Err(StoreError::AlreadyExists { .. })), "{again:?}");
        let outbox = store.outbox(10).await.unwrap();
        assert_eq!(outbox.len(), 1);
        assert!(outbox[0].body.contains("secret-1"));

        let (found, found_round) = store.invitation_by_token_hash("hash-1").await.unwrap().unwrap();
        assert_eq!(found.id, invited.id);
        assert_eq!(found_round.state, RoundState::Draft);
        assert!(store.invitation_by_token_hash("secret-1").await.unwrap().is_none());

        // Draft rounds take no answers.
        let answers = vec![("sa1".to_owned(), Some(4)), ("sa2".to_owned(), None)];
        assert!(matches!(
            store.submit_feedback(&invited.id, &answers, None, at(12)).await,
            Err(StoreError::InvalidTransition { .. })
        ));
        store.open_feedback_round(&round, at(13)).await.unwrap();

        // A reminder rotates the token: the old hash no longer finds the invitation.
        store
            .remind_rater(&invited.id, "hash-3", &mail("peer@example.jp", "secret-3"), at(14))
            .await
            .unwrap();
        assert!(store.invitation_by_token_hash("hash-1").await.unwrap().is_none());
        assert!(store.invitation_by_token_hash("hash-3").await.unwrap().is_some());
        assert_eq!(store.outbox(10).await.unwrap().len(), 2);

        store
            .submit_feedback(&invited.id, &answers, Some("  率直で頼れる  "), at(15))
            .await
            .unwrap();
        // An edit replaces every answer and the comment.
        let edited = vec![("sa1".to_owned(), Some(2))];
        store.submit_feedback(&invited.id, &edited, Some(" "), at(16)).await.unwrap();
        let (stored, comment) = store.invitation_answers(&invited.id).await.unwrap();
        assert_eq!(stored, edited);
        assert_eq!(comment, None);
        // Reminding someone who answered is refused.
        assert!(
            store
                .remind_rater(&invited.id, "hash-4", &mail("x@example.jp", "s"), at(17))
                .await
                .is_err()
        );

        // No consent yet: the response is invisible to reports.
        assert!(
            store
                .consented_round_responses(&round, CONSENT_EVALUATION)
                .await
                .unwrap()
                .is_empty()
        );
        store.record_consent(participant, CONSENT_EVALUATION, at(18)).await.unwrap();
        let responses = store
            .consented_round_responses(&round, CONSENT_EVALUATION)
            .await
            .unwrap();
        assert_eq!(responses.len(), 1);
        assert_eq!(responses[0].answers, edited);
        assert_eq!(responses[0].rater_group, "peer");
        store.withdraw_consent(participant, CONSENT_EVALUATION, at(19)).await.unwrap();
        assert!(
            store
                .consented_round_responses(&round, CONSENT_EVALUATION)
                .await
                .unwrap()
                .is_empty()
        );

        let progress = store.round_progress(&round).await.unwrap();
        assert_eq!(progress.len(), 1);
        assert_eq!((progress[0].invited, progress[0].submitted), (1, 1));

        // Closing expires the link: no more edits, no more invitations.
        store.close_feedback_round(&round, at(20)).await.unwrap();
        assert!(matches!(
            store.submit_feedback(&invited.id, &answers, None, at(21)).await,
            Err(StoreError::InvalidTransition { .. })
        ));
        assert!(
            store
                .invite_rater(
                    &invitation(&round, participant, "other", "late@example.jp"),
                    "hash-5",
                    &mail("late@example.jp", "s"),
                    at(22),
                )
                .await
                .is_err()
        );
    }

    async fn outbox_retries_and_redacts(store: Store) {
        let id = store.enqueue_mail(&mail("a@example.jp", "secret-9"), at(0)).await.unwrap();
        assert_eq!(store.pending_mail(at(0), 10).await.unwrap().len(), 1);
        store.mark_mail_failed(&id, "connection refused", at(60)).await.unwrap();
        // Not due again before the retry time.
        assert!(store.pending_mail(at(59), 10).await.unwrap().is_empty());
        let due = store.pending_mail(at(60), 10).await.unwrap();
        assert_eq!(due[0].attempts, 1);
        assert_eq!(due[0].last_error.as_deref(), Some("connection refused"));
        store.mark_mail_sent(&id, at(61)).await.unwrap();
        assert!(store.pending_mail(at(1000), 10).await.unwrap().is_empty());
        let sent = &store.outbox(10).await.unwrap()[0];
        assert_eq!(sent.sent_at, Some(at(61)));
        assert!(!sent.body.contains("secret-9"), "{}", sent.body);
        assert!(store.mark_mail_sent(&id, at(62)).await.is_err());

        // A message that keeps failing stops being retried.
        let doomed = store.enqueue_mail(&mail("b@example.jp", "s"), at(0)).await.unwrap();
        for attempt in 0..MAX_MAIL_ATTEMPTS {
            store
                .mark_mail_failed(&doomed, "mailbox unavailable", at(i64::from(attempt)))
                .await
                .unwrap();
        }
        assert!(store.pending_mail(at(100_000), 10).await.unwrap().is_empty());
    }
}
