//! JSONPath strings for findings: `$.a.b[0]`, with `$["@context"]` for names that are not
//! plain identifiers.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonPath(String);

impl JsonPath {
    pub fn root() -> Self {
        JsonPath("$".to_owned())
    }

    pub fn key(&self, name: &str) -> Self {
        let plain = name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if plain {
            JsonPath(format!("{}.{name}", self.0))
        } else {
            // serde_json escapes quotes and control characters the way JSONPath expects.
            let quoted = serde_json::to_string(name).unwrap_or_else(|_| format!("\"{name}\""));
            JsonPath(format!("{}[{quoted}]", self.0))
        }
    }

    pub fn index(&self, index: usize) -> Self {
        JsonPath(format!("{}[{index}]", self.0))
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn paths_quote_what_needs_quoting() {
        let root = JsonPath::root();
        assert_eq!(
            root.key("credentialSubject")
                .key("result")
                .index(2)
                .to_string(),
            "$.credentialSubject.result[2]"
        );
        assert_eq!(
            root.key("@context").index(0).to_string(),
            "$[\"@context\"][0]"
        );
        assert_eq!(root.key("a\"b").to_string(), "$[\"a\\\"b\"]");
    }
}
