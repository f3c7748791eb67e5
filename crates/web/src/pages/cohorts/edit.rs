//! `/cohorts/{id}/edit`: a cohort's name, dates, sponsor and small-group thresholds.
//!
//! Reports read the thresholds from the cohort on every request, so saving here changes what
//! every aggregate shows at once; that is why the floors are enforced here and not left to
//! the reports.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tsumiki_i18n::Lang;
use tsumiki_store::{Cohort, CohortUpdate, OrganisationKind, StoreError};

use super::{load_cohort, parse_date};
use crate::auth::{CsrfToken, CurrentUser, PROGRAMME_ROLES};
use crate::i18n::{ReqLang, Tr};
use crate::pages::achievements::Choice;
use crate::pages::layout::{Chrome, page};
use crate::pages::programmes::fields::Fields;
use crate::pages::programmes::organisation_name;
use crate::{AppState, WebError};

/// The smallest group a report may show: with one respondent a "group" figure is that
/// person's answer, and the 360° code never goes below two either.
pub const MIN_ANONYMITY_THRESHOLD: u32 = 2;

/// What the form shows: the stored cohort, or what was typed when it was refused.
struct FormValues {
    name: String,
    starts_on: String,
    ends_on: String,
    sponsor_id: String,
    anonymity_threshold: String,
    comment_threshold: String,
}

impl FormValues {
    fn of(cohort: &Cohort) -> FormValues {
        FormValues {
            name: cohort.name.clone(),
            starts_on: cohort.starts_on.to_string(),
            ends_on: cohort.ends_on.to_string(),
            sponsor_id: cohort.sponsor_id.clone().unwrap_or_default(),
            anonymity_threshold: cohort.anonymity_threshold.to_string(),
            comment_threshold: cohort.comment_threshold.to_string(),
        }
    }

    fn typed(form: &Fields) -> FormValues {
        FormValues {
            name: form.get("name").to_owned(),
            starts_on: form.get("starts_on").to_owned(),
            ends_on: form.get("ends_on").to_owned(),
            sponsor_id: form.get("sponsor_id").to_owned(),
            anonymity_threshold: form.get("anonymity_threshold").to_owned(),
            comment_threshold: form.get("comment_threshold").to_owned(),
        }
    }
}

#[derive(Template)]
#[template(path = "cohorts_edit.html")]
struct EditPage {
    tr: Tr,
    chrome: Chrome,
    csrf: String,
    id: String,
    cohort_name: String,
    values: FormValues,
    sponsors: Vec<Choice>,
    min_anonymity: u32,
    error: Option<String>,
}

async fn render(
    state: &AppState,
    lang: Lang,
    user: &CurrentUser,
    csrf: &str,
    cohort: &Cohort,
    values: FormValues,
    error: Option<String>,
) -> Result<Response, WebError> {
    let sponsors = state
        .store
        .organisations()
        .await?
        .into_iter()
        .filter(|organisation| organisation.kind == OrganisationKind::Sponsor)
        .map(|organisation| Choice {
            selected: organisation.id == values.sponsor_id,
            label: organisation_name(&organisation, lang),
            value: organisation.id,
        })
        .collect();
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let body = page(&EditPage {
        tr: Tr(lang),
        chrome: Chrome::new(
            lang,
            Some(user),
            Some(csrf),
            &format!("/cohorts/{}/edit", cohort.id),
        ),
        csrf: csrf.to_owned(),
        id: cohort.id.clone(),
        cohort_name: cohort.name.clone(),
        values,
        sponsors,
        min_anonymity: MIN_ANONYMITY_THRESHOLD,
        error,
    })?;
    Ok((status, body).into_response())
}

/// `GET /cohorts/{id}/edit`.
pub async fn form(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    user.require(PROGRAMME_ROLES)?;
    let cohort = load_cohort(&state, &id).await?;
    let values = FormValues::of(&cohort);
    render(&state, lang, &user, &csrf, &cohort, values, None).await
}

