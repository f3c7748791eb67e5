//! `/rate/{token}`: the rating page a rater reaches from their invitation mail, without an
//! account. The link token (256 random bits) is the only credential; the store keeps its
//! SHA-256, so a database leak does not hand out working links. The page names only the
//! participant being rated, never other raters.
//!
//! Decisions:
//! - one submission per invitation, editable until the round closes (a rater who notices a
//!   slip can fix it; closing the round freezes everything and expires the link);
//! - CSRF without a session: the form carries a value derived from the token itself, and a
//!   forger who does not know the token can neither build the URL nor that value;
//! - `Referrer-Policy: no-referrer` so the token never leaves in a `Referer` header.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use tsumiki_feedback::instrument::Instrument;
use tsumiki_feedback::scoring::check_answers;
use tsumiki_store::{RaterInvitation, RoundState, StoreError};

use crate::analytics::feedback::instrument_of;
use crate::auth::tokens::{constant_time_eq, token_hash};
use crate::i18n::{ReqLang, Tr};
use crate::public::credential_page::stylesheet;
use crate::{AppState, WebError};

/// Longest comment accepted, in characters.
pub const MAX_COMMENT_CHARS: usize = 4000;
/// Form field prefix of an item's answer.
pub const ITEM_FIELD_PREFIX: &str = "i_";
/// The form value of "cannot say".
pub const CANNOT_SAY: &str = "na";

/// The value the form must echo: bound to the token, useless without it.
pub fn form_binding(token: &str) -> String {
    token_hash(&format!("tsumiki-rate-form:{token}"))
}

struct PointView {
    value: String,
    label: String,
}

struct ItemView {
    field: String,
    text: String,
    selected: String,
}

struct CompetencyView {
    name: String,
    description: String,
    items: Vec<ItemView>,
}

/// What the page shows.
enum Stage {
    /// The form.
    Form,
    /// Thanks; may edit until close.
    Done,
    /// The round is not open (yet or any more).
    Closed,
}

#[derive(Template)]
#[template(path = "rate.html")]
struct RatePage {
    tr: Tr,
    stylesheet: &'static str,
    stage: Stage,
    action: String,
    binding: String,
    participant_name: String,
    is_self: bool,
    prompt: String,
    cannot_say: String,
    points: Vec<PointView>,
    competencies: Vec<CompetencyView>,
    comment: String,
    error: Option<String>,
    edited: bool,
}

impl RatePage {
    fn is_form(&self) -> bool {
        matches!(self.stage, Stage::Form)
    }

    fn is_done(&self) -> bool {
        matches!(self.stage, Stage::Done)
    }
}

fn competencies(
    instrument: &Instrument,
    japanese: bool,
    selected: &[(String, String)],
) -> Vec<CompetencyView> {
    instrument
        .competencies
        .iter()
        .map(|competency| CompetencyView {
            name: competency.name.pick(japanese).to_owned(),
            description: competency.description.pick(japanese).to_owned(),
            items: competency
                .items
                .iter()
                .map(|item| ItemView {
                    field: format!("{ITEM_FIELD_PREFIX}{}", item.id),
                    text: item.text.pick(japanese).to_owned(),
                    selected: selected
                        .iter()
                        .find(|(id, _)| *id == item.id)
                        .map(|(_, value)| value.clone())
                        .unwrap_or_default(),
                })
                .collect(),
        })
        .collect()
}

fn respond(status: StatusCode, page: &RatePage) -> Result<Response, WebError> {
    let html = page
        .render()
        .map_err(|error| WebError::Internal(format!("rendering rate page: {error}")))?;
    let mut response = (status, Html(html)).into_response();
    let headers = response.headers_mut();
    for (name, value) in [
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; style-src 'self'; script-src 'none'; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'",
        ),
        (header::VARY, "Accept-Language, Cookie"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    Ok(response)
}

struct Context {
    invitation: RaterInvitation,
    state: RoundState,
    instrument: &'static Instrument,
    participant_name: String,
}

async fn load(state: &AppState, token: &str) -> Result<Context, WebError> {
    // Shape check first: anything that is not a 43-character base64url token is unknown.
    if token.len() != 43
        || !token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err(WebError::NotFound);
    }
    let (invitation, round) = state
        .store
        .invitation_by_token_hash(&token_hash(token))
        .await?
        .ok_or(WebError::NotFound)?;
    let participant = state
        .store
        .participant(&invitation.participant_id)
        .await?
        .ok_or(WebError::NotFound)?;
    let recipient = state.store.recipient(&participant.recipient_id).await?;
    Ok(Context {
        instrument: instrument_of(&round)?,
        state: round.state,
        invitation,
        participant_name: recipient.display_name,
    })
}

