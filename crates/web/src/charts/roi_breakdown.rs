//! The ROI breakdown: one bar per cost category, the total cost, and the monetised benefits on
//! the same scale, so a reader sees at a glance whether benefits cover costs and which cost
//! dominates. Costs and benefits differ by fill AND by their written row labels.

use std::fmt::Write as _;

use super::svg::{WIDTH, coord, empty_note, escape, finite, open, text};

const LABEL_WIDTH: f64 = 180.0;
const PLOT_RIGHT: f64 = WIDTH - 110.0;
const TOP: f64 = 20.0;
const ROW: f64 = 28.0;
const BAR: f64 = 18.0;

/// What the chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct RoiBreakdown<'a> {
    /// Accessible name and `<title>`.
    pub title: &'a str,
    /// Row label of the total cost.
    pub total_costs_label: &'a str,
    /// Row label of the benefits.
    pub benefits_label: &'a str,
    /// Shown when there is nothing to draw.
    pub empty: &'a str,
    /// Cost per category, in the order to draw.
    pub costs: &'a [(String, f64)],
    /// Monetised benefits over the horizon.
    pub benefits: f64,
}

/// The chart as SVG text.
pub fn roi_breakdown(chart: &RoiBreakdown<'_>) -> String {
    let costs: Vec<(&str, f64)> = chart
        .costs
        .iter()
        .map(|(label, amount)| {
            (
                label.as_str(),
                finite(Some(*amount)).unwrap_or(0.0).max(0.0),
            )
        })
        .collect();
    let total: f64 = costs.iter().map(|(_, amount)| amount).sum();
    let benefits = finite(Some(chart.benefits)).unwrap_or(0.0).max(0.0);
    let rows = costs.len() + 2;
    let height = TOP + rows as f64 * ROW + 16.0;
    let mut out = String::new();
    open(&mut out, height, chart.title, "chart-roi");
    if costs.is_empty() && benefits == 0.0 {
        empty_note(&mut out, height, chart.empty);
        out.push_str("</svg>");
        return out;
    }
    let largest = total.max(benefits);
    let width_of = |amount: f64| {
        if largest > 0.0 {
            amount / largest * (PLOT_RIGHT - LABEL_WIDTH)
        } else {
            0.0
        }
    };
    let mut y = TOP;
    for (label, amount) in &costs {
        row(
            &mut out,
            y,
            label,
            *amount,
            width_of(*amount),
            "fill=\"#9fb3c8\"",
        );
        y += ROW;
    }
    let _ = write!(
        out,
        "<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#888888\"/>",
        coord(LABEL_WIDTH - 170.0),
        coord(y - 5.0),
        coord(WIDTH - 10.0)
    );
    row(
        &mut out,
        y,
        chart.total_costs_label,
        total,
        width_of(total),
        "fill=\"#4a5a6a\"",
    );
    y += ROW;
    row(
        &mut out,
        y,
        chart.benefits_label,
        benefits,
        width_of(benefits),
        "fill=\"#1b7f3b\" stroke=\"#0b3f1b\" stroke-width=\"1\" stroke-dasharray=\"3 2\"",
    );
    out.push_str("</svg>");
    out
}

fn row(out: &mut String, y: f64, label: &str, amount: f64, width: f64, style: &str) {
    let _ = write!(
        out,
        "<g><title>{}: {}</title>",
        escape(label),
        grouped(amount)
    );
    text(out, LABEL_WIDTH - 8.0, y + BAR - 4.0, "end", label);
    let _ = write!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {style}/>",
        coord(LABEL_WIDTH),
        coord(y),
        coord(width),
        coord(BAR)
    );
    text(
        out,
        LABEL_WIDTH + width + 6.0,
        y + BAR - 4.0,
        "start",
        &grouped(amount),
    );
    out.push_str("</g>");
}

/// A whole amount with thousands separators (1234567.4 → "1,234,567").
pub(crate) fn grouped(amount: f64) -> String {
    let whole = format!("{:.0}", amount.abs());
    let mut out = String::with_capacity(whole.len() + whole.len() / 3 + 1);
    if amount.round() < 0.0 {
        out.push('-');
    }
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::svg::testing::well_formed;
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(grouped(0.0), "0");
        assert_eq!(grouped(999.0), "999");
        assert_eq!(grouped(1000.0), "1,000");
        assert_eq!(grouped(1_234_567.4), "1,234,567");
        assert_eq!(grouped(-12_345.0), "-12,345");
    }

    #[test]
    fn costs_total_and_benefits_share_one_scale() {
        let costs = vec![
            ("講師 <外部>".to_owned(), 300_000.0),
            ("会場 & 旅費".to_owned(), 100_000.0),
        ];
        let chart = RoiBreakdown {
            title: "ROI の内訳",
            total_costs_label: "費用合計",
            benefits_label: "便益",
            empty: "データなし",
            costs: &costs,
            benefits: 800_000.0,
        };
        let svg = roi_breakdown(&chart);
        let texts = well_formed(&svg);
        assert!(texts.contains(&"講師 <外部>".to_owned()));
        assert!(texts.contains(&"会場 & 旅費: 100,000".to_owned()));
        assert!(texts.contains(&"費用合計: 400,000".to_owned()));
        // Benefits are the largest value: the full plot width (350); the total is half of it.
        assert!(svg.contains("width=\"350\""), "{svg}");
        assert!(svg.contains("width=\"175\""), "{svg}");
        assert!(svg.contains("width=\"131.3\""), "{svg}");
        assert_eq!(svg, roi_breakdown(&chart));
    }

    #[test]
    fn empty_zero_and_hostile_amounts_render() {
        let none: Vec<(String, f64)> = Vec::new();
        let empty = RoiBreakdown {
            title: "t",
            total_costs_label: "c",
            benefits_label: "b",
            empty: "なし",
            costs: &none,
            benefits: 0.0,
        };
        assert!(well_formed(&roi_breakdown(&empty)).contains(&"なし".to_owned()));
        let odd = vec![("x".to_owned(), f64::NAN), ("y".to_owned(), -5.0)];
        let zero = RoiBreakdown {
            costs: &odd,
            benefits: f64::INFINITY,
            ..empty
        };
        let svg = roi_breakdown(&zero);
        well_formed(&svg);
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
    }
}
