//! `GET /c/{id}`: the public page of one credential, in Japanese or English, with the
//! verification this server just ran on it.
//!
//! The page reads the achievement from the store, so both languages are available even though
//! the signed credential carries only the language it was issued in.

use askama::Template;
use serde_json::Value;
use tsumiki_i18n::{Arg, Lang};
use tsumiki_store::{Achievement, CredentialRecord, CredentialState, Issuer};

use crate::api::offline::verify_value;
use crate::i18n::Tr;
use crate::pages::percent_encode;
use crate::public::report_view::ReportView;
use crate::{AppState, WebError};

#[derive(Template)]
#[template(path = "public/credential.html")]
pub struct CredentialPage {
    tr: Tr,
    stylesheet: &'static str,
    title: String,
    og_description: String,
    og_locale: &'static str,
    page_url: String,
    json_url: String,
    image_url: String,
    image_alt: String,
    state: &'static str,
    state_label: String,
    state_reason: Option<String>,
    issued_by: String,
    issued_to: String,
    issued_on: String,
    description: String,
    criteria: String,
    outcomes: Vec<String>,
    facts: Vec<(String, String)>,
    report: ReportView,
    downloads: Vec<(String, String)>,
    has_png: bool,
    linkedin_url: String,
    qr_svg: Option<String>,
}

/// `ja` when present in `lang`, else the other one.
pub fn pick<'a>(lang: Lang, ja: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Ja if !ja.trim().is_empty() => ja,
        Lang::En if !en.trim().is_empty() => en,
        Lang::Ja => en,
        Lang::En => ja,
    }
}

fn t(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    tsumiki_i18n::t(lang, id, args)
}

/// The back office's stylesheet (public pages share its look).
pub fn stylesheet(lang: Lang) -> &'static str {
    crate::pages::layout::Chrome::new(lang, None, None, "/").stylesheet
}

/// The credential's UUID, used in every public URL.
pub fn uuid_of(record: &CredentialRecord) -> &str {
    record.id.strip_prefix("urn:uuid:").unwrap_or(&record.id)
}

fn facts(achievement: &Achievement, lang: Lang) -> Vec<(String, String)> {
    let details = &achievement.details;
    let number = |value: f64| {
        if value.fract() == 0.0 {
            format!("{value:.0}")
        } else {
            format!("{value}")
        }
    };
    let mut facts = Vec::new();
    let mut push = |id: &str, value: Option<String>| {
        if let Some(value) = value.filter(|value| !value.trim().is_empty()) {
            facts.push((t(lang, id, &[]), value));
        }
    };
    push("pub-fact-type", Some(details.achievement_type.clone()));
    push("pub-fact-hours", details.hours.map(number));
    push("pub-fact-credits", details.credits.map(number));
    push("pub-fact-level", details.level.clone());
    push("pub-fact-assessment", details.assessment_type.clone());
    push("pub-fact-participation", details.participation_form.clone());
    push("pub-fact-quality", details.quality_assurance.clone());
    push("pub-fact-prerequisites", details.prerequisites.clone());
    push("pub-fact-stackability", details.stackability.clone());
    facts
}

/// LinkedIn's "add license or certification" link, prefilled.
pub fn linkedin_url(
    name: &str,
    organisation: &str,
    record: &CredentialRecord,
    page: &str,
) -> String {
    format!(
        "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name={}\
         &organizationName={}&issueYear={}&issueMonth={}&certUrl={}&certId={}",
        percent_encode(name),
        percent_encode(organisation),
        record.issued_at.format("%Y"),
        record.issued_at.format("%-m"),
        percent_encode(page),
        percent_encode(uuid_of(record)),
    )
}

/// Everything the page is made from.
pub struct PageInput<'a> {
    pub record: &'a CredentialRecord,
    pub issuer: &'a Issuer,
    pub achievement: &'a Achievement,
    pub recipient_name: &'a str,
    pub lang: Lang,
}

