//! Reports: one participant's round report (self versus others, strengths, development
//! areas, comments when enough raters, change since pre with the RCI), the cohort's change
//! (paired mean with 95 % CI, d_z, g_z, share reliably improved), and their CSV/JSON exports.
//! All of it is built by [`crate::analytics::feedback`] from consented, anonymity-filtered
//! responses; this module only lays it out.

use askama::Template;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use tsumiki_feedback::change::{CohortChangeView, MeasureFigures, ParticipantChangeRow};
use tsumiki_feedback::report::{ParticipantReport, participant_report};
use tsumiki_i18n::Lang;
use tsumiki_store::{Cohort, RoundKind};

use super::{
    group_label, individual_reports_cohort, kind_label, readable_cohort, round_in, score, signed,
};
use crate::analytics::feedback::{ParticipantReportView, cohort_change_to, round_data};
use crate::auth::{CsrfToken, CurrentUser};
use crate::i18n::{ReqLang, Tr};
use crate::pages::layout::{Chrome, page};
use crate::{AppState, WebError};

/// One competency row as the page shows it.
pub struct CompetencyLine {
    /// Name.
    pub name: String,
    /// Self score.
    pub self_score: String,
    /// Others (shown groups pooled).
    pub others: String,
    /// Self − others.
    pub gap: String,
    /// Per shown group, in [`ReportLines::group_headers`] order.
    pub groups: Vec<String>,
}

/// One change row.
pub struct ChangeLine {
    /// Measure name.
    pub name: String,
    /// Pre.
    pub pre: String,
    /// Post.
    pub post: String,
    /// Difference.
    pub diff: String,
    /// RCI.
    pub rci: String,
    /// Reliable improvement / decline / none.
    pub verdict: String,
}

/// A participant report laid out for a template.
pub struct ReportLines {
    /// Shown group names with their sizes.
    pub group_headers: Vec<String>,
    /// Whether some group was held back.
    pub some_withheld: bool,
    /// Competencies.
    pub competencies: Vec<CompetencyLine>,
    /// Strength names.
    pub strengths: Vec<String>,
    /// Development-area names.
    pub development_areas: Vec<String>,
    /// Comments, or `None` when withheld.
    pub comments: Option<Vec<String>>,
    /// Change since pre.
    pub change: Vec<ChangeLine>,
}

fn measure_name(lang: Lang, id: &str, name: &tsumiki_feedback::Text) -> String {
    if id == "overall" {
        tsumiki_i18n::t(lang, "fb-overall", &[])
    } else {
        name.pick(lang == Lang::Ja).to_owned()
    }
}

/// Lays out a report and its change rows.
pub fn lines(
    lang: Lang,
    report: &ParticipantReport,
    change: &[ParticipantChangeRow],
) -> ReportLines {
    let name_of = |id: &String| {
        report
            .competencies
            .iter()
            .find(|row| &row.id == id)
            .map(|row| row.name.pick(lang == Lang::Ja).to_owned())
            .unwrap_or_default()
    };
    ReportLines {
        group_headers: report
            .groups
            .iter()
            .map(|group| {
                format!(
                    "{} (n = {})",
                    group_label(lang, tsumiki_feedback_group(group.group)),
                    group.raters
                )
            })
            .collect(),
        some_withheld: report.some_withheld,
        competencies: report
            .competencies
            .iter()
            .map(|row| CompetencyLine {
                name: row.name.pick(lang == Lang::Ja).to_owned(),
                self_score: score(row.self_score),
                others: score(row.others),
                gap: signed(row.gap),
                groups: row.groups.iter().map(|group| score(group.mean)).collect(),
            })
            .collect(),
        strengths: report.strengths.iter().map(name_of).collect(),
        development_areas: report.development_areas.iter().map(name_of).collect(),
        comments: report.comments.clone(),
        change: change
            .iter()
            .map(|row| ChangeLine {
                name: measure_name(lang, &row.id, &row.name),
                pre: score(row.pre),
                post: score(row.post),
                diff: signed(row.diff),
                rci: row
                    .rci
                    .map_or_else(|| "–".to_owned(), |rci| format!("{rci:+.2}")),
                verdict: tsumiki_i18n::t(
                    lang,
                    match (row.reliable, row.diff) {
                        (Some(true), Some(diff)) if diff > 0.0 => "fb-reliable-up",
                        (Some(true), _) => "fb-reliable-down",
                        (Some(false), _) => "fb-reliable-none",
                        (None, _) => "fb-reliable-unknown",
                    },
                    &[],
                ),
            })
            .collect(),
    }
}

fn tsumiki_feedback_group(group: tsumiki_feedback::RaterGroup) -> &'static str {
    group.as_str()
}

