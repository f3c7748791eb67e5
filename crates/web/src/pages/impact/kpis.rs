//! `/cohorts/{id}/kpis`: the KPI register — define and edit KPIs, record a measurement with
//! its evidence at a checkpoint, and see each checkpoint's computed status (overdue ones
//! flagged).

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;
use tsumiki_i18n::Lang;
use tsumiki_impact::kpi::{CHECKPOINT_MONTHS, Status};
use tsumiki_store::{Cohort, KpiDetails, KpiDirection, KpiLevel, NewKpiMeasurement, Role};

use crate::analytics::kpis::{KpiView, cohort_kpis, status_class, status_message_id};
use crate::auth::{CsrfToken, CurrentUser, PROGRAMME_ROLES};
use crate::i18n::{ReqLang, Tr};
use crate::pages::impact::{
    Tab, bilingual, editable_cohort, figure, readable_cohort, tabs, text_field,
};
use crate::pages::layout::{Chrome, page};
use crate::{AppState, WebError};

/// The last checkpoint a KPI may have: ten years is past any programme's evaluation window.
const MAX_CHECKPOINT_MONTH: u32 = 120;

struct CheckpointRow {
    month: String,
    due: String,
    expected: String,
    actual: String,
    status: String,
    class: &'static str,
    evidence_note: String,
    evidence_url: Option<String>,
}

struct KpiRow {
    id: String,
    name: String,
    level: String,
    owner: String,
    baseline: String,
    target: String,
    unit: String,
    direction: String,
    data_source: String,
    overall: String,
    overall_class: &'static str,
    overdue: usize,
    overdue_text: String,
    checkpoints: Vec<CheckpointRow>,
    months: Vec<(u32, String)>,
}

struct Choice {
    value: &'static str,
    label: String,
}

#[derive(Template)]
#[template(path = "impact_kpis.html")]
struct RegisterPage {
    tr: Tr,
    chrome: Chrome,
    csrf: String,
    tabs: Vec<Tab>,
    cohort_id: String,
    cohort_name: String,
    lead: String,
    kpis: Vec<KpiRow>,
    can_edit: bool,
    can_record: bool,
    levels: Vec<Choice>,
    directions: Vec<Choice>,
    form: KpiForm,
    error: Option<&'static str>,
    today: String,
}

#[derive(Template)]
#[template(path = "impact_kpi_edit.html")]
struct EditPage {
    tr: Tr,
    chrome: Chrome,
    csrf: String,
    cohort_id: String,
    kpi_id: String,
    levels: Vec<Choice>,
    directions: Vec<Choice>,
    form: KpiForm,
    error: Option<&'static str>,
}

/// The KPI form (create and edit).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct KpiForm {
    #[serde(default)]
    name_ja: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    owner: String,
    #[serde(default)]
    baseline: String,
    #[serde(default)]
    target: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    direction: String,
    #[serde(default)]
    data_source: String,
    #[serde(default)]
    checkpoints: String,
}

/// The measurement form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct MeasurementForm {
    #[serde(default)]
    checkpoint_month: String,
    #[serde(default)]
    value: String,
    #[serde(default)]
    recorded_on: String,
    #[serde(default)]
    evidence_note: String,
    #[serde(default)]
    evidence_url: String,
}

/// A finite number typed in a form; thousands separators are allowed.
pub(crate) fn parse_number(text: &str) -> Option<f64> {
    let cleaned: String = text.trim().chars().filter(|c| *c != ',').collect();
    cleaned
        .parse::<f64>()
        .ok()
        .filter(|value| value.is_finite())
}

/// `0, 3, 6` → `[0, 3, 6]`; empty means the standard 0, 3, 6, 12 and 24 months.
pub(crate) fn parse_checkpoints(text: &str) -> Option<Vec<u32>> {
    if text.trim().is_empty() {
        return Some(CHECKPOINT_MONTHS.to_vec());
    }
    let mut months = Vec::new();
    for part in text
        .split([',', '、', ' '])
        .filter(|part| !part.trim().is_empty())
    {
        let month: u32 = part.trim().parse().ok()?;
        if month > MAX_CHECKPOINT_MONTH {
            return None;
        }
        months.push(month);
    }
    months.sort_unstable();
    months.dedup();
    (!months.is_empty()).then_some(months)
}

