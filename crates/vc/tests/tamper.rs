//! Tamper evidence: sign the benchmark Open Badge with a fixed did:key, then change every
//! leaf value and every object key of the signed credential, proof included, one at a time,
//! and require that each change makes verification fail. A field the signature does not
//! cover would survive here.

#![allow(clippy::unwrap_used, clippy::panic)] // Tests fail loudly by design.

use chrono::{TimeZone, Utc};
use serde_json::{Map, Value};
use tsumiki_jsonld::JsonLdProcessor;
use tsumiki_vc::di::{self, ProofOptions};
use tsumiki_vc::did::{ControllerDocuments, did_key, did_key_verification_method};
use tsumiki_vc::keys::KeyPair;
use tsumiki_vc::verify::{VerifyOptions, verify};

fn signed_badge(ld: &JsonLdProcessor) -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../testdata/bench/ob3-badge.json"
    );
    let mut badge: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let key = KeyPair::from_ed25519_seed(&[42; 32]);
    let public = key.public_key();
    // The issuer is the key's DID so that the verifier's issuer check passes too, and the
    // only thing a mutation can break is what the signature covers.
    badge["issuer"]["id"] = Value::String(did_key(&public).unwrap());
    let options = ProofOptions::new(
        "2025-04-01T00:00:00Z",
        did_key_verification_method(&public).unwrap(),
    );
    di::sign(&badge, &key, &options, ld).unwrap()
}

/// One JSON path step.
#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

/// A way to change the document at a path.
#[derive(Clone, Debug)]
enum Mutation {
    /// Change a leaf: one character of a string, +1 on a number, flip a bool.
    Leaf(Vec<Step>),
    /// Drop the last element of an array.
    DropElement(Vec<Step>),
    /// Rename one key of an object.
    RenameKey(Vec<Step>, String),
}

fn collect(value: &Value, path: &mut Vec<Step>, out: &mut Vec<Mutation>) {
    match value {
        Value::Object(object) => {
            for (key, child) in object {
                out.push(Mutation::RenameKey(path.clone(), key.clone()));
                path.push(Step::Key(key.clone()));
                collect(child, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            out.push(Mutation::DropElement(path.clone()));
            for (i, child) in items.iter().enumerate() {
                path.push(Step::Index(i));
                collect(child, path, out);
                path.pop();
            }
        }
        _ => out.push(Mutation::Leaf(path.clone())),
    }
}

fn at<'a>(value: &'a mut Value, path: &[Step]) -> &'a mut Value {
    path.iter().fold(value, |value, step| match step {
        Step::Key(key) => &mut value[key.as_str()],
        Step::Index(i) => &mut value[*i],
    })
}

/// Changes one character (the last, which in a base58 signature or key changes the encoded
/// bytes, and in an IRI or date changes its meaning).
fn change_one_character(text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    match chars.last_mut() {
        Some(last) => *last = if *last == 'X' { 'Y' } else { 'X' },
        None => chars.push('X'),
    }
    chars.into_iter().collect()
}

fn apply(document: &Value, mutation: &Mutation) -> Value {
    let mut mutated = document.clone();
    match mutation {
        Mutation::Leaf(path) => {
            let leaf = at(&mut mutated, path);
            *leaf = match leaf {
                Value::String(text) => Value::String(change_one_character(text)),
                Value::Number(n) => match (n.as_i64(), n.as_f64()) {
                    (Some(i), _) => Value::from(i + 1),
                    (None, Some(f)) => Value::from(f + 1.0),
                    _ => panic!("unsupported number {n}"),
                },
                Value::Bool(b) => Value::Bool(!*b),
                Value::Null => Value::String("X".into()),
                _ => unreachable!("leaves only"),
            };
        }
        Mutation::DropElement(path) => {
            at(&mut mutated, path).as_array_mut().unwrap().pop();
        }
        Mutation::RenameKey(path, key) => {
            let object: &mut Map<String, Value> = at(&mut mutated, path).as_object_mut().unwrap();
            // Keep the key's position so only the name differs.
            let renamed: Map<String, Value> = std::mem::take(object)
                .into_iter()
                .map(|(k, v)| {
                    if &k == key {
                        (change_one_character(&k), v)
                    } else {
                        (k, v)
                    }
                })
                .collect();
            *object = renamed;
        }
    }
    mutated
}

#[test]
fn every_change_to_a_signed_credential_is_detected() {
    let ld = JsonLdProcessor::bundled();
    let signed = signed_badge(&ld);
    let options = VerifyOptions::new(Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap());
    let resolver = ControllerDocuments::default();

    let baseline = verify(signed.to_string().as_bytes(), &ld, &options);
    assert!(
        baseline.verified,
        "the untouched credential must verify: {baseline:#?}"
    );
    let proofs = di::verify(&signed, &resolver, &ld);
    assert!(!proofs.is_empty() && proofs.iter().all(|p| p.is_ok()));

    let mut mutations = Vec::new();
    collect(&signed, &mut Vec::new(), &mut mutations);
    let (mut leaves, mut arrays, mut keys, mut in_proof) = (0, 0, 0, 0);
    for mutation in &mutations {
        let mutated = apply(&signed, mutation);
        assert_ne!(mutated, signed, "{mutation:?} changed nothing");

        let proofs = di::verify(&mutated, &resolver, &ld);
        assert!(
            proofs.iter().all(|p| !p.is_ok()),
            "{mutation:?}: a proof still verifies after the change"
        );
        let report = verify(mutated.to_string().as_bytes(), &ld, &options);
        assert!(
            !report.verified,
            "{mutation:?}: the verifier accepted the tampered credential"
        );

        let path = match mutation {
            Mutation::Leaf(path) => {
                leaves += 1;
                path
            }
            Mutation::DropElement(path) => {
                arrays += 1;
                path
            }
            Mutation::RenameKey(path, key) => {
                keys += 1;
                if path.is_empty() && key == "proof" {
                    in_proof += 1;
                }
                path
            }
        };
        if matches!(path.first(), Some(Step::Key(key)) if key == "proof") {
            in_proof += 1;
        }
    }
    println!(
        "tamper: {} mutations rejected ({leaves} leaf values, {arrays} arrays, {keys} keys; {in_proof} in the proof)",
        mutations.len()
    );
    assert!(
        in_proof >= 12,
        "the proof's fields must be mutated too (got {in_proof})"
    );
    assert!(mutations.len() > 100);
}
