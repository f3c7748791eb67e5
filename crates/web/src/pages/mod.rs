//! The back office: HTML pages for people (set-up, login, dashboard, users, API tokens,
//! issuers). Every handler checks its role first; forms are protected by
//! [`crate::auth::csrf::verify_csrf`], which [`crate::router`] puts in front of these routes.

mod account;
pub mod achievements;
mod assets;
mod dashboard;
mod issue_one;
pub mod issuer_profile;
mod issuers;
mod lang;
pub mod layout;
mod login;
pub mod recipients;
mod setup;
mod tokens;
mod users;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::{Next, from_fn};
use axum::response::Response;
use axum::routing::{get, post};

use crate::AppState;

/// The page routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(dashboard::show))
        .route("/setup/{token}", get(setup::form).post(setup::submit))
        .route("/login", get(login::form).post(login::submit))
        .route("/logout", post(login::logout))
        .route("/lang/{lang}", get(lang::switch))
        .route(
            "/account/password",
            get(account::form).post(account::submit),
        )
        .route("/admin/users", get(users::list).post(users::create))
        .route("/admin/tokens", get(tokens::list).post(tokens::create))
        .route("/admin/tokens/{id}/revoke", post(tokens::revoke))
        .route("/admin/issuers", get(issuers::list).post(issuers::create))
        .route(
            "/achievements",
            get(achievements::list).post(achievements::create),
        )
        .route(
            "/recipients",
            get(recipients::list).post(recipients::create),
        )
        .route("/issue", get(issue_one::form).post(issue_one::submit))
        .route("/achievements/new", get(achievements::new_form))
        .route("/achievements/{id}", post(achievements::update))
        .route("/achievements/{id}/edit", get(achievements::edit_form))
        .route(assets::STYLESHEET_PATH, get(assets::stylesheet))
        .layer(from_fn(security_headers))
}

/// Headers for back-office pages: no framing (clickjacking of admin forms), no inline or
/// third-party scripts, no MIME sniffing, no full URLs leaking through `Referer`, and no
/// caching unless the handler chose otherwise (the stylesheet does).
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; \
             form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        // Pages carry CSRF tokens and personal data: no shared or back-button caches.
        (header::CACHE_CONTROL, "no-store"),
    ] {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
    response
}

/// `next` if it is a path on this site, else `/`: a login link must not become an open
/// redirect to another site (`//evil.example` and `/\evil.example` are other sites to browsers).
pub fn safe_next(next: &str) -> &str {
    let local = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(char::is_control);
    if local { next } else { "/" }
}

/// Percent-encodes everything but unreserved characters and `/`, for a path in a query value.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
