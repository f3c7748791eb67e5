//! The verifier end to end: published vectors, tampering, dates, status lists, contexts,
//! safe mode, JWT and baked-image input, input limits, and the JSON report shape.

#![allow(clippy::unwrap_used, clippy::panic)] // Tests fail loudly by design.

use std::sync::OnceLock;

use chrono::{DateTime, TimeZone, Utc};
use serde_json::{Value, json};
use tsumiki_jsonld::JsonLdProcessor;
use tsumiki_vc::bake::{BakedPayload, bake_png, bake_svg};
use tsumiki_vc::di::{self, ProofOptions};
use tsumiki_vc::did::{ControllerDocuments, did_key, did_key_verification_method};
use tsumiki_vc::input::InputLimits;
use tsumiki_vc::jwt::{self, JwtKeyHeader};
use tsumiki_vc::keys::KeyPair;
use tsumiki_vc::report::{Outcome, Step, Verdict, VerificationReport};
use tsumiki_vc::status::{BitstringStatusList, StatusPurpose, status_list_credential};
use tsumiki_vc::verify::{VerifyOptions, verify};

fn ld() -> &'static JsonLdProcessor {
    static LD: OnceLock<JsonLdProcessor> = OnceLock::new();
    LD.get_or_init(JsonLdProcessor::bundled)
}

