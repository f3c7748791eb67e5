//! A KPI's timeline: the expected trajectory as a dashed line, the measured value at each
//! checkpoint as a marker whose SHAPE (not only its colour) tells the status: a circle when on
//! track, a triangle when at risk, a cross when off track, a hollow square on the axis when a
//! measurement is overdue, nothing yet when it is not due.

use std::fmt::Write as _;

use super::svg::{WIDTH, coord, empty_note, escape, finite, open, text, value_label};

const LEFT: f64 = 70.0;
const RIGHT: f64 = WIDTH - 30.0;
const TOP: f64 = 40.0;
const HEIGHT: f64 = 260.0;
const BOTTOM: f64 = HEIGHT - 40.0;

/// A checkpoint's status (mirrors `tsumiki_impact::kpi::Status`, kept apart so the charts
/// depend on nothing but their input).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineStatus {
    /// Measured and at or beyond the expected value.
    OnTrack,
    /// Measured, somewhat short.
    AtRisk,
    /// Measured, well short.
    OffTrack,
    /// Due, but not measured.
    Overdue,
    /// Not due yet.
    NotDue,
}

impl TimelineStatus {
    /// The colour; paired with a distinct shape, never used alone.
    fn colour(self) -> &'static str {
        match self {
            TimelineStatus::OnTrack => "#1b7f3b",
            TimelineStatus::AtRisk => "#b26a00",
            TimelineStatus::OffTrack => "#b3261e",
            TimelineStatus::Overdue => "#6b1f8f",
            TimelineStatus::NotDue => "#777777",
        }
    }
}

/// One checkpoint.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelinePoint {
    /// Months after the cohort's start: the x-axis is time, so a linear plan draws straight.
    pub month: u32,
    /// The checkpoint's label on the axis, e.g. "3か月" / "3 mo".
    pub label: String,
    /// Where the KPI should be by then.
    pub expected: f64,
    /// What was measured, if anything.
    pub actual: Option<f64>,
    /// The checkpoint's status.
    pub status: TimelineStatus,
    /// The status in words, for the legend and the marker's tooltip.
    pub status_label: String,
}

/// The chart's texts.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineChart<'a> {
    /// Accessible name and `<title>`.
    pub title: &'a str,
    /// Legend of the dashed line.
    pub expected_label: &'a str,
    /// Shown when there is nothing to draw.
    pub empty: &'a str,
}

/// The chart as SVG text.
pub fn kpi_timeline(chart: &TimelineChart<'_>, points: &[TimelinePoint]) -> String {
    let mut out = String::new();
    open(&mut out, HEIGHT, chart.title, "chart-kpi");
    if points.is_empty() {
        empty_note(&mut out, HEIGHT, chart.empty);
        out.push_str("</svg>");
        return out;
    }
    let (low, high) = range(points);
    let y_of = |value: f64| BOTTOM - (value - low) / (high - low) * (BOTTOM - TOP);
    let last_month = points.iter().map(|point| point.month).max().unwrap_or(0);
    let per_month = if last_month > 0 {
        (RIGHT - LEFT - 40.0) / f64::from(last_month)
    } else {
        0.0
    };
    let x_of = |index: usize| {
        let month = points.get(index).map_or(0, |point| point.month);
        LEFT + 20.0 + f64::from(month) * per_month
    };
    frame(&mut out, low, high, &y_of);
    legend(&mut out, chart, points);
    let mut line = String::new();
    for (index, point) in points.iter().enumerate() {
        if let Some(expected) = finite(Some(point.expected)) {
            let _ = write!(
                line,
                "{}{},{}",
                if line.is_empty() { "" } else { " " },
                coord(x_of(index)),
                coord(y_of(expected))
            );
        }
        text(&mut out, x_of(index), BOTTOM + 18.0, "middle", &point.label);
    }
    let _ = write!(
        out,
        "<polyline points=\"{line}\" fill=\"none\" stroke=\"#444444\" stroke-width=\"1.5\" \
         stroke-dasharray=\"6 4\"/>"
    );
    for (index, point) in points.iter().enumerate() {
        let tooltip = match finite(point.actual) {
            Some(actual) => format!(
                "{}: {} ({})",
                point.label,
                value_label(actual),
                point.status_label
            ),
            None => format!("{}: {}", point.label, point.status_label),
        };
        let _ = write!(out, "<g><title>{}</title>", escape(&tooltip));
        let y = finite(point.actual).map_or(BOTTOM, y_of);
        if finite(point.actual).is_some() || point.status == TimelineStatus::Overdue {
            marker(&mut out, point.status, x_of(index), y);
        }
        if let Some(actual) = finite(point.actual) {
            text(
                &mut out,
                x_of(index) + 9.0,
                y - 8.0,
                "start",
                &value_label(actual),
            );
        }
        out.push_str("</g>");
    }
    out.push_str("</svg>");
    out
}

