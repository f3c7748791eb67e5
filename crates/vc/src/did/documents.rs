//! Caller-supplied controller documents and verification methods, matched by `id`.

use std::collections::{HashMap, HashSet};
use std::sync::RwLock;

use serde_json::{Map, Value};

use super::key::resolve_did_key;
use crate::keys::{KeyError, PublicKey};

/// Why a verification method could not be turned into a key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    #[error(
        "verification method {id} is not known: supply its controller document ({controller}) \
         or the verification method itself; tsumiki never fetches keys over the network"
    )]
    Unknown { id: String, controller: String },
    #[error("{0} is not a did:key URL")]
    NotDidKey(String),
    #[error("did:key URL {url}: the fragment must repeat the key ({expected})")]
    DidKeyFragment { url: String, expected: String },
    #[error("verification method {id}: {source}")]
    InvalidKey { id: String, source: KeyError },
    #[error(
        "verification method {id} has unsupported type {method_type:?} (expected Multikey, Ed25519VerificationKey2020, Ed25519VerificationKey2018, JsonWebKey or JsonWebKey2020)"
    )]
    UnsupportedType { id: String, method_type: String },
    #[error("verification method {id} has no {member}")]
    MissingMember { id: String, member: &'static str },
    #[error("verification method {id} was revoked ({revoked})")]
    Revoked { id: String, revoked: String },
    #[error("controller document: {0}")]
    BadDocument(String),
    #[error("{0}")]
    Key(#[from] KeyError),
}

/// A key found for a verification method URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedKey {
    pub id: String,
    pub controller: String,
    pub public_key: PublicKey,
    /// The method is listed under `assertionMethod` of its controller document, or no
    /// controller document is known (a lone verification method was supplied), or it is a
    /// did:key.
    pub purposes_ok: bool,
    /// The verification method `type` (`Multikey`, `JsonWebKey`, ...).
    pub method_type: String,
}

#[derive(Debug, Clone)]
struct StoredMethod {
    method: Map<String, Value>,
    /// The `id` of the document it was found in, when it came from a controller document.
    document: Option<String>,
}

/// A set of controller documents and verification methods, supplied by the caller.
/// `Send + Sync`: share one per process.
#[derive(Debug, Default)]
pub struct ControllerDocuments {
    methods: HashMap<String, StoredMethod>,
    /// Controller document id → the method ids listed under its `assertionMethod`.
    assertion: HashMap<String, HashSet<String>>,
    /// did:key resolutions already made: decoding the point is most of a did:key lookup, and
    /// a verifier meets the same issuer keys again and again. Bounded, see [`DID_KEY_CACHE`].
    did_keys: RwLock<HashMap<String, ResolvedKey>>,
}

/// Most did:key resolutions remembered; the cache is emptied when full, so hostile input
/// naming endless distinct keys cannot grow it.
const DID_KEY_CACHE: usize = 1024;

impl Clone for ControllerDocuments {
    fn clone(&self) -> Self {
        Self {
            methods: self.methods.clone(),
            assertion: self.assertion.clone(),
            did_keys: RwLock::default(),
        }
    }
}

/// Resolves `#frag` against the document id; absolute ids are kept.
fn absolute(id: &str, base: Option<&str>) -> String {
    match (id.starts_with('#'), base) {
        (true, Some(base)) => format!("{}{id}", base.split_once('#').map_or(base, |(b, _)| b)),
        _ => id.to_owned(),
    }
}

fn is_method(object: &Map<String, Value>) -> bool {
    ["publicKeyMultibase", "publicKeyJwk", "publicKeyBase58"]
        .iter()
        .any(|m| object.contains_key(*m))
}

impl ControllerDocuments {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a controller document (with `verificationMethod` and/or `assertionMethod`), a lone
    /// verification method, or an array of either.
    pub fn add(&mut self, document: Value) -> Result<(), ResolveError> {
        match document {
            Value::Array(items) => items.into_iter().try_for_each(|item| self.add(item)),
            Value::Object(object) => self.add_object(object),
            _ => Err(ResolveError::BadDocument("expected a JSON object".into())),
        }
    }

    /// Builder form of [`Self::add`].
    pub fn with(mut self, document: Value) -> Result<Self, ResolveError> {
        self.add(document)?;
        Ok(self)
    }

    pub fn is_empty(&self) -> bool {
        self.methods.is_empty() && self.assertion.is_empty()
    }

    fn add_object(&mut self, object: Map<String, Value>) -> Result<(), ResolveError> {
        let id = object.get("id").and_then(Value::as_str).map(str::to_owned);
        if is_method(&object) {
            let id = id.ok_or_else(|| {
                ResolveError::BadDocument("verification method without \"id\"".into())
            })?;
            self.methods.insert(
                id,
                StoredMethod {
                    method: object,
                    document: None,
                },
            );
            return Ok(());
        }
        let has_methods =
            object.contains_key("verificationMethod") || object.contains_key("assertionMethod");
        let Some(doc_id) = id.filter(|_| has_methods) else {
            return Err(ResolveError::BadDocument(
                "neither a controller document (\"id\" plus \"verificationMethod\"/\"assertionMethod\") \
                 nor a verification method (\"id\" plus a public key)"
                    .into(),
            ));
        };
        for relation in ["verificationMethod", "assertionMethod", "authentication"] {
            for entry in as_list(object.get(relation)) {
                if let Value::Object(method) = entry {
                    self.add_embedded(method, &doc_id)?;
                }
            }
        }
        let listed = as_list(object.get("assertionMethod"))
            .filter_map(|entry| match entry {
                Value::String(reference) => Some(absolute(reference, Some(&doc_id))),
                Value::Object(method) => method
                    .get("id")
                    .and_then(Value::as_str)
                    .map(|id| absolute(id, Some(&doc_id))),
                _ => None,
            })
            .collect();
        self.assertion.insert(doc_id, listed);
        Ok(())
    }