fn testdata(relative: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../../testdata/{relative}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn json_file(relative: &str) -> Value {
    serde_json::from_str(&testdata(relative)).unwrap()
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

/// A controller document for the https key of a 1EdTech vector, built from its vector.json.
fn vector_controller(vector: &str) -> Value {
    let key = &json_file(vector)["keyPair"];
    json!({
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": key["controller"],
        "verificationMethod": [{
            "id": key["verificationMethod"],
            "type": "Multikey",
            "controller": key["controller"],
            "publicKeyMultibase": key["publicKeyMultibase"],
        }],
        "assertionMethod": [key["verificationMethod"]],
    })
}

fn options_with_vector_keys(now: DateTime<Utc>) -> VerifyOptions {
    let mut options = VerifyOptions::new(now);
    options.controllers = ControllerDocuments::new()
        .with(vector_controller("test-vectors/ob-v3p0/vector.json"))
        .unwrap()
        .with(vector_controller("test-vectors/clr-v2p0/vector.json"))
        .unwrap();
    options
}

fn run(input: &[u8], options: &VerifyOptions) -> VerificationReport {
    let report = verify(input, ld(), options);
    assert_bilingual(&report);
    report
}

fn run_json(credential: &Value, options: &VerifyOptions) -> VerificationReport {
    run(&serde_json::to_vec(credential).unwrap(), options)
}

/// Every message exists in both languages (a missing one would show its id).
fn assert_bilingual(report: &VerificationReport) {
    for check in &report.checks {
        let id = check.code.replace('.', "-");
        assert_ne!(
            check.message.en, id,
            "no English message for {}",
            check.code
        );
        assert_ne!(
            check.message.ja, id,
            "no Japanese message for {}",
            check.code
        );
        assert_ne!(
            check.message.ja, check.message.en,
            "{} is not translated",
            check.code
        );
    }
}

fn outcome(report: &VerificationReport, code: &str) -> Outcome {
    report
        .check(code)
        .unwrap_or_else(|| panic!("no {code} check in {:#?}", report.checks))
        .outcome
}

fn failures(report: &VerificationReport) -> Vec<&str> {
    report
        .with_outcome(Outcome::Fail)
        .map(|check| check.code.as_str())
        .collect()
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()
}

// ---------------------------------------------------------------- published vectors

#[test]
fn ob_vector_verifies_with_its_controller_document() {
    let report = run(
        testdata("test-vectors/ob-v3p0/signed.json").as_bytes(),
        &options_with_vector_keys(now()),
    );
    assert_eq!(
        failures(&report),
        Vec::<&str>::new(),
        "{:#?}",
        report.checks
    );
    assert!(report.verified);
    assert_eq!(report.verdict, Verdict::Verified);
    for code in [
        "parse.ok",
        "contexts.ok",
        "safe-mode.ok",
        "structure.ok",
        "proof.ok",
        "dates.ok",
        "status.none",
        "issuer.ok",
    ] {
        assert_eq!(outcome(&report, code), Outcome::Pass, "{code}");
    }
    let steps: Vec<Step> = report.checks.iter().map(|check| check.step).collect();
    let mut sorted = steps.clone();
    sorted.sort();
    assert_eq!(steps, sorted, "checks are in step order");
    assert_eq!(steps.first(), Some(&Step::Parse));
    assert_eq!(steps.last(), Some(&Step::Issuer));
}

#[test]
fn clr_vector_verifies() {
    let report = run(
        testdata("test-vectors/clr-v2p0/signed.json").as_bytes(),
        &options_with_vector_keys(now()),
    );
    assert!(report.verified, "{:#?}", report.checks);
    assert_eq!(outcome(&report, "proof.ok"), Outcome::Pass);
    let bundled = report.check("proof.embedded-ok").unwrap();
    assert_eq!(
        bundled.path.as_deref(),
        Some("$.credentialSubject.verifiableCredential[0]")
    );
    assert!(
        bundled
            .message
            .en
            .contains("urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002")
    );
}

#[test]
fn https_key_without_its_controller_document_fails() {
    let report = run(
        testdata("test-vectors/ob-v3p0/signed.json").as_bytes(),
        &VerifyOptions::new(now()),
    );
    assert!(!report.verified);
    assert_eq!(outcome(&report, "proof.key-unresolved"), Outcome::Fail);
    assert_eq!(outcome(&report, "issuer.unchecked"), Outcome::Warning);
}

#[test]
fn w3c_vector_proof_passes_but_issuer_policy_fails() {
    let report = run(
        testdata("test-vectors/vc-di-eddsa/eddsa-rdfc-2022/signedDataInt.json").as_bytes(),
        &VerifyOptions::new(now()),
    );
    assert_eq!(outcome(&report, "proof.ok"), Outcome::Pass);
    assert_eq!(failures(&report), ["issuer.controller-mismatch"]);
    let mismatch = report.check("issuer.controller-mismatch").unwrap();
    assert!(
        mismatch
            .message
            .en
            .contains("https://vc.example/issuers/5678")
    );
    assert!(
        mismatch
            .message
            .en
            .contains("did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2")
    );
    assert_eq!(
        outcome(&report, "structure.unknown-credential-type"),
        Outcome::Warning
    );
    assert!(!report.verified);
}

#[test]
fn tampered_credential_fails_its_proof() {
    let mut credential = json_file("test-vectors/ob-v3p0/signed.json");
    credential["credentialSubject"]["achievement"]["name"] = json!("Leadership");
    let report = run_json(&credential, &options_with_vector_keys(now()));
    assert_eq!(failures(&report), ["proof.bad-signature"]);
    assert_eq!(
        report.check("proof.bad-signature").unwrap().path.as_deref(),
        Some("$.proof")
    );
    assert_eq!(report.verdict, Verdict::NotVerified);
}

#[test]
fn unsigned_credential_has_no_proof() {
    let report = run(
        testdata("test-vectors/ob-v3p0/unsigned.json").as_bytes(),
        &VerifyOptions::new(now()),
    );
    assert_eq!(failures(&report), ["proof.missing"]);
}

#[test]
fn not_yet_valid() {
    let report = run(
        testdata("test-vectors/ob-v3p0/signed.json").as_bytes(),
        &options_with_vector_keys(at("2009-12-31T23:59:59Z")),
    );
    assert_eq!(failures(&report), ["dates.not-yet-valid"]);
    let check = report.check("dates.not-yet-valid").unwrap();
    assert!(
        check.message.en.contains("2010-01-01T00:00:00Z"),
        "{}",
        check.message.en
    );
    assert!(check.message.ja.contains("2010-01-01T00:00:00Z"));
}

// ---------------------------------------------------------------- self-issued credentials

fn issuer_key() -> KeyPair {
    KeyPair::from_ed25519_seed(&[7u8; 32])
}

fn other_key() -> KeyPair {
    KeyPair::from_ed25519_seed(&[9u8; 32])
}

fn did_of(key: &KeyPair) -> String {
    did_key(&key.public_key()).unwrap()
}

fn sign(unsigned: &Value, key: &KeyPair) -> Value {
    let method = did_key_verification_method(&key.public_key()).unwrap();
    di::sign(
        unsigned,
        key,
        &ProofOptions::new("2025-01-01T00:00:00Z", method),
        ld(),
    )
    .unwrap()
}

fn badge(issuer: &str) -> Value {
    json!({
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
            "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
        ],
        "id": "urn:uuid:0b5c1f8e-2f0a-4a4e-9a53-6a1d7f3c0001",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer, "type": ["Profile"], "name": "積み木大学"},
        "validFrom": "2025-04-01T00:00:00Z",
        "validUntil": "2030-04-01T00:00:00Z",
        "name": "異文化交渉",
        "credentialSubject": {
            "id": "did:example:learner-42",
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://tsumiki.example/achievements/ccn-101",
                "type": ["Achievement"],
                "name": "異文化交渉",
                "description": "Negotiates across cultures.",
                "criteria": {"narrative": "Complete the module."}
            }
        }
    })
}

