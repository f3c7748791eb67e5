//! The demo cohort's 360° rounds: a closed pre round before the start and a closed post round
//! at month 12, each with about ten raters per participant in the fixed groups. Some peer and
//! direct-report groups have two raters and every "other" group one or two, below the
//! threshold of three, so the reports show suppression.
//!
//! Answers come from a small hash of (participant, round, rater, item) rather than a seeded
//! generator's sequence, so each answer is the same whatever order the rows are written in and
//! a half-finished run resumes with the same data. Invitations go through the store's normal
//! invite and submit functions; their mails are to the reserved `example.com` domain and are
//! marked as handled at once, so a server with SMTP configured never tries to deliver them.

use chrono::{DateTime, Utc};
use tsumiki_feedback::RaterGroup;
use tsumiki_feedback::anonymity::SmallGroupPolicy;
use tsumiki_feedback::instrument::{OPEN_MODEL_ID, open_model};
use tsumiki_store::{
    Cohort, FeedbackRound, NewFeedbackRound, NewOutboxMessage, NewRaterInvitation, Participant,
    RoundKind, RoundState,
};

use super::people::{PEOPLE, Person, rater_language};
use super::programme::moment;
use crate::auth::tokens::{random_token, token_hash};
use crate::{AppState, WebError};

/// The outbox kind of the demo's never-delivered invitation mails.
const DEMO_MAIL_KIND: &str = "demo_rater_invitation";

/// Free-text comments raters leave, some in each language.
const COMMENTS: [&str; 8] = [
    "会議で海外メンバーの意見を先に聞くようになり、議論の質が上がった。",
    "英語での説明が以前より簡潔で分かりやすくなった。",
    "意思決定の理由を丁寧に共有してくれるので、チームが動きやすい。",
    "Now asks the overseas team for input before deciding; meetings feel more balanced.",
    "Much clearer when explaining the strategy to the regional offices.",
    "不確実な状況でも方針を示してくれるので安心して取り組める。",
    "Could still delegate more to the local managers.",
    "異なる文化の背景を踏まえて、相手に合わせた伝え方を工夫している。",
];

/// One planned rater: their group and their number within it.
struct Rater {
    group: RaterGroup,
    number: usize,
}

/// The raters of participant `index`: self, manager, 3 peers (2 for some), 3 direct reports
/// (2 for some) and 1–2 others.
fn raters(index: usize) -> Vec<Rater> {
    let peers = if index % 7 == 3 { 2 } else { 3 };
    let reports = if index % 4 == 1 { 2 } else { 3 };
    let others = 1 + index % 2;
    let mut raters = vec![
        Rater {
            group: RaterGroup::SelfRating,
            number: 1,
        },
        Rater {
            group: RaterGroup::Manager,
            number: 1,
        },
    ];
    for (group, count) in [
        (RaterGroup::Peer, peers),
        (RaterGroup::DirectReport, reports),
        (RaterGroup::Other, others),
    ] {
        raters.extend((1..=count).map(|number| Rater { group, number }));
    }
    raters
}

/// SplitMix64 of the inputs: a uniform number in [0, 1) fixed by its arguments.
fn unit(parts: &[u64]) -> f64 {
    let mut state: u64 = 0x7473_756d_696b_6921; // "tsumiki!"
    for part in parts {
        state = state.wrapping_add(part.wrapping_add(0x9e37_79b9_7f4a_7c15));
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        state = z ^ (z >> 31);
    }
    (state >> 11) as f64 / (1u64 << 53) as f64
}

fn group_code(group: RaterGroup) -> u64 {
    match group {
        RaterGroup::SelfRating => 1,
        RaterGroup::Manager => 2,
        RaterGroup::Peer => 3,
        RaterGroup::DirectReport => 4,
        RaterGroup::Other => 5,
    }
}