    fn add_embedded(
        &mut self,
        method: &Map<String, Value>,
        doc_id: &str,
    ) -> Result<(), ResolveError> {
        let id = method.get("id").and_then(Value::as_str).ok_or_else(|| {
            ResolveError::BadDocument(format!("a verification method in {doc_id} has no \"id\""))
        })?;
        let id = absolute(id, Some(doc_id));
        let mut method = method.clone();
        method.insert("id".into(), Value::String(id.clone()));
        self.methods.insert(
            id,
            StoredMethod {
                method,
                document: Some(doc_id.to_owned()),
            },
        );
        Ok(())
    }

    /// Resolves a verification method URL: did:key directly, anything else from the supplied
    /// documents.
    pub fn resolve(&self, vm_id: &str) -> Result<ResolvedKey, ResolveError> {
        if vm_id.starts_with("did:key:") {
            return self.resolve_did_key_cached(vm_id);
        }
        let Some(stored) = self.methods.get(vm_id) else {
            let controller = vm_id
                .split_once('#')
                .map_or(vm_id, |(base, _)| base)
                .to_owned();
            return Err(ResolveError::Unknown {
                id: vm_id.to_owned(),
                controller,
            });
        };
        let method = &stored.method;
        if let Some(revoked) = method.get("revoked") {
            let revoked = revoked
                .as_str()
                .map_or_else(|| revoked.to_string(), str::to_owned);
            return Err(ResolveError::Revoked {
                id: vm_id.to_owned(),
                revoked,
            });
        }
        let method_type = method
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let public_key = method_key(vm_id, &method_type, method)?;
        let controller = method
            .get("controller")
            .and_then(Value::as_str)
            .map(|c| absolute(c, stored.document.as_deref()))
            .or_else(|| stored.document.clone())
            .unwrap_or_else(|| {
                vm_id
                    .split_once('#')
                    .map_or(vm_id, |(base, _)| base)
                    .to_owned()
            });
        let purposes_ok = match self.assertion.get(&controller) {
            Some(listed) => listed.contains(vm_id),
            None => true,
        };
        Ok(ResolvedKey {
            id: vm_id.to_owned(),
            controller,
            public_key,
            purposes_ok,
            method_type,
        })
    }
}

impl ControllerDocuments {
    fn resolve_did_key_cached(&self, vm_id: &str) -> Result<ResolvedKey, ResolveError> {
        if let Ok(cache) = self.did_keys.read()
            && let Some(hit) = cache.get(vm_id)
        {
            return Ok(hit.clone());
        }
        let resolved = resolve_did_key(vm_id)?;
        if let Ok(mut cache) = self.did_keys.write() {
            if cache.len() >= DID_KEY_CACHE {
                cache.clear();
            }
            cache.insert(vm_id.to_owned(), resolved.clone());
        }
        Ok(resolved)
    }
}

fn as_list(value: Option<&Value>) -> impl Iterator<Item = &Value> {
    let items: &[Value] = match value {
        Some(Value::Array(items)) => items,
        Some(single) => std::slice::from_ref(single),
        None => &[],
    };
    items.iter()
}

fn method_key(
    id: &str,
    method_type: &str,
    method: &Map<String, Value>,
) -> Result<PublicKey, ResolveError> {
    let invalid = |source| ResolveError::InvalidKey {
        id: id.to_owned(),
        source,
    };
    let member = |name: &'static str| {
        method.get(name).ok_or(ResolveError::MissingMember {
            id: id.to_owned(),
            member: name,
        })
    };
    match method_type {
        "Multikey" | "Ed25519VerificationKey2020" => {
            let multibase =
                member("publicKeyMultibase")?
                    .as_str()
                    .ok_or(ResolveError::MissingMember {
                        id: id.to_owned(),
                        member: "publicKeyMultibase",
                    })?;
            let key = PublicKey::from_multibase(multibase).map_err(invalid)?;
            if method_type == "Ed25519VerificationKey2020" && !matches!(key, PublicKey::Ed25519(_))
            {
                return Err(ResolveError::UnsupportedType {
                    id: id.to_owned(),
                    method_type: method_type.to_owned(),
                });
            }
            Ok(key)
        }
        "Ed25519VerificationKey2018" => {
            let base58 =
                member("publicKeyBase58")?
                    .as_str()
                    .ok_or(ResolveError::MissingMember {
                        id: id.to_owned(),
                        member: "publicKeyBase58",
                    })?;
            let bytes = bs58::decode(base58).into_vec().map_err(|err| {
                invalid(KeyError::InvalidBase58 {
                    reason: err.to_string(),
                })
            })?;
            PublicKey::from_ed25519_bytes(&bytes).map_err(invalid)
        }
        "JsonWebKey" | "JsonWebKey2020" => {
            PublicKey::from_jwk(member("publicKeyJwk")?).map_err(invalid)
        }
        other => Err(ResolveError::UnsupportedType {
            id: id.to_owned(),
            method_type: other.to_owned(),
        }),
    }
}