#[test]
fn did_key_issuer_verifies_and_expires() {
    let key = issuer_key();
    let signed = sign(&badge(&did_of(&key)), &key);
    let report = run_json(&signed, &VerifyOptions::new(now()));
    assert!(report.verified, "{:#?}", report.checks);
    assert_eq!(outcome(&report, "dates.ok-until"), Outcome::Pass);
    let report = run_json(&signed, &VerifyOptions::new(at("2030-04-01T00:00:00Z")));
    assert_eq!(failures(&report), ["dates.expired"]);
    assert_eq!(
        report.check("dates.expired").unwrap().path.as_deref(),
        Some("$.validUntil")
    );
}

#[test]
fn credential_signed_by_someone_else_fails_the_issuer_check() {
    let signed = sign(&badge(&did_of(&issuer_key())), &other_key());
    let report = run_json(&signed, &VerifyOptions::new(now()));
    assert_eq!(outcome(&report, "proof.ok"), Outcome::Pass);
    assert_eq!(failures(&report), ["issuer.controller-mismatch"]);
}

#[test]
fn a_co_signature_by_another_party_is_a_warning_when_the_issuer_signed_too() {
    let issuer = issuer_key();
    let both = sign(&sign(&badge(&did_of(&issuer)), &issuer), &other_key());
    assert_eq!(both["proof"].as_array().map(Vec::len), Some(2));
    let report = run_json(&both, &VerifyOptions::new(now()));
    assert!(report.verified, "{:#?}", report.checks);
    assert_eq!(outcome(&report, "issuer.ok"), Outcome::Pass);
    assert_eq!(outcome(&report, "issuer.co-signed"), Outcome::Warning);

    // Two proofs, neither by the issuer: still a failure.
    let strangers = sign(&sign(&badge(&did_of(&issuer)), &other_key()), &other_key());
    let report = run_json(&strangers, &VerifyOptions::new(now()));
    assert!(!report.verified);
    assert!(failures(&report).contains(&"issuer.controller-mismatch"));

    // The issuer's proof plus a broken co-signature: the proof step fails.
    let mut broken = both.clone();
    broken["proof"][1]["proofValue"] =
        "z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKKiW1VfR9ghhGx8NDH"
            .into();
    assert!(!run_json(&broken, &VerifyOptions::new(now())).verified);
}

#[test]
fn unknown_context_fails() {
    let key = issuer_key();
    let mut credential = badge(&did_of(&key));
    credential["@context"]
        .as_array_mut()
        .unwrap()
        .push(json!("https://evil.example/context.json"));
    let report = run_json(&credential, &VerifyOptions::new(now()));
    let check = report.check("contexts.not-bundled").unwrap();
    assert_eq!(check.outcome, Outcome::Fail);
    assert_eq!(check.path.as_deref(), Some("$[\"@context\"][3]"));
    assert!(
        check
            .message
            .en
            .contains("https://evil.example/context.json")
    );
    assert!(!report.verified);
}

