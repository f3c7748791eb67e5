//! Steps 13–14 of expansion: each entry of a JSON object, keyword or property, and `@nest`.

use std::borrow::Cow;
use std::sync::Arc;

use serde_json::{Map, Value};

use super::object::{as_items, is_node_object};
use super::path::Segment;
use super::{Expander, add_value, list_object};
use crate::context::iri::{is_absolute_iri, is_keyword, is_well_formed_language};
use crate::context::{ActiveContext, Container, ContextSource, Flags, expand_iri};
use crate::error::{JsonLdError, JsonLdErrorCode};
use crate::members::has;

fn spec_error(code: &'static str, message: impl Into<String>) -> JsonLdError {
    JsonLdError::new(JsonLdErrorCode::Other(code), message)
}

fn is_value_or_list(value: &Value) -> bool {
    value
        .as_object()
        .is_some_and(|m| has(m, "@value") || has(m, "@list"))
}

/// The parts of an object's expansion that stay fixed while its entries are expanded.
pub(super) struct Scope<'s> {
    pub(super) active: &'s Arc<ActiveContext>,
    pub(super) type_scoped: &'s Arc<ActiveContext>,
    /// The node's (last) type is `@json`, so `@value` may hold any JSON.
    pub(super) json_literal: bool,
}

impl<'a> Expander<'a, '_> {
    pub(super) fn entries(
        &mut self,
        active: &Arc<ActiveContext>,
        type_scoped: &Arc<ActiveContext>,
        property: Option<&'a str>,
        element: &'a Map<String, Value>,
        json_literal: bool,
        result: &mut Map<String, Value>,
    ) -> Result<(), JsonLdError> {
        let scope = Scope {
            active,
            type_scoped,
            json_literal,
        };
        self.entries_in(&scope, property, element, result)
    }

    fn entries_in(
        &mut self,
        scope: &Scope<'_>,
        property: Option<&'a str>,
        element: &'a Map<String, Value>,
        result: &mut Map<String, Value>,
    ) -> Result<(), JsonLdError> {
        let mut nests: Vec<&'a str> = Vec::new();
        for (key, value) in element {
            if key == "@context" {
                continue;
            }
            self.at(Segment::Key(key), |this| {
                this.entry(scope, property, key, value, result, &mut nests)
            })?;
        }
        nests.sort_unstable();
        nests.dedup();
        for nest_key in nests {
            let Some(nested) = element.get(nest_key) else {
                continue;
            };
            self.at(Segment::Key(nest_key), |this| match nested {
                Value::Array(items) => {
                    for (index, item) in items.iter().enumerate() {
                        this.at(Segment::Index(index), |this| {
                            this.nested(scope, nest_key, item, result)
                        })?;
                    }
                    Ok(())
                }
                other => this.nested(scope, nest_key, other, result),
            })?;
        }
        Ok(())
    }

    fn nested(
        &mut self,
        scope: &Scope<'_>,
        nest_key: &'a str,
        item: &'a Value,
        result: &mut Map<String, Value>,
    ) -> Result<(), JsonLdError> {
        let Value::Object(map) = item else {
            return Err(spec_error(
                "invalid @nest value",
                "@nest values must be objects",
            ));
        };
        if map
            .keys()
            .any(|k| expand_iri(scope.active, k, false, true).as_deref() == Some("@value"))
        {
            return Err(spec_error(
                "invalid @nest value",
                "a nested object cannot be a value object",
            ));
        }
        let nest_term = scope.active.terms.get(nest_key);
        let Some((scoped, base)) =
            nest_term.and_then(|t| t.context.clone().map(|c| (c, t.base_url.clone())))
        else {
            return self.entries_in(scope, Some(nest_key), map, result);
        };
        let flags = Flags {
            override_protected: true,
            ..Flags::default()
        };
        let active = self.process_context(
            scope.active,
            ContextSource::Scoped(&scoped),
            base.as_ref(),
            flags,
        )?;
        let inner = Scope {
            active: &active,
            type_scoped: scope.type_scoped,
            json_literal: scope.json_literal,
        };
        self.entries_in(&inner, Some(nest_key), map, result)
    }

    fn entry(
        &mut self,
        scope: &Scope<'_>,
        property: Option<&'a str>,
        key: &'a str,
        value: &'a Value,
        result: &mut Map<String, Value>,
        nests: &mut Vec<&'a str>,
    ) -> Result<(), JsonLdError> {
        let active = scope.active;
        let term = active.terms.get(key);
        // With a term definition, IRI expansion (vocab) is its IRI mapping.
        let expanded = match term {
            Some(definition) => definition.iri.as_deref().map(Cow::Borrowed),
            None => expand_iri(active, key, false, true),
        };
        let expanded_property = match expanded {
            // Kept borrowed: the map key is allocated once, on insertion.
            Some(iri) if is_keyword(&iri) || iri.contains(':') => iri,
            other => {
                if self.env.safe_mode {
                    let why = match other {
                        None if active.terms.contains_key(key) => {
                            "the context maps it to null, so its value would be dropped"
                        }
                        None => "it looks like a keyword but is none, so it would be dropped",
                        Some(_) if active.terms.contains_key(key) => {
                            "its definition is not an absolute IRI, so it would be dropped"
                        }
                        Some(_) => "no context defines it",
                    };
                    return Err(self.safe_error_because(format!("undefined term \"{key}\""), why));
                }
                return Ok(());
            }
        };
        if is_keyword(&expanded_property) {
            return self.keyword_entry(
                scope,
                property,
                &expanded_property,
                key,
                value,
                result,
                nests,
            );
        }
        let container = term.as_ref().map(|t| t.container).unwrap_or_default();
        let indexed = container.has(Container::INDEX)
            || container.has(Container::TYPE)
            || container.has(Container::ID);
        let mut expanded = match value {
            _ if term.as_ref().and_then(|t| t.type_mapping.as_deref()) == Some("@json") => {
                let mut map = Map::new();
                map.insert("@value".to_owned(), value.clone());
                map.insert("@type".to_owned(), Value::String("@json".to_owned()));
                Value::Object(map)
            }
            Value::Object(map) if container.has(Container::LANGUAGE) => {
                self.language_map(active, term.map(Arc::as_ref), map)?
            }
            Value::Object(map) if indexed => {
                self.index_map(active, key, term.map(Arc::as_ref), container, map)?
            }
            _ => self.element(active, Some(key), value, false)?,
        };
        if expanded.is_null() {
            return Ok(());
        }
        if container.has(Container::LIST) && !expanded.as_object().is_some_and(|m| has(m, "@list"))
        {
            expanded = list_object(as_items(expanded));
        }
        if container.has(Container::GRAPH)
            && !container.has(Container::ID)
            && !container.has(Container::INDEX)
        {
            expanded = Value::Array(
                as_items(expanded)
                    .into_iter()
                    .map(|item| {
                        let mut graph = Map::new();
                        graph.insert("@graph".to_owned(), Value::Array(as_items(item)));
                        Value::Object(graph)
                    })
                    .collect(),
            );
        }
        if term.is_some_and(|t| t.reverse) {
            let reverse = result
                .entry("@reverse".to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            let Value::Object(reverse) = reverse else {
                return Err(spec_error(
                    "invalid reverse property map",
                    "@reverse is not an object",
                ));
            };
            for item in as_items(expanded) {
                if is_value_or_list(&item) {
                    return Err(spec_error(
                        "invalid reverse property value",
                        format!("reverse property \"{key}\" cannot have a value or list object"),
                    ));
                }
                add_value(reverse, &expanded_property, item);
            }
        } else {
            add_value(result, &expanded_property, expanded);
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn keyword_entry(
        &mut self,
        scope: &Scope<'_>,
        property: Option<&'a str>,
        keyword: &str,
        key: &'a str,
        value: &'a Value,
        result: &mut Map<String, Value>,
        nests: &mut Vec<&'a str>,
    ) -> Result<(), JsonLdError> {
        let active = scope.active;
        if property == Some("@reverse") {
            return Err(spec_error(
                "invalid reverse property map",
                format!("keyword {keyword} inside @reverse"),
            ));
        }
        let is_10 = self.env.is_10();
        if has(result, keyword) && keyword != "@included" && (keyword != "@type" || is_10) {
            return Err(spec_error(
                "colliding keywords",
                format!("{keyword} appears twice"),
            ));
        }
        let expanded: Value = match keyword {
            "@id" => {
                let id = self.expand_id(active, value)?;
                result.insert("@id".to_owned(), id);
                return Ok(());
            }
            "@type" => {
                let mut expanded = self.expand_type(scope.type_scoped, value)?;
                if let Some(existing) = result.remove("@type") {
                    let mut all = as_items(existing);
                    all.extend(as_items(expanded));
                    expanded = Value::Array(all);
                }
                expanded
            }
            "@graph" => Value::Array(as_items(self.element(
                active,
                Some("@graph"),
                value,
                false,
            )?)),
            "@included" => {
                if is_10 {
                    return self.ignored_in_10(keyword);
                }
                let included = as_items(self.element(active, Some("@included"), value, false)?);
                if !included.iter().all(is_node_object) {
                    return Err(spec_error(
                        "invalid @included value",
                        "@included values must be node objects",
                    ));
                }
                let mut all = result.remove("@included").map(as_items).unwrap_or_default();
                all.extend(included);
                Value::Array(all)
            }
            "@value" => {
                let expanded = if scope.json_literal {
                    if is_10 {
                        return Err(spec_error("invalid value object value", "@json needs 1.1"));
                    }
                    value.clone()
                } else if value.is_array() || value.is_object() {
                    return Err(spec_error(
                        "invalid value object value",
                        format!("@value must be a scalar or null, not {value}"),
                    ));
                } else {
                    value.clone()
                };
                result.insert("@value".to_owned(), expanded);
                return Ok(());
            }
            "@language" => match value {
                Value::String(language) => {
                    if self.env.safe_mode && !is_well_formed_language(language) {
                        return Err(self.safe_error(format!(
                            "invalid @language value \"{language}\": not a BCP 47 language tag"
                        )));
                    }
                    Value::String(language.to_lowercase())
                }
                other => {
                    return Err(spec_error(
                        "invalid language-tagged string",
                        format!("@language must be a string, not {other}"),
                    ));
                }
            },
            "@direction" => {
                if is_10 {
                    return self.ignored_in_10(keyword);
                }
                match value.as_str() {
                    Some("ltr" | "rtl") => value.clone(),
                    _ => {
                        return Err(spec_error(
                            "invalid base direction",
                            format!("@direction must be \"ltr\" or \"rtl\", not {value}"),
                        ));
                    }
                }
            }
            "@index" => match value {
                Value::String(_) => value.clone(),
                other => {
                    return Err(spec_error(
                        "invalid @index value",
                        format!("@index {other}"),
                    ));
                }
            },
            "@list" => {
                if matches!(property, None | Some("@graph")) {
                    if self.env.safe_mode {
                        return Err(self.safe_error("free-floating @list would be dropped"));
                    }
                    return Ok(());
                }
                Value::Array(as_items(self.element(active, property, value, false)?))
            }
            "@set" => self.element(active, property, value, false)?,
            "@reverse" => return self.expand_reverse(active, value, result),
            "@nest" => {
                nests.push(key);
                return Ok(());
            }
            _ => {
                if self.env.safe_mode {
                    return Err(self.safe_error(format!(
                        "keyword {keyword} has no meaning in a node object and would be ignored"
                    )));
                }
                return Ok(());
            }
        };
        if !expanded.is_null() {
            result.insert(keyword.to_owned(), expanded);
        }
        Ok(())
    }

    /// JSON-LD 1.0 ignores 1.1 keywords; safe mode refuses to drop them silently.
    fn ignored_in_10(&self, keyword: &str) -> Result<(), JsonLdError> {
        if self.env.safe_mode {
            return Err(self.safe_error(format!("{keyword} would be ignored in JSON-LD 1.0 mode")));
        }
        Ok(())
    }

    fn expand_id(&self, active: &ActiveContext, value: &Value) -> Result<Value, JsonLdError> {
        match value {
            Value::String(id) => match expand_iri(active, id, true, false) {
                Some(iri) => {
                    if self.env.safe_mode && !is_absolute_iri(&iri) {
                        return Err(self.safe_error(format!(
                            "relative @id reference \"{iri}\": no base IRI makes it absolute"
                        )));
                    }
                    Ok(Value::String(iri.into_owned()))
                }
                None => {
                    if self.env.safe_mode {
                        return Err(self.safe_error(format!(
                            "@id \"{id}\" has the form of a keyword and would be dropped"
                        )));
                    }
                    Ok(Value::Null)
                }
            },
            other => Err(spec_error(
                "invalid @id value",
                format!("@id must be a string, not {other}"),
            )),
        }
    }

    fn expand_type(
        &self,
        type_scoped: &ActiveContext,
        value: &Value,
    ) -> Result<Value, JsonLdError> {
        let strings: Vec<&str> = match value {
            Value::String(s) => vec![s.as_str()],
            Value::Array(items) => items
                .iter()
                .map(|item| {
                    item.as_str().ok_or_else(|| {
                        spec_error("invalid type value", format!("@type entry {item}"))
                    })
                })
                .collect::<Result<_, _>>()?,
            other => {
                return Err(spec_error(
                    "invalid type value",
                    format!("@type must be a string or array of strings, not {other}"),
                ));
            }
        };
        let mut types = Vec::with_capacity(strings.len());
        for type_value in strings {
            // An absolute result is the same with or without document-relative resolution,
            // and a relative one is what safe mode refuses.
            let expanded = match expand_iri(type_scoped, type_value, false, true) {
                Some(iri) if is_absolute_iri(&iri) => Some(iri),
                _ if self.env.safe_mode => {
                    return Err(self.safe_error(format!(
                        "relative @type reference \"{type_value}\": no context defines this type"
                    )));
                }
                _ => expand_iri(type_scoped, type_value, true, true),
            };
            if let Some(iri) = expanded {
                types.push(Value::String(iri.into_owned()));
            }
        }
        Ok(match (value, types.pop()) {
            (Value::String(_), Some(single)) => single,
            (_, last) => {
                types.extend(last);
                Value::Array(types)
            }
        })
    }

    fn expand_reverse(
        &mut self,
        active: &Arc<ActiveContext>,
        value: &'a Value,
        result: &mut Map<String, Value>,
    ) -> Result<(), JsonLdError> {
        if !value.is_object() {
            return Err(spec_error(
                "invalid @reverse value",
                "@reverse must be an object",
            ));
        }
        let expanded = self.element(active, Some("@reverse"), value, false)?;
        let Value::Object(mut expanded) = expanded else {
            return Ok(());
        };
        if let Some(Value::Object(double)) = expanded.remove("@reverse") {
            for (reverse_property, items) in double {
                add_value(result, &reverse_property, items);
            }
        }
        if !expanded.is_empty() {
            let reverse = result
                .entry("@reverse".to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            let Value::Object(reverse) = reverse else {
                return Err(spec_error(
                    "invalid @reverse value",
                    "@reverse is not an object",
                ));
            };
            for (reverse_property, items) in expanded {
                for item in as_items(items) {
                    if is_value_or_list(&item) {
                        return Err(spec_error(
                            "invalid reverse property value",
                            format!("{reverse_property} has a value or list object"),
                        ));
                    }
                    add_value(reverse, &reverse_property, item);
                }
            }
        }
        Ok(())
    }
}
