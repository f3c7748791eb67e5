//! `/programmes/{id}/logic-model`: the programme's logic model, five columns of bilingual
//! entries. Editing is one textarea per stage, one entry per line as `日本語 | English`:
//! no JavaScript is needed to add or remove a line.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tsumiki_i18n::{Arg, Lang};
use tsumiki_store::{LogicModel, LogicModelEntry, LogicModelStage, Programme, Role};

use crate::auth::{ASSESSOR_ROLES, CsrfToken, CurrentUser, PROGRAMME_ROLES};
use crate::i18n::{ReqLang, Tr};
use crate::pages::impact::bilingual;
use crate::pages::layout::{Chrome, page};
use crate::{AppState, WebError};

/// Entries per stage; a logic model is a one-page summary, not a backlog.
const MAX_ENTRIES_PER_STAGE: usize = 30;
/// Characters per entry.
const MAX_ENTRY_CHARS: usize = 500;

struct StageColumn {
    key: &'static str,
    title: String,
    entries: Vec<String>,
    text: String,
}

#[derive(Template)]
#[template(path = "impact_logic_model.html")]
struct LogicModelPage {
    tr: Tr,
    chrome: Chrome,
    csrf: String,
    programme_id: String,
    programme_title: String,
    updated: Option<String>,
    stages: Vec<StageColumn>,
    can_edit: bool,
    error: Option<&'static str>,
}

/// The edit form: one textarea per stage.
#[derive(Debug, Default, Deserialize)]
pub struct LogicModelForm {
    #[serde(default)]
    inputs: String,
    #[serde(default)]
    activities: String,
    #[serde(default)]
    outputs: String,
    #[serde(default)]
    outcomes: String,
    #[serde(default)]
    impact: String,
}

impl LogicModelForm {
    fn text(&self, stage: LogicModelStage) -> &str {
        match stage {
            LogicModelStage::Inputs => &self.inputs,
            LogicModelStage::Activities => &self.activities,
            LogicModelStage::Outputs => &self.outputs,
            LogicModelStage::Outcomes => &self.outcomes,
            LogicModelStage::Impact => &self.impact,
        }
    }
}

/// Lines `日本語 | English` into entries; a line without `|` is the same text in both
/// languages. Blank lines are skipped.
pub(crate) fn parse_entries(form: &LogicModelForm) -> Result<Vec<LogicModelEntry>, &'static str> {
    let mut entries = Vec::new();
    for stage in LogicModelStage::ALL {
        let mut count = 0;
        for line in form.text(stage).lines() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            count += 1;
            if count > MAX_ENTRIES_PER_STAGE || line.chars().count() > MAX_ENTRY_CHARS {
                return Err("imp-error-too-long");
            }
            let (ja, en) = match line.split_once('|') {
                Some((ja, en)) => (ja.trim(), en.trim()),
                None => (line, line),
            };
            let (ja, en) = match (ja.is_empty(), en.is_empty()) {
                (true, true) => continue,
                (true, false) => (en, en),
                (false, true) => (ja, ja),
                (false, false) => (ja, en),
            };
            entries.push(LogicModelEntry {
                stage,
                text_ja: ja.to_owned(),
                text_en: en.to_owned(),
            });
        }
    }
    Ok(entries)
}

