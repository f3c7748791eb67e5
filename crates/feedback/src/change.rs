//! Pre → post change: per cohort (paired mean with 95 % CI, d_z, g_z, share reliably
//! improved, from `tsumiki_impact::change::paired_change`) and per participant (pre, post,
//! RCI). A participant's score is the pooled rating of their *shown* non-self raters, the
//! same figure their report shows, so suppressed groups never enter a change either. The
//! reliability for the RCI is Cronbach's alpha of the pre round (items within a competency;
//! competencies for the overall score), when it can be computed.

use serde::Serialize;
use tsumiki_impact::change::{
    ChangeOptions, ChangePair, ChangeSummary, cronbach_alpha, paired_change,
};

use crate::anonymity::{AnonymitySettings, visible};
use crate::scoring::{overall, pooled_scores};
use crate::{Instrument, RaterResponse, Text};

/// Scores in instrument order; `None` where nothing was scored.
type Scores = Vec<Option<f64>>;

/// All responses about one participant in one round.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantRound {
    /// Participant id.
    pub participant_id: String,
    /// Their raters' responses.
    pub responses: Vec<RaterResponse>,
}

/// A cohort's change on one measure (a competency, or all of them).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MeasureChange {
    /// Competency id, or `overall`.
    pub id: String,
    /// Its name (empty texts for `overall`; the page names it).
    pub name: Text,
    /// Reliability used for the RCI (Cronbach's alpha at the pre round), if computable.
    pub reliability: Option<f64>,
    /// The paired statistics, or `None` with fewer than two paired participants.
    pub change: Option<ChangeSummary>,
}

/// The cohort's pre → post change, full detail (per-participant rows included): for the
/// participant's own report and staff, never for sponsors (see [`CohortChangeView`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CohortChange {
    /// All competencies pooled.
    pub overall: MeasureChange,
    /// Per competency, in instrument order.
    pub competencies: Vec<MeasureChange>,
}

