//! Data Integrity behaviour beyond the published vectors: proof sets and chains, tampering,
//! wrong purposes and suites, and the legacy forms (each against an independent fixture from
//! Digital Bazaar's test suites, and against credentials signed here).
//!
//! Every scenario runs twice: through the production JSON-LD processor (`_fast`) and through
//! the oxjsonld oracle (`_oracle`).

#![allow(clippy::unwrap_used, clippy::panic)] // Tests fail loudly by design.

use serde_json::{Value, json};
use tsumiki_jsonld::{DocumentStore, JsonLdProcessor, oracle};
use tsumiki_vc::di::{self, Canonicalizer, LegacyWarning, ProofError, ProofOptions, ProofSuite};
use tsumiki_vc::did::{ControllerDocuments, did_key_verification_method};
use tsumiki_vc::keys::{KeyFile, KeyPair};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/test-vectors");

struct Oracle(DocumentStore);

impl Canonicalizer for Oracle {
    fn canonical_nquads(&self, document: &Value) -> Result<String, ProofError> {
        oracle::canonical_nquads(&document.to_string(), &self.0)
            .map_err(ProofError::Canonicalization)
    }
}

/// Runs a scenario with the fast path and with the oracle.
macro_rules! both {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;
            #[test]
            fn fast() {
                let ld = JsonLdProcessor::bundled();
                ($body)(&ld as &dyn Canonicalizer);
            }
            #[test]
            fn oracle() {
                let ld = Oracle(DocumentStore::bundled());
                ($body)(&ld as &dyn Canonicalizer);
            }
        }
    };
}

type Ld<'a> = &'a dyn Canonicalizer;

fn ob3_unsigned() -> Value {
    serde_json::from_str(&std::fs::read_to_string(format!("{ROOT}/ob-v3p0/unsigned.json")).unwrap())
        .unwrap()
}

fn seeded_key(byte: u8) -> KeyPair {
    KeyPair::from_ed25519_seed(&[byte; 32])
}

fn did_key_options(key: &KeyPair) -> ProofOptions {
    ProofOptions::new(
        "2024-05-01T10:00:00Z",
        did_key_verification_method(&key.public_key()).unwrap(),
    )
}

fn outcomes(checks: &[di::ProofCheck]) -> Vec<Result<(), ProofError>> {
    checks.iter().map(|check| check.outcome.clone()).collect()
}

fn verify(credential: &Value, ld: Ld) -> Vec<di::ProofCheck> {
    di::verify(credential, &ControllerDocuments::new(), ld)
}

// ---------------------------------------------------------------- proof sets and tampering

both!(proof_set_two_keys, |ld: Ld| {
    let (a, b) = (seeded_key(1), seeded_key(2));
    let once = di::sign(&ob3_unsigned(), &a, &did_key_options(&a), ld).unwrap();
    assert!(once["proof"].is_object());
    let twice = di::sign(&once, &b, &did_key_options(&b), ld).unwrap();
    assert_eq!(twice["proof"].as_array().unwrap().len(), 2);
    assert_eq!(
        twice["proof"][0], once["proof"],
        "the first proof is kept as is"
    );
    let checks = verify(&twice, ld);
    assert_eq!(outcomes(&checks), vec![Ok(()), Ok(())]);
    assert_eq!(checks[1].index, 1);
    assert_eq!(
        checks[1].verification_method,
        did_key_options(&b).verification_method.into()
    );

    // Tamper one member of the set: only that one fails.
    let mut tampered = twice.clone();
    tampered["proof"][1]["created"] = json!("2024-05-01T10:00:01Z");
    assert_eq!(
        outcomes(&verify(&tampered, ld)),
        vec![Ok(()), Err(ProofError::BadSignature)]
    );
});

