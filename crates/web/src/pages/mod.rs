//! The back office: HTML pages for people (set-up, login, dashboard, users, API tokens,
//! issuers). Every handler checks its role first; forms are protected by
//! [`crate::auth::csrf::verify_csrf`], which [`crate::router`] puts in front of these routes.

mod account;
pub mod achievements;
pub mod assets;
pub mod cohorts;
pub mod credentials;
mod dashboard;
pub mod feedback;
pub mod impact;
mod imports;
mod issue_one;
pub mod issuer_profile;
mod issuers;
mod lang;
pub mod layout;
mod login;
pub mod me;
pub mod organisations;
pub mod programmes;
pub mod recipients;
pub mod selection;
mod setup;
pub mod sponsor;
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
            "/admin/issuers/{slug}/rotate-key",
            post(issuers::rotate_key),
        )
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
        // Bulk issuance (issue 3): upload and dry run, confirm, progress.
        .route(
            "/imports",
            get(imports::list)
                .post(imports::upload)
                .layer(axum::extract::DefaultBodyLimit::max(
                    imports::UPLOAD_BODY_LIMIT,
                )),
        )
        .route("/imports/new", get(imports::new_form))
        .route("/imports/{id}", get(imports::show))
        .route("/imports/{id}/run", post(imports::run))
        // Issued credentials: search, details, status changes (issue 3).
        .route(credentials::LIST_PATH, get(credentials::list::show))
        .route("/admin/credentials/{id}", get(credentials::detail::show))
        .route(
            "/admin/credentials/{id}/{action}",
            post(credentials::detail::change),
        )
        // Sponsor dashboard, exports and A4 report (H2).
        .route("/sponsor", get(sponsor::list))
        .route("/cohorts/{id}/dashboard", get(sponsor::dashboard))
        .route("/cohorts/{id}/dashboard.json", get(sponsor::json))
        .route("/cohorts/{id}/dashboard.csv", get(sponsor::csv))
        .route("/cohorts/{id}/report", get(sponsor::report))
        // Programme selection (H2).
        .route("/selection", get(selection::list).post(selection::create))
        .route("/selection/{id}", get(selection::show))
        .route("/selection/{id}/weights", post(selection::weights))
        .route("/selection/{id}/candidates", post(selection::add_candidate))
        .route(
            "/selection/{id}/candidates/{candidate}/scores",
            post(selection::score),
        )
        // Programme design and cohorts (issue 4, F).
        .route("/me", get(me::show))
        .route("/admin/users/{id}/role", post(users::update_role))
        .route(
            "/organisations",
            get(organisations::list).post(organisations::create),
        )
        .route(
            "/programmes",
            get(programmes::list).post(programmes::create),
        )
        .route("/programmes/{id}", get(programmes::show))
        .route("/programmes/{id}/copy", post(programmes::copy))
        .route(
            "/programmes/{id}/edit",
            get(programmes::edit::edit_form).post(programmes::edit::edit),
        )
        .route("/programmes/{id}/modules", post(programmes::modules::save))
        .route(
            "/programmes/{id}/modules/new",
            get(programmes::modules::new_form),
        )
        .route(
            "/programmes/{id}/modules/{module}/edit",
            get(programmes::modules::edit_form),
        )
        .route(
            "/programmes/{id}/modules/{module}/remove",
            post(programmes::modules::remove),
        )
        .route("/programmes/{id}/cohorts", post(cohorts::create))
        .route("/cohorts", get(cohorts::list))
        .route("/cohorts/{id}", get(cohorts::show))
        .route(
            "/cohorts/{id}/participants",
            get(cohorts::participants::list).post(cohorts::participants::enrol),
        )
        .route(
            "/cohorts/{id}/participants/{participant}/consent",
            post(cohorts::participants::consent),
        )
        .route(
            "/cohorts/{id}/projects",
            get(cohorts::projects::list).post(cohorts::projects::create),
        )
        .route(
            "/cohorts/{id}/completions",
            get(cohorts::completions::show).post(cohorts::completions::record),
        )
        .route(
            "/cohorts/{id}/completions/phase",
            post(cohorts::completions::record_phase),
        )
        // Editing cohorts and projects (issue 4, W3a).
        .route(
            "/cohorts/{id}/edit",
            get(cohorts::edit::form).post(cohorts::edit::save),
        )
        .route(
            "/cohorts/{id}/projects/{project}/edit",
            get(cohorts::project_edit::form).post(cohorts::project_edit::save),
        )
        .route(
            "/cohorts/{id}/projects/{project}/delete",
            post(cohorts::project_edit::delete),
        )
        // 360° feedback (issue 4, G): rounds, invitations, reports, /me/feedback.
        .merge(feedback::routes())
        // Logic model, KPIs, costs and ROI, diversity (issue 4, H1).
        .merge(impact::routes())
        .route(assets::stylesheet_path(), get(assets::stylesheet))
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