#[derive(Template)]
#[template(path = "feedback_participant.html")]
struct ParticipantPage {
    tr: Tr,
    chrome: Chrome,
    cohort_id: String,
    round_id: String,
    round_kind: String,
    participant_name: String,
    report: ReportLines,
}

/// `GET /cohorts/{id}/feedback/{round}/participants/{participant}`.
pub async fn participant_page(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path((cohort_id, round_id, participant_id)): Path<(String, String, String)>,
) -> Result<Response, WebError> {
    let cohort = individual_reports_cohort(&state, &user, &cohort_id).await?;
    let round = round_in(&state, &cohort, &round_id).await?;
    let participant = state
        .store
        .participant(&participant_id)
        .await?
        .filter(|participant| participant.cohort_id == cohort.id)
        .ok_or(WebError::NotFound)?;
    let name = state
        .store
        .recipient(&participant.recipient_id)
        .await?
        .display_name;
    let kind = round.kind;
    let view: ParticipantReportView =
        crate::analytics::feedback::participant_report(&state, &cohort, round, &participant.id)
            .await?;
    let path = format!("/cohorts/{cohort_id}/feedback/{round_id}/participants/{participant_id}");
    Ok(page(&ParticipantPage {
        tr: Tr(lang),
        chrome: Chrome::new(lang, Some(&user), Some(&csrf), &path),
        cohort_id,
        round_id,
        round_kind: kind_label(lang, kind),
        participant_name: name,
        report: lines(lang, &view.report, &view.change),
    })?
    .into_response())
}

/// One participant's report in a round export.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ExportedReport {
    participant_id: String,
    report: ParticipantReport,
}

async fn round_reports(
    state: &AppState,
    user: &CurrentUser,
    cohort_id: &str,
    round_id: &str,
) -> Result<(Cohort, Vec<ExportedReport>), WebError> {
    let cohort = individual_reports_cohort(state, user, cohort_id).await?;
    let round = round_in(state, &cohort, round_id).await?;
    let data = round_data(state, &cohort, round).await?;
    let reports = data
        .participants
        .iter()
        .map(|entry| ExportedReport {
            participant_id: entry.participant_id.clone(),
            report: participant_report(data.instrument, &entry.responses, &data.settings),
        })
        .collect();
    Ok((cohort, reports))
}

