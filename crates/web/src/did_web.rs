//! did:web identifiers for issuers, and the documents the server publishes for them.
//!
//! `did:web:<host>[%3A<port>][:<path>…]:issuers:<slug>` resolves (per the did:web method) to
//! `https://<host>[:<port>]/[<path>/]issuers/<slug>/did.json`, which [`routes`] serves. The
//! OB Profile of the issuer is served beside it at `/issuers/<slug>`.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};
use tsumiki_store::{IdentifierKind, Issuer};

use crate::i18n::ReqLang;
use crate::{AppState, WebError};

/// The verification method fragment of a did:web or https issuer's (single) key.
pub const KEY_FRAGMENT: &str = "key-1";

/// The did:web DID for issuer `slug` on the server at `base_url`. Fails when the base URL is
/// not http(s) or has no host. (did:web needs https to resolve; an http base URL is accepted
/// for local testing, where verifiers are given the document directly.)
pub fn did_web_for(base_url: &str, slug: &str) -> Result<String, WebError> {
    let rest = base_url
        .strip_prefix("https://")
        .or_else(|| base_url.strip_prefix("http://"))
        .ok_or_else(|| WebError::BadRequest(format!("base URL {base_url:?} is not http(s)")))?;
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    if authority.is_empty() || authority.contains('@') {
        return Err(WebError::BadRequest(format!(
            "base URL {base_url:?} has no usable host"
        )));
    }
    let mut did = format!(
        "did:web:{}",
        authority.to_ascii_lowercase().replace(':', "%3A")
    );
    for segment in path.split('/').filter(|segment| !segment.is_empty()) {
        did.push(':');
        did.push_str(segment);
    }
    did.push_str(":issuers:");
    did.push_str(slug);
    Ok(did)
}

/// The URL a did:web DID resolves to (the did:web method's transformation), for tests and
/// for showing operators where the document must be reachable.
pub fn did_web_document_url(did: &str) -> Option<String> {
    let rest = did.strip_prefix("did:web:")?;
    let mut segments = rest.split(':');
    let host = segments.next()?.replace("%3A", ":").replace("%3a", ":");
    let path: Vec<&str> = segments.collect();
    Some(if path.is_empty() {
        format!("https://{host}/.well-known/did.json")
    } else {
        format!("https://{host}/{}/did.json", path.join("/"))
    })
}

/// The controller document (DID document for did:web) listing the issuer's keys as Multikeys
/// usable for assertions: the current key first, then every key rotated out, which stay so
/// that the credentials and status lists they signed keep verifying.
pub fn controller_document(issuer: &Issuer) -> Value {
    let mut methods = vec![json!({
        "id": issuer.verification_method,
        "type": "Multikey",
        "controller": issuer.identifier,
        "publicKeyMultibase": issuer.public_key_multibase,
    })];
    let mut assertion = vec![Value::String(issuer.verification_method.clone())];
    for retired in &issuer.retired_keys {
        methods.push(json!({
            "id": retired.verification_method,
            "type": "Multikey",
            "controller": issuer.identifier,
            "publicKeyMultibase": retired.public_key_multibase,
        }));
        assertion.push(Value::String(retired.verification_method.clone()));
    }
    json!({
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": issuer.identifier,
        "verificationMethod": methods,
        "assertionMethod": assertion,
        // Authentication (logging in as the issuer) is for the current key only.
        "authentication": [issuer.verification_method],
    })
}

/// The issuer's Open Badges `Profile`, as credentials reference it.
pub fn issuer_profile(issuer: &Issuer) -> Value {
    json!({
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": issuer.identifier,
        "type": ["Profile"],
        "name": if issuer.name_ja.is_empty() { &issuer.name_en } else { &issuer.name_ja },
        "url": issuer.url,
    })
}

/// Public routes: the OB Profile and the did:web document of each issuer.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/issuers/{slug}", get(profile))
        .route("/issuers/{slug}/did.json", get(did_document))
}

fn json_ld(value: &Value, content_type: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=300"),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
        ],
        value.to_string(),
    )
        .into_response()
}

/// Whether the client prefers a page to JSON: browsers send `text/html` first; JSON-LD
/// clients and `?format=json` get the document.
fn wants_html(headers: &HeaderMap, query: Option<&str>) -> bool {
    if query.is_some_and(|q| q.split('&').any(|pair| pair == "format=json")) {
        return false;
    }
    headers
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())
        .and_then(|accept| accept.split(',').next())
        .is_some_and(|first| first.trim().starts_with("text/html"))
}

async fn profile(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ReqLang(lang): ReqLang,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, WebError> {
    let issuer = state.store.issuer_by_slug(&slug).await?;
    if wants_html(&headers, uri.query()) {
        let mut response = crate::pages::issuer_profile::render(lang, &issuer)?.into_response();
        response
            .headers_mut()
            .insert(header::VARY, HeaderValue::from_static("Accept"));
        return Ok(response);
    }
    let mut profile = issuer_profile(&issuer);
    // An https issuer's identifier is this very URL, so the profile is also its controller
    // document and must list the key.
    if issuer.identifier_kind == IdentifierKind::Https
        && let (Some(target), Value::Object(document)) =
            (profile.as_object_mut(), controller_document(&issuer))
    {
        for member in ["verificationMethod", "assertionMethod"] {
            if let Some(value) = document.get(member) {
                target.insert(member.to_owned(), value.clone());
            }
        }
    }
    let mut response = json_ld(&profile, "application/ld+json");
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("Accept"));
    Ok(response)
}

/// Only did:web issuers have a document here: a did:key resolves from itself, and serving a
/// document for it would suggest otherwise.
async fn did_document(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    let issuer = state.store.issuer_by_slug(&slug).await?;
    if issuer.identifier_kind == IdentifierKind::DidKey {
        return Err(WebError::NotFound);
    }
    Ok(json_ld(
        &controller_document(&issuer),
        "application/did+ld+json",
    ))
}
