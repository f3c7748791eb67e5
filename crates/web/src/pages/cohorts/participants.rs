//! `/cohorts/{id}/participants`: enrolment (an existing recipient or a new one), the
//! attributes diversity figures use, and APPI consent recorded and withdrawn per purpose.

use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use tsumiki_i18n::Lang;
use tsumiki_store::{
    CONSENT_CREDENTIAL_ISSUING, CONSENT_EVALUATION, CONSENT_PROGRAMME_DELIVERY, CONSENT_PURPOSES,
    Consent, LanguageSkill, NewParticipant, NewRecipient, StoreError,
};

use super::load_cohort;
use crate::auth::{ASSESSOR_ROLES, CsrfToken, CurrentUser, PROGRAMME_ROLES};
use crate::i18n::{ReqLang, Tr};
use crate::pages::achievements::Choice;
use crate::pages::layout::{Chrome, page};
use crate::pages::programmes::fields::Fields;
use crate::pages::recipients::looks_like_email;
use crate::{AppState, WebError};

const PROFICIENCIES: [&str; 7] = ["A1", "A2", "B1", "B2", "C1", "C2", "native"];

/// Reads "ja:native, en:B2" (commas, 、 or new lines between items; `:` or a space inside).
/// `None` when an item is not a language tag with a CEFR level or `native`.
pub fn parse_languages(text: &str) -> Option<Vec<LanguageSkill>> {
    let mut skills = Vec::new();
    for item in text
        .split([',', '、', '\n', ';'])
        .map(str::trim)
        .filter(|item| !item.is_empty())
    {
        let (language, proficiency) = item
            .split_once(':')
            .or_else(|| item.split_once(' '))
            .map(|(l, p)| (l.trim(), p.trim()))?;
        let tag_ok = !language.is_empty()
            && language.len() <= 35
            && language
                .split('-')
                .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric()));
        let proficiency = PROFICIENCIES
            .iter()
            .find(|known| known.eq_ignore_ascii_case(proficiency))?;
        if !tag_ok {
            return None;
        }
        skills.push(LanguageSkill {
            language: language.to_owned(),
            proficiency: (*proficiency).to_owned(),
        });
    }
    Some(skills)
}

