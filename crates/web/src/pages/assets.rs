//! The one stylesheet, compiled into the binary so a deployment is a single file.

use axum::http::header;
use axum::response::IntoResponse;

/// Where the stylesheet is served; the name carries a version so it can be cached for long.
pub const STYLESHEET_PATH: &str = "/static/tsumiki-1.css";

const STYLESHEET: &str = include_str!("../../static/tsumiki.css");

/// `GET /static/tsumiki-1.css`.
pub async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        STYLESHEET,
    )
}