/// Shown non-self scores per participant: `(participant, competency scores, item means)`.
fn others_scores(
    instrument: &Instrument,
    round: &ParticipantRound,
    settings: &AnonymitySettings,
) -> (Vec<Option<f64>>, Vec<Option<f64>>) {
    let shown = visible(&round.responses, settings);
    let others: Vec<&RaterResponse> = shown
        .iter()
        .filter(|(group, _)| group.is_anonymous())
        .map(|(_, response)| *response)
        .collect();
    let competencies = pooled_scores(instrument, others.iter().copied());
    let items = instrument
        .items()
        .map(|item| {
            let values: Vec<f64> = others
                .iter()
                .filter_map(|response| {
                    response
                        .answers
                        .iter()
                        .find(|answer| answer.item_id == item.id)
                        .and_then(|answer| answer.value)
                        .map(f64::from)
                })
                .collect();
            (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
        })
        .collect();
    (competencies, items)
}

/// Alpha from complete rows only; `None` when it cannot be computed (too few rows or items,
/// no variance) — then the RCI falls back to `tsumiki-impact`'s documented default.
fn alpha(rows: &[Vec<Option<f64>>]) -> Option<f64> {
    let complete: Vec<Vec<f64>> = rows
        .iter()
        .filter_map(|row| row.iter().copied().collect::<Option<Vec<f64>>>())
        .filter(|row| row.len() >= 2)
        .collect();
    cronbach_alpha(&complete)
        .ok()
        .filter(|a| a.is_finite() && *a > 0.0 && *a < 1.0)
}

fn measure(
    id: &str,
    name: Text,
    pre_rows: &[Vec<Option<f64>>],
    pairs: Vec<ChangePair>,
) -> MeasureChange {
    let reliability = alpha(pre_rows);
    let options = ChangeOptions {
        reliability,
        baseline_sd: None,
    };
    let change = if pairs.len() >= 2 {
        paired_change(&pairs, &options).ok()
    } else {
        None
    };
    MeasureChange {
        id: id.to_owned(),
        name,
        reliability,
        change,
    }
}

/// Paired change from `pre` to `post` for participants present in both with shown non-self
/// scores. The caller passes only participants with active evaluation consent.
pub fn cohort_change(
    instrument: &Instrument,
    pre: &[ParticipantRound],
    post: &[ParticipantRound],
    settings: &AnonymitySettings,
) -> CohortChange {
    let pre_scores: Vec<(&str, Scores, Scores)> = pre
        .iter()
        .map(|round| {
            let (competencies, items) = others_scores(instrument, round, settings);
            (round.participant_id.as_str(), competencies, items)
        })
        .collect();
    let post_scores: Vec<(&str, Vec<Option<f64>>)> = post
        .iter()
        .map(|round| {
            let (competencies, _) = others_scores(instrument, round, settings);
            (round.participant_id.as_str(), competencies)
        })
        .collect();
    let post_of = |participant: &str| {
        post_scores
            .iter()
            .find(|(id, _)| *id == participant)
            .map(|(_, scores)| scores)
    };
    let mut overall_pairs = Vec::new();
    for (participant, pre_competencies, _) in &pre_scores {
        if let (Some(before), Some(after)) = (
            overall(pre_competencies),
            post_of(participant).and_then(|scores| overall(scores)),
        ) {
            overall_pairs.push(ChangePair {
                participant: (*participant).to_owned(),
                pre: before,
                post: after,
            });
        }
    }
    let overall_rows: Vec<Vec<Option<f64>>> = pre_scores
        .iter()
        .map(|(_, scores, _)| scores.clone())
        .collect();
    let overall_measure = measure(
        "overall",
        Text {
            ja: String::new(),
            en: String::new(),
        },
        &overall_rows,
        overall_pairs,
    );
    let mut item_offset = 0;
    let competencies = instrument
        .competencies
        .iter()
        .enumerate()
        .map(|(index, competency)| {
            let items = item_offset..item_offset + competency.items.len();
            item_offset = items.end;
            let rows: Vec<Vec<Option<f64>>> = pre_scores
                .iter()
                .map(|(_, _, item_means)| {
                    item_means
                        .get(items.clone())
                        .map(<[_]>::to_vec)
                        .unwrap_or_default()
                })
                .collect();
            let pairs = pre_scores
                .iter()
                .filter_map(|(participant, scores, _)| {
                    let before = scores.get(index).copied().flatten()?;
                    let after = post_of(participant)?.get(index).copied().flatten()?;
                    Some(ChangePair {
                        participant: (*participant).to_owned(),
                        pre: before,
                        post: after,
                    })
                })
                .collect();
            measure(&competency.id, competency.name.clone(), &rows, pairs)
        })
        .collect();
    CohortChange {
        overall: overall_measure,
        competencies,
    }
}

/// Cohort-level figures only: what sponsors, the cohort page and exports may see.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeFigures {
    /// Paired participants.
    pub n: usize,
    /// Mean post − pre.
    pub mean_diff: f64,
    /// 95 % confidence interval of the mean difference.
    pub ci95: [f64; 2],
    /// Cohen's d_z (`None` when every participant changed by the same amount).
    pub dz: Option<f64>,
    /// Hedges' g_z.
    pub gz: Option<f64>,
    /// Share of paired participants with a reliable improvement.
    pub reliable_improvement_share: Option<f64>,
}

/// One measure's cohort figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MeasureFigures {
    /// Competency id or `overall`.
    pub id: String,
    /// Its name.
    pub name: Text,
    /// `None` when fewer paired participants than the anonymity threshold.
    pub figures: Option<ChangeFigures>,
}

/// The cohort report: no per-participant rows, and nothing from fewer participants than the
/// cohort's anonymity threshold (one participant's mean is that participant's score).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CohortChangeView {
    /// All competencies pooled.
    pub overall: MeasureFigures,
    /// Per competency.
    pub competencies: Vec<MeasureFigures>,
}

impl CohortChange {
    /// The cohort-level view, with measures from too few participants withheld.
    pub fn view(&self, settings: &AnonymitySettings) -> CohortChangeView {
        let threshold = settings.threshold.max(crate::anonymity::MIN_THRESHOLD);
        let figures = |measure: &MeasureChange| MeasureFigures {
            id: measure.id.clone(),
            name: measure.name.clone(),
            figures: measure
                .change
                .as_ref()
                .filter(|change| change.n >= threshold)
                .map(|change| ChangeFigures {
                    n: change.n,
                    mean_diff: change.mean_diff,
                    ci95: change.ci95,
                    dz: change.dz,
                    gz: change.gz,
                    reliable_improvement_share: change.reliable_improvement_share,
                }),
        };
        CohortChangeView {
            overall: figures(&self.overall),
            competencies: self.competencies.iter().map(figures).collect(),
        }
    }

