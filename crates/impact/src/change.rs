//! Pre/post change: per participant with the reliable change index, per cohort with the
//! paired mean change, its 95 % confidence interval and standardised effect sizes.
//!
//! Cohort (paired differences d_i = post_i − pre_i, n ≥ 2):
//! - `meanDiff` = d̄, `sdDiff` = s_d (n − 1 denominator), `t` = d̄ / (s_d/√n), `df` = n − 1;
//! - `ci95` = d̄ ± t_{0.975, n−1} · s_d/√n (Student t, see [`crate::stats`]);
//! - Cohen's `dz` = d̄ / s_d; Hedges' `gz` = dz · (1 − 3/(4·df − 1)) (small-sample correction,
//!   Hedges & Olkin 1985; Lakens 2013). When every participant changed by the same amount
//!   (s_d = 0, counting the rounding noise of decimal scores as 0) `t`, `dz` and `gz` are
//!   undefined and `None`, `sdDiff` is 0 and the interval is [d̄, d̄].
//!
//! Participant (Jacobson & Truax 1991): SE = SD₁·√(1 − r), S_diff = √2·SE,
//! RCI = (post − pre)/S_diff; reliable when |RCI| > 1.96. `minReliableChange` = 1.96·S_diff,
//! the smallest change that counts.
//!
//! Defaults: SD₁ (`baselineSd`) is the sample SD of the pre scores of the same participants
//! unless given (a norm-group SD is better when known). The reliability r has no default:
//! without it `rci`, `reliable`, `minReliableChange` and `reliableImprovementShare` are all
//! `None` (estimate it from item data with [`cronbach_alpha`], or take the instrument's
//! published test–retest value). If SD₁ is 0 the RCI is undefined and also `None`.
//!
//! Higher scores are better: an improvement is RCI > 1.96. For a scale where lower is better,
//! negate the scores first.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::ImpactError;
use crate::error::{finite, in_range};
use crate::stats::{mean, sample_sd, sample_variance, t_critical_95};

/// The |RCI| above which a change is reliable (two-sided 5 %).
pub const RELIABLE_Z: f64 = 1.96;

/// One participant's score before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangePair {
    pub participant: String,
    pub pre: f64,
    pub post: f64,
}

/// What the RCI needs beyond the pairs; see the module documentation for the defaults.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeOptions {
    /// Reliability of the measure, 0 ≤ r < 1 (alpha or test–retest).
    pub reliability: Option<f64>,
    /// SD of the baseline (pre) scores in a reference group; > 0.
    pub baseline_sd: Option<f64>,
}

/// One participant's change.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantChange {
    pub participant: String,
    pub pre: f64,
    pub post: f64,
    pub diff: f64,
    pub rci: Option<f64>,
    pub reliable: Option<bool>,
}

/// The cohort's paired change.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChangeSummary {
    pub n: usize,
    pub mean_diff: f64,
    pub sd_diff: f64,
    pub t: Option<f64>,
    pub df: usize,
    pub dz: Option<f64>,
    pub gz: Option<f64>,
    pub ci95: [f64; 2],
    /// The baseline SD actually used (given, or the SD of the pre scores).
    pub baseline_sd: f64,
    pub reliability: Option<f64>,
    pub min_reliable_change: Option<f64>,
    pub participants: Vec<ParticipantChange>,
    /// Share of participants with RCI > 1.96.
    pub reliable_improvement_share: Option<f64>,
}