both!(tampering_any_field_fails, |ld: Ld| {
    let key = seeded_key(3);
    let signed = di::sign(&ob3_unsigned(), &key, &did_key_options(&key), ld).unwrap();
    assert_eq!(outcomes(&verify(&signed, ld)), vec![Ok(())]);
    let other = did_key_verification_method(&seeded_key(4).public_key()).unwrap();
    let edits: Vec<(&str, Value)> = vec![
        ("/name", json!("Teamwork Badge!")),
        ("/id", json!("http://example.com/credentials/3528")),
        ("/validFrom", json!("2010-01-01T00:00:01Z")),
        ("/issuer/id", json!("https://example.edu/issuers/565050")),
        ("/issuer/name", json!("Example Corp.")),
        (
            "/credentialSubject/id",
            json!("did:example:ebfeb1f712ebc6f1c276e12ec22"),
        ),
        ("/credentialSubject/achievement/name", json!("Teamwork ")),
        (
            "/credentialSubject/achievement/criteria/narrative",
            json!("anyone"),
        ),
        ("/proof/created", json!("2024-05-01T10:00:00.1Z")),
        ("/proof/verificationMethod", json!(other)),
    ];
    for (pointer, value) in edits {
        let mut tampered = signed.clone();
        *tampered.pointer_mut(pointer).unwrap() = value;
        assert_eq!(
            outcomes(&verify(&tampered, ld)),
            vec![Err(ProofError::BadSignature)],
            "{pointer}"
        );
    }
    // Adding a member is tampering too.
    let mut added = signed.clone();
    added["description"] = json!("added after signing");
    assert_eq!(
        outcomes(&verify(&added, ld)),
        vec![Err(ProofError::BadSignature)]
    );
    // A hostile, huge proofValue is refused before decoding.
    let mut huge = signed.clone();
    huge["proof"]["proofValue"] = json!(format!("z{}", "3".repeat(1_000_000)));
    assert!(matches!(
        verify(&huge, ld)[0].outcome,
        Err(ProofError::BadProofValue(_))
    ));
    // A flipped signature character.
    let mut flipped = signed.clone();
    let value = signed["proof"]["proofValue"].as_str().unwrap();
    let last = if value.ends_with('a') { 'b' } else { 'a' };
    flipped["proof"]["proofValue"] = json!(format!("{}{last}", &value[..value.len() - 1]));
    assert!(verify(&flipped, ld)[0].outcome.is_err());
});

both!(wrong_purpose_and_unknown_suite_fail, |ld: Ld| {
    let key = seeded_key(5);
    let mut options = did_key_options(&key);
    options.proof_purpose = "authentication".into();
    let signed = di::sign(&ob3_unsigned(), &key, &options, ld).unwrap();
    assert_eq!(
        outcomes(&verify(&signed, ld)),
        vec![Err(ProofError::WrongProofPurpose {
            found: "authentication".into()
        })]
    );

    let good = di::sign(&ob3_unsigned(), &key, &did_key_options(&key), ld).unwrap();
    let mut unknown = good.clone();
    unknown["proof"]["cryptosuite"] = json!("ecdsa-rdfc-2019");
    assert_eq!(
        outcomes(&verify(&unknown, ld)),
        vec![Err(ProofError::UnknownCryptosuite(
            "ecdsa-rdfc-2019".into()
        ))]
    );
    let mut other_type = good.clone();
    other_type["proof"]["type"] = json!("RsaSignature2018");
    assert_eq!(
        outcomes(&verify(&other_type, ld)),
        vec![Err(ProofError::UnsupportedProofType(
            "RsaSignature2018".into()
        ))]
    );
    let mut no_value = good.clone();
    no_value["proof"]
        .as_object_mut()
        .unwrap()
        .remove("proofValue");
    assert_eq!(
        outcomes(&verify(&no_value, ld)),
        vec![Err(ProofError::Missing("proofValue"))]
    );
    let mut not_object = good;
    not_object["proof"] = json!([42]);
    assert_eq!(
        outcomes(&verify(&not_object, ld)),
        vec![Err(ProofError::ProofNotObject { index: 0 })]
    );
});

