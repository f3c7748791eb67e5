//! The entry point: a processor owns the document store and the cache of processed contexts.
//!
//! OWNER: helper H1 (expansion side). The public signatures are the contract other crates use.

use std::cell::Cell;

use serde_json::Value;
use tsumiki_rdf::Quad;

use crate::context::{ContextCache, Env};
use crate::error::JsonLdError;
use crate::expand::expand_document;
use crate::store::DocumentStore;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ProcessingMode {
    JsonLd10,
    #[default]
    JsonLd11,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RdfDirection {
    I18nDatatype,
    CompoundLiteral,
}

/// Options for one expansion / toRdf run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Reject anything standard JSON-LD would silently drop (undefined terms, relative IRIs
    /// in `@type`, ...). On by default: a verifier must not show unsigned data as signed.
    pub safe_mode: bool,
    pub base: Option<String>,
    /// A context applied before the document's own (the test suites' `expandContext`).
    pub expand_context: Option<Value>,
    pub processing_mode: ProcessingMode,
    pub produce_generalized_rdf: bool,
    pub rdf_direction: Option<RdfDirection>,
    /// Deepest JSON nesting accepted.
    pub max_depth: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            safe_mode: true,
            base: None,
            expand_context: None,
            processing_mode: ProcessingMode::default(),
            produce_generalized_rdf: false,
            rdf_direction: None,
            max_depth: 64,
        }
    }
}

impl Options {
    /// Standard JSON-LD behaviour, as the W3C test suites expect.
    pub fn standard() -> Self {
        Self {
            safe_mode: false,
            ..Self::default()
        }
    }
}

/// A JSON-LD processor. `Send + Sync`: share one per process.
#[derive(Debug)]
pub struct JsonLdProcessor {
    store: DocumentStore,
    /// Every context processed so far, keyed by parent context and source.
    contexts: ContextCache,
}

impl JsonLdProcessor {
    pub fn new(store: DocumentStore) -> Self {
        Self {
            store,
            contexts: ContextCache::default(),
        }
    }

    /// A processor over the bundled contexts.
    pub fn bundled() -> Self {
        Self::new(DocumentStore::bundled())
    }

    pub fn store(&self) -> &DocumentStore {
        &self.store
    }

    /// JSON-LD 1.1 Expansion: returns the expanded form (always an array).
    ///
    /// Contexts are loaded only from the store and processed once per processor; the result
    /// does not depend on what is already cached. Errors carry the JSON path of the offending
    /// value: [`JsonLdErrorCode::SafeMode`](crate::JsonLdErrorCode::SafeMode) for data that
    /// standard JSON-LD would silently drop or leave relative (when `options.safe_mode`),
    /// `LoadingRemoteContextFailed` for a context URL not in the store, `LimitExceeded` for
    /// input nested deeper than `options.max_depth`, and the JSON-LD API codes otherwise.
    pub fn expand(&self, document: &Value, options: &Options) -> Result<Value, JsonLdError> {
        let work = Cell::new(0);
        let env = Env {
            store: &self.store,
            safe_mode: options.safe_mode,
            mode: options.processing_mode,
            work: &work,
        };
        expand_document(&self.contexts, env, document, options)
    }

    /// How many processed contexts are cached (to observe that contexts are processed once).
    pub fn cached_contexts(&self) -> usize {
        self.contexts.len()
    }

    /// JSON-LD 1.1 Deserialize JSON-LD to RDF, via expansion.
    pub fn to_rdf(&self, document: &Value, options: &Options) -> Result<Vec<Quad>, JsonLdError> {
        let expanded = self.expand(document, options)?;
        crate::to_rdf::expanded_to_rdf(&expanded, options)
    }
}