/// Computes the cohort and participant change; see the module documentation.
pub fn paired_change(
    pairs: &[ChangePair],
    options: &ChangeOptions,
) -> Result<ChangeSummary, ImpactError> {
    if pairs.len() < 2 {
        return Err(ImpactError::TooFew {
            what: "paired change",
            needed: 2,
            got: pairs.len(),
        });
    }
    let mut seen = HashSet::new();
    for (i, pair) in pairs.iter().enumerate() {
        if !seen.insert(pair.participant.as_str()) {
            return Err(ImpactError::DuplicateParticipant {
                participant: pair.participant.clone(),
            });
        }
        finite(|| format!("pairs[{i}].pre"), pair.pre)?;
        finite(|| format!("pairs[{i}].post"), pair.post)?;
    }
    let reliability = options
        .reliability
        .map(|r| {
            let r = in_range(|| "reliability".to_owned(), r, 0.0, 1.0)?;
            if r >= 1.0 {
                // r = 1 makes S_diff 0: every change would be "reliable".
                return Err(ImpactError::OutOfRange {
                    field: "reliability".to_owned(),
                    value: r,
                    min: 0.0,
                    max: 1.0,
                });
            }
            Ok(r)
        })
        .transpose()?;
    let given_sd = options
        .baseline_sd
        .map(|sd| {
            let sd = finite(|| "baseline SD".to_owned(), sd)?;
            if sd > 0.0 {
                Ok(sd)
            } else {
                Err(ImpactError::OutOfRange {
                    field: "baseline SD".to_owned(),
                    value: sd,
                    min: f64::MIN_POSITIVE,
                    max: f64::MAX,
                })
            }
        })
        .transpose()?;

    let n = pairs.len();
    let diffs: Vec<f64> = pairs.iter().map(|p| p.post - p.pre).collect();
    let pres: Vec<f64> = pairs.iter().map(|p| p.pre).collect();
    let mean_diff = mean(&diffs).unwrap_or(0.0);
    let scale = pairs
        .iter()
        .map(|p| p.pre.abs().max(p.post.abs()))
        .fold(0.0, f64::max);
    let sd_diff = without_rounding_noise(sample_sd(&diffs).unwrap_or(0.0), scale);
    let df = n - 1;
    let se = sd_diff / (n as f64).sqrt();
    let critical = t_critical_95(df as f64).ok_or(ImpactError::Undefined {
        what: "t quantile",
        why: "degrees of freedom out of range",
    })?;
    let (t, dz, gz) = if sd_diff > 0.0 {
        let dz = mean_diff / sd_diff;
        let correction = 1.0 - 3.0 / (4.0 * df as f64 - 1.0);
        (Some(mean_diff / se), Some(dz), Some(dz * correction))
    } else {
        (None, None, None)
    };
    let ci95 = [mean_diff - critical * se, mean_diff + critical * se];
    if !ci95.iter().all(|v| v.is_finite()) || !mean_diff.is_finite() {
        return Err(ImpactError::NotFinite {
            field: "meanDiff".to_owned(),
        });
    }

    let baseline_sd = given_sd.unwrap_or_else(|| sample_sd(&pres).unwrap_or(0.0));
    let s_diff = reliability
        .map(|r| std::f64::consts::SQRT_2 * baseline_sd * (1.0 - r).sqrt())
        .filter(|s| *s > 0.0 && s.is_finite());
    let participants: Vec<ParticipantChange> = pairs
        .iter()
        .zip(&diffs)
        .map(|(pair, &diff)| {
            let rci = s_diff.map(|s| diff / s);
            ParticipantChange {
                participant: pair.participant.clone(),
                pre: pair.pre,
                post: pair.post,
                diff,
                rci,
                reliable: rci.map(|r| r.abs() > RELIABLE_Z),
            }
        })
        .collect();
    let reliable_improvement_share = s_diff.map(|_| {
        let improved = participants
            .iter()
            .filter(|p| p.rci.is_some_and(|r| r > RELIABLE_Z))
            .count();
        improved as f64 / n as f64
    });
    Ok(ChangeSummary {
        n,
        mean_diff,
        sd_diff,
        t,
        df,
        dz,
        gz,
        ci95,
        baseline_sd,
        reliability,
        min_reliable_change: s_diff.map(|s| RELIABLE_Z * s),
        participants,
        reliable_improvement_share,
    })
}

/// How many units of rounding (ε × the largest score) a spread may be and still count as
/// none: decimal scores are not exact in binary, so a cohort whose every member changed by
/// 0.2 gets differences 0.19999999999999998, 0.2 and 0.20000000000000007, and their SD of
/// ~5e-17 would turn into t ≈ 10¹⁶ and d_z ≈ 10¹⁶ instead of "undefined".
const ROUNDING_SLACK: f64 = 16.0;

/// `spread` (an SD), or 0 when it is below what rounding alone produces at this `scale`.
fn without_rounding_noise(spread: f64, scale: f64) -> f64 {
    if spread <= ROUNDING_SLACK * f64::EPSILON * scale {
        0.0
    } else {
        spread
    }
}

