//! `/recipients`: the people credentials are issued to. One person may have several
//! identifiers (emails, an employee number) and a DID; an identifier belongs to one person
//! only, so a duplicate is refused before anything is stored.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tsumiki_i18n::Lang;
use tsumiki_store::{NewRecipient, Recipient, StoreError};

use crate::auth::{ALL_ROLES, CsrfToken, CurrentUser, ISSUING_ROLES};
use crate::i18n::{ReqLang, Tr};
use crate::pages::achievements::FieldErrors;
use crate::pages::layout::{Chrome, page};
use crate::{AppState, WebError};

/// The identifier kind of an employee number (the same as bulk import uses).
pub const EMPLOYEE_KIND: &str = "employee_id";
/// How many recipients the list shows; the search narrows them.
const SHOWN: i64 = 200;

struct RecipientRow {
    display_name: String,
    did: String,
    identifiers: String,
}

#[derive(Template)]
#[template(path = "recipients.html")]
struct RecipientsPage {
    tr: Tr,
    chrome: Chrome,
    csrf: String,
    query: String,
    recipients: Vec<RecipientRow>,
    can_create: bool,
    form: RecipientForm,
    errors: FieldErrors,
    /// The identifier another person already has, for the message.
    duplicate: Option<String>,
}

/// The create form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RecipientForm {
    #[serde(default)]
    display_name: String,
    /// One email per line.
    #[serde(default)]
    emails: String,
    #[serde(default)]
    employee_number: String,
    #[serde(default)]
    did: String,
}

/// `?q=` searches names and identifiers.
#[derive(Debug, Default, Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
}

