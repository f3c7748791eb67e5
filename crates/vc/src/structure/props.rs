//! Property-level checks shared by every class: presence, JSON type, URI and date-time
//! shape, and `type` values.

use serde_json::{Map, Value};

use super::{Finding, JsonPath, type_values};
use crate::dates::parse_date_time;

pub(super) type Findings = Vec<Finding>;

/// A URI for our purposes: a scheme (RFC 3986 `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`),
/// a colon, something after it, and no whitespace.
pub(super) fn is_uri(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !rest.is_empty()
        && !text.chars().any(char::is_whitespace)
}

/// The object at `path`, or a finding saying it must be one.
pub(super) fn object<'a>(
    value: &'a Value,
    path: &JsonPath,
    name: &str,
    out: &mut Findings,
) -> Option<&'a Map<String, Value>> {
    match value {
        Value::Object(map) => Some(map),
        _ => {
            out.push(
                Finding::error("structure.wrong-type", path)
                    .arg("property", name)
                    .arg("expected", "an object"),
            );
            None
        }
    }
}

/// Items of a property the spec declares as `0..*` / `1..*`: JSON-LD lets a single value
/// stand for a one-item array, so both are accepted.
pub(super) fn items<'a>(value: &'a Value, path: &JsonPath) -> Vec<(JsonPath, &'a Value)> {
    match value {
        Value::Array(values) => values
            .iter()
            .enumerate()
            .map(|(i, v)| (path.index(i), v))
            .collect(),
        single => vec![(path.clone(), single)],
    }
}

pub(super) fn missing(out: &mut Findings, path: &JsonPath, property: &str) {
    out.push(Finding::error("structure.missing-property", path).arg("property", property));
}

/// Requires `type` to contain `expected` (one string or an array of strings).
pub(super) fn require_type(
    map: &Map<String, Value>,
    path: &JsonPath,
    expected: &[&str],
    out: &mut Findings,
) {
    let type_path = path.key("type");
    let Some(kind) = map.get("type") else {
        missing(out, path, "type");
        return;
    };
    let well_formed = match kind {
        Value::String(_) => true,
        Value::Array(values) => !values.is_empty() && values.iter().all(Value::is_string),
        _ => false,
    };
    if !well_formed {
        out.push(
            Finding::error("structure.wrong-type", &type_path)
                .arg("property", "type")
                .arg("expected", "a string or a non-empty array of strings"),
        );
        return;
    }
    let object = Value::Object(Map::from_iter([("type".to_owned(), kind.clone())]));
    if !type_values(&object).any(|value| expected.contains(&value)) {
        out.push(
            Finding::error("structure.missing-type-value", &type_path)
                .arg("expected", expected.join(" / ")),
        );
    }
}

pub(super) fn string_property<'a>(
    map: &'a Map<String, Value>,
    path: &JsonPath,
    name: &str,
    required: bool,
    out: &mut Findings,
) -> Option<&'a str> {
    match map.get(name) {
        None if required => {
            missing(out, path, name);
            None
        }
        None => None,
        Some(Value::String(text)) => Some(text),
        Some(_) => {
            out.push(
                Finding::error("structure.wrong-type", &path.key(name))
                    .arg("property", name)
                    .arg("expected", "a string"),
            );
            None
        }
    }
}

pub(super) fn uri_property(
    map: &Map<String, Value>,
    path: &JsonPath,
    name: &str,
    required: bool,
    out: &mut Findings,
) {
    if let Some(text) = string_property(map, path, name, required, out)
        && !is_uri(text)
    {
        out.push(Finding::error("structure.invalid-uri", &path.key(name)).arg("value", text));
    }
}

pub(super) fn date_property(
    map: &Map<String, Value>,
    path: &JsonPath,
    name: &str,
    required: bool,
    out: &mut Findings,
) {
    if let Some(text) = string_property(map, path, name, required, out)
        && parse_date_time(text).is_err()
    {
        out.push(Finding::error("structure.invalid-datetime", &path.key(name)).arg("value", text));
    }
}

pub(super) fn bool_property(
    map: &Map<String, Value>,
    path: &JsonPath,
    name: &str,
    out: &mut Findings,
) -> Option<bool> {
    match map.get(name) {
        None => {
            missing(out, path, name);
            None
        }
        Some(Value::Bool(flag)) => Some(*flag),
        Some(_) => {
            out.push(
                Finding::error("structure.wrong-type", &path.key(name))
                    .arg("property", name)
                    .arg("expected", "true or false"),
            );
            None
        }
    }
}

/// Applies `check` to each item of an optional one-or-many property.
pub(super) fn each(
    map: &Map<String, Value>,
    path: &JsonPath,
    name: &str,
    out: &mut Findings,
    check: impl Fn(&Value, &JsonPath, &mut Findings),
) {
    if let Some(value) = map.get(name) {
        for (item_path, item) in items(value, &path.key(name)) {
            check(item, &item_path, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        for good in [
            "https://example.org/a",
            "did:key:z6Mk",
            "urn:uuid:1234",
            "data:image/png;base64,AAAA",
        ] {
            assert!(is_uri(good), "{good}");
        }
        for bad in [
            "",
            "example.org",
            "https:",
            "1http://x",
            "http://exa mple.org",
            ":x",
        ] {
            assert!(!is_uri(bad), "{bad}");
        }
    }
}
