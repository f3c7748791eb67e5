//! `/cohorts/{id}/roi`: BCR, ROI %, payback, costs by category, the sensitivity table and the
//! intangible benefits, all from [`crate::analytics::roi::cohort_roi`].

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use tsumiki_i18n::{Arg, Lang};
use tsumiki_impact::roi::CostCategory as RoiCategory;

use crate::analytics::roi::{RoiView, cohort_roi, format_major};
use crate::auth::{CsrfToken, CurrentUser};
use crate::i18n::{ReqLang, Tr};
use crate::pages::impact::{Tab, bilingual, figure, readable_cohort, tabs};
use crate::pages::layout::{Chrome, page};
use crate::{AppState, WebError};

struct Figure {
    label: String,
    value: String,
    key: &'static str,
}

struct CategoryRow {
    label: String,
    amount: String,
    share: String,
}

struct SensitivityRow {
    horizon: String,
    isolation: String,
    confidence: String,
    benefits: String,
    bcr: String,
    roi: String,
    negative: bool,
}

#[derive(Template)]
#[template(path = "impact_roi.html")]
struct RoiPage {
    tr: Tr,
    chrome: Chrome,
    tabs: Vec<Tab>,
    cohort_name: String,
    currency: String,
    figures: Vec<Figure>,
    categories: Vec<CategoryRow>,
    sensitivity: Vec<SensitivityRow>,
    intangibles: Vec<String>,
    empty: bool,
}

fn category_message_id(category: RoiCategory) -> &'static str {
    match category {
        RoiCategory::Faculty => "imp-cat-faculty",
        RoiCategory::TravelAndAccommodation => "imp-cat-travel-accommodation",
        RoiCategory::Platform => "imp-cat-platform",
        RoiCategory::ParticipantTime => "imp-cat-participant-time",
        RoiCategory::InterpretationAndTranslation => "imp-cat-interpretation-translation",
        RoiCategory::Coaching => "imp-cat-coaching",
        RoiCategory::InternalCoordination => "imp-cat-internal-coordination",
        RoiCategory::Backfill | RoiCategory::Other => "imp-cat-backfill",
    }
}

fn years(lang: Lang, years: u32) -> String {
    tsumiki_i18n::t(lang, "imp-years", &[("years", Arg::from(i64::from(years)))])
}

fn percent(value: f64) -> String {
    format!("{} %", figure(value, 1))
}

fn figures(lang: Lang, view: &RoiView) -> Vec<Figure> {
    let t = |id: &str| tsumiki_i18n::t(lang, id, &[]);
    let money = |amount: f64| format!("{} {}", format_major(amount, &view.currency), view.currency);
    let report = &view.report;
    let payback = match report.payback_months {
        Some(months) => tsumiki_i18n::t(
            lang,
            "imp-roi-payback-months",
            &[("months", Arg::from(figure(months, 2)))],
        ),
        None => t("imp-roi-payback-none"),
    };
    let count = |n: usize| n.to_string();
    vec![
        Figure {
            label: t("imp-roi-bcr"),
            value: figure(report.bcr, 2),
            key: "bcr",
        },
        Figure {
            label: t("imp-roi-percent"),
            value: percent(report.roi_percent),
            key: "roi",
        },
        Figure {
            label: t("imp-roi-payback"),
            value: payback,
            key: "payback",
        },
        Figure {
            label: t("imp-roi-costs"),
            value: money(report.costs),
            key: "costs",
        },
        Figure {
            label: t("imp-roi-benefits"),
            value: money(report.benefits),
            key: "benefits",
        },
        Figure {
            label: t("imp-roi-annual-benefits"),
            value: money(report.annual_benefits),
            key: "annual-benefits",
        },
        Figure {
            label: t("imp-roi-horizon"),
            value: years(lang, view.horizon_years),
            key: "horizon",
        },
        Figure {
            label: t("imp-roi-respondents"),
            value: count(report.respondents),
            key: "respondents",
        },
        Figure {
            label: t("imp-roi-non-respondents"),
            value: count(report.non_respondents),
            key: "non-respondents",
        },
        Figure {
            label: t("imp-roi-without-consent"),
            value: count(view.claims_without_consent),
            key: "without-consent",
        },
    ]
}

/// `GET /cohorts/{id}/roi`.
pub async fn show(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let cohort = readable_cohort(&state, &user, &id).await?;
    let view = cohort_roi(&state, &cohort).await?;
    let mut page_data = RoiPage {
        tr: Tr(lang),
        chrome: Chrome::new(
            lang,
            Some(&user),
            Some(&csrf),
            &format!("/cohorts/{id}/roi"),
        ),
        tabs: tabs(lang, &user, &id, "/roi"),
        cohort_name: cohort.name.clone(),
        currency: String::new(),
        figures: Vec::new(),
        categories: Vec::new(),
        sensitivity: Vec::new(),
        intangibles: Vec::new(),
        empty: view.is_none(),
    };
    if let Some(view) = view {
        page_data.figures = figures(lang, &view);
        page_data.categories = view
            .report
            .costs_by_category
            .iter()
            .map(|row| CategoryRow {
                label: tsumiki_i18n::t(lang, category_message_id(row.category), &[]),
                amount: format_major(row.amount, &view.currency),
                share: percent(row.share * 100.0),
            })
            .collect();
        page_data.sensitivity = view
            .report
            .sensitivity
            .iter()
            .map(|row| SensitivityRow {
                horizon: years(lang, row.horizon_years),
                isolation: percent(row.isolation_factor * 100.0),
                confidence: percent(row.confidence_factor * 100.0),
                benefits: format_major(row.benefits, &view.currency),
                bcr: figure(row.bcr, 2),
                roi: percent(row.roi_percent),
                negative: row.roi_percent < 0.0,
            })
            .collect();
        page_data.intangibles = view
            .intangibles
            .iter()
            .map(|benefit| bilingual(lang, &benefit.text_ja, &benefit.text_en))
            .collect();
        page_data.currency = view.currency;
    } else {
        page_data.intangibles = state
            .store
            .intangible_benefits(&id)
            .await?
            .iter()
            .map(|benefit| bilingual(lang, &benefit.text_ja, &benefit.text_en))
            .collect();
    }
    Ok(page(&page_data)?.into_response())
}