both!(key_must_be_an_assertion_method, |ld: Ld| {
    let key = seeded_key(6);
    let controller = "https://issuer.example/org";
    let vm = format!("{controller}#key-1");
    let signed = di::sign(
        &ob3_unsigned(),
        &key,
        &ProofOptions::new("2024-05-01T10:00:00Z", vm.clone()),
        ld,
    )
    .unwrap();
    let method = json!({"id": "#key-1", "type": "Multikey", "controller": controller,
        "publicKeyMultibase": key.public_multibase()});
    let listed = ControllerDocuments::new()
        .with(json!({"id": controller, "verificationMethod": [method.clone()], "assertionMethod": ["#key-1"]}))
        .unwrap();
    let checks = di::verify(&signed, &listed, ld);
    assert_eq!(outcomes(&checks), vec![Ok(())]);
    assert_eq!(checks[0].controller.as_deref(), Some(controller));

    let only_authentication = ControllerDocuments::new()
        .with(
            json!({"id": controller, "verificationMethod": [method], "authentication": ["#key-1"]}),
        )
        .unwrap();
    assert_eq!(
        outcomes(&di::verify(&signed, &only_authentication, ld)),
        vec![Err(ProofError::NotAssertionMethod {
            id: vm,
            controller: controller.into()
        })]
    );
});

both!(p256_key_cannot_sign_eddsa, |ld: Ld| {
    let key = KeyPair::from_p256_secret(&[7; 32]).unwrap();
    let err = di::sign(
        &ob3_unsigned(),
        &key,
        &ProofOptions::new("2024-05-01T10:00:00Z", "did:x#k"),
        ld,
    );
    assert!(
        matches!(err, Err(ProofError::KeyNotEd25519 { .. })),
        "{err:?}"
    );
    let bad_date = di::sign(
        &ob3_unsigned(),
        &seeded_key(1),
        &ProofOptions::new("yesterday", "did:x#k"),
        ld,
    );
    assert_eq!(
        bad_date,
        Err(ProofError::InvalidCreated("yesterday".into()))
    );
});

#[test]
fn no_proof_gives_no_checks() {
    assert!(verify(&ob3_unsigned(), &JsonLdProcessor::bundled()).is_empty());
}

#[test]
fn safe_mode_rejects_undefined_terms_with_their_path() {
    let ld = JsonLdProcessor::bundled();
    let mut unsigned = ob3_unsigned();
    unsigned["credentialSubject"]["favouriteColour"] = json!("blue");
    let key = seeded_key(1);
    let Err(ProofError::JsonLd(error)) = di::sign(&unsigned, &key, &did_key_options(&key), &ld)
    else {
        panic!("an undefined term must not be signed")
    };
    assert!(
        error
            .path
            .as_deref()
            .unwrap_or_default()
            .contains("favouriteColour"),
        "{error}"
    );

    // An undefined term in the proof is reported at its place in the credential.
    let signed = di::sign(&ob3_unsigned(), &key, &did_key_options(&key), &ld).unwrap();
    let mut extra = signed.clone();
    extra["proof"]["comment"] = json!("added");
    let checks = verify(&extra, &ld);
    let Err(ProofError::JsonLd(error)) = &checks[0].outcome else {
        panic!("{:?}", checks[0].outcome)
    };
    assert_eq!(error.path.as_deref(), Some("$.proof.comment"), "{error}");
}

// ---------------------------------------------------------------- chains

