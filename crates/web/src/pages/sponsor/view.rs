//! The dashboard as the page and the A4 report show it: formatted figures, status words and
//! the server-drawn charts. Both templates render this one view, so the printed report always
//! says what the screen says.

use tsumiki_i18n::Lang;
use tsumiki_impact::kpi::Status;
use tsumiki_impact::roi::CostCategory;

use super::data::Dashboard;
use crate::analytics::diversity::NOT_STATED;
use crate::analytics::kpis::{status_class, status_message_id};
use crate::analytics::roi::format_major;
use crate::charts::{
    CompetencyBar, CompetencyChart, RoiBreakdown, TimelineChart, TimelinePoint, TimelineStatus,
    competency_pre_post, kpi_timeline, roi_breakdown,
};

/// One KPI checkpoint row.
pub struct CheckpointRow {
    pub month: u32,
    pub due: String,
    pub expected: String,
    pub actual: String,
    pub status: String,
    pub status_class: &'static str,
}

/// One KPI with its chart and table.
pub struct KpiBlock {
    pub name: String,
    pub unit: String,
    pub overall: String,
    pub overall_class: &'static str,
    pub chart: String,
    pub checkpoints: Vec<CheckpointRow>,
}

/// One competency row of the 360° table.
pub struct ChangeRow {
    pub name: String,
    pub n: usize,
    pub pre: String,
    pub post: String,
    pub diff: String,
    pub ci: String,
    pub dz: String,
    pub reliable: String,
}

/// One diversity category row.
pub struct CategoryRow {
    pub category: String,
    pub count: usize,
    pub share: String,
}

/// One diversity attribute.
pub struct DiversityBlock {
    pub label: String,
    pub n: usize,
    pub categories: Vec<CategoryRow>,
    pub suppressed_people: usize,
    pub blau: String,
    pub effective_number: String,
}

/// The ROI section.
pub struct RoiBlock {
    pub currency: String,
    pub costs: String,
    pub benefits: String,
    pub bcr: String,
    pub roi_percent: String,
    pub payback: String,
    pub caption: String,
    pub by_category: Vec<(String, String)>,
    pub chart: String,
}

/// Everything both templates need.
pub struct DashboardView {
    pub cohort_id: String,
    pub cohort_name: String,
    pub programme_title: String,
    pub sponsor_name: String,
    pub period: String,
    pub as_of: String,
    pub as_of_note: String,
    pub counted_note: String,
    pub threshold_note: String,
    pub kpis: Vec<KpiBlock>,
    pub change_available: bool,
    pub change_rows: Vec<ChangeRow>,
    pub change_withheld_note: String,
    pub change_chart: String,
    pub credentials: Option<(u64, u64, String)>,
    pub diversity: Vec<DiversityBlock>,
    pub roi: Option<RoiBlock>,
}

fn two(value: f64) -> String {
    if value.is_finite() {
        // Rounded first, then `+ 0.0` turns -0.0 into 0.0: no "-0.00" for tiny negatives.
        format!("{:.2}", (value * 100.0).round() / 100.0 + 0.0)
    } else {
        "—".to_owned()
    }
}

fn percent(share: f64) -> String {
    if share.is_finite() {
        format!("{:.0}%", share * 100.0)
    } else {
        "—".to_owned()
    }
}

fn timeline_status(status: Status) -> TimelineStatus {
    match status {
        Status::OnTrack => TimelineStatus::OnTrack,
        Status::AtRisk => TimelineStatus::AtRisk,
        Status::OffTrack => TimelineStatus::OffTrack,
        Status::Overdue => TimelineStatus::Overdue,
        Status::NotDue => TimelineStatus::NotDue,
    }
}

