//! `@context` rules: every URL must be one tsumiki bundles (a verifier that fetched contexts
//! would let the network decide what a signed document means), VC 2.0 first, and the
//! Open Badges / CLR context present.

use serde_json::Value;
use tsumiki_jsonld::DocumentStore;

use super::{CredentialKind, Finding, JsonPath};

pub const VC_V2_CONTEXT: &str = "https://www.w3.org/ns/credentials/v2";
pub const VC_V1_CONTEXT: &str = "https://www.w3.org/2018/credentials/v1";
pub const OB_CONTEXT_PREFIX: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context";
pub const CLR_CONTEXT_PREFIX: &str = "https://purl.imsglobal.org/spec/clr/v2p0/context";

/// Matches `^PREFIX(-M\.\d\.\d)*\.json$`, the form of the OB and CLR context URLs
/// (`context.json`, `context-3.0.3.json`).
fn is_versioned_context(url: &str, prefix: &str, major: u8) -> bool {
    let Some(mut rest) = url.strip_prefix(prefix) else {
        return false;
    };
    loop {
        if rest == ".json" {
            return true;
        }
        let bytes = rest.as_bytes();
        let version = bytes.len() >= 6
            && bytes[0] == b'-'
            && bytes[1] == major
            && bytes[2] == b'.'
            && bytes[3].is_ascii_digit()
            && bytes[4] == b'.'
            && bytes[5].is_ascii_digit();
        if !version {
            return false;
        }
        rest = &rest[6..];
    }
}

/// The OB 3.0 context regex from the spec:
/// `^https://purl.imsglobal.org/spec/ob/v3p0/context(-3\.\d\.\d)*\.json$`.
pub fn is_ob_context(url: &str) -> bool {
    is_versioned_context(url, OB_CONTEXT_PREFIX, b'3')
}

/// The CLR 2.0 context, by analogy: `.../clr/v2p0/context(-2\.\d\.\d)*\.json`.
pub fn is_clr_context(url: &str) -> bool {
    is_versioned_context(url, CLR_CONTEXT_PREFIX, b'2')
}

/// Checks `@context` of `credential` against the documents `store` can provide.
pub fn check_contexts(credential: &Value, store: &DocumentStore) -> Vec<Finding> {
    let root = JsonPath::root();
    let path = root.key("@context");
    let mut findings = Vec::new();
    let entries: &[Value] = match credential.get("@context") {
        None => return vec![Finding::error("contexts.missing", &root)],
        Some(Value::Array(entries)) => entries,
        Some(single @ Value::String(_)) => std::slice::from_ref(single),
        Some(_) => return vec![Finding::error("contexts.not-array", &path)],
    };
    let mut urls = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let entry_path = if credential.get("@context").is_some_and(Value::is_array) {
            path.index(index)
        } else {
            path.clone()
        };
        match entry {
            Value::String(url) => {
                if store.get(url).is_none() {
                    findings
                        .push(Finding::error("contexts.not-bundled", &entry_path).arg("url", url));
                }
                urls.push((index, url.as_str()));
            }
            Value::Object(_) => findings.push(Finding::warning("contexts.inline", &entry_path)),
            _ => findings.push(Finding::error("contexts.invalid-entry", &entry_path)),
        }
    }
    match entries.first() {
        Some(Value::String(first)) if first == VC_V2_CONTEXT => {}
        Some(Value::String(first)) if first == VC_V1_CONTEXT => {
            findings.push(Finding::warning("contexts.legacy-v1", &path.index(0)));
        }
        Some(first) => {
            let found = first
                .as_str()
                .map_or_else(|| first.to_string(), str::to_owned);
            findings
                .push(Finding::error("contexts.first-not-v2", &path.index(0)).arg("found", found));
        }
        None => findings.push(Finding::error("contexts.missing", &root)),
    }
    match CredentialKind::detect(credential) {
        CredentialKind::Achievement | CredentialKind::Endorsement => {
            match urls.iter().find(|(_, url)| is_ob_context(url)) {
                None => findings.push(Finding::error("contexts.ob-missing", &path)),
                Some((index, _)) if *index != 1 => findings.push(
                    Finding::warning("contexts.ob-not-second", &path.index(*index))
                        .arg("position", (index + 1).to_string()),
                ),
                Some(_) => {}
            }
        }
        CredentialKind::Clr => {
            if !urls.iter().any(|(_, url)| is_clr_context(url)) {
                findings.push(Finding::error("contexts.clr-missing", &path));
            }
        }
        CredentialKind::Other => {}
    }
    findings
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ob_context_regex() {
        for good in [
            "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1-3.0.2.json",
        ] {
            assert!(is_ob_context(good), "{good}");
        }
        for bad in [
            "https://purl.imsglobal.org/spec/ob/v3p0/context-2.0.3.json",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.json",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.jsonx",
            "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
            "http://purl.imsglobal.org/spec/ob/v3p0/context.json",
        ] {
            assert!(!is_ob_context(bad), "{bad}");
        }
        assert!(is_clr_context(
            "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"
        ));
    }

    fn codes(credential: &Value) -> Vec<&'static str> {
        check_contexts(credential, &DocumentStore::bundled())
            .iter()
            .map(|f| f.code)
            .collect()
    }

    #[test]
    fn context_findings() {
        let ob = json!({"type": ["VerifiableCredential", "OpenBadgeCredential"]});
        let with = |contexts: Value| {
            let mut credential = ob.clone();
            credential["@context"] = contexts;
            codes(&credential)
        };
        assert!(
            with(json!([
                VC_V2_CONTEXT,
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
            ]))
            .is_empty()
        );
        assert_eq!(with(json!([VC_V2_CONTEXT])), ["contexts.ob-missing"]);
        assert_eq!(
            with(json!([
                VC_V2_CONTEXT,
                "https://evil.example/ctx.json",
                "https://purl.imsglobal.org/spec/ob/v3p0/context.json"
            ])),
            ["contexts.not-bundled", "contexts.ob-not-second"]
        );
        assert_eq!(
            with(json!([
                VC_V1_CONTEXT,
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
            ])),
            ["contexts.legacy-v1"]
        );
        assert_eq!(
            with(json!([
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
                VC_V2_CONTEXT
            ])),
            ["contexts.first-not-v2", "contexts.ob-not-second"]
        );
        assert_eq!(with(json!(42)), ["contexts.not-array"]);
        assert_eq!(codes(&json!({})), ["contexts.missing"]);
    }
}