both!(proof_chain_signed_here, |ld: Ld| {
    let (a, b) = (seeded_key(8), seeded_key(9));
    let mut first = did_key_options(&a);
    first.id = Some("urn:uuid:first".into());
    let once = di::sign(&ob3_unsigned(), &a, &first, ld).unwrap();
    let mut second = did_key_options(&b);
    second.previous_proof = vec!["urn:uuid:first".into()];
    let chained = di::sign(&once, &b, &second, ld).unwrap();
    assert_eq!(chained["proof"][1]["previousProof"], "urn:uuid:first");
    let checks = verify(&chained, ld);
    assert_eq!(outcomes(&checks), vec![Ok(()), Ok(())]);
    assert!(
        !checks[1].previous_proof_unbound,
        "chains signed here bind the previous proof"
    );

    // The chained proof covers the first proof: change the first, both fail.
    let mut tampered = chained.clone();
    tampered["proof"][0]["created"] = json!("2024-05-01T10:00:01Z");
    assert_eq!(
        outcomes(&verify(&tampered, ld)),
        vec![Err(ProofError::BadSignature), Err(ProofError::BadSignature)]
    );
    // A chain to a proof that is not there.
    let mut missing = chained;
    missing["proof"][1]["previousProof"] = json!("urn:uuid:nowhere");
    assert_eq!(
        outcomes(&verify(&missing, ld))[1],
        Err(ProofError::PreviousProofMissing("urn:uuid:nowhere".into()))
    );
    let bad_chain = di::sign(
        &once,
        &b,
        &ProofOptions {
            previous_proof: vec!["urn:x".into()],
            ..did_key_options(&b)
        },
        ld,
    );
    assert_eq!(
        bad_chain,
        Err(ProofError::PreviousProofMissing("urn:x".into()))
    );
});

/// The proof-chain fixture of `digitalbazaar/eddsa-2022-cryptosuite` (test/mock-data.js,
/// `proofChainTests`, BSD-3-Clause): VC 1.1 data model, cryptosuite `eddsa-2022`, proofs that
/// carry their own `@context`, a did:key signer.
fn db_chain_fixture(second_previous: &str, second_value: &str) -> Value {
    let context = json!([
        "https://www.w3.org/2018/credentials/v1",
        {
            "@protected": true,
            "DriverLicenseCredential": "urn:example:DriverLicenseCredential",
            "DriverLicense": {
                "@id": "urn:example:DriverLicense",
                "@context": {
                    "@protected": true,
                    "id": "@id",
                    "type": "@type",
                    "documentIdentifier": "urn:example:documentIdentifier",
                    "dateOfBirth": "urn:example:dateOfBirth",
                    "expirationDate": "urn:example:expiration",
                    "issuingAuthority": "urn:example:issuingAuthority"
                }
            },
            "driverLicense": {"@id": "urn:example:driverLicense", "@type": "@id"}
        },
        "https://w3id.org/security/data-integrity/v2"
    ]);
    let vm = "did:key:z6MkwXG2WjeQnNxSoynSGYU8V9j3QzP3JSqhdmkHc6SaVWoT#z6MkwXG2WjeQnNxSoynSGYU8V9j3QzP3JSqhdmkHc6SaVWoT";
    json!({
        "@context": context,
        "id": "urn:uuid:36245ee9-9074-4b05-a777-febff2e69757",
        "type": ["VerifiableCredential", "DriverLicenseCredential"],
        "issuanceDate": "2020-03-16T22:37:26.544Z",
        "credentialSubject": {
            "id": "urn:uuid:1a0e4ef5-091f-4060-842e-18e519ab9440",
            "driverLicense": {
                "type": "DriverLicense",
                "documentIdentifier": "T21387yc328c7y32h23f23",
                "dateOfBirth": "01-01-1990",
                "expirationDate": "01-01-2030",
                "issuingAuthority": "VA"
            }
        },
        "issuer": "did:key:z6MkwXG2WjeQnNxSoynSGYU8V9j3QzP3JSqhdmkHc6SaVWoT",
        "proof": [
            {
                "@context": context,
                "id": "urn:uuid:test:first:proof",
                "type": "DataIntegrityProof",
                "created": "2024-09-04T17:56:23Z",
                "verificationMethod": vm,
                "cryptosuite": "eddsa-2022",
                "proofPurpose": "assertionMethod",
                "proofValue": "zYJwkeNWFRcrM6zHMrWZVa1U8ZUFDMQBA6osVMaYE7moKsauoLyZsqRFAWbdnhumHjwb3dbtcjw5Xs6bTPuT8XvU"
            },
            {
                "@context": context,
                "previousProof": second_previous,
                "type": "DataIntegrityProof",
                "created": "2024-09-04T17:56:23Z",
                "verificationMethod": vm,
                "cryptosuite": "eddsa-2022",
                "proofPurpose": "assertionMethod",
                "proofValue": second_value
            }
        ]
    })
}

