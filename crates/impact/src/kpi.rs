//! KPI status at fixed checkpoints after the cohort starts.
//!
//! A KPI runs in a straight line from its baseline (month 0) to its target at the last
//! checkpoint; the expected value at month m of a plan whose last checkpoint is M is
//! `baseline + (target − baseline) · m / M`. A checkpoint is due `m` calendar months after the
//! cohort's start (end of month clamped: 31 Jan + 1 month = 28/29 Feb).
//!
//! Status of one checkpoint:
//! - measured: compare the measurement with the expected value in the KPI's direction.
//!   `OnTrack` when it is at or beyond the expected value; `AtRisk` when it falls short by at
//!   most [`AT_RISK_BAND`] (10 %) of the planned total change |target − baseline|; `OffTrack`
//!   when it falls short by more. (A KPI whose target equals its baseline has no band: any
//!   shortfall is off track.)
//! - not measured: `Overdue` once the due date has passed (today > due), `NotDue` before.
//!
//! Several measurements for one checkpoint: the latest `recorded_on` wins (the last given on a
//! tie). Measurements for months that are not checkpoints, or that are not finite, are ignored.
//! `overall` is the status of the latest checkpoint that is measured or overdue, so a late
//! success is not masked by an old gap; `NotDue` when there is none.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// The default checkpoints, in months after the cohort's start.
pub const CHECKPOINT_MONTHS: [u32; 5] = [0, 3, 6, 12, 24];
/// How far below the expected value (as a share of the planned total change) still counts as
/// "at risk" rather than "off track".
pub const AT_RISK_BAND: f64 = 0.10;

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Direction {
    Increase,
    Decrease,
}

/// Kirkpatrick level of a KPI (reaction, learning, behaviour, results).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Level {
    Reaction,
    Learning,
    Behaviour,
    Results,
}

/// The status of a checkpoint or of a whole KPI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Status {
    OnTrack,
    AtRisk,
    OffTrack,
    Overdue,
    NotDue,
}

/// What a KPI promises.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KpiSpec {
    pub baseline: f64,
    pub target: f64,
    pub direction: Direction,
    /// The cohort's start (month 0).
    #[serde(with = "iso_date")]
    pub start: NaiveDate,
    /// Months after `start`; empty means [`CHECKPOINT_MONTHS`]. Order and duplicates do not
    /// matter.
    pub checkpoints: Vec<u32>,
}

/// A value measured for the checkpoint at `month`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Measurement {
    pub month: u32,
    pub value: f64,
    #[serde(with = "iso_date")]
    pub recorded_on: NaiveDate,
}

/// One checkpoint's expected and actual value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckpointStatus {
    pub month: u32,
    #[serde(with = "iso_date")]
    pub due: NaiveDate,
    pub expected: f64,
    pub actual: Option<f64>,
    pub status: Status,
}

/// A KPI's status now.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KpiStatusReport {
    pub overall: Status,
    pub checkpoints: Vec<CheckpointStatus>,
}

/// Dates as `YYYY-MM-DD`, the project's date format.
mod iso_date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&date.format("%Y-%m-%d"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        let text = String::deserialize(deserializer)?;
        NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(serde::de::Error::custom)
    }
}

fn status_of(kpi: &KpiSpec, expected: f64, actual: f64) -> Status {
    let shortfall = match kpi.direction {
        Direction::Increase => expected - actual,
        Direction::Decrease => actual - expected,
    };
    let band = AT_RISK_BAND * (kpi.target - kpi.baseline).abs();
    if shortfall <= 0.0 {
        Status::OnTrack
    } else if shortfall <= band {
        Status::AtRisk
    } else {
        Status::OffTrack
    }
}