/// The update the form asks for, or the message id saying why it is refused.
fn read_update(form: &Fields) -> Result<CohortUpdate, &'static str> {
    let name = form.get("name").trim();
    if name.is_empty() {
        return Err("prog-error-cohort-name");
    }
    let (Some(starts_on), Some(ends_on)) = (
        parse_date(form.get("starts_on")),
        parse_date(form.get("ends_on")),
    ) else {
        return Err("prog-error-cohort-dates");
    };
    if ends_on < starts_on {
        return Err("prog-error-cohort-dates");
    }
    let anonymity_threshold = form
        .get("anonymity_threshold")
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|value| *value >= MIN_ANONYMITY_THRESHOLD)
        .ok_or("prog-error-anonymity-threshold")?;
    let comment_threshold = form
        .get("comment_threshold")
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|value| *value >= anonymity_threshold)
        .ok_or("prog-error-comment-threshold")?;
    Ok(CohortUpdate {
        sponsor_id: form.optional("sponsor_id"),
        name: name.to_owned(),
        starts_on,
        ends_on,
        anonymity_threshold,
        comment_threshold,
    })
}

/// `POST /cohorts/{id}/edit`: saves, or shows the form again (422) with what was typed.
pub async fn save(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    user.require(PROGRAMME_ROLES)?;
    let cohort = load_cohort(&state, &id).await?;
    let form = Fields::parse(&body)?;
    let refuse = |message_id: &str| Some(tsumiki_i18n::t(lang, message_id, &[]));
    let update = match read_update(&form) {
        Ok(update) => update,
        Err(message_id) => {
            let values = FormValues::typed(&form);
            return render(
                &state,
                lang,
                &user,
                &csrf,
                &cohort,
                values,
                refuse(message_id),
            )
            .await;
        }
    };
    match state.store.update_cohort(&id, &update).await {
        Ok(_) => Ok(Redirect::to(&format!("/cohorts/{id}")).into_response()),
        Err(StoreError::NotFound {
            entity: "organisation",
            ..
        }) => {
            let values = FormValues::typed(&form);
            let error = refuse("prog-error-choice");
            render(&state, lang, &user, &csrf, &cohort, values, error).await
        }
        Err(error) => Err(error.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Fields {
        let body = pairs
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&");
        Fields::parse(&Bytes::from(body)).unwrap()
    }

    fn valid() -> Vec<(&'static str, &'static str)> {
        vec![
            ("name", "2026"),
            ("starts_on", "2026-04-01"),
            ("ends_on", "2026-04-01"),
            ("anonymity_threshold", "2"),
            ("comment_threshold", "2"),
        ]
    }

    fn with(field: &'static str, value: &'static str) -> Fields {
        let mut pairs = valid();
        for pair in &mut pairs {
            if pair.0 == field {
                pair.1 = value;
            }
        }
        fields(&pairs)
    }

    #[test]
    fn floors_and_order_are_enforced() {
        let update = read_update(&fields(&valid())).unwrap();
        assert_eq!(
            (update.anonymity_threshold, update.comment_threshold),
            (2, 2)
        );
        assert_eq!(update.sponsor_id, None);
        assert_eq!(
            read_update(&with("ends_on", "2026-03-31")).unwrap_err(),
            "prog-error-cohort-dates"
        );
        assert_eq!(
            read_update(&with("starts_on", "2026-02-30")).unwrap_err(),
            "prog-error-cohort-dates"
        );
        assert_eq!(
            read_update(&with("anonymity_threshold", "1")).unwrap_err(),
            "prog-error-anonymity-threshold"
        );
        assert_eq!(
            read_update(&with("anonymity_threshold", "-3")).unwrap_err(),
            "prog-error-anonymity-threshold"
        );
        assert_eq!(
            read_update(&with("comment_threshold", "1")).unwrap_err(),
            "prog-error-comment-threshold"
        );
        assert_eq!(
            read_update(&with("name", "+")).unwrap_err(),
            "prog-error-cohort-name"
        );
    }
}