both!(legacy_chain_fixture_from_digital_bazaar, |ld: Ld| {
    let valid = db_chain_fixture(
        "urn:uuid:test:first:proof",
        "z21G3JXgi1PcUazGXH1Vs4ugrioC3WcRQnZdn9QvP9kHL8mTXvPVaVczSM2EzwSTmz7iejiR6cXdrHDgxNSHJSHY8",
    );
    let checks = verify(&valid, ld);
    assert_eq!(outcomes(&checks), vec![Ok(()), Ok(())]);
    // This fixture's chained proof signs the document alone (pre-VC-DI-1.0 behaviour).
    assert_eq!(
        checks[1].warnings,
        vec![
            LegacyWarning::VcDataModel11,
            LegacyWarning::PreFinalCryptosuiteName
        ]
    );
    assert!(checks[1].previous_proof_unbound && !checks[0].previous_proof_unbound);
    assert_eq!(
        checks[0].warnings,
        vec![
            LegacyWarning::VcDataModel11,
            LegacyWarning::PreFinalCryptosuiteName
        ]
    );
    let missing = db_chain_fixture(
        "urn:uuid:test:missing:proof",
        "z2TgUCiDPt9DFyFuFN2vGq6Hi7dhnCnE8MVU6LJ6p69QvyLXfjiB9ut8g7A11omzrZxAZo8TeuyAtTJAcgzDmEkTL",
    );
    assert_eq!(
        outcomes(&verify(&missing, ld)),
        vec![
            Ok(()),
            Err(ProofError::PreviousProofMissing(
                "urn:uuid:test:missing:proof".into()
            ))
        ]
    );
});

// ---------------------------------------------------------------- legacy forms

/// `digitalbazaar/eddsa-2022-cryptosuite` test/mock-data.js (`credential`,
/// `ed25519MultikeyKeyPair`, `controllerDocEd25519Multikey`) and the proofValue its test
/// expects for `created: 2022-09-06T21:29:24Z`.
const DB_CONTROLLER: &str = "https://example.edu/issuers/565049";
const DB_MULTIKEY: &str = "z6MkwXG2WjeQnNxSoynSGYU8V9j3QzP3JSqhdmkHc6SaVWoT";
const DB_SECRET: &str =
    "zrv3rbPamVDGvrm7LkYPLWYJ35P9audujKKsWn3x29EUiGwwhdZQd1iHhrsmZidtVALBQmhX3j9E5Fvx6Kr29DPt6LH";

fn db_vc11_credential() -> Value {
    json!({
        "@context": [
            "https://www.w3.org/2018/credentials/v1",
            {"AlumniCredential": "https://schema.org#AlumniCredential", "alumniOf": "https://schema.org#alumniOf"},
            "https://w3id.org/security/data-integrity/v2"
        ],
        "id": "http://example.edu/credentials/1872",
        "type": ["VerifiableCredential", "AlumniCredential"],
        "issuer": "https://example.edu/issuers/565049",
        "issuanceDate": "2010-01-01T19:23:24Z",
        "credentialSubject": {"id": "https://example.edu/students/alice", "alumniOf": "Example University"}
    })
}

fn db_controller_documents() -> ControllerDocuments {
    ControllerDocuments::new()
        .with(json!({
            "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
            "id": DB_CONTROLLER,
            "assertionMethod": [{
                "@context": "https://w3id.org/security/multikey/v1",
                "type": "Multikey",
                "controller": DB_CONTROLLER,
                "id": format!("{DB_CONTROLLER}#{DB_MULTIKEY}"),
                "publicKeyMultibase": DB_MULTIKEY
            }]
        }))
        .unwrap()
}

