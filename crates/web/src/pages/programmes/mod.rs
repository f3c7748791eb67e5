//! `/programmes…`: programme design in Japanese and English. A programme starts from the
//! six-phase blueprint or as a copy of another programme; its page shows phases → modules
//! with delivery, language, hours, faculty and awarded achievements, and the hours totals.

pub mod edit;
pub mod fields;
pub mod modules;

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use tsumiki_i18n::Lang;
use tsumiki_programme::{
    DeliveryMode, FacultyRole, ModuleLanguage, ProgrammeDesign, copy_as_template, hours_totals,
    six_phase_blueprint,
};
use tsumiki_store::{NewProgramme, Organisation, OrganisationKind, Programme, ProgrammeDetails};

use crate::auth::{ASSESSOR_ROLES, CsrfToken, CurrentUser, PROGRAMME_ROLES};
use crate::i18n::{ReqLang, Tr};
use crate::pages::achievements::{Choice, issuer_name};
use crate::pages::layout::{Chrome, page};
use crate::{AppState, WebError};
use fields::Fields;

/// `ja` or `en` text for `lang`, falling back to the other when one is blank.
pub fn bilingual(lang: Lang, ja: &str, en: &str) -> String {
    let (first, second) = match lang {
        Lang::Ja => (ja, en),
        Lang::En => (en, ja),
    };
    if first.trim().is_empty() {
        second.to_owned()
    } else {
        first.to_owned()
    }
}

/// An organisation's name in `lang`.
pub fn organisation_name(organisation: &Organisation, lang: Lang) -> String {
    bilingual(lang, &organisation.name_ja, &organisation.name_en)
}

/// A programme's title in `lang`.
pub fn programme_title(programme: &Programme, lang: Lang) -> String {
    bilingual(lang, &programme.title_ja, &programme.title_en)
}

/// A new module or copy id.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The programme and its parsed design; 404 when unknown. A stored design that no longer
/// parses is a server fault (only this code writes it, after validation).
pub async fn load(state: &AppState, id: &str) -> Result<(Programme, ProgrammeDesign), WebError> {
    let programme = state.store.programme(id).await?.ok_or(WebError::NotFound)?;
    let design = ProgrammeDesign::from_json(&programme.design_json)
        .map_err(|error| WebError::Internal(format!("programme {id}: {error}")))?;
    Ok((programme, design))
}

/// Label of a delivery mode.
pub fn delivery_label(lang: Lang, mode: DeliveryMode) -> String {
    tsumiki_i18n::t(lang, &format!("prog-delivery-{}", mode.as_str()), &[])
}

/// Label of a module language.
pub fn language_label(lang: Lang, language: ModuleLanguage) -> String {
    tsumiki_i18n::t(lang, &format!("prog-language-{}", language.as_str()), &[])
}

/// Label of a faculty role.
pub fn faculty_label(lang: Lang, role: FacultyRole) -> String {
    tsumiki_i18n::t(lang, &format!("prog-faculty-{}", role.as_str()), &[])
}

/// What separates items of a short list in running text.
pub fn list_separator(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "、",
        Lang::En => ", ",
    }
}

/// Hours without a trailing `.0`.
pub fn hours_text(hours: f64) -> String {
    if hours.fract() == 0.0 {
        format!("{hours:.0}")
    } else {
        format!("{hours:.1}")
    }
}

struct ProgrammeRow {
    id: String,
    title: String,
    provider: String,
    hours: String,
    cohorts: usize,
}

#[derive(Template)]
#[template(path = "programmes.html")]
struct ListPage {
    tr: Tr,
    chrome: Chrome,
    csrf: String,
    can_edit: bool,
    programmes: Vec<ProgrammeRow>,
    providers: Vec<Choice>,
    error: Option<String>,
}

