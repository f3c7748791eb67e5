//! `/cohorts/{id}/costs`: the fully-loaded cost ledger, the participants' benefit claims, the
//! intangible benefits and the cohort's ROI settings (currency, horizon). Staff only: claims
//! name participants; sponsors read the aggregate on `/cohorts/{id}/roi`.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tsumiki_i18n::Lang;
use tsumiki_store::{
    CONSENT_EVALUATION, ClaimResponse, Cohort, CohortImpactSettings, CostAmount, CostCategory,
    Participant,
};

use crate::analytics::roi::format_minor;
use crate::auth::{CsrfToken, CurrentUser};
use crate::i18n::{ReqLang, Tr};
use crate::pages::impact::ledger_forms::{ClaimForm, CostForm, IntangibleForm, SettingsForm};
use crate::pages::impact::{Tab, bilingual, editable_cohort, tabs, text_field};
use crate::pages::layout::{Chrome, page};
use crate::{AppState, WebError};

struct CostRow {
    id: String,
    category: String,
    description: String,
    hours: String,
    rate: String,
    amount: String,
}

struct ClaimRow {
    id: String,
    participant: String,
    description: String,
    annual_value: String,
    isolation: String,
    confidence: String,
    adjusted: String,
    note: String,
}

struct IntangibleRow {
    id: String,
    text: String,
}

struct Choice {
    value: String,
    label: String,
}

#[derive(Template)]
#[template(path = "impact_costs.html")]
struct CostsPage {
    tr: Tr,
    chrome: Chrome,
    csrf: String,
    tabs: Vec<Tab>,
    cohort_id: String,
    cohort_name: String,
    currency: String,
    horizon_years: u8,
    ledger_lead: String,
    costs: Vec<CostRow>,
    total: String,
    claims: Vec<ClaimRow>,
    intangibles: Vec<IntangibleRow>,
    categories: Vec<Choice>,
    participants: Vec<Choice>,
    horizons: Vec<(u8, String)>,
    error: Option<&'static str>,
    drafts: Drafts,
}

/// What was typed into a refused form, shown again so nothing has to be retyped.
#[derive(Debug, Default)]
struct Drafts {
    cost: CostForm,
    claim: ClaimForm,
    intangible: IntangibleForm,
}

/// Fluent id of a cost category's name.
pub fn category_message_id(category: CostCategory) -> String {
    format!("imp-cat-{}", category.as_str().replace('_', "-"))
}

async fn participant_names(
    state: &AppState,
    participants: &[Participant],
) -> Result<Vec<(String, String)>, WebError> {
    let mut names = Vec::with_capacity(participants.len());
    for participant in participants {
        let name = state
            .store
            .recipient(&participant.recipient_id)
            .await
            .map(|recipient| recipient.display_name)
            .unwrap_or_default();
        names.push((participant.id.clone(), name));
    }
    Ok(names)
}

