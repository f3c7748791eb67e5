//! Language maps and index-like maps (`@index`, `@id`, `@type` containers), steps 13.7–13.8.

use std::sync::Arc;

use serde_json::{Map, Value};

use super::object::{as_items, is_graph_object};
use super::path::Segment;
use super::{Expander, expand_value};
use crate::context::iri::{is_absolute_iri, is_well_formed_language};
use crate::context::{ActiveContext, Container, ContextSource, Flags, TermDefinition, expand_iri};
use crate::error::{JsonLdError, JsonLdErrorCode};
use crate::members::has;

fn spec_error(code: &'static str, message: impl Into<String>) -> JsonLdError {
    JsonLdError::new(JsonLdErrorCode::Other(code), message)
}

/// How one key of an index-like map annotates the items under it.
struct MapKey<'k> {
    container: Container,
    index_key: &'k str,
    index: &'k str,
    expanded_index: Option<&'k str>,
}

impl<'a> Expander<'a, '_> {
    pub(super) fn language_map(
        &mut self,
        active: &Arc<ActiveContext>,
        term: Option<&TermDefinition>,
        map: &'a Map<String, Value>,
    ) -> Result<Value, JsonLdError> {
        let direction = match term.and_then(|t| t.direction) {
            Some(direction) => direction,
            None => active.default_direction,
        };
        let mut expanded = Vec::new();
        for (language, values) in map {
            if self.env.safe_mode && language != "@none" && !is_well_formed_language(language) {
                self.path.push(Segment::Key(language));
                let err = self.safe_error(format!(
                    "invalid @language value \"{language}\": not a BCP 47 language tag"
                ));
                self.path.pop();
                return Err(err);
            }
            let items: &[Value] = match values {
                Value::Array(items) => items,
                other => std::slice::from_ref(other),
            };
            let none = language == "@none"
                || expand_iri(active, language, false, true).as_deref() == Some("@none");
            for item in items {
                let string = match item {
                    Value::Null => continue,
                    Value::String(string) => string,
                    other => {
                        return Err(spec_error(
                            "invalid language map value",
                            format!("language map values must be strings, not {other}"),
                        ))
                        .map_err(|err| err.at(self.path_string()));
                    }
                };
                let mut value = Map::new();
                value.insert("@value".to_owned(), Value::String(string.clone()));
                if !none {
                    value.insert(
                        "@language".to_owned(),
                        Value::String(language.to_lowercase()),
                    );
                }
                if let Some(direction) = direction {
                    value.insert(
                        "@direction".to_owned(),
                        Value::String(direction.as_str().to_owned()),
                    );
                }
                expanded.push(Value::Object(value));
            }
        }
        Ok(Value::Array(expanded))
    }

    pub(super) fn index_map(
        &mut self,
        active: &Arc<ActiveContext>,
        key: &'a str,
        term: Option<&TermDefinition>,
        container: Container,
        map: &'a Map<String, Value>,
    ) -> Result<Value, JsonLdError> {
        let index_key = term.and_then(|t| t.index.as_deref()).unwrap_or("@index");
        let mut expanded = Vec::new();
        for (index, values) in map {
            self.at(Segment::Key(index), |this| {
                let mut map_context = Arc::clone(active);
                if container.has(Container::ID) || container.has(Container::TYPE) {
                    if let Some(previous) = &active.previous {
                        map_context = Arc::clone(previous);
                    }
                    if container.has(Container::TYPE)
                        && let Some(index_term) = map_context.terms.get(index.as_str())
                        && let Some(scoped) = index_term.context.clone()
                    {
                        let base = index_term.base_url.clone();
                        map_context = this.process_context(
                            &map_context,
                            ContextSource::Scoped(&scoped),
                            base.as_ref(),
                            Flags::default(),
                        )?;
                    }
                }
                let expanded_index = expand_iri(active, index, false, true).map(|i| i.into_owned());
                let map_key = MapKey {
                    container,
                    index_key,
                    index,
                    expanded_index: expanded_index.as_deref(),
                };
                let items = this.element(&map_context, Some(key), values, true)?;
                for item in as_items(items) {
                    let mut item = if container.has(Container::GRAPH) && !is_graph_object(&item) {
                        let mut graph = Map::new();
                        graph.insert("@graph".to_owned(), Value::Array(as_items(item)));
                        Value::Object(graph)
                    } else {
                        item
                    };
                    if let Value::Object(object) = &mut item {
                        this.annotate(active, &map_key, object)?;
                    }
                    expanded.push(item);
                }
                Ok(())
            })?;
        }
        Ok(Value::Array(expanded))
    }

    /// Adds the map key to one item as its index, `@id` or `@type` (step 13.8.3.7).
    fn annotate(
        &self,
        active: &Arc<ActiveContext>,
        key: &MapKey<'_>,
        item: &mut Map<String, Value>,
    ) -> Result<(), JsonLdError> {
        if key.expanded_index == Some("@none") {
            return Ok(());
        }
        let container = key.container;
        if container.has(Container::INDEX) && key.index_key != "@index" {
            let index_value = Value::String(key.index.to_owned());
            let index_term = active.terms.get(key.index_key).map(Arc::as_ref);
            let reexpanded = expand_value(active, index_term, &index_value);
            let property = expand_iri(active, key.index_key, false, true)
                .map(|p| p.into_owned())
                .unwrap_or_else(|| key.index_key.to_owned());
            let mut values = vec![reexpanded];
            if let Some(existing) = item.remove(&property) {
                values.extend(as_items(existing));
            }
            item.insert(property, Value::Array(values));
            if has(item, "@value") {
                return Err(spec_error(
                    "invalid value object",
                    format!(
                        "a value cannot be indexed by property \"{}\"",
                        key.index_key
                    ),
                ));
            }
        } else if container.has(Container::INDEX) {
            if !has(item, "@index") {
                item.insert("@index".to_owned(), Value::String(key.index.to_owned()));
            }
        } else if container.has(Container::ID) {
            if !has(item, "@id") {
                let id = expand_iri(active, key.index, true, false)
                    .map(|i| i.into_owned())
                    .unwrap_or_else(|| key.index.to_owned());
                if self.env.safe_mode && !is_absolute_iri(&id) {
                    return Err(self
                        .safe_error(format!("relative @id reference \"{id}\" (an @id map key)")));
                }
                item.insert("@id".to_owned(), Value::String(id));
            }
        } else if container.has(Container::TYPE) {
            let type_iri = key.expanded_index.unwrap_or(key.index);
            if self.env.safe_mode && !is_absolute_iri(type_iri) {
                return Err(self.safe_error(format!(
                    "relative @type reference \"{}\" (a @type map key): no context defines it",
                    key.index
                )));
            }
            let mut types = vec![Value::String(type_iri.to_owned())];
            if let Some(existing) = item.remove("@type") {
                types.extend(as_items(existing));
            }
            item.insert("@type".to_owned(), Value::Array(types));
        }
        Ok(())
    }
}