/// The message id naming a cost category (the ledger's own words where it has them).
fn cost_message_id(category: CostCategory) -> &'static str {
    match category {
        CostCategory::Faculty => "imp-cat-faculty",
        CostCategory::TravelAndAccommodation => "imp-cat-travel-accommodation",
        CostCategory::Platform => "imp-cat-platform",
        CostCategory::ParticipantTime => "imp-cat-participant-time",
        CostCategory::InterpretationAndTranslation => "imp-cat-interpretation-translation",
        CostCategory::Coaching => "imp-cat-coaching",
        CostCategory::InternalCoordination => "imp-cat-internal-coordination",
        CostCategory::Backfill => "imp-cat-backfill",
        CostCategory::Other => "sp-cost-other",
    }
}

/// Builds the view of `dashboard` in `lang`.
pub fn build(dashboard: &Dashboard, lang: Lang) -> DashboardView {
    let t = |id: &str| tsumiki_i18n::t(lang, id, &[]);
    let month_label = |month: u32| {
        tsumiki_i18n::t(
            lang,
            "sp-month",
            &[("month", tsumiki_i18n::Arg::from(i64::from(month)))],
        )
    };
    let kpis = dashboard
        .kpis
        .iter()
        .map(|kpi| {
            let name = match lang {
                Lang::Ja if !kpi.name_ja.trim().is_empty() => kpi.name_ja.clone(),
                Lang::Ja => kpi.name_en.clone(),
                Lang::En if !kpi.name_en.trim().is_empty() => kpi.name_en.clone(),
                Lang::En => kpi.name_ja.clone(),
            };
            let points: Vec<TimelinePoint> = kpi
                .checkpoints
                .iter()
                .map(|point| TimelinePoint {
                    month: point.month,
                    label: month_label(point.month),
                    expected: point.expected,
                    actual: point.actual,
                    status: timeline_status(point.status),
                    status_label: t(status_message_id(point.status)),
                })
                .collect();
            let title = tsumiki_i18n::t(
                lang,
                "sp-chart-kpi",
                &[("kpi", tsumiki_i18n::Arg::from(name.as_str()))],
            );
            let chart = kpi_timeline(
                &TimelineChart {
                    title: &title,
                    expected_label: &t("sp-chart-expected"),
                    empty: &t("sp-chart-empty"),
                },
                &points,
            );
            KpiBlock {
                unit: kpi.unit.clone(),
                overall: t(status_message_id(kpi.overall)),
                overall_class: status_class(kpi.overall),
                chart,
                checkpoints: kpi
                    .checkpoints
                    .iter()
                    .map(|point| CheckpointRow {
                        month: point.month,
                        due: point.due.clone(),
                        expected: two(point.expected),
                        actual: point.actual.map_or_else(|| "—".to_owned(), two),
                        status: t(status_message_id(point.status)),
                        status_class: status_class(point.status),
                    })
                    .collect(),
                name,
            }
        })
        .collect();

    let (change_rows, change_withheld, change_chart) = match &dashboard.change {
        Some(change) => {
            let rows = change
                .overall
                .iter()
                .chain(&change.competencies)
                .map(|f| ChangeRow {
                    name: f.name.clone(),
                    n: f.n,
                    pre: two(f.pre_mean),
                    post: two(f.post_mean),
                    diff: format!("{:+.2}", f.mean_diff),
                    ci: format!("[{}, {}]", two(f.ci95[0]), two(f.ci95[1])),
                    dz: f.dz.map_or_else(|| "—".to_owned(), two),
                    reliable: f
                        .reliable_improvement_share
                        .map_or_else(|| "—".to_owned(), percent),
                })
                .collect();
            let bars: Vec<CompetencyBar> = change
                .competencies
                .iter()
                .map(|f| CompetencyBar {
                    label: f.name.clone(),
                    pre: Some(f.pre_mean),
                    post: Some(f.post_mean),
                })
                .collect();
            let chart = competency_pre_post(
                &CompetencyChart {
                    title: &t("sp-chart-competency"),
                    pre_label: &t("sp-chart-pre"),
                    post_label: &t("sp-chart-post"),
                    empty: &t("sp-chart-empty"),
                    min: f64::from(change.scale_min),
                    max: f64::from(change.scale_max),
                },
                &bars,
            );
            (rows, change.withheld, chart)
        }
        None => (Vec::new(), 0, String::new()),
    };

    let roi = dashboard.roi.as_ref().map(|roi| {
        let report = &roi.report;
        let by_category: Vec<(String, f64)> = report
            .costs_by_category
            .iter()
            .map(|cost| (t(cost_message_id(cost.category)), cost.amount))
            .collect();
        let title = tsumiki_i18n::t(
            lang,
            "sp-chart-roi",
            &[("currency", tsumiki_i18n::Arg::from(roi.currency.as_str()))],
        );
        let chart = roi_breakdown(&RoiBreakdown {
            title: &title,
            total_costs_label: &t("sp-roi-costs"),
            benefits_label: &t("sp-roi-benefits"),
            empty: &t("sp-chart-empty"),
            costs: &by_category,
            benefits: report.benefits,
        });
        RoiBlock {
            currency: roi.currency.clone(),
            costs: format_major(report.costs, &roi.currency),
            benefits: format_major(report.benefits, &roi.currency),
            bcr: two(report.bcr),
            roi_percent: format!("{:.0}%", report.roi_percent),
            payback: report.payback_months.map_or_else(
                || "—".to_owned(),
                |months| {
                    tsumiki_i18n::t(
                        lang,
                        "sp-roi-payback-months",
                        &[("months", tsumiki_i18n::Arg::from(format!("{months:.1}")))],
                    )
                },
            ),
            caption: format!(
                "{} ({})",
                tsumiki_i18n::t(
                    lang,
                    "sp-roi-table",
                    &[(
                        "years",
                        tsumiki_i18n::Arg::from(i64::from(roi.horizon_years))
                    )],
                ),
                roi.currency
            ),
            by_category: by_category
                .iter()
                .map(|(label, amount)| (label.clone(), format_major(*amount, &roi.currency)))
                .collect(),
            chart,
        }
    });

    DashboardView {
        cohort_id: dashboard.cohort.id.clone(),
        cohort_name: dashboard.cohort.name.clone(),
        programme_title: dashboard.cohort.programme_title.clone(),
        sponsor_name: dashboard.cohort.sponsor_name.clone(),
        period: format!(
            "{} – {}",
            dashboard.cohort.starts_on, dashboard.cohort.ends_on
        ),
        as_of_note: tsumiki_i18n::t(
            lang,
            "sp-as-of",
            &[("date", tsumiki_i18n::Arg::from(dashboard.as_of.as_str()))],
        ),
        as_of: dashboard.as_of.clone(),
        counted_note: tsumiki_i18n::t(
            lang,
            "sp-counted",
            &[(
                "count",
                tsumiki_i18n::Arg::from(dashboard.participants_counted),
            )],
        ),
        threshold_note: tsumiki_i18n::t(
            lang,
            "sp-threshold",
            &[(
                "threshold",
                tsumiki_i18n::Arg::from(i64::from(dashboard.cohort.anonymity_threshold)),
            )],
        ),
        kpis,
        change_available: dashboard.change.is_some(),
        change_rows,
        change_withheld_note: if change_withheld > 0 {
            tsumiki_i18n::t(
                lang,
                "sp-change-withheld",
                &[("count", tsumiki_i18n::Arg::from(change_withheld))],
            )
        } else {
            String::new()
        },
        change_chart,
        credentials: dashboard.credentials.map(|c| {
            (
                c.issued,
                c.claimed,
                c.claimed_share.map_or_else(|| "—".to_owned(), percent),
            )
        }),
        diversity: dashboard
            .diversity
            .iter()
            .map(|d| DiversityBlock {
                label: d.label.clone(),
                n: d.n,
                categories: d
                    .categories
                    .iter()
                    .map(|c| CategoryRow {
                        category: if c.category == NOT_STATED {
                            t("imp-not-stated")
                        } else {
                            c.category.clone()
                        },
                        count: c.count,
                        share: percent(c.share),
                    })
                    .collect(),
                suppressed_people: d.suppressed_people,
                blau: two(d.blau),
                effective_number: two(d.effective_number),
            })
            .collect(),
        roi,
    }
}
