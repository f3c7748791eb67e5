//! The participant report view model: self versus others per competency, shown groups,
//! strengths and development areas, comments. Everything is computed from anonymity-filtered
//! responses only ([`crate::anonymity::visible`]), so a page, an export and the participant's
//! own page cannot disagree about what is hidden. The cohort's change is [`crate::change`].

use serde::Serialize;

/// The cohort-change types lived here first; re-exported so callers of either path work.
pub use crate::change::{
    ChangeFigures, CohortChange, CohortChangeView, MeasureChange, MeasureFigures,
    ParticipantChangeRow, ParticipantRound, cohort_change,
};

use crate::anonymity::{AnonymitySettings, visible, visible_comments};
use crate::scoring::pooled_scores;
use crate::{Instrument, RaterGroup, RaterResponse, Text};

/// How many competencies are named as strengths and as development areas.
pub const HIGHLIGHTS: usize = 2;

/// A shown group's score on one competency.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupScore {
    /// The group as shown (after merging).
    pub group: RaterGroup,
    /// Mean of its raters' competency scores.
    pub mean: Option<f64>,
}

/// One competency in a participant report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompetencyRow {
    /// Competency id.
    pub id: String,
    /// Its name.
    pub name: Text,
    /// The participant's own rating.
    pub self_score: Option<f64>,
    /// All shown non-self raters pooled.
    pub others: Option<f64>,
    /// `self_score - others`: positive means the participant rates themself higher than
    /// others do (a blind spot), negative a hidden strength.
    pub gap: Option<f64>,
    /// Each shown group.
    pub groups: Vec<GroupScore>,
}

/// A shown group and how many raters it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupCount {
    /// The group as shown.
    pub group: RaterGroup,
    /// Raters in it.
    pub raters: usize,
}

/// One participant's report for one round.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantReport {
    /// The instrument scored.
    pub instrument_id: String,
    /// Whether the participant rated themself.
    pub self_submitted: bool,
    /// Shown groups with their sizes; suppressed groups are simply absent.
    pub groups: Vec<GroupCount>,
    /// Whether any group was held back (the report says so without saying which).
    pub some_withheld: bool,
    /// Per competency, in instrument order.
    pub competencies: Vec<CompetencyRow>,
    /// Competency ids with the highest "others" scores.
    pub strengths: Vec<String>,
    /// Competency ids with the lowest "others" scores.
    pub development_areas: Vec<String>,
    /// Shown comments, or `None` when too few raters for comments to be anonymous.
    pub comments: Option<Vec<String>>,
}

fn difference(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    Some(a? - b?)
}

/// The participant's report from all responses about them in one round.
pub fn participant_report(
    instrument: &Instrument,
    responses: &[RaterResponse],
    settings: &AnonymitySettings,
) -> ParticipantReport {
    let shown = visible(responses, settings);
    let self_responses: Vec<&RaterResponse> = responses
        .iter()
        .filter(|response| !response.group.is_anonymous())
        .collect();
    let others: Vec<&RaterResponse> = shown
        .iter()
        .filter(|(group, _)| group.is_anonymous())
        .map(|(_, response)| *response)
        .collect();
    let mut groups: Vec<GroupCount> = Vec::new();
    for group in RaterGroup::ALL
        .into_iter()
        .filter(|group| group.is_anonymous())
    {
        let raters = shown
            .iter()
            .filter(|(shown_as, _)| *shown_as == group)
            .count();
        if raters > 0 {
            groups.push(GroupCount { group, raters });
        }
    }
    let some_withheld = others.len() < responses.iter().filter(|r| r.group.is_anonymous()).count();
    let self_scores = pooled_scores(instrument, self_responses.iter().copied());
    let other_scores = pooled_scores(instrument, others.iter().copied());
    let group_scores: Vec<(RaterGroup, Vec<Option<f64>>)> = groups
        .iter()
        .map(|count| {
            let members = shown
                .iter()
                .filter(|(group, _)| *group == count.group)
                .map(|(_, response)| *response);
            (count.group, pooled_scores(instrument, members))
        })
        .collect();
    let competencies: Vec<CompetencyRow> = instrument
        .competencies
        .iter()
        .enumerate()
        .map(|(index, competency)| {
            let self_score = self_scores.get(index).copied().flatten();
            let others = other_scores.get(index).copied().flatten();
            CompetencyRow {
                id: competency.id.clone(),
                name: competency.name.clone(),
                self_score,
                others,
                gap: difference(self_score, others),
                groups: group_scores
                    .iter()
                    .map(|(group, scores)| GroupScore {
                        group: *group,
                        mean: scores.get(index).copied().flatten(),
                    })
                    .collect(),
            }
        })
        .collect();
    let (strengths, development_areas) = highlights(&competencies);
    ParticipantReport {
        instrument_id: instrument.id.clone(),
        self_submitted: !self_responses.is_empty(),
        groups,
        some_withheld,
        competencies,
        strengths,
        development_areas,
        comments: visible_comments(responses, settings),
    }
}