#[test]
fn undefined_term_fails_safe_mode_with_its_path() {
    let key = issuer_key();
    let mut credential = badge(&did_of(&key));
    credential["credentialSubject"]["achievement"]["favouriteColour"] = json!("blue");
    let report = run_json(&credential, &VerifyOptions::new(now()));
    let check = report
        .check("safe-mode.violation")
        .unwrap_or_else(|| panic!("{:#?}", report.checks));
    assert_eq!(check.outcome, Outcome::Fail);
    assert!(
        check
            .path
            .as_deref()
            .unwrap_or_default()
            .contains("favouriteColour"),
        "{check:?}"
    );
    assert!(!report.verified);
}

// ---------------------------------------------------------------- status

const LIST_URL: &str = "https://tsumiki.example/status/1";

fn with_status(credential: &mut Value, purpose: &str, index: u64) {
    credential["credentialStatus"] = json!({
        "id": format!("{LIST_URL}#{index}"),
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": index.to_string(),
        "statusListCredential": LIST_URL,
    });
}

fn signed_list(purpose: StatusPurpose, set: &[u64], issuer: &str, key: &KeyPair) -> Value {
    let mut list = BitstringStatusList::new(131_072).unwrap();
    for index in set {
        list.set(*index, true).unwrap();
    }
    let unsigned =
        status_list_credential(LIST_URL, issuer, &purpose, &list, "2025-01-01T00:00:00Z").unwrap();
    sign(&unsigned, key)
}

fn status_options(list: Option<Value>) -> VerifyOptions {
    let mut options = VerifyOptions::new(now());
    if let Some(list) = list {
        options.status_lists.insert(LIST_URL.to_owned(), list);
    }
    options
}

#[test]
fn revoked_and_not_revoked() {
    let key = issuer_key();
    let issuer = did_of(&key);
    let mut credential = badge(&issuer);
    with_status(&mut credential, "revocation", 42);
    let signed = sign(&credential, &key);

    let report = run_json(
        &signed,
        &status_options(Some(signed_list(
            StatusPurpose::Revocation,
            &[42],
            &issuer,
            &key,
        ))),
    );
    assert_eq!(failures(&report), ["status.revoked"]);
    assert_eq!(
        report.check("status.revoked").unwrap().message.ja,
        format!("この資格情報は失効しています(ステータスリスト {LIST_URL}、インデックス 42)。")
    );

    let report = run_json(
        &signed,
        &status_options(Some(signed_list(
            StatusPurpose::Revocation,
            &[41, 43],
            &issuer,
            &key,
        ))),
    );
    assert!(report.verified, "{:#?}", report.checks);
    assert_eq!(outcome(&report, "status.ok"), Outcome::Pass);
}

#[test]
fn suspended() {
    let key = issuer_key();
    let issuer = did_of(&key);
    let mut credential = badge(&issuer);
    with_status(&mut credential, "suspension", 7);
    let signed = sign(&credential, &key);
    let report = run_json(
        &signed,
        &status_options(Some(signed_list(
            StatusPurpose::Suspension,
            &[7],
            &issuer,
            &key,
        ))),
    );
    assert_eq!(failures(&report), ["status.suspended"]);
}

#[test]
fn missing_status_list_fails_unless_allowed() {
    let key = issuer_key();
    let mut credential = badge(&did_of(&key));
    with_status(&mut credential, "revocation", 1);
    let signed = sign(&credential, &key);
    let report = run_json(&signed, &status_options(None));
    assert_eq!(failures(&report), ["status.list-missing"]);
    let mut options = status_options(None);
    options.allow_unchecked_status = true;
    let report = run_json(&signed, &options);
    assert!(report.verified);
    assert_eq!(report.verdict, Verdict::VerifiedWithWarnings);
    assert_eq!(outcome(&report, "status.list-missing"), Outcome::Warning);
}