/// Renders the page (running the verification).
pub async fn render(state: &AppState, input: PageInput<'_>) -> Result<String, WebError> {
    let PageInput {
        record,
        issuer,
        achievement,
        recipient_name,
        lang,
    } = input;
    let credential: Value = serde_json::from_str(&record.credential_json)
        .map_err(|error| WebError::Internal(format!("stored credential: {error}")))?;
    let report = verify_value(state, &credential).await;
    let details = &achievement.details;
    let uuid = uuid_of(record);
    let page_url = format!("{}/c/{uuid}", state.base_url);
    let name = pick(lang, &details.name_ja, &details.name_en).to_owned();
    let issuer_name = pick(lang, &issuer.name_ja, &issuer.name_en).to_owned();
    let has_png = details
        .image
        .as_ref()
        .is_some_and(|image| image.media_type == "image/png");
    let image_url = format!("{page_url}.{}", if has_png { "png" } else { "svg" });
    let image_alt = details
        .image
        .as_ref()
        .map(|image| pick(lang, &image.alt_ja, &image.alt_en).to_owned())
        .filter(|alt| !alt.trim().is_empty())
        .unwrap_or_else(|| t(lang, "pub-image-alt-default", &[]));
    let (state_class, state_id) = match record.state {
        CredentialState::Active => ("active", "pub-state-active"),
        CredentialState::Revoked => ("revoked", "pub-state-revoked"),
        CredentialState::Suspended => ("suspended", "pub-state-suspended"),
    };
    let state_reason = match record.state {
        CredentialState::Active => None,
        _ => record
            .state_reason
            .as_ref()
            .map(|reason| t(lang, "pub-state-reason", &[("reason", reason.into())])),
    };
    let outcomes = match lang {
        Lang::Ja if !details.learning_outcomes_ja.is_empty() => &details.learning_outcomes_ja,
        Lang::En if !details.learning_outcomes_en.is_empty() => &details.learning_outcomes_en,
        Lang::Ja => &details.learning_outcomes_en,
        Lang::En => &details.learning_outcomes_ja,
    };
    let mut downloads = vec![
        (format!("/c/{uuid}.json"), t(lang, "pub-download-json", &[])),
        (format!("/c/{uuid}.jwt"), t(lang, "pub-download-jwt", &[])),
    ];
    if has_png {
        downloads.push((format!("/c/{uuid}.png"), t(lang, "pub-download-png", &[])));
    }
    downloads.push((format!("/c/{uuid}.svg"), t(lang, "pub-download-svg", &[])));
    let description = pick(lang, &details.description_ja, &details.description_en).to_owned();
    let page = CredentialPage {
        tr: Tr(lang),
        stylesheet: stylesheet(lang),
        og_description: format!(
            "{} — {}",
            t(
                lang,
                "pub-issued-by",
                &[("issuer", issuer_name.as_str().into())]
            ),
            description
        ),
        og_locale: match lang {
            Lang::Ja => "ja_JP",
            Lang::En => "en_US",
        },
        json_url: format!("{page_url}.json"),
        linkedin_url: linkedin_url(&name, &issuer_name, record, &page_url),
        image_url,
        image_alt,
        state: state_class,
        state_label: t(lang, state_id, &[]),
        state_reason,
        issued_by: t(
            lang,
            "pub-issued-by",
            &[("issuer", issuer_name.as_str().into())],
        ),
        issued_to: t(
            lang,
            "pub-issued-to",
            &[("recipient", recipient_name.into())],
        ),
        issued_on: t(
            lang,
            "pub-issued-on",
            &[(
                "date",
                record.issued_at.format("%Y-%m-%d").to_string().into(),
            )],
        ),
        description,
        criteria: pick(lang, &details.criteria_ja, &details.criteria_en).to_owned(),
        outcomes: outcomes.clone(),
        facts: facts(achievement, lang),
        report: ReportView::new(&report, lang),
        downloads,
        has_png,
        qr_svg: qr_svg(&page_url),
        title: name,
        page_url,
    };
    page.render()
        .map_err(|error| WebError::Internal(format!("rendering the credential page: {error}")))
}

/// The page URL as a QR code, so a printed certificate or a slide links back to live
/// verification. `None` only for a URL too long to encode, which the page then simply omits.
fn qr_svg(url: &str) -> Option<String> {
    let code = qrcode::QrCode::with_error_correction_level(url, qrcode::EcLevel::M).ok()?;
    Some(
        code.render::<qrcode::render::svg::Color<'_>>()
            .min_dimensions(160, 160)
            .build(),
    )
}