fn languages_text(skills: &[LanguageSkill]) -> String {
    skills
        .iter()
        .map(|skill| format!("{}:{}", skill.language, skill.proficiency))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The Fluent ids of a purpose's short label and of what it covers (APPI: the purpose of use
/// must be stated to the person); `None` for a purpose the pages do not offer.
pub fn purpose_labels(purpose: &str) -> Option<(&'static str, &'static str)> {
    match purpose {
        CONSENT_EVALUATION => Some(("prog-purpose-evaluation", "prog-purpose-evaluation-help")),
        CONSENT_PROGRAMME_DELIVERY => Some(("prog-purpose-delivery", "prog-purpose-delivery-help")),
        CONSENT_CREDENTIAL_ISSUING => Some(("prog-purpose-issuing", "prog-purpose-issuing-help")),
        _ => None,
    }
}

/// A purpose with its bilingual label and explanation.
struct PurposeInfo {
    value: &'static str,
    label: String,
    help: String,
}

fn purposes(lang: Lang) -> Vec<PurposeInfo> {
    CONSENT_PURPOSES
        .iter()
        .filter_map(|purpose| {
            let (label, help) = purpose_labels(purpose)?;
            Some(PurposeInfo {
                value: purpose,
                label: tsumiki_i18n::t(lang, label, &[]),
                help: tsumiki_i18n::t(lang, help, &[]),
            })
        })
        .collect()
}

/// One participant's consent for one purpose: its latest record, as text, and whether it
/// holds now.
struct ConsentCell {
    purpose: &'static str,
    status: String,
    consenting: bool,
}

fn consent_cell(lang: Lang, consents: &[Consent], purpose: &'static str) -> ConsentCell {
    let date = |at: &chrono::DateTime<Utc>| at.format("%Y-%m-%d").to_string();
    let latest = consents
        .iter()
        .rev()
        .find(|consent| consent.purpose == purpose);
    let (status, consenting) = match latest {
        Some(consent) => match &consent.withdrawn_at {
            None => (
                tsumiki_i18n::t(
                    lang,
                    "prog-consent-given",
                    &[("date", date(&consent.granted_at).as_str().into())],
                ),
                true,
            ),
            Some(withdrawn) => (
                tsumiki_i18n::t(
                    lang,
                    "prog-consent-withdrawn",
                    &[("date", date(withdrawn).as_str().into())],
                ),
                false,
            ),
        },
        None => (tsumiki_i18n::t(lang, "prog-consent-none", &[]), false),
    };
    ConsentCell {
        purpose,
        status,
        consenting,
    }
}

struct ParticipantRow {
    id: String,
    name: String,
    nationality: String,
    job_function: String,
    industry: String,
    role_level: String,
    languages: String,
    gender: String,
    consents: Vec<ConsentCell>,
}

#[derive(Template)]
#[template(path = "cohorts_participants.html")]
struct ParticipantsPage {
    tr: Tr,
    chrome: Chrome,
    csrf: String,
    cohort_id: String,
    cohort_name: String,
    can_edit: bool,
    participants: Vec<ParticipantRow>,
    purposes: Vec<PurposeInfo>,
    recipients: Vec<Choice>,
    error: Option<String>,
}

async fn render(
    state: &AppState,
    lang: Lang,
    user: &CurrentUser,
    csrf: &str,
    cohort_id: &str,
    error: Option<String>,
) -> Result<Response, WebError> {
    let cohort = load_cohort(state, cohort_id).await?;
    let mut participants = Vec::new();
    for participant in state.store.participants(cohort_id).await? {
        let name = state
            .store
            .recipient(&participant.recipient_id)
            .await?
            .display_name;
        let consents = state.store.consents(&participant.id).await?;
        let consents = CONSENT_PURPOSES
            .iter()
            .map(|purpose| consent_cell(lang, &consents, purpose))
            .collect();
        participants.push(ParticipantRow {
            id: participant.id,
            name,
            nationality: participant.nationality,
            job_function: participant.job_function,
            industry: participant.industry,
            role_level: participant.role_level,
            languages: languages_text(&participant.languages),
            gender: participant.gender.unwrap_or_default(),
            consents,
        });
    }
    let can_edit = PROGRAMME_ROLES.contains(&user.role);
    let recipients = if can_edit {
        state
            .store
            .recipients(1000, 0)
            .await?
            .into_iter()
            .map(|recipient| Choice {
                value: recipient.id,
                label: recipient.display_name,
                selected: false,
            })
            .collect()
    } else {
        Vec::new()
    };
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let body = page(&ParticipantsPage {
        tr: Tr(lang),
        chrome: Chrome::new(
            lang,
            Some(user),
            Some(csrf),
            &format!("/cohorts/{cohort_id}/participants"),
        ),
        csrf: csrf.to_owned(),
        cohort_id: cohort_id.to_owned(),
        cohort_name: cohort.name,
        can_edit,
        participants,
        purposes: purposes(lang),
        recipients,
        error,
    })?;
    Ok((status, body).into_response())
}

/// `GET /cohorts/{id}/participants`.
pub async fn list(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    user.require(ASSESSOR_ROLES)?;
    render(&state, lang, &user, &csrf, &id, None).await
}

/// The recipient the form names: the chosen one, or the holder of the email (created on
/// first use). `Err(message id)` when neither or both are given.
async fn recipient_id(
    state: &AppState,
    form: &Fields,
) -> Result<Result<String, &'static str>, WebError> {
    let chosen = form.get("recipient_id");
    let email = form.get("email");
    if chosen.is_empty() == email.is_empty() {
        return Ok(Err("prog-error-recipient"));
    }
    if !chosen.is_empty() {
        return match state.store.recipient(chosen).await {
            Ok(recipient) => Ok(Ok(recipient.id)),
            Err(StoreError::NotFound { .. }) => Ok(Err("prog-error-recipient")),
            Err(error) => Err(error.into()),
        };
    }
    if !looks_like_email(email) {
        return Ok(Err("prog-error-email"));
    }
    if let Some(known) = state.store.recipient_by_identifier("email", email).await? {
        return Ok(Ok(known.id));
    }
    let display_name = match form.get("display_name") {
        "" => email.to_owned(),
        name => name.to_owned(),
    };
    match state
        .store
        .create_recipient(NewRecipient {
            display_name,
            did: None,
            identifiers: vec![("email".to_owned(), email.to_owned())],
        })
        .await
    {
        Ok((created, _)) => Ok(Ok(created.id)),
        Err(StoreError::AlreadyExists { .. }) => Ok(state
            .store
            .recipient_by_identifier("email", email)
            .await?
            .map(|r| r.id)
            .ok_or("prog-error-recipient")),
        Err(error) => Err(error.into()),
    }
}