impl KpiForm {
    fn from_details(details: &KpiDetails) -> KpiForm {
        KpiForm {
            name_ja: details.name_ja.clone(),
            name_en: details.name_en.clone(),
            level: details.level.as_str().to_owned(),
            owner: details.owner.clone(),
            baseline: details.baseline.to_string(),
            target: details.target.to_string(),
            unit: details.unit.clone(),
            direction: details.direction.as_str().to_owned(),
            data_source: details.data_source.clone(),
            checkpoints: details
                .checkpoints
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        }
    }

    fn validate(&self) -> Result<KpiDetails, &'static str> {
        let name_ja = text_field(&self.name_ja, 200)?;
        let name_en = text_field(&self.name_en, 200)?;
        if name_ja.is_empty() && name_en.is_empty() {
            return Err("imp-error-required");
        }
        let owner = text_field(&self.owner, 200)?;
        if owner.is_empty() {
            return Err("imp-error-required");
        }
        Ok(KpiDetails {
            name_ja,
            name_en,
            level: KpiLevel::parse(&self.level).ok_or("imp-error-required")?,
            owner,
            baseline: parse_number(&self.baseline).ok_or("imp-error-number")?,
            target: parse_number(&self.target).ok_or("imp-error-number")?,
            unit: text_field(&self.unit, 40)?,
            direction: KpiDirection::parse(&self.direction).ok_or("imp-error-required")?,
            data_source: text_field(&self.data_source, 200)?,
            checkpoints: parse_checkpoints(&self.checkpoints).ok_or("imp-error-checkpoints")?,
        })
    }
}

fn is_web_url(text: &str) -> bool {
    (text.starts_with("https://") || text.starts_with("http://"))
        && text.len() > "https://".len()
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

impl MeasurementForm {
    fn validate(
        &self,
        kpi: &KpiDetails,
        kpi_id: &str,
        user_id: &str,
    ) -> Result<NewKpiMeasurement, &'static str> {
        let month: u32 = self
            .checkpoint_month
            .trim()
            .parse()
            .map_err(|_| "imp-error-checkpoint")?;
        if !kpi.checkpoints.contains(&month) {
            return Err("imp-error-checkpoint");
        }
        let evidence_note = text_field(&self.evidence_note, 1000)?;
        if evidence_note.is_empty() {
            return Err("imp-error-required");
        }
        let url = self.evidence_url.trim();
        if !url.is_empty() && (!is_web_url(url) || url.len() > 2000) {
            return Err("imp-error-url");
        }
        Ok(NewKpiMeasurement {
            kpi_id: kpi_id.to_owned(),
            checkpoint_month: month,
            value: parse_number(&self.value).ok_or("imp-error-number")?,
            recorded_on: NaiveDate::parse_from_str(self.recorded_on.trim(), "%Y-%m-%d")
                .map_err(|_| "imp-error-date")?,
            evidence_note,
            evidence_url: (!url.is_empty()).then(|| url.to_owned()),
            recorded_by: Some(user_id.to_owned()),
        })
    }
}

fn level_label(lang: Lang, level: &str) -> String {
    tsumiki_i18n::t(lang, &format!("imp-level-{level}"), &[])
}

fn direction_label(lang: Lang, direction: &str) -> String {
    tsumiki_i18n::t(lang, &format!("imp-direction-{direction}"), &[])
}

fn month_label(lang: Lang, month: u32) -> String {
    tsumiki_i18n::t(
        lang,
        "imp-month",
        &[("month", tsumiki_i18n::Arg::from(i64::from(month)))],
    )
}

fn choices(lang: Lang) -> (Vec<Choice>, Vec<Choice>) {
    let levels = KpiLevel::ALL
        .into_iter()
        .map(|level| Choice {
            value: level.as_str(),
            label: level_label(lang, level.as_str()),
        })
        .collect();
    let directions = [KpiDirection::Increase, KpiDirection::Decrease]
        .into_iter()
        .map(|direction| Choice {
            value: direction.as_str(),
            label: direction_label(lang, direction.as_str()),
        })
        .collect();
    (levels, directions)
}

