//! Adding, editing and removing a module of a programme's phase, with plain forms.
//!
//! A module keeps its id for life (completions and credential idempotency keys refer to it),
//! so editing never changes it and removing one does not touch completions already recorded.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tsumiki_i18n::Lang;
use tsumiki_programme::{
    Delivery, DeliveryMode, FacultyRole, Module, ModuleLanguage, ProgrammeDesign, validate,
};
use tsumiki_store::Programme;

use super::fields::Fields;
use super::{bilingual, delivery_label, design_json, faculty_label, language_label, load, new_id};
use crate::auth::{CsrfToken, CurrentUser, PROGRAMME_ROLES};
use crate::i18n::{ReqLang, Tr};
use crate::pages::achievements::{Choice, achievement_name};
use crate::pages::layout::{Chrome, page};
use crate::{AppState, WebError};

/// The module form as typed, kept to show it again with its error.
#[derive(Debug, Clone, Default)]
struct ModuleForm {
    module_id: String,
    phase: usize,
    title_ja: String,
    title_en: String,
    delivery: String,
    country: String,
    language: String,
    hours: String,
    faculty: Vec<String>,
    achievement_ids: Vec<String>,
}

impl ModuleForm {
    fn from_module(phase: usize, module: &Module) -> ModuleForm {
        ModuleForm {
            module_id: module.id.clone(),
            phase,
            title_ja: module.title_ja.clone(),
            title_en: module.title_en.clone(),
            delivery: module.delivery.mode().as_str().to_owned(),
            country: module.delivery.country().unwrap_or_default().to_owned(),
            language: module.language.as_str().to_owned(),
            hours: super::hours_text(module.hours),
            faculty: module
                .faculty
                .iter()
                .map(|r| r.as_str().to_owned())
                .collect(),
            achievement_ids: module.achievement_ids.clone(),
        }
    }

    fn from_fields(fields: &Fields) -> ModuleForm {
        ModuleForm {
            module_id: fields.get("module_id").to_owned(),
            phase: fields.get("phase").parse().unwrap_or(usize::MAX),
            title_ja: fields.get("title_ja").to_owned(),
            title_en: fields.get("title_en").to_owned(),
            delivery: fields.get("delivery").to_owned(),
            country: fields.get("country").to_uppercase(),
            language: fields.get("language").to_owned(),
            hours: fields.get("hours").to_owned(),
            faculty: fields
                .all("faculty")
                .into_iter()
                .map(str::to_owned)
                .collect(),
            achievement_ids: fields
                .all("achievement_ids")
                .into_iter()
                .map(str::to_owned)
                .collect(),
        }
    }

    /// The module, or the message id of the first thing wrong with the form.
    fn module(&self) -> Result<Module, &'static str> {
        if self.title_ja.is_empty() || self.title_en.is_empty() {
            return Err("prog-error-titles");
        }
        let delivery = match DeliveryMode::parse(&self.delivery) {
            Some(DeliveryMode::Online) => Delivery::Online,
            Some(DeliveryMode::OnSite) => Delivery::OnSite,
            Some(DeliveryMode::Blended) => Delivery::Blended,
            Some(DeliveryMode::ImmersionAbroad) => Delivery::ImmersionAbroad {
                country: self.country.clone(),
            },
            None => return Err("prog-error-choice"),
        };
        let language = ModuleLanguage::parse(&self.language).ok_or("prog-error-choice")?;
        let hours: f64 = self
            .hours
            .replace(',', ".")
            .parse()
            .map_err(|_| "prog-error-hours")?;
        let mut faculty = Vec::new();
        for role in &self.faculty {
            let role = FacultyRole::parse(role).ok_or("prog-error-choice")?;
            if !faculty.contains(&role) {
                faculty.push(role);
            }
        }
        Ok(Module {
            id: if self.module_id.is_empty() {
                new_id()
            } else {
                self.module_id.clone()
            },
            title_ja: self.title_ja.clone(),
            title_en: self.title_en.clone(),
            delivery,
            language,
            hours,
            faculty,
            achievement_ids: self.achievement_ids.clone(),
        })
    }
}

#[derive(Template)]
#[template(path = "programmes_module.html")]
struct ModulePage {
    tr: Tr,
    chrome: Chrome,
    csrf: String,
    programme_id: String,
    programme_title: String,
    phase_title: String,
    is_new: bool,
    form: ModuleForm,
    deliveries: Vec<Choice>,
    languages: Vec<Choice>,
    faculty: Vec<Choice>,
    achievements: Vec<Choice>,
    error: Option<String>,
}

