//! `/achievements`: what an issuer awards. Everyone logged in may read the list; issuer staff
//! and administrators create and edit (the form is multipart because of the badge image).

mod form;

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tsumiki_i18n::Lang;
use tsumiki_store::{Achievement, Issuer};

pub use form::{
    ACHIEVEMENT_TYPES, ASSESSMENT_TYPES, AchievementForm, AlignmentRow, FieldErrors,
    MAX_IMAGE_BYTES, PARTICIPATION_FORMS, sniff_image,
};

use crate::auth::{ALL_ROLES, CsrfToken, CurrentUser, ISSUING_ROLES};
use crate::i18n::ReqLang;
use crate::i18n::Tr;
use crate::pages::layout::{Chrome, page};
use crate::{AppState, WebError};

/// One `<option>`.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The issuer's name in `lang`, falling back to the other language when that one is empty.
pub fn issuer_name(issuer: &Issuer, lang: Lang) -> String {
    let (first, second) = match lang {
        Lang::Ja => (&issuer.name_ja, &issuer.name_en),
        Lang::En => (&issuer.name_en, &issuer.name_ja),
    };
    if first.trim().is_empty() {
        second
    } else {
        first
    }
    .clone()
}

/// The achievement's name in `lang`.
pub fn achievement_name(achievement: &Achievement, lang: Lang) -> String {
    match lang {
        Lang::Ja => achievement.details.name_ja.clone(),
        Lang::En => achievement.details.name_en.clone(),
    }
}

/// `<option>`s for the issuers, `selected` marked.
pub fn issuer_choices(issuers: &[Issuer], lang: Lang, selected: &str) -> Vec<Choice> {
    issuers
        .iter()
        .map(|issuer| Choice {
            value: issuer.id.clone(),
            label: issuer_name(issuer, lang),
            selected: issuer.id == selected,
        })
        .collect()
}

fn vocabulary(values: &[&str], prefix: &str, lang: Lang, selected: &str) -> Vec<Choice> {
    values
        .iter()
        .map(|value| Choice {
            value: (*value).to_owned(),
            label: if prefix.is_empty() {
                (*value).to_owned()
            } else {
                tsumiki_i18n::t(lang, &format!("{prefix}{value}"), &[])
            },
            selected: *value == selected,
        })
        .collect()
}

struct AchievementRow {
    id: String,
    name_ja: String,
    name_en: String,
    achievement_type: String,
    hours: String,
    credits: String,
    has_image: bool,
}

#[derive(Template)]
#[template(path = "achievements.html")]
struct ListPage {
    tr: Tr,
    chrome: Chrome,
    issuers: Vec<Choice>,
    issuer_id: String,
    achievements: Vec<AchievementRow>,
    can_edit: bool,
}

#[derive(Template)]
#[template(path = "achievements_form.html")]
struct FormPage {
    tr: Tr,
    chrome: Chrome,
    csrf: String,
    /// Where the form posts.
    action: String,
    editing: bool,
    issuers: Vec<Choice>,
    types: Vec<Choice>,
    assessment_types: Vec<Choice>,
    participation_forms: Vec<Choice>,
    form: AchievementForm,
    /// The stored rows plus one empty row to add another.
    alignment_rows: Vec<AlignmentRow>,
    has_image: bool,
    /// Allowed types and size, in the page's language.
    image_hint: String,
    errors: FieldErrors,
}

/// `?issuer=<id>` picks whose achievements to list or for whom to create one.
#[derive(Debug, Default, Deserialize)]
pub struct IssuerQuery {
    #[serde(default)]
    issuer: Option<String>,
}

/// `GET /achievements`.
pub async fn list(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Query(query): Query<IssuerQuery>,
) -> Result<Response, WebError> {
    user.require(ALL_ROLES)?;
    let issuers = state.store.issuers().await?;
    let issuer_id = query
        .issuer
        .filter(|id| issuers.iter().any(|issuer| &issuer.id == id))
        .or_else(|| issuers.first().map(|issuer| issuer.id.clone()))
        .unwrap_or_default();
    let achievements = if issuer_id.is_empty() {
        Vec::new()
    } else {
        state.store.achievements(&issuer_id).await?
    };
    let amount = |value: Option<f64>| value.map(|v| v.to_string()).unwrap_or_default();
    let body = page(&ListPage {
        tr: Tr(lang),
        chrome: Chrome::new(lang, Some(&user), Some(&csrf), "/achievements"),
        issuers: issuer_choices(&issuers, lang, &issuer_id),
        achievements: achievements
            .into_iter()
            .map(|achievement| AchievementRow {
                has_image: achievement.details.image.is_some(),
                hours: amount(achievement.details.hours),
                credits: amount(achievement.details.credits),
                id: achievement.id,
                name_ja: achievement.details.name_ja,
                name_en: achievement.details.name_en,
                achievement_type: achievement.details.achievement_type,
            })
            .collect(),
        issuer_id,
        can_edit: user.require(ISSUING_ROLES).is_ok(),
    })?;
    Ok(body.into_response())
}

struct FormContext<'a> {
    state: &'a AppState,
    lang: Lang,
    user: &'a CurrentUser,
    csrf: &'a str,
}