fn row(lang: Lang, view: KpiView) -> KpiRow {
    let status = |status: Status| tsumiki_i18n::t(lang, status_message_id(status), &[]);
    KpiRow {
        name: bilingual(lang, &view.name_ja, &view.name_en),
        level: level_label(lang, view.level),
        owner: view.owner,
        baseline: figure(view.baseline, 4),
        target: figure(view.target, 4),
        unit: view.unit,
        direction: direction_label(lang, view.direction),
        data_source: view.data_source,
        overall: status(view.overall),
        overall_class: status_class(view.overall),
        overdue: view.overdue,
        overdue_text: tsumiki_i18n::t(
            lang,
            "imp-kpi-overdue",
            &[(
                "count",
                tsumiki_i18n::Arg::from(i64::try_from(view.overdue).unwrap_or(i64::MAX)),
            )],
        ),
        months: view
            .checkpoints
            .iter()
            .map(|point| (point.month, month_label(lang, point.month)))
            .collect(),
        checkpoints: view
            .checkpoints
            .into_iter()
            .map(|point| CheckpointRow {
                month: month_label(lang, point.month),
                due: point.due,
                expected: figure(point.expected, 2),
                actual: point.actual.map(|v| figure(v, 4)).unwrap_or_default(),
                status: status(point.status),
                class: status_class(point.status),
                evidence_note: point.evidence_note.unwrap_or_default(),
                evidence_url: point.evidence_url,
            })
            .collect(),
        id: view.id,
    }
}

fn can_record(user: &CurrentUser) -> bool {
    user.require(PROGRAMME_ROLES).is_ok() || user.role == Role::SponsorViewer
}

async fn render(
    state: &AppState,
    lang: Lang,
    user: &CurrentUser,
    csrf: &str,
    cohort: &Cohort,
    form: KpiForm,
    error: Option<&'static str>,
) -> Result<Response, WebError> {
    let today = chrono::Utc::now().date_naive();
    let views = cohort_kpis(state, cohort, today).await?;
    let (levels, directions) = choices(lang);
    let body = page(&RegisterPage {
        tr: Tr(lang),
        chrome: Chrome::new(
            lang,
            Some(user),
            Some(csrf),
            &format!("/cohorts/{}/kpis", cohort.id),
        ),
        csrf: csrf.to_owned(),
        tabs: tabs(lang, user, &cohort.id, "/kpis"),
        cohort_id: cohort.id.clone(),
        cohort_name: cohort.name.clone(),
        lead: tsumiki_i18n::t(
            lang,
            "imp-kpis-lead",
            &[(
                "start",
                tsumiki_i18n::Arg::from(cohort.starts_on.format("%Y-%m-%d").to_string()),
            )],
        ),
        kpis: views.into_iter().map(|view| row(lang, view)).collect(),
        can_edit: user.require(PROGRAMME_ROLES).is_ok(),
        can_record: can_record(user),
        levels,
        directions,
        form,
        error,
        today: today.format("%Y-%m-%d").to_string(),
    })?;
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, body).into_response())
}

/// `GET /cohorts/{id}/kpis`.
pub async fn show(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let cohort = readable_cohort(&state, &user, &id).await?;
    let form = KpiForm {
        checkpoints: "0, 3, 6, 12, 24".to_owned(),
        ..KpiForm::default()
    };
    render(&state, lang, &user, &csrf, &cohort, form, None).await
}

/// `POST /cohorts/{id}/kpis`: adds a KPI.
pub async fn create(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Form(form): Form<KpiForm>,
) -> Result<Response, WebError> {
    let cohort = editable_cohort(&state, &user, &id).await?;
    match form.validate() {
        Ok(details) => {
            state.store.create_kpi(&cohort.id, &details).await?;
            Ok(Redirect::to(&format!("/cohorts/{id}/kpis")).into_response())
        }
        Err(error) => render(&state, lang, &user, &csrf, &cohort, form, Some(error)).await,
    }
}

