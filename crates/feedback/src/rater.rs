//! Rater groups. The set is fixed because anonymity is decided per group: a free-form group
//! name ("my two bosses") would let an inviter build a group that identifies one person.

use serde::{Deserialize, Serialize};

use crate::FeedbackError;

/// Who a rater is to the participant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RaterGroup {
    /// The participant themself; never anonymous, never protected.
    #[serde(rename = "self")]
    SelfRating,
    /// Their line manager(s).
    Manager,
    /// Colleagues at their level.
    Peer,
    /// People who report to them.
    DirectReport,
    /// Anyone else (clients, partners); also where small groups are merged.
    Other,
}

impl RaterGroup {
    /// Every group, in report order.
    pub const ALL: [RaterGroup; 5] = [
        RaterGroup::SelfRating,
        RaterGroup::Manager,
        RaterGroup::Peer,
        RaterGroup::DirectReport,
        RaterGroup::Other,
    ];

    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            RaterGroup::SelfRating => "self",
            RaterGroup::Manager => "manager",
            RaterGroup::Peer => "peer",
            RaterGroup::DirectReport => "direct_report",
            RaterGroup::Other => "other",
        }
    }

    /// Parses the stored spelling.
    pub fn parse(text: &str) -> Result<RaterGroup, FeedbackError> {
        RaterGroup::ALL
            .into_iter()
            .find(|group| group.as_str() == text)
            .ok_or_else(|| FeedbackError::UnknownRaterGroup(text.to_owned()))
    }

    /// Whether anonymity rules apply (everyone but the participant).
    pub fn is_anonymous(self) -> bool {
        self != RaterGroup::SelfRating
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn names_round_trip() {
        for group in RaterGroup::ALL {
            assert_eq!(RaterGroup::parse(group.as_str()).unwrap(), group);
        }
        assert_eq!(
            RaterGroup::parse("boss"),
            Err(FeedbackError::UnknownRaterGroup("boss".to_owned()))
        );
        assert_eq!(
            serde_json::to_string(&RaterGroup::DirectReport).unwrap(),
            "\"directReport\""
        );
        assert_eq!(
            serde_json::to_string(&RaterGroup::SelfRating).unwrap(),
            "\"self\""
        );
    }
}