/// The value range to draw: every expected and actual value, padded by a tenth, and never
/// empty (a flat KPI still needs a height).
fn range(points: &[TimelinePoint]) -> (f64, f64) {
    let values = points
        .iter()
        .flat_map(|point| [Some(point.expected), point.actual])
        .filter_map(finite);
    let (low, high) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(low, high), v| {
        (low.min(v), high.max(v))
    });
    if !low.is_finite() || !high.is_finite() {
        return (0.0, 1.0);
    }
    let pad = ((high - low) / 10.0).max(high.abs().max(1.0) / 100.0);
    (low - pad, high + pad)
}

fn frame(out: &mut String, low: f64, high: f64, y_of: &dyn Fn(f64) -> f64) {
    let _ = write!(
        out,
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#888888\"/>\
         <line x1=\"{0}\" y1=\"{2}\" x2=\"{3}\" y2=\"{2}\" stroke=\"#888888\"/>",
        coord(LEFT),
        coord(TOP),
        coord(BOTTOM),
        coord(RIGHT)
    );
    for fraction in [0.0, 0.5, 1.0] {
        let value = low + (high - low) * fraction;
        text(
            out,
            LEFT - 6.0,
            y_of(value) + 4.0,
            "end",
            &value_label(value),
        );
    }
}

fn legend(out: &mut String, chart: &TimelineChart<'_>, points: &[TimelinePoint]) {
    let _ = write!(
        out,
        "<line x1=\"{0}\" y1=\"16\" x2=\"{1}\" y2=\"16\" stroke=\"#444444\" stroke-width=\"1.5\" \
         stroke-dasharray=\"6 4\"/>",
        coord(LEFT),
        coord(LEFT + 24.0)
    );
    text(out, LEFT + 30.0, 20.0, "start", chart.expected_label);
    let mut x = LEFT + 150.0;
    let mut shown: Vec<TimelineStatus> = Vec::new();
    for point in points {
        if point.status == TimelineStatus::NotDue || shown.contains(&point.status) {
            continue;
        }
        shown.push(point.status);
        marker(out, point.status, x, 16.0);
        text(out, x + 10.0, 20.0, "start", &point.status_label);
        x += 20.0 + 12.0 * point.status_label.chars().count().min(12) as f64;
    }
}