both!(legacy_eddsa_2022_vc11_fixture, |ld: Ld| {
    let key = KeyFile::from_json(
        &json!({"type": "Multikey", "controller": DB_CONTROLLER, "id": format!("{DB_CONTROLLER}#{DB_MULTIKEY}"),
            "publicKeyMultibase": DB_MULTIKEY, "secretKeyMultibase": DB_SECRET})
        .to_string(),
    )
    .unwrap();
    let mut options = ProofOptions::new("2022-09-06T21:29:24Z", key.verification_method.clone());
    options.suite = ProofSuite::Eddsa2022;
    let signed = di::sign(&db_vc11_credential(), &key.key, &options, ld).unwrap();
    assert_eq!(
        signed["proof"]["proofValue"],
        "zakT6XP6P7ZVAGJKjvnVi1YjC96RufyeasEEMkDQrCkvMnG3QeAqBuoVoWAWkEEd5w8FATEigPA5788ByuwnCZrd"
    );
    assert_eq!(
        signed["@context"],
        db_vc11_credential()["@context"],
        "context already defines the proof"
    );
    let checks = di::verify(&signed, &db_controller_documents(), ld);
    assert_eq!(outcomes(&checks), vec![Ok(())]);
    assert_eq!(
        checks[0].warnings,
        vec![
            LegacyWarning::VcDataModel11,
            LegacyWarning::PreFinalCryptosuiteName
        ]
    );
    assert_eq!(checks[0].controller.as_deref(), Some(DB_CONTROLLER));
});

both!(
    vc11_signed_here_gets_the_data_integrity_context,
    |ld: Ld| {
        let mut unsigned = db_vc11_credential();
        unsigned["@context"].as_array_mut().unwrap().pop();
        let key = seeded_key(10);
        let signed = di::sign(&unsigned, &key, &did_key_options(&key), ld).unwrap();
        assert_eq!(
            signed["@context"][2],
            "https://w3id.org/security/data-integrity/v2"
        );
        let checks = verify(&signed, ld);
        assert_eq!(outcomes(&checks), vec![Ok(())]);
        assert_eq!(checks[0].warnings, vec![LegacyWarning::VcDataModel11]);

        // The same proof on the document without the data-integrity context: the verifier
        // adds it to the proof configuration, as Digital Bazaar's `ensureSuiteContext` does.
        let mut bare = signed.clone();
        bare["@context"].as_array_mut().unwrap().pop();
        assert_eq!(outcomes(&verify(&bare, ld)), vec![Ok(())]);
        bare["credentialSubject"]["alumniOf"] = json!("Elsewhere");
        assert_eq!(
            outcomes(&verify(&bare, ld)),
            vec![Err(ProofError::BadSignature)]
        );
    }
);

/// `digitalbazaar/ed25519-signature-2020` test/test-vectors.js (`signedFixture`, BSD-3-Clause):
/// the W3C vc-di-eddsa credential and key, signed as Ed25519Signature2020.
fn ed25519_2020_fixture() -> Value {
    json!({
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://www.w3.org/ns/credentials/examples/v2",
            "https://w3id.org/security/suites/ed25519-2020/v1"
        ],
        "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
        "type": ["VerifiableCredential", "AlumniCredential"],
        "name": "Alumni Credential",
        "description": "A minimum viable example of an Alumni Credential.",
        "issuer": "https://vc.example/issuers/5678",
        "validFrom": "2023-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:abcdefgh", "alumniOf": "The School of Examples"},
        "proof": {
            "type": "Ed25519Signature2020",
            "created": "2023-02-24T23:36:38Z",
            "verificationMethod": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
            "proofPurpose": "assertionMethod",
            "proofValue": "z57Mm1vboMtZiCyJ4aReZsv8co4Re64Y8GEjL1ZARzMbXZgkARFLqFs1P345NpPGG2hgCrS4nNdvJhpwnrNyG3kEF"
        }
    })
}

