//! The JSON-LD 1.1 Expansion algorithm (JSON-LD 1.1 API §5.1), on `serde_json::Value`.
//!
//! In safe mode every place where standard expansion would silently drop data or leave an
//! IRI relative becomes a [`JsonLdErrorCode::SafeMode`] error carrying the JSON path of the
//! offending value: a verifier must never show data as signed that the signature does not
//! cover.

mod entries;
mod maps;
mod object;
mod path;
mod value;

use std::sync::Arc;

use serde_json::{Map, Value};

use crate::context::{ActiveContext, Container, ContextCache, ContextSource, Env, Flags};
use crate::error::{JsonLdError, JsonLdErrorCode};
use crate::members::{has, member, member_mut};
use crate::processor::Options;
use path::Segment;

pub(crate) use value::expand_value;

/// Expands a whole document: the API-level wrapper of the algorithm.
pub(crate) fn expand_document(
    cache: &ContextCache,
    env: Env<'_>,
    document: &Value,
    options: &Options,
) -> Result<Value, JsonLdError> {
    check_depth(document, options.max_depth)?;
    let base_url: Option<Arc<str>> = options.base.as_deref().map(Arc::from);
    let mut active = cache.initial(options.base.as_deref());
    if let Some(expand_context) = &options.expand_context {
        check_depth(expand_context, options.max_depth)?;
        let local = match expand_context {
            Value::Object(map) if has(map, "@context") => &map["@context"],
            other => other,
        };
        active = cache.process(
            &env,
            &active,
            ContextSource::Document(local),
            base_url.as_ref(),
            Flags::default(),
        )?;
    }
    let mut expander = Expander {
        cache,
        env,
        base_url,
        path: Vec::new(),
    };
    let expanded = expander.element(&active, None, document, false)?;
    let expanded = match expanded {
        Value::Object(mut map) if map.len() == 1 && has(&map, "@graph") => {
            map.remove("@graph").unwrap_or(Value::Null)
        }
        other => other,
    };
    Ok(Value::Array(into_array(expanded)))
}

/// Rejects input nested deeper than `max_depth` without recursing (so no stack overflow).
fn check_depth(value: &Value, max_depth: usize) -> Result<(), JsonLdError> {
    fn is_container(value: &&Value) -> bool {
        matches!(value, Value::Array(_) | Value::Object(_))
    }
    // Only containers go on the stack: scalars cannot be too deep (a container holding them
    // is checked first), and skipping them keeps the stack short.
    let mut stack: Vec<(&Value, usize)> = Vec::with_capacity(32);
    if is_container(&value) {
        stack.push((value, 1));
    }
    while let Some((value, depth)) = stack.pop() {
        if depth > max_depth {
            return Err(JsonLdError::new(
                JsonLdErrorCode::LimitExceeded,
                format!("JSON nesting is deeper than the limit of {max_depth} levels"),
            ));
        }
        // Pushed directly, not through a boxed iterator: this walks every value of every
        // document, and a box per container was a measurable share of expansion.
        match value {
            Value::Array(items) => stack.extend(
                items
                    .iter()
                    .filter(is_container)
                    .map(|child| (child, depth + 1)),
            ),
            Value::Object(map) => stack.extend(
                map.values()
                    .filter(is_container)
                    .map(|child| (child, depth + 1)),
            ),
            _ => {}
        }
    }
    Ok(())
}

pub(crate) struct Expander<'a, 'p> {
    cache: &'p ContextCache,
    env: Env<'p>,
    /// The document's base URL, for contexts written in the document.
    base_url: Option<Arc<str>>,
    path: Vec<Segment<'a>>,
}

