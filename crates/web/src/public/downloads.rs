//! The credential's downloadable forms: JSON-LD as signed, a VC-JWT signed on demand, and the
//! badge image with the credential baked in (PNG, SVG).

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use tsumiki_store::{Achievement, CredentialRecord};
use tsumiki_vc::bake::{BakedPayload, bake_png, bake_svg};
use tsumiki_vc::jwt::{JwtKeyHeader, issue};

use crate::issuer_keys::issuer_key;
use crate::public::badge_svg::generated_badge;
use crate::{AppState, WebError};

fn file(content_type: &'static str, name: String, body: impl IntoResponse) -> Response {
    let mut response = ([(header::CONTENT_TYPE, content_type)], body).into_response();
    if let Ok(value) = HeaderValue::from_str(&format!("inline; filename=\"{name}\"")) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    response.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    response
}

/// The file name stem: the credential's UUID.
fn stem(record: &CredentialRecord) -> &str {
    record.id.strip_prefix("urn:uuid:").unwrap_or(&record.id)
}

/// `/c/{id}.json`.
pub fn json(record: &CredentialRecord) -> Response {
    file(
        "application/vc+ld+json",
        format!("{}.json", stem(record)),
        record.credential_json.clone(),
    )
}

/// The VC-JWT of a stored credential: the stored one if made at issue time, else signed now
/// with the issuer's key (the JWT carries the credential without its Data Integrity proof; the
/// JWS is the proof).
pub async fn vc_jwt(state: &AppState, record: &CredentialRecord) -> Result<String, WebError> {
    if let Some(jwt) = &record.vc_jwt {
        return Ok(jwt.clone());
    }
    let issuer = state.store.issuer(&record.issuer_id).await?;
    let key = issuer_key(state, &issuer)?;
    let mut credential: Value = serde_json::from_str(&record.credential_json)
        .map_err(|error| WebError::Internal(format!("stored credential: {error}")))?;
    if let Some(object) = credential.as_object_mut() {
        object.shift_remove("proof");
    }
    issue(
        &credential,
        &key.key,
        JwtKeyHeader::Kid(key.verification_method),
    )
    .map_err(|error| WebError::Internal(format!("VC-JWT of {}: {error}", record.id)))
}

/// `/c/{id}.jwt`.
pub async fn jwt(state: &AppState, record: &CredentialRecord) -> Result<Response, WebError> {
    let token = vc_jwt(state, record).await?;
    Ok(file(
        "application/vc+jwt",
        format!("{}.jwt", stem(record)),
        token,
    ))
}

fn payload(record: &CredentialRecord) -> BakedPayload {
    BakedPayload::Json(record.credential_json.clone())
}

/// `/c/{id}.png`: only when the achievement's image is a PNG (there is no rasteriser here).
pub fn png(record: &CredentialRecord, achievement: &Achievement) -> Result<Response, WebError> {
    let image = achievement
        .details
        .image
        .as_ref()
        .filter(|image| image.media_type == "image/png")
        .ok_or(WebError::NotFound)?;
    let baked = bake_png(&image.bytes, &payload(record))
        .map_err(|error| WebError::Internal(format!("baking {}: {error}", record.id)))?;
    Ok(file("image/png", format!("{}.png", stem(record)), baked))
}

/// `/c/{id}.svg`: the achievement's SVG, or a generated badge when it has none (or when the
/// stored SVG cannot be baked, e.g. it declares entities, so the download never fails for a
/// reason the holder cannot fix).
pub fn svg(
    record: &CredentialRecord,
    achievement: &Achievement,
    name: &str,
    issuer_name: &str,
) -> Result<Response, WebError> {
    let stored = achievement
        .details
        .image
        .as_ref()
        .filter(|image| image.media_type == "image/svg+xml")
        .and_then(|image| String::from_utf8(image.bytes.clone()).ok())
        .and_then(|source| bake_svg(&source, &payload(record)).ok());
    let baked = match stored {
        Some(baked) => baked,
        None => bake_svg(&generated_badge(name, issuer_name), &payload(record))
            .map_err(|error| WebError::Internal(format!("baking {}: {error}", record.id)))?,
    };
    Ok(file(
        "image/svg+xml",
        format!("{}.svg", stem(record)),
        baked,
    ))
}
