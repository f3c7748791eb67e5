//! The processed-context cache: the reason this crate exists (see the crate docs).
//!
//! A key names the parent context by its unique id and the local context either by its
//! serialized JSON (contexts written in a document) or by the address of a shared scoped
//! context, which the entry keeps alive so the address cannot be reused by another value.

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};

use serde_json::Value;

use super::ActiveContext;
use super::processing::{self, Env, Flags};
use crate::error::JsonLdError;
use crate::processor::ProcessingMode;

/// Entries beyond this are computed but not kept, so hostile input cannot grow memory.
const MAX_ENTRIES: usize = 2048;

/// Distinct document base IRIs with their own cached context tree.
const MAX_BASES: usize = 16;

/// Contexts written in documents are cached only when this small (serialized), so a stream
/// of large one-off inline contexts cannot fill memory; URL lists are far below it.
const MAX_INLINE_CONTEXT: usize = 2048;

/// Where a local context comes from.
pub(crate) enum ContextSource<'a> {
    /// Written in the document (or the caller's `expandContext`).
    Document(&'a Value),
    /// A term's scoped context, owned by a term definition.
    Scoped(&'a Arc<Value>),
}

impl ContextSource<'_> {
    fn value(&self) -> &Value {
        match self {
            ContextSource::Document(value) => value,
            ContextSource::Scoped(value) => value,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum SourceKey {
    Json(String),
    Shared(usize),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    parent: u64,
    source: SourceKey,
    base_url: Option<Arc<str>>,
    flags: Flags,
    safe_mode: bool,
    mode: ProcessingMode,
}

#[derive(Debug)]
struct Entry {
    context: Arc<ActiveContext>,
    _pin: Option<Arc<Value>>,
}

#[derive(Debug, Default)]
pub(crate) struct ContextCache {
    derived: RwLock<HashMap<Key, Entry, foldhash::fast::RandomState>>,
    initial: RwLock<HashMap<Option<String>, Arc<ActiveContext>>>,
}

impl ContextCache {
    /// The empty active context for a document base, shared so derived contexts are cached.
    pub(crate) fn initial(&self, base: Option<&str>) -> Arc<ActiveContext> {
        let key = base.map(str::to_owned);
        if let Some(found) = self
            .initial
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
        {
            return found.clone();
        }
        let mut map = self.initial.write().unwrap_or_else(PoisonError::into_inner);
        if map.len() < MAX_BASES {
            let mut context = ActiveContext::initial(base);
            context.cacheable = true;
            map.entry(key).or_insert_with(|| context.share()).clone()
        } else {
            ActiveContext::initial(base).share()
        }
    }

    /// Context processing with memoization (errors are never cached).
    pub(crate) fn process(
        &self,
        env: &Env<'_>,
        active: &Arc<ActiveContext>,
        source: ContextSource<'_>,
        base_url: Option<&Arc<str>>,
        flags: Flags,
    ) -> Result<Arc<ActiveContext>, JsonLdError> {
        // A scoped context's base URL is fixed by the term definition that owns it.
        let (source_key, pin, keyed_base) = match &source {
            ContextSource::Document(value) => (
                SourceKey::Json(serialized_key(value)),
                None,
                base_url.cloned(),
            ),
            ContextSource::Scoped(shared) => (
                SourceKey::Shared(Arc::as_ptr(shared) as usize),
                Some(Arc::clone(shared)),
                None,
            ),
        };
        let cacheable = active.cacheable
            && match &source_key {
                SourceKey::Json(json) => json.len() <= MAX_INLINE_CONTEXT,
                SourceKey::Shared(_) => true,
            };
        if !cacheable {
            let mut context =
                processing::process(env, active, source.value(), base_url, &[], flags)?;
            context.cacheable = false;
            return Ok(context.share());
        }
        let key = Key {
            parent: active.id(),
            source: source_key,
            base_url: keyed_base,
            flags,
            safe_mode: env.safe_mode,
            mode: env.mode,
        };
        if let Some(entry) = self
            .derived
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
        {
            return Ok(entry.context.clone());
        }
        let mut context = processing::process(env, active, source.value(), base_url, &[], flags)?;
        context.cacheable = true;
        let context = context.share();
        let mut map = self.derived.write().unwrap_or_else(PoisonError::into_inner);
        if map.len() < MAX_ENTRIES {
            let entry = map.entry(key).or_insert(Entry { context, _pin: pin });
            Ok(entry.context.clone())
        } else {
            Ok(context)
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.derived
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }
}

/// `value.to_string()`, written directly for the usual context (a URL or a list of URLs
/// with nothing to escape): this key is built for every document verified.
fn serialized_key(value: &Value) -> String {
    fn plain(text: &str) -> bool {
        text.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\')
    }
    fn push_quoted(out: &mut String, text: &str) {
        out.push('"');
        out.push_str(text);
        out.push('"');
    }
    match value {
        Value::String(url) if plain(url) => {
            let mut out = String::with_capacity(url.len() + 2);
            push_quoted(&mut out, url);
            out
        }
        Value::Array(items) if items.iter().all(|item| item.as_str().is_some_and(plain)) => {
            let mut out = String::with_capacity(
                2 + items
                    .iter()
                    .map(|item| item.as_str().map_or(0, str::len) + 3)
                    .sum::<usize>(),
            );
            out.push('[');
            for (index, url) in items.iter().filter_map(Value::as_str).enumerate() {
                if index > 0 {
                    out.push(',');
                }
                push_quoted(&mut out, url);
            }
            out.push(']');
            out
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::store::DocumentStore;

    fn env(store: &DocumentStore) -> Env<'_> {
        Env {
            store,
            safe_mode: true,
            mode: ProcessingMode::JsonLd11,
            work: Box::leak(Box::new(std::cell::Cell::new(0))),
        }
    }

    #[test]
    fn a_context_is_processed_once_and_then_shared() {
        let store = DocumentStore::bundled();
        let cache = ContextCache::default();
        let local = json!(["https://www.w3.org/ns/credentials/v2"]);
        let initial = cache.initial(None);
        let first = cache
            .process(
                &env(&store),
                &initial,
                ContextSource::Document(&local),
                None,
                Flags::default(),
            )
            .unwrap();
        let again = cache
            .process(
                &env(&store),
                &initial,
                ContextSource::Document(&local),
                None,
                Flags::default(),
            )
            .unwrap();
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(cache.len(), 1);
        assert!(first.term("VerifiableCredential").is_some());
        // The same context on another parent is another entry.
        let other = cache.initial(Some("https://example.org/"));
        let derived = cache
            .process(
                &env(&store),
                &other,
                ContextSource::Document(&local),
                None,
                Flags::default(),
            )
            .unwrap();
        assert!(!Arc::ptr_eq(&first, &derived));
        assert_eq!(cache.len(), 2);
    }

    #[test]
    fn large_inline_contexts_and_their_descendants_are_not_kept() {
        let store = DocumentStore::empty();
        let cache = ContextCache::default();
        let mut terms = serde_json::Map::new();
        for i in 0..200 {
            terms.insert(
                format!("term{i}"),
                json!({"@id": format!("https://example.org/{i}"), "@context": {"x": "https://example.org/x"}}),
            );
        }
        let local = Value::Object(terms);
        let initial = cache.initial(None);
        let big = cache
            .process(
                &env(&store),
                &initial,
                ContextSource::Document(&local),
                None,
                Flags::default(),
            )
            .unwrap();
        assert_eq!(cache.len(), 0);
        let scoped = big
            .terms
            .get("term1")
            .and_then(|t| t.context.clone())
            .unwrap();
        cache
            .process(
                &env(&store),
                &big,
                ContextSource::Scoped(&scoped),
                None,
                Flags::default(),
            )
            .unwrap();
        assert_eq!(
            cache.len(),
            0,
            "children of an uncached context must not be cached"
        );
    }

    #[test]
    fn initial_contexts_are_bounded_per_base() {
        let cache = ContextCache::default();
        for i in 0..(MAX_BASES * 4) {
            let base = format!("https://example.org/{i}/");
            let context = cache.initial(Some(&base));
            assert_eq!(context.base(), Some(base.as_str()));
        }
        let kept = cache
            .initial
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .len();
        assert_eq!(kept, MAX_BASES);
    }

    #[test]
    fn serialized_key_is_the_json_serialization() {
        for value in [
            json!("https://www.w3.org/ns/credentials/v2"),
            json!([]),
            json!(["https://a.example/x", "https://b.example/日本"]),
            json!(["with \"quote", "ok"]),
            json!(["back\\slash"]),
            json!(["tab\tnewline\n", "\u{7f}"]),
            json!(["a", {"@vocab": "https://v.example/"}]),
            json!({"@version": 1.1}),
            json!(null),
            json!("ctrl\u{1}"),
        ] {
            assert_eq!(serialized_key(&value), value.to_string(), "{value}");
        }
    }
}