fn marker(out: &mut String, status: TimelineStatus, x: f64, y: f64) {
    let colour = status.colour();
    let (x, y) = (coord(x), coord(y));
    match status {
        TimelineStatus::OnTrack => {
            let _ = write!(
                out,
                "<circle cx=\"{x}\" cy=\"{y}\" r=\"6\" fill=\"{colour}\"/>"
            );
        }
        TimelineStatus::AtRisk => {
            let _ = write!(
                out,
                "<path d=\"M {x} {y} m 0 -7 l 7 12 l -14 0 z\" fill=\"{colour}\"/>"
            );
        }
        TimelineStatus::OffTrack => {
            let _ = write!(
                out,
                "<path d=\"M {x} {y} m -6 -6 l 12 12 m 0 -12 l -12 12\" stroke=\"{colour}\" \
                 stroke-width=\"3\" fill=\"none\"/>"
            );
        }
        TimelineStatus::Overdue | TimelineStatus::NotDue => {
            let _ = write!(
                out,
                "<path d=\"M {x} {y} m -6 -6 h 12 v 12 h -12 z\" stroke=\"{colour}\" \
                 stroke-width=\"2\" fill=\"#ffffff\"/>"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::svg::testing::well_formed;
    use super::*;

    fn chart() -> TimelineChart<'static> {
        TimelineChart {
            title: "KPI: 離職率 & 定着",
            expected_label: "計画",
            empty: "チェックポイントなし",
        }
    }

    fn point(
        label: &str,
        expected: f64,
        actual: Option<f64>,
        status: TimelineStatus,
    ) -> TimelinePoint {
        TimelinePoint {
            month: label.parse().unwrap(),
            label: label.into(),
            expected,
            actual,
            status,
            status_label: format!("{status:?}"),
        }
    }

    #[test]
    fn checkpoints_are_placed_by_month() {
        let points = [
            point("0", 0.0, None, TimelineStatus::NotDue),
            point("12", 12.0, None, TimelineStatus::NotDue),
            point("24", 24.0, None, TimelineStatus::NotDue),
        ];
        let svg = kpi_timeline(&chart(), &points);
        // A linear plan is one straight polyline: equal x steps for equal month steps.
        let line = svg.split("<polyline points=\"").nth(1).unwrap();
        let xs: Vec<f64> = line
            .split('"')
            .next()
            .unwrap()
            .split(' ')
            .map(|pair| pair.split(',').next().unwrap().parse().unwrap())
            .collect();
        assert_eq!(xs.len(), 3);
        assert!(((xs[1] - xs[0]) - (xs[2] - xs[1])).abs() < 0.01, "{xs:?}");
        let uneven = [
            point("0", 0.0, None, TimelineStatus::NotDue),
            point("3", 3.0, None, TimelineStatus::NotDue),
            point("24", 24.0, None, TimelineStatus::NotDue),
        ];
        let svg = kpi_timeline(&chart(), &uneven);
        let line = svg.split("<polyline points=\"").nth(1).unwrap();
        let xs: Vec<f64> = line
            .split('"')
            .next()
            .unwrap()
            .split(' ')
            .map(|pair| pair.split(',').next().unwrap().parse().unwrap())
            .collect();
        // Month 3 sits an eighth of the way to month 24, not halfway.
        assert!(
            ((xs[1] - xs[0]) * 8.0 - (xs[2] - xs[0])).abs() < 0.05,
            "{xs:?}"
        );
    }

    #[test]
    fn each_status_has_its_own_shape() {
        let points = [
            point("0", 10.0, Some(10.0), TimelineStatus::OnTrack),
            point("3", 12.0, Some(11.0), TimelineStatus::AtRisk),
            point("6", 14.0, Some(8.0), TimelineStatus::OffTrack),
            point("12", 16.0, None, TimelineStatus::Overdue),
            point("24", 20.0, None, TimelineStatus::NotDue),
        ];
        let svg = kpi_timeline(&chart(), &points);
        let texts = well_formed(&svg);
        assert!(texts.contains(&"KPI: 離職率 & 定着".to_owned()));
        assert!(texts.contains(&"12: Overdue".to_owned()));
        assert!(texts.contains(&"3: 11 (AtRisk)".to_owned()));
        // One circle in the legend and one on the plot, and likewise for the other shapes.
        assert_eq!(svg.matches("<circle").count(), 2);
        assert_eq!(svg.matches("l 7 12 l -14 0 z").count(), 2);
        assert_eq!(svg.matches("l 12 12 m 0 -12").count(), 2);
        assert_eq!(svg.matches("h 12 v 12 h -12 z").count(), 2);
        // The expected line goes through all five checkpoints.
        let line = svg.split("<polyline points=\"").nth(1).unwrap();
        let line = &line[..line.find('"').unwrap()];
        assert_eq!(line.split(' ').count(), 5);
    }

    #[test]
    fn values_at_the_extremes_sit_inside_the_plot() {
        let points = [
            point("0", 0.0, Some(0.0), TimelineStatus::OnTrack),
            point("3", 100.0, Some(100.0), TimelineStatus::OnTrack),
        ];
        let svg = kpi_timeline(&chart(), &points);
        well_formed(&svg);
        // The first circle is the legend's; the others are on the plot.
        let markers: Vec<&str> = svg.split("cy=\"").skip(2).collect();
        assert_eq!(markers.len(), 2);
        for cy in markers {
            let y: f64 = cy[..cy.find('"').unwrap()].parse().unwrap();
            assert!((TOP..=BOTTOM).contains(&y), "marker at {y}");
        }
    }

    #[test]
    fn empty_flat_and_non_finite_inputs_render() {
        assert!(
            well_formed(&kpi_timeline(&chart(), &[])).contains(&"チェックポイントなし".to_owned())
        );
        let flat = [point("0", 5.0, Some(5.0), TimelineStatus::OnTrack)];
        let svg = kpi_timeline(&chart(), &flat);
        well_formed(&svg);
        assert!(!svg.contains("NaN"));
        let broken = [point(
            "0",
            f64::NAN,
            Some(f64::NEG_INFINITY),
            TimelineStatus::OffTrack,
        )];
        let svg = kpi_timeline(&chart(), &broken);
        well_formed(&svg);
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
        assert_eq!(svg, kpi_timeline(&chart(), &broken));
    }
}
