//! The W3C JSON-LD 1.1 expansion test suite (`expand-manifest.jsonld`), run in standard mode.
//!
//! Remote documents of the suite are served from a `DocumentStore` under their suite URLs,
//! since the processor never touches the network.
#![allow(clippy::panic, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use serde_json::Value;
use tsumiki_jsonld::{DocumentStore, JsonLdProcessor, Options, ProcessingMode};

/// Tests passing today; a lower count is a regression.
const FLOOR: usize = 376;

/// Tests that cannot run here, with the reason.
const EXCLUDED: &[(&str, &str)] = &[];

fn suite_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../testdata/test-suites/json-ld-api"
    ))
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Registers every file of `dir` under `url_prefix` (recursively).
fn register(store: &mut DocumentStore, dir: &Path, url_prefix: &str) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            register(store, &path, &format!("{url_prefix}{name}/"));
        } else if let Ok(text) = std::fs::read_to_string(&path)
            && let Ok(value) = serde_json::from_str::<Value>(&text)
        {
            store.insert(format!("{url_prefix}{name}"), value);
        }
    }
}

/// JSON-LD object comparison: arrays are unordered except `@list` and JSON literals.
pub fn jsonld_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                return false;
            }
            let mut used = vec![false; y.len()];
            x.iter().all(|item| {
                let found = y
                    .iter()
                    .enumerate()
                    .find(|(i, other)| !used[*i] && jsonld_eq(item, other))
                    .map(|(i, _)| i);
                found.map(|i| used[i] = true).is_some()
            })
        }
        (Value::Object(x), Value::Object(y)) => {
            if x.len() != y.len() {
                return false;
            }
            let json_literal = x.get("@type").and_then(Value::as_str) == Some("@json");
            x.iter().all(|(key, value)| {
                let Some(other) = y.get(key) else {
                    return false;
                };
                match (key.as_str(), value, other) {
                    ("@value", _, _) if json_literal => value == other,
                    ("@list", Value::Array(l), Value::Array(r)) => {
                        l.len() == r.len() && l.iter().zip(r).all(|(p, q)| jsonld_eq(p, q))
                    }
                    _ => jsonld_eq(value, other),
                }
            })
        }
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

#[test]
fn w3c_expand_suite() {
    let dir = suite_dir();
    let manifest = read_json(&dir.join("expand-manifest.jsonld"));
    let base_iri = manifest["baseIri"].as_str().unwrap().to_owned();
    let mut store = DocumentStore::empty();
    register(
        &mut store,
        &dir.join("expand"),
        &format!("{base_iri}expand/"),
    );
    let processor = JsonLdProcessor::new(store);

    let (mut passed, mut failed, mut excluded, mut skipped) = (0, Vec::new(), Vec::new(), 0);
    for test in manifest["sequence"].as_array().unwrap() {
        let id = test["@id"].as_str().unwrap();
        let option = test.get("option").cloned().unwrap_or(Value::Null);
        if option["specVersion"].as_str() == Some("json-ld-1.0") {
            skipped += 1;
            continue;
        }
        if let Some((_, reason)) = EXCLUDED.iter().find(|(excluded, _)| *excluded == id) {
            excluded.push(format!("{id}: {reason}"));
            continue;
        }
        let input_rel = test["input"].as_str().unwrap();
        let input = read_json(&dir.join(input_rel));
        let mut options = Options::standard();
        options.base = Some(
            option["base"]
                .as_str()
                .map_or_else(|| format!("{base_iri}{input_rel}"), str::to_owned),
        );
        if let Some(context) = option["expandContext"].as_str() {
            options.expand_context = Some(read_json(&dir.join(context)));
        }
        if option["processingMode"].as_str() == Some("json-ld-1.0") {
            options.processing_mode = ProcessingMode::JsonLd10;
        }
        let types: Vec<&str> = test["@type"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let result = std::panic::catch_unwind(|| processor.expand(&input, &options));
        let outcome = match result {
            Err(_) => Err("panicked".to_owned()),
            Ok(result) if types.contains(&"jld:NegativeEvaluationTest") => {
                let expected = test["expectErrorCode"].as_str().unwrap();
                match result {
                    Err(err) if err.spec_code() == expected => Ok(()),
                    Err(err) => Err(format!("expected error \"{expected}\", got {err}")),
                    Ok(out) => Err(format!("expected error \"{expected}\", got {out}")),
                }
            }
            Ok(result) => {
                let expected = read_json(&dir.join(test["expect"].as_str().unwrap()));
                match result {
                    Ok(out) if jsonld_eq(&out, &expected) => Ok(()),
                    Ok(out) => Err(format!("\n  got      {out}\n  expected {expected}")),
                    Err(err) => Err(format!("unexpected error: {err}")),
                }
            }
        };
        match outcome {
            Ok(()) => passed += 1,
            Err(why) => failed.push(format!(
                "{id} ({}): {why}",
                test["name"].as_str().unwrap_or("")
            )),
        }
    }
    println!(
        "expand suite: {passed} passed, {} failed, {} excluded, {skipped} skipped (json-ld-1.0 only)",
        failed.len(),
        excluded.len()
    );
    for failure in &failed {
        println!("FAIL {failure}");
    }
    for exclusion in &excluded {
        println!("EXCLUDED {exclusion}");
    }
    assert!(
        passed >= FLOOR,
        "regression: {passed} passed, floor is {FLOOR}"
    );
}
