//! Value Expansion (JSON-LD 1.1 API §5.3.2): a scalar under a property becomes a value object
//! or, for `@id`/`@vocab`-coerced strings, a node reference.

use serde_json::{Map, Value};

use crate::context::{ActiveContext, TermDefinition, expand_iri};

/// Expands `value`; `Value::Null` when a coerced IRI maps to null (so it is dropped).
/// `term` is the active property's definition in `context`, if it has one.
pub(crate) fn expand_value(
    context: &ActiveContext,
    term: Option<&TermDefinition>,
    value: &Value,
) -> Value {
    let type_mapping = term.and_then(|t| t.type_mapping.as_deref());
    if let Value::String(string) = value {
        let vocab = match type_mapping {
            Some("@id") => Some(false),
            Some("@vocab") => Some(true),
            _ => None,
        };
        if let Some(vocab) = vocab {
            return match expand_iri(context, string, true, vocab) {
                Some(iri) => {
                    let mut node = Map::with_capacity(1);
                    node.insert("@id".to_owned(), Value::String(iri.into_owned()));
                    Value::Object(node)
                }
                None => Value::Null,
            };
        }
    }
    let mut result = Map::with_capacity(2);
    result.insert("@value".to_owned(), value.clone());
    match type_mapping {
        Some("@id" | "@vocab" | "@none") => {}
        Some(datatype) => {
            result.insert("@type".to_owned(), Value::String(datatype.to_owned()));
            return Value::Object(result);
        }
        None => {}
    }
    if value.is_string() {
        let language = match term.and_then(|t| t.language.as_ref()) {
            Some(language) => language.as_deref(),
            None => context.default_language.as_deref(),
        };
        let direction = match term.and_then(|t| t.direction) {
            Some(direction) => direction,
            None => context.default_direction,
        };
        if let Some(language) = language {
            result.insert("@language".to_owned(), Value::String(language.to_owned()));
        }
        if let Some(direction) = direction {
            result.insert(
                "@direction".to_owned(),
                Value::String(direction.as_str().to_owned()),
            );
        }
    }
    Value::Object(result)
}
