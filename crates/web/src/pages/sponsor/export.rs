//! The dashboard as one tidy CSV table: `section,metric,dimension,value`, one observation per
//! row, so a sponsor's analyst can pivot it in Excel or load it in R/pandas without reshaping.
//!
//! Rows are made from the [`Dashboard`] only, which holds no suppressed cell, so the CSV cannot
//! contain one either. The file starts with a UTF-8 byte order mark because Excel (the tool
//! most sponsors open it with) otherwise reads Japanese text as Shift-JIS.

use std::fmt::Write as _;

use crate::analytics::kpis::status_class;

use super::data::Dashboard;

/// One CSV row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// `cohort`, `kpi`, `change`, `credentials`, `diversity`, `roi`.
    pub section: &'static str,
    /// What is measured.
    pub metric: String,
    /// What it is broken down by (a KPI and month, a competency, a category); may be empty.
    pub dimension: String,
    /// The value.
    pub value: String,
}

fn row(section: &'static str, metric: &str, dimension: &str, value: String) -> Row {
    Row {
        section,
        metric: metric.to_owned(),
        dimension: dimension.to_owned(),
        value,
    }
}

/// A number as CSV text: full precision, no thousands separators; non-finite → empty.
fn number(value: f64) -> String {
    if value == 0.0 {
        // Also catches -0.0, which would print as "-0".
        "0".to_owned()
    } else if value.is_finite() {
        format!("{value}")
    } else {
        String::new()
    }
}

fn optional(value: Option<f64>) -> String {
    value.map(number).unwrap_or_default()
}

/// Every observation of the dashboard.
pub fn rows(dashboard: &Dashboard) -> Vec<Row> {
    let mut rows = vec![row(
        "cohort",
        "participants_counted",
        "",
        dashboard.participants_counted.to_string(),
    )];
    for kpi in &dashboard.kpis {
        let name = if dashboard.lang == "ja" {
            &kpi.name_ja
        } else {
            &kpi.name_en
        };
        rows.push(row(
            "kpi",
            "overall_status",
            name,
            status_class(kpi.overall).to_owned(),
        ));
        rows.push(row("kpi", "baseline", name, number(kpi.baseline)));
        rows.push(row("kpi", "target", name, number(kpi.target)));
        for point in &kpi.checkpoints {
            let dimension = format!("{name} | month {}", point.month);
            rows.push(row("kpi", "expected", &dimension, number(point.expected)));
            rows.push(row("kpi", "actual", &dimension, optional(point.actual)));
            rows.push(row(
                "kpi",
                "status",
                &dimension,
                status_class(point.status).to_owned(),
            ));
        }
    }
    if let Some(change) = &dashboard.change {
        for figures in change.overall.iter().chain(&change.competencies) {
            let name = figures.name.as_str();
            rows.push(row("change", "n", name, figures.n.to_string()));
            rows.push(row("change", "pre_mean", name, number(figures.pre_mean)));
            rows.push(row("change", "post_mean", name, number(figures.post_mean)));
            rows.push(row("change", "mean_diff", name, number(figures.mean_diff)));
            rows.push(row("change", "ci95_low", name, number(figures.ci95[0])));
            rows.push(row("change", "ci95_high", name, number(figures.ci95[1])));
            rows.push(row("change", "dz", name, optional(figures.dz)));
            rows.push(row(
                "change",
                "reliable_improvement_share",
                name,
                optional(figures.reliable_improvement_share),
            ));
        }
    }
    if let Some(credentials) = &dashboard.credentials {
        rows.push(row(
            "credentials",
            "issued",
            "",
            credentials.issued.to_string(),
        ));
        rows.push(row(
            "credentials",
            "claimed",
            "",
            credentials.claimed.to_string(),
        ));
        rows.push(row(
            "credentials",
            "claimed_share",
            "",
            optional(credentials.claimed_share),
        ));
    }
    for dimension in &dashboard.diversity {
        let label = dimension.label.as_str();
        rows.push(row("diversity", "n", label, dimension.n.to_string()));
        for category in &dimension.categories {
            let cell = format!("{label} | {}", category.category);
            rows.push(row("diversity", "count", &cell, category.count.to_string()));
            rows.push(row("diversity", "share", &cell, number(category.share)));
        }
        rows.push(row(
            "diversity",
            "suppressed_people",
            label,
            dimension.suppressed_people.to_string(),
        ));
        rows.push(row("diversity", "blau", label, number(dimension.blau)));
        rows.push(row(
            "diversity",
            "shannon",
            label,
            number(dimension.shannon),
        ));
        rows.push(row(
            "diversity",
            "effective_number",
            label,
            number(dimension.effective_number),
        ));
    }
    if let Some(roi) = &dashboard.roi {
        let report = &roi.report;
        rows.push(row("roi", "currency", "", roi.currency.clone()));
        rows.push(row("roi", "costs", "", number(report.costs)));
        rows.push(row("roi", "benefits", "", number(report.benefits)));
        rows.push(row("roi", "bcr", "", number(report.bcr)));
        rows.push(row("roi", "roi_percent", "", number(report.roi_percent)));
        rows.push(row(
            "roi",
            "payback_months",
            "",
            optional(report.payback_months),
        ));
        for cost in &report.costs_by_category {
            let category = serde_json::to_value(cost.category)
                .ok()
                .and_then(|value| value.as_str().map(str::to_owned))
                .unwrap_or_default();
            rows.push(row("roi", "cost", &category, number(cost.amount)));
        }
    }
    rows
}

/// Quotes a field when needed (RFC 4180), and defuses text a spreadsheet would run as a
/// formula (a leading `=`, `+`, `-`, `@`, tab or CR gets a `'`), except plain numbers.
fn field(text: &str) -> String {
    let numeric = text.parse::<f64>().is_ok();
    let defused = if !numeric && text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

/// The CSV file: BOM, header, rows, CRLF line ends.
pub fn csv(rows: &[Row]) -> String {
    let mut out = String::from("\u{feff}section,metric,dimension,value\r\n");
    for row in rows {
        let _ = write!(
            out,
            "{},{},{},{}\r\n",
            field(row.section),
            field(&row.metric),
            field(&row.dimension),
            field(&row.value)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("-12.5"), "-12.5");
        assert_eq!(field("改行\nあり"), "\"改行\nあり\"");
    }

    #[test]
    fn file_has_bom_header_and_crlf() {
        let text = csv(&[row("roi", "bcr", "", "2.5".into())]);
        assert_eq!(
            text,
            "\u{feff}section,metric,dimension,value\r\nroi,bcr,,2.5\r\n"
        );
        assert_eq!(number(f64::NAN), "");
        assert_eq!(number(0.1), "0.1");
    }
}
