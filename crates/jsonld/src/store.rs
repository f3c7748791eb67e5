//! The documents a processor may load: never the network.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::Value;

use crate::bundled::BUNDLED;
use crate::error::{JsonLdError, JsonLdErrorCode};

/// URL → parsed JSON document. Built once, then shared read-only.
#[derive(Debug, Clone, Default)]
pub struct DocumentStore {
    documents: HashMap<String, Arc<Value>>,
}

impl DocumentStore {
    /// An empty store: every remote context is refused.
    pub fn empty() -> Self {
        Self::default()
    }

    /// Every context bundled with tsumiki (see `contexts/manifest.json`).
    pub fn bundled() -> Self {
        let mut store = Self::empty();
        for (url, text) in BUNDLED {
            // The bundled files are checked by a unit test, so a parse failure here is a
            // build defect; skip rather than panic so a library user is never taken down.
            if let Ok(value) = serde_json::from_str(text) {
                store.documents.insert((*url).to_owned(), Arc::new(value));
            }
        }
        store
    }

    /// The bundled file for `url`, byte for byte, so a server can publish exactly what its
    /// verifier reads.
    pub fn bundled_source(url: &str) -> Option<&'static str> {
        BUNDLED
            .iter()
            .find(|(bundled_url, _)| *bundled_url == url)
            .map(|(_, text)| *text)
    }

    /// Adds (or replaces) a document under `url`, e.g. an operator-supplied context.
    pub fn insert(&mut self, url: impl Into<String>, document: Value) {
        self.documents.insert(url.into(), Arc::new(document));
    }

    /// Adds a document from JSON text.
    pub fn insert_json(&mut self, url: impl Into<String>, json: &str) -> Result<(), JsonLdError> {
        let url = url.into();
        let value = serde_json::from_str(json).map_err(|err| {
            JsonLdError::new(
                JsonLdErrorCode::LoadingDocumentFailed,
                format!("document for {url} is not JSON: {err}"),
            )
        })?;
        self.insert(url, value);
        Ok(())
    }

    /// Looks up a document. The URL's fragment is ignored.
    pub fn get(&self, url: &str) -> Option<Arc<Value>> {
        let key = url.split_once('#').map_or(url, |(base, _)| base);
        self.documents.get(key).cloned()
    }

    pub fn urls(&self) -> impl Iterator<Item = &str> {
        self.documents.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_context_parses_and_is_listed() {
        let store = DocumentStore::bundled();
        assert_eq!(store.urls().count(), BUNDLED.len());
        for (url, _) in BUNDLED {
            let doc = store.get(url).expect("bundled context missing");
            assert!(doc.get("@context").is_some(), "{url} has no @context");
        }
    }

    #[test]
    fn fragment_is_ignored_and_unknown_is_none() {
        let store = DocumentStore::bundled();
        assert!(
            store
                .get("https://www.w3.org/ns/credentials/v2#x")
                .is_some()
        );
        assert!(store.get("https://evil.example/context.json").is_none());
    }
}
