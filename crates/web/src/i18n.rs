//! Which language a page speaks, and the helper templates use to look messages up.
//!
//! Order of precedence: an explicit `?lang=` (links shared with a language), then the cookie
//! the ja/en switch sets, then the browser's `Accept-Language`, then Japanese (the platform's
//! primary audience).

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::http::request::Parts;
use tsumiki_i18n::{Arg, Lang};

use crate::auth::cookies;

/// The language for a request.
pub fn lang_from(headers: &HeaderMap, query_lang: Option<&str>, cookie: Option<&str>) -> Lang {
    query_lang
        .and_then(Lang::from_tag)
        .or_else(|| cookie.and_then(Lang::from_tag))
        .or_else(|| accept_language(headers))
        .unwrap_or(Lang::Ja)
}

/// The best of ja/en in `Accept-Language` by quality value; the earlier one wins ties.
fn accept_language(headers: &HeaderMap) -> Option<Lang> {
    let header = headers.get(ACCEPT_LANGUAGE)?.to_str().ok()?;
    let mut best: Option<(Lang, f32)> = None;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let Some(lang) = parts.next().map(str::trim).and_then(Lang::from_tag) else {
            continue;
        };
        let quality = parts
            .filter_map(|param| param.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if quality > 0.0 && best.is_none_or(|(_, q)| quality > q) {
            best = Some((lang, quality));
        }
    }
    best.map(|(lang, _)| lang)
}

/// The `lang` query parameter, read without failing on other parameters.
fn query_lang(parts: &Parts) -> Option<String> {
    parts.uri.query().and_then(|query| {
        query
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(key, _)| *key == "lang")
            .map(|(_, value)| value.to_owned())
    })
}

/// Extractor: the request's language (never fails).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReqLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for ReqLang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(ReqLang(request_lang(parts)))
    }
}

/// The language of a request from its parts (used by extractors and middleware alike).
pub fn request_lang(parts: &Parts) -> Lang {
    let cookie = cookies::get(&parts.headers, cookies::LANG_COOKIE);
    lang_from(
        &parts.headers,
        query_lang(parts).as_deref(),
        cookie.as_deref(),
    )
}

/// Message lookup for templates: `{{ tr.t("web-login-title") }}`.
#[derive(Debug, Clone, Copy)]
pub struct Tr(pub Lang);

impl Tr {
    /// The message `id`.
    pub fn t(&self, id: &str) -> String {
        tsumiki_i18n::t(self.0, id, &[])
    }

    /// The message `id` with one named argument.
    pub fn t1(&self, id: &str, name: &str, value: &str) -> String {
        tsumiki_i18n::t(self.0, id, &[(name, Arg::from(value))])
    }

    /// The message `id` with one numeric argument (plural forms).
    pub fn n(&self, id: &str, name: &str, value: i64) -> String {
        tsumiki_i18n::t(self.0, id, &[(name, Arg::from(value))])
    }

    /// The BCP 47 tag for `<html lang>`.
    pub fn tag(&self) -> &'static str {
        self.0.tag()
    }

    /// The other language, for the switch.
    pub fn other(&self) -> &'static str {
        match self.0 {
            Lang::Ja => "en",
            Lang::En => "ja",
        }
    }
}