both!(legacy_ed25519_signature_2020_fixture, |ld: Ld| {
    let fixture = ed25519_2020_fixture();
    let checks = verify(&fixture, ld);
    assert_eq!(outcomes(&checks), vec![Ok(())]);
    assert_eq!(
        checks[0].warnings,
        vec![LegacyWarning::Ed25519Signature2020]
    );
    assert_eq!(
        checks[0].proof_type.as_deref(),
        Some("Ed25519Signature2020")
    );

    // Signing the same credential (without the suite context: it is added) reproduces it.
    let key = KeyFile::from_json(
        &std::fs::read_to_string(format!("{ROOT}/vc-di-eddsa/keyPair.json")).unwrap(),
    )
    .unwrap();
    let unsigned: Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{ROOT}/vc-di-eddsa/unsigned.json")).unwrap(),
    )
    .unwrap();
    let mut options = ProofOptions::new("2023-02-24T23:36:38Z", key.verification_method.clone());
    options.suite = ProofSuite::Ed25519Signature2020;
    let signed = di::sign(&unsigned, &key.key, &options, ld).unwrap();
    assert_eq!(signed, fixture);

    let mut tampered = fixture;
    tampered["credentialSubject"]["alumniOf"] = json!("Another School");
    assert_eq!(
        outcomes(&verify(&tampered, ld)),
        vec![Err(ProofError::BadSignature)]
    );
});

/// Throughput on the benchmark badge, printed, never asserted (speed belongs in benchmarks):
/// `cargo test --release -p tsumiki-vc --test di -- --ignored --nocapture throughput`.
#[test]
#[ignore]
fn throughput_report() {
    let badge: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../testdata/bench/ob3-badge.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let ld = JsonLdProcessor::bundled();
    let key = seeded_key(40);
    let options = did_key_options(&key);
    let signed = di::sign(&badge, &key, &options, &ld).unwrap();
    assert_eq!(outcomes(&verify(&signed, &ld)), vec![Ok(())]);
    let rounds = 2000;
    let start = std::time::Instant::now();
    for _ in 0..rounds {
        std::hint::black_box(di::sign(&badge, &key, &options, &ld).unwrap());
    }
    let sign_rate = f64::from(rounds) / start.elapsed().as_secs_f64();
    let start = std::time::Instant::now();
    for _ in 0..rounds {
        std::hint::black_box(verify(&signed, &ld));
    }
    let verify_rate = f64::from(rounds) / start.elapsed().as_secs_f64();
    println!(
        "eddsa-rdfc-2022 on ob3-badge.json: {sign_rate:.0} signs/s, {verify_rate:.0} verifies/s (one core)"
    );

    // Owned inputs: bulk issuance with `sign_owned`, a verifier that owns the credential.
    let inputs: Vec<Value> = (0..rounds).map(|_| badge.clone()).collect();
    let start = std::time::Instant::now();
    for input in inputs {
        std::hint::black_box(di::sign_owned(input, &key, &options, &ld).unwrap());
    }
    let owned_sign_rate = f64::from(rounds) / start.elapsed().as_secs_f64();
    let resolver = ControllerDocuments::new();
    let mut credential = signed.clone();
    let start = std::time::Instant::now();
    for _ in 0..rounds {
        let document = di::canonicalize_unsecured_in_place(&mut credential, &ld).unwrap();
        std::hint::black_box(di::verify_canonical(&credential, &document, &resolver, &ld));
    }
    let in_place_rate = f64::from(rounds) / start.elapsed().as_secs_f64();
    assert_eq!(credential, signed, "the proof is put back in place");
    println!(
        "owned: {owned_sign_rate:.0} signs/s (sign_owned), {in_place_rate:.0} verifies/s (in place)"
    );
}