/// One rater's answer to item `item` (its position), on the 1–5 frequency scale, or `None`
/// ("cannot say"). Each participant has a starting level and a growth over the year (one
/// shows none); self-ratings start high, the usual pattern, and come down to earth later.
fn answer(participant: usize, post: bool, rater: &Rater, item: usize) -> Option<u8> {
    let p = participant as u64;
    let (r, n, i) = (group_code(rater.group), rater.number as u64, item as u64);
    let round = u64::from(post);
    if rater.group != RaterGroup::SelfRating && unit(&[p, round, r, n, i, 7]) < 0.04 {
        return None;
    }
    let start = 2.6 + 0.8 * unit(&[p, 1]);
    let growth = if participant == 6 {
        0.0
    } else {
        0.2 + 0.7 * unit(&[p, 2])
    };
    let competency = 0.5 * unit(&[p, 3, i / 3]) - 0.25;
    let bias = match (rater.group, post) {
        (RaterGroup::SelfRating, false) => 0.5,
        (RaterGroup::SelfRating, true) => 0.2,
        (RaterGroup::Manager, _) => -0.1,
        (RaterGroup::DirectReport, _) => 0.15,
        _ => 0.0,
    };
    let noise = unit(&[p, round, r, n, i, 11]) + unit(&[p, round, r, n, i, 13]) - 1.0;
    let level = start + if post { growth } else { 0.0 } + competency + bias + 0.8 * noise;
    Some(level.round().clamp(1.0, 5.0) as u8)
}

fn comment(participant: usize, post: bool, rater: &Rater) -> Option<&'static str> {
    if matches!(rater.group, RaterGroup::SelfRating | RaterGroup::Manager) {
        return None;
    }
    let draw = unit(&[
        participant as u64,
        u64::from(post),
        group_code(rater.group),
        rater.number as u64,
        17,
    ]);
    if draw < 0.35 {
        COMMENTS
            .get((draw * 1000.0) as usize % COMMENTS.len())
            .copied()
    } else {
        None
    }
}

/// Seeds both rounds (each finished or resumed; a closed round is left as it is).
pub(crate) async fn seed(
    state: &AppState,
    cohort: &Cohort,
    participants: &[Participant],
) -> Result<(), WebError> {
    for (kind, opened, submitted, closed) in [
        (RoundKind::Pre, (0, 0), (0, 7), (0, 14)),
        (RoundKind::Post, (11, 0), (11, 10), (11, 24)),
    ] {
        let at = |(months, days): (u32, u64)| moment(cohort.starts_on, months, days);
        // The pre round ran in the three weeks before the start.
        let shift = |moment: DateTime<Utc>| {
            if kind == RoundKind::Pre {
                moment - chrono::TimeDelta::days(21)
            } else {
                moment
            }
        };
        let round = round(state, cohort, kind, shift(at(opened))).await?;
        if round.state == RoundState::Closed {
            continue;
        }
        let existing = state.store.rater_invitations(&round.id).await?;
        let people = PEOPLE.iter().zip(participants).enumerate();
        for (index, (person, participant)) in people {
            for rater in raters(index) {
                let email = rater_email(index, &rater);
                let invitation = match existing
                    .iter()
                    .find(|i| i.participant_id == participant.id && i.email == email)
                {
                    Some(found) if found.submitted_at.is_some() => continue,
                    Some(found) => found.id.clone(),
                    None => {
                        invite(
                            state,
                            &round,
                            participant,
                            person,
                            &rater,
                            &email,
                            shift(at(opened)),
                        )
                        .await?
                    }
                };
                let post = kind == RoundKind::Post;
                let answers: Vec<(String, Option<u8>)> = open_model()
                    .map_err(|error| WebError::Internal(error.to_string()))?
                    .items()
                    .enumerate()
                    .map(|(item, spec)| (spec.id.clone(), answer(index, post, &rater, item)))
                    .collect();
                state
                    .store
                    .submit_feedback(
                        &invitation,
                        &answers,
                        comment(index, post, &rater),
                        shift(at(submitted)),
                    )
                    .await?;
            }
        }
        mark_demo_mail_handled(state, shift(at(opened))).await?;
        state
            .store
            .close_feedback_round(&round.id, shift(at(closed)))
            .await?;
    }
    Ok(())
}

/// The same rater address in both rounds, as a real cohort would reuse its raters.
fn rater_email(index: usize, rater: &Rater) -> String {
    format!(
        "rater-{:02}-{}-{}@example.com",
        index + 1,
        rater.group.as_str().replace('_', "-"),
        rater.number
    )
}

