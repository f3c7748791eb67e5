//! The W3C JSON-LD 1.1 toRdf test suite, run through `JsonLdProcessor::to_rdf` with standard
//! (non-safe) options. Results are compared up to blank node isomorphism by canonicalizing
//! both sides with our RDFC-1.0.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;
use tsumiki_jsonld::{DocumentStore, JsonLdProcessor, Options, ProcessingMode, RdfDirection};
use tsumiki_rdf::{Quad, Term, canonical_nquads, parse_generalized_nquads};

const SUITE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../testdata/test-suites/json-ld-api/"
);

/// The floor: the number of tests that passed when this runner was last tuned. Raise it as
/// the processor improves; a drop is a regression.
const PASS_FLOOR: usize = 455;

/// Tests left out, with the reason. None of the toRdf tests needs HTTP or HTML, so the list
/// is empty; the mechanism stays for when the suite grows.
const EXCLUDED: &[(&str, &str)] = &[];

fn read(path: &str) -> String {
    let full = format!("{SUITE}{path}");
    std::fs::read_to_string(&full).unwrap_or_else(|err| panic!("{full}: {err}"))
}

/// Every JSON document of the suite folders, under the URL the manifest's baseIri gives it.
fn suite_store(base_iri: &str) -> DocumentStore {
    let mut store = DocumentStore::bundled();
    fn walk(store: &mut DocumentStore, base_iri: &str, relative: &str) {
        let Ok(entries) = std::fs::read_dir(Path::new(SUITE).join(relative)) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = format!("{relative}/{name}");
            if entry.path().is_dir() {
                walk(store, base_iri, &path);
            } else if (name.ends_with(".jsonld") || name.ends_with(".json"))
                && let Ok(text) = std::fs::read_to_string(entry.path())
            {
                // Some inputs are deliberately invalid JSON; they are simply not loadable.
                let _ = store.insert_json(format!("{base_iri}{path}"), &text);
            }
        }
    }
    for folder in ["toRdf", "expand"] {
        walk(&mut store, base_iri, folder);
    }
    store
}

fn str_field<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

fn options_for(test: &Value, base_iri: &str) -> Result<Options, String> {
    let mut options = Options::standard();
    let input = str_field(test, "input").unwrap_or("");
    options.base = Some(format!("{base_iri}{input}"));
    let Some(option) = test.get("option") else {
        return Ok(options);
    };
    if let Some(base) = str_field(option, "base") {
        options.base = Some(base.to_owned());
    }
    match str_field(option, "processingMode") {
        Some("json-ld-1.0") => options.processing_mode = ProcessingMode::JsonLd10,
        Some("json-ld-1.1") | None => {}
        Some(other) => return Err(format!("unknown processingMode {other}")),
    }
    match str_field(option, "rdfDirection") {
        Some("i18n-datatype") => options.rdf_direction = Some(RdfDirection::I18nDatatype),
        Some("compound-literal") => options.rdf_direction = Some(RdfDirection::CompoundLiteral),
        None => {}
        Some(other) => return Err(format!("unknown rdfDirection {other}")),
    }
    if option.get("produceGeneralizedRdf").and_then(Value::as_bool) == Some(true) {
        options.produce_generalized_rdf = true;
    }
    if let Some(context_path) = str_field(option, "expandContext") {
        let document: Value =
            serde_json::from_str(&read(context_path)).map_err(|e| e.to_string())?;
        options.expand_context = Some(document.get("@context").cloned().unwrap_or(document));
    }
    Ok(options)
}

/// Blank node predicates (generalized RDF) are outside RDFC-1.0, so they are matched by
/// trying every assignment of our predicate labels to the expected ones (tests have ≤ 2).
fn isomorphic(got: &[Quad], expected: &[Quad]) -> Result<bool, String> {
    let canon = |quads: &[Quad]| canonical_nquads(quads).map_err(|e| e.to_string());
    let expected_canon = canon(expected)?;
    if canon(got)? == expected_canon {
        return Ok(true);
    }
    let predicates = |quads: &[Quad]| -> Vec<String> {
        let set: BTreeSet<String> = quads
            .iter()
            .filter_map(|q| match &q.predicate {
                Term::Blank(label) => Some(label.clone()),
                _ => None,
            })
            .collect();
        set.into_iter().collect()
    };
    let (ours, theirs) = (predicates(got), predicates(expected));
    if ours.is_empty() || ours.len() != theirs.len() || ours.len() > 4 {
        return Ok(false);
    }
    let rename = |quads: &[Quad], from: &[String], to: &[String]| -> Vec<Quad> {
        quads
            .iter()
            .map(|q| {
                let mut q = q.clone();
                if let Term::Blank(label) = &q.predicate
                    && let Some(index) = from.iter().position(|l| l == label)
                {
                    q.predicate = Term::iri(format!("urn:x-predicate:{}", to[index]));
                }
                q
            })
            .collect()
    };
    let expected_renamed = canon(&rename(expected, &theirs, &theirs))?;
    let mut order: Vec<usize> = (0..ours.len()).collect();
    loop {
        let target: Vec<String> = order.iter().map(|&i| theirs[i].clone()).collect();
        if canon(&rename(got, &ours, &target))? == expected_renamed {
            return Ok(true);
        }
        // Next permutation.
        let Some(pivot) = order.windows(2).rposition(|w| w[0] < w[1]) else {
            return Ok(false);
        };
        let successor = order
            .iter()
            .rposition(|&x| x > order[pivot])
            .unwrap_or(pivot);
        order.swap(pivot, successor);
        order[pivot + 1..].reverse();
    }
}

