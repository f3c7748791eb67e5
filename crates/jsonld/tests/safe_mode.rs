//! Safe mode: what standard JSON-LD would silently drop or leave relative is an error with
//! the JSON path of the offending value; real credentials still expand. Also the limits.
#![allow(clippy::panic, clippy::unwrap_used)]

use serde_json::{Value, json};
use tsumiki_jsonld::{DocumentStore, JsonLdErrorCode, JsonLdProcessor, Options};

fn testdata(path: &str) -> Value {
    let full = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/").to_owned() + path;
    let text = std::fs::read_to_string(&full).unwrap_or_else(|err| panic!("{full}: {err}"));
    serde_json::from_str(&text).unwrap()
}

const REAL_DOCUMENTS: &[&str] = &[
    "test-vectors/ob-v3p0/unsigned.json",
    "test-vectors/ob-v3p0/signed.json",
    "test-vectors/clr-v2p0/unsigned.json",
    "test-vectors/clr-v2p0/signed.json",
    "test-vectors/vc-di-eddsa/unsigned.json",
    "test-vectors/vc-di-eddsa/eddsa-rdfc-2022/signedDataInt.json",
    "bench/ob3-badge.json",
];

/// `{key: inner}` without `json!`, which would copy `inner` recursively.
fn wrap(key: &str, inner: Value) -> Value {
    let mut map = serde_json::Map::new();
    map.insert(key.to_owned(), inner);
    Value::Object(map)
}

fn ob3() -> Value {
    testdata("test-vectors/ob-v3p0/unsigned.json")
}

fn safe_error(document: &Value) -> tsumiki_jsonld::JsonLdError {
    let processor = JsonLdProcessor::bundled();
    let err = processor.expand(document, &Options::default()).unwrap_err();
    assert_eq!(err.code, JsonLdErrorCode::SafeMode, "{err}");
    err
}

#[test]
fn processor_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<JsonLdProcessor>();
}

#[test]
fn real_credentials_expand_in_safe_mode_exactly_as_in_standard_mode() {
    let processor = JsonLdProcessor::bundled();
    for path in REAL_DOCUMENTS {
        let document = testdata(path);
        let safe = processor
            .expand(&document, &Options::default())
            .unwrap_or_else(|err| panic!("{path}: {err}"));
        let standard = processor.expand(&document, &Options::standard()).unwrap();
        assert_eq!(safe, standard, "{path}");
        let nodes = safe.as_array().unwrap();
        assert_eq!(nodes.len(), 1, "{path}");
        assert!(nodes[0].get("@type").is_some(), "{path}: {safe}");
    }
}

#[test]
fn expansion_does_not_depend_on_cache_state() {
    let processor = JsonLdProcessor::bundled();
    let document = testdata("bench/ob3-badge.json");
    let first = processor.expand(&document, &Options::default()).unwrap();
    let cached = processor.cached_contexts();
    assert!(cached > 0);
    for _ in 0..99 {
        assert_eq!(
            processor.expand(&document, &Options::default()).unwrap(),
            first
        );
    }
    assert_eq!(
        processor.cached_contexts(),
        cached,
        "contexts must be processed only once"
    );
    // A fresh processor (cold cache) gives the same result.
    assert_eq!(
        JsonLdProcessor::bundled()
            .expand(&document, &Options::default())
            .unwrap(),
        first
    );
}

#[test]
fn undefined_terms_are_reported_with_their_json_path() {
    let mut top = ob3();
    top["foo"] = json!("x");
    let mut subject = ob3();
    subject["credentialSubject"]["foo"] = json!({"a": 1});
    let mut achievement = ob3();
    achievement["credentialSubject"]["achievement"]["foo"] = json!(true);
    let mut evidence = ob3();
    evidence["evidence"] = json!([{"type": ["Evidence"], "name": "ok"}, {"type": ["Evidence"]}]);
    evidence["evidence"][1]["bar"] = json!("unsigned?");
    for (document, path) in [
        (top, "$.foo"),
        (subject, "$.credentialSubject.foo"),
        (achievement, "$.credentialSubject.achievement.foo"),
        (evidence, "$.evidence[1].bar"),
    ] {
        let err = safe_error(&document);
        assert_eq!(err.path.as_deref(), Some(path));
        let term = path.rsplit('.').next().unwrap();
        assert_eq!(
            err.message,
            format!("undefined term \"{term}\" at {path}: no context defines it"),
        );
    }
}

#[test]
fn standard_mode_silently_drops_what_safe_mode_rejects() {
    let mut document = ob3();
    document["credentialSubject"]["foo"] = json!("dropped");
    let processor = JsonLdProcessor::bundled();
    let expanded = processor.expand(&document, &Options::standard()).unwrap();
    assert!(!expanded.to_string().contains("dropped"));
    assert_eq!(
        expanded,
        processor.expand(&ob3(), &Options::standard()).unwrap()
    );
}

