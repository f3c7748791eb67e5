//! A cohort's KPI register with each checkpoint's status, for the register page, the sponsor
//! dashboard and exports.
//!
//! KPIs describe the sponsor organisation (attrition, engagement score), not one participant,
//! so no consent filter applies here; a KPI built from participants' answers must be entered
//! as an already-consented aggregate.

use chrono::NaiveDate;
use serde::Serialize;
use tsumiki_impact::kpi::{self, Direction, KpiSpec, Measurement, Status};
use tsumiki_store::{Cohort, Kpi, KpiDirection, KpiMeasurement};

use crate::{AppState, WebError};

/// One checkpoint of a KPI as shown and exported.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckpointView {
    /// Months after the cohort's start.
    pub month: u32,
    /// Due date, `YYYY-MM-DD`.
    pub due: String,
    /// The value the straight line from baseline to target expects by then.
    pub expected: f64,
    /// The recorded value, if any.
    pub actual: Option<f64>,
    /// Computed by [`tsumiki_impact::kpi::kpi_status`].
    pub status: Status,
    /// What the recorded value rests on.
    pub evidence_note: Option<String>,
    /// Where the evidence can be read.
    pub evidence_url: Option<String>,
    /// The day the value describes, `YYYY-MM-DD`.
    pub recorded_on: Option<String>,
}

/// One KPI with its computed status.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KpiView {
    /// KPI id.
    pub id: String,
    /// Name in Japanese.
    pub name_ja: String,
    /// Name in English.
    pub name_en: String,
    /// `reaction`, `learning`, `behaviour` or `results`.
    pub level: &'static str,
    /// Who answers for it.
    pub owner: String,
    /// Value before the programme.
    pub baseline: f64,
    /// Value aimed for at the last checkpoint.
    pub target: f64,
    /// Unit of the figures.
    pub unit: String,
    /// `increase` or `decrease`.
    pub direction: &'static str,
    /// Where the figures come from.
    pub data_source: String,
    /// Status of the latest measured or overdue checkpoint.
    pub overall: Status,
    /// How many checkpoints are past due without a value: the figure a sponsor chases.
    pub overdue: usize,
    /// Every checkpoint, in month order.
    pub checkpoints: Vec<CheckpointView>,
}

/// The register of `cohort` with every status computed for `today` (the caller's clock, so
/// pages and tests agree on what is overdue).
pub async fn cohort_kpis(
    state: &AppState,
    cohort: &Cohort,
    today: NaiveDate,
) -> Result<Vec<KpiView>, WebError> {
    let kpis = state.store.kpis_for_cohort(&cohort.id).await?;
    let measurements = state.store.kpi_measurements_for_cohort(&cohort.id).await?;
    Ok(kpis
        .into_iter()
        .map(|kpi| {
            let own: Vec<&KpiMeasurement> = measurements
                .iter()
                .filter(|m| m.measurement.kpi_id == kpi.id)
                .collect();
            kpi_view(kpi, &own, cohort.starts_on, today)
        })
        .collect())
}

/// Computes one KPI's view; separate from the loader so it can be tested without a database.
pub fn kpi_view(
    kpi: Kpi,
    measurements: &[&KpiMeasurement],
    start: NaiveDate,
    today: NaiveDate,
) -> KpiView {
    let details = kpi.details;
    let spec = KpiSpec {
        baseline: details.baseline,
        target: details.target,
        direction: match details.direction {
            KpiDirection::Increase => Direction::Increase,
            KpiDirection::Decrease => Direction::Decrease,
        },
        start,
        checkpoints: details.checkpoints.clone(),
    };
    let points: Vec<Measurement> = measurements
        .iter()
        .map(|m| Measurement {
            month: m.measurement.checkpoint_month,
            value: m.measurement.value,
            recorded_on: m.measurement.recorded_on,
        })
        .collect();
    let report = kpi::kpi_status(&spec, &points, today);
    let checkpoints: Vec<CheckpointView> = report
        .checkpoints
        .into_iter()
        .map(|point| {
            let recorded = measurements
                .iter()
                .find(|m| m.measurement.checkpoint_month == point.month && point.actual.is_some());
            CheckpointView {
                month: point.month,
                due: point.due.format("%Y-%m-%d").to_string(),
                expected: point.expected,
                actual: point.actual,
                status: point.status,
                evidence_note: recorded.map(|m| m.measurement.evidence_note.clone()),
                evidence_url: recorded.and_then(|m| m.measurement.evidence_url.clone()),
                recorded_on: recorded
                    .map(|m| m.measurement.recorded_on.format("%Y-%m-%d").to_string()),
            }
        })
        .collect();
    KpiView {
        id: kpi.id,
        name_ja: details.name_ja,
        name_en: details.name_en,
        level: details.level.as_str(),
        owner: details.owner,
        baseline: details.baseline,
        target: details.target,
        unit: details.unit,
        direction: details.direction.as_str(),
        data_source: details.data_source,
        overall: report.overall,
        overdue: checkpoints
            .iter()
            .filter(|point| point.status == Status::Overdue)
            .count(),
        checkpoints,
    }
}

/// The Fluent id naming a status (`imp-status-on-track`...).
pub fn status_message_id(status: Status) -> &'static str {
    match status {
        Status::OnTrack => "imp-status-on-track",
        Status::AtRisk => "imp-status-at-risk",
        Status::OffTrack => "imp-status-off-track",
        Status::Overdue => "imp-status-overdue",
        Status::NotDue => "imp-status-not-due",
    }
}

/// A CSS modifier for a status badge.
pub fn status_class(status: Status) -> &'static str {
    match status {
        Status::OnTrack => "on-track",
        Status::AtRisk => "at-risk",
        Status::OffTrack => "off-track",
        Status::Overdue => "overdue",
        Status::NotDue => "not-due",
    }
}
