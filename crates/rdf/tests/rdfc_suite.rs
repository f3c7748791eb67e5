//! The W3C RDF Dataset Canonicalization test suite (RDFC-1.0): every test must pass.

#![allow(clippy::unwrap_used, clippy::panic)]

use std::collections::BTreeMap;
use std::time::Instant;

use serde_json::Value;
use tsumiki_rdf::{CanonError, CanonLimits, HashAlgorithm, canonicalize, parse_nquads};

const SUITE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../testdata/test-suites/rdf-canon/"
);

fn read(path: &str) -> String {
    let full = format!("{SUITE}{path}");
    std::fs::read_to_string(&full).unwrap_or_else(|err| panic!("{full}: {err}"))
}

fn str_field<'a>(entry: &'a Value, key: &str) -> &'a str {
    entry.get(key).and_then(Value::as_str).unwrap_or("")
}

/// Runs one test; `Err` describes the failure.
fn run(entry: &Value) -> Result<(), String> {
    let kind = str_field(entry, "type");
    let hash = match str_field(entry, "hashAlgorithm") {
        "" | "SHA256" => HashAlgorithm::Sha256,
        "SHA384" => HashAlgorithm::Sha384,
        other => return Err(format!("unknown hash algorithm {other}")),
    };
    let input = parse_nquads(&read(str_field(entry, "action"))).map_err(|e| e.to_string())?;
    let result = canonicalize(&input, hash, &CanonLimits::default());
    match kind {
        "rdfc:RDFC10EvalTest" => {
            let got = result.map_err(|e| e.to_string())?;
            let expected = read(str_field(entry, "result"));
            if got.nquads == expected {
                Ok(())
            } else {
                Err(format!("expected:\n{expected}got:\n{}", got.nquads))
            }
        }
        "rdfc:RDFC10MapTest" => {
            let got = result.map_err(|e| e.to_string())?;
            let expected: BTreeMap<String, String> =
                serde_json::from_str(&read(str_field(entry, "result")))
                    .map_err(|e| e.to_string())?;
            if got.issued_identifiers == expected {
                Ok(())
            } else {
                Err(format!(
                    "expected {expected:?}, got {:?}",
                    got.issued_identifiers
                ))
            }
        }
        "rdfc:RDFC10NegativeEvalTest" => match result {
            Err(CanonError::WorkLimitExceeded { .. }) => Ok(()),
            Ok(_) => Err("expected the work limit to be exceeded".into()),
        },
        other => Err(format!("unknown test type {other}")),
    }
}

#[test]
fn rdf_canon_suite() {
    let manifest: Value = serde_json::from_str(&read("manifest.jsonld")).unwrap();
    let entries = manifest["entries"].as_array().unwrap();
    let (mut passed, mut failed) = (0, Vec::new());
    for entry in entries {
        let id = str_field(entry, "id");
        match run(entry) {
            Ok(()) => passed += 1,
            Err(reason) => failed.push(format!("{id}: {reason}")),
        }
    }
    for failure in &failed {
        eprintln!("FAIL {failure}");
    }
    println!("rdf-canon suite: {passed} passed, {} failed", failed.len());
    assert!(failed.is_empty(), "{} rdf-canon tests failed", failed.len());
    assert_eq!(passed, 86);
}

/// The poison graph must be refused quickly even in a debug build: this is the defence
/// against denial of service, so it is asserted (with a generous bound for a loaded machine).
#[test]
fn poison_graph_fails_fast() {
    let input = parse_nquads(&read("rdfc10/test074-in.nq")).unwrap();
    let start = Instant::now();
    let result = canonicalize(&input, HashAlgorithm::Sha256, &CanonLimits::default());
    let elapsed = start.elapsed();
    assert!(result.is_err(), "poison graph canonicalized");
    println!("test074 refused in {elapsed:?}: {}", result.unwrap_err());
    assert!(elapsed.as_secs_f64() < 5.0, "took {elapsed:?}");
}

/// Every expected output of the suite is canonical N-Quads, so parsing and re-serializing it
/// must give back the same bytes: a direct check of the parser and the serializer.
#[test]
fn canonical_outputs_round_trip_byte_for_byte() {
    let mut checked = 0;
    for entry in std::fs::read_dir(format!("{SUITE}rdfc10")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with("-rdfc10.nq") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let quads = parse_nquads(&text).unwrap_or_else(|err| panic!("{name}: {err}"));
        assert_eq!(tsumiki_rdf::serialize_nquads(&quads), text, "{name}");
        checked += 1;
    }
    assert_eq!(checked, 64, "expected outputs found");
}
