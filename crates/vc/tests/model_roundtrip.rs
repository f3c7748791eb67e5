//! The model keeps every credential it parses: parse → serialize gives back the same JSON,
//! for the published vectors and for documents with unknown properties at any level.

#![allow(clippy::unwrap_used, clippy::panic)] // Tests fail loudly by design.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};
use tsumiki_vc::model::{
    AchievementCredential, ClrCredential, EndorsementCredential, ImageRef, ProfileRef, Proof,
    VerifiableCredential,
};

fn testdata() -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata")).to_path_buf()
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            json_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "json") {
            out.push(path);
        }
    }
}

fn round_trip<T: DeserializeOwned + Serialize>(value: &Value) -> Value {
    let typed: T = serde_json::from_value(value.clone())
        .unwrap_or_else(|err| panic!("does not parse: {err}\n{value:#}"));
    serde_json::to_value(&typed).unwrap()
}

fn types(value: &Value) -> Vec<&str> {
    match value.get("type") {
        Some(Value::String(one)) => vec![one.as_str()],
        Some(Value::Array(many)) => many.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// Round-trips `value` through the model class its `type` names; `None` if it names none.
fn round_trip_by_type(value: &Value) -> Option<Value> {
    let types = types(value);
    let has = |name: &str| types.contains(&name);
    Some(if has("ClrCredential") {
        round_trip::<ClrCredential>(value)
    } else if has("AchievementCredential") || has("OpenBadgeCredential") {
        round_trip::<AchievementCredential>(value)
    } else if has("EndorsementCredential") {
        round_trip::<EndorsementCredential>(value)
    } else if has("VerifiableCredential") {
        round_trip::<VerifiableCredential>(value)
    } else if has("DataIntegrityProof") {
        round_trip::<Proof>(value)
    } else {
        return None;
    })
}

#[test]
fn every_fixture_credential_round_trips() {
    let mut files = Vec::new();
    json_files(&testdata().join("test-vectors"), &mut files);
    json_files(&testdata().join("bench"), &mut files);
    files.sort();
    let mut checked = Vec::new();
    for file in &files {
        let value: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        if let Some(back) = round_trip_by_type(&value) {
            assert_eq!(back, value, "{} changed in a round trip", file.display());
            checked.push(file.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    // vector.json and keyPair.json describe vectors; everything else is a credential or a
    // proof configuration and must have been checked.
    assert_eq!(checked.len(), 8, "checked only {checked:?}");
}

#[test]
fn clr_bundled_credentials_round_trip_as_achievement_credentials() {
    let text =
        std::fs::read_to_string(testdata().join("test-vectors/clr-v2p0/signed.json")).unwrap();
    let clr: ClrCredential = serde_json::from_str(&text).unwrap();
    assert_eq!(clr.credential_subject.verifiable_credential.len(), 1);
    for inner in clr.credential_subject.verifiable_credential.iter() {
        assert_eq!(round_trip::<AchievementCredential>(inner), *inner);
    }
    let association = clr
        .credential_subject
        .association
        .as_ref()
        .unwrap()
        .first()
        .unwrap();
    assert_eq!(association.association_type, "isParentOf");
    assert_eq!(clr.issuer.id(), "https://example.edu/issuers/565049");
}

#[test]
fn typed_access_reads_the_ob_vector() {
    let text =
        std::fs::read_to_string(testdata().join("test-vectors/ob-v3p0/signed.json")).unwrap();
    let credential: AchievementCredential = serde_json::from_str(&text).unwrap();
    assert!(credential.kind.contains("OpenBadgeCredential"));
    assert_eq!(credential.issuer_id(), "https://example.edu/issuers/565049");
    assert!(matches!(credential.issuer, ProfileRef::Profile(_)));
    assert_eq!(credential.credential_subject.achievement.name, "Teamwork");
    let proofs: Vec<_> = credential.proofs().collect();
    assert_eq!(proofs.len(), 1);
    assert_eq!(proofs[0].cryptosuite.as_deref(), Some("eddsa-rdfc-2022"));
}

#[test]
fn numbers_keep_their_lexical_kind() {
    let text = std::fs::read_to_string(testdata().join("bench/ob3-badge.json")).unwrap();
    let credential: AchievementCredential = serde_json::from_str(&text).unwrap();
    let credits = credential
        .credential_subject
        .achievement
        .credits_available
        .as_ref()
        .unwrap();
    assert!(
        credits.is_u64(),
        "creditsAvailable: 1 must stay an integer, got {credits}"
    );
    assert!(matches!(
        credential.credential_subject.achievement.image,
        Some(ImageRef::Image(_))
    ));
}

#[test]
fn wrong_types_are_rejected_not_coerced() {
    let text =
        std::fs::read_to_string(testdata().join("test-vectors/ob-v3p0/unsigned.json")).unwrap();
    let mut value: Value = serde_json::from_str(&text).unwrap();
    value["credentialSubject"]["achievement"]["name"] = json!(42);
    assert!(serde_json::from_value::<AchievementCredential>(value.clone()).is_err());
    value["credentialSubject"]["achievement"]["name"] = json!("ok");
    value["credentialSubject"]["achievement"]
        .as_object_mut()
        .unwrap()
        .remove("criteria");
    assert!(serde_json::from_value::<AchievementCredential>(value).is_err());
}

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1.0e12f64..1.0e12).prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(("[a-zA-Z@:_-]{1,8}", inner), 0..4)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Unknown property names: prefixed so they can never be a property the model knows.
fn extra_properties() -> impl Strategy<Value = Vec<(String, Value)>> {
    prop::collection::vec(
        (
            "x[A-Za-z0-9]{1,10}".prop_map(|name| format!("ext{name}")),
            arbitrary_json(),
        ),
        0..3,
    )
}

/// JSON pointers of objects in the bench credential that the model has a class for.
const LEVELS: &[&str] = &[
    "",
    "/issuer",
    "/credentialSubject",
    "/credentialSubject/achievement",
    "/credentialSubject/achievement/criteria",
    "/credentialSubject/achievement/image",
    "/credentialSubject/achievement/alignment/0",
    "/credentialSubject/achievement/resultDescription/0",
    "/credentialSubject/result/0",
    "/credentialSchema/0",
    "/evidence/0",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn unknown_properties_survive_at_every_level(
        additions in prop::collection::vec((0..LEVELS.len(), extra_properties()), 1..6)
    ) {
        let text = std::fs::read_to_string(testdata().join("bench/ob3-badge.json")).unwrap();
        let mut value: Value = serde_json::from_str(&text).unwrap();
        for (level, properties) in additions {
            let object = value.pointer_mut(LEVELS[level]).unwrap().as_object_mut().unwrap();
            for (name, property) in properties {
                object.insert(name, property);
            }
        }
        let back = round_trip::<AchievementCredential>(&value);
        prop_assert_eq!(back, value);
    }
}