/// Highest and lowest "others" scores; at most half of the scored competencies each, and
/// never one competency in both lists. When every score is the same there is nothing to single
/// out, so both lists are empty. Ties keep instrument order.
fn highlights(rows: &[CompetencyRow]) -> (Vec<String>, Vec<String>) {
    let mut scored: Vec<(&str, f64)> = rows
        .iter()
        .filter_map(|row| row.others.map(|score| (row.id.as_str(), score)))
        .collect();
    let count = HIGHLIGHTS.min(scored.len() / 2);
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    let (Some(highest), Some(lowest)) = (scored.first(), scored.last()) else {
        return (Vec::new(), Vec::new());
    };
    if highest.1.total_cmp(&lowest.1).is_eq() {
        return (Vec::new(), Vec::new());
    }
    let strengths: Vec<String> = scored
        .iter()
        .take(count)
        .map(|(id, _)| (*id).to_owned())
        .collect();
    scored.sort_by(|a, b| a.1.total_cmp(&b.1));
    let development = scored
        .iter()
        .filter(|(id, _)| !strengths.iter().any(|strength| strength == id))
        .take(count)
        .map(|(id, _)| (*id).to_owned())
        .collect();
    (strengths, development)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::anonymity::SmallGroupPolicy;
    use crate::instrument::open_model;
    use crate::scoring::Answer;

    const SETTINGS: AnonymitySettings = AnonymitySettings {
        threshold: 3,
        comment_threshold: 5,
        policy: SmallGroupPolicy::Suppress,
    };

    /// A rater who gives `value` to every item of the open model.
    fn flat(group: RaterGroup, value: u8) -> RaterResponse {
        RaterResponse {
            group,
            answers: open_model()
                .unwrap()
                .items()
                .map(|item| Answer {
                    item_id: item.id.clone(),
                    value: Some(value),
                })
                .collect(),
            comment: Some(format!("{} {value}", group.as_str())),
        }
    }

    /// Like [`flat`] but with `high` on the first competency's items.
    fn tilted(group: RaterGroup, value: u8, high: u8) -> RaterResponse {
        let mut response = flat(group, value);
        for answer in &mut response.answers {
            if answer.item_id.starts_with("sa") {
                answer.value = Some(high);
            }
        }
        response
    }

    #[test]
    fn participant_report_hides_small_groups_and_computes_gaps() {
        let model = open_model().unwrap();
        let responses = vec![
            flat(RaterGroup::SelfRating, 5),
            flat(RaterGroup::Manager, 1), // alone: hidden, and must not move any figure
            tilted(RaterGroup::Peer, 3, 5),
            tilted(RaterGroup::Peer, 3, 5),
            flat(RaterGroup::Peer, 4),
            flat(RaterGroup::DirectReport, 2),
            flat(RaterGroup::DirectReport, 2),
            flat(RaterGroup::DirectReport, 2),
            flat(RaterGroup::DirectReport, 2),
        ];
        let report = participant_report(model, &responses, &SETTINGS);
        // Manager (1) hidden; then the smallest shown group, peers (3), too.
        assert_eq!(
            report.groups,
            vec![GroupCount {
                group: RaterGroup::DirectReport,
                raters: 4
            }]
        );
        assert!(report.some_withheld);
        assert!(report.self_submitted);
        let first = &report.competencies[0];
        assert_eq!(first.self_score, Some(5.0));
        assert_eq!(first.others, Some(2.0));
        assert_eq!(first.gap, Some(3.0));
        assert_eq!(first.groups.len(), 1);
        // Nothing anywhere carries the manager's 1 or the peers' 3/5/4.
        let json = serde_json::to_string(&report).unwrap();
        assert!(!json.contains("manager"), "{json}");
        assert!(!json.contains("peer"), "{json}");
        // 4 shown raters < comment threshold 5.
        assert_eq!(report.comments, None);
        // All others scores are equal (2.0): nothing stands out either way.
        assert!(report.strengths.is_empty());
        assert!(report.development_areas.is_empty());
    }

    #[test]
    fn strengths_and_development_areas_follow_others_scores() {
        let model = open_model().unwrap();
        let mut responses: Vec<RaterResponse> =
            (0..3).map(|_| tilted(RaterGroup::Peer, 3, 5)).collect();
        for response in &mut responses {
            for answer in &mut response.answers {
                if answer.item_id.starts_with("gb") {
                    answer.value = Some(1);
                }
                if answer.item_id.starts_with("pt") {
                    answer.value = Some(4);
                }
                if answer.item_id.starts_with("la") {
                    answer.value = Some(2);
                }
            }
        }
        let report = participant_report(model, &responses, &SETTINGS);
        assert_eq!(
            report.strengths,
            vec!["self-awareness", "perspective-taking"]
        );
        assert_eq!(
            report.development_areas,
            vec!["global-business-acumen", "leading-in-ambiguity"]
        );
        assert_eq!(report.competencies[0].self_score, None);
        assert_eq!(report.competencies[0].gap, None);
    }
}
