//! A cohort's diversity by nationality, function, industry, gender and language, for the
//! diversity page, the sponsor dashboard and exports.
//!
//! Suppression happens here, not in the views: a [`DiversityView`] never holds the name or
//! count of a category below the cohort's anonymity threshold, so no export can leak what the
//! page hides. Only participants whose evaluation consent holds are counted. A missing gender
//! (or any blank attribute) is its own category, "not stated", never a guess.

use serde::Serialize;
use tsumiki_impact::diversity::{ProtectedDiversity, diversity};
use tsumiki_store::{CONSENT_EVALUATION, Cohort, Participant};

use crate::{AppState, WebError};

/// The category of a person who did not state the attribute.
pub const NOT_STATED: &str = "not-stated";

/// The attributes diversity is reported on, in page order.
pub const DIMENSIONS: [Dimension; 5] = [
    Dimension::Nationality,
    Dimension::JobFunction,
    Dimension::Industry,
    Dimension::Gender,
    Dimension::Language,
];

/// One attribute of a participant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Dimension {
    /// Nationality as entered (ISO 3166 code, usually).
    Nationality,
    /// Job function (finance, R&D...).
    JobFunction,
    /// Industry of the participant's organisation.
    Industry,
    /// Self-described gender; "not stated" when absent.
    Gender,
    /// Primary language: the first one marked native, else the first listed.
    Language,
}

impl Dimension {
    /// The Fluent id of the dimension's name.
    pub fn message_id(self) -> &'static str {
        match self {
            Dimension::Nationality => "imp-dim-nationality",
            Dimension::JobFunction => "imp-dim-job-function",
            Dimension::Industry => "imp-dim-industry",
            Dimension::Gender => "imp-dim-gender",
            Dimension::Language => "imp-dim-language",
        }
    }

    /// This attribute of `participant`, `NOT_STATED` when blank.
    pub fn value_of(self, participant: &Participant) -> String {
        let value = match self {
            Dimension::Nationality => participant.nationality.as_str(),
            Dimension::JobFunction => participant.job_function.as_str(),
            Dimension::Industry => participant.industry.as_str(),
            Dimension::Gender => participant.gender.as_deref().unwrap_or_default(),
            Dimension::Language => participant
                .languages
                .iter()
                .find(|skill| skill.proficiency.eq_ignore_ascii_case("native"))
                .or_else(|| participant.languages.first())
                .map_or("", |skill| skill.language.as_str()),
        };
        let value = value.trim();
        if value.is_empty() {
            NOT_STATED.to_owned()
        } else {
            value.to_owned()
        }
    }
}

/// One dimension's figures, already protected.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DimensionView {
    /// Which attribute.
    pub dimension: Dimension,
    /// Categories (small ones suppressed) and the five indices; `None` when the counted group
    /// itself is smaller than the threshold, since the indices of two people tell whether they
    /// share a nationality.
    pub figures: Option<ProtectedDiversity>,
}

/// A cohort's diversity, safe to show and export.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DiversityView {
    /// Participants counted (active evaluation consent).
    pub n: usize,
    /// The cohort's anonymity threshold.
    pub threshold: usize,
    /// One entry per attribute, in [`DIMENSIONS`] order.
    pub dimensions: Vec<DimensionView>,
}

/// The diversity of `cohort`'s consenting participants.
pub async fn cohort_diversity(
    state: &AppState,
    cohort: &Cohort,
) -> Result<DiversityView, WebError> {
    let participants = state
        .store
        .consenting_participants(&cohort.id, CONSENT_EVALUATION)
        .await?;
    let threshold = usize::try_from(cohort.anonymity_threshold).unwrap_or(usize::MAX);
    diversity_view(&participants, threshold)
}

/// Computes the view from participants already filtered by consent; separate from the loader
/// so it can be tested without a database.
pub fn diversity_view(
    participants: &[Participant],
    threshold: usize,
) -> Result<DiversityView, WebError> {
    let n = participants.len();
    let mut dimensions = Vec::with_capacity(DIMENSIONS.len());
    for dimension in DIMENSIONS {
        let figures = if n == 0 || n < threshold {
            None
        } else {
            let values: Vec<String> = participants
                .iter()
                .map(|participant| dimension.value_of(participant))
                .collect();
            let computed = diversity(&values)
                .map_err(|error| WebError::Internal(format!("diversity: {error}")))?;
            // Everything hidden: not even pooled figures are shown.
            Some(computed.protect(threshold)).filter(|figures| !figures.all_suppressed())
        };
        dimensions.push(DimensionView { dimension, figures });
    }
    Ok(DiversityView {
        n,
        threshold,
        dimensions,
    })
}
