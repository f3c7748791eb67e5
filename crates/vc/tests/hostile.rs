//! Hostile input: whatever bytes arrive, `verify` returns a report and never panics, and a
//! report that says "verified" is only ever about the credential that was signed.
//!
//! The generated cases are deterministic (fixed RNG seed) so a failure reproduces; the case
//! counts keep the whole file to a few seconds in a debug build.

#![allow(clippy::unwrap_used, clippy::panic)] // Tests fail loudly by design.

use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{Value, json};
use tsumiki_jsonld::JsonLdProcessor;
use tsumiki_vc::bake::{BakedPayload, bake_png, bake_svg};
use tsumiki_vc::di::{self, ProofOptions};
use tsumiki_vc::did::{did_key, did_key_verification_method};
use tsumiki_vc::keys::KeyPair;
use tsumiki_vc::report::{Outcome, Step, VerificationReport};
use tsumiki_vc::verify::{VerifyOptions, verify};

struct Fixture {
    ld: JsonLdProcessor,
    options: VerifyOptions,
    signed: Value,
    signed_text: String,
    /// Canonical N-Quads of the signed credential without its proof.
    canonical: String,
}

impl Fixture {
    fn new() -> Self {
        let ld = JsonLdProcessor::bundled();
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../testdata/bench/ob3-badge.json"
        );
        let mut badge: Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let key = KeyPair::from_ed25519_seed(&[7; 32]);
        let public = key.public_key();
        badge["issuer"]["id"] = Value::String(did_key(&public).unwrap());
        let options = ProofOptions::new(
            "2025-04-01T00:00:00Z",
            did_key_verification_method(&public).unwrap(),
        );
        let signed = di::sign(&badge, &key, &options, &ld).unwrap();
        let canonical = unsecured_nquads(&signed, &ld).unwrap();
        let fixture = Self {
            options: VerifyOptions::new(Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()),
            signed_text: serde_json::to_string_pretty(&signed).unwrap(),
            signed,
            canonical,
            ld,
        };
        let baseline = fixture.verify(fixture.signed_text.as_bytes());
        assert!(
            baseline.verified,
            "the untouched credential must verify: {baseline:#?}"
        );
        fixture
    }

    fn verify(&self, input: &[u8]) -> VerificationReport {
        verify(input, &self.ld, &self.options)
    }

    /// The property every generated input must keep: a report comes back, it is consistent
    /// (verified iff no check failed), and when it says verified, the credential it checked
    /// means exactly what was signed.
    fn check(&self, input: &[u8]) -> Result<(), TestCaseError> {
        let report = self.verify(input);
        let failed = report.checks.iter().any(|c| c.outcome == Outcome::Fail);
        prop_assert_eq!(report.verified, !failed);
        prop_assert!(!report.checks.is_empty(), "a report must explain itself");
        if report.verified {
            let credential = report.credential.as_ref();
            prop_assert!(
                credential.is_some(),
                "a verified report names its credential"
            );
            let nquads = credential.and_then(|c| unsecured_nquads(c, &self.ld));
            prop_assert_eq!(
                nquads.as_deref(),
                Some(self.canonical.as_str()),
                "verified a credential that differs from the signed one"
            );
        }
        Ok(())
    }
}

fn unsecured_nquads(credential: &Value, ld: &JsonLdProcessor) -> Option<String> {
    let mut document = credential.as_object()?.clone();
    document.remove("proof");
    di::canonical_nquads(&Value::Object(document), ld).ok()
}

fn runner(cases: u32) -> TestRunner {
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha))
}

fn failed_at(report: &VerificationReport, step: Step) -> bool {
    report
        .checks
        .iter()
        .any(|c| c.step == step && c.outcome == Outcome::Fail)
}

/// Any JSON value, bounded in size.
fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,24}".prop_map(Value::String),
        prop_oneof![
            Just("@context"),
            Just("@id"),
            Just("@type"),
            Just("https://www.w3.org/ns/credentials/v2"),
            Just("did:key:z6Mk"),
            Just("DataIntegrityProof"),
        ]
        .prop_map(|s| Value::String(s.to_owned())),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("[@a-zA-Z]{1,10}", inner), 0..4)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