pub(super) fn organisation_choices(
    organisations: &[Organisation],
    kind: OrganisationKind,
    lang: Lang,
    selected: &[&str],
) -> Vec<Choice> {
    organisations
        .iter()
        .filter(|organisation| organisation.kind == kind)
        .map(|organisation| Choice {
            value: organisation.id.clone(),
            label: organisation_name(organisation, lang),
            selected: selected.contains(&organisation.id.as_str()),
        })
        .collect()
}

async fn render_list(
    state: &AppState,
    lang: Lang,
    user: &CurrentUser,
    csrf: &str,
    error: Option<String>,
) -> Result<Response, WebError> {
    let organisations = state.store.organisations().await?;
    let mut programmes = Vec::new();
    for programme in state.store.programmes().await? {
        let hours = ProgrammeDesign::from_json(&programme.design_json)
            .map(|design| hours_text(hours_totals(&design).total))
            .unwrap_or_default();
        programmes.push(ProgrammeRow {
            title: programme_title(&programme, lang),
            provider: programme
                .provider_id
                .as_deref()
                .and_then(|id| organisations.iter().find(|o| o.id == id))
                .map(|o| organisation_name(o, lang))
                .unwrap_or_default(),
            hours,
            cohorts: state
                .store
                .cohorts_for_programme(&programme.id)
                .await?
                .len(),
            id: programme.id,
        });
    }
    let status = if error.is_some() {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    } else {
        axum::http::StatusCode::OK
    };
    let body = page(&ListPage {
        tr: Tr(lang),
        chrome: Chrome::new(lang, Some(user), Some(csrf), "/programmes"),
        csrf: csrf.to_owned(),
        can_edit: PROGRAMME_ROLES.contains(&user.role),
        programmes,
        providers: organisation_choices(&organisations, OrganisationKind::Provider, lang, &[]),
        error,
    })?;
    Ok((status, body).into_response())
}

