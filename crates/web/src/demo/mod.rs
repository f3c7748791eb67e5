//! `tsumiki serve --demo`: a sample school with credentials to look at, made through the real
//! issuing service so every demo credential is signed, has status entries and verifies.
//!
//! Seeding happens only on a store without issuers (or one that already holds the demo
//! issuer): a real deployment started with `--demo` by mistake gets nothing added. Every step
//! finds what an earlier run made before creating anything — achievements by name, learners
//! by email, credentials by idempotency key, status changes by the credential's state — so a
//! second run, or a run after a crash half-way, ends with exactly one set.

mod catalog;
mod images;
mod ledger;
mod people;
pub mod programme;
mod rounds;

use tsumiki_i18n::Lang;
use tsumiki_store::{
    Achievement, CredentialState, IdentifierKind, Issuer, NewRecipient, StatusAction, StoreError,
};

use crate::issuer_keys::{IssuerRequest, new_issuer};
use crate::issuing::{IssueRequest, RecipientChoice, issue};
use crate::{AppState, WebError};
use catalog::{AWARDS, Afterwards, LEARNERS};

/// What [`seed`] found or made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSummary {
    /// The demo issuer's slug; `None` when the store belongs to someone else (it already had
    /// other issuers), in which case nothing was seeded.
    pub issuer_slug: Option<String>,
    /// Public pages of the demo credentials, in a stable order.
    pub credential_urls: Vec<String>,
    /// Credentials this call issued (0 on a second run).
    pub newly_issued: usize,
}

/// Seeds the demo school (see the module docs for when and how often).
pub async fn seed(state: &AppState) -> Result<DemoSummary, WebError> {
    let Some(issuer) = demo_issuer(state).await? else {
        return Ok(DemoSummary::default());
    };
    let achievements = demo_achievements(state, &issuer).await?;
    let mut learners = Vec::with_capacity(LEARNERS.len());
    for learner in &LEARNERS {
        learners.push(demo_learner(state, learner).await?);
    }
    let mut summary = DemoSummary {
        issuer_slug: Some(issuer.slug.clone()),
        ..DemoSummary::default()
    };
    for (number, award) in AWARDS.iter().enumerate() {
        let (Some(achievement), Some((recipient_id, email))) =
            (achievements.get(award.course), learners.get(award.learner))
        else {
            return Err(WebError::Internal(format!(
                "demo award {number} is inconsistent"
            )));
        };
        let issued = issue(
            state,
            IssueRequest {
                issuer_id: issuer.id.clone(),
                achievement_id: achievement.id.clone(),
                recipient_id: recipient_id.clone(),
                recipient: RecipientChoice::Email(email.clone()),
                idempotency_key: format!("demo:{}:{number}", issuer.id),
                issued_at: catalog::issued_at(award),
                lang: Lang::Ja,
                import_row: None,
            },
        )
        .await?;
        if issued.newly_issued {
            summary.newly_issued += 1;
        }
        let action = match award.afterwards {
            Afterwards::Nothing => None,
            Afterwards::Revoke => Some((StatusAction::Revoke, catalog::REVOKE_REASON)),
            Afterwards::Suspend => Some((StatusAction::Suspend, catalog::SUSPEND_REASON)),
        };
        if let Some((action, reason)) = action
            && issued.record.state == CredentialState::Active
        {
            state
                .store
                .change_credential_status(
                    &issued.record.id,
                    action,
                    reason,
                    None,
                    chrono::Utc::now(),
                )
                .await?;
        }
        summary.credential_urls.push(format!(
            "{}/c/{}",
            state.base_url,
            issued.record.id.trim_start_matches("urn:uuid:")
        ));
    }
    seed_programmes(state).await?;
    Ok(summary)
}

/// Hook for issue 4 (programmes, cohorts, feedback): seeds the demo school's leadership
/// programme, its cohort of twenty with two closed 360° rounds, KPIs, ledger and completions
/// (see [`programme`]). Called at the end of [`seed`], after the credentials, so it may refer
/// to them; idempotent in the same way (find before create).
pub async fn seed_programmes(state: &AppState) -> Result<(), WebError> {
    let Some(issuer) = demo_issuer(state).await? else {
        return Ok(());
    };
    let achievements = demo_achievements(state, &issuer).await?;
    let demo = programme::seed(state, &issuer, &achievements, chrono::Utc::now()).await?;
    rounds::seed(state, &demo.cohort, &demo.participants).await?;
    ledger::seed(state, &demo.programme, &demo.cohort, &demo.participants).await?;
    Ok(())
}

/// The demo issuer: found by slug, created on an empty store, `None` on someone else's.
async fn demo_issuer(state: &AppState) -> Result<Option<Issuer>, WebError> {
    let issuers = state.store.issuers().await?;
    if let Some(issuer) = issuers
        .iter()
        .find(|issuer| issuer.slug == catalog::ISSUER_SLUG)
    {
        return Ok(Some(issuer.clone()));
    }
    if !issuers.is_empty() {
        return Ok(None);
    }
    let new = new_issuer(
        &state.base_url,
        IssuerRequest {
            slug: catalog::ISSUER_SLUG.to_owned(),
            name_ja: catalog::ISSUER_NAME_JA.to_owned(),
            name_en: catalog::ISSUER_NAME_EN.to_owned(),
            url: catalog::ISSUER_URL.to_owned(),
            kind: IdentifierKind::DidWeb,
        },
    )?;
    match state.store.create_issuer(new, &state.master_key).await {
        Ok(issuer) => Ok(Some(issuer)),
        // Two servers seeding the same database at once: take the one that won.
        Err(StoreError::AlreadyExists { .. }) => Ok(Some(
            state.store.issuer_by_slug(catalog::ISSUER_SLUG).await?,
        )),
        Err(error) => Err(error.into()),
    }
}

/// The demo achievements in catalogue order, created where missing (matched by English name).
async fn demo_achievements(
    state: &AppState,
    issuer: &Issuer,
) -> Result<Vec<Achievement>, WebError> {
    let existing = state.store.achievements(&issuer.id).await?;
    let mut found = Vec::new();
    for new in catalog::achievements(&issuer.id) {
        match existing
            .iter()
            .find(|achievement| achievement.details.name_en == new.name_en)
        {
            Some(achievement) => found.push(achievement.clone()),
            None => found.push(state.store.create_achievement(new).await?),
        }
    }
    Ok(found)
}

/// The learner's recipient id and email, created where missing.
async fn demo_learner(
    state: &AppState,
    learner: &catalog::Learner,
) -> Result<(String, String), WebError> {
    let email = learner.email.to_owned();
    if let Some(recipient) = state.store.recipient_by_identifier("email", &email).await? {
        return Ok((recipient.id, email));
    }
    let mut identifiers = vec![("email".to_owned(), email.clone())];
    if let Some(number) = learner.employee_number {
        identifiers.push(("employee_id".to_owned(), number.to_owned()));
    }
    let created = state
        .store
        .create_recipient(NewRecipient {
            display_name: learner.name.to_owned(),
            did: None,
            identifiers,
        })
        .await;
    match created {
        Ok((recipient, _)) => Ok((recipient.id, email)),
        Err(StoreError::AlreadyExists { .. }) => state
            .store
            .recipient_by_identifier("email", &email)
            .await?
            .map(|recipient| (recipient.id, email))
            .ok_or(WebError::NotFound),
        Err(error) => Err(error.into()),
    }
}