/// Every path in `value`, as pointer segments.
fn paths(value: &Value, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(prefix.clone());
    match value {
        Value::Object(object) => {
            for (key, child) in object {
                prefix.push(key.clone());
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                prefix.push(i.to_string());
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

fn pointer(path: &[String]) -> String {
    path.iter()
        .map(|s| format!("/{}", s.replace('~', "~0").replace('/', "~1")))
        .collect()
}

#[test]
fn flipped_and_truncated_json_never_verifies_a_different_credential() {
    let fixture = Fixture::new();
    let bytes = fixture.signed_text.as_bytes().to_vec();
    let flips = prop::collection::vec((any::<Index>(), 1u8..=255), 1..4);
    runner(200)
        .run(&flips, |flips| {
            let mut input = bytes.clone();
            for (at, mask) in flips {
                input[at.index(bytes.len())] ^= mask;
            }
            fixture.check(&input)
        })
        .unwrap();
    runner(100)
        .run(&any::<Index>(), |cut| {
            fixture.check(&bytes[..cut.index(bytes.len())])
        })
        .unwrap();
}

#[test]
fn random_json_edits_never_verify_a_different_credential() {
    let fixture = Fixture::new();
    let mut all_paths = Vec::new();
    paths(&fixture.signed, &mut Vec::new(), &mut all_paths);
    let edits = (any::<Index>(), arb_json(), any::<bool>());
    runner(150)
        .run(&edits, |(at, replacement, delete)| {
            let path = &all_paths[at.index(all_paths.len())];
            let mut edited = fixture.signed.clone();
            match (path.split_last(), delete) {
                (Some((last, parent)), true) => match edited.pointer_mut(&pointer(parent)) {
                    Some(Value::Object(object)) => {
                        object.remove(last);
                    }
                    Some(Value::Array(items)) => {
                        items.remove(last.parse::<usize>().unwrap());
                    }
                    _ => unreachable!(),
                },
                _ => *edited.pointer_mut(&pointer(path)).unwrap() = replacement,
            }
            fixture.check(edited.to_string().as_bytes())
        })
        .unwrap();
}

#[test]
fn arbitrary_bytes_text_and_images_get_a_report() {
    let fixture = Fixture::new();
    let payload = BakedPayload::Json(fixture.signed_text.clone());
    let png = {
        // A 1x1 grayscale PNG, built by hand so the test does not depend on an image crate.
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        for (kind, data) in [
            (&b"IHDR"[..], &b"\0\0\0\x01\0\0\0\x01\x08\0\0\0\0"[..]),
            (b"IDAT", b"\x78\x9c\x63\x60\x00\x00\x00\x02\x00\x01"),
            (b"IEND", b""),
        ] {
            png.extend_from_slice(&(data.len() as u32).to_be_bytes());
            png.extend_from_slice(kind);
            png.extend_from_slice(data);
            let mut crc = crc32fast::Hasher::new();
            crc.update(kind);
            crc.update(data);
            png.extend_from_slice(&crc.finalize().to_be_bytes());
        }
        png
    };
    let baked_png = bake_png(&png, &payload).unwrap();
    let baked_svg = bake_svg(
        r#"<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>"#,
        &payload,
    )
    .unwrap();
    // Baking must not change what verifies.
    assert!(fixture.verify(&baked_png).verified);
    assert!(fixture.verify(baked_svg.as_bytes()).verified);

    let truncated_png = baked_png.clone();
    let inputs = prop_oneof![
        // Raw bytes, mostly not UTF-8.
        prop::collection::vec(any::<u8>(), 0..2048),
        // Text that looks like each accepted format.
        "\\{.{0,200}".prop_map(String::into_bytes),
        "<svg.{0,200}".prop_map(String::into_bytes),
        "[A-Za-z0-9_-]{1,40}\\.[A-Za-z0-9_-]{1,40}\\.[A-Za-z0-9_-]{0,40}"
            .prop_map(String::into_bytes),
        prop::collection::vec(any::<u8>(), 0..512).prop_map(|tail| {
            let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
            bytes.extend(tail);
            bytes
        }),
        // Baked images, damaged.
        prop::collection::vec((any::<Index>(), 1u8..=255), 1..4).prop_map(move |flips| {
            let mut bytes = baked_png.clone();
            let len = bytes.len();
            for (at, mask) in flips {
                bytes[at.index(len)] ^= mask;
            }
            bytes
        }),
        (any::<Index>(), any::<bool>()).prop_map(move |(cut, png)| {
            let bytes = if png {
                truncated_png.clone()
            } else {
                baked_svg.clone().into_bytes()
            };
            bytes[..cut.index(bytes.len())].to_vec()
        }),
    ];
    runner(400)
        .run(&inputs, |input| fixture.check(&input))
        .unwrap();
}

#[test]
fn deep_nesting_and_huge_inputs_are_refused_by_the_parser() {
    let fixture = Fixture::new();
    let deep_array = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let report = fixture.verify(deep_array.as_bytes());
    assert!(
        !report.verified && failed_at(&report, Step::Parse),
        "{report:#?}"
    );

    // Deep nesting inside an otherwise valid credential, built as text: a 10,000-deep
    // `Value` would overflow the test's own stack when serialized or dropped.
    let mut nested = fixture.signed.clone();
    nested["credentialSubject"]["achievement"]["criteria"] = json!("DEEP");
    let deep = format!(
        "{}\"bottom\"{}",
        "{\"name\":".repeat(10_000),
        "}".repeat(10_000)
    );
    let nested = nested.to_string().replace("\"DEEP\"", &deep);
    let report = fixture.verify(nested.as_bytes());
    assert!(
        !report.verified && failed_at(&report, Step::Parse),
        "{report:#?}"
    );

    // 2 MiB: over the input limit, refused before parsing.
    let mut huge = fixture.signed.clone();
    huge["name"] = Value::String("x".repeat(2 * 1024 * 1024));
    let report = fixture.verify(huge.to_string().as_bytes());
    assert!(report.check("parse.too-large").is_some(), "{report:#?}");
    assert!(!report.verified);

    // Random runs of JSON openers, expanded from a seed (a 20,000-element proptest vector is
    // slow to generate in a debug build).
    let random_deep = (0usize..20_000, any::<u64>()).prop_map(|(len, mut seed)| {
        (0..len)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                b"[{\":,"[(seed >> 33) as usize % 5]
            })
            .collect::<Vec<u8>>()
    });
    runner(16)
        .run(&random_deep, |input| fixture.check(&input))
        .unwrap();
}

#[test]
fn unknown_context_and_broken_proofs_fail_cleanly() {
    let fixture = Fixture::new();

    let mut unknown_context = fixture.signed.clone();
    unknown_context["@context"][1] = json!("https://attacker.example/context.json");
    let report = fixture.verify(unknown_context.to_string().as_bytes());
    assert!(!report.verified);
    assert!(
        failed_at(&report, Step::Contexts) || failed_at(&report, Step::SafeMode),
        "an unknown context must be named as such: {report:#?}"
    );

    let proof_variants = [
        // 63-byte signature (one byte short), valid base58btc.
        json!(format!("z{}", bs58::encode([1u8; 63]).into_string())),
        // 65-byte signature.
        json!(format!("z{}", bs58::encode([1u8; 65]).into_string())),
        // Not base58 at all (0, O, I and l are outside the alphabet).
        json!("z0OIl0OIl0OIl"),
        // Wrong multibase prefix.
        json!("u3q2-7w"),
        json!(""),
        json!(12345),
        json!(null),
    ];
    for proof_value in proof_variants {
        let mut broken = fixture.signed.clone();
        broken["proof"]["proofValue"] = proof_value.clone();
        let report = fixture.verify(broken.to_string().as_bytes());
        assert!(!report.verified, "proofValue {proof_value}");
        assert!(
            failed_at(&report, Step::Proof),
            "proofValue {proof_value}: {report:#?}"
        );
    }

    for method in [
        "did:key:z0OIl#z0OIl",
        "did:key:",
        "did:key:z6Mk#",
        "https://unknown.example/key#1",
        "",
    ] {
        let mut broken = fixture.signed.clone();
        broken["proof"]["verificationMethod"] = json!(method);
        let report = fixture.verify(broken.to_string().as_bytes());
        assert!(!report.verified, "verificationMethod {method}");
        assert!(
            failed_at(&report, Step::Proof),
            "verificationMethod {method}: {report:#?}"
        );
    }
}
