//! `GET /admin/credentials`: issued credentials, newest first, 50 to a page, with a text
//! search and issuer / achievement / state filters that all run in SQL.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Html;
use serde::Deserialize;
use tsumiki_i18n::{Arg, Lang};
use tsumiki_store::{CredentialQuery, CredentialState};

use crate::auth::{ALL_ROLES, CsrfToken, CurrentUser};
use crate::i18n::{ReqLang, Tr};
use crate::pages::credentials::{LIST_PATH, detail_path, pick, state_label};
use crate::pages::layout::{Chrome, page};
use crate::pages::percent_encode;
use crate::{AppState, WebError};

/// Rows per page.
pub const PAGE_SIZE: i64 = 50;
/// Longest search text used; the rest is ignored rather than sent to SQL.
const MAX_QUERY_CHARS: usize = 200;

/// The list's query string. Every field is text so that a hand-edited URL with a bad value
/// shows the unfiltered list instead of a 400 page.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    issuer: String,
    #[serde(default)]
    achievement: String,
    #[serde(default)]
    state: String,
    #[serde(default)]
    page: String,
}

/// The filters as understood: what the form shows and what the store is asked.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Filters {
    text: String,
    issuer: Option<String>,
    achievement: Option<String>,
    state: Option<CredentialState>,
    /// 1-based.
    page: i64,
}

fn non_empty(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

fn parse_state(text: &str) -> Option<CredentialState> {
    match text.trim() {
        "active" => Some(CredentialState::Active),
        "suspended" => Some(CredentialState::Suspended),
        "revoked" => Some(CredentialState::Revoked),
        _ => None,
    }
}

impl Filters {
    fn from_query(query: &ListQuery) -> Filters {
        Filters {
            text: query.q.trim().chars().take(MAX_QUERY_CHARS).collect(),
            issuer: non_empty(&query.issuer),
            achievement: non_empty(&query.achievement),
            state: parse_state(&query.state),
            page: query
                .page
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|page| (1..=1_000_000).contains(page))
                .unwrap_or(1),
        }
    }

    fn store_query(&self) -> CredentialQuery {
        CredentialQuery {
            text: self.text.clone(),
            issuer_id: self.issuer.clone(),
            achievement_id: self.achievement.clone(),
            state: self.state,
            limit: PAGE_SIZE,
            offset: (self.page - 1) * PAGE_SIZE,
        }
    }

    /// Whether anything narrows the list (the page then offers to clear the filters).
    fn is_filtered(&self) -> bool {
        !self.text.is_empty()
            || self.issuer.is_some()
            || self.achievement.is_some()
            || self.state.is_some()
    }

    /// The list URL with these filters on `page`.
    fn url(&self, page: i64) -> String {
        let mut pairs = Vec::new();
        if !self.text.is_empty() {
            pairs.push(format!("q={}", percent_encode(&self.text)));
        }
        if let Some(issuer) = &self.issuer {
            pairs.push(format!("issuer={}", percent_encode(issuer)));
        }
        if let Some(achievement) = &self.achievement {
            pairs.push(format!("achievement={}", percent_encode(achievement)));
        }
        if let Some(state) = self.state {
            pairs.push(format!("state={}", state.as_str()));
        }
        if page > 1 {
            pairs.push(format!("page={page}"));
        }
        if pairs.is_empty() {
            LIST_PATH.to_owned()
        } else {
            format!("{LIST_PATH}?{}", pairs.join("&"))
        }
    }
}

/// Pages needed for `total` rows (at least one, so "page 1 of 1" reads right when empty).
fn page_count(total: i64) -> i64 {
    ((total.max(0) + PAGE_SIZE - 1) / PAGE_SIZE).max(1)
}

struct Choice {
    value: String,
    label: String,
    selected: bool,
}

struct Row {
    href: String,
    recipient: String,
    achievement: String,
    issuer: String,
    issued_at: String,
    state_label: String,
    state_class: &'static str,
}

#[derive(Template)]
#[template(path = "credentials.html")]
struct ListPage {
    tr: Tr,
    chrome: Chrome,
    query: String,
    issuers: Vec<Choice>,
    achievements: Vec<Choice>,
    states: Vec<Choice>,
    rows: Vec<Row>,
    total_label: String,
    position_label: String,
    previous: Option<String>,
    next: Option<String>,
    filtered: bool,
}

async fn issuer_and_achievement_choices(
    state: &AppState,
    lang: Lang,
    filters: &Filters,
) -> Result<(Vec<Choice>, Vec<Choice>), WebError> {
    let mut issuers = Vec::new();
    let mut achievements = Vec::new();
    for issuer in state.store.issuers().await? {
        let issuer_name = pick(lang, &issuer.name_ja, &issuer.name_en);
        for achievement in state.store.achievements(&issuer.id).await? {
            let name = pick(
                lang,
                &achievement.details.name_ja,
                &achievement.details.name_en,
            );
            achievements.push(Choice {
                selected: filters.achievement.as_deref() == Some(achievement.id.as_str()),
                value: achievement.id,
                label: format!("{name} ({issuer_name})"),
            });
        }
        issuers.push(Choice {
            selected: filters.issuer.as_deref() == Some(issuer.id.as_str()),
            value: issuer.id,
            label: issuer_name,
        });
    }
    Ok((issuers, achievements))
}