#[test]
fn status_list_from_another_signer_is_not_trusted() {
    let key = issuer_key();
    let issuer = did_of(&key);
    let mut credential = badge(&issuer);
    with_status(&mut credential, "revocation", 42);
    let signed = sign(&credential, &key);
    // Claims the right issuer, but signed by someone else: it must not clear the credential.
    let forged = signed_list(StatusPurpose::Revocation, &[], &issuer, &other_key());
    let report = run_json(&signed, &status_options(Some(forged)));
    assert_eq!(failures(&report), ["status.list-unverified"]);
    // A list whose content was changed after signing.
    let mut tampered = signed_list(StatusPurpose::Revocation, &[42], &issuer, &key);
    let clean = signed_list(StatusPurpose::Revocation, &[], &issuer, &key);
    tampered["credentialSubject"]["encodedList"] =
        clean["credentialSubject"]["encodedList"].clone();
    let report = run_json(&signed, &status_options(Some(tampered)));
    assert_eq!(failures(&report), ["status.list-invalid"]);
}

#[test]
fn onedtech_revocation_list() {
    let key = issuer_key();
    let mut credential = badge(&did_of(&key));
    credential["credentialStatus"] =
        json!({"id": "https://tsumiki.example/revocations", "type": "1EdTechRevocationList"});
    let signed = sign(&credential, &key);
    let mut options = VerifyOptions::new(now());
    options.status_lists.insert(
        "https://tsumiki.example/revocations".to_owned(),
        json!({"revokedCredential": [{"id": credential["id"], "revocationReason": "issued in error"}]}),
    );
    let report = run_json(&signed, &options);
    assert_eq!(
        failures(&report),
        ["status.1edtech-revoked"],
        "{:#?}",
        report.checks
    );
    assert!(
        report
            .check("status.1edtech-revoked")
            .unwrap()
            .message
            .en
            .contains("issued in error")
    );
}

// ---------------------------------------------------------------- other input forms

#[test]
fn jwt_input() {
    let key = issuer_key();
    let issuer = did_of(&key);
    let kid = did_key_verification_method(&key.public_key()).unwrap();
    let token = jwt::issue(&badge(&issuer), &key, JwtKeyHeader::Kid(kid)).unwrap();
    let report = run(token.as_bytes(), &VerifyOptions::new(now()));
    assert_eq!(report.format.map(|f| f.name()), Some("VC-JWT"));
    assert!(report.verified, "{:#?}", report.checks);
    assert_eq!(outcome(&report, "proof.jwt-ok"), Outcome::Pass);
    assert_eq!(outcome(&report, "issuer.ok"), Outcome::Pass);
    assert_eq!(report.credential.as_ref().unwrap()["name"], "異文化交渉");

    // Signed with a key the issuer does not control.
    let other = other_key();
    let kid = did_key_verification_method(&other.public_key()).unwrap();
    let token = jwt::issue(&badge(&issuer), &other, JwtKeyHeader::Kid(kid)).unwrap();
    let report = run(token.as_bytes(), &VerifyOptions::new(now()));
    assert_eq!(failures(&report), ["issuer.controller-mismatch"]);

    // A changed payload.
    let token = jwt::issue(
        &badge(&issuer),
        &key,
        JwtKeyHeader::Kid(did_key_verification_method(&key.public_key()).unwrap()),
    )
    .unwrap();
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    let other_token = jwt::issue(&badge("did:example:someone"), &key, JwtKeyHeader::Jwk).unwrap();
    parts[1] = other_token.split('.').nth(1).unwrap().to_owned();
    let report = run(parts.join(".").as_bytes(), &VerifyOptions::new(now()));
    assert!(
        failures(&report).contains(&"proof.jwt-bad-signature"),
        "{:#?}",
        report.checks
    );
}

/// A valid 1×1 grey PNG, assembled here so the test depends on no image file.
fn tiny_png() -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let mut crc = crc32fast::Hasher::new();
        crc.update(kind);
        crc.update(data);
        out.extend_from_slice(&crc.finalize().to_be_bytes());
    }
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut png, b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut encoder, &[0, 128]).unwrap();
    chunk(&mut png, b"IDAT", &encoder.finish().unwrap());
    chunk(&mut png, b"IEND", &[]);
    png
}