#[test]
fn relative_type_is_rejected() {
    let mut document = ob3();
    document["credentialSubject"]["type"] = json!(["AchievementSubject", "NotAType"]);
    let err = safe_error(&document);
    assert_eq!(err.path.as_deref(), Some("$.credentialSubject.type"));
    assert!(
        err.message
            .contains("relative @type reference \"NotAType\""),
        "{err}"
    );
}

#[test]
fn relative_type_is_rejected_even_with_a_base() {
    let mut document = ob3();
    document["type"] = json!(["VerifiableCredential", "Unknown"]);
    let options = Options {
        base: Some("https://example.org/".into()),
        ..Options::default()
    };
    let err = JsonLdProcessor::bundled()
        .expand(&document, &options)
        .unwrap_err();
    assert_eq!(err.code, JsonLdErrorCode::SafeMode);
    assert_eq!(err.path.as_deref(), Some("$.type"));
}

#[test]
fn relative_id_is_rejected() {
    let mut document = ob3();
    document["credentialSubject"]["id"] = json!("relative/thing");
    let err = safe_error(&document);
    assert_eq!(err.path.as_deref(), Some("$.credentialSubject.id"));
    assert!(err.message.contains("relative @id reference"), "{err}");
}

#[test]
fn terms_mapped_to_null_and_null_values_are_rejected() {
    let document = json!({
        "@context": [{"ex": "https://example.org/", "gone": null}],
        "@id": "https://example.org/a",
        "ex:p": "kept",
        "gone": "would vanish"
    });
    let err = safe_error(&document);
    assert_eq!(err.path.as_deref(), Some("$.gone"));
    assert!(err.message.contains("maps it to null"), "{err}");

    let document = json!({
        "@id": "https://example.org/a",
        "https://example.org/p": {"@value": null}
    });
    let err = safe_error(&document);
    assert_eq!(err.path.as_deref(), Some("$['https://example.org/p']"));
}

#[test]
fn reserved_terms_and_relative_vocab_are_rejected() {
    let document = json!({"@context": {"@foo": "https://example.org/foo"}, "@id": "urn:x:1"});
    let err = safe_error(&document);
    assert_eq!(err.path.as_deref(), Some("$['@context']"));
    assert!(err.message.contains("reserved term \"@foo\""), "{err}");

    let document = json!({"@context": {"@vocab": "relative/"}, "p": "v"});
    let err = safe_error(&document);
    assert!(err.message.contains("relative @vocab"), "{err}");
}

#[test]
fn free_floating_values_are_rejected() {
    let err = safe_error(
        &json!({"@graph": ["lost", {"@id": "https://example.org/x", "https://example.org/p": 1}]}),
    );
    assert_eq!(err.path.as_deref(), Some("$['@graph'][0]"));
}

#[test]
fn unknown_context_url_fails_without_fetching() {
    let mut document = ob3();
    document["@context"] = json!([
        "https://www.w3.org/ns/credentials/v2",
        "https://evil.example/context.json"
    ]);
    let err = JsonLdProcessor::bundled()
        .expand(&document, &Options::default())
        .unwrap_err();
    assert_eq!(err.code, JsonLdErrorCode::LoadingRemoteContextFailed);
    assert_eq!(err.spec_code(), "loading remote context failed");
    assert!(
        err.message.contains("https://evil.example/context.json"),
        "{err}"
    );
    assert!(err.message.contains("never fetches"), "{err}");
    assert_eq!(err.path.as_deref(), Some("$['@context']"));
}

#[test]
fn deep_nesting_fails_cleanly() {
    let mut document = json!("leaf");
    for _ in 0..10_000 {
        document = wrap("https://example.org/p", document);
    }
    let result = JsonLdProcessor::bundled().expand(&document, &Options::standard());
    let err = result.unwrap_err();
    assert_eq!(err.code, JsonLdErrorCode::LimitExceeded);
    assert!(err.message.contains("64"), "{err}");
    // Dropping a 10,000-deep value recurses in serde_json itself; that is not under test.
    std::mem::forget(document);

    let mut shallow = json!("leaf");
    for _ in 0..10 {
        shallow = wrap("https://example.org/p", shallow);
    }
    let options = Options {
        max_depth: 5,
        ..Options::standard()
    };
    let err = JsonLdProcessor::bundled()
        .expand(&shallow, &options)
        .unwrap_err();
    assert_eq!(err.code, JsonLdErrorCode::LimitExceeded);
    assert!(
        JsonLdProcessor::bundled()
            .expand(&shallow, &Options::standard())
            .is_ok()
    );
}

#[test]
fn cyclic_remote_contexts_terminate() {
    let mut store = DocumentStore::empty();
    store.insert(
        "https://example.org/a",
        json!({"@context": ["https://example.org/b", {"x": "https://example.org/x"}]}),
    );
    store.insert(
        "https://example.org/b",
        json!({"@context": "https://example.org/a"}),
    );
    let processor = JsonLdProcessor::new(store);
    let document = json!({"@context": "https://example.org/a", "x": 1});
    let err = processor
        .expand(&document, &Options::standard())
        .unwrap_err();
    assert_eq!(err.spec_code(), "context overflow", "{err}");
}

