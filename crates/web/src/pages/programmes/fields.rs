//! Form bodies with repeated fields (checkbox groups), which `axum::Form` cannot read into a
//! struct: the body is kept as its ordered list of pairs.

use axum::body::Bytes;

use crate::WebError;

/// A URL-encoded form body.
#[derive(Debug, Clone, Default)]
pub struct Fields(Vec<(String, String)>);

impl Fields {
    /// Parses an `application/x-www-form-urlencoded` body.
    pub fn parse(body: &Bytes) -> Result<Fields, WebError> {
        serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
            .map(Fields)
            .map_err(|error| WebError::BadRequest(format!("form: {error}")))
    }

    /// The first value of `name`, trimmed; empty when absent.
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map_or("", |(_, value)| value.trim())
    }

    /// Every non-empty value of `name`, in order, trimmed.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value.trim())
            .filter(|value| !value.is_empty())
            .collect()
    }

    /// `Some(value)` when `name` is present and not blank.
    pub fn optional(&self, name: &str) -> Option<String> {
        Some(self.get(name))
            .filter(|value| !value.is_empty())
            .map(str::to_owned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_fields_keep_their_order_and_blanks_are_dropped() {
        let fields = Fields::parse(&Bytes::from_static(b"a=1&b=%E6%97%A5&a=+2+&a=&c=")).unwrap();
        assert_eq!(fields.all("a"), ["1", "2"]);
        assert_eq!(fields.get("b"), "日");
        assert_eq!(fields.get("missing"), "");
        assert_eq!(fields.optional("c"), None);
    }
}
