//! `/issue`: issue one credential from the back office. The form carries a one-time
//! submission id; the idempotency key is derived from it and the choices, so pressing the
//! button twice (or the browser re-posting) returns the credential issued the first time.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use rand_core::{OsRng, RngCore as _};
use serde::Deserialize;
use sha2::{Digest as _, Sha256};
use tsumiki_i18n::Lang;
use tsumiki_store::{NewRecipient, Recipient, StoreError};

use crate::auth::{CsrfToken, CurrentUser, ISSUING_ROLES};
use crate::i18n::{ReqLang, Tr};
use crate::issuing::{IssueRequest, RecipientChoice, issue};
use crate::pages::achievements::{Choice, FieldErrors, achievement_name, issuer_name};
use crate::pages::layout::{Chrome, page};
use crate::pages::recipients::looks_like_email;
use crate::{AppState, WebError};

const RECIPIENT_CHOICES: i64 = 1000;

/// The form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct IssueForm {
    /// Random per rendering of the form; the same for a double submit.
    #[serde(default)]
    submission: String,
    #[serde(default)]
    issuer_id: String,
    #[serde(default)]
    achievement_id: String,
    /// An existing recipient, or empty when `email` names a new or known one.
    #[serde(default)]
    recipient_id: String,
    #[serde(default)]
    email: String,
    /// Name for a recipient created from `email`.
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    lang: String,
}

#[derive(Template)]
#[template(path = "issue_one.html")]
struct IssuePage {
    tr: Tr,
    chrome: Chrome,
    csrf: String,
    form: IssueForm,
    issuers: Vec<Choice>,
    achievements: Vec<Choice>,
    recipients: Vec<Choice>,
    languages: Vec<Choice>,
    errors: FieldErrors,
    /// Why the issuing service refused, when it did (its message is technical, so it is
    /// shown under a translated sentence).
    failure: Option<String>,
}

