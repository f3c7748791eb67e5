//! Properties that must hold for any input, not only the hand-computed examples.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use tsumiki_impact::anonymity::{Cell, SmallCellPolicy, Visibility, protect};
use tsumiki_impact::change::{ChangeOptions, ChangePair, paired_change};
use tsumiki_impact::diversity::diversity;

fn cells_strategy() -> impl Strategy<Value = Vec<Cell<usize>>> {
    prop::collection::vec(0usize..12, 0..10).prop_map(|counts| {
        counts
            .into_iter()
            .enumerate()
            .map(|(key, count)| Cell { key, count })
            .collect()
    })
}

proptest! {
    #[test]
    fn blau_and_evenness_stay_in_their_bounds(values in prop::collection::vec(0u8..8, 1..60)) {
        let labels: Vec<String> = values.iter().map(|v| format!("c{v}")).collect();
        let d = diversity(&labels).unwrap();
        let k = d.categories.len() as f64;
        prop_assert!(d.blau >= 0.0);
        prop_assert!(d.blau <= 1.0 - 1.0 / k + 1e-12, "blau {} K {}", d.blau, k);
        prop_assert!((0.0..=1.0).contains(&d.blau_normalized));
        prop_assert!((0.0..=1.0).contains(&d.evenness));
        prop_assert!(d.shannon >= 0.0 && d.shannon <= k.ln() + 1e-12);
        prop_assert!(d.effective_number >= 1.0 - 1e-12 && d.effective_number <= k + 1e-9);
        prop_assert_eq!(d.categories.iter().map(|c| c.count).sum::<usize>(), d.n);
        let shares: f64 = d.categories.iter().map(|c| c.share).sum();
        prop_assert!((shares - 1.0).abs() < 1e-9);
    }

    #[test]
    fn protect_never_shows_a_small_cell_and_leaves_nothing_to_subtract(
        cells in cells_strategy(),
        threshold in 0usize..8,
    ) {
        let out = protect(&cells, threshold, &SmallCellPolicy::Suppress);
        prop_assert_eq!(out.len(), cells.len());
        for ((cell, visibility), original) in out.iter().zip(&cells) {
            prop_assert_eq!(cell, original);
            if *visibility == Visibility::Shown {
                prop_assert!(cell.count == 0 || cell.count >= threshold);
            }
        }
        // Total minus the shown cells is what a reader can work out: never 1..threshold people.
        let hidden: usize = out.iter().filter(|(_, v)| *v == Visibility::Suppressed).map(|(c, _)| c.count).sum();
        let total: usize = cells.iter().map(|c| c.count).sum();
        prop_assert!(hidden == 0 || hidden >= threshold || hidden == total,
            "hidden {hidden} of {total} at threshold {threshold}");
        // And no cell is hidden without need: with no small cell everything is shown.
        if cells.iter().all(|c| c.count == 0 || c.count >= threshold) {
            prop_assert_eq!(hidden, 0);
        }
    }

    #[test]
    fn merging_keeps_everyone_and_still_protects(
        cells in cells_strategy(),
        threshold in 0usize..8,
    ) {
        const OTHERS: usize = usize::MAX;
        let out = protect(&cells, threshold, &SmallCellPolicy::MergeInto(OTHERS));
        let before: usize = cells.iter().map(|c| c.count).sum();
        let after: usize = out.iter().map(|(c, _)| c.count).sum();
        prop_assert_eq!(before, after);
        prop_assert!(out.iter().filter(|(c, _)| c.key == OTHERS).count() <= 1);
        for (cell, visibility) in &out {
            if *visibility == Visibility::Shown {
                prop_assert!(cell.count == 0 || cell.count >= threshold);
            }
            if cell.key != OTHERS {
                prop_assert!(cell.count == 0 || cell.count >= threshold, "small cell {cell:?} not merged");
            }
        }
    }

    #[test]
    fn the_interval_contains_the_mean_and_shifts_with_it(
        diffs in prop::collection::vec(-50.0f64..50.0, 2..40),
        shift in -10.0f64..10.0,
    ) {
        let pairs: Vec<ChangePair> = diffs.iter().enumerate()
            .map(|(i, d)| ChangePair { participant: i.to_string(), pre: 50.0, post: 50.0 + d })
            .collect();
        let s = paired_change(&pairs, &ChangeOptions::default()).unwrap();
        prop_assert!(s.ci95[0] <= s.mean_diff && s.mean_diff <= s.ci95[1]);
        let moved: Vec<ChangePair> = pairs.iter()
            .map(|p| ChangePair { post: p.post + shift, ..p.clone() })
            .collect();
        let m = paired_change(&moved, &ChangeOptions::default()).unwrap();
        prop_assert!((m.mean_diff - s.mean_diff - shift).abs() < 1e-9);
        prop_assert!((m.sd_diff - s.sd_diff).abs() < 1e-9);
        prop_assert!(((m.ci95[1] - m.ci95[0]) - (s.ci95[1] - s.ci95[0])).abs() < 1e-9);
    }
}

