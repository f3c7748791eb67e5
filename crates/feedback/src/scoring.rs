//! Scoring: a rater's competency score is the mean of their scored items in it ("cannot say"
//! excluded, so a rater who cannot judge a behaviour does not drag the mean to the scale's
//! bottom); a group's score is the mean of its raters' scores, so a rater who answered more
//! items does not weigh more than one who answered fewer.

use serde::{Deserialize, Serialize};

use crate::{FeedbackError, Instrument, RaterGroup};

/// One answer; `None` is "cannot say".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Answer {
    /// Item id.
    pub item_id: String,
    /// Scale value, or `None` for "cannot say".
    pub value: Option<u8>,
}

/// One rater's submitted answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RaterResponse {
    /// Their relation to the participant.
    pub group: RaterGroup,
    /// Their answers.
    pub answers: Vec<Answer>,
    /// Free-text comment, if any.
    pub comment: Option<String>,
}

/// Checks raw form answers against the instrument: every item known, every value on the
/// scale. `None` is "cannot say". Items left out count as "cannot say".
pub fn check_answers(
    instrument: &Instrument,
    raw: &[(String, Option<i64>)],
) -> Result<Vec<Answer>, FeedbackError> {
    let (min, max) = (instrument.scale.min(), instrument.scale.max());
    let mut answers = Vec::with_capacity(raw.len());
    for (item_id, value) in raw {
        if instrument.competency_of(item_id).is_none() {
            return Err(FeedbackError::UnknownItem(item_id.clone()));
        }
        let value = match value {
            None => None,
            Some(value) => match u8::try_from(*value) {
                Ok(v) if (min..=max).contains(&v) => Some(v),
                _ => {
                    return Err(FeedbackError::OutOfScale {
                        item: item_id.clone(),
                        value: *value,
                        min,
                        max,
                    });
                }
            },
        };
        if answers
            .iter()
            .any(|answer: &Answer| &answer.item_id == item_id)
        {
            return Err(FeedbackError::UnknownItem(format!("{item_id} (twice)")));
        }
        answers.push(Answer {
            item_id: item_id.clone(),
            value,
        });
    }
    Ok(answers)
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, count) = values.fold((0.0, 0usize), |(sum, count), v| (sum + v, count + 1));
    (count > 0).then(|| sum / count as f64)
}

/// One rater's score per competency, in instrument order; `None` where they answered
/// "cannot say" to every item of it.
pub fn rater_scores(instrument: &Instrument, response: &RaterResponse) -> Vec<Option<f64>> {
    instrument
        .competencies
        .iter()
        .map(|competency| {
            mean(competency.items.iter().filter_map(|item| {
                response
                    .answers
                    .iter()
                    .find(|answer| answer.item_id == item.id)
                    .and_then(|answer| answer.value)
                    .map(f64::from)
            }))
        })
        .collect()
}

/// The mean of the raters' competency scores per competency, in instrument order, over the
/// responses `include` accepts.
pub fn pooled_scores<'a>(
    instrument: &Instrument,
    responses: impl IntoIterator<Item = &'a RaterResponse>,
) -> Vec<Option<f64>> {
    let per_rater: Vec<Vec<Option<f64>>> = responses
        .into_iter()
        .map(|response| rater_scores(instrument, response))
        .collect();
    (0..instrument.competencies.len())
        .map(|index| {
            mean(
                per_rater
                    .iter()
                    .filter_map(|scores| scores.get(index).copied().flatten()),
            )
        })
        .collect()
}

/// The mean of the competency scores that exist: one number per rater set for overall change.
pub fn overall(scores: &[Option<f64>]) -> Option<f64> {
    mean(scores.iter().filter_map(|score| *score))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::instrument::open_model;

    fn response(group: RaterGroup, answers: &[(&str, Option<u8>)]) -> RaterResponse {
        RaterResponse {
            group,
            answers: answers
                .iter()
                .map(|(item, value)| Answer {
                    item_id: (*item).to_owned(),
                    value: *value,
                })
                .collect(),
            comment: None,
        }
    }

    #[test]
    fn cannot_say_is_excluded_and_raters_weigh_equally() {
        let model = open_model().unwrap();
        // Rater A: sa1=5, sa2=cannot say, sa3=2 → self-awareness 3.5; nothing else scored.
        let a = response(
            RaterGroup::Peer,
            &[("sa1", Some(5)), ("sa2", None), ("sa3", Some(2))],
        );
        // Rater B: sa1=1 only → 1.0; pt1=4 → 4.0.
        let b = response(RaterGroup::Peer, &[("sa1", Some(1)), ("pt1", Some(4))]);
        let scores_a = rater_scores(model, &a);
        assert_eq!(scores_a[0], Some(3.5));
        assert_eq!(scores_a[1], None);
        let pooled = pooled_scores(model, [&a, &b]);
        // (3.5 + 1.0) / 2, not (5 + 2 + 1) / 3.
        assert_eq!(pooled[0], Some(2.25));
        assert_eq!(pooled[1], Some(4.0));
        assert_eq!(pooled[2], None);
        assert_eq!(overall(&pooled), Some(3.125));
        assert_eq!(overall(&[None, None]), None);
    }

    #[test]
    fn hostile_answers_are_refused() {
        let model = open_model().unwrap();
        let ok = check_answers(model, &[("sa1".into(), Some(5)), ("sa2".into(), None)]).unwrap();
        assert_eq!(ok[1].value, None);
        assert!(matches!(
            check_answers(model, &[("sa1".into(), Some(6))]),
            Err(FeedbackError::OutOfScale { value: 6, .. })
        ));
        assert!(matches!(
            check_answers(model, &[("sa1".into(), Some(0))]),
            Err(FeedbackError::OutOfScale { .. })
        ));
        assert!(matches!(
            check_answers(model, &[("sa1".into(), Some(i64::MIN))]),
            Err(FeedbackError::OutOfScale { .. })
        ));
        assert!(matches!(
            check_answers(model, &[("x'; DROP".into(), Some(1))]),
            Err(FeedbackError::UnknownItem(_))
        ));
        assert!(matches!(
            check_answers(model, &[("sa1".into(), Some(1)), ("sa1".into(), Some(5))]),
            Err(FeedbackError::UnknownItem(_))
        ));
    }
}