fn new_submission_id() -> String {
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The idempotency key: one per form rendering and choice of issuer, achievement, recipient
/// and language, so a changed choice is a new credential but a repeated post is not.
pub fn idempotency_key(
    submission: &str,
    issuer_id: &str,
    achievement_id: &str,
    recipient: &str,
    lang: Lang,
) -> String {
    let mut hash = Sha256::new();
    for part in [submission, issuer_id, achievement_id, recipient, lang.tag()] {
        hash.update(part.as_bytes());
        hash.update([0u8]);
    }
    format!("ui-issue:{}", hex::encode(hash.finalize()))
}

async fn render(
    state: &AppState,
    lang: Lang,
    user: &CurrentUser,
    csrf: &str,
    form: IssueForm,
    errors: FieldErrors,
    failure: Option<String>,
) -> Result<Response, WebError> {
    let issuers = state.store.issuers().await?;
    let mut achievements = Vec::new();
    for issuer in &issuers {
        for achievement in state.store.achievements(&issuer.id).await? {
            achievements.push(Choice {
                selected: achievement.id == form.achievement_id,
                label: format!(
                    "{} — {}",
                    issuer_name(issuer, lang),
                    achievement_name(&achievement, lang)
                ),
                value: achievement.id,
            });
        }
    }
    let recipients = state
        .store
        .recipients(RECIPIENT_CHOICES, 0)
        .await?
        .into_iter()
        .map(|recipient| Choice {
            selected: recipient.id == form.recipient_id,
            label: recipient.display_name,
            value: recipient.id,
        })
        .collect();
    let languages = Lang::ALL
        .iter()
        .map(|option| Choice {
            value: option.tag().to_owned(),
            label: tsumiki_i18n::t(lang, &format!("web-lang-{}", option.tag()), &[]),
            selected: option.tag() == form.lang,
        })
        .collect();
    let status = if errors.is_empty() && failure.is_none() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let body = page(&IssuePage {
        tr: Tr(lang),
        chrome: Chrome::new(lang, Some(user), Some(csrf), "/issue"),
        csrf: csrf.to_owned(),
        issuers: crate::pages::achievements::issuer_choices(&issuers, lang, &form.issuer_id),
        achievements,
        recipients,
        languages,
        form,
        errors,
        failure,
    })?;
    Ok((status, body).into_response())
}

/// `GET /issue`.
pub async fn form(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, WebError> {
    user.require(ISSUING_ROLES)?;
    let form = IssueForm {
        submission: new_submission_id(),
        lang: lang.tag().to_owned(),
        ..IssueForm::default()
    };
    render(
        &state,
        lang,
        &user,
        &csrf,
        form,
        FieldErrors::default(),
        None,
    )
    .await
}

/// What the form asks for, checked.
struct Checked {
    issuer_id: String,
    achievement_id: String,
    email: Option<String>,
    lang: Lang,
}

async fn check(
    state: &AppState,
    form: &IssueForm,
) -> Result<Result<Checked, FieldErrors>, WebError> {
    let mut errors = FieldErrors::default();
    let submission = form.submission.trim();
    if submission.is_empty() || submission.len() > 64 {
        errors.add("submission", "pages-issue-error-expired");
    }
    let issuer = state
        .store
        .issuers()
        .await?
        .into_iter()
        .find(|issuer| issuer.id == form.issuer_id);
    if issuer.is_none() {
        errors.add("issuer_id", "pages-error-unknown-issuer");
    }
    match state.store.achievement(&form.achievement_id).await {
        Ok(achievement) => {
            if issuer
                .as_ref()
                .is_some_and(|issuer| issuer.id != achievement.details.issuer_id)
            {
                errors.add("achievement_id", "pages-issue-error-other-issuer");
            }
        }
        Err(StoreError::NotFound { .. }) => {
            errors.add("achievement_id", "pages-error-required");
        }
        Err(error) => return Err(error.into()),
    }
    let email = form.email.trim();
    // Exactly one of the two: a chosen recipient or an email address.
    let has_recipient = !form.recipient_id.trim().is_empty();
    if has_recipient != email.is_empty() {
        errors.add("recipient_id", "pages-issue-error-recipient");
    } else if !email.is_empty() && !looks_like_email(email) {
        errors.add("email", "pages-error-email");
    }
    let lang = Lang::from_tag(&form.lang);
    if lang.is_none() {
        errors.add("lang", "pages-error-choice");
    }
    match (errors.is_empty(), lang) {
        (true, Some(lang)) => Ok(Ok(Checked {
            issuer_id: form.issuer_id.clone(),
            achievement_id: form.achievement_id.clone(),
            email: (!email.is_empty()).then(|| email.to_owned()),
            lang,
        })),
        _ => Ok(Err(errors)),
    }
}

/// The recipient named by the form: the chosen one, or the one holding the email, created on
/// first use.
async fn recipient(
    state: &AppState,
    form: &IssueForm,
    email: Option<&str>,
) -> Result<Option<Recipient>, WebError> {
    let Some(email) = email else {
        return match state.store.recipient(form.recipient_id.trim()).await {
            Ok(recipient) => Ok(Some(recipient)),
            Err(StoreError::NotFound { .. }) => Ok(None),
            Err(error) => Err(error.into()),
        };
    };
    if let Some(known) = state.store.recipient_by_identifier("email", email).await? {
        return Ok(Some(known));
    }
    let display_name = match form.display_name.trim() {
        "" => email.to_owned(),
        name => name.to_owned(),
    };
    let new = NewRecipient {
        display_name,
        did: None,
        identifiers: vec![("email".to_owned(), email.to_owned())],
    };
    match state.store.create_recipient(new).await {
        Ok((created, _)) => Ok(Some(created)),
        // A concurrent submit created them first.
        Err(StoreError::AlreadyExists { .. }) => {
            Ok(state.store.recipient_by_identifier("email", email).await?)
        }
        Err(error) => Err(error.into()),
    }
}

/// `POST /issue`: issues (once) and shows the credential's public page.
pub async fn submit(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Form(form): Form<IssueForm>,
) -> Result<Response, WebError> {
    user.require(ISSUING_ROLES)?;
    let checked = match check(&state, &form).await? {
        Ok(checked) => checked,
        Err(errors) => return render(&state, lang, &user, &csrf, form, errors, None).await,
    };
    let Some(recipient) = recipient(&state, &form, checked.email.as_deref()).await? else {
        let mut errors = FieldErrors::default();
        errors.add("recipient_id", "pages-issue-error-recipient");
        return render(&state, lang, &user, &csrf, form, errors, None).await;
    };
    let recipient_ref = match &checked.email {
        Some(email) => format!("email:{}", email.to_lowercase()),
        None => format!("id:{}", recipient.id),
    };
    let request = IssueRequest {
        idempotency_key: idempotency_key(
            form.submission.trim(),
            &checked.issuer_id,
            &checked.achievement_id,
            &recipient_ref,
            checked.lang,
        ),
        issuer_id: checked.issuer_id,
        achievement_id: checked.achievement_id,
        recipient_id: recipient.id,
        recipient: checked
            .email
            .map_or(RecipientChoice::Auto, RecipientChoice::Email),
        issued_at: chrono::Utc::now(),
        lang: checked.lang,
        import_row: None,
    };
    match issue(&state, request).await {
        Ok(issued) => {
            let id = issued.record.id.trim_start_matches("urn:uuid:");
            Ok(Redirect::to(&format!("/c/{id}")).into_response())
        }
        Err(WebError::BadRequest(detail)) => {
            render(
                &state,
                lang,
                &user,
                &csrf,
                form,
                FieldErrors::default(),
                Some(detail),
            )
            .await
        }
        Err(error) => Err(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_changes_with_every_choice_but_not_on_repeat() {
        let key = |s, i, a, r, l| idempotency_key(s, i, a, r, l);
        let base = key("s1", "i", "a", "id:r", Lang::Ja);
        assert_eq!(base, key("s1", "i", "a", "id:r", Lang::Ja));
        assert_ne!(base, key("s2", "i", "a", "id:r", Lang::Ja));
        assert_ne!(base, key("s1", "i", "b", "id:r", Lang::Ja));
        assert_ne!(base, key("s1", "i", "a", "id:q", Lang::Ja));
        assert_ne!(base, key("s1", "i", "a", "id:r", Lang::En));
        // The separator keeps ("ab", "c") apart from ("a", "bc").
        assert_ne!(
            key("ab", "c", "a", "r", Lang::Ja),
            key("a", "bc", "a", "r", Lang::Ja)
        );
    }
}
