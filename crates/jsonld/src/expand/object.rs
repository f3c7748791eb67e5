//! Expansion of a JSON object: context selection (steps 7–12) and the final shaping of the
//! result into a node, value, list or set object (steps 15–19).

use std::sync::Arc;

use serde_json::{Map, Value};

use super::path::Segment;
use super::{Expander, into_array};
use crate::context::iri::is_iri;
use crate::context::{ActiveContext, ContextSource, Flags, expand_iri};
use crate::error::{JsonLdError, JsonLdErrorCode};
use crate::members::{has, member, member_mut};

fn spec_error(code: &'static str, message: impl Into<String>) -> JsonLdError {
    JsonLdError::new(JsonLdErrorCode::Other(code), message)
}

fn expands_to(context: &ActiveContext, key: &str, keyword: &str) -> bool {
    context.key_is(key, keyword)
}

impl<'a> Expander<'a, '_> {
    pub(super) fn object(
        &mut self,
        active: &Arc<ActiveContext>,
        property: Option<&'a str>,
        property_scoped: Option<(Arc<Value>, Option<Arc<str>>)>,
        element: &'a Map<String, Value>,
        from_map: bool,
    ) -> Result<Value, JsonLdError> {
        let mut active = Arc::clone(active);

        // 7: a type-scoped (non-propagated) context ends at a new node object.
        if let Some(previous) = active.previous.clone()
            && !from_map
        {
            let is_value = element.keys().any(|key| expands_to(&active, key, "@value"));
            let only_id = element.len() == 1
                && element
                    .keys()
                    .next()
                    .is_some_and(|key| expands_to(&active, key, "@id"));
            if !is_value && !only_id {
                active = previous;
            }
        }
        // 8: property-scoped context.
        if let Some((scoped, base)) = property_scoped {
            let flags = Flags {
                override_protected: true,
                ..Flags::default()
            };
            active = self.process_context(
                &active,
                ContextSource::Scoped(&scoped),
                base.as_ref(),
                flags,
            )?;
        }
        // 9: embedded context.
        if let Some(local) = member(element, "@context") {
            let base = self.base_url.clone();
            active = self.at(Segment::Key("@context"), |this| {
                this.process_context(
                    &active,
                    ContextSource::Document(local),
                    base.as_ref(),
                    Flags::default(),
                )
            })?;
        }
        // 10–11: type-scoped contexts, in lexicographical order of key and of type.
        let type_scoped = Arc::clone(&active);
        let mut type_keys: Vec<&'a String> = element
            .keys()
            .filter(|key| expands_to(&active, key, "@type"))
            .collect();
        type_keys.sort();
        for key in &type_keys {
            let mut types: Vec<&'a str> = match &element[key.as_str()] {
                Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
                Value::String(single) => vec![single.as_str()],
                _ => Vec::new(),
            };
            types.sort_unstable();
            for type_term in types {
                if let Some(term) = type_scoped.terms.get(type_term)
                    && let Some(scoped) = term.context.clone()
                {
                    let flags = Flags {
                        propagate: false,
                        ..Flags::default()
                    };
                    let base = term.base_url.clone();
                    active = self.at(Segment::Key(key), |this| {
                        this.process_context(
                            &active,
                            ContextSource::Scoped(&scoped),
                            base.as_ref(),
                            flags,
                        )
                    })?;
                }
            }
        }
        // 12: the input type decides whether @value is JSON.
        let json_literal = type_keys
            .first()
            .and_then(|key| match &element[key.as_str()] {
                Value::Array(items) => items.last().and_then(Value::as_str),
                Value::String(single) => Some(single.as_str()),
                _ => None,
            })
            .is_some_and(|t| expand_iri(&active, t, true, true).as_deref() == Some("@json"));

        let mut result = Map::with_capacity(element.len());
        self.entries(
            &active,
            &type_scoped,
            property,
            element,
            json_literal,
            &mut result,
        )?;
        self.shape(result, property)
    }

    /// Steps 15–19: validate and simplify the collected entries.
    fn shape(
        &self,
        mut result: Map<String, Value>,
        property: Option<&str>,
    ) -> Result<Value, JsonLdError> {
        if let Some(value) = member(&result, "@value") {
            if let Some(extra) = result.keys().find(|key| {
                !matches!(
                    key.as_str(),
                    "@direction" | "@index" | "@language" | "@type" | "@value"
                )
            }) {
                return Err(spec_error(
                    "invalid value object",
                    format!("a value object cannot have {extra}"),
                ));
            }
            if has(&result, "@type") && (has(&result, "@language") || has(&result, "@direction")) {
                return Err(spec_error(
                    "invalid value object",
                    "a value object cannot have both @type and @language/@direction",
                ));
            }
            let json = member(&result, "@type").and_then(Value::as_str) == Some("@json");
            if !json {
                if value.is_null() {
                    if self.env.safe_mode {
                        return Err(
                            self.safe_error("value object with @value null would be dropped")
                        );
                    }
                    return Ok(Value::Null);
                }
                if !value.is_string() && has(&result, "@language") {
                    return Err(spec_error(
                        "invalid language-tagged value",
                        format!("@language on non-string value {value}"),
                    ));
                }
                if let Some(datatype) = member(&result, "@type")
                    && !datatype.as_str().is_some_and(is_iri)
                {
                    return Err(spec_error(
                        "invalid typed value",
                        format!("@type {datatype} of a value object is not an IRI"),
                    ));
                }
            }
        } else if let Some(types) = member_mut(&mut result, "@type") {
            if !types.is_array() {
                let single = types.take();
                *types = Value::Array(vec![single]);
            }
        } else if has(&result, "@set") || has(&result, "@list") {
            let others = result
                .keys()
                .filter(|k| !matches!(k.as_str(), "@set" | "@list"))
                .count();
            let ok = result.len() <= 2
                && (others == 0 || (others == 1 && has(&result, "@index")))
                && !(has(&result, "@set") && has(&result, "@list"));
            if !ok {
                return Err(spec_error(
                    "invalid set or list object",
                    "@set/@list may only be combined with @index",
                ));
            }
            if let Some(set) = result.remove("@set") {
                return Ok(set);
            }
        }
        if result.len() == 1 && has(&result, "@language") {
            if self.env.safe_mode {
                return Err(self.safe_error("object with only @language would be dropped"));
            }
            return Ok(Value::Null);
        }
        if matches!(property, None | Some("@graph")) {
            let drop = if result.is_empty() {
                Some("empty object")
            } else if has(&result, "@value") {
                Some("free-floating value object")
            } else if has(&result, "@list") {
                Some("free-floating list object")
            } else if result.len() == 1 && has(&result, "@id") {
                Some("free-floating object with only @id")
            } else {
                None
            };
            if let Some(reason) = drop {
                if self.env.safe_mode {
                    return Err(self.safe_error(format!("{reason} would be dropped")));
                }
                return Ok(Value::Null);
            }
        }
        Ok(Value::Object(result))
    }
}

/// A node object for `@included`: not a value, list or set object.
pub(super) fn is_node_object(value: &Value) -> bool {
    match value {
        Value::Object(map) => !has(map, "@value") && !has(map, "@list") && !has(map, "@set"),
        _ => false,
    }
}

pub(super) fn is_graph_object(value: &Value) -> bool {
    match value {
        Value::Object(map) => {
            has(map, "@graph")
                && map
                    .keys()
                    .all(|k| matches!(k.as_str(), "@graph" | "@id" | "@index" | "@context"))
        }
        _ => false,
    }
}

pub(super) fn as_items(value: Value) -> Vec<Value> {
    into_array(value)
}
