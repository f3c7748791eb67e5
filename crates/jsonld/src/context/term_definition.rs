//! Create Term Definition (JSON-LD 1.1 API §4.2.2).

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::{Map, Value};

use super::container::parse_container;
use super::iri::{
    ends_with_gen_delim, has_keyword_form, is_absolute_iri, is_keyword, is_well_formed_language,
};
use super::processing::{self, Env, Flags, safe_error, spec_error};
use super::{ActiveContext, Container, Direction, TermDefinition, expand_iri};
use crate::error::{JsonLdError, JsonLdErrorCode};

/// State shared by all term definitions of one local context.
pub(crate) struct TermDefiner<'e, 's> {
    pub(crate) env: &'e Env<'s>,
    pub(crate) local: &'e Map<String, Value>,
    /// `false` while a term is being defined (cycle detection), `true` once done.
    pub(crate) defined: HashMap<String, bool>,
    pub(crate) base_url: Option<Arc<str>>,
    pub(crate) protected: bool,
    pub(crate) override_protected: bool,
    pub(crate) remote: Vec<String>,
}

impl TermDefiner<'_, '_> {
    /// IRI expansion during context definition: first defines the terms `value` depends on.
    fn expand_iri(
        &mut self,
        context: &mut ActiveContext,
        value: &str,
        document_relative: bool,
        vocab: bool,
    ) -> Result<Option<String>, JsonLdError> {
        if !is_keyword(value) && !has_keyword_form(value) {
            if self.local.contains_key(value) && self.defined.get(value) != Some(&true) {
                create_term_definition(self, context, value)?;
            }
            if let Some(colon) = value
                .get(1..)
                .and_then(|rest| rest.find(':'))
                .map(|i| i + 1)
            {
                let prefix = &value[..colon];
                let suffix = &value[colon + 1..];
                if prefix != "_"
                    && !suffix.starts_with("//")
                    && self.local.contains_key(prefix)
                    && self.defined.get(prefix) != Some(&true)
                {
                    create_term_definition(self, context, prefix)?;
                }
            }
        }
        Ok(expand_iri(context, value, document_relative, vocab).map(|iri| iri.into_owned()))
    }
}

const ALLOWED_ENTRIES: [&str; 11] = [
    "@id",
    "@reverse",
    "@container",
    "@context",
    "@direction",
    "@index",
    "@language",
    "@nest",
    "@prefix",
    "@protected",
    "@type",
];

pub(super) fn invalid(code: &'static str, term: &str, what: impl std::fmt::Display) -> JsonLdError {
    spec_error(code, format!("term \"{term}\": {what}"))
}

