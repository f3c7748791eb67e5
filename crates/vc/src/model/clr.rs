//! CLR 2.0: a learner's record bundling achievement credentials, achievements and the
//! associations between them.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::achievement::{Achievement, IdentityObject};
use super::common::{Extra, OneOrMany, Types};
use super::credential::Credential;

/// CLR 2.0 ClrCredential.
pub type ClrCredential = Credential<ClrSubject>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClrSubject {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "type")]
    pub kind: Types,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifier: Option<OneOrMany<IdentityObject>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub achievement: Option<OneOrMany<Achievement>>,
    /// The bundled credentials, kept as JSON: each is signed on its own and must be
    /// verified byte-faithfully.
    pub verifiable_credential: OneOrMany<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub association: Option<OneOrMany<Association>>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A relation between two achievements of the record (e.g. `isParentOf`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Association {
    #[serde(rename = "type")]
    pub kind: Types,
    pub association_type: String,
    pub source_id: String,
    pub target_id: String,
    #[serde(flatten)]
    pub extra: Extra,
}