#[test]
fn baked_png_and_svg_input() {
    let key = issuer_key();
    let signed = sign(&badge(&did_of(&key)), &key);
    let payload = BakedPayload::Json(serde_json::to_string(&signed).unwrap());

    let png = bake_png(&tiny_png(), &payload).unwrap();
    let report = run(&png, &VerifyOptions::new(now()));
    assert_eq!(report.format.map(|f| f.name()), Some("PNG"));
    assert!(report.verified, "{:#?}", report.checks);

    let svg = bake_svg(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"></svg>",
        &payload,
    )
    .unwrap();
    let report = run(svg.as_bytes(), &VerifyOptions::new(now()));
    assert_eq!(report.format.map(|f| f.name()), Some("SVG"));
    assert!(report.verified, "{:#?}", report.checks);

    let token = jwt::issue(
        &badge(&did_of(&key)),
        &key,
        JwtKeyHeader::Kid(did_key_verification_method(&key.public_key()).unwrap()),
    )
    .unwrap();
    let png = bake_png(&tiny_png(), &BakedPayload::Jwt(token)).unwrap();
    let report = run(&png, &VerifyOptions::new(now()));
    assert!(report.verified, "{:#?}", report.checks);
    assert_eq!(outcome(&report, "proof.jwt-ok"), Outcome::Pass);

    let report = run(&tiny_png(), &VerifyOptions::new(now()));
    assert_eq!(failures(&report), ["parse.bake-failed"]);
}

#[test]
fn oversized_and_too_deep_input_fail_to_parse() {
    let mut options = VerifyOptions::new(now());
    options.limits = InputLimits {
        max_bytes: 1000,
        max_image_bytes: 4000,
        max_depth: 64,
    };
    let big = format!("{{\"pad\": \"{}\"}}", "x".repeat(2000));
    let report = run(big.as_bytes(), &options);
    assert_eq!(failures(&report), ["parse.too-large"]);
    assert_eq!(report.checks.len(), 1);

    let deep = "[".repeat(100_000);
    let report = run(deep.as_bytes(), &VerifyOptions::new(now()));
    assert_eq!(failures(&report), ["parse.too-deep"]);
    assert!(report.credential.is_none());

    let report = run(b"not a credential", &VerifyOptions::new(now()));
    assert_eq!(failures(&report), ["parse.unknown-format"]);
}

#[test]
fn hostile_json_never_panics() {
    for input in [
        "{}",
        "{\"@context\": 5}",
        "{\"@context\": [\"https://www.w3.org/ns/credentials/v2\"], \"proof\": [1, null, {}]}",
        "{\"@context\": [\"https://www.w3.org/ns/credentials/v2\"], \"issuer\": {}, \"credentialStatus\": [{}, 3]}",
        "{\"validFrom\": \"9999-99-99T99:99:99Z\", \"validUntil\": []}",
    ] {
        let report = run(input.as_bytes(), &VerifyOptions::new(now()));
        assert!(!report.verified, "{input}");
    }
}

#[test]
fn json_report_shape() {
    let report = run(
        testdata("test-vectors/ob-v3p0/signed.json").as_bytes(),
        &options_with_vector_keys(now()),
    );
    let json = report.to_json();
    assert_eq!(json["verified"], true);
    assert_eq!(json["verdict"], "verified");
    assert_eq!(json["format"], "json");
    assert!(
        json["summary"]["ja"]
            .as_str()
            .unwrap()
            .contains("検証しました")
    );
    let checks = json["checks"].as_array().unwrap();
    assert!(checks.len() >= 8);
    for check in checks {
        let object = check.as_object().unwrap();
        for member in ["code", "step", "outcome", "message"] {
            assert!(object.contains_key(member), "{member} missing in {check}");
        }
        assert!(check["message"]["ja"].is_string() && check["message"]["en"].is_string());
        assert!(["pass", "fail", "warning"].contains(&check["outcome"].as_str().unwrap()));
    }
    assert_eq!(checks[0]["step"], "parse");
    assert_eq!(
        json["credential"]["id"],
        "http://example.com/credentials/3527"
    );
}