/// Cronbach's alpha, α = k/(k − 1)·(1 − Σ s²_item / s²_total), from one row per respondent
/// and one column per item (k ≥ 2 items, n ≥ 2 respondents, sample variances). It can be
/// negative when items disagree; callers that feed it to [`paired_change`] must then pick
/// another reliability estimate.
pub fn cronbach_alpha(items_by_respondent: &[Vec<f64>]) -> Result<f64, ImpactError> {
    let n = items_by_respondent.len();
    if n < 2 {
        return Err(ImpactError::TooFew {
            what: "Cronbach's alpha (respondents)",
            needed: 2,
            got: n,
        });
    }
    let k = items_by_respondent.first().map_or(0, Vec::len);
    if k < 2 {
        return Err(ImpactError::TooFew {
            what: "Cronbach's alpha (items)",
            needed: 2,
            got: k,
        });
    }
    for (respondent, row) in items_by_respondent.iter().enumerate() {
        if row.len() != k {
            return Err(ImpactError::Ragged {
                respondent,
                got: row.len(),
                expected: k,
            });
        }
        for (item, value) in row.iter().enumerate() {
            finite(
                || format!("item {} of respondent {}", item + 1, respondent + 1),
                *value,
            )?;
        }
    }
    let mut item_variance_sum = 0.0;
    for item in 0..k {
        let column: Vec<f64> = items_by_respondent
            .iter()
            .filter_map(|row| row.get(item).copied())
            .collect();
        item_variance_sum += sample_variance(&column).unwrap_or(0.0);
    }
    let totals: Vec<f64> = items_by_respondent
        .iter()
        .map(|row| row.iter().sum())
        .collect();
    let scale = totals.iter().map(|t| t.abs()).fold(0.0, f64::max);
    let total_variance = sample_variance(&totals).unwrap_or(0.0);
    let total_sd = without_rounding_noise(total_variance.sqrt(), scale);
    if total_variance.is_nan() || total_sd <= 0.0 {
        return Err(ImpactError::Undefined {
            what: "Cronbach's alpha",
            why: "the total scores do not vary",
        });
    }
    let k = k as f64;
    Ok(k / (k - 1.0) * (1.0 - item_variance_sum / total_variance))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn pairs(data: &[(f64, f64)]) -> Vec<ChangePair> {
        data.iter()
            .enumerate()
            .map(|(i, &(pre, post))| ChangePair {
                participant: format!("p{}", i + 1),
                pre,
                post,
            })
            .collect()
    }

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn paired_t_by_hand() {
        // Differences 1, 2, 3, 4, 5: mean 3, s_d = √2.5 = 1.5811388, SE = √0.5 = 0.7071068,
        // t = 3/0.7071068 = 4.2426407, df 4; t_{.975,4} = 2.7764451, CI 3 ± 1.9632432.
        let data = pairs(&[(3.0, 4.0), (2.0, 4.0), (4.0, 7.0), (1.0, 5.0), (5.0, 10.0)]);
        let s = paired_change(&data, &ChangeOptions::default()).unwrap();
        assert_eq!((s.n, s.df), (5, 4));
        assert!(close(s.mean_diff, 3.0, 1e-12));
        assert!(close(s.sd_diff, 2.5f64.sqrt(), 1e-12));
        assert!(close(s.t.unwrap(), 18f64.sqrt(), 1e-12));
        assert!(close(s.ci95[0], 1.036_756_8, 1e-6), "{:?}", s.ci95);
        assert!(close(s.ci95[1], 4.963_243_2, 1e-6), "{:?}", s.ci95);
        // dz = 3/1.5811388 = 1.8973666; J = 1 − 3/15 = 0.8; gz = 1.5178933.
        assert!(close(s.dz.unwrap(), 1.897_366_6, 1e-6));
        assert!(close(s.gz.unwrap(), 1.517_893_3, 1e-6));
        // Without a reliability there is no RCI.
        assert_eq!(s.min_reliable_change, None);
        assert_eq!(s.reliable_improvement_share, None);
        assert!(
            s.participants
                .iter()
                .all(|p| p.rci.is_none() && p.reliable.is_none())
        );
        // Baseline SD defaults to the SD of the pre scores 3, 2, 4, 1, 5: √2.5.
        assert!(close(s.baseline_sd, 2.5f64.sqrt(), 1e-12));
    }

    #[test]
    fn reliable_change_index_by_hand() {
        // SD₁ = 10, r = 0.82: SE = 10·√0.18 = 4.2426407, S_diff = √2·SE = 6, 1.96·6 = 11.76.
        let data = pairs(&[(50.0, 62.0), (40.0, 51.0), (60.0, 47.0), (55.0, 55.0)]);
        let options = ChangeOptions {
            reliability: Some(0.82),
            baseline_sd: Some(10.0),
        };
        let s = paired_change(&data, &options).unwrap();
        assert!(close(s.min_reliable_change.unwrap(), 11.76, 1e-9));
        let rci: Vec<f64> = s.participants.iter().map(|p| p.rci.unwrap()).collect();
        assert!(close(rci[0], 2.0, 1e-9));
        assert!(close(rci[1], 11.0 / 6.0, 1e-9));
        assert!(close(rci[2], -13.0 / 6.0, 1e-9));
        let reliable: Vec<bool> = s.participants.iter().map(|p| p.reliable.unwrap()).collect();
        assert_eq!(reliable, [true, false, true, false]);
        // Only p1 improved reliably (p3 reliably declined).
        assert!(close(s.reliable_improvement_share.unwrap(), 0.25, 1e-12));
    }

    #[test]
    fn constant_change_has_no_t() {
        let s = paired_change(
            &pairs(&[(1.0, 2.0), (3.0, 4.0), (5.0, 6.0)]),
            &ChangeOptions::default(),
        )
        .unwrap();
        assert_eq!((s.t, s.dz, s.gz), (None, None, None));
        assert_eq!(s.ci95, [1.0, 1.0]);
    }

    #[test]
    fn hostile_input() {
        let opts = ChangeOptions::default();
        assert!(matches!(
            paired_change(&pairs(&[(1.0, 2.0)]), &opts),
            Err(ImpactError::TooFew {
                needed: 2,
                got: 1,
                ..
            })
        ));
        assert!(matches!(
            paired_change(&pairs(&[(1.0, f64::NAN), (1.0, 2.0)]), &opts),
            Err(ImpactError::NotFinite { .. })
        ));
        let mut twice = pairs(&[(1.0, 2.0), (2.0, 3.0)]);
        twice[1].participant = "p1".into();
        assert!(matches!(
            paired_change(&twice, &opts),
            Err(ImpactError::DuplicateParticipant { .. })
        ));
        let ok = pairs(&[(1.0, 2.0), (2.0, 4.0)]);
        for r in [1.0, -0.1, 1.5, f64::NAN] {
            let o = ChangeOptions {
                reliability: Some(r),
                baseline_sd: None,
            };
            assert!(paired_change(&ok, &o).is_err(), "r = {r}");
        }
        for sd in [0.0, -1.0, f64::INFINITY] {
            let o = ChangeOptions {
                reliability: Some(0.8),
                baseline_sd: Some(sd),
            };
            assert!(paired_change(&ok, &o).is_err(), "sd = {sd}");
        }
        assert!(matches!(
            paired_change(&pairs(&[(-f64::MAX, f64::MAX), (0.0, 1.0)]), &opts),
            Err(ImpactError::NotFinite { .. })
        ));
    }

    #[test]
    fn zero_baseline_sd_gives_no_rci() {
        let s = paired_change(
            &pairs(&[(3.0, 4.0), (3.0, 6.0)]),
            &ChangeOptions {
                reliability: Some(0.8),
                baseline_sd: None,
            },
        )
        .unwrap();
        assert_eq!(s.baseline_sd, 0.0);
        assert_eq!(s.min_reliable_change, None);
        assert!(s.participants.iter().all(|p| p.rci.is_none()));
    }

    #[test]
    fn cronbach_alpha_by_hand() {
        // Three items, four respondents:
        // item variances: [1,2,3,4] → 5/3, [2,2,3,5] → 2, [1,3,3,5] → 8/3; sum 19/3.
        // totals 4, 7, 9, 14: mean 8.5, SS = 20.25 + 2.25 + 0.25 + 30.25 = 53, var 53/3.
        // α = 3/2 · (1 − 19/53) = 1.5 · 34/53 = 51/53.
        let rows = vec![
            vec![1.0, 2.0, 1.0],
            vec![2.0, 2.0, 3.0],
            vec![3.0, 3.0, 3.0],
            vec![4.0, 5.0, 5.0],
        ];
        assert!(close(cronbach_alpha(&rows).unwrap(), 51.0 / 53.0, 1e-12));
        assert!(matches!(
            cronbach_alpha(&rows[..1]),
            Err(ImpactError::TooFew { .. })
        ));
        assert!(matches!(
            cronbach_alpha(&[vec![1.0, 2.0], vec![1.0]]),
            Err(ImpactError::Ragged {
                respondent: 1,
                got: 1,
                expected: 2
            })
        ));
        assert!(matches!(
            cronbach_alpha(&[vec![1.0, 2.0], vec![2.0, 1.0]]),
            Err(ImpactError::Undefined { .. })
        ));
        assert!(matches!(
            cronbach_alpha(&[vec![1.0], vec![2.0]]),
            Err(ImpactError::TooFew { .. })
        ));
    }
}