async fn render(
    state: &AppState,
    lang: Lang,
    user: &CurrentUser,
    csrf: &str,
    (programme, design): (&Programme, &ProgrammeDesign),
    form: ModuleForm,
    error: Option<String>,
) -> Result<Response, WebError> {
    let phase_title = design
        .phases
        .get(form.phase)
        .map(|phase| bilingual(lang, &phase.title_ja, &phase.title_en))
        .ok_or(WebError::NotFound)?;
    // The programme's issuer signs what modules award, so only its achievements are offered;
    // before one is chosen, every issuer's are.
    let issuers = match &programme.issuer_id {
        Some(issuer_id) => vec![state.store.issuer(issuer_id).await?],
        None => state.store.issuers().await?,
    };
    let mut achievements = Vec::new();
    for issuer in &issuers {
        for achievement in state.store.achievements(&issuer.id).await? {
            achievements.push(Choice {
                selected: form.achievement_ids.contains(&achievement.id),
                label: achievement_name(&achievement, lang),
                value: achievement.id,
            });
        }
    }
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let body = page(&ModulePage {
        tr: Tr(lang),
        chrome: Chrome::new(
            lang,
            Some(user),
            Some(csrf),
            &format!("/programmes/{}", programme.id),
        ),
        csrf: csrf.to_owned(),
        programme_id: programme.id.clone(),
        programme_title: super::programme_title(programme, lang),
        phase_title,
        is_new: form.module_id.is_empty(),
        deliveries: DeliveryMode::ALL
            .iter()
            .map(|mode| Choice {
                value: mode.as_str().to_owned(),
                label: delivery_label(lang, *mode),
                selected: mode.as_str() == form.delivery,
            })
            .collect(),
        languages: ModuleLanguage::ALL
            .iter()
            .map(|language| Choice {
                value: language.as_str().to_owned(),
                label: language_label(lang, *language),
                selected: language.as_str() == form.language,
            })
            .collect(),
        faculty: FacultyRole::ALL
            .iter()
            .map(|role| Choice {
                value: role.as_str().to_owned(),
                label: faculty_label(lang, *role),
                selected: form.faculty.iter().any(|chosen| chosen == role.as_str()),
            })
            .collect(),
        achievements,
        form,
        error,
    })?;
    Ok((status, body).into_response())
}

/// `?phase=` of the new-module link.
#[derive(Debug, Deserialize)]
pub struct PhaseQuery {
    #[serde(default)]
    phase: usize,
}

/// `GET /programmes/{id}/modules/new?phase=N`.
pub async fn new_form(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Query(query): Query<PhaseQuery>,
) -> Result<Response, WebError> {
    user.require(PROGRAMME_ROLES)?;
    let (programme, design) = load(&state, &id).await?;
    let form = ModuleForm {
        phase: query.phase,
        delivery: DeliveryMode::Online.as_str().to_owned(),
        language: ModuleLanguage::Ja.as_str().to_owned(),
        hours: "0".to_owned(),
        ..ModuleForm::default()
    };
    render(
        &state,
        lang,
        &user,
        &csrf,
        (&programme, &design),
        form,
        None,
    )
    .await
}

/// `GET /programmes/{id}/modules/{module}/edit`.
pub async fn edit_form(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path((id, module_id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    user.require(PROGRAMME_ROLES)?;
    let (programme, design) = load(&state, &id).await?;
    let (phase, module) = design.module(&module_id).ok_or(WebError::NotFound)?;
    let form = ModuleForm::from_module(phase, module);
    render(
        &state,
        lang,
        &user,
        &csrf,
        (&programme, &design),
        form,
        None,
    )
    .await
}

/// `POST /programmes/{id}/modules`: saves a new or edited module.
pub async fn save(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    user.require(PROGRAMME_ROLES)?;
    let (programme, mut design) = load(&state, &id).await?;
    let form = ModuleForm::from_fields(&Fields::parse(&body)?);
    if design.phases.get(form.phase).is_none() {
        return Err(WebError::BadRequest("unknown phase".to_owned()));
    }
    if !form.module_id.is_empty() && design.module(&form.module_id).is_none() {
        return Err(WebError::NotFound);
    }
    let module = match form.module() {
        Ok(module) => module,
        Err(message_id) => {
            let error = tsumiki_i18n::t(lang, message_id, &[]);
            return render(
                &state,
                lang,
                &user,
                &csrf,
                (&programme, &design),
                form,
                Some(error),
            )
            .await;
        }
    };
    for achievement_id in &module.achievement_ids {
        if let Err(error) = state.store.achievement(achievement_id).await {
            return match error {
                tsumiki_store::StoreError::NotFound { .. } => {
                    let error = tsumiki_i18n::t(lang, "prog-error-choice", &[]);
                    render(
                        &state,
                        lang,
                        &user,
                        &csrf,
                        (&programme, &design),
                        form,
                        Some(error),
                    )
                    .await
                }
                other => Err(other.into()),
            };
        }
    }
    let original = design.clone();
    design.put_module(form.phase, module);
    if let Err(problem) = validate(&design) {
        let key = match problem {
            tsumiki_programme::DesignError::InvalidCountry { .. } => "prog-error-country",
            tsumiki_programme::DesignError::InvalidHours { .. } => "prog-error-hours",
            _ => "prog-error-design",
        };
        let error = tsumiki_i18n::t(lang, key, &[]);
        return render(
            &state,
            lang,
            &user,
            &csrf,
            (&programme, &original),
            form,
            Some(error),
        )
        .await;
    }
    state
        .store
        .update_programme_design(&id, &design_json(&design)?)
        .await?;
    Ok(Redirect::to(&format!("/programmes/{id}")).into_response())
}

/// `POST /programmes/{id}/modules/{module}/remove`.
pub async fn remove(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, module_id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    user.require(PROGRAMME_ROLES)?;
    let (_, mut design) = load(&state, &id).await?;
    if !design.remove_module(&module_id) {
        return Err(WebError::NotFound);
    }
    state
        .store
        .update_programme_design(&id, &design_json(&design)?)
        .await?;
    Ok(Redirect::to(&format!("/programmes/{id}")).into_response())
}
