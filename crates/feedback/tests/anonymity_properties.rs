//! Properties of the rater-group decision for any mix of group sizes and thresholds: no
//! shown group is below the threshold, the hidden raters together are none or at least the
//! threshold (nothing to subtract), and the participant's own rating is always shown.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use tsumiki_feedback::RaterGroup;
use tsumiki_feedback::anonymity::{AnonymitySettings, SmallGroupPolicy, decide};

proptest! {
    #[test]
    fn no_small_group_is_ever_shown(
        counts in proptest::collection::vec(0usize..8, 5),
        threshold in 0usize..7,
        merge in any::<bool>(),
    ) {
        let settings = AnonymitySettings {
            threshold,
            comment_threshold: threshold,
            policy: if merge { SmallGroupPolicy::MergeIntoOthers } else { SmallGroupPolicy::Suppress },
        };
        let effective = threshold.max(2);
        let input: Vec<(RaterGroup, usize)> =
            RaterGroup::ALL.into_iter().zip(counts.iter().copied()).collect();
        let decisions = decide(&input, &settings);
        let count = |group: RaterGroup| {
            input.iter().find(|(g, _)| *g == group).map_or(0, |(_, c)| *c)
        };
        let mut shown_totals: Vec<(RaterGroup, usize)> = Vec::new();
        let mut hidden = 0;
        for decision in &decisions {
            if !decision.group.is_anonymous() {
                prop_assert_eq!(decision.shown_as, Some(RaterGroup::SelfRating));
                continue;
            }
            match decision.shown_as {
                Some(target) => {
                    if !merge {
                        prop_assert_eq!(target, decision.group);
                    }
                    match shown_totals.iter_mut().find(|(g, _)| *g == target) {
                        Some((_, total)) => *total += count(decision.group),
                        None => shown_totals.push((target, count(decision.group))),
                    }
                }
                None => hidden += count(decision.group),
            }
        }
        for (group, total) in &shown_totals {
            prop_assert!(*total >= effective, "{:?} shown with {} < {}", group, total, effective);
        }
        prop_assert!(hidden == 0 || hidden >= effective || shown_totals.is_empty(),
            "hidden {} raters could be recovered by subtraction", hidden);
    }
}