impl FormContext<'_> {
    async fn render(
        &self,
        action: String,
        editing: bool,
        form: AchievementForm,
        has_image: bool,
        errors: FieldErrors,
    ) -> Result<Response, WebError> {
        let lang = self.lang;
        let issuers = self.state.store.issuers().await?;
        let mut alignment_rows = form.alignments.clone();
        alignment_rows.push(AlignmentRow::default());
        let status = if errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let body = page(&FormPage {
            tr: Tr(lang),
            chrome: Chrome::new(lang, Some(self.user), Some(self.csrf), &action),
            csrf: self.csrf.to_owned(),
            editing,
            issuers: issuer_choices(&issuers, lang, &form.issuer_id),
            types: vocabulary(ACHIEVEMENT_TYPES, "", lang, &form.achievement_type),
            assessment_types: vocabulary(
                ASSESSMENT_TYPES,
                "pages-assessment-",
                lang,
                &form.assessment_type,
            ),
            participation_forms: vocabulary(
                PARTICIPATION_FORMS,
                "pages-participation-",
                lang,
                &form.participation_form,
            ),
            action,
            alignment_rows,
            has_image,
            image_hint: tsumiki_i18n::t(
                lang,
                "pages-field-image-hint",
                &[(
                    "kib",
                    tsumiki_i18n::Arg::Number((MAX_IMAGE_BYTES / 1024) as f64),
                )],
            ),
            errors,
            form,
        })?;
        Ok((status, body).into_response())
    }
}

/// `GET /achievements/new`.
pub async fn new_form(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Query(query): Query<IssuerQuery>,
) -> Result<Response, WebError> {
    user.require(ISSUING_ROLES)?;
    let form = AchievementForm {
        issuer_id: query.issuer.unwrap_or_default(),
        achievement_type: "MicroCredential".to_owned(),
        ..AchievementForm::default()
    };
    let context = FormContext {
        state: &state,
        lang,
        user: &user,
        csrf: &csrf,
    };
    context
        .render(
            "/achievements".into(),
            false,
            form,
            false,
            FieldErrors::default(),
        )
        .await
}

/// `POST /achievements`: stores the achievement only if every field is acceptable.
pub async fn create(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    multipart: Multipart,
) -> Result<Response, WebError> {
    user.require(ISSUING_ROLES)?;
    let form = form::read(multipart).await?;
    let context = FormContext {
        state: &state,
        lang,
        user: &user,
        csrf: &csrf,
    };
    let checked = check_issuer(&state, &form, form.validate(None)).await?;
    match checked {
        Ok(details) => {
            let issuer_id = details.issuer_id.clone();
            state.store.create_achievement(details).await?;
            Ok(Redirect::to(&format!("/achievements?issuer={issuer_id}")).into_response())
        }
        Err(errors) => {
            let has_image = form.upload.is_some();
            context
                .render("/achievements".into(), false, form, has_image, errors)
                .await
        }
    }
}

/// `GET /achievements/{id}/edit`.
pub async fn edit_form(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    user.require(ISSUING_ROLES)?;
    let achievement = state.store.achievement(&id).await?;
    let context = FormContext {
        state: &state,
        lang,
        user: &user,
        csrf: &csrf,
    };
    context
        .render(
            format!("/achievements/{}", achievement.id),
            true,
            AchievementForm::from_existing(&achievement),
            achievement.details.image.is_some(),
            FieldErrors::default(),
        )
        .await
}

/// `POST /achievements/{id}`: replaces the achievement's details; the stored image is kept
/// unless a new one is uploaded or removal is ticked.
pub async fn update(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    multipart: Multipart,
) -> Result<Response, WebError> {
    user.require(ISSUING_ROLES)?;
    let current = state.store.achievement(&id).await?;
    let form = form::read(multipart).await?;
    let kept = current.details.image.as_ref();
    let checked = check_issuer(&state, &form, form.validate(kept)).await?;
    match checked {
        Ok(details) => {
            let issuer_id = details.issuer_id.clone();
            state.store.update_achievement(&current.id, details).await?;
            Ok(Redirect::to(&format!("/achievements?issuer={issuer_id}")).into_response())
        }
        Err(errors) => {
            let has_image = form.upload.is_some() || (kept.is_some() && !form.remove_image);
            let context = FormContext {
                state: &state,
                lang,
                user: &user,
                csrf: &csrf,
            };
            context
                .render(format!("/achievements/{id}"), true, form, has_image, errors)
                .await
        }
    }
}

/// Adds "unknown issuer" to the field errors when the chosen issuer does not exist.
async fn check_issuer(
    state: &AppState,
    form: &AchievementForm,
    checked: Result<tsumiki_store::NewAchievement, FieldErrors>,
) -> Result<Result<tsumiki_store::NewAchievement, FieldErrors>, WebError> {
    let issuer_id = form.issuer_id.trim();
    if issuer_id.is_empty() {
        return Ok(checked);
    }
    let known = state
        .store
        .issuers()
        .await?
        .iter()
        .any(|issuer| issuer.id == issuer_id);
    if known {
        return Ok(checked);
    }
    let mut errors = checked.err().unwrap_or_default();
    errors.add("issuer_id", "pages-error-unknown-issuer");
    Ok(Err(errors))
}
