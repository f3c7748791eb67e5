//! `/`: what the platform holds at a glance: issuers, how many achievements, recent credentials.

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse as _, Redirect, Response};
use tsumiki_i18n::Lang;

use crate::auth::{ALL_ROLES, CsrfToken, CurrentUser, Role};
use crate::i18n::{ReqLang, Tr};
use crate::pages::layout::{Chrome, page};
use crate::{AppState, WebError};

/// How many recent credentials the dashboard lists.
const RECENT: usize = 10;

struct IssuerRow {
    name: String,
    slug: String,
    identifier: String,
    achievements: usize,
}

struct CredentialRow {
    id: String,
    issuer: String,
    achievement: String,
    issued_at: String,
    state_label: String,
    state_class: &'static str,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    tr: Tr,
    chrome: Chrome,
    issuers: Vec<IssuerRow>,
    achievement_total: usize,
    recent: Vec<CredentialRow>,
}

fn pick<'a>(lang: Lang, ja: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Ja if !ja.is_empty() => ja,
        Lang::En if !en.is_empty() => en,
        _ if ja.is_empty() => en,
        _ => ja,
    }
}

/// `GET /`.
pub async fn show(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
) -> Result<Response, WebError> {
    // People outside the back office start on their own page instead of a 403.
    match user.role {
        Role::Participant => return Ok(Redirect::to("/me").into_response()),
        Role::SponsorViewer => return Ok(Redirect::to("/sponsor").into_response()),
        _ => {}
    }
    user.require(ALL_ROLES)?;
    let issuers = state.store.issuers().await?;
    let mut rows = Vec::with_capacity(issuers.len());
    let mut achievement_names = HashMap::new();
    let mut recent = Vec::new();
    for issuer in &issuers {
        let achievements = state.store.achievements(&issuer.id).await?;
        for achievement in &achievements {
            achievement_names.insert(
                achievement.id.clone(),
                pick(
                    lang,
                    &achievement.details.name_ja,
                    &achievement.details.name_en,
                )
                .to_owned(),
            );
        }
        rows.push(IssuerRow {
            name: pick(lang, &issuer.name_ja, &issuer.name_en).to_owned(),
            slug: issuer.slug.clone(),
            identifier: issuer.identifier.clone(),
            achievements: achievements.len(),
        });
        let credentials = state
            .store
            .credentials_of_issuer(&issuer.id, RECENT as i64, 0)
            .await?;
        recent.extend(
            credentials
                .into_iter()
                .map(|credential| (credential, rows.len() - 1)),
        );
    }
    recent.sort_by(|(a, _), (b, _)| b.issued_at.cmp(&a.issued_at).then(a.id.cmp(&b.id)));
    recent.truncate(RECENT);
    let recent = recent
        .into_iter()
        .map(|(credential, issuer_row)| {
            let (state_id, state_class) = match credential.state {
                tsumiki_store::CredentialState::Active => ("web-state-active", "ok"),
                tsumiki_store::CredentialState::Suspended => ("web-state-suspended", "warn"),
                tsumiki_store::CredentialState::Revoked => ("web-state-revoked", "bad"),
            };
            CredentialRow {
                issuer: rows
                    .get(issuer_row)
                    .map(|row| row.name.clone())
                    .unwrap_or_default(),
                achievement: achievement_names
                    .get(&credential.achievement_id)
                    .cloned()
                    .unwrap_or_default(),
                issued_at: credential
                    .issued_at
                    .format("%Y-%m-%d %H:%M UTC")
                    .to_string(),
                state_label: tsumiki_i18n::t(lang, state_id, &[]),
                state_class,
                // The public page is addressed by the bare UUID of `urn:uuid:<uuid>`.
                id: credential
                    .id
                    .strip_prefix("urn:uuid:")
                    .unwrap_or(&credential.id)
                    .to_owned(),
            }
        })
        .collect();
    let achievement_total = rows.iter().map(|row| row.achievements).sum();
    Ok(page(&DashboardPage {
        tr: Tr(lang),
        chrome: Chrome::new(lang, Some(&user), Some(&csrf), "/"),
        issuers: rows,
        achievement_total,
        recent,
    })?
    .into_response())
}
