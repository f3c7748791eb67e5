//! Properties the documented formulas (`docs/impact-formulas.md`) promise for every input:
//! bounds of the diversity indices, the identities that tie the reported figures together,
//! and that a protected diversity table never gives away a small category.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use tsumiki_impact::anonymity::Visibility;
use tsumiki_impact::change::{
    ChangeOptions, ChangePair, RELIABLE_Z, cronbach_alpha, paired_change,
};
use tsumiki_impact::diversity::diversity;
use tsumiki_impact::roi::{BenefitItem, CostCategory, CostItem, RoiInput, roi};
use tsumiki_impact::stats::t_critical_95;

/// One label per person from category sizes (category i gets `sizes[i]` people).
fn people(sizes: &[usize]) -> Vec<String> {
    sizes
        .iter()
        .enumerate()
        .flat_map(|(i, &size)| std::iter::repeat_n(format!("category-{i}"), size))
        .collect()
}

/// Blau, Shannon of a published table (counts over n), computed here independently.
fn blau_and_shannon(counts: &[usize], n: usize) -> (f64, f64) {
    let shares: Vec<f64> = counts.iter().map(|&c| c as f64 / n as f64).collect();
    let blau = 1.0 - shares.iter().map(|p| p * p).sum::<f64>();
    let shannon = -shares.iter().map(|p| p * p.ln()).sum::<f64>();
    (blau, shannon)
}