/// The textarea text of one stage, the inverse of [`parse_entries`].
fn stage_text(entries: &[LogicModelEntry], stage: LogicModelStage) -> String {
    entries
        .iter()
        .filter(|entry| entry.stage == stage)
        .map(|entry| {
            if entry.text_ja == entry.text_en {
                entry.text_ja.clone()
            } else {
                format!("{} | {}", entry.text_ja, entry.text_en)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The programme, if `user` may read its logic model: staff who design or teach it, or a
/// sponsor viewer whose organisation sponsors it.
async fn readable_programme(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> Result<Programme, WebError> {
    let sponsor = user.role == Role::SponsorViewer;
    if !sponsor {
        user.require(ASSESSOR_ROLES)?;
    }
    let programme = state.store.programme(id).await?.ok_or(WebError::NotFound)?;
    if sponsor {
        let links = state.store.user_links(&user.user.id).await?;
        let sponsors = state.store.programme_sponsors(id).await?;
        let own = links.organisation_id.as_deref();
        if !sponsors
            .iter()
            .any(|organisation| Some(organisation.id.as_str()) == own)
        {
            return Err(WebError::Forbidden);
        }
    }
    Ok(programme)
}

fn render(
    lang: Lang,
    user: &CurrentUser,
    csrf: &str,
    programme: &Programme,
    model: Option<&LogicModel>,
    draft: Option<&LogicModelForm>,
    error: Option<&'static str>,
) -> Result<Response, WebError> {
    let entries: &[LogicModelEntry] = model.map_or(&[], |model| model.entries.as_slice());
    let stages = LogicModelStage::ALL
        .into_iter()
        .map(|stage| StageColumn {
            key: stage.as_str(),
            title: tsumiki_i18n::t(lang, &format!("imp-stage-{}", stage.as_str()), &[]),
            entries: entries
                .iter()
                .filter(|entry| entry.stage == stage)
                .map(|entry| bilingual(lang, &entry.text_ja, &entry.text_en))
                .collect(),
            text: draft.map_or_else(
                || stage_text(entries, stage),
                |form| form.text(stage).to_owned(),
            ),
        })
        .collect();
    let body = page(&LogicModelPage {
        tr: Tr(lang),
        chrome: Chrome::new(
            lang,
            Some(user),
            Some(csrf),
            &format!("/programmes/{}/logic-model", programme.id),
        ),
        csrf: csrf.to_owned(),
        programme_id: programme.id.clone(),
        programme_title: bilingual(lang, &programme.title_ja, &programme.title_en),
        updated: model.map(|model| {
            tsumiki_i18n::t(
                lang,
                "imp-logic-updated",
                &[(
                    "at",
                    Arg::from(model.updated_at.format("%Y-%m-%d %H:%M UTC").to_string()),
                )],
            )
        }),
        stages,
        can_edit: user.require(PROGRAMME_ROLES).is_ok(),
        error,
    })?;
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, body).into_response())
}

/// `GET /programmes/{id}/logic-model`.
pub async fn show(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let programme = readable_programme(&state, &user, &id).await?;
    let model = state.store.logic_model(&id).await?;
    render(lang, &user, &csrf, &programme, model.as_ref(), None, None)
}

/// `POST /programmes/{id}/logic-model`: replaces the whole model.
pub async fn save(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Form(form): Form<LogicModelForm>,
) -> Result<Response, WebError> {
    user.require(PROGRAMME_ROLES)?;
    let programme = state
        .store
        .programme(&id)
        .await?
        .ok_or(WebError::NotFound)?;
    match parse_entries(&form) {
        Ok(entries) => {
            state
                .store
                .save_logic_model(&id, &entries, Some(&user.user.id))
                .await?;
            Ok(Redirect::to(&format!("/programmes/{id}/logic-model")).into_response())
        }
        Err(error) => {
            let model = state.store.logic_model(&id).await?;
            render(
                lang,
                &user,
                &csrf,
                &programme,
                model.as_ref(),
                Some(&form),
                Some(error),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_become_bilingual_entries_and_back() {
        let form = LogicModelForm {
            inputs: "講師 | Faculty\n\n  予算  \n".to_owned(),
            impact: "| Only English\n日本語のみ |".to_owned(),
            ..LogicModelForm::default()
        };
        let entries = parse_entries(&form).unwrap_or_default();
        let pairs: Vec<(LogicModelStage, &str, &str)> = entries
            .iter()
            .map(|e| (e.stage, e.text_ja.as_str(), e.text_en.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                (LogicModelStage::Inputs, "講師", "Faculty"),
                (LogicModelStage::Inputs, "予算", "予算"),
                (LogicModelStage::Impact, "Only English", "Only English"),
                (LogicModelStage::Impact, "日本語のみ", "日本語のみ"),
            ]
        );
        assert_eq!(
            stage_text(&entries, LogicModelStage::Inputs),
            "講師 | Faculty\n予算"
        );
    }

    #[test]
    fn too_many_lines_are_refused() {
        let form = LogicModelForm {
            outputs: "x\n".repeat(MAX_ENTRIES_PER_STAGE + 1),
            ..LogicModelForm::default()
        };
        assert_eq!(parse_entries(&form), Err("imp-error-too-long"));
    }
}