async fn render(
    state: &AppState,
    lang: Lang,
    user: &CurrentUser,
    csrf: &str,
    cohort: &Cohort,
    error: Option<&'static str>,
    drafts: Drafts,
) -> Result<Response, WebError> {
    let settings = state.store.cohort_impact_settings(&cohort.id).await?;
    let currency = settings.currency.clone();
    let entries = state.store.cost_entries(&cohort.id).await?;
    let total: i128 = entries.iter().map(|e| i128::from(e.amount_minor)).sum();
    let participants = state.store.participants(&cohort.id).await?;
    let names = participant_names(state, &participants).await?;
    let consenting: Vec<String> = state
        .store
        .consenting_participants(&cohort.id, CONSENT_EVALUATION)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    let name_of = |id: &str| {
        names
            .iter()
            .find(|(pid, _)| pid == id)
            .map(|(_, name)| name.clone())
            .unwrap_or_default()
    };
    let money = |minor: i64| format_minor(minor, &currency);
    let costs = entries
        .into_iter()
        .map(|entry| {
            let (hours, rate) = match entry.entry.amount {
                CostAmount::Fixed(_) => (String::new(), String::new()),
                CostAmount::Time {
                    hours_hundredths,
                    hourly_rate_minor,
                } => (
                    format!("{}.{:02}", hours_hundredths / 100, hours_hundredths % 100),
                    money(i64::from(hourly_rate_minor)),
                ),
            };
            CostRow {
                id: entry.id,
                category: tsumiki_i18n::t(lang, &category_message_id(entry.entry.category), &[]),
                description: entry.entry.description,
                hours,
                rate,
                amount: money(entry.amount_minor),
            }
        })
        .collect();
    let claims = state
        .store
        .benefit_claims(&cohort.id)
        .await?
        .into_iter()
        .map(|claim| {
            let consented = consenting.contains(&claim.claim.participant_id);
            let mut row = ClaimRow {
                id: claim.id,
                participant: name_of(&claim.claim.participant_id),
                description: claim.claim.description,
                annual_value: String::new(),
                isolation: String::new(),
                confidence: String::new(),
                adjusted: String::new(),
                note: String::new(),
            };
            match claim.claim.response {
                ClaimResponse::NonRespondent => {
                    row.note = tsumiki_i18n::t(lang, "imp-non-respondent", &[]);
                }
                ClaimResponse::Estimate {
                    annual_value_minor,
                    isolation_percent,
                    confidence_percent,
                } => {
                    row.annual_value = money(annual_value_minor);
                    row.isolation = format!("{isolation_percent} %");
                    row.confidence = format!("{confidence_percent} %");
                    // Exact in integers: value × i% × c% / 10,000, rounded half up.
                    let adjusted = (i128::from(annual_value_minor)
                        * i128::from(isolation_percent)
                        * i128::from(confidence_percent)
                        + 5_000)
                        / 10_000;
                    row.adjusted = money(i64::try_from(adjusted).unwrap_or(i64::MAX));
                }
            }
            if !consented {
                row.note = tsumiki_i18n::t(lang, "imp-no-consent", &[]);
            }
            row
        })
        .collect();
    let intangibles = state
        .store
        .intangible_benefits(&cohort.id)
        .await?
        .into_iter()
        .map(|benefit| IntangibleRow {
            id: benefit.id,
            text: bilingual(lang, &benefit.text_ja, &benefit.text_en),
        })
        .collect();
    let body = page(&CostsPage {
        tr: Tr(lang),
        chrome: Chrome::new(
            lang,
            Some(user),
            Some(csrf),
            &format!("/cohorts/{}/costs", cohort.id),
        ),
        csrf: csrf.to_owned(),
        tabs: tabs(lang, user, &cohort.id, "/costs"),
        cohort_id: cohort.id.clone(),
        cohort_name: cohort.name.clone(),
        ledger_lead: tsumiki_i18n::t(
            lang,
            "imp-ledger-lead",
            &[("currency", tsumiki_i18n::Arg::from(currency.clone()))],
        ),
        currency: currency.clone(),
        horizon_years: settings.horizon_years,
        costs,
        total: money(i64::try_from(total).unwrap_or(i64::MAX)),
        claims,
        intangibles,
        categories: CostCategory::ALL
            .into_iter()
            .map(|category| Choice {
                value: category.as_str().to_owned(),
                label: tsumiki_i18n::t(lang, &category_message_id(category), &[]),
            })
            .collect(),
        participants: names
            .into_iter()
            .map(|(value, label)| Choice { value, label })
            .collect(),
        horizons: (1..=3_u8)
            .map(|years| {
                let label = tsumiki_i18n::t(
                    lang,
                    "imp-years",
                    &[("years", tsumiki_i18n::Arg::from(i64::from(years)))],
                );
                (years, label)
            })
            .collect(),
        error,
        drafts,
    })?;
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, body).into_response())
}

fn back(id: &str) -> Response {
    Redirect::to(&format!("/cohorts/{id}/costs")).into_response()
}

/// `GET /cohorts/{id}/costs`.
pub async fn show(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let cohort = editable_cohort(&state, &user, &id).await?;
    render(&state, lang, &user, &csrf, &cohort, None, Drafts::default()).await
}

