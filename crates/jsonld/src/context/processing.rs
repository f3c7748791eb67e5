//! The Context Processing algorithm (JSON-LD 1.1 API §4.1.2).

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::Arc;

use serde_json::{Map, Value};

use super::iri::{is_absolute_iri, is_well_formed_language, resolve};
use super::term_definition::{TermDefiner, create_term_definition};
use super::{ActiveContext, Direction, expand_iri};
use crate::error::{JsonLdError, JsonLdErrorCode};
use crate::processor::ProcessingMode;
use crate::store::DocumentStore;

/// Remote context chains longer than this are taken as a cycle (`context overflow`).
const MAX_REMOTE_CONTEXTS: usize = 32;

/// What every context-processing step needs to know about the run.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Env<'s> {
    pub(crate) store: &'s DocumentStore,
    pub(crate) safe_mode: bool,
    pub(crate) mode: ProcessingMode,
    /// Term definitions created so far in this call: validating scoped contexts processes
    /// remote contexts uncached, so a document could otherwise multiply that work at will.
    pub(crate) work: &'s Cell<usize>,
}

/// Term definitions one expansion may create; real credentials need far fewer (about 700
/// for an OB 3.0 credential whose contexts are processed cold).
pub(crate) const MAX_TERM_DEFINITIONS: usize = 50_000;

impl Env<'_> {
    /// Counts one term definition against the budget.
    pub(crate) fn charge(&self) -> Result<(), JsonLdError> {
        let done = self.work.get() + 1;
        self.work.set(done);
        if done > MAX_TERM_DEFINITIONS {
            return Err(JsonLdError::new(
                JsonLdErrorCode::LimitExceeded,
                format!(
                    "context processing needs more than {MAX_TERM_DEFINITIONS} term definitions"
                ),
            ));
        }
        Ok(())
    }

    pub(crate) fn is_10(&self) -> bool {
        self.mode == ProcessingMode::JsonLd10
    }
}

/// The algorithm's boolean parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Flags {
    pub(crate) override_protected: bool,
    pub(crate) propagate: bool,
    pub(crate) validate_scoped: bool,
}

impl Default for Flags {
    fn default() -> Self {
        Self {
            override_protected: false,
            propagate: true,
            validate_scoped: true,
        }
    }
}

pub(crate) fn spec_error(code: &'static str, message: impl Into<String>) -> JsonLdError {
    JsonLdError::new(JsonLdErrorCode::Other(code), message)
}

pub(crate) fn safe_error(message: impl Into<String>) -> JsonLdError {
    JsonLdError::new(JsonLdErrorCode::SafeMode, message)
}

/// Processes `local` on top of `active`, returning the new (unshared) active context.
pub(crate) fn process(
    env: &Env<'_>,
    active: &Arc<ActiveContext>,
    local: &Value,
    base_url: Option<&Arc<str>>,
    remote_contexts: &[String],
    flags: Flags,
) -> Result<ActiveContext, JsonLdError> {
    let mut result = ActiveContext::clone(active);
    let mut propagate = flags.propagate;
    if let Value::Object(map) = local
        && let Some(value) = map.get("@propagate")
    {
        propagate = value.as_bool().ok_or_else(|| {
            spec_error(
                "invalid @propagate value",
                "@propagate must be true or false",
            )
        })?;
    }
    if !propagate && result.previous.is_none() {
        result.previous = Some(Arc::clone(active));
    }
    let mut remote: Vec<String> = remote_contexts.to_vec();
    let items: &[Value] = match local {
        Value::Array(items) => items,
        other => std::slice::from_ref(other),
    };
    for item in items {
        match item {
            Value::Null => {
                if !flags.override_protected && result.has_protected_terms() {
                    return Err(spec_error(
                        "invalid context nullification",
                        "a context with protected terms cannot be set to null",
                    ));
                }
                let previous = result;
                result = ActiveContext::initial(previous.original_base.as_deref());
                if !propagate {
                    result.previous = Some(previous.share());
                }
            }
            Value::String(reference) => {
                result = process_remote(env, result, reference, base_url, &mut remote, flags)?;
            }
            Value::Object(definition) => {
                result = process_definition(env, result, definition, base_url, &remote, flags)?;
            }
            _ => {
                return Err(spec_error(
                    "invalid local context",
                    format!("a context must be null, a string or an object, not {item}"),
                ));
            }
        }
    }
    Ok(result)
}