/// The status of `kpi` on `today`; see the module documentation for the rules.
pub fn kpi_status(
    kpi: &KpiSpec,
    measurements: &[Measurement],
    today: NaiveDate,
) -> KpiStatusReport {
    let mut months: Vec<u32> = if kpi.checkpoints.is_empty() {
        CHECKPOINT_MONTHS.to_vec()
    } else {
        kpi.checkpoints.clone()
    };
    months.sort_unstable();
    months.dedup();
    let last = months.last().copied().unwrap_or(0);
    let planned = kpi.target - kpi.baseline;
    let mut checkpoints = Vec::with_capacity(months.len());
    for month in months {
        let due = kpi
            .start
            .checked_add_months(Months::new(month))
            .unwrap_or(NaiveDate::MAX);
        let expected = if last == 0 {
            kpi.target
        } else {
            kpi.baseline + planned * f64::from(month) / f64::from(last)
        };
        let actual = measurements
            .iter()
            .filter(|m| m.month == month && m.value.is_finite())
            .fold(None::<&Measurement>, |best, m| match best {
                Some(b) if b.recorded_on > m.recorded_on => Some(b),
                _ => Some(m),
            })
            .map(|m| m.value);
        let status = match actual {
            Some(value) if expected.is_finite() => status_of(kpi, expected, value),
            Some(_) => Status::OffTrack,
            None if today > due => Status::Overdue,
            None => Status::NotDue,
        };
        checkpoints.push(CheckpointStatus {
            month,
            due,
            expected,
            actual,
            status,
        });
    }
    let overall = checkpoints
        .iter()
        .rev()
        .find(|c| c.status != Status::NotDue)
        .map_or(Status::NotDue, |c| c.status);
    KpiStatusReport {
        overall,
        checkpoints,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn spec(direction: Direction, baseline: f64, target: f64) -> KpiSpec {
        KpiSpec {
            baseline,
            target,
            direction,
            start: date("2026-01-31"),
            checkpoints: Vec::new(),
        }
    }

    fn measured(month: u32, value: f64, on: &str) -> Measurement {
        Measurement {
            month,
            value,
            recorded_on: date(on),
        }
    }

    #[test]
    fn expected_values_and_due_dates() {
        // Baseline 40 → target 64 over 24 months: +1 per month.
        let report = kpi_status(
            &spec(Direction::Increase, 40.0, 64.0),
            &[],
            date("2026-01-01"),
        );
        let rows: Vec<(u32, NaiveDate, f64)> = report
            .checkpoints
            .iter()
            .map(|c| (c.month, c.due, c.expected))
            .collect();
        assert_eq!(
            rows,
            [
                (0, date("2026-01-31"), 40.0),
                (3, date("2026-04-30"), 43.0),
                (6, date("2026-07-31"), 46.0),
                (12, date("2027-01-31"), 52.0),
                (24, date("2028-01-31"), 64.0),
            ]
        );
        assert_eq!(report.overall, Status::NotDue);
    }

    #[test]
    fn statuses_by_band() {
        // Planned change 24, so the at-risk band is 2.4 below the expected value.
        let kpi = spec(Direction::Increase, 40.0, 64.0);
        let today = date("2026-08-15");
        let report = kpi_status(
            &kpi,
            &[
                measured(0, 40.0, "2026-01-31"),
                measured(3, 40.7, "2026-05-02"), // expected 43: short by 2.3 → at risk
                measured(6, 43.0, "2026-08-01"), // expected 46: short by 3 → off track
            ],
            today,
        );
        let statuses: Vec<Status> = report.checkpoints.iter().map(|c| c.status).collect();
        assert_eq!(
            statuses,
            [
                Status::OnTrack,
                Status::AtRisk,
                Status::OffTrack,
                Status::NotDue,
                Status::NotDue
            ]
        );
        assert_eq!(report.overall, Status::OffTrack);
    }

    #[test]
    fn decrease_kpis_and_overdue() {
        // Attrition 20 % → 8 % over 12 months (checkpoints 0, 6, 12): expected 14 at month 6.
        let mut kpi = spec(Direction::Decrease, 20.0, 8.0);
        kpi.checkpoints = vec![12, 0, 6, 6];
        let report = kpi_status(
            &kpi,
            &[
                measured(0, 20.0, "2026-01-31"),
                measured(6, 13.0, "2026-08-01"),
            ],
            date("2027-02-01"),
        );
        let statuses: Vec<(u32, Status)> = report
            .checkpoints
            .iter()
            .map(|c| (c.month, c.status))
            .collect();
        assert_eq!(
            statuses,
            [
                (0, Status::OnTrack),
                (6, Status::OnTrack),
                (12, Status::Overdue)
            ]
        );
        assert_eq!(report.overall, Status::Overdue);
        // On the due day itself it is not yet overdue.
        let report = kpi_status(&kpi, &[], date("2027-01-31"));
        assert_eq!(report.checkpoints[2].status, Status::NotDue);
        assert_eq!(
            report.overall,
            Status::Overdue,
            "months 0 and 6 are overdue"
        );
        // 14.5 is short by 0.5 ≤ 1.2 → at risk; 16 → off track.
        for (value, status) in [(14.5, Status::AtRisk), (16.0, Status::OffTrack)] {
            let r = kpi_status(
                &kpi,
                &[measured(6, value, "2026-08-01")],
                date("2026-08-02"),
            );
            assert_eq!(r.checkpoints[1].status, status, "{value}");
        }
    }

    #[test]
    fn latest_measurement_wins_and_junk_is_ignored() {
        let kpi = spec(Direction::Increase, 0.0, 24.0);
        let report = kpi_status(
            &kpi,
            &[
                measured(3, 1.0, "2026-05-10"),
                measured(3, 3.5, "2026-05-20"),
                measured(3, 0.0, "2026-05-01"),
                measured(3, f64::NAN, "2026-06-01"),
                measured(4, 99.0, "2026-06-01"),
            ],
            date("2026-06-02"),
        );
        assert_eq!(report.checkpoints[1].actual, Some(3.5));
        assert_eq!(report.checkpoints[1].status, Status::OnTrack);
        assert_eq!(report.checkpoints.len(), 5);
    }

    #[test]
    fn a_single_checkpoint_expects_the_target() {
        let mut kpi = spec(Direction::Increase, 1.0, 2.0);
        kpi.checkpoints = vec![0];
        let r = kpi_status(&kpi, &[measured(0, 1.95, "2026-02-01")], date("2026-02-01"));
        assert_eq!(r.checkpoints[0].expected, 2.0);
        assert_eq!(r.overall, Status::AtRisk);
    }

    #[test]
    fn json_round_trip_uses_iso_dates_and_camel_case() {
        let kpi = spec(Direction::Decrease, 1.0, 0.5);
        let json = serde_json::to_value(&kpi).unwrap();
        assert_eq!(json["start"], "2026-01-31");
        assert_eq!(json["direction"], "decrease");
        let back: KpiSpec = serde_json::from_value(json).unwrap();
        assert_eq!(back, kpi);
        let r = kpi_status(&kpi, &[], date("2026-02-01"));
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["overall"], "overdue");
        assert_eq!(json["checkpoints"][0]["due"], "2026-01-31");
        assert_eq!(json["checkpoints"][1]["status"], "notDue");
        assert!(
            serde_json::from_str::<Measurement>(
                r#"{"month":0,"value":1,"recordedOn":"2026-13-01"}"#
            )
            .is_err()
        );
    }
}
