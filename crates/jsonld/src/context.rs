//! Context processing and the active context.
//!
//! Active contexts are immutable once built and shared through `Arc`: a processed context
//! (and every context derived from it) is computed once, cached by the processor, and then
//! reused by every document that names it. Term definitions are `Arc`s too, so deriving a
//! context copies pointers, never definitions.

mod cache;
mod container;
mod expand_iri;
pub mod iri;
mod processing;
mod term_definition;

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::Value;

pub(crate) use cache::{ContextCache, ContextSource};
pub(crate) use expand_iri::expand_iri;
pub(crate) use processing::{Env, Flags};

/// Base direction of a string (`@direction`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }

    pub(crate) fn parse(value: &str) -> Option<Self> {
        match value {
            "ltr" => Some(Direction::Ltr),
            "rtl" => Some(Direction::Rtl),
            _ => None,
        }
    }
}

/// A term's `@container` mapping as a set of flags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Container(u8);

impl Container {
    pub const LIST: u8 = 1;
    pub const SET: u8 = 2;
    pub const INDEX: u8 = 4;
    pub const LANGUAGE: u8 = 8;
    pub const ID: u8 = 16;
    pub const TYPE: u8 = 32;
    pub const GRAPH: u8 = 64;

    pub fn has(self, flag: u8) -> bool {
        self.0 & flag != 0
    }

    pub(crate) fn flag_of(keyword: &str) -> Option<u8> {
        Some(match keyword {
            "@list" => Self::LIST,
            "@set" => Self::SET,
            "@index" => Self::INDEX,
            "@language" => Self::LANGUAGE,
            "@id" => Self::ID,
            "@type" => Self::TYPE,
            "@graph" => Self::GRAPH,
            _ => return None,
        })
    }
}

/// One processed term definition.
#[derive(Debug, Clone, Default)]
pub struct TermDefinition {
    /// The IRI mapping (possibly a keyword); `None` for a term explicitly mapped to null.
    pub(crate) iri: Option<String>,
    pub(crate) prefix: bool,
    pub(crate) protected: bool,
    pub(crate) reverse: bool,
    /// URL of the context that defined the term, for resolving its scoped context.
    pub(crate) base_url: Option<Arc<str>>,
    /// The term's scoped context, shared so that its address can key the context cache.
    pub(crate) context: Option<Arc<Value>>,
    pub(crate) container: Container,
    /// `Some(None)` means `@direction: null` (which overrides the default direction).
    pub(crate) direction: Option<Option<Direction>>,
    pub(crate) index: Option<String>,
    /// `Some(None)` means `@language: null`.
    pub(crate) language: Option<Option<String>>,
    pub(crate) nest: Option<String>,
    pub(crate) type_mapping: Option<String>,
}

impl TermDefinition {
    pub fn iri(&self) -> Option<&str> {
        self.iri.as_deref()
    }

    pub fn container(&self) -> Container {
        self.container
    }

    pub fn type_mapping(&self) -> Option<&str> {
        self.type_mapping.as_deref()
    }

    pub fn is_reverse(&self) -> bool {
        self.reverse
    }

    /// Protected terms may only be redefined identically; `protected` itself is not compared.
    pub(crate) fn same_as(&self, other: &TermDefinition) -> bool {
        self.iri == other.iri
            && self.prefix == other.prefix
            && self.reverse == other.reverse
            && self.context == other.context
            && self.container == other.container
            && self.direction == other.direction
            && self.index == other.index
            && self.language == other.language
            && self.nest == other.nest
            && self.type_mapping == other.type_mapping
    }
}

/// Term lookups dominate expansion time; foldhash is several times faster than SipHash and
/// still randomly seeded per map, which keeps crafted collisions impractical.
pub(crate) type TermMap = HashMap<String, Arc<TermDefinition>, foldhash::fast::RandomState>;

static NEXT_CONTEXT_ID: AtomicU64 = AtomicU64::new(1);

/// The active context of the JSON-LD algorithms.
#[derive(Debug, Clone, Default)]
pub struct ActiveContext {
    /// Unique per shared context (never reused), so it can key the cache of derived contexts.
    id: u64,
    pub(crate) base: Option<Arc<str>>,
    pub(crate) original_base: Option<Arc<str>>,
    pub(crate) vocab: Option<String>,
    pub(crate) default_language: Option<String>,
    pub(crate) default_direction: Option<Direction>,
    pub(crate) terms: TermMap,
    /// The context to revert to when entering a new node object (non-propagated contexts).
    pub(crate) previous: Option<Arc<ActiveContext>>,
    /// Terms that alias `@type`, `@value` or `@id`, so finding such keys needs no lookups.
    aliases: Vec<(String, &'static str)>,
    /// Whether contexts derived from this one may be cached: only descendants of cached
    /// contexts are, so one-off contexts of a document never pile up in the cache.
    pub(crate) cacheable: bool,
}

impl ActiveContext {
    /// A fresh context whose base IRI is the document's base.
    pub(crate) fn initial(base: Option<&str>) -> Self {
        let base: Option<Arc<str>> = base.map(Arc::from);
        Self {
            original_base: base.clone(),
            base,
            ..Self::default()
        }
    }

    /// Freezes the context, giving it a new identity.
    pub(crate) fn share(mut self) -> Arc<Self> {
        self.id = NEXT_CONTEXT_ID.fetch_add(1, Ordering::Relaxed);
        self.aliases = self
            .terms
            .iter()
            .filter_map(|(term, definition)| {
                let keyword = match definition.iri.as_deref()? {
                    "@type" => "@type",
                    "@value" => "@value",
                    "@id" => "@id",
                    _ => return None,
                };
                Some((term.clone(), keyword))
            })
            .collect();
        Arc::new(self)
    }

    /// Whether `key` IRI-expands (as a vocabulary term) to `keyword` (`@type`, `@value`, `@id`).
    pub(crate) fn key_is(&self, key: &str, keyword: &str) -> bool {
        key == keyword
            || self
                .aliases
                .iter()
                .any(|(term, k)| *k == keyword && term == key)
    }

    pub(crate) fn id(&self) -> u64 {
        self.id
    }

    pub fn term(&self, term: &str) -> Option<&TermDefinition> {
        self.terms.get(term).map(Arc::as_ref)
    }

    pub fn vocab(&self) -> Option<&str> {
        self.vocab.as_deref()
    }

    pub fn base(&self) -> Option<&str> {
        self.base.as_deref()
    }

    pub(crate) fn has_protected_terms(&self) -> bool {
        self.terms.values().any(|term| term.protected)
    }
}
