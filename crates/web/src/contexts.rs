//! Publishes tsumiki's JSON-LD extension context at a stable path on every server.
//!
//! Credentials name the context by its permanent URL (`https://w3id.org/tsumiki/v1`), which
//! every tsumiki verifier has bundled; serving the identical bytes here lets any other verifier
//! (or a person) read what the extension terms mean without trusting a third party.

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tsumiki_jsonld::DocumentStore;

use crate::issuing::document::TSUMIKI_CONTEXT;
use crate::{AppState, WebError};

/// Where this server publishes the extension context.
pub const TSUMIKI_CONTEXT_PATH: &str = "/contexts/tsumiki/v1";

/// The public context route.
pub fn routes() -> Router<AppState> {
    Router::new().route(TSUMIKI_CONTEXT_PATH, get(tsumiki_context))
}

async fn tsumiki_context() -> Result<Response, WebError> {
    let text = DocumentStore::bundled_source(TSUMIKI_CONTEXT).ok_or(WebError::NotFound)?;
    let mut response = text.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/ld+json"),
    );
    // A published context version never changes; a new version gets a new URL.
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    // Browsers' JSON-LD processors fetch contexts cross-origin.
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    Ok(response)
}