fn base_page(lang: Tr, token: &str, context: &Context, stage: Stage) -> RatePage {
    let japanese = lang.tag() == "ja";
    let scale = &context.instrument.scale;
    RatePage {
        tr: lang,
        stylesheet: stylesheet(lang.0),
        stage,
        action: format!("/rate/{token}?lang={}", lang.tag()),
        binding: form_binding(token),
        participant_name: context.participant_name.clone(),
        is_self: context.invitation.rater_group == "self",
        prompt: scale.prompt.pick(japanese).to_owned(),
        cannot_say: scale.cannot_say.pick(japanese).to_owned(),
        points: scale
            .points
            .iter()
            .map(|point| PointView {
                value: point.value.to_string(),
                label: point.label.pick(japanese).to_owned(),
            })
            .collect(),
        competencies: Vec::new(),
        comment: String::new(),
        error: None,
        edited: context.invitation.submitted_at.is_some(),
    }
}

/// `GET /rate/{token}`.
pub async fn show(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    let context = load(&state, &token).await?;
    let tr = Tr(lang);
    if context.state != RoundState::Open {
        return respond(
            StatusCode::GONE,
            &base_page(tr, &token, &context, Stage::Closed),
        );
    }
    let (answers, comment) = state
        .store
        .invitation_answers(&context.invitation.id)
        .await?;
    let selected: Vec<(String, String)> = answers
        .into_iter()
        .map(|(id, value)| {
            let value = value.map_or_else(|| CANNOT_SAY.to_owned(), |v| v.to_string());
            (id, value)
        })
        .collect();
    let mut page = base_page(tr, &token, &context, Stage::Form);
    page.competencies = competencies(context.instrument, lang.tag() == "ja", &selected);
    page.comment = comment.unwrap_or_default();
    respond(StatusCode::OK, &page)
}

/// `(item id, value)` as posted; `None` is "cannot say".
type RawAnswers = Vec<(String, Option<i64>)>;

/// Reads the posted fields into raw answers; `Err` names the message id to show.
fn read_form(fields: &[(String, String)]) -> Result<(RawAnswers, String), &'static str> {
    let mut raw = Vec::new();
    let mut comment = String::new();
    for (name, value) in fields {
        if let Some(item) = name.strip_prefix(ITEM_FIELD_PREFIX) {
            let value = value.trim();
            let parsed = if value == CANNOT_SAY {
                None
            } else {
                Some(value.parse::<i64>().map_err(|_| "fb-rate-error-value")?)
            };
            raw.push((item.to_owned(), parsed));
        } else if name == "comment" {
            comment = value.clone();
        }
    }
    if comment.chars().count() > MAX_COMMENT_CHARS {
        return Err("fb-rate-error-comment-long");
    }
    Ok((raw, comment))
}

/// `POST /rate/{token}`.
pub async fn submit(
    State(state): State<AppState>,
    ReqLang(lang): ReqLang,
    Path(token): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let context = load(&state, &token).await?;
    let tr = Tr(lang);
    let binding = fields
        .iter()
        .find(|(name, _)| name == "binding")
        .map(|(_, value)| value.as_str())
        .unwrap_or_default();
    if !constant_time_eq(binding.as_bytes(), form_binding(&token).as_bytes()) {
        return Err(WebError::Forbidden);
    }
    if context.state != RoundState::Open {
        return respond(
            StatusCode::GONE,
            &base_page(tr, &token, &context, Stage::Closed),
        );
    }
    let checked = read_form(&fields).and_then(|(raw, comment)| {
        check_answers(context.instrument, &raw)
            .map(|answers| (answers, comment))
            .map_err(|_| "fb-rate-error-value")
    });
    let (answers, comment) = match checked {
        Ok(checked) => checked,
        Err(message) => {
            let selected: Vec<(String, String)> = fields
                .iter()
                .filter_map(|(name, value)| {
                    name.strip_prefix(ITEM_FIELD_PREFIX)
                        .map(|id| (id.to_owned(), value.clone()))
                })
                .collect();
            let mut page = base_page(tr, &token, &context, Stage::Form);
            page.competencies = competencies(context.instrument, lang.tag() == "ja", &selected);
            page.error = Some(tr.t(message));
            return respond(StatusCode::UNPROCESSABLE_ENTITY, &page);
        }
    };
    let answers: Vec<(String, Option<u8>)> = answers
        .into_iter()
        .map(|answer| (answer.item_id, answer.value))
        .collect();
    match state
        .store
        .submit_feedback(
            &context.invitation.id,
            &answers,
            Some(comment.as_str()),
            chrono::Utc::now(),
        )
        .await
    {
        Ok(()) => respond(
            StatusCode::OK,
            &base_page(tr, &token, &context, Stage::Done),
        ),
        Err(StoreError::InvalidTransition { .. }) => respond(
            StatusCode::GONE,
            &base_page(tr, &token, &context, Stage::Closed),
        ),
        Err(error) => Err(error.into()),
    }
}
