//! Worked examples with published answers: each test names the source whose numbers it
//! reproduces, so a reader can check the figure against the page rather than against us.
//! Where a source prints rounded figures, the tolerance is half a unit of the last printed
//! digit. See `docs/impact-formulas.md` for the formulas and full references.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tsumiki_impact::change::{ChangeOptions, ChangePair, cronbach_alpha, paired_change};
use tsumiki_impact::diversity::diversity;
use tsumiki_impact::roi::{RoiInput, roi};
use tsumiki_impact::stats::{mean, sample_sd, t_critical_95};

fn pairs(pre: &[f64], post: &[f64]) -> Vec<ChangePair> {
    pre.iter()
        .zip(post)
        .enumerate()
        .map(|(i, (&pre, &post))| ChangePair {
            participant: format!("p{}", i + 1),
            pre,
            post,
        })
        .collect()
}

/// `value` rounds to `printed` at `decimals` places (the way the source reports it).
fn prints_as(value: f64, printed: f64, decimals: i32) -> bool {
    (value - printed).abs() <= 0.5 * 10f64.powi(-decimals) + 1e-12
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

/// Lakens (2013), "Calculating and reporting effect sizes to facilitate cumulative science",
/// Frontiers in Psychology 4:863, Table 1: ten people rate two movies (within subjects).
/// Published: Movie 1 M = 8.7, SD = 0.82; Movie 2 M = 7.7, SD = 0.95; t(9) = 4.74;
/// Cohen's d_z = 1.50.
#[test]
fn lakens_2013_movie_ratings_dz() {
    let movie_1 = [9.0, 7.0, 8.0, 9.0, 8.0, 9.0, 9.0, 10.0, 9.0, 9.0];
    let movie_2 = [9.0, 6.0, 7.0, 8.0, 7.0, 9.0, 8.0, 8.0, 8.0, 7.0];
    assert!(prints_as(mean(&movie_1).unwrap(), 8.7, 1));
    assert!(prints_as(sample_sd(&movie_1).unwrap(), 0.82, 2));
    assert!(prints_as(mean(&movie_2).unwrap(), 7.7, 1));
    assert!(prints_as(sample_sd(&movie_2).unwrap(), 0.95, 2));
    // Movie 2 as "pre", Movie 1 as "post": the difference is Movie 1 − Movie 2.
    let s = paired_change(&pairs(&movie_2, &movie_1), &ChangeOptions::default()).unwrap();
    assert_eq!((s.n, s.df), (10, 9));
    assert!(close(s.mean_diff, 1.0, 1e-12));
    assert!(prints_as(s.t.unwrap(), 4.74, 2), "t = {:?}", s.t);
    assert!(prints_as(s.dz.unwrap(), 1.50, 2), "dz = {:?}", s.dz);
    // Not printed by Lakens for this example; the formulas (docs) by hand: s_d = 2/3 exactly
    // (differences 0,1,1,1,1,0,1,2,1,2: SS = 4, var 4/9), J = 1 − 3/(4·9 − 1) = 32/35.
    assert!(close(s.sd_diff, 2.0 / 3.0, 1e-12));
    assert!(close(s.dz.unwrap(), 1.5, 1e-12));
    assert!(close(s.gz.unwrap(), 1.5 * 32.0 / 35.0, 1e-12));
    // 95 % CI 1 ± t_{.975,9}·(2/3)/√10 with t_{.975,9} = 2.262157 (t table).
    let half = 2.262_157 * (2.0 / 3.0) / 10f64.sqrt();
    assert!(close(s.ci95[0], 1.0 - half, 1e-6) && close(s.ci95[1], 1.0 + half, 1e-6));
}

/// Gravetter & Wallnau, "Statistics for the Behavioral Sciences", ch. 11 (repeated-measures
/// t), the high-variability version of the swearing example (Figure 11.4): n = 9 difference
/// scores −11, −10, −7, −2, 0, 0, +3, +4, +5. Published: M_D = −2.00, SS = 288, s = 6.00.
#[test]
fn gravetter_wallnau_high_variability_differences() {
    let diffs = [-11.0, -10.0, -7.0, -2.0, 0.0, 0.0, 3.0, 4.0, 5.0];
    let pre = [20.0; 9];
    let post: Vec<f64> = diffs.iter().map(|d| 20.0 + d).collect();
    let s = paired_change(&pairs(&pre, &post), &ChangeOptions::default()).unwrap();
    assert!(close(s.mean_diff, -2.0, 1e-12));
    assert!(close(s.sd_diff, 6.0, 1e-12));
    let ss = s.sd_diff * s.sd_diff * 8.0;
    assert!(close(ss, 288.0, 1e-9));
    // t = M_D / (s/√n) = −2 / (6/3) = −1 exactly; d = −2/6.
    assert!(close(s.t.unwrap(), -1.0, 1e-12));
    assert!(close(s.dz.unwrap(), -1.0 / 3.0, 1e-12));
    // A change in the "worse" direction: the interval is on both sides of 0.
    assert!(s.ci95[0] < 0.0 && s.ci95[1] > 0.0);
}

/// Gravetter & Wallnau, ch. 11, Demonstrations 11.1–11.2 (an attitude before and after a
/// commercial): n = 7, M_D = 3.00, SS = 74, s² = 12.33, s_MD = 1.33, t(6) = 2.26, critical
/// t(6) = ±2.447, d = 0.86 (the book divides by s rounded to 3.51 and rounds up: the exact
/// 3/√12.33 is 0.854). Their raw scores are not reproduced here: the seven differences below
/// are ours, chosen to have the book's n, M_D and SS, which is all the printed figures use.
#[test]
fn gravetter_wallnau_demonstration_11() {
    let diffs = [-2.0, 0.0, 2.0, 2.0, 5.0, 6.0, 8.0];
    let pre = [10.0; 7];
    let post: Vec<f64> = diffs.iter().map(|d| 10.0 + d).collect();
    let s = paired_change(&pairs(&pre, &post), &ChangeOptions::default()).unwrap();
    assert!(close(s.mean_diff, 3.0, 1e-12));
    assert!(close(s.sd_diff * s.sd_diff * 6.0, 74.0, 1e-9));
    assert!(prints_as(s.sd_diff * s.sd_diff, 12.33, 2));
    assert!(prints_as(s.sd_diff / 7f64.sqrt(), 1.33, 2));
    assert!(prints_as(s.t.unwrap(), 2.26, 2), "t = {:?}", s.t);
    assert!(prints_as(t_critical_95(6.0).unwrap(), 2.447, 3));
    assert!(close(s.dz.unwrap(), 0.86, 0.01), "dz = {:?}", s.dz);
}

/// Shannon (1948), "A Mathematical Theory of Communication", the source of letters A, B, C,
/// D with probabilities 1/2, 1/4, 1/8, 1/8: H = 7/4 bits per symbol. tsumiki reports nats,
/// so H = (7/4)·ln 2. Hill (1973), "Diversity and evenness: a unifying notation": the
/// effective numbers N0 = 4 ≥ N1 = e^H = 2^{7/4} ≥ N2 = 1/Σp² = 64/22.
#[test]
fn shannon_1948_four_letter_source() {
    let mut values = vec!["A"; 4];
    values.extend(["B"; 2]);
    values.extend(["C", "D"]);
    let d = diversity(&values).unwrap();
    assert!(close(d.shannon, 1.75 * 2f64.ln(), 1e-12));
    assert!(close(d.shannon / 2f64.ln(), 1.75, 1e-12), "bits");
    assert!(close(d.effective_number, 2f64.powf(1.75), 1e-12));
    // Blau = 1 − Σp² = 1 − (16 + 4 + 1 + 1)/64 = 42/64; Hill's N2 = 1/(1 − Blau) = 64/22.
    assert!(close(d.blau, 42.0 / 64.0, 1e-12));
    let n2 = 1.0 / (1.0 - d.blau);
    assert!(close(n2, 64.0 / 22.0, 1e-12));
    assert!(4.0 >= d.effective_number && d.effective_number >= n2);
    // Pielou (1966) J' = H/ln K = (7/4)·ln 2 / ln 4 = 7/8.
    assert!(close(d.evenness, 0.875, 1e-12));
    // Agresti & Agresti (1978) IQV = K/(K − 1)·(1 − Σp²) = 4/3 · 42/64 = 7/8.
    assert!(close(d.blau_normalized, 0.875, 1e-12));
}

/// Shannon (1948), Fig. 7: the entropy of two possibilities with probabilities p and q = 1 − p
/// is 1 bit at its maximum, p = ½. Blau (1977): for two equal groups the chance that two
/// people drawn at random belong to different groups is ½.
#[test]
fn shannon_1948_two_equal_possibilities() {
    let d = diversity(&["x", "y", "x", "y", "y", "x"]).unwrap();
    assert!(close(d.shannon / 2f64.ln(), 1.0, 1e-12));
    assert!(close(d.blau, 0.5, 1e-12));
    assert!(close(d.evenness, 1.0, 1e-12));
    assert!(close(d.blau_normalized, 1.0, 1e-12));
    assert!(close(d.effective_number, 2.0, 1e-12));
}

/// Blau's index is defined as the probability that two members drawn at random (with
/// replacement) differ (Blau 1977): count all n² ordered draws of a small group.
#[test]
fn blau_is_the_chance_two_random_members_differ() {
    let group = ["JP", "JP", "JP", "US", "US", "IN", "BR"];
    let differing = group
        .iter()
        .flat_map(|a| group.iter().map(move |b| a != b))
        .filter(|differ| *differ)
        .count();
    let d = diversity(&group).unwrap();
    assert!(close(d.blau, differing as f64 / 49.0, 1e-12));
    // Σ n_i² = 9 + 4 + 1 + 1 = 15 same-category draws of 49.
    assert!(close(d.blau, 34.0 / 49.0, 1e-12));
}

/// Jacobson & Truax (1991), "Clinical significance: a statistical approach to defining
/// meaningful change in psychotherapy research": SE = s₁√(1 − r_xx), S_diff = √(2·SE²),
/// RC = (x₂ − x₁)/S_diff, reliable beyond ±1.96. Their own illustration's numbers are not
/// reproduced here (we could not check them against the paper): the formula by hand with
/// r_xx = 0.95 and s₁ = 7.6, so S_diff = 7.6·√0.1 = 2.4033 and 1.96·S_diff = 4.71 points.
#[test]
fn jacobson_truax_1991_formula_by_hand() {
    let data = pairs(&[20.0, 25.0, 18.0, 30.0], &[14.0, 21.0, 18.0, 36.0]);
    let options = ChangeOptions {
        reliability: Some(0.95),
        baseline_sd: Some(7.6),
    };
    let s = paired_change(&data, &options).unwrap();
    let s_diff = 7.6 * 0.1f64.sqrt();
    assert!(close(s.min_reliable_change.unwrap(), 1.96 * s_diff, 1e-12));
    assert!(prints_as(s.min_reliable_change.unwrap(), 4.71, 2));
    let rci: Vec<f64> = s.participants.iter().map(|p| p.rci.unwrap()).collect();
    for (got, diff) in rci.iter().zip([-6.0, -4.0, 0.0, 6.0]) {
        assert!(close(*got, diff / s_diff, 1e-12));
    }
    // −6 and +6 exceed 4.71 points; −4 does not.
    let reliable: Vec<bool> = s.participants.iter().map(|p| p.reliable.unwrap()).collect();
    assert_eq!(reliable, [true, false, false, true]);
    // Only the +6 is a reliable improvement (higher is better in tsumiki's convention).
    assert!(close(s.reliable_improvement_share.unwrap(), 0.25, 1e-12));
}

/// Cronbach (1951): with two items of equal variance, α equals the Spearman–Brown step-up of
/// their correlation, 2r/(1 + r). Items x and y below: var 2.5 each, cov 2, r = 0.8, so
/// α = 1.6/1.8 = 8/9.
#[test]
fn cronbach_1951_two_parallel_items_match_spearman_brown() {
    let rows = vec![
        vec![1.0, 2.0],
        vec![2.0, 1.0],
        vec![3.0, 3.0],
        vec![4.0, 5.0],
        vec![5.0, 4.0],
    ];
    // By hand: x = 1..5 and y = 2,1,3,5,4 both have variance 2.5; Σ(x−3)(y−3) = 8, cov 2.
    assert!(close(cronbach_alpha(&rows).unwrap(), 8.0 / 9.0, 1e-12));
}

/// Phillips's method: an estimate counts only with the share the participant attributes to
/// the programme and the participant's confidence in the estimate (a 60 % attribution at
/// 80 % confidence keeps 48 % of it); BCR = benefits / costs; ROI % = net benefits / costs
/// × 100; payback = costs / monthly benefits. Numbers ours, computed by hand.
#[test]
fn phillips_adjustment_bcr_and_roi() {
    let input: RoiInput = serde_json::from_str(
        r#"{
          "costs": [
            {"category": "faculty", "amount": 3000000},
            {"category": "participantTime", "hours": 200, "loadedRate": 6000},
            {"category": "backfill", "amount": 800000}
          ],
          "benefits": [
            {"annualValue": 10000000, "isolation": 0.6, "confidence": 0.8},
            {"annualValue": 2000000, "isolation": 0.5, "confidence": 0.5},
            {"nonRespondent": true},
            {"nonRespondent": true}
          ]
        }"#,
    )
    .unwrap();
    let r = roi(&input).unwrap();
    // Costs 3.0M + 1.2M + 0.8M = 5.0M; benefits 4.8M + 0.5M = 5.3M (non-respondents 0).
    assert!(close(r.costs, 5_000_000.0, 1e-6));
    assert!(close(r.benefits, 5_300_000.0, 1e-6));
    assert!(close(r.bcr, 1.06, 1e-12));
    assert!(close(r.roi_percent, 6.0, 1e-9));
    assert!(close(r.payback_months.unwrap(), 5.0 / 5.3 * 12.0, 1e-9));
    assert_eq!((r.respondents, r.non_respondents), (2, 2));
    // Sensitivity: halving every isolation and confidence keeps a quarter: ROI −73.5 %.
    let worst = r
        .sensitivity
        .iter()
        .find(|s| s.isolation_factor == 0.5 && s.confidence_factor == 0.5 && s.horizon_years == 1)
        .unwrap();
    assert!(close(worst.benefits, 1_325_000.0, 1e-6));
    assert!(close(worst.roi_percent, -73.5, 1e-9));
}

/// Decimal scores are not exact in binary: a cohort whose every member gained 0.2 must still
/// be "everyone changed by the same amount" (s_d = 0, no t, no d_z), not t ≈ 10¹⁶.
#[test]
fn identical_decimal_changes_count_as_no_spread() {
    let data = pairs(&[0.1, 0.2, 0.7, 3.3], &[0.3, 0.4, 0.9, 3.5]);
    let raw: Vec<f64> = data.iter().map(|p| p.post - p.pre).collect();
    assert!(
        sample_sd(&raw).unwrap() > 0.0,
        "the premise: rounding makes them differ"
    );
    let s = paired_change(&data, &ChangeOptions::default()).unwrap();
    assert_eq!(s.sd_diff, 0.0);
    assert_eq!((s.t, s.dz, s.gz), (None, None, None));
    assert_eq!(s.ci95, [s.mean_diff, s.mean_diff]);
    assert!(close(s.mean_diff, 0.2, 1e-12));
    // A real spread of the same size as the scores' precision is kept.
    let spread = pairs(&[0.1, 0.2, 0.7], &[0.3, 0.41, 0.9]);
    assert!(
        paired_change(&spread, &ChangeOptions::default())
            .unwrap()
            .t
            .is_some()
    );
}