fn load_remote(env: &Env<'_>, url: &str) -> Result<Arc<Value>, JsonLdError> {
    env.store.get(url).ok_or_else(|| {
        JsonLdError::new(
            JsonLdErrorCode::LoadingRemoteContextFailed,
            format!(
                "context <{url}> is not in the document store; tsumiki never fetches contexts \
                 from the network, so add it to the store (bundle it) to use it"
            ),
        )
    })
}

fn resolve_reference(reference: &str, base_url: Option<&Arc<str>>) -> Result<String, JsonLdError> {
    if is_absolute_iri(reference) {
        return Ok(resolve(reference, ""));
    }
    match base_url {
        Some(base) => Ok(resolve(base, reference)),
        None => Err(JsonLdError::new(
            JsonLdErrorCode::LoadingDocumentFailed,
            format!("relative context reference \"{reference}\" but there is no base IRI"),
        )),
    }
}

fn process_remote(
    env: &Env<'_>,
    result: ActiveContext,
    reference: &str,
    base_url: Option<&Arc<str>>,
    remote: &mut Vec<String>,
    flags: Flags,
) -> Result<ActiveContext, JsonLdError> {
    let url = resolve_reference(reference, base_url)?;
    if !flags.validate_scoped && remote.contains(&url) {
        return Ok(result);
    }
    if remote.len() >= MAX_REMOTE_CONTEXTS {
        return Err(spec_error(
            "context overflow",
            format!("more than {MAX_REMOTE_CONTEXTS} nested remote contexts at <{url}> (cycle?)"),
        ));
    }
    remote.push(url.clone());
    let document = load_remote(env, &url)?;
    let loaded = document.get("@context").ok_or_else(|| {
        spec_error(
            "invalid remote context",
            format!("<{url}> has no @context entry"),
        )
    })?;
    let url_base: Arc<str> = Arc::from(url.as_str());
    let active = result.share();
    let inner = Flags {
        validate_scoped: flags.validate_scoped,
        ..Flags::default()
    };
    process(env, &active, loaded, Some(&url_base), remote, inner)
}

fn import(
    env: &Env<'_>,
    definition: &Map<String, Value>,
    base_url: Option<&Arc<str>>,
) -> Result<Option<Map<String, Value>>, JsonLdError> {
    let Some(value) = definition.get("@import") else {
        return Ok(None);
    };
    if env.is_10() {
        return Err(spec_error(
            "invalid context entry",
            "@import needs JSON-LD 1.1",
        ));
    }
    let reference = value
        .as_str()
        .ok_or_else(|| spec_error("invalid @import value", "@import must be a string"))?;
    let url = resolve_reference(reference, base_url)?;
    let document = load_remote(env, &url)?;
    let Some(Value::Object(imported)) = document.get("@context") else {
        return Err(spec_error(
            "invalid remote context",
            format!("imported <{url}> must have an object @context"),
        ));
    };
    if imported.contains_key("@import") {
        return Err(spec_error(
            "invalid context entry",
            format!("imported context <{url}> itself has @import"),
        ));
    }
    let mut merged = imported.clone();
    for (key, value) in definition {
        merged.insert(key.clone(), value.clone());
    }
    Ok(Some(merged))
}