/// The KPI `kpi_id` of cohort `cohort_id`, or 404 (a KPI id from another cohort is not here).
async fn cohort_kpi(
    state: &AppState,
    cohort_id: &str,
    kpi_id: &str,
) -> Result<tsumiki_store::Kpi, WebError> {
    state
        .store
        .kpi(kpi_id)
        .await?
        .filter(|kpi| kpi.cohort_id == cohort_id)
        .ok_or(WebError::NotFound)
}

fn edit_page(
    lang: Lang,
    user: &CurrentUser,
    csrf: &str,
    cohort_id: &str,
    kpi_id: &str,
    form: KpiForm,
    error: Option<&'static str>,
) -> Result<Response, WebError> {
    let (levels, directions) = choices(lang);
    let body = page(&EditPage {
        tr: Tr(lang),
        chrome: Chrome::new(
            lang,
            Some(user),
            Some(csrf),
            &format!("/cohorts/{cohort_id}/kpis/{kpi_id}/edit"),
        ),
        csrf: csrf.to_owned(),
        cohort_id: cohort_id.to_owned(),
        kpi_id: kpi_id.to_owned(),
        levels,
        directions,
        form,
        error,
    })?;
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, body).into_response())
}

/// `GET /cohorts/{id}/kpis/{kpi}/edit`.
pub async fn edit_form(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path((id, kpi_id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    editable_cohort(&state, &user, &id).await?;
    let kpi = cohort_kpi(&state, &id, &kpi_id).await?;
    let form = KpiForm::from_details(&kpi.details);
    edit_page(lang, &user, &csrf, &id, &kpi_id, form, None)
}

/// `POST /cohorts/{id}/kpis/{kpi}`: saves an edited KPI.
pub async fn update(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path((id, kpi_id)): Path<(String, String)>,
    Form(form): Form<KpiForm>,
) -> Result<Response, WebError> {
    editable_cohort(&state, &user, &id).await?;
    cohort_kpi(&state, &id, &kpi_id).await?;
    match form.validate() {
        Ok(details) => {
            state.store.update_kpi(&kpi_id, &details).await?;
            Ok(Redirect::to(&format!("/cohorts/{id}/kpis")).into_response())
        }
        Err(error) => edit_page(lang, &user, &csrf, &id, &kpi_id, form, Some(error)),
    }
}

/// `POST /cohorts/{id}/kpis/{kpi}/measurements`: records a value with its evidence.
pub async fn record(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path((id, kpi_id)): Path<(String, String)>,
    Form(form): Form<MeasurementForm>,
) -> Result<Response, WebError> {
    if !can_record(&user) {
        return Err(WebError::Forbidden);
    }
    let cohort = readable_cohort(&state, &user, &id).await?;
    let kpi = cohort_kpi(&state, &id, &kpi_id).await?;
    match form.validate(&kpi.details, &kpi.id, &user.user.id) {
        Ok(measurement) => {
            state.store.record_kpi_measurement(&measurement).await?;
            Ok(Redirect::to(&format!("/cohorts/{id}/kpis")).into_response())
        }
        Err(error) => {
            render(
                &state,
                lang,
                &user,
                &csrf,
                &cohort,
                KpiForm::default(),
                Some(error),
            )
            .await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checkpoints_parse_and_default() {
        assert_eq!(parse_checkpoints(""), Some(vec![0, 3, 6, 12, 24]));
        assert_eq!(parse_checkpoints("12, 0,3 3"), Some(vec![0, 3, 12]));
        assert_eq!(parse_checkpoints("0、6"), Some(vec![0, 6]));
        assert_eq!(parse_checkpoints("-1"), None);
        assert_eq!(parse_checkpoints("121"), None);
        assert_eq!(parse_checkpoints("three"), None);
    }

    #[test]
    fn numbers_must_be_finite() {
        assert_eq!(parse_number("1,250.5"), Some(1250.5));
        assert_eq!(parse_number(" -3 "), Some(-3.0));
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number(""), None);
    }
}
