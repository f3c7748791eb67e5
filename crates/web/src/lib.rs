//! The tsumiki web platform: `tsumiki serve`.
//!
//! Layering: this crate sits on top of `tsumiki-store` (SQL) and the pure crates. Handlers are
//! thin: they check who is asking ([`auth`]), call the store or the issuing service, and render
//! a template or JSON. Every response a person reads goes through Fluent ([`i18n`]).
//!
//! Route map (who owns what is in the module docs):
//! - back office (session + CSRF): `/`, `/setup/{token}`, `/login`, `/logout`, `/lang/{lang}`,
//!   `/account/password`, `/admin/users`, `/admin/tokens`, `/admin/tokens/{id}/revoke`,
//!   `/admin/issuers`;
//! - public: `/issuers/{slug}` (OB Profile JSON-LD, or a page for browsers),
//!   `/issuers/{slug}/did.json` (did:web document), `/static/tsumiki-<content hash>.css`, plus the VC-API,
//!   status lists and credential pages of [`api`] and [`public`].

pub mod analytics;
pub mod api;
pub mod auth;
pub mod bulk;
pub mod charts;
pub mod config;
pub mod contexts;
pub mod demo;
pub mod did_web;
pub mod error;
pub mod i18n;
pub mod issuer_keys;
pub mod issuing;
pub mod mail;
pub mod pages;
pub mod public;
pub mod serve;
mod serve_tls;
pub mod state;
pub mod status_actions;

use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state};

pub use config::ServeConfig;
pub use error::WebError;
pub use serve::serve;
pub use state::{AppInner, AppState};

/// The whole application. Page routes sit behind the CSRF check; the error renderer wraps
/// everything so a [`WebError`] becomes JSON or HTML by path.
pub fn router(state: AppState) -> Router {
    let pages = pages::routes().layer(from_fn_with_state(state.clone(), auth::csrf::verify_csrf));
    Router::new()
        .merge(pages)
        .merge(did_web::routes())
        .merge(contexts::routes())
        .merge(api::routes())
        .merge(public::routes())
        .fallback(not_found)
        .layer(from_fn(error::render_errors))
        .with_state(state)
}

/// Unknown paths get the same bilingual 404 (HTML or JSON by path) as unknown records.
async fn not_found() -> WebError {
    WebError::NotFound
}