fn process_definition(
    env: &Env<'_>,
    mut result: ActiveContext,
    definition: &Map<String, Value>,
    base_url: Option<&Arc<str>>,
    remote: &[String],
    flags: Flags,
) -> Result<ActiveContext, JsonLdError> {
    if let Some(version) = definition.get("@version") {
        if version.as_f64() != Some(1.1) {
            return Err(spec_error(
                "invalid @version value",
                format!("@version {version}"),
            ));
        }
        if env.is_10() {
            return Err(spec_error(
                "processing mode conflict",
                "@version 1.1 in json-ld-1.0 processing mode",
            ));
        }
    }
    let merged = import(env, definition, base_url)?;
    let definition = merged.as_ref().unwrap_or(definition);

    if let Some(value) = definition.get("@base")
        && remote.is_empty()
    {
        match value {
            Value::Null => result.base = None,
            Value::String(iri) if is_absolute_iri(iri) => {
                result.base = Some(Arc::from(iri.as_str()))
            }
            Value::String(iri) => match result.base.as_deref() {
                Some(base) => result.base = Some(Arc::from(resolve(base, iri))),
                None => {
                    return Err(spec_error(
                        "invalid base IRI",
                        format!("relative @base \"{iri}\" without a base IRI"),
                    ));
                }
            },
            other => {
                return Err(spec_error("invalid base IRI", format!("@base {other}")));
            }
        }
    }
    if let Some(value) = definition.get("@vocab") {
        match value {
            Value::Null => result.vocab = None,
            Value::String(vocab) => {
                let expanded = expand_iri(&result, vocab, true, true).map(|iri| iri.into_owned());
                match expanded {
                    Some(iri) if is_absolute_iri(&iri) || !env.is_10() => {
                        if env.safe_mode && !is_absolute_iri(&iri) {
                            return Err(safe_error(format!(
                                "relative @vocab \"{vocab}\": terms would expand to relative IRIs"
                            )));
                        }
                        result.vocab = Some(iri);
                    }
                    _ => {
                        return Err(spec_error(
                            "invalid vocab mapping",
                            format!("@vocab \"{vocab}\" is not an IRI"),
                        ));
                    }
                }
            }
            other => {
                return Err(spec_error(
                    "invalid vocab mapping",
                    format!("@vocab {other}"),
                ));
            }
        }
    }
    if let Some(value) = definition.get("@language") {
        match value {
            Value::Null => result.default_language = None,
            Value::String(language) => {
                if env.safe_mode && !is_well_formed_language(language) {
                    return Err(safe_error(format!(
                        "invalid @language value \"{language}\" in a context: not a BCP 47 tag"
                    )));
                }
                result.default_language = Some(language.to_lowercase());
            }
            other => {
                return Err(spec_error(
                    "invalid default language",
                    format!("@language {other}"),
                ));
            }
        }
    }
    if let Some(value) = definition.get("@direction") {
        if env.is_10() {
            return Err(spec_error(
                "invalid context entry",
                "@direction needs JSON-LD 1.1",
            ));
        }
        match value {
            Value::Null => result.default_direction = None,
            Value::String(direction) if Direction::parse(direction).is_some() => {
                result.default_direction = Direction::parse(direction);
            }
            other => {
                return Err(spec_error(
                    "invalid base direction",
                    format!("@direction {other}"),
                ));
            }
        }
    }
    if let Some(value) = definition.get("@propagate") {
        if env.is_10() {
            return Err(spec_error(
                "invalid context entry",
                "@propagate needs JSON-LD 1.1",
            ));
        }
        if !value.is_boolean() {
            return Err(spec_error(
                "invalid @propagate value",
                "@propagate must be a boolean",
            ));
        }
    }
    let protected = match definition.get("@protected") {
        None => false,
        Some(Value::Bool(protected)) => *protected,
        Some(other) => {
            return Err(spec_error(
                "invalid @protected value",
                format!("@protected {other}"),
            ));
        }
    };
    let mut definer = TermDefiner {
        env,
        local: definition,
        defined: HashMap::new(),
        base_url: base_url.cloned(),
        protected,
        override_protected: flags.override_protected,
        remote: remote.to_vec(),
    };
    for key in definition.keys() {
        if matches!(
            key.as_str(),
            "@base"
                | "@direction"
                | "@import"
                | "@language"
                | "@propagate"
                | "@protected"
                | "@version"
                | "@vocab"
        ) {
            continue;
        }
        create_term_definition(&mut definer, &mut result, key)?;
    }
    Ok(result)
}