/// `GET /programmes`.
pub async fn list(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, WebError> {
    user.require(ASSESSOR_ROLES)?;
    render_list(&state, lang, &user, &csrf, None).await
}

/// `POST /programmes`: a new programme from the six-phase blueprint, with fresh module ids.
pub async fn create(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    body: Bytes,
) -> Result<Response, WebError> {
    user.require(PROGRAMME_ROLES)?;
    let form = Fields::parse(&body)?;
    let (title_ja, title_en) = (form.get("title_ja"), form.get("title_en"));
    if title_ja.is_empty() || title_en.is_empty() {
        let error = tsumiki_i18n::t(lang, "prog-error-titles", &[]);
        return render_list(&state, lang, &user, &csrf, Some(error)).await;
    }
    let design = copy_as_template(&six_phase_blueprint(), new_id);
    let programme = state
        .store
        .create_programme(&NewProgramme {
            provider_id: form.optional("provider_id"),
            title_ja: title_ja.to_owned(),
            title_en: title_en.to_owned(),
            design_json: design_json(&design)?,
            sponsor_ids: Vec::new(),
            template_of: None,
        })
        .await?;
    Ok(Redirect::to(&format!("/programmes/{}", programme.id)).into_response())
}

/// The design as stored; an invalid design here is a bug in the caller.
pub fn design_json(design: &ProgrammeDesign) -> Result<String, WebError> {
    design
        .to_json()
        .map_err(|error| WebError::Internal(format!("programme design: {error}")))
}

/// `POST /programmes/{id}/copy`: the programme as the template of a new one (same design with
/// fresh module ids, same provider, sponsors and issuer), then its edit form.
pub async fn copy(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    user.require(PROGRAMME_ROLES)?;
    let (programme, design) = load(&state, &id).await?;
    let sponsors = state.store.programme_sponsors(&id).await?;
    let copy = state
        .store
        .create_programme(&NewProgramme {
            provider_id: programme.provider_id.clone(),
            title_ja: format!("{}（写し）", programme.title_ja),
            title_en: format!("{} (copy)", programme.title_en),
            design_json: design_json(&copy_as_template(&design, new_id))?,
            sponsor_ids: sponsors.into_iter().map(|o| o.id).collect(),
            template_of: Some(programme.id.clone()),
        })
        .await?;
    if programme.issuer_id.is_some() {
        let sponsor_ids = state
            .store
            .programme_sponsors(&copy.id)
            .await?
            .into_iter()
            .map(|o| o.id)
            .collect();
        state
            .store
            .update_programme_details(
                &copy.id,
                &ProgrammeDetails {
                    provider_id: copy.provider_id.clone(),
                    title_ja: copy.title_ja.clone(),
                    title_en: copy.title_en.clone(),
                    sponsor_ids,
                    issuer_id: programme.issuer_id.clone(),
                },
            )
            .await?;
    }
    Ok(Redirect::to(&format!("/programmes/{}/edit", copy.id)).into_response())
}

struct ModuleView {
    id: String,
    title: String,
    delivery: String,
    language: String,
    hours: String,
    faculty: String,
    achievements: Vec<String>,
}

struct PhaseView {
    index: usize,
    title: String,
    months: String,
    hours: String,
    modules: Vec<ModuleView>,
}

struct TotalRow {
    label: String,
    hours: String,
}

struct CohortRow {
    id: String,
    name: String,
    dates: String,
}

#[derive(Template)]
#[template(path = "programmes_show.html")]
struct ShowPage {
    tr: Tr,
    chrome: Chrome,
    csrf: String,
    can_edit: bool,
    id: String,
    title: String,
    other_title: String,
    provider: String,
    sponsors: Vec<String>,
    issuer: String,
    template_of: Option<(String, String)>,
    phases: Vec<PhaseView>,
    total: String,
    by_delivery: Vec<TotalRow>,
    by_language: Vec<TotalRow>,
    cohorts: Vec<CohortRow>,
    sponsor_choices: Vec<Choice>,
}

/// `GET /programmes/{id}`: the design view.
pub async fn show(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    user.require(ASSESSOR_ROLES)?;
    let (programme, design) = load(&state, &id).await?;
    let organisations = state.store.organisations().await?;
    let sponsors = state.store.programme_sponsors(&id).await?;
    let issuer = match &programme.issuer_id {
        Some(issuer_id) => Some(state.store.issuer(issuer_id).await?),
        None => None,
    };
    let mut achievement_names = std::collections::HashMap::new();
    for achievement_id in design.modules().flat_map(|m| m.achievement_ids.iter()) {
        if achievement_names.contains_key(achievement_id) {
            continue;
        }
        let name = match state.store.achievement(achievement_id).await {
            Ok(achievement) => crate::pages::achievements::achievement_name(&achievement, lang),
            Err(tsumiki_store::StoreError::NotFound { .. }) => achievement_id.clone(),
            Err(error) => return Err(error.into()),
        };
        achievement_names.insert(achievement_id.clone(), name);
    }
    let totals = hours_totals(&design);
    let phases = design
        .phases
        .iter()
        .enumerate()
        .map(|(index, phase)| PhaseView {
            index,
            title: bilingual(lang, &phase.title_ja, &phase.title_en),
            months: if phase.start_month == phase.end_month {
                tsumiki_i18n::t(
                    lang,
                    "prog-month",
                    &[("month", f64::from(phase.start_month).into())],
                )
            } else {
                tsumiki_i18n::t(
                    lang,
                    "prog-months",
                    &[
                        ("start", f64::from(phase.start_month).into()),
                        ("end", f64::from(phase.end_month).into()),
                    ],
                )
            },
            hours: totals
                .by_phase
                .get(index)
                .map(|p| hours_text(p.hours))
                .unwrap_or_default(),
            modules: phase
                .modules
                .iter()
                .map(|module| ModuleView {
                    id: module.id.clone(),
                    title: bilingual(lang, &module.title_ja, &module.title_en),
                    delivery: match module.delivery.country() {
                        Some(country) => format!(
                            "{} ({country})",
                            delivery_label(lang, module.delivery.mode())
                        ),
                        None => delivery_label(lang, module.delivery.mode()),
                    },
                    language: language_label(lang, module.language),
                    hours: hours_text(module.hours),
                    faculty: module
                        .faculty
                        .iter()
                        .map(|role| faculty_label(lang, *role))
                        .collect::<Vec<_>>()
                        .join(list_separator(lang)),
                    achievements: module
                        .achievement_ids
                        .iter()
                        .map(|id| achievement_names.get(id).cloned().unwrap_or_default())
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let template_of = match &programme.template_of {
        Some(template_id) => state
            .store
            .programme(template_id)
            .await?
            .map(|template| (template.id.clone(), programme_title(&template, lang))),
        None => None,
    };
    let cohorts = state
        .store
        .cohorts_for_programme(&id)
        .await?
        .into_iter()
        .map(|cohort| CohortRow {
            dates: format!("{} – {}", cohort.starts_on, cohort.ends_on),
            name: cohort.name,
            id: cohort.id,
        })
        .collect();
    let body = page(&ShowPage {
        tr: Tr(lang),
        chrome: Chrome::new(lang, Some(&user), Some(&csrf), &format!("/programmes/{id}")),
        csrf: csrf.clone(),
        can_edit: PROGRAMME_ROLES.contains(&user.role),
        title: programme_title(&programme, lang),
        other_title: match lang {
            Lang::Ja => programme.title_en.clone(),
            Lang::En => programme.title_ja.clone(),
        },
        provider: programme
            .provider_id
            .as_deref()
            .and_then(|pid| organisations.iter().find(|o| o.id == pid))
            .map(|o| organisation_name(o, lang))
            .unwrap_or_default(),
        sponsors: sponsors
            .iter()
            .map(|o| organisation_name(o, lang))
            .collect(),
        issuer: issuer.map(|i| issuer_name(&i, lang)).unwrap_or_default(),
        template_of,
        phases,
        total: hours_text(totals.total),
        by_delivery: totals
            .by_delivery
            .iter()
            .map(|(mode, hours)| TotalRow {
                label: delivery_label(lang, *mode),
                hours: hours_text(*hours),
            })
            .collect(),
        by_language: totals
            .by_language
            .iter()
            .map(|(language, hours)| TotalRow {
                label: language_label(lang, *language),
                hours: hours_text(*hours),
            })
            .collect(),
        cohorts,
        sponsor_choices: organisation_choices(&organisations, OrganisationKind::Sponsor, lang, &[]),
        id,
    })?;
    Ok(body.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Labels are looked up by a computed id; every value must have one in both languages.
    #[test]
    fn every_design_choice_has_a_label_in_both_languages() {
        let mut ids: Vec<String> = Vec::new();
        ids.extend(
            DeliveryMode::ALL
                .iter()
                .map(|m| format!("prog-delivery-{}", m.as_str())),
        );
        ids.extend(
            ModuleLanguage::ALL
                .iter()
                .map(|l| format!("prog-language-{}", l.as_str())),
        );
        ids.extend(
            FacultyRole::ALL
                .iter()
                .map(|r| format!("prog-faculty-{}", r.as_str())),
        );
        ids.extend(
            [OrganisationKind::Provider, OrganisationKind::Sponsor]
                .iter()
                .map(|k| format!("prog-kind-{}", k.as_str())),
        );
        for id in &ids {
            for lang in Lang::ALL {
                assert!(
                    tsumiki_i18n::try_t(lang, id, &[]).is_some(),
                    "{id} in {lang:?}"
                );
            }
        }
        assert_eq!(hours_text(258.0), "258");
        assert_eq!(hours_text(1.5), "1.5");
        assert_eq!(bilingual(Lang::En, "日本語", " "), "日本語");
    }
}
