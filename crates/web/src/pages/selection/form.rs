//! The selection forms, checked before anything reaches the store.

use serde::Deserialize;
use tsumiki_store::{MAX_WEIGHT, NewCandidate, SCORE_RANGE, SelectionCriterion};

/// Longest title, name or provider accepted.
pub const MAX_TEXT: usize = 200;
/// Longest evidence note accepted.
pub const MAX_EVIDENCE: usize = 2000;
const MAX_URL: usize = 2000;

/// `POST /selection`.
#[derive(Debug, Default, Deserialize)]
pub struct NewSetForm {
    #[serde(default)]
    pub title: String,
    /// Ignored for sponsor viewers, whose own organisation is used.
    #[serde(default)]
    pub organisation_id: String,
}

/// `POST /selection/{id}/candidates`: `programme_id` for one of ours, else the external fields.
#[derive(Debug, Default, Deserialize)]
pub struct CandidateForm {
    #[serde(default)]
    pub programme_id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub provider: String,
    #[serde(default)]
    pub url: String,
}

impl CandidateForm {
    /// The candidate, or the message id of what is wrong.
    pub fn validate(&self) -> Result<NewCandidate, &'static str> {
        let programme_id = self.programme_id.trim();
        let name = self.name.trim();
        let provider = self.provider.trim();
        let url = self.url.trim();
        if programme_id.is_empty() && name.is_empty() {
            return Err("sp-error-candidate");
        }
        if name.chars().count() > MAX_TEXT || provider.chars().count() > MAX_TEXT {
            return Err("sp-error-too-long");
        }
        if !url.is_empty() && !looks_like_web_url(url) {
            return Err("sp-error-url");
        }
        Ok(NewCandidate {
            programme_id: (!programme_id.is_empty()).then(|| programme_id.to_owned()),
            name: name.to_owned(),
            provider: provider.to_owned(),
            url: url.to_owned(),
        })
    }
}

/// An absolute http(s) URL with a host and no spaces: the page links to it, so anything else
/// (`javascript:`, relative paths) is refused.
pub fn looks_like_web_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
            !host.is_empty()
                && url.len() <= MAX_URL
                && !url.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    }
}

/// `POST /selection/{id}/weights`: `w_<criterion>=0..10` for any of the seven.
#[derive(Debug, PartialEq, Eq)]
pub struct WeightsForm {
    pub weights: Vec<(SelectionCriterion, u32)>,
}

impl WeightsForm {
    pub fn parse(fields: &[(String, String)]) -> Result<WeightsForm, &'static str> {
        let mut weights = Vec::new();
        for (name, value) in fields {
            let Some(criterion) = name.strip_prefix("w_").and_then(SelectionCriterion::parse)
            else {
                continue;
            };
            let weight: u32 = value.trim().parse().map_err(|_| "sp-error-weight")?;
            if weight > MAX_WEIGHT {
                return Err("sp-error-weight");
            }
            weights.retain(|(seen, _)| *seen != criterion);
            weights.push((criterion, weight));
        }
        Ok(WeightsForm { weights })
    }
}

/// `POST …/scores`: `s_<criterion>=1..5` (empty = leave as is) and `e_<criterion>` evidence.
#[derive(Debug, PartialEq, Eq)]
pub struct ScoreForm {
    pub scores: Vec<(SelectionCriterion, u8, String)>,
}

impl ScoreForm {
    pub fn parse(fields: &[(String, String)]) -> Result<ScoreForm, &'static str> {
        let value_of = |key: String| {
            fields
                .iter()
                .find(|(name, _)| *name == key)
                .map(|(_, value)| value.trim())
        };
        let mut scores = Vec::new();
        for criterion in SelectionCriterion::ALL {
            let Some(score) =
                value_of(format!("s_{}", criterion.as_str())).filter(|v| !v.is_empty())
            else {
                continue;
            };
            let score: u8 = score
                .parse()
                .ok()
                .filter(|score| SCORE_RANGE.contains(score))
                .ok_or("sp-error-score")?;
            let evidence = value_of(format!("e_{}", criterion.as_str()))
                .unwrap_or_default()
                .to_owned();
            if evidence.chars().count() > MAX_EVIDENCE {
                return Err("sp-error-too-long");
            }
            scores.push((criterion, score, evidence));
        }
        Ok(ScoreForm { scores })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn urls_must_be_absolute_web_addresses() {
        assert!(looks_like_web_url("https://example.edu/amp?x=1"));
        assert!(looks_like_web_url("http://例え.jp/"));
        assert!(!looks_like_web_url("javascript:alert(1)"));
        assert!(!looks_like_web_url("https:///path"));
        assert!(!looks_like_web_url("https://a b.example"));
        assert!(!looks_like_web_url("/relative"));
    }

    #[test]
    fn candidates_need_a_programme_or_a_name() {
        assert_eq!(
            CandidateForm::default().validate(),
            Err("sp-error-candidate")
        );
        let external = CandidateForm {
            name: " AMP ".into(),
            url: "ftp://x".into(),
            ..CandidateForm::default()
        };
        assert_eq!(external.validate(), Err("sp-error-url"));
        let ours = CandidateForm {
            programme_id: "p1".into(),
            ..CandidateForm::default()
        };
        assert_eq!(ours.validate().unwrap().programme_id.as_deref(), Some("p1"));
    }

    #[test]
    fn weights_are_bounded_and_unknown_fields_ignored() {
        let form = WeightsForm::parse(&fields(&[
            ("csrf_token", "x"),
            ("w_strategic_alignment", "10"),
            ("w_bogus", "3"),
            ("w_language_support", " 0 "),
        ]))
        .unwrap();
        assert_eq!(
            form.weights,
            [
                (SelectionCriterion::StrategicAlignment, 10),
                (SelectionCriterion::LanguageSupport, 0)
            ]
        );
        for bad in ["11", "-1", "x", ""] {
            assert_eq!(
                WeightsForm::parse(&fields(&[("w_measurement_plan", bad)])),
                Err("sp-error-weight")
            );
        }
    }

    #[test]
    fn scores_are_one_to_five_and_blank_means_unchanged() {
        let form = ScoreForm::parse(&fields(&[
            ("s_cohort_diversity", "4"),
            ("e_cohort_diversity", " 12か国から参加 "),
            ("s_measurement_plan", ""),
            ("e_measurement_plan", "ignored without a score"),
        ]))
        .unwrap();
        assert_eq!(
            form.scores,
            [(
                SelectionCriterion::CohortDiversity,
                4,
                "12か国から参加".to_owned()
            )]
        );
        for bad in ["0", "6", "3.5", "x"] {
            assert_eq!(
                ScoreForm::parse(&fields(&[("s_cohort_diversity", bad)])),
                Err("sp-error-score")
            );
        }
    }
}