proptest! {
    /// Blau ∈ [0, 1 − 1/K]; Hill's numbers are ordered K = N0 ≥ N1 = e^H ≥ N2 = 1/Σp²
    /// (Hill 1973), which ties Blau and Shannon together.
    #[test]
    fn blau_within_zero_and_one_minus_one_over_k(sizes in prop::collection::vec(1usize..40, 1..30)) {
        let d = diversity(&people(&sizes)).unwrap();
        let k = sizes.len() as f64;
        prop_assert_eq!(d.categories.len(), sizes.len());
        prop_assert!(d.blau >= 0.0);
        prop_assert!(d.blau <= 1.0 - 1.0 / k + 1e-12, "blau {} K {}", d.blau, k);
        let n2 = 1.0 / (1.0 - d.blau);
        prop_assert!(d.effective_number <= k * (1.0 + 1e-12));
        prop_assert!(d.effective_number >= n2 * (1.0 - 1e-12), "N1 {} < N2 {}", d.effective_number, n2);
        // The maximum is reached exactly when every category is the same size.
        let even = sizes.iter().all(|&s| s == sizes[0]);
        if even {
            prop_assert!((d.blau - (1.0 - 1.0 / k)).abs() < 1e-12);
            prop_assert!((d.effective_number - k).abs() < 1e-9 * k);
        }
        if k > 1.0 {
            prop_assert!((d.blau_normalized - d.blau / (1.0 - 1.0 / k)).abs() < 1e-12);
            prop_assert!((d.evenness - d.shannon / k.ln()).abs() < 1e-12);
        }
    }

    /// Suppression never leaks: no shown category is below the threshold, what a reader can
    /// subtract from n is 0 or at least the threshold (or everyone, when n itself is below
    /// it), hidden categories are one anonymous pool, and the published indices are exactly
    /// those of the published table.
    #[test]
    fn protected_diversity_never_leaks(
        sizes in prop::collection::vec(1usize..12, 1..12),
        threshold in 0usize..8,
    ) {
        let d = diversity(&people(&sizes)).unwrap();
        let p = d.protect(threshold);
        prop_assert_eq!(p.n, d.n);
        let shown: Vec<usize> = p.categories.iter()
            .filter(|c| c.visibility == Visibility::Shown)
            .map(|c| c.count.unwrap())
            .collect();
        for count in &shown {
            prop_assert!(*count >= threshold, "shown {count} < {threshold}");
        }
        let pools: Vec<_> = p.categories.iter()
            .filter(|c| c.visibility == Visibility::Suppressed)
            .collect();
        prop_assert!(pools.len() <= 1, "one pool, not one entry per hidden category");
        for pool in &pools {
            prop_assert!(pool.category.is_none() && pool.count.is_none() && pool.share.is_none());
        }
        let subtracted = p.n - shown.iter().sum::<usize>();
        prop_assert_eq!(subtracted, p.suppressed_count);
        prop_assert!(
            subtracted == 0 || subtracted >= threshold || subtracted == p.n,
            "reader can work out {subtracted} people at threshold {threshold}"
        );
        prop_assert_eq!(p.all_suppressed(), shown.is_empty());
        prop_assert_eq!(pools.is_empty(), p.suppressed_count == 0);
        // Indices of the published table: shown counts plus the pool.
        let mut published = shown.clone();
        if p.suppressed_count > 0 {
            published.push(p.suppressed_count);
        }
        let (blau, shannon) = blau_and_shannon(&published, p.n);
        prop_assert!((p.blau - blau.max(0.0)).abs() < 1e-12, "{} vs {}", p.blau, blau);
        prop_assert!((p.shannon - shannon.max(0.0)).abs() < 1e-12);
        prop_assert!((p.effective_number - p.shannon.exp()).abs() < 1e-12);
        // No hidden category's name reaches the JSON.
        let json = serde_json::to_string(&p).unwrap();
        for cat in &d.categories {
            let is_shown = p.categories.iter().any(|c| c.category.as_deref() == Some(cat.category.as_str()));
            if !is_shown {
                let quoted = format!("\"{}\"", cat.category);
                prop_assert!(!json.contains(&quoted), "{} leaked", cat.category);
            }
        }
    }

    /// BCR − 1 = ROI/100, for the headline and every sensitivity row, whatever the inputs.
    #[test]
    fn bcr_minus_one_is_roi_over_100(
        amounts in prop::collection::vec(0.0f64..1e8, 1..6),
        hours in 0.0f64..5000.0,
        rate in 0.0f64..20000.0,
        estimates in prop::collection::vec((0.0f64..1e8, 0.0f64..=1.0, 0.0f64..=1.0, any::<bool>()), 0..10),
        horizon in 1u32..=10,
    ) {
        let mut costs: Vec<CostItem> = amounts.iter().map(|&amount| CostItem {
            category: CostCategory::Faculty,
            amount: Some(amount),
            hours: None,
            loaded_rate: None,
            description: None,
        }).collect();
        costs.push(CostItem {
            category: CostCategory::ParticipantTime,
            amount: None,
            hours: Some(hours),
            loaded_rate: Some(rate),
            description: None,
        });
        let input = RoiInput {
            costs,
            benefits: estimates.iter().map(|&(value, isolation, confidence, answered)| {
                if answered {
                    BenefitItem {
                        annual_value: Some(value),
                        isolation: Some(isolation),
                        confidence: Some(confidence),
                        ..BenefitItem::default()
                    }
                } else {
                    BenefitItem { non_respondent: true, ..BenefitItem::default() }
                }
            }).collect(),
            horizon_years: horizon,
        };
        let total: f64 = amounts.iter().sum::<f64>() + hours * rate;
        let r = match roi(&input) {
            Ok(r) => r,
            Err(_) => {
                // Only zero costs may fail.
                prop_assert!(total == 0.0);
                return Ok(());
            }
        };
        let agree = |bcr: f64, roi_percent: f64| ((bcr - 1.0) - roi_percent / 100.0).abs() <= 1e-9 * bcr.abs().max(1.0);
        prop_assert!(agree(r.bcr, r.roi_percent), "bcr {} roi {}", r.bcr, r.roi_percent);
        for row in &r.sensitivity {
            prop_assert!(agree(row.bcr, row.roi_percent));
        }
        // Non-respondents count as zero: adding one changes nothing.
        let mut more = input.clone();
        more.benefits.push(BenefitItem { non_respondent: true, ..BenefitItem::default() });
        let again = roi(&more).unwrap();
        prop_assert_eq!(again.benefits, r.benefits);
        prop_assert_eq!(again.non_respondents, r.non_respondents + 1);
        // Payback × monthly benefit = costs.
        if let Some(months) = r.payback_months {
            prop_assert!((months * r.annual_benefits / 12.0 - r.costs).abs() <= 1e-9 * r.costs);
        }
    }

    /// The reported paired figures agree with each other: t = d̄/(s_d/√n), d_z = t/√n,
    /// g_z/d_z = 1 − 3/(4·df − 1), the CI half-width is t_{.975}·s_d/√n, and the CI excludes 0
    /// exactly when |t| > t_{.975}.
    #[test]
    fn paired_figures_are_consistent(
        scores in prop::collection::vec((0.0f64..100.0, -30.0f64..30.0), 2..40),
    ) {
        let pairs: Vec<ChangePair> = scores.iter().enumerate()
            .map(|(i, &(pre, change))| ChangePair { participant: format!("p{i}"), pre, post: pre + change })
            .collect();
        let s = paired_change(&pairs, &ChangeOptions::default()).unwrap();
        let n = pairs.len() as f64;
        let critical = t_critical_95(s.df as f64).unwrap();
        let half = (s.ci95[1] - s.ci95[0]) / 2.0;
        prop_assert!((half - critical * s.sd_diff / n.sqrt()).abs() < 1e-9);
        if let (Some(t), Some(dz), Some(gz)) = (s.t, s.dz, s.gz) {
            prop_assert!((dz - t / n.sqrt()).abs() < 1e-9 * t.abs().max(1.0));
            let j = 1.0 - 3.0 / (4.0 * s.df as f64 - 1.0);
            prop_assert!((gz - dz * j).abs() < 1e-12 * dz.abs().max(1.0));
            prop_assert!(gz.abs() <= dz.abs());
            let excludes_zero = s.ci95[0] > 0.0 || s.ci95[1] < 0.0;
            // Away from the boundary, where rounding could tip either side.
            if (t.abs() - critical).abs() > 1e-9 {
                prop_assert_eq!(excludes_zero, t.abs() > critical);
            }
        }
    }

    /// RCI = diff / S_diff with S_diff = √2·s₁·√(1 − r); "reliable" is exactly
    /// |diff| > 1.96·S_diff = minReliableChange.
    #[test]
    fn reliable_change_matches_min_reliable_change(
        diffs in prop::collection::vec(-40.0f64..40.0, 2..30),
        r in 0.0f64..0.99,
        sd in 0.5f64..30.0,
    ) {
        let pairs: Vec<ChangePair> = diffs.iter().enumerate()
            .map(|(i, d)| ChangePair { participant: format!("p{i}"), pre: 50.0, post: 50.0 + d })
            .collect();
        let s = paired_change(&pairs, &ChangeOptions { reliability: Some(r), baseline_sd: Some(sd) }).unwrap();
        let s_diff = std::f64::consts::SQRT_2 * sd * (1.0 - r).sqrt();
        let min = s.min_reliable_change.unwrap();
        prop_assert!((min - RELIABLE_Z * s_diff).abs() < 1e-9);
        let mut improved = 0;
        for p in &s.participants {
            prop_assert!((p.rci.unwrap() * s_diff - p.diff).abs() < 1e-9);
            if (p.diff.abs() - min).abs() > 1e-9 {
                prop_assert_eq!(p.reliable.unwrap(), p.diff.abs() > min);
            }
            if p.rci.unwrap() > RELIABLE_Z {
                improved += 1;
            }
        }
        prop_assert!((s.reliable_improvement_share.unwrap() - improved as f64 / pairs.len() as f64).abs() < 1e-12);
    }

    /// Cronbach's alpha of k copies of one varying item is 1 (perfect internal consistency),
    /// and alpha never exceeds 1.
    #[test]
    fn cronbach_alpha_of_identical_items_is_one(
        scores in prop::collection::vec(1u8..=7, 2..30),
        k in 2usize..6,
        noise in prop::collection::vec(prop::collection::vec(-1.0f64..1.0, 6), 30),
    ) {
        prop_assume!(scores.iter().any(|&s| s != scores[0]));
        let rows: Vec<Vec<f64>> = scores.iter().map(|&s| vec![f64::from(s); k]).collect();
        prop_assert!((cronbach_alpha(&rows).unwrap() - 1.0).abs() < 1e-12);
        let noisy: Vec<Vec<f64>> = rows.iter().zip(&noise)
            .map(|(row, eps)| row.iter().zip(eps).map(|(v, e)| v + e).collect())
            .collect();
        if let Ok(alpha) = cronbach_alpha(&noisy) {
            prop_assert!(alpha <= 1.0 + 1e-12);
        }
    }
}
