//! The key file: a JSON Multikey with its secret, as `tsumiki keygen` writes it.

use serde::{Deserialize, Serialize};

use super::{KeyError, KeyPair, PublicKey};

fn multikey() -> String {
    "Multikey".to_owned()
}

/// `{"type":"Multikey","id":..,"controller":..,"publicKeyMultibase":..,"secretKeyMultibase":..}`.
///
/// Reading also accepts `privateKeyMultibase` (the W3C vc-di-eddsa vector's `keyPair.json`),
/// a missing `type`, and a missing `id`/`controller` (then the key is a did:key). Any other
/// unknown member is an error naming it, so a misspelt `controller` is not silently dropped.
#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KeyFile {
    /// Kept when present (Digital Bazaar's exported Multikeys carry the multikey context).
    #[serde(rename = "@context", default, skip_serializing_if = "Option::is_none")]
    pub context: Option<serde_json::Value>,
    #[serde(rename = "type", default = "multikey")]
    pub key_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controller: Option<String>,
    pub public_key_multibase: String,
    #[serde(alias = "privateKeyMultibase")]
    pub secret_key_multibase: String,
}

impl std::fmt::Debug for KeyFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyFile")
            .field("key_type", &self.key_type)
            .field("id", &self.id)
            .field("controller", &self.controller)
            .field("public_key_multibase", &self.public_key_multibase)
            .field("secret_key_multibase", &"<redacted>")
            .finish()
    }
}

/// A signing key with the verification method and controller it is published under.
#[derive(Debug, Clone)]
pub struct IssuerKey {
    pub key: KeyPair,
    /// The `verificationMethod` URL that proofs name.
    pub verification_method: String,
    pub controller: String,
}

impl KeyFile {
    /// A key file for `key`. Without `id` and `controller` the key is published as a did:key.
    pub fn new(key: &KeyPair, id: Option<String>, controller: Option<String>) -> Self {
        Self {
            context: None,
            key_type: multikey(),
            id,
            controller,
            public_key_multibase: key.public_multibase(),
            secret_key_multibase: key.to_secret_multibase(),
        }
    }

    /// Parses the JSON without checking the keys.
    pub fn parse(json: &str) -> Result<Self, KeyError> {
        serde_json::from_str(json).map_err(|err| KeyError::KeyFileSyntax(err.to_string()))
    }

    /// Parses and checks a key file: type, secret key, and that the public key matches it.
    pub fn from_json(json: &str) -> Result<IssuerKey, KeyError> {
        Self::parse(json)?.into_issuer_key()
    }

    pub fn into_issuer_key(self) -> Result<IssuerKey, KeyError> {
        if self.key_type != "Multikey" {
            return Err(KeyError::KeyFileType(self.key_type));
        }
        let key = KeyPair::from_secret_multibase(&self.secret_key_multibase)?;
        let public = PublicKey::from_multibase(&self.public_key_multibase)?;
        if public != key.public_key() {
            return Err(KeyError::PublicKeyMismatch);
        }
        let (verification_method, controller) = match (self.id, self.controller) {
            (Some(id), Some(controller)) => (id, controller),
            (Some(id), None) => {
                let controller = id
                    .split_once('#')
                    .map_or(id.as_str(), |(base, _)| base)
                    .to_owned();
                (id, controller)
            }
            (None, Some(controller)) => (
                format!("{controller}#{}", self.public_key_multibase),
                controller,
            ),
            (None, None) => {
                let did = format!("did:key:{}", self.public_key_multibase);
                (format!("{did}#{}", self.public_key_multibase), did)
            }
        };
        Ok(IssuerKey {
            key,
            verification_method,
            controller,
        })
    }

    /// Pretty JSON, as written to disk.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
