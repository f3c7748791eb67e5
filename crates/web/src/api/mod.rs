//! Machine interfaces: the W3C VC-API subset (issue, verify credentials and presentations,
//! status), status list publication, revocation with reasons, and the OpenAPI document that
//! describes them (`openapi/openapi.json`, compiled in).
//!
//! The route table [`ROUTES`] is the single list the router is built from, so a test can hold
//! the OpenAPI document against it.

pub mod award;
pub mod issue;
pub mod offline;
pub mod preflight;
pub mod presentation_proof;
pub mod revoke;
pub mod status_list;
pub mod verify;

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{MethodRouter, get, post};

use crate::AppState;

/// The OpenAPI 3.1 document, as served.
pub const OPENAPI_JSON: &str = include_str!("../../openapi/openapi.json");

/// `(method, path)` of every route [`routes`] serves, in axum's path syntax (which is also
/// OpenAPI's).
pub const ROUTES: &[(&str, &str)] = &[
    ("post", "/credentials/issue"),
    ("post", "/credentials/verify"),
    ("post", "/presentations/verify"),
    ("post", "/credentials/status"),
    ("post", "/api/credentials"),
    ("get", "/status/{list_id}"),
    ("post", "/api/credentials/{id}/revoke"),
    ("post", "/api/credentials/{id}/suspend"),
    ("post", "/api/credentials/{id}/unsuspend"),
    ("get", "/api/openapi.json"),
];

async fn openapi() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
        ],
        OPENAPI_JSON,
    )
}

fn handler(method: &str, path: &str) -> Option<MethodRouter<AppState>> {
    Some(match (method, path) {
        ("post", "/credentials/issue") => post(issue::issue_credential),
        ("post", "/credentials/verify") => post(verify::verify_credential),
        ("post", "/presentations/verify") => post(verify::verify_presentation),
        ("post", "/credentials/status") => post(revoke::update_status),
        ("post", "/api/credentials") => post(award::award),
        ("get", "/status/{list_id}") => get(status_list::get_status_list),
        ("post", "/api/credentials/{id}/revoke") => post(revoke::revoke),
        ("post", "/api/credentials/{id}/suspend") => post(revoke::suspend),
        ("post", "/api/credentials/{id}/unsuspend") => post(revoke::unsuspend),
        ("get", "/api/openapi.json") => get(openapi),
        _ => return None,
    })
}

/// VC-API, status list and revocation routes.
pub fn routes() -> Router<AppState> {
    ROUTES
        .iter()
        .filter_map(|(method, path)| Some((*path, handler(method, path)?)))
        .fold(Router::new(), |router, (path, method_router)| {
            router.route(path, method_router)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_route_has_a_handler() {
        for (method, path) in ROUTES {
            assert!(handler(method, path).is_some(), "{method} {path}");
        }
    }
}
