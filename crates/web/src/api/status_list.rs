//! Publishing status lists: `GET /status/{list_id}` serves the issuer-signed
//! `BitstringStatusListCredential`.
//!
//! Signing is lazy: the store bumps a list's `version` on every bit change, and a list is
//! re-signed only when a request finds the cached signature older than that version. The
//! version is also the ETag, so caches revalidate cheaply and get 304 until a bit changes.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde_json::Value;
use tsumiki_store::StatusList;
use tsumiki_vc::status::{BitstringStatusList, StatusPurpose, status_list_credential};

use crate::issuing::{document::timestamp, sign_as};
use crate::{AppState, WebError};

/// How long shared caches may keep a list without asking again. Short, because a revocation
/// must reach verifiers within minutes.
pub const CACHE_CONTROL: &str = "public, max-age=300";

/// The list's bits as a `BitstringStatusList` (index 0 = most significant bit of byte 0, in
/// both the store and the spec).
fn bits_of(list: &StatusList) -> Result<BitstringStatusList, WebError> {
    let size = u64::try_from(list.size_bits)
        .map_err(|_| WebError::Internal(format!("status list {} has a negative size", list.id)))?;
    let mut bits = BitstringStatusList::new(size)
        .map_err(|error| WebError::Internal(format!("status list {}: {error}", list.id)))?;
    for (byte_index, byte) in list.bitstring.iter().enumerate() {
        if *byte == 0 {
            continue;
        }
        for bit in 0..8u64 {
            if byte & (0x80 >> bit) != 0 {
                let index = byte_index as u64 * 8 + bit;
                bits.set(index, true).map_err(|error| {
                    WebError::Internal(format!("status list {}: {error}", list.id))
                })?;
            }
        }
    }
    Ok(bits)
}

/// The signed list credential for `list`, from the cache when it is current, else freshly
/// signed (and cached, unless a newer one got there first).
pub async fn signed_list(state: &AppState, list: &StatusList) -> Result<String, WebError> {
    if let (Some(signed), Some(version)) = (&list.signed_credential, list.signed_version)
        && version == list.version
    {
        return Ok(signed.clone());
    }
    let issuer = state.store.issuer(&list.issuer_id).await?;
    let purpose = StatusPurpose::from_name(list.purpose.as_str());
    let unsigned = status_list_credential(
        &list.url,
        &issuer.identifier,
        &purpose,
        &bits_of(list)?,
        &timestamp(list.updated_at),
    )
    .map_err(|error| WebError::Internal(format!("status list {}: {error}", list.id)))?;
    let signed = sign_as(state, &issuer, unsigned, Utc::now())
        .map_err(|error| WebError::Internal(format!("signing status list {}: {error}", list.id)))?;
    let json =
        serde_json::to_string(&signed).map_err(|error| WebError::Internal(error.to_string()))?;
    // `false` only means someone cached an equal or newer signature meanwhile; ours is still
    // a correct answer for the version we read.
    state
        .store
        .save_signed_status_list(&list.id, list.version, &json)
        .await?;
    Ok(json)
}

/// The signed list credential published at `url`, when `url` is one of this server's lists.
pub async fn local_list_by_url(state: &AppState, url: &str) -> Option<Value> {
    let prefix = format!("{}/status/", state.base_url);
    let id = url.strip_prefix(&prefix)?;
    if id.is_empty() || id.contains(['/', '?', '#']) {
        return None;
    }
    let list = state.store.status_list(id).await.ok()?;
    if list.url != url {
        return None;
    }
    let json = signed_list(state, &list).await.ok()?;
    serde_json::from_str(&json).ok()
}

fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

/// Whether `If-None-Match` names `tag` (or `*`); weak tags compare equal to strong ones, as
/// RFC 9110 requires for this header.
fn matches_if_none_match(headers: &HeaderMap, tag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(|candidate| candidate.trim().trim_start_matches("W/"))
        .any(|candidate| candidate == tag || candidate == "*")
}

/// `GET /status/{list_id}`.
pub async fn get_status_list(
    State(state): State<AppState>,
    Path(list_id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let list = state.store.status_list(&list_id).await?;
    let tag = etag(list.version);
    let last_modified = list
        .updated_at
        .format("%a, %d %b %Y %H:%M:%S GMT")
        .to_string();
    let mut response = if matches_if_none_match(&headers, &tag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let json = signed_list(&state, &list).await?;
        ([(header::CONTENT_TYPE, "application/vc+ld+json")], json).into_response()
    };
    let headers = response.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(CACHE_CONTROL),
    );
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    if let Ok(value) = HeaderValue::from_str(&tag) {
        headers.insert(header::ETAG, value);
    }
    if let Ok(value) = HeaderValue::from_str(&last_modified) {
        headers.insert(header::LAST_MODIFIED, value);
    }
    Ok(response)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_accepts_lists_weak_tags_and_star() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_static("\"1\", W/\"3\""),
        );
        assert!(matches_if_none_match(&headers, "\"3\""));
        assert!(matches_if_none_match(&headers, "\"1\""));
        assert!(!matches_if_none_match(&headers, "\"2\""));
        headers.insert(header::IF_NONE_MATCH, HeaderValue::from_static("*"));
        assert!(matches_if_none_match(&headers, "\"9\""));
        assert!(!matches_if_none_match(&HeaderMap::new(), "\"9\""));
    }
}