fn download(content_type: &'static str, filename: String, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// `GET /cohorts/{id}/feedback/{round}/reports.json`: every consenting participant's report,
/// anonymity applied (suppressed groups are absent, not blanked).
pub async fn round_json(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((cohort_id, round_id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let (_, reports) = round_reports(&state, &user, &cohort_id, &round_id).await?;
    Ok(Json(reports).into_response())
}

fn csv_field(value: &str) -> String {
    // Quote everything and neutralise spreadsheet formulas (=, +, -, @ at the start).
    let guarded = if value.starts_with(['=', '+', '-', '@']) && value.parse::<f64>().is_err() {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    format!("\"{}\"", guarded.replace('"', "\"\""))
}

fn csv_line(fields: &[String]) -> String {
    let mut line = fields
        .iter()
        .map(|field| csv_field(field))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

fn number(value: Option<f64>) -> String {
    value.map(|value| format!("{value:.4}")).unwrap_or_default()
}

/// `GET /cohorts/{id}/feedback/{round}/reports.csv`: one line per participant, competency
/// and shown group (`all_others`, `self` or a group name). Comments are not exported.
pub async fn round_csv(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((cohort_id, round_id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let (_, reports) = round_reports(&state, &user, &cohort_id, &round_id).await?;
    let mut body = csv_line(&[
        "participant_id".to_owned(),
        "competency".to_owned(),
        "group".to_owned(),
        "raters".to_owned(),
        "mean".to_owned(),
    ]);
    for exported in &reports {
        let others_raters: usize = exported
            .report
            .groups
            .iter()
            .map(|group| group.raters)
            .sum();
        for row in &exported.report.competencies {
            let mut line = |group: &str, raters: String, mean: Option<f64>| {
                body.push_str(&csv_line(&[
                    exported.participant_id.clone(),
                    row.id.clone(),
                    group.to_owned(),
                    raters,
                    number(mean),
                ]));
            };
            line("self", String::new(), row.self_score);
            line("all_others", others_raters.to_string(), row.others);
            for group in &row.groups {
                let raters = exported
                    .report
                    .groups
                    .iter()
                    .find(|count| count.group == group.group)
                    .map(|count| count.raters.to_string())
                    .unwrap_or_default();
                line(group.group.as_str(), raters, group.mean);
            }
        }
    }
    Ok(download(
        "text/csv; charset=utf-8",
        format!("feedback-{round_id}.csv"),
        body,
    ))
}

/// One measure of the cohort change, laid out.
pub struct FigureLine {
    /// Measure name.
    pub name: String,
    /// Figures, or `None` when withheld.
    pub cells: Option<Vec<String>>,
}

fn figure_lines(lang: Lang, view: &CohortChangeView) -> Vec<FigureLine> {
    std::iter::once(&view.overall)
        .chain(&view.competencies)
        .map(|measure: &MeasureFigures| FigureLine {
            name: measure_name(lang, &measure.id, &measure.name),
            cells: measure.figures.as_ref().map(|figures| {
                vec![
                    figures.n.to_string(),
                    format!("{:+.2}", figures.mean_diff),
                    format!("[{:+.2}, {:+.2}]", figures.ci95[0], figures.ci95[1]),
                    figures
                        .dz
                        .map_or_else(|| "–".to_owned(), |dz| format!("{dz:.2}")),
                    figures
                        .gz
                        .map_or_else(|| "–".to_owned(), |gz| format!("{gz:.2}")),
                    figures
                        .reliable_improvement_share
                        .map_or_else(|| "–".to_owned(), |share| format!("{:.0} %", share * 100.0)),
                ]
            }),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "feedback_cohort.html")]
struct ChangePage {
    tr: Tr,
    chrome: Chrome,
    cohort_id: String,
    cohort_name: String,
    sections: Vec<(String, Option<Vec<FigureLine>>)>,
}

/// `GET /cohorts/{id}/feedback/change`: pre → post and pre → follow-up.
pub async fn change_page(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(cohort_id): Path<String>,
) -> Result<Response, WebError> {
    let cohort = readable_cohort(&state, &user, &cohort_id).await?;
    let mut sections = Vec::new();
    for kind in [RoundKind::Post, RoundKind::FollowUp] {
        let view = cohort_change_to(&state, &cohort, kind).await?;
        sections.push((
            tsumiki_i18n::t(
                lang,
                "fb-change-section",
                &[("round", tsumiki_i18n::Arg::from(kind_label(lang, kind)))],
            ),
            view.map(|view| figure_lines(lang, &view)),
        ));
    }
    let path = format!("/cohorts/{cohort_id}/feedback/change");
    Ok(page(&ChangePage {
        tr: Tr(lang),
        chrome: Chrome::new(lang, Some(&user), Some(&csrf), &path),
        cohort_id: cohort.id.clone(),
        cohort_name: cohort.name.clone(),
        sections,
    })?
    .into_response())
}

/// The change export: both later rounds, cohort-level figures only.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ChangeExport {
    cohort_id: String,
    post: Option<CohortChangeView>,
    follow_up: Option<CohortChangeView>,
}

async fn change_export(
    state: &AppState,
    user: &CurrentUser,
    cohort_id: &str,
) -> Result<ChangeExport, WebError> {
    let cohort = readable_cohort(state, user, cohort_id).await?;
    Ok(ChangeExport {
        post: cohort_change_to(state, &cohort, RoundKind::Post).await?,
        follow_up: cohort_change_to(state, &cohort, RoundKind::FollowUp).await?,
        cohort_id: cohort.id,
    })
}

/// `GET /cohorts/{id}/feedback/change.json`.
pub async fn change_json(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(cohort_id): Path<String>,
) -> Result<Response, WebError> {
    Ok(Json(change_export(&state, &user, &cohort_id).await?).into_response())
}

/// `GET /cohorts/{id}/feedback/change.csv`: one line per later round and measure; withheld
/// measures have empty figures.
pub async fn change_csv(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(cohort_id): Path<String>,
) -> Result<Response, WebError> {
    let export = change_export(&state, &user, &cohort_id).await?;
    let mut body = csv_line(
        &[
            "round",
            "measure",
            "n",
            "mean_diff",
            "ci95_low",
            "ci95_high",
            "dz",
            "gz",
            "reliable_improvement_share",
        ]
        .map(str::to_owned),
    );
    for (round, view) in [("post", &export.post), ("follow_up", &export.follow_up)] {
        let Some(view) = view else { continue };
        for measure in std::iter::once(&view.overall).chain(&view.competencies) {
            let cells = match &measure.figures {
                Some(figures) => vec![
                    figures.n.to_string(),
                    number(Some(figures.mean_diff)),
                    number(Some(figures.ci95[0])),
                    number(Some(figures.ci95[1])),
                    number(figures.dz),
                    number(figures.gz),
                    number(figures.reliable_improvement_share),
                ],
                None => vec![String::new(); 7],
            };
            let mut fields = vec![round.to_owned(), measure.id.clone()];
            fields.extend(cells);
            body.push_str(&csv_line(&fields));
        }
    }
    Ok(download(
        "text/csv; charset=utf-8",
        format!("feedback-change-{cohort_id}.csv"),
        body,
    ))
}