/// True for something shaped like an address (one `@`, a dotted domain, no spaces): the
/// recipient's mail server is the real check, this one catches typing slips.
pub fn looks_like_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// True for `did:<method>:<id>` with a lowercase method.
pub fn looks_like_did(text: &str) -> bool {
    let mut parts = text.splitn(3, ':');
    let (Some("did"), Some(method), Some(id)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !method.is_empty()
        && method
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && !id.is_empty()
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

impl RecipientForm {
    fn identifiers(&self) -> Vec<(String, String)> {
        let mut identifiers: Vec<(String, String)> = self
            .emails
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(|email| ("email".to_owned(), email.to_owned()))
            .collect();
        let number = self.employee_number.trim();
        if !number.is_empty() {
            identifiers.push((EMPLOYEE_KIND.to_owned(), number.to_owned()));
        }
        identifiers
    }

    /// Checks the fields; the identifiers' uniqueness is checked against the store after.
    fn validate(&self) -> Result<NewRecipient, FieldErrors> {
        let mut errors = FieldErrors::default();
        if self.display_name.trim().is_empty() {
            errors.add("display_name", "pages-error-required");
        }
        let identifiers = self.identifiers();
        if identifiers.is_empty() {
            errors.add("emails", "pages-error-identifier-required");
        }
        let mut seen = Vec::new();
        for (kind, value) in &identifiers {
            if kind == "email" && !looks_like_email(value) {
                errors.add("emails", "pages-error-email");
            }
            let normalized = (kind.as_str(), value.to_lowercase());
            if seen.contains(&normalized) {
                errors.add("emails", "pages-error-identifier-repeated");
            }
            seen.push(normalized);
        }
        let did = self.did.trim();
        if !did.is_empty() && !looks_like_did(did) {
            errors.add("did", "pages-error-did");
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(NewRecipient {
            display_name: self.display_name.trim().to_owned(),
            did: (!did.is_empty()).then(|| did.to_owned()),
            identifiers,
        })
    }
}

/// The recipients matching `query`, searched in SQL (name, DID, any identifier), with their
/// identifiers read in one more query for the whole page.
async fn rows(state: &AppState, query: &str) -> Result<Vec<RecipientRow>, WebError> {
    let recipients = state.store.search_recipients(query, SHOWN, 0).await?;
    let ids: Vec<String> = recipients
        .iter()
        .map(|recipient| recipient.id.clone())
        .collect();
    let identifiers = state.store.identifiers_of_recipients(&ids).await?;
    Ok(recipients
        .into_iter()
        .map(|recipient| {
            let own: Vec<_> = identifiers
                .iter()
                .filter(|identifier| identifier.recipient_id == recipient.id)
                .cloned()
                .collect();
            row(recipient, &own)
        })
        .collect())
}

fn row(recipient: Recipient, identifiers: &[tsumiki_store::RecipientIdentifier]) -> RecipientRow {
    RecipientRow {
        display_name: recipient.display_name,
        did: recipient.did.unwrap_or_default(),
        identifiers: identifiers
            .iter()
            .map(|identifier| identifier.value.clone())
            .collect::<Vec<_>>()
            .join(", "),
    }
}

struct Rendering {
    form: RecipientForm,
    errors: FieldErrors,
    duplicate: Option<String>,
    status: StatusCode,
}

async fn render(
    state: &AppState,
    lang: Lang,
    user: &CurrentUser,
    csrf: &str,
    query: String,
    rendering: Rendering,
) -> Result<Response, WebError> {
    let body = page(&RecipientsPage {
        tr: Tr(lang),
        chrome: Chrome::new(lang, Some(user), Some(csrf), "/recipients"),
        csrf: csrf.to_owned(),
        recipients: rows(state, &query).await?,
        query,
        can_create: user.require(ISSUING_ROLES).is_ok(),
        form: rendering.form,
        errors: rendering.errors,
        duplicate: rendering.duplicate,
    })?;
    Ok((rendering.status, body).into_response())
}

/// `GET /recipients`.
pub async fn list(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Query(search): Query<SearchQuery>,
) -> Result<Response, WebError> {
    user.require(ALL_ROLES)?;
    let rendering = Rendering {
        form: RecipientForm::default(),
        errors: FieldErrors::default(),
        duplicate: None,
        status: StatusCode::OK,
    };
    render(&state, lang, &user, &csrf, search.q, rendering).await
}

/// `POST /recipients`.
pub async fn create(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Form(form): Form<RecipientForm>,
) -> Result<Response, WebError> {
    user.require(ISSUING_ROLES)?;
    let refuse = |form: RecipientForm, errors: FieldErrors, duplicate, status| Rendering {
        form,
        errors,
        duplicate,
        status,
    };
    let new = match form.validate() {
        Ok(new) => new,
        Err(errors) => {
            let rendering = refuse(form, errors, None, StatusCode::UNPROCESSABLE_ENTITY);
            return render(&state, lang, &user, &csrf, String::new(), rendering).await;
        }
    };
    for (kind, value) in &new.identifiers {
        if state
            .store
            .recipient_by_identifier(kind, value)
            .await?
            .is_some()
        {
            let mut errors = FieldErrors::default();
            errors.add("emails", "pages-error-identifier-taken");
            let rendering = refuse(form, errors, Some(value.clone()), StatusCode::CONFLICT);
            return render(&state, lang, &user, &csrf, String::new(), rendering).await;
        }
    }
    match state.store.create_recipient(new).await {
        Ok(_) => Ok(Redirect::to("/recipients").into_response()),
        // Another request took an identifier between the check and the insert.
        Err(StoreError::AlreadyExists { .. }) => {
            let mut errors = FieldErrors::default();
            errors.add("emails", "pages-error-identifier-taken");
            let rendering = refuse(form, errors, None, StatusCode::CONFLICT);
            render(&state, lang, &user, &csrf, String::new(), rendering).await
        }
        Err(error) => Err(error.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_and_did_shapes() {
        assert!(looks_like_email("hanako@example.ac.jp"));
        assert!(!looks_like_email("hanako@localhost"));
        assert!(!looks_like_email("hanako example@example.jp"));
        assert!(!looks_like_email("a@b@example.jp"));
        assert!(looks_like_did(
            "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
        ));
        assert!(!looks_like_did("did:Key:z6Mk"));
        assert!(!looks_like_did("https://example.org"));
        assert!(!looks_like_did("did:web:"));
    }

    #[test]
    fn repeated_identifiers_in_one_form_are_refused() {
        let form = RecipientForm {
            display_name: "山田 花子".into(),
            emails: "Hanako@example.ac.jp\nhanako@example.ac.jp".into(),
            ..RecipientForm::default()
        };
        let errors = form.validate().unwrap_err();
        assert_eq!(
            errors.get("emails"),
            Some("pages-error-identifier-repeated")
        );
    }
}
