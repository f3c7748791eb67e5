//! Which rater groups a report may show. A group below the cohort's threshold is suppressed,
//! or first merged into "others" when the cohort chose merging; then
//! [`tsumiki_impact::anonymity::protect`] suppresses whatever still falls below the threshold,
//! plus the next-smallest group when exactly one would be hidden (otherwise a pooled figure
//! minus the shown groups would reveal it). The participant's own ratings are never protected.

use serde::{Deserialize, Serialize};
use tsumiki_impact::anonymity::{Cell, SmallCellPolicy, Visibility, protect};

use crate::{RaterGroup, RaterResponse};

/// The smallest threshold honoured whatever a cohort is configured with: a "group" of one
/// rater is that rater.
pub const MIN_THRESHOLD: usize = 2;

/// What happens to a rater group below the threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SmallGroupPolicy {
    /// Hidden altogether.
    Suppress,
    /// Counted with "others" (which is itself suppressed if still too small).
    MergeIntoOthers,
}

impl SmallGroupPolicy {
    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            SmallGroupPolicy::Suppress => "suppress",
            SmallGroupPolicy::MergeIntoOthers => "merge",
        }
    }

    /// Parses the stored spelling; anything unknown suppresses, the safe reading.
    pub fn parse(text: &str) -> SmallGroupPolicy {
        if text == "merge" {
            SmallGroupPolicy::MergeIntoOthers
        } else {
            SmallGroupPolicy::Suppress
        }
    }
}

/// The cohort's anonymity settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AnonymitySettings {
    /// Minimum raters for a group's scores to be shown (`cohorts.anonymity_threshold`).
    pub threshold: usize,
    /// Minimum shown raters for any comment to be shown (`cohorts.comment_threshold`).
    pub comment_threshold: usize,
    /// Suppress or merge small groups.
    pub policy: SmallGroupPolicy,
}

impl AnonymitySettings {
    fn threshold(&self) -> usize {
        self.threshold.max(MIN_THRESHOLD)
    }

    fn comment_threshold(&self) -> usize {
        self.comment_threshold.max(self.threshold())
    }
}

/// Where one rater group's answers end up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupDecision {
    /// The group the raters were invited as.
    pub group: RaterGroup,
    /// The group they are shown under (themself, or "others" after a merge); `None` when
    /// suppressed.
    pub shown_as: Option<RaterGroup>,
}

/// Decides every group's visibility from the number of raters who submitted per group.
pub fn decide(counts: &[(RaterGroup, usize)], settings: &AnonymitySettings) -> Vec<GroupDecision> {
    let threshold = settings.threshold();
    let mut present: Vec<(RaterGroup, usize)> = Vec::new();
    for (group, count) in counts {
        if *count == 0 {
            continue;
        }
        match present.iter_mut().find(|(seen, _)| seen == group) {
            Some((_, total)) => *total += count,
            None => present.push((*group, *count)),
        }
    }
    let target = |group: RaterGroup, count: usize| -> RaterGroup {
        let merge = settings.policy == SmallGroupPolicy::MergeIntoOthers
            && group.is_anonymous()
            && count < threshold;
        if merge { RaterGroup::Other } else { group }
    };
    let mut cells: Vec<Cell<RaterGroup>> = Vec::new();
    for (group, count) in &present {
        if !group.is_anonymous() {
            continue;
        }
        let key = target(*group, *count);
        match cells.iter_mut().find(|cell| cell.key == key) {
            Some(cell) => cell.count += count,
            None => cells.push(Cell { key, count: *count }),
        }
    }
    let protected = protect(&cells, threshold, &SmallCellPolicy::Suppress);
    let shown = |key: RaterGroup| {
        protected
            .iter()
            .any(|(cell, visibility)| cell.key == key && *visibility == Visibility::Shown)
    };
    present
        .iter()
        .map(|(group, count)| {
            let shown_as = if group.is_anonymous() {
                let key = target(*group, *count);
                shown(key).then_some(key)
            } else {
                Some(*group)
            };
            GroupDecision {
                group: *group,
                shown_as,
            }
        })
        .collect()
}

/// The responses a report may use, each with the group it is shown under.
pub fn visible<'a>(
    responses: &'a [RaterResponse],
    settings: &AnonymitySettings,
) -> Vec<(RaterGroup, &'a RaterResponse)> {
    let counts: Vec<(RaterGroup, usize)> = RaterGroup::ALL
        .into_iter()
        .map(|group| (group, responses.iter().filter(|r| r.group == group).count()))
        .collect();
    let decisions = decide(&counts, settings);
    responses
        .iter()
        .filter_map(|response| {
            decisions
                .iter()
                .find(|decision| decision.group == response.group)
                .and_then(|decision| decision.shown_as)
                .map(|shown_as| (shown_as, response))
        })
        .collect()
}