pub(crate) fn create_term_definition(
    definer: &mut TermDefiner<'_, '_>,
    context: &mut ActiveContext,
    term: &str,
) -> Result<(), JsonLdError> {
    match definer.defined.get(term) {
        Some(true) => return Ok(()),
        Some(false) => {
            return Err(invalid(
                "cyclic IRI mapping",
                term,
                "its IRI mapping depends on itself",
            ));
        }
        None => {}
    }
    if term.is_empty() {
        return Err(spec_error(
            "invalid term definition",
            "the empty string cannot be a term",
        ));
    }
    definer.env.charge()?;
    definer.defined.insert(term.to_owned(), false);
    let value = definer.local.get(term).cloned().unwrap_or(Value::Null);
    let env = definer.env;

    if term == "@type" {
        if env.is_10() {
            return Err(invalid(
                "keyword redefinition",
                term,
                "@type cannot be redefined in 1.0",
            ));
        }
        let ok = match &value {
            Value::Object(map) => {
                !map.is_empty()
                    && map.iter().all(|(key, entry)| match key.as_str() {
                        "@container" => entry.as_str() == Some("@set"),
                        "@protected" => true,
                        _ => false,
                    })
            }
            _ => false,
        };
        if !ok {
            return Err(invalid(
                "keyword redefinition",
                term,
                "@type may only be given @container: @set and @protected",
            ));
        }
    } else if is_keyword(term) {
        return Err(invalid(
            "keyword redefinition",
            term,
            "keywords cannot be redefined",
        ));
    } else if has_keyword_form(term) {
        if env.safe_mode {
            return Err(safe_error(format!(
                "reserved term \"{term}\" in a context: terms of the form @letters are ignored"
            )));
        }
        definer.defined.insert(term.to_owned(), true);
        return Ok(());
    }

    let previous = context.terms.remove(term);
    let (map, simple_term) = match value {
        Value::Null => {
            let mut map = Map::new();
            map.insert("@id".to_owned(), Value::Null);
            (map, false)
        }
        Value::String(iri) => {
            let mut map = Map::new();
            map.insert("@id".to_owned(), Value::String(iri));
            (map, true)
        }
        Value::Object(map) => (map, false),
        other => {
            return Err(invalid(
                "invalid term definition",
                term,
                format!("a definition must be null, a string or an object, not {other}"),
            ));
        }
    };
    let mut definition = TermDefinition {
        base_url: definer.base_url.clone(),
        ..TermDefinition::default()
    };

    definition.protected = match map.get("@protected") {
        None => definer.protected,
        Some(_) if env.is_10() => {
            return Err(invalid(
                "invalid term definition",
                term,
                "@protected needs JSON-LD 1.1",
            ));
        }
        Some(Value::Bool(protected)) => *protected,
        Some(other) => {
            return Err(invalid(
                "invalid @protected value",
                term,
                format!("@protected {other}"),
            ));
        }
    };

    if let Some(type_value) = map.get("@type") {
        let Value::String(type_value) = type_value else {
            return Err(invalid(
                "invalid type mapping",
                term,
                "@type must be a string",
            ));
        };
        let expanded = definer.expand_iri(context, type_value, false, true)?;
        let ok = match expanded.as_deref() {
            Some("@json" | "@none") => !env.is_10(),
            Some("@id" | "@vocab") => true,
            Some(iri) => is_absolute_iri(iri) && !iri.starts_with("_:"),
            None => false,
        };
        if !ok {
            return Err(invalid(
                "invalid type mapping",
                term,
                format!("@type \"{type_value}\""),
            ));
        }
        definition.type_mapping = expanded;
    }

    if let Some(reverse) = map.get("@reverse") {
        if map.contains_key("@id") || map.contains_key("@nest") {
            return Err(invalid(
                "invalid reverse property",
                term,
                "@reverse cannot be combined with @id or @nest",
            ));
        }
        let Value::String(reverse) = reverse else {
            return Err(invalid(
                "invalid IRI mapping",
                term,
                "@reverse must be a string",
            ));
        };
        if has_keyword_form(reverse) {
            if env.safe_mode {
                return Err(safe_error(format!(
                    "term \"{term}\": reserved @reverse value \"{reverse}\" would be ignored"
                )));
            }
            definer.defined.insert(term.to_owned(), true);
            return Ok(());
        }
        let iri = definer.expand_iri(context, reverse, false, true)?;
        match iri {
            Some(iri) if is_absolute_iri(&iri) => definition.iri = Some(iri),
            _ => {
                return Err(invalid(
                    "invalid IRI mapping",
                    term,
                    format!("@reverse \"{reverse}\""),
                ));
            }
        }
        if let Some(container) = map.get("@container") {
            match container {
                Value::Null => {}
                Value::String(c) if c == "@set" || c == "@index" => {
                    definition.container = Container(Container::flag_of(c).unwrap_or(0));
                }
                other => {
                    return Err(invalid(
                        "invalid reverse property",
                        term,
                        format!("@container {other} on a reverse property"),
                    ));
                }
            }
        }
        definition.reverse = true;
    }

    let id = map.get("@id");
    if definition.reverse {
        // The IRI mapping came from @reverse.
    } else if let Some(id) = id.filter(|id| id.as_str() != Some(term)) {
        match id {
            Value::Null => definition.iri = None,
            Value::String(id) => {
                if !is_keyword(id) && has_keyword_form(id) {
                    if env.safe_mode {
                        return Err(safe_error(format!(
                            "term \"{term}\": reserved @id value \"{id}\" would be ignored"
                        )));
                    }
                    definer.defined.insert(term.to_owned(), true);
                    return Ok(());
                }
                let iri = definer.expand_iri(context, id, false, true)?;
                match iri.as_deref() {
                    Some("@context") => {
                        return Err(invalid("invalid keyword alias", term, "@context alias"));
                    }
                    Some(iri) if is_keyword(iri) || is_absolute_iri(iri) => {}
                    _ => {
                        return Err(invalid(
                            "invalid IRI mapping",
                            term,
                            format!("@id \"{id}\""),
                        ));
                    }
                }
                definition.iri = iri;
                let inner_colon = term
                    .char_indices()
                    .any(|(i, c)| c == ':' && i > 0 && i + 1 < term.len());
                if inner_colon || term.contains('/') {
                    definer.defined.insert(term.to_owned(), true);
                    let own = definer.expand_iri(context, term, false, true)?;
                    if own != definition.iri {
                        return Err(invalid(
                            "invalid IRI mapping",
                            term,
                            "a term that looks like an IRI must expand to that IRI",
                        ));
                    }
                }
                if !term.contains(':')
                    && !term.contains('/')
                    && simple_term
                    && let Some(iri) = definition.iri.as_deref()
                    && (ends_with_gen_delim(iri) || iri.starts_with("_:"))
                {
                    definition.prefix = true;
                }
            }
            other => {
                return Err(invalid("invalid IRI mapping", term, format!("@id {other}")));
            }
        }
    } else if let Some(colon) = term.get(1..).and_then(|rest| rest.find(':')).map(|i| i + 1) {
        let prefix = &term[..colon];
        let suffix = &term[colon + 1..];
        if definer.local.contains_key(prefix) {
            create_term_definition(definer, context, prefix)?;
        }
        definition.iri = match context.terms.get(prefix).and_then(|p| p.iri.as_deref()) {
            Some(prefix_iri) if prefix != "_" => Some(format!("{prefix_iri}{suffix}")),
            _ => Some(term.to_owned()),
        };
    } else if term.contains('/') {
        let iri = expand_iri(context, term, false, true).map(|iri| iri.into_owned());
        match iri {
            Some(iri) if is_absolute_iri(&iri) => definition.iri = Some(iri),
            _ => {
                return Err(invalid("invalid IRI mapping", term, "relative IRI term"));
            }
        }
    } else if term == "@type" {
        definition.iri = Some("@type".to_owned());
    } else if let Some(vocab) = context.vocab.as_deref() {
        definition.iri = Some(format!("{vocab}{term}"));
    } else {
        return Err(invalid(
            "invalid IRI mapping",
            term,
            "no @id and no @vocab to derive an IRI from",
        ));
    }

    if let Some(container) = map.get("@container")
        && !definition.reverse
    {
        definition.container = parse_container(env, term, container)?;
        if definition.container.has(Container::TYPE) {
            match definition.type_mapping.as_deref() {
                None => definition.type_mapping = Some("@id".to_owned()),
                Some("@id" | "@vocab") => {}
                Some(other) => {
                    return Err(invalid(
                        "invalid type mapping",
                        term,
                        format!("@type container needs @id or @vocab, not {other}"),
                    ));
                }
            }
        }
    }

    if let Some(index) = map.get("@index") {
        if env.is_10() || !definition.container.has(Container::INDEX) {
            return Err(invalid(
                "invalid term definition",
                term,
                "@index needs an @index container",
            ));
        }
        let Value::String(index) = index else {
            return Err(invalid(
                "invalid term definition",
                term,
                "@index must be a string",
            ));
        };
        let expanded = definer.expand_iri(context, index, false, true)?;
        if is_keyword(index) || !expanded.as_deref().is_some_and(is_absolute_iri) {
            return Err(invalid(
                "invalid term definition",
                term,
                format!("@index \"{index}\""),
            ));
        }
        definition.index = Some(index.clone());
    }

    if let Some(scoped) = map.get("@context") {
        if env.is_10() {
            return Err(invalid(
                "invalid term definition",
                term,
                "scoped contexts need 1.1",
            ));
        }
        let shared = context.clone().share();
        let flags = Flags {
            override_protected: true,
            propagate: true,
            validate_scoped: false,
        };
        let base_url = definer.base_url.clone();
        if let Err(err) = processing::process(
            env,
            &shared,
            scoped,
            base_url.as_ref(),
            &definer.remote,
            flags,
        ) {
            if matches!(
                err.code,
                JsonLdErrorCode::SafeMode
                    | JsonLdErrorCode::LoadingRemoteContextFailed
                    | JsonLdErrorCode::LimitExceeded
            ) {
                return Err(err);
            }
            return Err(invalid("invalid scoped context", term, err));
        }
        definition.context = Some(Arc::new(scoped.clone()));
    }

    if let Some(language) = map.get("@language")
        && !map.contains_key("@type")
    {
        definition.language = Some(match language {
            Value::Null => None,
            Value::String(language) => {
                if env.safe_mode && !is_well_formed_language(language) {
                    return Err(safe_error(format!(
                        "term \"{term}\": invalid @language value \"{language}\""
                    )));
                }
                Some(language.to_lowercase())
            }
            other => {
                return Err(invalid(
                    "invalid language mapping",
                    term,
                    format!("@language {other}"),
                ));
            }
        });
    }

    if let Some(direction) = map.get("@direction")
        && !map.contains_key("@type")
    {
        definition.direction = Some(match direction {
            Value::Null => None,
            Value::String(d) if Direction::parse(d).is_some() => Direction::parse(d),
            other => {
                return Err(invalid(
                    "invalid base direction",
                    term,
                    format!("@direction {other}"),
                ));
            }
        });
    }

    if let Some(nest) = map.get("@nest") {
        if env.is_10() {
            return Err(invalid(
                "invalid term definition",
                term,
                "@nest needs JSON-LD 1.1",
            ));
        }
        match nest {
            Value::String(nest) if nest == "@nest" || !is_keyword(nest) => {
                definition.nest = Some(nest.clone());
            }
            other => {
                return Err(invalid(
                    "invalid @nest value",
                    term,
                    format!("@nest {other}"),
                ));
            }
        }
    }

    if let Some(prefix) = map.get("@prefix") {
        if env.is_10() || term.contains(':') || term.contains('/') {
            return Err(invalid(
                "invalid term definition",
                term,
                "@prefix not allowed here",
            ));
        }
        let Value::Bool(prefix) = prefix else {
            return Err(invalid(
                "invalid @prefix value",
                term,
                "@prefix must be a boolean",
            ));
        };
        definition.prefix = *prefix;
        if *prefix && definition.iri.as_deref().is_some_and(is_keyword) {
            return Err(invalid(
                "invalid term definition",
                term,
                "a keyword cannot be a prefix",
            ));
        }
    }

    for key in map.keys() {
        if !ALLOWED_ENTRIES.contains(&key.as_str()) {
            return Err(invalid(
                "invalid term definition",
                term,
                format!("entry {key}"),
            ));
        }
    }
    finish(definer, context, term, definition, previous)
}

fn finish(
    definer: &mut TermDefiner<'_, '_>,
    context: &mut ActiveContext,
    term: &str,
    definition: TermDefinition,
    previous: Option<Arc<TermDefinition>>,
) -> Result<(), JsonLdError> {
    let definition = match previous {
        Some(previous) if !definer.override_protected && previous.protected => {
            if !definition.same_as(&previous) {
                return Err(invalid(
                    "protected term redefinition",
                    term,
                    "a protected term cannot be redefined differently",
                ));
            }
            previous
        }
        _ => Arc::new(definition),
    };
    context.terms.insert(term.to_owned(), definition);
    definer.defined.insert(term.to_owned(), true);
    Ok(())
}
