//! Structural validation against the OB 3.0 / CLR 2.0 model: the published vectors are
//! clean, and each rule catches what it should, at the right JSON path.

#![allow(clippy::unwrap_used, clippy::panic)] // Tests fail loudly by design.

use serde_json::{Value, json};
use tsumiki_jsonld::DocumentStore;
use tsumiki_vc::structure::{CredentialKind, Finding, Severity, check_contexts, check_credential};

fn load(relative: &str) -> Value {
    let path = format!("{}/../../testdata/{relative}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn errors(credential: &Value) -> Vec<(String, &'static str)> {
    check_credential(credential)
        .into_iter()
        .filter(Finding::is_error)
        .map(|finding| (finding.path, finding.code))
        .collect()
}

fn ob() -> Value {
    load("test-vectors/ob-v3p0/signed.json")
}

#[test]
fn published_vectors_are_structurally_clean() {
    let store = DocumentStore::bundled();
    for (file, kind) in [
        (
            "test-vectors/ob-v3p0/signed.json",
            CredentialKind::Achievement,
        ),
        (
            "test-vectors/ob-v3p0/unsigned.json",
            CredentialKind::Achievement,
        ),
        ("test-vectors/clr-v2p0/signed.json", CredentialKind::Clr),
        (
            "test-vectors/vc-di-eddsa/eddsa-rdfc-2022/signedDataInt.json",
            CredentialKind::Other,
        ),
        ("bench/ob3-badge.json", CredentialKind::Achievement),
    ] {
        let credential = load(file);
        assert_eq!(CredentialKind::detect(&credential), kind, "{file}");
        assert_eq!(
            check_contexts(&credential, &store),
            Vec::<Finding>::new(),
            "{file}"
        );
        let errors = errors(&credential);
        assert!(errors.is_empty(), "{file}: {errors:?}");
    }
}

#[test]
fn generic_vc_gets_a_warning_not_an_error() {
    let credential = load("test-vectors/vc-di-eddsa/eddsa-rdfc-2022/signedDataInt.json");
    let findings = check_credential(&credential);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].code, "structure.unknown-credential-type");
    assert_eq!(findings[0].severity, Severity::Warning);
}

#[test]
fn missing_required_properties_are_reported_with_paths() {
    let mut credential = ob();
    let achievement = credential["credentialSubject"]["achievement"]
        .as_object_mut()
        .unwrap();
    achievement.remove("criteria");
    achievement.remove("name");
    credential.as_object_mut().unwrap().remove("validFrom");
    credential.as_object_mut().unwrap().remove("id");
    let found = errors(&credential);
    for expected in [
        ("$".to_owned(), "structure.missing-property"),
        (
            "$.credentialSubject.achievement".to_owned(),
            "structure.missing-property",
        ),
    ] {
        assert!(found.contains(&expected), "{expected:?} not in {found:?}");
    }
    let properties: Vec<String> = check_credential(&credential)
        .into_iter()
        .filter(|f| f.code == "structure.missing-property")
        .map(|f| f.args[0].1.clone())
        .collect();
    assert_eq!(properties, ["id", "validFrom", "criteria", "name"]);
}

#[test]
fn subject_needs_id_or_identifier() {
    let mut credential = ob();
    credential["credentialSubject"]
        .as_object_mut()
        .unwrap()
        .remove("id");
    assert_eq!(
        errors(&credential),
        [(
            "$.credentialSubject".to_owned(),
            "structure.subject-no-identifier"
        )]
    );
    credential["credentialSubject"]["identifier"] = json!([{
        "type": "IdentityObject",
        "hashed": true,
        "identityHash": "sha256$ec8dcc2a3ba2e5b0baf06d8f9d25f5e5d6dd8b8f4d7a0f61a0a7e6a4b7a2c4d1",
        "identityType": "emailAddress",
        "salt": "not-so-secret"
    }]);
    assert_eq!(errors(&credential), []);
    credential["credentialSubject"]["identifier"][0]["identityHash"] = json!("sha256$xyz");
    credential["credentialSubject"]["identifier"][0]["hashed"] = json!("yes");
    assert_eq!(
        errors(&credential),
        [(
            "$.credentialSubject.identifier[0].hashed".to_owned(),
            "structure.wrong-type"
        )]
    );
    credential["credentialSubject"]["identifier"][0]["hashed"] = json!(true);
    assert_eq!(
        errors(&credential),
        [(
            "$.credentialSubject.identifier[0].identityHash".to_owned(),
            "structure.identity-hash-format"
        )]
    );
    // Not hashed: the plain identifier is fine.
    credential["credentialSubject"]["identifier"][0]["hashed"] = json!(false);
    credential["credentialSubject"]["identifier"][0]["identityHash"] = json!("learner@example.org");
    assert_eq!(errors(&credential), []);
}

#[test]
fn type_values_are_required() {
    let mut credential = ob();
    credential["credentialSubject"]["type"] = json!(["Subject"]);
    credential["issuer"]["type"] = json!("Organization");
    credential["credentialSubject"]["achievement"]["type"] = json!(42);
    assert_eq!(
        errors(&credential),
        [
            ("$.issuer.type".to_owned(), "structure.missing-type-value"),
            (
                "$.credentialSubject.type".to_owned(),
                "structure.missing-type-value"
            ),
            (
                "$.credentialSubject.achievement.type".to_owned(),
                "structure.wrong-type"
            ),
        ]
    );
}

