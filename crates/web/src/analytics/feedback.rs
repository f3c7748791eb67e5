//! Cohort feedback figures for pages and exports.
//!
//! Every 360° figure the platform shows is loaded here: the store returns only responses about
//! participants whose evaluation consent is active, and `tsumiki-feedback` applies the cohort's
//! anonymity threshold before anything is scored. Pages, CSV/JSON exports, the participant's
//! own page and the sponsor dashboard all call these functions, so none can show what another
//! hides.
//!
//! For the sponsor dashboard (H2): [`cohort_change`] returns the cohort's pre → post change
//! (overall and per competency: n, mean change with 95 % CI, d_z, g_z, share with a reliable
//! improvement), or `None` when the cohort has no pre or no post round yet. Measures from fewer
//! paired participants than the cohort's anonymity threshold come back with `figures: None`.
//! It contains no per-participant data.

use tsumiki_feedback::anonymity::{AnonymitySettings, SmallGroupPolicy};
use tsumiki_feedback::change::{
    CohortChange, CohortChangeView, ParticipantChangeRow, ParticipantRound,
    cohort_change as compute_change,
};
use tsumiki_feedback::instrument::{self, Instrument};
use tsumiki_feedback::report::{ParticipantReport, participant_report as compute_report};
use tsumiki_feedback::{Answer, RaterGroup, RaterResponse};
use tsumiki_store::{CONSENT_EVALUATION, Cohort, FeedbackRound, RoundKind};

use crate::{AppState, WebError};

/// A round's consented, anonymity-ready input.
pub struct RoundData {
    /// The round.
    pub round: FeedbackRound,
    /// Its instrument.
    pub instrument: &'static Instrument,
    /// The cohort's thresholds with the round's small-group policy.
    pub settings: AnonymitySettings,
    /// Responses per consenting participant (only those with at least one response).
    pub participants: Vec<ParticipantRound>,
}

/// The thresholds that apply to `round` of `cohort`.
pub fn settings(cohort: &Cohort, round: &FeedbackRound) -> AnonymitySettings {
    AnonymitySettings {
        threshold: usize::try_from(cohort.anonymity_threshold).unwrap_or(usize::MAX),
        comment_threshold: usize::try_from(cohort.comment_threshold).unwrap_or(usize::MAX),
        policy: SmallGroupPolicy::parse(&round.small_group_policy),
    }
}

/// The instrument a round uses.
pub fn instrument_of(round: &FeedbackRound) -> Result<&'static Instrument, WebError> {
    instrument::by_id(&round.instrument_id)
        .map_err(|error| WebError::Internal(error.to_string()))?
        .ok_or_else(|| WebError::Internal(format!("unknown instrument {}", round.instrument_id)))
}

/// Loads a round's consented responses, grouped by participant.
pub async fn round_data(
    state: &AppState,
    cohort: &Cohort,
    round: FeedbackRound,
) -> Result<RoundData, WebError> {
    let instrument = instrument_of(&round)?;
    let stored = state
        .store
        .consented_round_responses(&round.id, CONSENT_EVALUATION)
        .await?;
    let mut participants: Vec<ParticipantRound> = Vec::new();
    for response in stored {
        let group = RaterGroup::parse(&response.rater_group)
            .map_err(|error| WebError::Internal(error.to_string()))?;
        let rater = RaterResponse {
            group,
            answers: response
                .answers
                .into_iter()
                .map(|(item_id, value)| Answer { item_id, value })
                .collect(),
            comment: response.comment,
        };
        match participants
            .iter_mut()
            .find(|round| round.participant_id == response.participant_id)
        {
            Some(entry) => entry.responses.push(rater),
            None => participants.push(ParticipantRound {
                participant_id: response.participant_id,
                responses: vec![rater],
            }),
        }
    }
    Ok(RoundData {
        settings: settings(cohort, &round),
        round,
        instrument,
        participants,
    })
}

/// The round of `kind` for `cohort`, if created.
pub async fn round_of(
    state: &AppState,
    cohort: &Cohort,
    kind: RoundKind,
) -> Result<Option<FeedbackRound>, WebError> {
    Ok(state
        .store
        .feedback_rounds(&cohort.id)
        .await?
        .into_iter()
        .find(|round| round.kind == kind))
}

/// Full change from the pre round to `to` (post or follow-up), per-participant rows
/// included; `None` when either round does not exist. Settings are the later round's.
pub async fn change_to(
    state: &AppState,
    cohort: &Cohort,
    to: RoundKind,
) -> Result<Option<(CohortChange, AnonymitySettings)>, WebError> {
    let (Some(pre), Some(later)) = (
        round_of(state, cohort, RoundKind::Pre).await?,
        round_of(state, cohort, to).await?,
    ) else {
        return Ok(None);
    };
    let pre = round_data(state, cohort, pre).await?;
    let later = round_data(state, cohort, later).await?;
    let change = compute_change(
        later.instrument,
        &pre.participants,
        &later.participants,
        &later.settings,
    );
    Ok(Some((change, later.settings)))
}

/// The cohort's pre → post change for pages, exports and the sponsor dashboard: cohort-level
/// figures only, withheld below the anonymity threshold. `None` before both rounds exist.
pub async fn cohort_change(
    state: &AppState,
    cohort: &Cohort,
) -> Result<Option<CohortChangeView>, WebError> {
    cohort_change_to(state, cohort, RoundKind::Post).await
}

/// Like [`cohort_change`], to any later round.
pub async fn cohort_change_to(
    state: &AppState,
    cohort: &Cohort,
    to: RoundKind,
) -> Result<Option<CohortChangeView>, WebError> {
    Ok(change_to(state, cohort, to)
        .await?
        .map(|(change, settings)| change.view(&settings)))
}

/// One participant's report for a round, with their pre → this-round change rows (empty for
/// the pre round itself).
pub struct ParticipantReportView {
    /// The anonymity-filtered report.
    pub report: ParticipantReport,
    /// Their change per measure since the pre round, with RCI.
    pub change: Vec<ParticipantChangeRow>,
}

/// The report on `participant_id` in `round`. A participant without active consent gets an
/// empty report: nothing about them is scored.
pub async fn participant_report(
    state: &AppState,
    cohort: &Cohort,
    round: FeedbackRound,
    participant_id: &str,
) -> Result<ParticipantReportView, WebError> {
    let kind = round.kind;
    let data = round_data(state, cohort, round).await?;
    let responses = data
        .participants
        .iter()
        .find(|entry| entry.participant_id == participant_id)
        .map(|entry| entry.responses.as_slice())
        .unwrap_or_default();
    let report = compute_report(data.instrument, responses, &data.settings);
    let change = if kind == RoundKind::Pre {
        Vec::new()
    } else {
        change_to(state, cohort, kind)
            .await?
            .map(|(change, _)| change.participant_rows(participant_id))
            .unwrap_or_default()
    };
    Ok(ParticipantReportView { report, change })
}
