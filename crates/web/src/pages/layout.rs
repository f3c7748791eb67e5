//! What every page shares: the header (navigation by role, language switch, logout), and the
//! rendering helper.

use askama::Template;
use axum::response::Html;
use tsumiki_i18n::Lang;

use crate::WebError;
use crate::auth::{CurrentUser, ISSUING_ROLES, Role};
use crate::i18n::Tr;
use crate::pages::{assets, percent_encode};

/// The page frame's data.
#[derive(Debug, Clone)]
pub struct Chrome {
    /// Name shown in the header, when logged in.
    pub user_name: Option<String>,
    /// Role label, when logged in.
    pub role_label: String,
    /// Whether to show the admin links.
    pub is_admin: bool,
    /// Whether to show the issuing link (viewers would only get 403 behind it).
    pub can_issue: bool,
    /// Whether to show the sponsor dashboards link (impact readers only).
    pub can_read_impact: bool,
    /// Whether to show the back-office links (issuers, achievements, credentials, programmes).
    pub back_office: bool,
    /// Whether to show the programme comparison link (sponsors and admins).
    pub can_compare: bool,
    /// Whether the user is a participant (their own page only).
    pub is_participant: bool,
    /// Session CSRF token for the logout form.
    pub csrf: String,
    /// The current path, URL-encoded, for the language switch to come back to.
    pub here: String,
    /// Stylesheet URL.
    pub stylesheet: &'static str,
}

impl Chrome {
    /// The frame for `user` (or an anonymous visitor) on page `path`.
    pub fn new(lang: Lang, user: Option<&CurrentUser>, csrf: Option<&str>, path: &str) -> Chrome {
        Chrome {
            user_name: user.map(|current| current.user.display_name.clone()),
            role_label: user.map_or_else(String::new, |current| role_label(lang, current.role)),
            is_admin: user.is_some_and(|current| current.role == Role::Admin),
            can_issue: user.is_some_and(|current| ISSUING_ROLES.contains(&current.role)),
            can_read_impact: user
                .is_some_and(|current| crate::auth::IMPACT_READERS.contains(&current.role)),
            back_office: user.is_some_and(|current| crate::auth::ALL_ROLES.contains(&current.role)),
            can_compare: user.is_some_and(|current| {
                crate::pages::selection::SELECTION_ROLES.contains(&current.role)
            }),
            is_participant: user.is_some_and(|current| current.role == Role::Participant),
            csrf: csrf.unwrap_or_default().to_owned(),
            here: percent_encode(path),
            stylesheet: assets::stylesheet_path(),
        }
    }
}

/// The role's name in `lang`.
pub fn role_label(lang: Lang, role: Role) -> String {
    let id = match role {
        Role::Admin => "web-role-admin",
        Role::IssuerStaff => "web-role-issuer-staff",
        Role::Viewer => "web-role-viewer",
        Role::ProgrammeManager => "prog-role-programme-manager",
        Role::Faculty => "prog-role-faculty",
        Role::SponsorViewer => "prog-role-sponsor-viewer",
        Role::Participant => "prog-role-participant",
    };
    tsumiki_i18n::t(lang, id, &[])
}

/// Renders a template; a template failure (a bug, not user input) becomes an internal error.
pub fn page<T: Template>(template: &T) -> Result<Html<String>, WebError> {
    template
        .render()
        .map(Html)
        .map_err(|error| WebError::Internal(format!("rendering template: {error}")))
}

/// Renders a template where no error can be returned any more (the error page itself).
pub fn render<T: Template>(template: &T) -> String {
    template.render().unwrap_or_else(|error| {
        eprintln!("tsumiki-web: rendering error page: {error}");
        String::from("<!doctype html><title>Error</title><p>エラー / Error</p>")
    })
}

/// The bilingual error page.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    /// Messages.
    pub tr: Tr,
    /// The frame (no user: the page may answer a failed login).
    pub chrome: Chrome,
    /// HTTP status code.
    pub status: u16,
    /// The sentence for the visitor.
    pub message: String,
    /// What exactly was wrong with the request, when it is the visitor's to fix.
    pub detail: Option<String>,
}
