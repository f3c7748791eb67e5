//! Public pages: the credential page `/c/{id}` with its downloads (`.json`, `.jwt`, `.png`,
//! `.svg`), and the verify page `/verify`. No login: a credential's page is reachable by
//! whoever holds its (unguessable) UUID, as a shared badge link must be.

pub mod badge_svg;
pub mod credential_page;
pub mod downloads;
pub mod rate;
pub mod report_view;
pub mod verify_page;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;

use crate::api::revoke::find_credential;
use crate::i18n::ReqLang;
use crate::public::credential_page::{PageInput, pick};
use crate::{AppState, WebError};

/// `(method, path)` of every public route, as the OpenAPI document lists them. The downloads
/// (`/c/{id}.json` …) share one axum route, `/c/{file}`, that dispatches on the extension.
pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/c/{id}"),
    ("get", "/c/{id}.json"),
    ("get", "/c/{id}.jwt"),
    ("get", "/c/{id}.png"),
    ("get", "/c/{id}.svg"),
    ("get", "/verify"),
    ("post", "/verify"),
];

/// What `/c/{file}` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Page,
    Json,
    Jwt,
    Png,
    Svg,
}

/// Splits `<uuid>[.ext]`; an unknown extension is not a credential address.
fn parse_file(file: &str) -> Option<(&str, Form)> {
    let (id, form) = match file.rsplit_once('.') {
        Some((id, "json")) => (id, Form::Json),
        Some((id, "jwt")) => (id, Form::Jwt),
        Some((id, "png")) => (id, Form::Png),
        Some((id, "svg")) => (id, Form::Svg),
        Some(_) => return None,
        None => (file, Form::Page),
    };
    uuid::Uuid::parse_str(id).ok().map(|_| (id, form))
}

/// `GET /c/{file}`.
async fn credential(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    headers: axum::http::HeaderMap,
    Path(file): Path<String>,
) -> Result<Response, WebError> {
    let (id, form) = parse_file(&file).ok_or(WebError::NotFound)?;
    let record = find_credential(&state, id).await?;
    crate::pages::sponsor::claims::record_download(&state, &record.id, &file, &headers).await;
    match form {
        Form::Json => return Ok(downloads::json(&record)),
        Form::Jwt => return downloads::jwt(&state, &record).await,
        _ => {}
    }
    let achievement = state.store.achievement(&record.achievement_id).await?;
    let issuer = state.store.issuer(&record.issuer_id).await?;
    match form {
        Form::Png => downloads::png(&record, &achievement),
        Form::Svg => downloads::svg(
            &record,
            &achievement,
            pick(
                lang,
                &achievement.details.name_ja,
                &achievement.details.name_en,
            ),
            pick(lang, &issuer.name_ja, &issuer.name_en),
        ),
        _ => {
            let recipient = state.store.recipient(&record.recipient_id).await?;
            let html = credential_page::render(
                &state,
                PageInput {
                    record: &record,
                    issuer: &issuer,
                    achievement: &achievement,
                    recipient_name: &recipient.display_name,
                    lang,
                },
            )
            .await?;
            // The page's language follows the request, so shared caches must key on it.
            Ok((
                [
                    (header::CONTENT_LANGUAGE, lang.tag()),
                    (header::VARY, "Accept-Language, Cookie"),
                ],
                Html(html),
            )
                .into_response())
        }
    }
}

/// Public credential pages and the verify page.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/rate/{token}", get(rate::show).post(rate::submit))
        .route("/c/{file}", get(credential))
        .route(
            "/verify",
            get(verify_page::show)
                .post(verify_page::check)
                .layer(DefaultBodyLimit::max(verify_page::MAX_UPLOAD_BYTES)),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_map_to_forms() {
        let id = "0b0e0c7a-1111-4222-8333-944445555666";
        assert_eq!(parse_file(id), Some((id, Form::Page)));
        assert_eq!(parse_file(&format!("{id}.json")), Some((id, Form::Json)));
        assert_eq!(parse_file(&format!("{id}.svg")), Some((id, Form::Svg)));
        assert_eq!(parse_file(&format!("{id}.exe")), None);
        assert_eq!(parse_file("not-a-uuid.json"), None);
        assert_eq!(parse_file("../etc/passwd"), None);
    }
}