#[test]
fn scoped_context_recursion_is_bounded_by_the_document() {
    // A term whose scoped context redefines itself with the same scoped context.
    let mut store = DocumentStore::empty();
    store.insert(
        "https://example.org/self",
        json!({"@context": {"@vocab": "https://example.org/", "n": {"@context": "https://example.org/self"}}}),
    );
    let processor = JsonLdProcessor::new(store);
    let mut document = json!({"v": 1});
    for _ in 0..30 {
        document = wrap("n", document);
    }
    document["@context"] = json!("https://example.org/self");
    let expanded = processor.expand(&document, &Options::default()).unwrap();
    assert!(expanded.to_string().contains("https://example.org/v"));
}

#[test]
fn malformed_language_tags_and_ignored_keywords_are_rejected() {
    let value_object = json!({
        "@id": "https://example.org/a",
        "https://example.org/p": {"@value": "x", "@language": "en_US"}
    });
    let err = safe_error(&value_object);
    assert_eq!(
        err.path.as_deref(),
        Some("$['https://example.org/p']['@language']")
    );
    assert!(err.message.contains("BCP 47"), "{err}");

    let language_map = json!({
        "@context": {"label": {"@id": "https://example.org/label", "@container": "@language"}},
        "@id": "https://example.org/a",
        "label": {"en": "fine", "not a tag": "bad"}
    });
    let err = safe_error(&language_map);
    assert_eq!(err.path.as_deref(), Some("$.label['not a tag']"));

    let ignored = json!({"@id": "https://example.org/a", "@version": 1.1});
    let err = safe_error(&ignored);
    assert_eq!(err.path.as_deref(), Some("$['@version']"));

    // Standard mode accepts all three.
    let processor = JsonLdProcessor::bundled();
    for document in [value_object, language_map, ignored] {
        processor.expand(&document, &Options::standard()).unwrap();
    }
}

#[test]
fn protected_terms_of_the_credentials_context_cannot_be_redefined() {
    // A document must not be able to re-point `name`, protected by the VC context.
    let mut document = ob3();
    document["@context"]
        .as_array_mut()
        .unwrap()
        .push(json!({"name": "https://evil.example/name"}));
    for options in [Options::default(), Options::standard()] {
        let err = JsonLdProcessor::bundled()
            .expand(&document, &options)
            .unwrap_err();
        assert_eq!(err.spec_code(), "protected term redefinition", "{err}");
        assert_eq!(err.path.as_deref(), Some("$['@context']"));
    }
}

#[test]
fn cyclic_imports_terminate() {
    let mut store = DocumentStore::empty();
    store.insert(
        "https://example.org/a",
        json!({"@context": {"@import": "https://example.org/b"}}),
    );
    store.insert(
        "https://example.org/b",
        json!({"@context": {"@import": "https://example.org/a"}}),
    );
    let processor = JsonLdProcessor::new(store);
    let document = json!({"@context": "https://example.org/a", "@id": "https://example.org/x"});
    let err = processor
        .expand(&document, &Options::standard())
        .unwrap_err();
    assert_eq!(err.spec_code(), "invalid context entry", "{err}");
}

#[test]
fn context_processing_work_is_bounded() {
    // Every inline term re-validates a large bundled context: without a budget this
    // multiplies work by the number of terms.
    let mut terms = serde_json::Map::new();
    for i in 0..5_000 {
        terms.insert(
            format!("t{i}"),
            json!({"@id": format!("https://example.org/{i}"), "@context": "https://www.w3.org/ns/credentials/v2"}),
        );
    }
    let document = json!({"@context": Value::Object(terms), "@id": "https://example.org/x"});
    let err = JsonLdProcessor::bundled()
        .expand(&document, &Options::standard())
        .unwrap_err();
    assert_eq!(err.code, JsonLdErrorCode::LimitExceeded, "{err}");
    assert!(err.message.contains("term definitions"), "{err}");
}

#[test]
fn one_processor_serves_threads_with_identical_results() {
    let processor = std::sync::Arc::new(JsonLdProcessor::bundled());
    let documents: Vec<Value> = REAL_DOCUMENTS.iter().map(|path| testdata(path)).collect();
    let expected: Vec<Value> = documents
        .iter()
        .map(|document| {
            JsonLdProcessor::bundled()
                .expand(document, &Options::default())
                .unwrap()
        })
        .collect();
    let threads: Vec<_> = (0..4)
        .map(|offset| {
            let processor = processor.clone();
            let documents = documents.clone();
            std::thread::spawn(move || {
                (0..documents.len() * 3)
                    .map(|i| {
                        let index = (i + offset) % documents.len();
                        (
                            index,
                            processor
                                .expand(&documents[index], &Options::default())
                                .unwrap(),
                        )
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    for thread in threads {
        for (index, expanded) in thread.join().unwrap() {
            assert_eq!(expanded, expected[index], "{}", REAL_DOCUMENTS[index]);
        }
    }
}
