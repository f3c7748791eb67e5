//! IRI Expansion (JSON-LD 1.1 API §5.2) against a finished active context.
//!
//! While a context is being defined, the caller first creates the term definitions the
//! value depends on (see `term_definition`) and then uses this same read-only function.

use std::borrow::Cow;

use super::ActiveContext;
use super::iri::{has_keyword_form, is_absolute_iri, is_keyword, resolve};

/// Expands `value`; `None` means the value maps to null (e.g. a term defined as null).
pub(crate) fn expand_iri<'a>(
    context: &'a ActiveContext,
    value: &'a str,
    document_relative: bool,
    vocab: bool,
) -> Option<Cow<'a, str>> {
    if is_keyword(value) {
        return Some(Cow::Borrowed(value));
    }
    if has_keyword_form(value) {
        return None;
    }
    if let Some(term) = context.terms.get(value) {
        if let Some(iri) = term.iri.as_deref()
            && is_keyword(iri)
        {
            return Some(Cow::Borrowed(iri));
        }
        if vocab {
            return term.iri.as_deref().map(Cow::Borrowed);
        }
    }
    if let Some(colon) = value
        .get(1..)
        .and_then(|rest| rest.find(':'))
        .map(|i| i + 1)
    {
        let prefix = &value[..colon];
        let suffix = &value[colon + 1..];
        if prefix == "_" || suffix.starts_with("//") {
            return Some(Cow::Borrowed(value));
        }
        if let Some(term) = context.terms.get(prefix)
            && term.prefix
            && let Some(iri) = term.iri.as_deref()
        {
            return Some(Cow::Owned(format!("{iri}{suffix}")));
        }
        if is_absolute_iri(value) {
            return Some(Cow::Borrowed(value));
        }
    }
    if vocab && let Some(vocab_iri) = context.vocab.as_deref() {
        return Some(Cow::Owned(format!("{vocab_iri}{value}")));
    }
    if document_relative && let Some(base) = context.base.as_deref() {
        return Some(Cow::Owned(resolve(base, value)));
    }
    Some(Cow::Borrowed(value))
}
