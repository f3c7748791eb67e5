//! Errors carry the JSON-LD API error code (so the W3C suites can check them) and, for
//! safe-mode violations, the JSON path of the offending value.

use std::fmt;

/// Error codes from the JSON-LD 1.1 API, plus tsumiki's own safe-mode and limit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JsonLdErrorCode {
    /// `loading document failed`
    LoadingDocumentFailed,
    /// `loading remote context failed` (includes: URL not bundled)
    LoadingRemoteContextFailed,
    /// Safe mode: a term or value would be dropped or left relative.
    SafeMode,
    /// Input deeper or larger than the configured limits.
    LimitExceeded,
    /// Any other JSON-LD API error, identified by its spec string (see [`JsonLdError::spec_code`]).
    Other(&'static str),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct JsonLdError {
    pub code: JsonLdErrorCode,
    pub message: String,
    /// JSON path of the offending value, e.g. `$.credentialSubject.achievement.foo`.
    pub path: Option<String>,
}

impl JsonLdError {
    pub fn new(code: JsonLdErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            path: None,
        }
    }

    pub fn at(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// The error code string as the JSON-LD API spells it (for test suites).
    pub fn spec_code(&self) -> &'static str {
        match self.code {
            JsonLdErrorCode::LoadingDocumentFailed => "loading document failed",
            JsonLdErrorCode::LoadingRemoteContextFailed => "loading remote context failed",
            JsonLdErrorCode::SafeMode => "safe mode violation",
            JsonLdErrorCode::LimitExceeded => "limit exceeded",
            JsonLdErrorCode::Other(code) => code,
        }
    }
}

impl fmt::Display for JsonLdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.spec_code(), self.message)?;
        // Safe-mode messages already name the path in their sentence.
        if let Some(path) = &self.path
            && !self.message.contains(path.as_str())
        {
            write!(f, " (at {path})")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_the_code_and_the_path_once() {
        let plain = JsonLdError::new(JsonLdErrorCode::Other("invalid @id value"), "bad").at("$.id");
        assert_eq!(plain.to_string(), "invalid @id value: bad (at $.id)");
        let safe = JsonLdError::new(
            JsonLdErrorCode::SafeMode,
            "undefined term \"foo\" at $.foo: x",
        )
        .at("$.foo");
        assert_eq!(
            safe.to_string(),
            "safe mode violation: undefined term \"foo\" at $.foo: x"
        );
    }
}