impl<'a> Expander<'a, '_> {
    fn path_string(&self) -> String {
        path::render(&self.path)
    }

    /// Attaches the current path to an error that has none yet (the deepest path wins).
    fn locate<T>(&self, result: Result<T, JsonLdError>) -> Result<T, JsonLdError> {
        result.map_err(|err| {
            if err.path.is_some() {
                err
            } else {
                err.at(self.path_string())
            }
        })
    }

    fn safe_error(&self, message: impl std::fmt::Display) -> JsonLdError {
        let path = self.path_string();
        JsonLdError::new(JsonLdErrorCode::SafeMode, format!("{message} at {path}")).at(path)
    }

    /// Like [`Self::safe_error`], with the reason after the path.
    fn safe_error_because(
        &self,
        subject: impl std::fmt::Display,
        reason: impl std::fmt::Display,
    ) -> JsonLdError {
        let path = self.path_string();
        JsonLdError::new(
            JsonLdErrorCode::SafeMode,
            format!("{subject} at {path}: {reason}"),
        )
        .at(path)
    }

    /// Runs `f` with `segment` pushed on the path, locating any error it returns.
    fn at<T>(
        &mut self,
        segment: Segment<'a>,
        f: impl FnOnce(&mut Self) -> Result<T, JsonLdError>,
    ) -> Result<T, JsonLdError> {
        self.path.push(segment);
        let result = f(self);
        let result = self.locate(result);
        self.path.pop();
        result
    }

    fn process_context(
        &self,
        active: &Arc<ActiveContext>,
        source: ContextSource<'_>,
        base_url: Option<&Arc<str>>,
        flags: Flags,
    ) -> Result<Arc<ActiveContext>, JsonLdError> {
        self.cache
            .process(&self.env, active, source, base_url, flags)
    }

    /// The algorithm's main entry: expands any element under `property`.
    fn element(
        &mut self,
        active: &Arc<ActiveContext>,
        property: Option<&'a str>,
        element: &'a Value,
        from_map: bool,
    ) -> Result<Value, JsonLdError> {
        // The active property's definition, looked up once for the steps below.
        let term = property.and_then(|p| active.terms.get(p));
        match element {
            Value::Null => Ok(Value::Null),
            Value::Array(items) => {
                let list = term.is_some_and(|term| term.container.has(Container::LIST));
                let mut result = Vec::with_capacity(items.len());
                for (index, item) in items.iter().enumerate() {
                    let expanded = self.at(Segment::Index(index), |this| {
                        this.element(active, property, item, from_map)
                    })?;
                    match expanded {
                        Value::Array(inner) if list => result.push(list_object(inner)),
                        Value::Array(inner) => result.extend(inner),
                        Value::Null => {}
                        other => result.push(other),
                    }
                }
                Ok(Value::Array(result))
            }
            Value::Object(map) => {
                let scoped = term.and_then(|t| t.context.clone().map(|c| (c, t.base_url.clone())));
                self.object(active, property, scoped, map, from_map)
            }
            scalar => {
                if matches!(property, None | Some("@graph")) {
                    if self.env.safe_mode {
                        return Err(self
                            .safe_error(format!("free-floating value {scalar} would be dropped")));
                    }
                    return Ok(Value::Null);
                }
                let expanded = match term.and_then(|t| t.context.as_ref().map(|c| (c, t))) {
                    Some((scoped, term)) => {
                        let flags = Flags {
                            override_protected: true,
                            ..Flags::default()
                        };
                        let scoped_context = self.process_context(
                            active,
                            ContextSource::Scoped(scoped),
                            term.base_url.as_ref(),
                            flags,
                        )?;
                        let term = property.and_then(|p| scoped_context.terms.get(p));
                        expand_value(&scoped_context, term.map(Arc::as_ref), scalar)
                    }
                    None => expand_value(active, term.map(Arc::as_ref), scalar),
                };
                if self.env.safe_mode {
                    self.check_coerced(&expanded, property, scalar)?;
                }
                Ok(expanded)
            }
        }
    }

    /// Safe mode: a string coerced to an IRI must not be dropped or stay relative.
    fn check_coerced(
        &self,
        expanded: &Value,
        property: Option<&str>,
        scalar: &Value,
    ) -> Result<(), JsonLdError> {
        let property = property.unwrap_or_default();
        match expanded {
            Value::Null => Err(self.safe_error(format!(
                "value {scalar} of \"{property}\" does not expand to an IRI and would be dropped"
            ))),
            Value::Object(map) => match member(map, "@id").and_then(Value::as_str) {
                Some(iri) if !crate::context::iri::is_absolute_iri(iri) => {
                    Err(self.safe_error(format!(
                        "relative IRI reference \"{iri}\" in \"{property}\": no base IRI or \
                         vocabulary makes it absolute"
                    )))
                }
                _ => Ok(()),
            },
            _ => Ok(()),
        }
    }
}

pub(crate) fn into_array(value: Value) -> Vec<Value> {
    match value {
        Value::Array(items) => items,
        Value::Null => Vec::new(),
        other => vec![other],
    }
}

pub(crate) fn list_object(items: Vec<Value>) -> Value {
    let mut map = Map::new();
    map.insert("@list".to_owned(), Value::Array(items));
    Value::Object(map)
}

/// Appends `value` (flattening one array level) to the array under `key`.
pub(crate) fn add_value(map: &mut Map<String, Value>, key: &str, value: Value) {
    if let Some(slot) = member_mut(map, key) {
        if !slot.is_array() {
            let existing = slot.take();
            *slot = Value::Array(vec![existing]);
        }
        if let Value::Array(items) = slot {
            match value {
                Value::Array(values) => items.extend(values),
                other => items.push(other),
            }
        }
        return;
    }
    let items = match value {
        Value::Array(values) => values,
        other => vec![other],
    };
    map.insert(key.to_owned(), Value::Array(items));
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use serde_json::json;

    use super::check_depth;

    #[test]
    fn depth_counts_containers_only() {
        // Three nested containers; the scalars inside the innermost add no level.
        let value = json!({"a": [{"b": 1, "c": "x"}], "d": null});
        assert!(check_depth(&value, 3).is_ok());
        assert!(check_depth(&value, 2).is_err());
        assert!(check_depth(&json!("scalar"), 0).is_ok());
        assert!(check_depth(&json!([]), 0).is_err());
        assert!(check_depth(&json!([[], [[1]]]), 3).is_ok());
        assert!(check_depth(&json!([[], [[[1]]]]), 3).is_err());
    }
}