/// The cohort's round of `kind`, created and opened where needed.
async fn round(
    state: &AppState,
    cohort: &Cohort,
    kind: RoundKind,
    opened_at: DateTime<Utc>,
) -> Result<FeedbackRound, WebError> {
    let found = state
        .store
        .feedback_rounds(&cohort.id)
        .await?
        .into_iter()
        .find(|round| round.kind == kind);
    let round = match found {
        Some(round) => round,
        None => {
            state
                .store
                .create_feedback_round(&NewFeedbackRound {
                    cohort_id: cohort.id.clone(),
                    kind,
                    instrument_id: OPEN_MODEL_ID.to_owned(),
                    small_group_policy: SmallGroupPolicy::Suppress.as_str().to_owned(),
                })
                .await?
        }
    };
    if round.state == RoundState::Draft {
        state
            .store
            .open_feedback_round(&round.id, opened_at)
            .await?;
        return state
            .store
            .feedback_round(&round.id)
            .await?
            .ok_or(WebError::NotFound);
    }
    Ok(round)
}

async fn invite(
    state: &AppState,
    round: &FeedbackRound,
    participant: &Participant,
    person: &Person,
    rater: &Rater,
    email: &str,
    at: DateTime<Utc>,
) -> Result<String, WebError> {
    let mail = NewOutboxMessage {
        recipient: email.to_owned(),
        subject: format!("[demo] 360° feedback: {}", person.name),
        body: "Demo data: this invitation was never delivered.".to_owned(),
        body_after_send: None,
        kind: DEMO_MAIL_KIND.to_owned(),
    };
    let invitation = state
        .store
        .invite_rater(
            &NewRaterInvitation {
                round_id: round.id.clone(),
                participant_id: participant.id.clone(),
                rater_group: rater.group.as_str().to_owned(),
                email: email.to_owned(),
                language: rater_language(person).to_owned(),
            },
            &token_hash(&random_token()),
            &mail,
            at,
        )
        .await?;
    Ok(invitation.id)
}

/// Takes the demo's invitation mails out of the sending queue.
async fn mark_demo_mail_handled(state: &AppState, at: DateTime<Utc>) -> Result<(), WebError> {
    for message in state.store.outbox(10_000).await? {
        if message.kind == DEMO_MAIL_KIND && message.sent_at.is_none() {
            state.store.mark_mail_sent(&message.id, at).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_fixed_by_their_coordinates_and_on_the_scale() {
        let rater = Rater {
            group: RaterGroup::Peer,
            number: 2,
        };
        let mut seen = Vec::new();
        for participant in 0..20 {
            for item in 0..22 {
                let first = answer(participant, true, &rater, item);
                assert_eq!(first, answer(participant, true, &rater, item));
                if let Some(value) = first {
                    assert!((1..=5).contains(&value));
                }
                seen.push(first);
            }
        }
        assert!(seen.iter().any(Option::is_none), "some cannot-say answers");
    }

    #[test]
    fn post_answers_are_higher_on_average_except_for_the_flat_participant() {
        let mean = |participant: usize, post: bool| {
            let mut sum = 0.0;
            let mut n = 0.0;
            for rater in raters(participant) {
                for item in 0..22 {
                    if let Some(v) = answer(participant, post, &rater, item) {
                        sum += f64::from(v);
                        n += 1.0;
                    }
                }
            }
            sum / n
        };
        let improved = (0..20).filter(|&p| mean(p, true) > mean(p, false)).count();
        assert!(improved >= 17, "{improved} of 20 improved");
    }

    #[test]
    fn some_groups_fall_below_the_threshold_of_three() {
        let small = (0..20)
            .flat_map(raters_by_group)
            .filter(|(group, count)| {
                *group != RaterGroup::SelfRating && *group != RaterGroup::Manager && *count < 3
            })
            .count();
        assert!(small >= 20);
        assert_eq!(raters(3).len(), 1 + 1 + 2 + 3 + 2);
    }

    fn raters_by_group(participant: usize) -> Vec<(RaterGroup, usize)> {
        RaterGroup::ALL
            .into_iter()
            .map(|group| {
                (
                    group,
                    raters(participant)
                        .iter()
                        .filter(|r| r.group == group)
                        .count(),
                )
            })
            .collect()
    }
}
