//! Who is asking: sessions for people (cookie), bearer tokens for programs, the roles that
//! decide what each may do, and the CSRF check on every form POST.

pub mod cookies;
pub mod csrf;
pub mod password;
pub mod session;
pub mod throttle;
pub mod tokens;

use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;

use crate::{AppState, WebError};

/// What a user may do. The store's enum is the single source of truth for the role names.
pub use tsumiki_store::Role;

/// A person logged in with a session cookie. Rejection: [`WebError::Unauthorized`], which the
/// error middleware turns into a redirect to `/login` for pages.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    /// The account.
    pub user: tsumiki_store::User,
    /// Its role (same as `user.role`, kept apart for matching).
    pub role: Role,
}

/// A program authenticated with `Authorization: Bearer <token>`. Rejection:
/// [`WebError::Unauthorized`], rendered as 401 JSON on API paths.
#[derive(Debug, Clone)]
pub struct ApiUser {
    /// The account the token belongs to; the request acts with its role.
    pub user: tsumiki_store::User,
    /// Its role.
    pub role: Role,
}

/// The CSRF token of the current session, to put in forms as `csrf_token`. The check itself
/// is done by [`csrf::verify_csrf`] on every POST to a page route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsrfToken(pub String);

fn require_role(role: Role, allowed: &[Role]) -> Result<(), WebError> {
    if allowed.contains(&role) {
        Ok(())
    } else {
        Err(WebError::Forbidden)
    }
}

impl CurrentUser {
    /// `Ok` when the user's role is one of `allowed`, else [`WebError::Forbidden`].
    pub fn require(&self, allowed: &[Role]) -> Result<(), WebError> {
        require_role(self.role, allowed)
    }
}

impl ApiUser {
    /// `Ok` when the token's user has one of `allowed`, else [`WebError::Forbidden`].
    pub fn require(&self, allowed: &[Role]) -> Result<(), WebError> {
        require_role(self.role, allowed)
    }
}

/// Roles that may act on issuers' credentials (issue, revoke, import).
pub const ISSUING_ROLES: &[Role] = &[Role::Admin, Role::IssuerStaff];
/// Roles that may read the back office: staff. Programme managers and faculty are staff (they
/// choose the achievements modules award); sponsor viewers and participants are outsiders and
/// see only their own pages.
pub const ALL_ROLES: &[Role] = &[
    Role::Admin,
    Role::IssuerStaff,
    Role::Viewer,
    Role::ProgrammeManager,
    Role::Faculty,
];
/// Roles that may manage users, tokens and issuers.
pub const ADMIN_ONLY: &[Role] = &[Role::Admin];
/// Roles that may design programmes and run cohorts (design, cohorts, KPIs, costs).
pub const PROGRAMME_ROLES: &[Role] = &[Role::Admin, Role::ProgrammeManager];
/// Roles that may assess participants (completions, 360° rounds).
pub const ASSESSOR_ROLES: &[Role] = &[Role::Admin, Role::ProgrammeManager, Role::Faculty];
/// Roles that may read cohort dashboards; a sponsor viewer only for their own organisation's
/// cohorts (see [`cohort_access`]).
pub const IMPACT_READERS: &[Role] = &[
    Role::Admin,
    Role::ProgrammeManager,
    Role::Faculty,
    Role::SponsorViewer,
];

/// `Ok` when `user` may read `cohort`: any of [`IMPACT_READERS`], except that a sponsor
/// viewer reads only cohorts whose sponsor is the organisation their account is linked to.
/// A sponsor viewer without a link reads nothing, so a half-configured account leaks nothing.
pub async fn cohort_access(
    state: &AppState,
    user: &CurrentUser,
    cohort: &tsumiki_store::Cohort,
) -> Result<(), WebError> {
    user.require(IMPACT_READERS)?;
    if user.role != Role::SponsorViewer {
        return Ok(());
    }
    let links = state.store.user_links(&user.user.id).await?;
    match (links.organisation_id, cohort.sponsor_id.as_deref()) {
        (Some(own), Some(sponsor)) if own == sponsor => Ok(()),
        _ => Err(WebError::Forbidden),
    }
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        let live = session::live_session(parts, state)
            .await?
            .ok_or(WebError::Unauthorized)?;
        Ok(CurrentUser {
            role: live.user.role,
            user: live.user,
        })
    }
}

impl OptionalFromRequestParts<AppState> for CurrentUser {
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, WebError> {
        Ok(session::live_session(parts, state)
            .await?
            .map(|live| CurrentUser {
                role: live.user.role,
                user: live.user,
            }))
    }
}

impl FromRequestParts<AppState> for CsrfToken {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        let live = session::live_session(parts, state)
            .await?
            .ok_or(WebError::Unauthorized)?;
        Ok(CsrfToken(live.session.csrf_token))
    }
}

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, WebError> {
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| {
                value
                    .strip_prefix("Bearer ")
                    .or_else(|| value.strip_prefix("bearer "))
            })
            .map(str::trim)
            .filter(|token| !token.is_empty())
            .ok_or(WebError::Unauthorized)?;
        let user = state
            .store
            .authenticate_api_token(&tokens::token_hash(token), chrono::Utc::now())
            .await?
            .ok_or(WebError::Unauthorized)?;
        Ok(ApiUser {
            role: user.role,
            user,
        })
    }
}