/// Every check code the verifier and the structure checks can emit has a message in both
/// languages, including codes no other test happens to trigger.
#[test]
fn every_emitted_code_has_both_messages() {
    fn sources(dir: &std::path::Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                out.push(std::fs::read_to_string(path).unwrap());
            }
        }
    }
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut texts = Vec::new();
    for module in ["verify", "structure"] {
        sources(&src.join(module), &mut texts);
        texts.push(std::fs::read_to_string(src.join(format!("{module}.rs"))).unwrap());
    }
    let steps = [
        "parse",
        "contexts",
        "safe-mode",
        "structure",
        "proof",
        "dates",
        "status",
        "issuer",
    ];
    let mut codes = std::collections::BTreeSet::new();
    // Every `"step.` in the sources starts a code literal; scanning for that prefix does not
    // depend on how other string literals (with escaped quotes) pair up.
    for text in &texts {
        for step in steps {
            let opening = format!("\"{step}.");
            for (at, _) in text.match_indices(&opening) {
                let rest = &text[at + 1..];
                let Some(end) = rest.find('"') else { continue };
                let literal = &rest[..end];
                let tail = &literal[step.len() + 1..];
                if !tail.is_empty()
                    && tail
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                {
                    codes.insert(literal.to_owned());
                }
            }
        }
    }
    assert!(codes.len() > 60, "found only {codes:?}");
    for code in &codes {
        let id = code.replace('.', "-");
        for lang in tsumiki_i18n::Lang::ALL {
            assert!(
                tsumiki_i18n::has(lang, &id),
                "{code} has no {lang:?} message"
            );
        }
    }
}

#[test]
fn deepest_accepted_nesting_runs_every_step() {
    // 64 levels in all: credential, credentialSubject, achievement, criteria, then 60 more.
    let mut nested = json!("leaf");
    for _ in 0..60 {
        nested = json!({ "description": nested });
    }
    let mut credential = badge(&did_of(&issuer_key()));
    credential["credentialSubject"]["achievement"]["criteria"] = json!({ "narrative": nested });
    let text = serde_json::to_string(&credential).unwrap();
    let report = run(text.as_bytes(), &VerifyOptions::new(now()));
    assert_ne!(outcome(&report, "parse.ok"), Outcome::Fail);
    assert!(report.check("proof.missing").is_some());
    assert!(
        report
            .checks
            .iter()
            .any(|check| check.step == Step::SafeMode)
    );
    assert!(report.checks.iter().any(|check| check.step == Step::Issuer));
}

#[test]
fn verify_credential_skips_parsing() {
    let key = issuer_key();
    let signed = sign(&badge(&did_of(&key)), &key);
    let report = tsumiki_vc::verify::verify_credential(&signed, ld(), &VerifyOptions::new(now()));
    assert!(report.verified, "{:#?}", report.checks);
    assert!(report.format.is_none());
    assert!(report.checks.iter().all(|check| check.step != Step::Parse));
}

#[test]
fn clr_with_a_bundled_credential_from_the_wrong_signer_fails() {
    let key = issuer_key();
    let issuer = did_of(&key);
    let forged = sign(&badge(&issuer), &other_key());
    let clr = json!({
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
            "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
        ],
        "id": "urn:uuid:0b5c1f8e-2f0a-4a4e-9a53-6a1d7f3c0002",
        "type": ["VerifiableCredential", "ClrCredential"],
        "issuer": {"id": issuer, "type": "Profile", "name": "積み木大学"},
        "validFrom": "2025-04-01T00:00:00Z",
        "name": "成績証明書",
        "credentialSubject": {
            "id": "did:example:learner-42",
            "type": "ClrSubject",
            "verifiableCredential": [forged]
        }
    });
    let signed = sign(&clr, &key);
    let report = run_json(&signed, &VerifyOptions::new(now()));
    assert_eq!(outcome(&report, "proof.ok"), Outcome::Pass);
    assert_eq!(outcome(&report, "issuer.ok"), Outcome::Pass);
    assert_eq!(failures(&report), ["proof.embedded-failed"]);
    assert!(
        report
            .check("proof.embedded-failed")
            .unwrap()
            .message
            .en
            .contains("issuer.controller-mismatch")
    );
}
