//! `/cohorts/{id}/diversity`: per attribute, the categories (small ones suppressed, never
//! counted) and the five indices, from [`crate::analytics::diversity::cohort_diversity`].

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use tsumiki_i18n::{Arg, Lang};
use tsumiki_impact::anonymity::Visibility;

use crate::analytics::diversity::{DimensionView, NOT_STATED, cohort_diversity};
use crate::auth::{CsrfToken, CurrentUser};
use crate::i18n::{ReqLang, Tr};
use crate::pages::impact::{Tab, figure, readable_cohort, tabs};
use crate::pages::layout::{Chrome, page};
use crate::{AppState, WebError};

struct CategoryRow {
    label: String,
    count: String,
    share: String,
    suppressed: bool,
}

struct Index {
    label: String,
    value: String,
}

struct DimensionSection {
    key: String,
    title: String,
    shown: bool,
    categories: Vec<CategoryRow>,
    suppressed_total: usize,
    indices: Vec<Index>,
}

#[derive(Template)]
#[template(path = "impact_diversity.html")]
struct DiversityPage {
    tr: Tr,
    chrome: Chrome,
    tabs: Vec<Tab>,
    cohort_name: String,
    counted: String,
    threshold_note: String,
    dimensions: Vec<DimensionSection>,
}

fn section(lang: Lang, view: DimensionView, threshold: usize) -> DimensionSection {
    let t = |id: &str| tsumiki_i18n::t(lang, id, &[]);
    let key = serde_json::to_value(view.dimension)
        .ok()
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_default();
    let title = t(view.dimension.message_id());
    let Some(figures) = view.figures else {
        return DimensionSection {
            key,
            title,
            shown: false,
            categories: Vec::new(),
            suppressed_total: 0,
            indices: Vec::new(),
        };
    };
    let suppressed_label = tsumiki_i18n::t(
        lang,
        "imp-suppressed-count",
        &[(
            "threshold",
            Arg::from(i64::try_from(threshold).unwrap_or(i64::MAX)),
        )],
    );
    let categories = figures
        .categories
        .iter()
        .map(
            |category| match (category.visibility, &category.category, category.count) {
                (Visibility::Shown, Some(name), Some(count)) => CategoryRow {
                    label: if name == NOT_STATED {
                        t("imp-not-stated")
                    } else {
                        name.clone()
                    },
                    count: count.to_string(),
                    share: format!("{} %", figure(category.share.unwrap_or(0.0) * 100.0, 1)),
                    suppressed: false,
                },
                _ => CategoryRow {
                    label: t("imp-suppressed"),
                    count: suppressed_label.clone(),
                    share: String::new(),
                    suppressed: true,
                },
            },
        )
        .collect();
    let index = |id: &str, value: f64| Index {
        label: t(id),
        value: figure(value, 3),
    };
    DimensionSection {
        key,
        title,
        shown: true,
        categories,
        suppressed_total: figures.suppressed_count,
        indices: vec![
            index("imp-fig-blau", figures.blau),
            index("imp-fig-blau-normalized", figures.blau_normalized),
            index("imp-fig-shannon", figures.shannon),
            index("imp-fig-evenness", figures.evenness),
            index("imp-fig-effective", figures.effective_number),
        ],
    }
}

/// `GET /cohorts/{id}/diversity`.
pub async fn show(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let cohort = readable_cohort(&state, &user, &id).await?;
    let view = cohort_diversity(&state, &cohort).await?;
    let threshold = view.threshold;
    let as_arg = |n: usize| Arg::from(i64::try_from(n).unwrap_or(i64::MAX));
    let body = page(&DiversityPage {
        tr: Tr(lang),
        chrome: Chrome::new(
            lang,
            Some(&user),
            Some(&csrf),
            &format!("/cohorts/{id}/diversity"),
        ),
        tabs: tabs(lang, &user, &id, "/diversity"),
        cohort_name: cohort.name.clone(),
        counted: tsumiki_i18n::t(lang, "imp-div-counted", &[("n", as_arg(view.n))]),
        threshold_note: tsumiki_i18n::t(
            lang,
            "imp-div-threshold",
            &[("threshold", as_arg(threshold))],
        ),
        dimensions: view
            .dimensions
            .into_iter()
            .map(|dimension| section(lang, dimension, threshold))
            .collect(),
    })?;
    Ok(body.into_response())
}
