//! Structural validation against the OB 3.0 / CLR 2.0 data model: required properties, their
//! JSON types, the `type` values a class must carry, `@context` rules and date formats.
//!
//! Why this works on raw JSON rather than on [`crate::model`]: a serde error stops at the
//! first problem and says little about where it is. Here every problem is a [`Finding`] with
//! a JSONPath (`$.credentialSubject.achievement.name`) and a stable code, so a report can
//! list all of them and an issuer can fix them in one pass.
//!
//! The rules come from the 1EdTech model source (`common_credentials.lines`, see
//! `STANDARDS.md` §1.1); the JSON Schemas 1EdTech publishes were not available offline.

mod classes;
mod contexts;
mod path;
mod props;

use serde_json::Value;

pub use contexts::{
    CLR_CONTEXT_PREFIX, OB_CONTEXT_PREFIX, VC_V1_CONTEXT, VC_V2_CONTEXT, check_contexts,
    is_clr_context, is_ob_context,
};
pub use path::JsonPath;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The credential does not conform; verification fails.
    Error,
    /// Accepted, but worth telling the user (legacy forms, unusual but legal choices).
    Warning,
}

/// One structural problem.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Stable code, e.g. `structure.missing-property`; also the message id (dots → dashes).
    pub code: &'static str,
    pub severity: Severity,
    /// JSONPath of the offending value (or of the object missing a property).
    pub path: String,
    /// Message arguments, e.g. `("property", "name")`.
    pub args: Vec<(&'static str, String)>,
}

impl Finding {
    pub(crate) fn error(code: &'static str, path: &JsonPath) -> Self {
        Self {
            code,
            severity: Severity::Error,
            path: path.to_string(),
            args: Vec::new(),
        }
    }

    pub(crate) fn warning(code: &'static str, path: &JsonPath) -> Self {
        Self {
            code,
            severity: Severity::Warning,
            path: path.to_string(),
            args: Vec::new(),
        }
    }

    pub(crate) fn arg(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Which credential class the `type` names; it decides which rules apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredentialKind {
    /// `AchievementCredential` or `OpenBadgeCredential`.
    Achievement,
    Endorsement,
    Clr,
    /// A VC of some other kind: only the VC 2.0 envelope rules apply.
    Other,
}

impl CredentialKind {
    pub fn detect(credential: &Value) -> Self {
        let has = |name: &str| type_values(credential).any(|value| value == name);
        if has("ClrCredential") {
            CredentialKind::Clr
        } else if has("AchievementCredential") || has("OpenBadgeCredential") {
            CredentialKind::Achievement
        } else if has("EndorsementCredential") {
            CredentialKind::Endorsement
        } else {
            CredentialKind::Other
        }
    }

    /// Whether Open Badges rules (the OB context, Profile issuers, ...) apply.
    pub fn is_open_badges(self) -> bool {
        self != CredentialKind::Other
    }
}

/// The string values of `type` (one string or an array); non-strings are skipped.
pub(crate) fn type_values(object: &Value) -> impl Iterator<Item = &str> {
    let values: &[Value] = match object.get("type") {
        Some(Value::Array(values)) => values,
        Some(value @ Value::String(_)) => std::slice::from_ref(value),
        _ => &[],
    };
    values.iter().filter_map(Value::as_str)
}

/// Checks the credential's structure (everything except `@context`, which
/// [`check_contexts`] covers as its own verification step).
pub fn check_credential(credential: &Value) -> Vec<Finding> {
    let mut findings = Vec::new();
    classes::credential(credential, &JsonPath::root(), &mut findings);
    findings
}