enum Outcome {
    Pass,
    Fail(String),
    Skip(&'static str),
}

fn run(processor: &JsonLdProcessor, test: &Value, base_iri: &str) -> Outcome {
    let types: Vec<&str> = match test.get("@type") {
        Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if test.get("option").and_then(|o| str_field(o, "specVersion")) == Some("json-ld-1.0") {
        return Outcome::Skip("specVersion json-ld-1.0 only");
    }
    let options = match options_for(test, base_iri) {
        Ok(options) => options,
        Err(err) => return Outcome::Fail(err),
    };
    let input_path = str_field(test, "input").unwrap_or("");
    let document: Value = match serde_json::from_str(&read(input_path)) {
        Ok(document) => document,
        Err(err) => return Outcome::Fail(format!("input is not JSON: {err}")),
    };
    let result = processor.to_rdf(&document, &options);

    if types.contains(&"jld:NegativeEvaluationTest") {
        let expected = str_field(test, "expectErrorCode").unwrap_or("");
        return match result {
            Err(err) if err.spec_code() == expected => Outcome::Pass,
            Err(err) => Outcome::Fail(format!("expected error {expected:?}, got {err}")),
            Ok(_) => Outcome::Fail(format!("expected error {expected:?}, got success")),
        };
    }
    let got = match result {
        Ok(quads) => quads,
        Err(err) => return Outcome::Fail(format!("unexpected error: {err}")),
    };
    if types.contains(&"jld:PositiveSyntaxTest") {
        return Outcome::Pass;
    }
    let expected_text = read(str_field(test, "expect").unwrap_or(""));
    let expected = match parse_generalized_nquads(&expected_text) {
        Ok(quads) => quads,
        Err(err) => return Outcome::Fail(format!("expected output does not parse: {err}")),
    };
    match isomorphic(&got, &expected) {
        Ok(true) => Outcome::Pass,
        Ok(false) => Outcome::Fail(format!(
            "not isomorphic\nexpected:\n{expected_text}got:\n{}",
            tsumiki_rdf::serialize_nquads(&got)
        )),
        Err(err) => Outcome::Fail(err),
    }
}

#[test]
fn to_rdf_suite() {
    let manifest: Value = serde_json::from_str(&read("toRdf-manifest.jsonld")).unwrap();
    let base_iri =
        str_field(&manifest, "baseIri").unwrap_or("https://w3c.github.io/json-ld-api/tests/");
    let processor = JsonLdProcessor::new(suite_store(base_iri));
    let (mut passed, mut failed, mut excluded) = (0, Vec::new(), Vec::new());
    for test in manifest["sequence"].as_array().unwrap() {
        let id = str_field(test, "@id").unwrap_or("?");
        if let Some((_, reason)) = EXCLUDED.iter().find(|(excluded_id, _)| *excluded_id == id) {
            excluded.push(format!("{id}: {reason}"));
            continue;
        }
        // A panic in the processor is a failure of that test, not of the runner.
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            run(&processor, test, base_iri)
        }))
        .unwrap_or_else(|_| Outcome::Fail("panicked".into()));
        match outcome {
            Outcome::Pass => passed += 1,
            Outcome::Fail(reason) => failed.push(format!("{id}: {reason}")),
            Outcome::Skip(reason) => excluded.push(format!("{id}: {reason}")),
        }
    }
    let verbose = std::env::var_os("TORDF_VERBOSE").is_some();
    for failure in &failed {
        if verbose {
            println!("FAIL {failure}");
        } else {
            println!("FAIL {}", failure.lines().next().unwrap_or(""));
        }
    }
    for exclusion in &excluded {
        println!("EXCLUDED {exclusion}");
    }
    println!(
        "toRdf suite: {passed} passed, {} failed, {} excluded",
        failed.len(),
        excluded.len()
    );
    assert!(
        passed >= PASS_FLOOR,
        "toRdf suite regressed: {passed} < {PASS_FLOOR}"
    );
}