/// `POST /cohorts/{id}/participants`: enrols one person, recording consent if ticked.
pub async fn enrol(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    user.require(PROGRAMME_ROLES)?;
    load_cohort(&state, &id).await?;
    let form = Fields::parse(&body)?;
    let fail = |message_id: &str| Some(tsumiki_i18n::t(lang, message_id, &[]));
    let Some(languages) = parse_languages(form.get("languages")) else {
        return render(
            &state,
            lang,
            &user,
            &csrf,
            &id,
            fail("prog-error-languages"),
        )
        .await;
    };
    let required = ["nationality", "job_function", "industry", "role_level"];
    if required.iter().any(|field| form.get(field).is_empty()) {
        return render(
            &state,
            lang,
            &user,
            &csrf,
            &id,
            fail("prog-error-attributes"),
        )
        .await;
    }
    let recipient_id = match recipient_id(&state, &form).await? {
        Ok(recipient_id) => recipient_id,
        Err(message_id) => return render(&state, lang, &user, &csrf, &id, fail(message_id)).await,
    };
    let enrolled = state
        .store
        .enroll_participant(&NewParticipant {
            cohort_id: id.clone(),
            recipient_id,
            nationality: form.get("nationality").to_uppercase(),
            job_function: form.get("job_function").to_owned(),
            industry: form.get("industry").to_owned(),
            role_level: form.get("role_level").to_owned(),
            languages,
            gender: form.optional("gender"),
        })
        .await;
    let participant = match enrolled {
        Ok(participant) => participant,
        Err(StoreError::AlreadyExists { .. }) => {
            return render(&state, lang, &user, &csrf, &id, fail("prog-error-enrolled")).await;
        }
        Err(error) => return Err(error.into()),
    };
    for purpose in CONSENT_PURPOSES {
        if form.get(&format!("consent_{purpose}")) == "yes" {
            state
                .store
                .record_consent(&participant.id, purpose, Utc::now())
                .await?;
        }
    }
    Ok(Redirect::to(&format!("/cohorts/{id}/participants")).into_response())
}

/// `POST /cohorts/{id}/participants/{participant}/consent` with `action=grant|withdraw` and
/// one of [`CONSENT_PURPOSES`] (evaluation when absent, as older forms sent none).
pub async fn consent(
    State(state): State<AppState>,
    user: CurrentUser,
    Path((id, participant_id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    user.require(PROGRAMME_ROLES)?;
    let participant = state
        .store
        .participant(&participant_id)
        .await?
        .filter(|participant| participant.cohort_id == id)
        .ok_or(WebError::NotFound)?;
    let form = Fields::parse(&body)?;
    let purpose = match form.get("purpose") {
        "" => CONSENT_EVALUATION,
        purpose => CONSENT_PURPOSES
            .into_iter()
            .find(|known| *known == purpose)
            .ok_or_else(|| WebError::BadRequest("unknown consent purpose".to_owned()))?,
    };
    match form.get("action") {
        "grant" => {
            state
                .store
                .record_consent(&participant.id, purpose, Utc::now())
                .await?
        }
        "withdraw" => {
            state
                .store
                .withdraw_consent(&participant.id, purpose, Utc::now())
                .await?
        }
        _ => {
            return Err(WebError::BadRequest(
                "action must be grant or withdraw".to_owned(),
            ));
        }
    }
    Ok(Redirect::to(&format!("/cohorts/{id}/participants")).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_read_with_cefr_levels() {
        let skills = parse_languages("ja:native、en b2\nzh-Hant:A1").unwrap();
        let text: Vec<(String, String)> = skills
            .into_iter()
            .map(|s| (s.language, s.proficiency))
            .collect();
        assert_eq!(
            text,
            [
                ("ja".to_owned(), "native".to_owned()),
                ("en".to_owned(), "B2".to_owned()),
                ("zh-Hant".to_owned(), "A1".to_owned())
            ]
        );
        assert_eq!(parse_languages("").unwrap(), []);
        assert!(parse_languages("ja").is_none());
        assert!(parse_languages("ja:fluent").is_none());
        assert!(parse_languages("<b>:B2").is_none());
    }

    #[test]
    fn every_offered_purpose_has_labels_in_both_languages() {
        for purpose in CONSENT_PURPOSES {
            let (label, help) = purpose_labels(purpose).unwrap();
            for lang in [Lang::Ja, Lang::En] {
                for id in [label, help] {
                    let text = tsumiki_i18n::t(lang, id, &[]);
                    assert!(!text.is_empty() && text != id, "{id} in {lang:?}");
                }
            }
        }
        assert_eq!(purpose_labels("marketing"), None);
    }
}