    /// One participant's pre/post per measure with their RCI, for their own report.
    pub fn participant_rows(&self, participant_id: &str) -> Vec<ParticipantChangeRow> {
        std::iter::once(&self.overall)
            .chain(&self.competencies)
            .map(|measure| {
                let row = measure.change.as_ref().and_then(|change| {
                    change
                        .participants
                        .iter()
                        .find(|row| row.participant == participant_id)
                });
                ParticipantChangeRow {
                    id: measure.id.clone(),
                    name: measure.name.clone(),
                    pre: row.map(|row| row.pre),
                    post: row.map(|row| row.post),
                    diff: row.map(|row| row.diff),
                    rci: row.and_then(|row| row.rci),
                    reliable: row.and_then(|row| row.reliable),
                }
            })
            .collect()
    }
}

/// One participant's change on one measure.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantChangeRow {
    /// Competency id or `overall`.
    pub id: String,
    /// Its name.
    pub name: Text,
    /// Pre score (shown others, pooled).
    pub pre: Option<f64>,
    /// Post score.
    pub post: Option<f64>,
    /// Post − pre.
    pub diff: Option<f64>,
    /// Reliable change index.
    pub rci: Option<f64>,
    /// |RCI| > 1.96.
    pub reliable: Option<bool>,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::RaterGroup;
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
            comment: None,
        }
    }

    fn round(participant: &str, peer_values: [u8; 3]) -> ParticipantRound {
        ParticipantRound {
            participant_id: participant.to_owned(),
            responses: peer_values
                .iter()
                .map(|value| flat(RaterGroup::Peer, *value))
                .collect(),
        }
    }

    #[test]
    fn cohort_change_pairs_participants_and_withholds_small_cohorts() {
        let model = open_model().unwrap();
        // Others' means: a 2→3 (+1), b 3→5 (+2), c 2→5 (+3), d only pre (dropped).
        let pre = vec![
            round("a", [2, 2, 2]),
            round("b", [3, 3, 3]),
            round("c", [2, 2, 2]),
            round("d", [4, 4, 4]),
        ];
        let post = vec![
            round("a", [3, 3, 3]),
            round("b", [5, 5, 5]),
            round("c", [5, 5, 5]),
        ];
        let change = cohort_change(model, &pre, &post, &SETTINGS);
        let overall = change.overall.change.as_ref().unwrap();
        assert_eq!(overall.n, 3);
        assert!((overall.mean_diff - 2.0).abs() < 1e-12);
        // d = 1, 2, 3: s_d = 1, dz = 2; gz = 2·(1 − 3/(4·2 − 1)) = 8/7.
        assert!((overall.sd_diff - 1.0).abs() < 1e-12);
        assert!((overall.dz.unwrap() - 2.0).abs() < 1e-12);
        assert!((overall.gz.unwrap() - 8.0 / 7.0).abs() < 1e-12);
        // t(0.975, 2) = 4.302653 → 2 ± 4.302653/√3 = [-0.4841, 4.4841].
        assert!((overall.ci95[0] - (2.0 - 4.302_652_729_749_464 / 3f64.sqrt())).abs() < 1e-6);
        assert_eq!(change.competencies.len(), 7);

        let view = change.view(&SETTINGS);
        assert_eq!(view.overall.figures.as_ref().unwrap().n, 3);
        let json = serde_json::to_string(&view).unwrap();
        assert!(
            !json.contains("\"a\""),
            "no participant ids in the cohort view: {json}"
        );
        let strict = AnonymitySettings {
            threshold: 4,
            ..SETTINGS
        };
        assert!(change.view(&strict).overall.figures.is_none());

        let rows = change.participant_rows("b");
        assert_eq!(rows[0].id, "overall");
        assert_eq!(
            (rows[0].pre, rows[0].post, rows[0].diff),
            (Some(3.0), Some(5.0), Some(2.0))
        );
        assert!(change.participant_rows("d")[0].pre.is_none());
    }

    #[test]
    fn participants_whose_raters_are_all_suppressed_do_not_pair() {
        let model = open_model().unwrap();
        let lonely = ParticipantRound {
            participant_id: "e".to_owned(),
            responses: vec![
                flat(RaterGroup::Manager, 5),
                flat(RaterGroup::SelfRating, 5),
            ],
        };
        let rounds = std::slice::from_ref(&lonely);
        let change = cohort_change(model, rounds, rounds, &SETTINGS);
        assert!(change.overall.change.is_none());
    }
}
