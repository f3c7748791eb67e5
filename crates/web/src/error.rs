//! One error type for every handler. A handler returns it; the response is finished by
//! [`render_errors`], which knows the request path and language: JSON for the machine APIs,
//! a bilingual HTML page (or a redirect to the login page) for people.

use axum::Json;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use tsumiki_i18n::Lang;

use crate::i18n::Tr;

/// Why a request failed.
#[derive(Debug, Clone, thiserror::Error)]
pub enum WebError {
    /// Nothing at this address (or the caller may not know it exists).
    #[error("not found")]
    NotFound,
    /// No valid session or token: log in (pages) or send a bearer token (APIs).
    #[error("authentication required")]
    Unauthorized,
    /// Authenticated, but the role does not allow this action.
    #[error("forbidden")]
    Forbidden,
    /// The request itself is wrong; the text says what, for the person or client who sent it.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// The request collides with existing data (a duplicate slug or email, a revoked credential).
    #[error("conflict: {0}")]
    Conflict(String),
    /// A fault on the server's side; the text is logged, never shown.
    #[error("internal error: {0}")]
    Internal(String),
}

impl WebError {
    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::NotFound => StatusCode::NOT_FOUND,
            WebError::Unauthorized => StatusCode::UNAUTHORIZED,
            WebError::Forbidden => StatusCode::FORBIDDEN,
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::Conflict(_) => StatusCode::CONFLICT,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A stable machine-readable code for JSON bodies.
    pub fn code(&self) -> &'static str {
        match self {
            WebError::NotFound => "not_found",
            WebError::Unauthorized => "unauthorized",
            WebError::Forbidden => "forbidden",
            WebError::BadRequest(_) => "bad_request",
            WebError::Conflict(_) => "conflict",
            WebError::Internal(_) => "internal",
        }
    }

    fn message_id(&self) -> &'static str {
        match self {
            WebError::NotFound => "web-error-not-found",
            WebError::Unauthorized => "web-error-unauthorized",
            WebError::Forbidden => "web-error-forbidden",
            WebError::BadRequest(_) => "web-error-bad-request",
            WebError::Conflict(_) => "web-error-conflict",
            WebError::Internal(_) => "web-error-internal",
        }
    }

    /// The sentence for a person, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        tsumiki_i18n::t(lang, self.message_id(), &[])
    }

    /// Detail that is safe to show (the client's own mistake); internal faults have none.
    pub fn detail(&self) -> Option<&str> {
        match self {
            WebError::BadRequest(detail) | WebError::Conflict(detail) => Some(detail),
            _ => None,
        }
    }
}

impl From<tsumiki_store::StoreError> for WebError {
    fn from(error: tsumiki_store::StoreError) -> Self {
        use tsumiki_store::StoreError;
        match error {
            StoreError::NotFound { .. } => WebError::NotFound,
            StoreError::AlreadyExists { entity, .. } => {
                WebError::Conflict(format!("{entity} already exists"))
            }
            StoreError::InvalidTransition { .. } => WebError::Conflict(error.to_string()),
            other => WebError::Internal(other.to_string()),
        }
    }
}

/// Carried in the response extensions so [`render_errors`] can re-render the body for the
/// request's path and language.
#[derive(Debug, Clone)]
pub(crate) struct ErrorMarker(pub WebError);

impl IntoResponse for WebError {
    /// Without the middleware (a handler used on its own) the body is plain text in both
    /// languages; through the router, [`render_errors`] replaces it.
    fn into_response(self) -> Response {
        if let WebError::Internal(detail) = &self {
            eprintln!("tsumiki-web: internal error: {detail}");
        }
        let body = format!("{}\n{}", self.message(Lang::Ja), self.message(Lang::En));
        let mut response = (self.status(), body).into_response();
        response.extensions_mut().insert(ErrorMarker(self));
        response
    }
}

/// Paths whose clients are programs: errors are JSON and never redirect.
pub fn is_api_path(path: &str) -> bool {
    ["/credentials", "/presentations", "/api/"]
        .iter()
        .any(|prefix| path.starts_with(prefix))
}

/// Middleware: turns a [`WebError`] response into JSON (API paths), a redirect to the login
/// page (unauthenticated page requests) or a bilingual HTML error page.
pub async fn render_errors(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let path_and_query = request
        .uri()
        .path_and_query()
        .map_or_else(|| path.clone(), |pq| pq.as_str().to_owned());
    let (parts, body) = request.into_parts();
    let lang = crate::i18n::request_lang(&parts);
    let response = next.run(Request::from_parts(parts, body)).await;
    let Some(ErrorMarker(error)) = response.extensions().get::<ErrorMarker>().cloned() else {
        return response;
    };
    let rendered = rendered_error(error, lang, &path, &path_and_query);
    keep_headers(response, rendered)
}

/// Headers set around the failed handler (security headers, cookies) survive re-rendering;
/// only the body's own headers are replaced.
fn keep_headers(original: Response, mut rendered: Response) -> Response {
    for (name, value) in original.headers() {
        if name != header::CONTENT_TYPE
            && name != header::CONTENT_LENGTH
            && !rendered.headers().contains_key(name)
        {
            rendered.headers_mut().append(name.clone(), value.clone());
        }
    }
    rendered
}

fn rendered_error(error: WebError, lang: Lang, path: &str, path_and_query: &str) -> Response {
    if is_api_path(path) {
        let mut body = serde_json::json!({
            "error": error.code(),
            "message": error.message(lang),
        });
        if let (Some(detail), Some(object)) = (error.detail(), body.as_object_mut()) {
            object.insert("detail".to_owned(), detail.into());
        }
        let mut json = (error.status(), Json(body)).into_response();
        if matches!(error, WebError::Unauthorized) {
            json.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        return json;
    }
    if matches!(error, WebError::Unauthorized) {
        let next = crate::pages::safe_next(path_and_query);
        return Redirect::to(&format!(
            "/login?next={}",
            crate::pages::percent_encode(next)
        ))
        .into_response();
    }
    let page = crate::pages::layout::ErrorPage {
        tr: Tr(lang),
        chrome: crate::pages::layout::Chrome::new(lang, None, None, path),
        status: error.status().as_u16(),
        message: error.message(lang),
        detail: error.detail().map(str::to_owned),
    };
    (error.status(), Html(crate::pages::layout::render(&page))).into_response()
}
