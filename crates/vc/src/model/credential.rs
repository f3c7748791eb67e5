//! The credential envelope (VC 2.0 + the OB 3.0 additions) and its proof, status, schema,
//! refresh and terms-of-use entries.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::achievement::{AchievementSubject, EndorsementSubject, Evidence};
use super::common::{Contexts, Extra, ImageRef, OneOrMany, ProfileRef, Types};

/// A verifiable credential whose subject is `S`.
///
/// Why one generic envelope: OB 3.0's AchievementCredential, EndorsementCredential and CLR
/// 2.0's ClrCredential share every property except the subject; what differs (e.g. `name`
/// being required for endorsements) is a structure check, not a different shape.
/// `validFrom` is optional here only so VC 1.1 credentials (`issuanceDate`) still parse.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Credential<S> {
    #[serde(rename = "@context")]
    pub context: Contexts,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "type")]
    pub kind: Types,
    pub issuer: ProfileRef,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
    /// VC 1.1 (legacy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuance_date: Option<String>,
    /// VC 1.1 (legacy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_date: Option<String>,
    pub credential_subject: S,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<ImageRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub awarded_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endorsement: Option<OneOrMany<Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endorsement_jwt: Option<OneOrMany<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<OneOrMany<Evidence>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential_schema: Option<OneOrMany<CredentialSchema>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential_status: Option<OneOrMany<CredentialStatus>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_service: Option<OneOrMany<RefreshService>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms_of_use: Option<OneOrMany<TermsOfUse>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proof: Option<OneOrMany<Proof>>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// OB 3.0 AchievementCredential.
pub type AchievementCredential = Credential<AchievementSubject>;
/// The same class under its other OB 3.0 name.
pub type OpenBadgeCredential = AchievementCredential;
/// OB 3.0 EndorsementCredential.
pub type EndorsementCredential = Credential<EndorsementSubject>;
/// Any VC 2.0 credential, subject left as JSON.
pub type VerifiableCredential = Credential<Value>;

impl<S> Credential<S> {
    /// The proofs, whichever form (`proof: {}` or `proof: [...]`) was used.
    pub fn proofs(&self) -> impl Iterator<Item = &Proof> {
        self.proof.iter().flat_map(OneOrMany::iter)
    }

    /// The issuer's id (a URL or a DID).
    pub fn issuer_id(&self) -> &str {
        self.issuer.id()
    }
}

/// An embedded proof (Data Integrity, or a legacy Linked Data Signature).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Proof {
    /// Present on a proof configuration (what gets canonicalized and hashed).
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Contexts>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "type")]
    pub kind: Types,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cryptosuite: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification_method: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proof_purpose: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proof_value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<OneOrMany<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_proof: Option<OneOrMany<String>>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A status entry (`BitstringStatusListEntry`, `1EdTechRevocationList`, ...). The
/// type-specific properties (`statusListIndex`, ...) stay in `extra`; [`crate::status`]
/// parses them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CredentialStatus {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "type")]
    pub kind: Types,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A JSON Schema the credential claims to follow (OB 3.0: `1EdTechJsonSchemaValidator2019`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CredentialSchema {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: Types,
    #[serde(flatten)]
    pub extra: Extra,
}

/// Where a fresh copy of the credential can be obtained (`1EdTechCredentialRefresh`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RefreshService {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: Types,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TermsOfUse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(rename = "type")]
    pub kind: Types,
    #[serde(flatten)]
    pub extra: Extra,
}