/// `POST /cohorts/{id}/costs/settings`.
pub async fn settings(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Form(form): Form<SettingsForm>,
) -> Result<Response, WebError> {
    let cohort = editable_cohort(&state, &user, &id).await?;
    let currency = form.currency.trim().to_owned();
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_uppercase()) {
        return render(
            &state,
            lang,
            &user,
            &csrf,
            &cohort,
            Some("imp-error-currency"),
            Drafts::default(),
        )
        .await;
    }
    let Some(horizon_years) = form
        .horizon_years
        .trim()
        .parse::<u8>()
        .ok()
        .filter(|years| (1..=3).contains(years))
    else {
        return render(
            &state,
            lang,
            &user,
            &csrf,
            &cohort,
            Some("imp-error-horizon"),
            Drafts::default(),
        )
        .await;
    };
    state
        .store
        .set_cohort_impact_settings(&CohortImpactSettings {
            cohort_id: cohort.id.clone(),
            currency,
            horizon_years,
        })
        .await?;
    Ok(back(&id))
}

/// `POST /cohorts/{id}/costs`: adds a cost line.
pub async fn add_cost(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Form(form): Form<CostForm>,
) -> Result<Response, WebError> {
    let cohort = editable_cohort(&state, &user, &id).await?;
    let settings = state.store.cohort_impact_settings(&cohort.id).await?;
    match form.validate(&cohort.id, &settings.currency, &user.user.id) {
        Ok(entry) => {
            state.store.add_cost_entry(&entry).await?;
            Ok(back(&id))
        }
        Err(error) => {
            let drafts = Drafts {
                cost: form,
                ..Drafts::default()
            };
            render(&state, lang, &user, &csrf, &cohort, Some(error), drafts).await
        }
    }
}

/// `POST /cohorts/{id}/costs/{entry}/delete`.
pub async fn delete_cost(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, entry)): Path<(String, String)>,
) -> Result<Response, WebError> {
    editable_cohort(&state, &user, &id).await?;
    state.store.delete_cost_entry(&id, &entry).await?;
    Ok(back(&id))
}

/// `POST /cohorts/{id}/benefits`: adds a benefit claim.
pub async fn add_claim(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Form(form): Form<ClaimForm>,
) -> Result<Response, WebError> {
    let cohort = editable_cohort(&state, &user, &id).await?;
    let settings = state.store.cohort_impact_settings(&cohort.id).await?;
    let claim = match form.validate(&cohort.id, &settings.currency, &user.user.id) {
        Ok(claim) => claim,
        Err(error) => {
            let drafts = Drafts {
                claim: form,
                ..Drafts::default()
            };
            return render(&state, lang, &user, &csrf, &cohort, Some(error), drafts).await;
        }
    };
    match state.store.add_benefit_claim(&claim).await {
        Ok(_) => Ok(back(&id)),
        Err(tsumiki_store::StoreError::NotFound { .. }) => {
            let drafts = Drafts {
                claim: form,
                ..Drafts::default()
            };
            let error = Some("imp-error-participant");
            render(&state, lang, &user, &csrf, &cohort, error, drafts).await
        }
        Err(error) => Err(error.into()),
    }
}

/// `POST /cohorts/{id}/benefits/{claim}/delete`.
pub async fn delete_claim(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, claim)): Path<(String, String)>,
) -> Result<Response, WebError> {
    editable_cohort(&state, &user, &id).await?;
    state.store.delete_benefit_claim(&id, &claim).await?;
    Ok(back(&id))
}

/// `POST /cohorts/{id}/intangibles`.
pub async fn add_intangible(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    Form(form): Form<IntangibleForm>,
) -> Result<Response, WebError> {
    let cohort = editable_cohort(&state, &user, &id).await?;
    let texts = text_field(&form.text_ja, 1000).and_then(|ja| {
        let en = text_field(&form.text_en, 1000)?;
        if ja.is_empty() && en.is_empty() {
            Err("imp-error-required")
        } else {
            Ok((ja, en))
        }
    });
    match texts {
        Ok((ja, en)) => {
            state.store.add_intangible_benefit(&id, &ja, &en).await?;
            Ok(back(&id))
        }
        Err(error) => {
            let drafts = Drafts {
                intangible: form,
                ..Drafts::default()
            };
            render(&state, lang, &user, &csrf, &cohort, Some(error), drafts).await
        }
    }
}

/// `POST /cohorts/{id}/intangibles/{benefit}/delete`.
pub async fn delete_intangible(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, benefit)): Path<(String, String)>,
) -> Result<Response, WebError> {
    editable_cohort(&state, &user, &id).await?;
    state.store.delete_intangible_benefit(&id, &benefit).await?;
    Ok(back(&id))
}