#[test]
fn dates_need_a_time_zone() {
    let mut credential = ob();
    credential["validFrom"] = json!("2010-01-01T00:00:00");
    credential["validUntil"] = json!("2030-01-01");
    credential["proof"]["created"] = json!("2010-01-01 19:23:24Z");
    assert_eq!(
        errors(&credential),
        [
            ("$.validFrom".to_owned(), "structure.invalid-datetime"),
            ("$.validUntil".to_owned(), "structure.invalid-datetime"),
            ("$.proof.created".to_owned(), "structure.invalid-datetime"),
        ]
    );
}

#[test]
fn nested_classes_are_checked() {
    let mut credential = load("bench/ob3-badge.json");
    let achievement = &mut credential["credentialSubject"]["achievement"];
    achievement["alignment"][0]
        .as_object_mut()
        .unwrap()
        .remove("targetName");
    achievement["alignment"][0]["targetUrl"] = json!("not a url");
    achievement["resultDescription"][0]
        .as_object_mut()
        .unwrap()
        .remove("resultType");
    achievement["image"] = json!({"id": "https://x/img.png"});
    credential["credentialSubject"]["result"][0]["type"] = json!(["Outcome"]);
    credential["evidence"] = json!({"name": "no type"});
    assert_eq!(
        errors(&credential),
        [
            (
                "$.credentialSubject.achievement.alignment[0]".to_owned(),
                "structure.missing-property"
            ),
            (
                "$.credentialSubject.achievement.alignment[0].targetUrl".to_owned(),
                "structure.invalid-uri"
            ),
            (
                "$.credentialSubject.achievement.resultDescription[0]".to_owned(),
                "structure.missing-property"
            ),
            (
                "$.credentialSubject.achievement.image".to_owned(),
                "structure.missing-property"
            ),
            (
                "$.credentialSubject.result[0].type".to_owned(),
                "structure.missing-type-value"
            ),
            ("$.evidence".to_owned(), "structure.missing-property"),
        ]
    );
}

#[test]
fn proofs_must_be_assertions() {
    let mut credential = ob();
    credential["proof"]["proofPurpose"] = json!("authentication");
    credential["proof"]
        .as_object_mut()
        .unwrap()
        .remove("proofValue");
    assert_eq!(
        errors(&credential),
        [
            ("$.proof".to_owned(), "structure.missing-property"),
            ("$.proof.proofPurpose".to_owned(), "structure.proof-purpose"),
        ]
    );
}

#[test]
fn endorsements_need_a_name_and_an_endorsement_subject() {
    let endorsement = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
        "id": "urn:uuid:1",
        "type": ["VerifiableCredential", "EndorsementCredential"],
        "issuer": {"id": "https://endorser.example", "type": "Profile"},
        "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {"id": "https://example.edu/issuers/565049", "type": "Achievement"}
    });
    assert_eq!(
        CredentialKind::detect(&endorsement),
        CredentialKind::Endorsement
    );
    assert_eq!(
        errors(&endorsement),
        [
            ("$".to_owned(), "structure.missing-property"),
            (
                "$.credentialSubject.type".to_owned(),
                "structure.missing-type-value"
            )
        ]
    );
    // Embedded in an achievement, the same endorsement is checked at its own path.
    let mut credential = ob();
    credential["credentialSubject"]["achievement"]["endorsement"] = json!([endorsement]);
    let found = errors(&credential);
    assert!(
        found.contains(&(
            "$.credentialSubject.achievement.endorsement[0]".to_owned(),
            "structure.missing-property"
        )),
        "{found:?}"
    );
}

#[test]
fn clr_checks_bundled_credentials_and_associations() {
    let mut clr = load("test-vectors/clr-v2p0/signed.json");
    clr["credentialSubject"]["association"][0]
        .as_object_mut()
        .unwrap()
        .remove("targetId");
    clr["credentialSubject"]["verifiableCredential"][0]["credentialSubject"]["achievement"]
        .as_object_mut()
        .unwrap()
        .remove("description");
    assert_eq!(
        errors(&clr),
        [
            (
                "$.credentialSubject.verifiableCredential[0].credentialSubject.achievement"
                    .to_owned(),
                "structure.missing-property"
            ),
            (
                "$.credentialSubject.association[0]".to_owned(),
                "structure.missing-property"
            ),
        ]
    );
    clr["credentialSubject"]["verifiableCredential"] = json!([]);
    assert!(errors(&clr).contains(&(
        "$.credentialSubject.verifiableCredential".to_owned(),
        "structure.empty-array"
    )));
}

#[test]
fn hostile_shapes_do_not_panic() {
    for value in [
        json!(null),
        json!([]),
        json!("x"),
        json!({"type": {}}),
        json!({"credentialSubject": [1, 2], "issuer": 5, "proof": [null]}),
    ] {
        let _ = check_credential(&value);
        let _ = check_contexts(&value, &DocumentStore::bundled());
    }
    assert_eq!(
        errors(&json!(null)),
        [("$".to_owned(), "structure.wrong-type")]
    );
}
