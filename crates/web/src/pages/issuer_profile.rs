//! The human view of an issuer's public profile: what a learner or employer sees after
//! following the issuer link of a credential. The same URL serves the OB Profile JSON-LD to
//! programs.

use askama::Template;
use axum::response::Html;
use tsumiki_i18n::Lang;
use tsumiki_store::{IdentifierKind, Issuer};

use crate::WebError;
use crate::i18n::Tr;
use crate::pages::layout::{Chrome, page};

#[derive(Template)]
#[template(path = "issuer_profile.html")]
struct IssuerProfilePage {
    tr: Tr,
    chrome: Chrome,
    /// Name in the page language (the other language below it when it differs).
    name: String,
    other_name: Option<String>,
    url: String,
    identifier: String,
    slug: String,
    did_document: bool,
}

/// The page for `issuer` in `lang`.
pub fn render(lang: Lang, issuer: &Issuer) -> Result<Html<String>, WebError> {
    let (first, second) = match lang {
        Lang::Ja => (&issuer.name_ja, &issuer.name_en),
        Lang::En => (&issuer.name_en, &issuer.name_ja),
    };
    let (name, other_name) = if first.is_empty() {
        (second.clone(), None)
    } else {
        let other = (!second.is_empty() && second != first).then(|| second.clone());
        (first.clone(), other)
    };
    page(&IssuerProfilePage {
        tr: Tr(lang),
        chrome: Chrome::new(lang, None, None, &format!("/issuers/{}", issuer.slug)),
        name,
        other_name,
        url: issuer.url.clone(),
        identifier: issuer.identifier.clone(),
        slug: issuer.slug.clone(),
        did_document: issuer.identifier_kind == IdentifierKind::DidWeb,
    })
}