fn state_choices(lang: Lang, filters: &Filters) -> Vec<Choice> {
    [
        CredentialState::Active,
        CredentialState::Suspended,
        CredentialState::Revoked,
    ]
    .into_iter()
    .map(|choice| Choice {
        value: choice.as_str().to_owned(),
        label: tsumiki_i18n::t(lang, state_label(choice).0, &[]),
        selected: filters.state == Some(choice),
    })
    .collect()
}

/// `GET /admin/credentials`.
pub async fn show(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    user: CurrentUser,
    CsrfToken(csrf): CsrfToken,
    Query(query): Query<ListQuery>,
) -> Result<Html<String>, WebError> {
    user.require(ALL_ROLES)?;
    let filters = Filters::from_query(&query);
    let found = state
        .store
        .search_credentials(&filters.store_query())
        .await?;
    let pages = page_count(found.total);
    let (issuers, achievements) = issuer_and_achievement_choices(&state, lang, &filters).await?;
    let rows = found
        .rows
        .into_iter()
        .map(|row| {
            let (label_id, state_class) = state_label(row.state);
            Row {
                href: detail_path(&row.id),
                recipient: row.recipient_name,
                achievement: pick(lang, &row.achievement_name_ja, &row.achievement_name_en),
                issuer: pick(lang, &row.issuer_name_ja, &row.issuer_name_en),
                issued_at: row.issued_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                state_label: tsumiki_i18n::t(lang, label_id, &[]),
                state_class,
            }
        })
        .collect();
    page(&ListPage {
        tr: Tr(lang),
        chrome: Chrome::new(lang, Some(&user), Some(&csrf), LIST_PATH),
        query: filters.text.clone(),
        issuers,
        achievements,
        states: state_choices(lang, &filters),
        rows,
        total_label: tsumiki_i18n::t(lang, "cred-total", &[("count", Arg::from(found.total))]),
        position_label: tsumiki_i18n::t(
            lang,
            "cred-pager-position",
            &[
                ("page", Arg::from(filters.page)),
                ("pages", Arg::from(pages)),
            ],
        ),
        previous: (filters.page > 1).then(|| filters.url(filters.page - 1)),
        next: (filters.page < pages).then(|| filters.url(filters.page + 1)),
        filtered: filters.is_filtered(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(q: &str, state: &str, page: &str) -> ListQuery {
        ListQuery {
            q: q.into(),
            state: state.into(),
            page: page.into(),
            ..ListQuery::default()
        }
    }

    #[test]
    fn bad_values_fall_back_to_no_filter() {
        let filters = Filters::from_query(&query("  山田 ", "deleted", "-3"));
        assert_eq!(filters.text, "山田");
        assert_eq!(filters.state, None);
        assert_eq!(filters.page, 1);
        assert_eq!(Filters::from_query(&query("", "", "abc")).page, 1);
        assert_eq!(
            Filters::from_query(&query("", "revoked", "3")).state,
            Some(CredentialState::Revoked)
        );
        let long = "あ".repeat(MAX_QUERY_CHARS + 50);
        let filters = Filters::from_query(&query(&long, "", ""));
        assert_eq!(filters.text.chars().count(), MAX_QUERY_CHARS);
    }

    #[test]
    fn page_three_skips_a_hundred_rows() {
        let filters = Filters::from_query(&query("", "", "3"));
        let store_query = filters.store_query();
        assert_eq!((store_query.limit, store_query.offset), (50, 100));
    }

    #[test]
    fn page_counts() {
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(1), 1);
        assert_eq!(page_count(50), 1);
        assert_eq!(page_count(51), 2);
        assert_eq!(page_count(101), 3);
    }

    #[test]
    fn pager_urls_keep_the_filters() {
        let filters = Filters::from_query(&ListQuery {
            q: "山田 花子".into(),
            issuer: "i-1".into(),
            state: "suspended".into(),
            page: "2".into(),
            ..ListQuery::default()
        });
        assert_eq!(
            filters.url(1),
            "/admin/credentials?q=%E5%B1%B1%E7%94%B0%20%E8%8A%B1%E5%AD%90&issuer=i-1&state=suspended"
        );
        assert_eq!(
            filters.url(3),
            "/admin/credentials?q=%E5%B1%B1%E7%94%B0%20%E8%8A%B1%E5%AD%90&issuer=i-1&state=suspended&page=3"
        );
        assert_eq!(
            Filters::from_query(&ListQuery::default()).url(1),
            "/admin/credentials"
        );
    }
}
