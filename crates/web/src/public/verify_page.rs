//! `GET|POST /verify`: anyone can check a credential from any issuer by pasting it (JSON or
//! VC-JWT) or uploading it (also a baked PNG or SVG). Nothing is stored, and nothing is
//! fetched: keys and status lists come only from this server's store (see
//! [`crate::api::offline`]).

use askama::Template;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::header;
use axum::response::Html;
use tsumiki_i18n::Lang;

use crate::api::offline::verify_bytes;
use crate::i18n::{ReqLang, Tr};
use crate::public::credential_page::stylesheet;
use crate::public::report_view::ReportView;
use crate::{AppState, WebError};

/// Largest upload accepted: a baked image may carry a big CLR; the verifier has its own,
/// tighter limits on what it reads.
pub const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;

#[derive(Template)]
#[template(path = "public/verify.html")]
struct VerifyPage {
    tr: Tr,
    stylesheet: &'static str,
    pasted: String,
    error: Option<String>,
    report: Option<ReportView>,
    credential_name: Option<String>,
}

fn render(page: &VerifyPage) -> Result<Html<String>, WebError> {
    page.render()
        .map(Html)
        .map_err(|error| WebError::Internal(format!("rendering the verify page: {error}")))
}

fn empty(lang: Lang) -> VerifyPage {
    VerifyPage {
        tr: Tr(lang),
        stylesheet: stylesheet(lang),
        pasted: String::new(),
        error: None,
        report: None,
        credential_name: None,
    }
}

/// `GET /verify`.
pub async fn show(ReqLang(lang): ReqLang) -> Result<Html<String>, WebError> {
    render(&empty(lang))
}

/// The submitted credential: the uploaded file if one was chosen, else the pasted text.
async fn submitted(state: &AppState, request: Request) -> Result<(Vec<u8>, String), WebError> {
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let bad = |error: String| WebError::BadRequest(error);
    if content_type.starts_with("multipart/form-data") {
        let mut multipart = Multipart::from_request(request, state)
            .await
            .map_err(|error| bad(error.body_text()))?;
        let mut pasted = String::new();
        let mut file = Vec::new();
        while let Some(field) = multipart
            .next_field()
            .await
            .map_err(|error| bad(error.body_text()))?
        {
            match field.name() {
                Some("credential") => {
                    pasted = field.text().await.map_err(|error| bad(error.body_text()))?;
                }
                Some("file") => {
                    file = field
                        .bytes()
                        .await
                        .map_err(|error| bad(error.body_text()))?
                        .to_vec();
                }
                _ => {}
            }
        }
        if file.is_empty() {
            Ok((pasted.trim().as_bytes().to_vec(), pasted))
        } else {
            Ok((file, pasted))
        }
    } else {
        let bytes = axum::body::to_bytes(request.into_body(), MAX_UPLOAD_BYTES)
            .await
            .map_err(|error| bad(error.to_string()))?;
        let pasted =
            crate::auth::csrf::form_urlencoded_field(&bytes, "credential").unwrap_or_default();
        Ok((pasted.trim().as_bytes().to_vec(), pasted))
    }
}

/// `POST /verify`.
pub async fn check(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    request: Request,
) -> Result<Html<String>, WebError> {
    let (input, pasted) = submitted(&state, request).await?;
    let mut page = empty(lang);
    page.pasted = pasted;
    if input.is_empty() {
        page.error = Some(tsumiki_i18n::t(lang, "pub-verify-empty", &[]));
        return render(&page);
    }
    let report = verify_bytes(&state, &input).await;
    page.credential_name = report
        .credential
        .as_ref()
        .and_then(|credential| credential.get("name"))
        .and_then(|name| name.as_str())
        .map(|name| tsumiki_i18n::t(lang, "pub-verify-credential-name", &[("name", name.into())]));
    page.report = Some(ReportView::new(&report, lang));
    render(&page)
}