fn rank(status: tsumiki_impact::kpi::Status) -> u8 {
    use tsumiki_impact::kpi::Status;
    match status {
        Status::OnTrack => 0,
        Status::AtRisk => 1,
        Status::OffTrack => 2,
        Status::Overdue | Status::NotDue => 3,
    }
}

proptest! {
    #[test]
    fn a_better_measurement_never_gets_a_worse_status(
        baseline in -100.0f64..100.0,
        change in -50.0f64..50.0,
        a in -200.0f64..200.0,
        b in -200.0f64..200.0,
        increase in any::<bool>(),
    ) {
        use chrono::NaiveDate;
        use tsumiki_impact::kpi::{Direction, KpiSpec, Measurement, kpi_status};
        let start = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
        let kpi = KpiSpec {
            baseline,
            target: baseline + change,
            direction: if increase { Direction::Increase } else { Direction::Decrease },
            start,
            checkpoints: vec![0, 6, 12],
        };
        let (better, worse) = match (increase, a >= b) {
            (true, true) | (false, false) => (a, b),
            _ => (b, a),
        };
        let status = |value: f64| {
            let m = Measurement { month: 6, value, recorded_on: start };
            kpi_status(&kpi, &[m], start).checkpoints[1].status
        };
        prop_assert!(rank(status(better)) <= rank(status(worse)));
    }

    #[test]
    fn roi_figures_agree_with_each_other(
        amounts in prop::collection::vec(1.0f64..1e7, 1..6),
        estimates in prop::collection::vec((0.0f64..1e7, 0.0f64..=1.0, 0.0f64..=1.0), 0..8),
        horizon in 1u32..=3,
    ) {
        use tsumiki_impact::roi::{BenefitItem, CostCategory, CostItem, RoiInput, roi};
        let input = RoiInput {
            costs: amounts.iter().map(|&amount| CostItem {
                category: CostCategory::Coaching,
                amount: Some(amount),
                hours: None,
                loaded_rate: None,
                description: None,
            }).collect(),
            benefits: estimates.iter().map(|&(value, isolation, confidence)| BenefitItem {
                annual_value: Some(value),
                isolation: Some(isolation),
                confidence: Some(confidence),
                ..BenefitItem::default()
            }).collect(),
            horizon_years: horizon,
        };
        let r = roi(&input).unwrap();
        prop_assert!((r.roi_percent - (r.bcr - 1.0) * 100.0).abs() < 1e-6);
        prop_assert!(r.benefits <= estimates.iter().map(|e| e.0).sum::<f64>() * f64::from(horizon) + 1e-6);
        let same = r.sensitivity.iter()
            .find(|s| s.isolation_factor == 1.0 && s.confidence_factor == 1.0 && s.horizon_years == horizon)
            .unwrap();
        prop_assert!((same.benefits - r.benefits).abs() <= 1e-6 * r.benefits.max(1.0));
        // Lower isolation or confidence never raises the benefits.
        for x in &r.sensitivity {
            for y in &r.sensitivity {
                if x.horizon_years == y.horizon_years
                    && x.isolation_factor <= y.isolation_factor
                    && x.confidence_factor <= y.confidence_factor
                {
                    prop_assert!(x.benefits <= y.benefits + 1e-6 * y.benefits.max(1.0));
                }
            }
        }
    }
}