/// Comments that may be shown: only when at least `comment_threshold` non-self raters are
/// shown, and only from raters shown under their own group (prose from a manager merged into
/// "others" would still read like the manager's); sorted so their order says nothing about
/// who submitted when.
pub fn visible_comments(
    responses: &[RaterResponse],
    settings: &AnonymitySettings,
) -> Option<Vec<String>> {
    let others: Vec<(RaterGroup, &RaterResponse)> = visible(responses, settings)
        .into_iter()
        .filter(|(group, _)| group.is_anonymous())
        .collect();
    if others.len() < settings.comment_threshold() {
        return None;
    }
    let mut comments: Vec<String> = others
        .iter()
        .filter(|(shown_as, response)| *shown_as == response.group)
        .filter_map(|(_, response)| response.comment.as_deref())
        .map(str::trim)
        .filter(|comment| !comment.is_empty())
        .map(str::to_owned)
        .collect();
    comments.sort();
    Some(comments)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::Answer;

    const SUPPRESS: AnonymitySettings = AnonymitySettings {
        threshold: 3,
        comment_threshold: 5,
        policy: SmallGroupPolicy::Suppress,
    };
    const MERGE: AnonymitySettings = AnonymitySettings {
        threshold: 3,
        comment_threshold: 5,
        policy: SmallGroupPolicy::MergeIntoOthers,
    };

    fn shown(decisions: &[GroupDecision], group: RaterGroup) -> Option<RaterGroup> {
        decisions
            .iter()
            .find(|decision| decision.group == group)
            .and_then(|decision| decision.shown_as)
    }

    #[test]
    fn groups_of_one_two_three_four_under_suppression() {
        // manager 1, peer 2, direct reports 3, other 4, threshold 3: manager and peers are
        // hidden; together they hold 3 people, so no further cell has to go.
        let counts = [
            (RaterGroup::SelfRating, 1),
            (RaterGroup::Manager, 1),
            (RaterGroup::Peer, 2),
            (RaterGroup::DirectReport, 3),
            (RaterGroup::Other, 4),
        ];
        let decisions = decide(&counts, &SUPPRESS);
        assert_eq!(
            shown(&decisions, RaterGroup::SelfRating),
            Some(RaterGroup::SelfRating)
        );
        assert_eq!(shown(&decisions, RaterGroup::Manager), None);
        assert_eq!(shown(&decisions, RaterGroup::Peer), None);
        assert_eq!(
            shown(&decisions, RaterGroup::DirectReport),
            Some(RaterGroup::DirectReport)
        );
        assert_eq!(
            shown(&decisions, RaterGroup::Other),
            Some(RaterGroup::Other)
        );
    }

    #[test]
    fn a_single_small_group_takes_the_next_smallest_with_it() {
        // manager 1 alone is hidden; hiding one person is not enough against subtraction from
        // the pooled figure, so the smallest shown group (direct reports, 3) goes too.
        let counts = [
            (RaterGroup::Manager, 1),
            (RaterGroup::DirectReport, 3),
            (RaterGroup::Peer, 5),
        ];
        let decisions = decide(&counts, &SUPPRESS);
        assert_eq!(shown(&decisions, RaterGroup::Manager), None);
        assert_eq!(shown(&decisions, RaterGroup::DirectReport), None);
        assert_eq!(shown(&decisions, RaterGroup::Peer), Some(RaterGroup::Peer));
    }

    #[test]
    fn merging_moves_small_groups_into_others() {
        // manager 1 + peer 2 merge into others (4) → others 7 shown; direct reports 3 shown.
        let counts = [
            (RaterGroup::Manager, 1),
            (RaterGroup::Peer, 2),
            (RaterGroup::DirectReport, 3),
            (RaterGroup::Other, 4),
        ];
        let decisions = decide(&counts, &MERGE);
        assert_eq!(
            shown(&decisions, RaterGroup::Manager),
            Some(RaterGroup::Other)
        );
        assert_eq!(shown(&decisions, RaterGroup::Peer), Some(RaterGroup::Other));
        assert_eq!(
            shown(&decisions, RaterGroup::DirectReport),
            Some(RaterGroup::DirectReport)
        );
        // A merge that stays small is suppressed (and drags the smallest shown group along).
        let decisions = decide(&[(RaterGroup::Manager, 1), (RaterGroup::Peer, 4)], &MERGE);
        assert_eq!(shown(&decisions, RaterGroup::Manager), None);
        assert_eq!(shown(&decisions, RaterGroup::Peer), None);
    }

    #[test]
    fn a_threshold_below_two_is_raised() {
        let lax = AnonymitySettings {
            threshold: 1,
            comment_threshold: 0,
            policy: SmallGroupPolicy::Suppress,
        };
        let decisions = decide(&[(RaterGroup::Manager, 1), (RaterGroup::Peer, 2)], &lax);
        assert_eq!(shown(&decisions, RaterGroup::Manager), None);
    }

    fn response(group: RaterGroup, comment: &str) -> RaterResponse {
        RaterResponse {
            group,
            answers: vec![Answer {
                item_id: "sa1".to_owned(),
                value: Some(3),
            }],
            comment: Some(comment.to_owned()),
        }
    }

    #[test]
    fn comments_need_their_own_threshold_and_shown_groups() {
        let mut responses = vec![response(RaterGroup::Manager, "manager says")];
        for index in 0..3 {
            responses.push(response(
                RaterGroup::DirectReport,
                &format!("report {index}"),
            ));
        }
        for index in 0..4 {
            responses.push(response(RaterGroup::Peer, &format!("peer {index}")));
        }
        // The manager is hidden, and with them the direct reports (the next smallest group).
        // 4 shown peers < 5: no comments at all.
        assert_eq!(visible_comments(&responses, &SUPPRESS), None);
        responses.push(response(RaterGroup::Peer, "peer 4"));
        responses.push(response(RaterGroup::SelfRating, "my own note"));
        // 5 peers shown; hidden groups' and the self comment are not among them.
        let comments = visible_comments(&responses, &SUPPRESS).unwrap();
        assert_eq!(
            comments,
            vec!["peer 0", "peer 1", "peer 2", "peer 3", "peer 4"]
        );
    }
}
