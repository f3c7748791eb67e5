//! The side-by-side comparison: each candidate's weighted score and its rank.
//!
//! The weighted score is the weighted mean of the candidate's scores, Σ wᵢ·sᵢ / Σ wᵢ, over the
//! criteria with a weight above zero, so it stays on the 1–5 scale the scorers used. Only a
//! candidate scored on EVERY weighted criterion is ranked: ranking a half-scored candidate
//! would reward leaving its weak criteria blank. Equal scores share a rank (1, 1, 3).

use tsumiki_store::{CriterionScore, SelectionCriterion};

/// One candidate's result.
#[derive(Debug, Clone, PartialEq)]
pub struct CandidateResult {
    /// The candidate.
    pub candidate_id: String,
    /// Weighted mean over the weighted criteria scored so far; `None` before any.
    pub weighted_score: Option<f64>,
    /// How many weighted criteria are scored.
    pub scored: usize,
    /// How many criteria carry weight.
    pub required: usize,
    /// 1 = best; `None` until every weighted criterion is scored.
    pub rank: Option<usize>,
}

/// The results for `candidates` (in their order) under `weights`.
pub fn compare(
    weights: &[(SelectionCriterion, u32)],
    candidates: &[String],
    scores: &[CriterionScore],
) -> Vec<CandidateResult> {
    let weighted: Vec<(SelectionCriterion, f64)> = weights
        .iter()
        .filter(|(_, weight)| *weight > 0)
        .map(|(criterion, weight)| (*criterion, f64::from(*weight)))
        .collect();
    let mut results: Vec<CandidateResult> = candidates
        .iter()
        .map(|candidate| {
            let (mut sum, mut weight_sum, mut scored) = (0.0, 0.0, 0);
            for (criterion, weight) in &weighted {
                let found = scores.iter().find(|score| {
                    &score.candidate_id == candidate && score.criterion == *criterion
                });
                if let Some(score) = found {
                    sum += weight * f64::from(score.score);
                    weight_sum += weight;
                    scored += 1;
                }
            }
            CandidateResult {
                candidate_id: candidate.clone(),
                weighted_score: (weight_sum > 0.0).then(|| sum / weight_sum),
                scored,
                required: weighted.len(),
                rank: None,
            }
        })
        .collect();
    let complete: Vec<f64> = results
        .iter()
        .filter(|result| result.required > 0 && result.scored == result.required)
        .filter_map(|result| result.weighted_score)
        .collect();
    for result in &mut results {
        if result.required > 0 && result.scored == result.required {
            result.rank = result
                .weighted_score
                .map(|own| 1 + complete.iter().filter(|other| **other > own + 1e-9).count());
        }
    }
    results
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone as _, Utc};

    use super::*;

    fn score(candidate: &str, criterion: SelectionCriterion, value: u8) -> CriterionScore {
        CriterionScore {
            candidate_id: candidate.into(),
            criterion,
            score: value,
            evidence: String::new(),
            updated_at: Utc.timestamp_opt(0, 0).unwrap(),
        }
    }

    use SelectionCriterion::{AppliedComponents as Applied, StrategicAlignment as Strategy};

    #[test]
    fn weighted_mean_and_competition_ranking() {
        // Only two criteria carry weight: strategy 3, applied 1.
        let mut weights: Vec<(SelectionCriterion, u32)> =
            SelectionCriterion::ALL.iter().map(|c| (*c, 0)).collect();
        weights[0].1 = 3;
        weights[1].1 = 1;
        let candidates = ["a", "b", "c", "d"].map(String::from);
        let scores = [
            // a: (3·5 + 1·1) / 4 = 4.0
            score("a", Strategy, 5),
            score("a", Applied, 1),
            // b: (3·4 + 1·4) / 4 = 4.0 — ties with a
            score("b", Strategy, 4),
            score("b", Applied, 4),
            // c: (3·2 + 1·5) / 4 = 2.75
            score("c", Strategy, 2),
            score("c", Applied, 5),
            // d: only strategy, 5 → partial mean 5, not ranked; an unweighted score is ignored.
            score("d", Strategy, 5),
            score("d", SelectionCriterion::CohortDiversity, 1),
        ];
        let results = compare(&weights, &candidates, &scores);
        let view: Vec<(Option<f64>, usize, Option<usize>)> = results
            .iter()
            .map(|r| (r.weighted_score, r.scored, r.rank))
            .collect();
        assert_eq!(
            view,
            [
                (Some(4.0), 2, Some(1)),
                (Some(4.0), 2, Some(1)),
                (Some(2.75), 2, Some(3)),
                (Some(5.0), 1, None),
            ]
        );
        assert!(results.iter().all(|r| r.required == 2));
    }

    #[test]
    fn nothing_scored_or_nothing_weighted_ranks_nobody() {
        let weights: Vec<(SelectionCriterion, u32)> =
            SelectionCriterion::ALL.iter().map(|c| (*c, 1)).collect();
        let none = compare(&weights, &["a".into()], &[]);
        assert_eq!(none[0].weighted_score, None);
        assert_eq!(none[0].rank, None);
        assert_eq!(none[0].required, 7);
        let zero: Vec<(SelectionCriterion, u32)> =
            SelectionCriterion::ALL.iter().map(|c| (*c, 0)).collect();
        let results = compare(&zero, &["a".into()], &[score("a", Strategy, 5)]);
        assert_eq!(results[0].weighted_score, None);
        assert_eq!(results[0].rank, None);
        assert!(compare(&weights, &[], &[]).is_empty());
    }
}
