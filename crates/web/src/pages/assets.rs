//! The one stylesheet, compiled into the binary so a deployment is a single file.

use std::sync::LazyLock;

use axum::http::header;
use axum::response::IntoResponse;
use sha2::{Digest as _, Sha256};

const STYLESHEET: &str = include_str!("../../static/tsumiki.css");

/// `/static/tsumiki-<hash>.css`: the name changes whenever the content does, so browsers may
/// keep it forever and still never show a stale look after an upgrade.
static STYLESHEET_PATH: LazyLock<String> = LazyLock::new(|| {
    let digest = hex::encode(Sha256::digest(STYLESHEET.as_bytes()));
    format!("/static/tsumiki-{}.css", &digest[..12])
});

/// Where the stylesheet is served.
pub fn stylesheet_path() -> &'static str {
    STYLESHEET_PATH.as_str()
}

/// `GET` [`stylesheet_path`].
pub async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        STYLESHEET,
    )
}
