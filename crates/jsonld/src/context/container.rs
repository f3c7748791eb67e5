//! Validation of a term's `@container` mapping (JSON-LD 1.1 API §4.2.2 step 21).

use serde_json::Value;

use super::Container;
use super::processing::Env;
use super::term_definition::invalid;
use crate::error::JsonLdError;

/// Parses `@container`, accepting only the combinations the specification allows.
pub(super) fn parse_container(
    env: &Env<'_>,
    term: &str,
    value: &Value,
) -> Result<Container, JsonLdError> {
    let bad = || {
        invalid(
            "invalid container mapping",
            term,
            format!("@container {value}"),
        )
    };
    let items: Vec<&str> = match value {
        Value::String(s) => vec![s.as_str()],
        Value::Array(items) if !env.is_10() => items
            .iter()
            .map(|item| item.as_str().ok_or_else(bad))
            .collect::<Result<_, _>>()?,
        _ => return Err(bad()),
    };
    let mut flags = 0u8;
    for item in &items {
        let flag = Container::flag_of(item).ok_or_else(bad)?;
        if flags & flag != 0 {
            return Err(bad());
        }
        flags |= flag;
    }
    if env.is_10() && flags & (Container::GRAPH | Container::ID | Container::TYPE) != 0 {
        return Err(bad());
    }
    let without_set = flags & !Container::SET;
    let single = [
        Container::INDEX,
        Container::LANGUAGE,
        Container::ID,
        Container::TYPE,
        Container::GRAPH,
    ];
    let valid = without_set == 0 && flags == Container::SET
        || without_set == Container::LIST && flags == Container::LIST
        || single.contains(&without_set)
        || without_set == Container::GRAPH | Container::ID
        || without_set == Container::GRAPH | Container::INDEX;
    if !valid {
        return Err(bad());
    }
    Ok(Container(flags))
}
