//! `/selection`: choosing a programme. A sponsor organisation weights the seven criteria of the
//! selection checklist, scores each candidate programme (ours or an external one) 1–5 with
//! the evidence for the score, and compares the candidates side by side with weighted scores
//! and a rank. Sponsor viewers see and edit only their own organisation's comparisons; another
//! organisation's comparison answers 404, so its existence is not revealed.

mod compare;
mod form;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tsumiki_i18n::Lang;
use tsumiki_store::{
    NewSelectionSet, OrganisationKind, Programme, SelectionCriterion, SelectionSet,
};

pub use compare::{CandidateResult, compare};
use form::{CandidateForm, NewSetForm, ScoreForm, WeightsForm};

use crate::auth::{CsrfToken, CurrentUser, Role};
use crate::i18n::{ReqLang, Tr};
use crate::pages::layout::{Chrome, page};
use crate::public::credential_page::pick;
use crate::{AppState, WebError};

/// Who may compare programmes: sponsor viewers, for their own organisation, and
/// administrators (for any sponsor, e.g. to set one up). Programme managers are left out on
/// purpose: a comparison often scores our own programmes against competitors, and the
/// provider's staff reading a client's procurement notes would be a conflict of interest.
pub const SELECTION_ROLES: &[Role] = &[Role::Admin, Role::SponsorViewer];

/// The organisation a user is confined to: `None` for roles that see every organisation.
/// A sponsor viewer with no organisation linked may see nothing.
async fn confinement(state: &AppState, user: &CurrentUser) -> Result<Option<String>, WebError> {
    user.require(SELECTION_ROLES)?;
    if user.role != Role::SponsorViewer {
        return Ok(None);
    }
    state
        .store
        .user_links(&user.user.id)
        .await?
        .organisation_id
        .map(Some)
        .ok_or(WebError::Forbidden)
}

/// The set `id`, if `user` may see it; a foreign set is "not found".
async fn visible_set(
    state: &AppState,
    user: &CurrentUser,
    id: &str,
) -> Result<SelectionSet, WebError> {
    let confined = confinement(state, user).await?;
    let set = state
        .store
        .selection_set(id)
        .await?
        .ok_or(WebError::NotFound)?;
    match confined {
        Some(own) if own != set.organisation_id => Err(WebError::NotFound),
        _ => Ok(set),
    }
}

/// The criterion's short name and its checklist question.
fn criterion_texts(lang: Lang, criterion: SelectionCriterion) -> (String, String) {
    let key = criterion.as_str().replace('_', "-");
    (
        tsumiki_i18n::t(lang, &format!("sp-criterion-{key}"), &[]),
        tsumiki_i18n::t(lang, &format!("sp-criterion-{key}-question"), &[]),
    )
}

struct SetRow {
    id: String,
    title: String,
    organisation: String,
    updated: String,
}

struct Choice {
    value: String,
    label: String,
}

#[derive(Template)]
#[template(path = "selection.html")]
struct ListPage {
    tr: Tr,
    chrome: Chrome,
    csrf: String,
    sets: Vec<SetRow>,
    /// Sponsor organisations to choose from; empty for a sponsor viewer (their own is used).
    organisations: Vec<Choice>,
    error: Option<&'static str>,
    title: String,
}

async fn organisation_names(state: &AppState, lang: Lang) -> Result<Vec<Choice>, WebError> {
    Ok(state
        .store
        .organisations()
        .await?
        .into_iter()
        .map(|organisation| Choice {
            label: pick(lang, &organisation.name_ja, &organisation.name_en).to_owned(),
            value: organisation.id,
        })
        .collect())
}

async fn render_list(
    state: &AppState,
    lang: Lang,
    user: &CurrentUser,
    csrf: &str,
    error: Option<&'static str>,
    title: String,
) -> Result<Response, WebError> {
    let confined = confinement(state, user).await?;
    let names = organisation_names(state, lang).await?;
    let name_of = |id: &str| {
        names
            .iter()
            .find(|choice| choice.value == id)
            .map_or_else(String::new, |choice| choice.label.clone())
    };
    let sets = state
        .store
        .selection_sets(confined.as_deref())
        .await?
        .into_iter()
        .map(|set| SetRow {
            organisation: name_of(&set.organisation_id),
            updated: set.updated_at.format("%Y-%m-%d").to_string(),
            id: set.id,
            title: set.title,
        })
        .collect();
    let organisations = if confined.is_some() {
        Vec::new()
    } else {
        let sponsors = state.store.organisations().await?;
        sponsors
            .into_iter()
            .filter(|organisation| organisation.kind == OrganisationKind::Sponsor)
            .map(|organisation| Choice {
                label: pick(lang, &organisation.name_ja, &organisation.name_en).to_owned(),
                value: organisation.id,
            })
            .collect()
    };
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let body = page(&ListPage {
        tr: Tr(lang),
        chrome: Chrome::new(lang, Some(user), Some(csrf), "/selection"),
        csrf: csrf.to_owned(),
        sets,
        organisations,
        error,
        title,
    })?;
    Ok((status, body).into_response())
}

/// `GET /selection`.
pub async fn list(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, WebError> {
    user.require(SELECTION_ROLES)?;
    render_list(&state, lang, &user, &csrf, None, String::new()).await
}

/// `POST /selection`: a new comparison.
pub async fn create(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Form(form): Form<NewSetForm>,
) -> Result<Response, WebError> {
    user.require(SELECTION_ROLES)?;
    let confined = confinement(&state, &user).await?;
    let organisation_id = match confined {
        Some(own) => own,
        None => form.organisation_id.trim().to_owned(),
    };
    let title = form.title.trim().to_owned();
    let problem = if title.is_empty() || title.chars().count() > form::MAX_TEXT {
        Some("sp-error-title")
    } else if state.store.organisation(&organisation_id).await?.is_none() {
        Some("sp-error-organisation")
    } else {
        None
    };
    if let Some(problem) = problem {
        return render_list(&state, lang, &user, &csrf, Some(problem), form.title).await;
    }
    let set = state
        .store
        .create_selection_set(&NewSelectionSet {
            organisation_id,
            title,
        })
        .await?;
    Ok(Redirect::to(&format!("/selection/{}", set.id)).into_response())
}

struct WeightRow {
    key: &'static str,
    label: String,
    question: String,
    weight: u32,
}

struct ScoreField {
    key: &'static str,
    label: String,
    score: u8,
    evidence: String,
}

struct CandidateView {
    id: String,
    name: String,
    provider: String,
    url: String,
    programme_link: Option<String>,
    fields: Vec<ScoreField>,
}

struct ComparisonCell {
    score: String,
    evidence: String,
}

struct ComparisonRow {
    label: String,
    weight: u32,
    cells: Vec<ComparisonCell>,
}

struct TotalCell {
    weighted: String,
    coverage: String,
    rank: String,
}

#[derive(Template)]
#[template(path = "selection_set.html")]
struct SetPage {
    tr: Tr,
    chrome: Chrome,
    csrf: String,
    set_id: String,
    title: String,
    organisation: String,
    weights: Vec<WeightRow>,
    candidates: Vec<CandidateView>,
    comparison: Vec<ComparisonRow>,
    totals: Vec<TotalCell>,
    programmes: Vec<Choice>,
    error: Option<&'static str>,
    scores: [u8; 5],
}

fn programme_title(lang: Lang, programme: &Programme) -> String {
    pick(lang, &programme.title_ja, &programme.title_en).to_owned()
}

async fn render_set(
    state: &AppState,
    lang: Lang,
    user: &CurrentUser,
    csrf: &str,
    set: SelectionSet,
    error: Option<&'static str>,
) -> Result<Response, WebError> {
    let weights = state.store.selection_weights(&set.id).await?;
    let candidates = state.store.selection_candidates(&set.id).await?;
    let scores = state.store.selection_scores(&set.id).await?;
    let programmes = state.store.programmes().await?;
    let organisation = state
        .store
        .organisation(&set.organisation_id)
        .await?
        .map(|o| pick(lang, &o.name_ja, &o.name_en).to_owned())
        .unwrap_or_default();
    let ids: Vec<String> = candidates.iter().map(|c| c.id.clone()).collect();
    let results = compare(&weights, &ids, &scores);
    let score_of = |candidate: &str, criterion: SelectionCriterion| {
        scores
            .iter()
            .find(|s| s.candidate_id == candidate && s.criterion == criterion)
    };
    let views: Vec<CandidateView> = candidates
        .iter()
        .map(|candidate| {
            let ours = candidate
                .programme_id
                .as_ref()
                .and_then(|id| programmes.iter().find(|p| &p.id == id));
            CandidateView {
                id: candidate.id.clone(),
                name: match (ours, candidate.name.is_empty()) {
                    (Some(programme), true) => programme_title(lang, programme),
                    _ => candidate.name.clone(),
                },
                provider: candidate.provider.clone(),
                url: candidate.url.clone(),
                programme_link: candidate
                    .programme_id
                    .as_ref()
                    .map(|id| format!("/programmes/{id}")),
                fields: SelectionCriterion::ALL
                    .iter()
                    .map(|criterion| {
                        let found = score_of(&candidate.id, *criterion);
                        ScoreField {
                            key: criterion.as_str(),
                            label: criterion_texts(lang, *criterion).0,
                            score: found.map_or(0, |s| s.score),
                            evidence: found.map(|s| s.evidence.clone()).unwrap_or_default(),
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let comparison = weights
        .iter()
        .map(|(criterion, weight)| ComparisonRow {
            label: criterion_texts(lang, *criterion).0,
            weight: *weight,
            cells: candidates
                .iter()
                .map(|candidate| {
                    let found = score_of(&candidate.id, *criterion);
                    ComparisonCell {
                        score: found.map_or_else(|| "–".to_owned(), |s| s.score.to_string()),
                        evidence: found.map(|s| s.evidence.clone()).unwrap_or_default(),
                    }
                })
                .collect(),
        })
        .collect();
    let tr = Tr(lang);
    let totals = results
        .iter()
        .map(|result| TotalCell {
            weighted: result
                .weighted_score
                .map_or_else(|| "–".to_owned(), |v| format!("{v:.2}")),
            coverage: format!("{}/{}", result.scored, result.required),
            rank: result
                .rank
                .map_or_else(|| tr.t("sp-selection-unranked"), |r| r.to_string()),
        })
        .collect();
    let body = page(&SetPage {
        tr,
        chrome: Chrome::new(
            lang,
            Some(user),
            Some(csrf),
            &format!("/selection/{}", set.id),
        ),
        csrf: csrf.to_owned(),
        weights: weights
            .iter()
            .map(|(criterion, weight)| {
                let (label, question) = criterion_texts(lang, *criterion);
                WeightRow {
                    key: criterion.as_str(),
                    label,
                    question,
                    weight: *weight,
                }
            })
            .collect(),
        candidates: views,
        comparison,
        totals,
        programmes: programmes
            .iter()
            .map(|programme| Choice {
                value: programme.id.clone(),
                label: programme_title(lang, programme),
            })
            .collect(),
        error,
        scores: [1, 2, 3, 4, 5],
        set_id: set.id,
        title: set.title,
        organisation,
    })?;
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, body).into_response())
}

/// `GET /selection/{id}`.
pub async fn show(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    user.require(SELECTION_ROLES)?;
    let set = visible_set(&state, &user, &id).await?;
    render_set(&state, lang, &user, &csrf, set, None).await
}

/// `POST /selection/{id}/weights`.
pub async fn weights(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    user.require(SELECTION_ROLES)?;
    let set = visible_set(&state, &user, &id).await?;
    match WeightsForm::parse(&fields) {
        Ok(form) => {
            state
                .store
                .set_selection_weights(&set.id, &form.weights)
                .await?;
            Ok(Redirect::to(&format!("/selection/{}#comparison", set.id)).into_response())
        }
        Err(problem) => render_set(&state, lang, &user, &csrf, set, Some(problem)).await,
    }
}

/// `POST /selection/{id}/candidates`.
pub async fn add_candidate(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Form(form): Form<CandidateForm>,
) -> Result<Response, WebError> {
    user.require(SELECTION_ROLES)?;
    let set = visible_set(&state, &user, &id).await?;
    let new = match form.validate() {
        Ok(new) => new,
        Err(problem) => return render_set(&state, lang, &user, &csrf, set, Some(problem)).await,
    };
    if let Some(programme_id) = &new.programme_id
        && state.store.programme(programme_id).await?.is_none()
    {
        return render_set(&state, lang, &user, &csrf, set, Some("sp-error-programme")).await;
    }
    state.store.add_selection_candidate(&set.id, &new).await?;
    Ok(Redirect::to(&format!("/selection/{}", set.id)).into_response())
}

/// `POST /selection/{id}/candidates/{candidate}/scores`.
pub async fn score(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path((id, candidate)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    user.require(SELECTION_ROLES)?;
    let set = visible_set(&state, &user, &id).await?;
    let belongs = state
        .store
        .selection_candidates(&set.id)
        .await?
        .iter()
        .any(|c| c.id == candidate);
    if !belongs {
        return Err(WebError::NotFound);
    }
    let form = match ScoreForm::parse(&fields) {
        Ok(form) => form,
        Err(problem) => return render_set(&state, lang, &user, &csrf, set, Some(problem)).await,
    };
    let now = chrono::Utc::now();
    for (criterion, value, evidence) in &form.scores {
        state
            .store
            .score_selection_candidate(&candidate, *criterion, *value, evidence, now)
            .await?;
    }
    Ok(Redirect::to(&format!("/selection/{}#comparison", set.id)).into_response())
}
