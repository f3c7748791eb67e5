//! Regression tests for what the W3C suites (vc-data-model-2.0, vc-di-eddsa,
//! vc-bitstring-status-list) found when run against `tsumiki serve`: each test makes the
//! assertion the suite makes, on our router, without the suite or the network.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod w3_support;

use serde_json::{Value, json};
use tsumiki_jsonld::JsonLdProcessor;
use tsumiki_vc::di::{ProofOptions, sign};
use tsumiki_vc::keys::KeyPair;
use w3_support::{W3App, app};

const VC_V2: &str = "https://www.w3.org/ns/credentials/v2";

/// The VC 2.0 suite's `credential-ok.json`, for our issuer.
fn plain(issuer: &str) -> Value {
    json!({
        "@context": [VC_V2],
        "type": ["VerifiableCredential"],
        "issuer": issuer,
        "credentialSubject": {"id": "did:example:subject"}
    })
}

fn with(mut credential: Value, property: &str, value: Value) -> Value {
    credential[property] = value;
    credential
}

fn problem_titles(body: &Value) -> Vec<String> {
    body["problemDetails"]
        .as_array()
        .map(|problems| {
            problems
                .iter()
                .filter_map(|problem| problem["title"].as_str())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

async fn issue(app: &W3App, credential: &Value) -> w3_support::Resp {
    app.post_json(
        "/credentials/issue",
        Some(&app.staff_token),
        &json!({"credential": credential, "options": {}}),
    )
    .await
}

/// A credential signed here with a did:key (the suites sign their fixtures that way).
fn signed_by_did_key(credential: &Value) -> Value {
    let key = KeyPair::from_ed25519_seed(&[7u8; 32]);
    let did = format!("did:key:{}", key.public_multibase());
    let mut credential = credential.clone();
    credential["issuer"] = json!(did);
    let options = ProofOptions::new(
        "2026-01-01T00:00:00Z",
        format!("{did}#{}", key.public_multibase()),
    );
    sign(&credential, &key, &options, &JsonLdProcessor::bundled()).unwrap()
}

/// vc-data-model-2.0: each data-model MUST, sent to the issuer as a negative fixture, is
/// refused with 400 naming the rule; and nothing is issued (no status index is burned, no
/// credential stored under the client's id).
#[tokio::test]
async fn issuer_refuses_credentials_that_break_the_data_model() {
    let app = app().await;
    let issuer = app.issuer.identifier.clone();
    let ok = plain(&issuer);
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "missing base context",
            with(
                ok.clone(),
                "@context",
                json!(["https://www.w3.org/ns/credentials/examples/v2"]),
            ),
            "contexts.",
        ),
        (
            "no VerifiableCredential type",
            with(ok.clone(), "type", json!(["ExampleCredential"])),
            "structure.",
        ),
        ("null id", with(ok.clone(), "id", Value::Null), "structure."),
        (
            "no credentialSubject",
            {
                let mut credential = ok.clone();
                credential
                    .as_object_mut()
                    .unwrap()
                    .remove("credentialSubject");
                credential
            },
            "structure.missing-property",
        ),
        (
            "empty credentialSubject",
            with(ok.clone(), "credentialSubject", json!({})),
            "vcapi.subject-without-claims",
        ),
        (
            "one empty subject among several",
            with(
                ok.clone(),
                "credentialSubject",
                json!([{"id": "did:example:subject"}, {}]),
            ),
            "vcapi.subject-without-claims",
        ),
        (
            "malformed validFrom",
            with(ok.clone(), "validFrom", json!("2024-01-01")),
            "structure.invalid-datetime",
        ),
        (
            "malformed validUntil",
            with(ok.clone(), "validUntil", json!("next year")),
            "structure.invalid-datetime",
        ),
        (
            "validUntil before validFrom",
            with(
                with(ok.clone(), "validFrom", json!("2027-01-01T00:00:00Z")),
                "validUntil",
                json!("2025-01-01T00:00:00Z"),
            ),
            "vcapi.valid-until-before-from",
        ),
        (
            "language value object with an extra member",
            with(
                ok.clone(),
                "name",
                json!({"@value": "Example", "@language": "en", "url": "did:example:x"}),
            ),
            "safe-mode.",
        ),
        (
            "name as a number",
            with(ok.clone(), "name", json!(42)),
            "structure.wrong-type",
        ),
        (
            "credentialStatus without type",
            with(
                ok.clone(),
                "credentialStatus",
                json!({"id": "https://example.com/status/1#1"}),
            ),
            "structure.missing-property",
        ),
        (
            "credentialSchema without type",
            with(
                ok.clone(),
                "credentialSchema",
                json!({"id": "https://example.com/schema.json"}),
            ),
            "structure.missing-property",
        ),
        (
            "refreshService without type",
            with(
                ok.clone(),
                "refreshService",
                json!({"id": "https://example.com/refresh"}),
            ),
            "structure.missing-property",
        ),
        (
            "termsOfUse without type",
            with(
                ok.clone(),
                "termsOfUse",
                json!({"id": "did:example:terms/1"}),
            ),
            "vcapi.missing-type",
        ),
        (
            "evidence without type",
            with(
                ok.clone(),
                "evidence",
                json!([{"id": "https://example.com/evidence/1"}]),
            ),
            "vcapi.missing-type",
        ),
        (
            "relatedResource as strings",
            with(ok.clone(), "relatedResource", json!([VC_V2])),
            "vcapi.related-resource-not-object",
        ),
        (
            "relatedResource without id",
            with(
                ok.clone(),
                "relatedResource",
                json!([{"digestMultibase": "uJKGMkOmFbVJhEfKTduMC2XCyvRAYLjOVmZWwIH1wQ7k"}]),
            ),
            "vcapi.related-resource-without-id",
        ),
        (
            "relatedResource duplicate id",
            with(
                ok.clone(),
                "relatedResource",
                json!([
                    {"id": VC_V2, "digestSRI": "sha384-AAAA"},
                    {"id": VC_V2, "digestMultibase": "uAAAA"}
                ]),
            ),
            "vcapi.related-resource-duplicate",
        ),
        (
            "relatedResource without digest",
            with(ok.clone(), "relatedResource", json!([{"id": VC_V2}])),
            "vcapi.related-resource-without-digest",
        ),
        (
            // vc-bitstring-status-list: a malformed entry, wherever it is, is
            // MALFORMED_VALUE_ERROR (the suite puts it under an undefined term).
            "malformed BitstringStatusListEntry",
            with(
                ok.clone(),
                "statusEntry",
                json!({
                    "type": "BitstringStatusListEntry",
                    "statusListIndex": true,
                    "statusListCredential": "https://example.com"
                }),
            ),
            "vcapi.malformed-status-entry",
        ),
    ];
    for (name, credential, expected) in cases {
        let client_id = format!("urn:uuid:{}", uuid::Uuid::new_v4());
        let response = app
            .post_json(
                "/credentials/issue",
                Some(&app.staff_token),
                &json!({"credential": credential, "options": {"credentialId": client_id}}),
            )
            .await;
        assert_eq!(response.status, 400, "{name}: {}", response.text());
        let body = response.json();
        let titles = problem_titles(&body);
        assert!(
            titles.iter().any(|title| title.starts_with(expected)),
            "{name}: expected {expected}, got {titles:?}"
        );
        // Bilingual, with a path for each problem.
        let first = &body["problemDetails"][0];
        assert!(first["detail"].as_str().is_some_and(|d| !d.is_empty()));
        assert!(first["detailJa"].as_str().is_some_and(|d| !d.is_empty()));
        assert!(body["messageJa"].as_str().is_some_and(|m| !m.is_empty()));
        assert!(
            app.state
                .store
                .credential_by_idempotency_key(&format!("vcapi:{client_id}"))
                .await
                .unwrap()
                .is_none(),
            "{name}: a refused credential was stored"
        );
    }
}

/// The positive fixtures next to those negatives still issue.
#[tokio::test]
async fn issuer_accepts_the_well_formed_variants() {
    let app = app().await;
    let ok = plain(&app.issuer.identifier);
    let cases: Vec<(&str, Value)> = vec![
        ("minimal VC 2.0 credential", ok.clone()),
        (
            "several subjects",
            with(
                ok.clone(),
                "credentialSubject",
                json!([{"id": "did:example:a"}, {"id": "did:example:b"}]),
            ),
        ),
        (
            "typed termsOfUse and evidence",
            with(
                with(
                    with(
                        ok.clone(),
                        "@context",
                        json!([VC_V2, "https://www.w3.org/ns/credentials/examples/v2"]),
                    ),
                    "termsOfUse",
                    json!({"id": "did:example:terms/1", "type": "IssuerPolicy"}),
                ),
                "evidence",
                json!([{"type": ["Evidence"]}]),
            ),
        ),
        (
            "relatedResource with either digest",
            with(
                ok.clone(),
                "relatedResource",
                json!([
                    {"id": VC_V2, "mediaType": "application/ld+json",
                     "digestSRI": "sha384-NSOcNpmdIVUxIJGvGUoe22FjTWrXiaXlsZ8q6912LdnR3KraQO2n75Ica4wK4Qeg"},
                    {"id": "https://www.w3.org/ns/credentials/examples/v2",
                     "digestMultibase": "uJKGMkOmFbVJhEfKTduMC2XCyvRAYLjOVmZWwIH1wQ7k"}
                ]),
            ),
        ),
        (
            // VC 2.0 evidence needs a type, not OB 3.0's `Evidence` class.
            "evidence of a type the context defines",
            with(
                with(
                    ok.clone(),
                    "@context",
                    json!([VC_V2, {"Notarized": "https://example.org/vocab#Notarized"}]),
                ),
                "evidence",
                json!({"type": "Notarized"}),
            ),
        ),
        (
            "name as a language value object",
            with(
                with(
                    ok.clone(),
                    "name",
                    json!({"@value": "修了証", "@language": "ja", "@direction": "ltr"}),
                ),
                "description",
                json!([
                    {"@value": "Certificate", "@language": "en"},
                    {"@value": "修了の証明", "@language": "ja"}
                ]),
            ),
        ),
        (
            "future validity period",
            with(
                with(ok.clone(), "validFrom", json!("2030-01-01T00:00:00Z")),
                "validUntil",
                json!("2031-01-01T00:00:00Z"),
            ),
        ),
    ];
    for (name, credential) in cases {
        let response = issue(&app, &credential).await;
        assert_eq!(response.status, 201, "{name}: {}", response.text());
        let vc = &response.json()["verifiableCredential"];
        assert_eq!(vc["proof"]["cryptosuite"], "eddsa-rdfc-2022", "{name}");
        assert_eq!(vc["@context"][0], VC_V2, "{name}");
    }
}

/// vc-data-model-2.0 (presentations): `validFrom` is optional in VC 2.0, so a signed plain
/// credential without it verifies (with a warning), alone and inside a presentation. An Open
/// Badge still needs it: OB 3.0 makes it required.
#[tokio::test]
async fn plain_credentials_without_valid_from_verify() {
    let app = app().await;
    let vc = signed_by_did_key(&json!({
        "@context": [VC_V2, "https://www.w3.org/ns/credentials/examples/v2"],
        "type": ["VerifiableCredential", "ExampleAlumniCredential"],
        "issuer": "did:example:replaced",
        "credentialSubject": {"id": "did:example:alice", "name": "Alice"}
    }));
    let verified = app
        .post_json(
            "/credentials/verify",
            None,
            &json!({"verifiableCredential": vc, "options": {"checks": ["proof"]}}),
        )
        .await;
    assert_eq!(verified.status, 200, "{}", verified.text());
    let result = verified.json();
    assert_eq!(result["verified"], true);
    assert_eq!(result["errors"], json!([]));
    assert!(
        result["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["title"] == "dates.missing-valid-from")
    );

    let presentation = json!({
        "@context": [VC_V2],
        "type": ["VerifiablePresentation"],
        "verifiableCredential": [vc.clone(), vc]
    });
    let verified = app
        .post_json(
            "/presentations/verify",
            None,
            &json!({"verifiablePresentation": presentation, "options": {}}),
        )
        .await;
    assert_eq!(verified.status, 200, "{}", verified.text());
    assert_eq!(verified.json()["verified"], true);

    let badge = signed_by_did_key(&json!({
        "@context": [VC_V2, "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
        "id": "urn:uuid:5b0a1f3e-8a55-4c51-9a53-7b1d2a1e8f00",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": "did:example:replaced",
        "name": "Badge",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "urn:uuid:0f6c4c36-3a43-4d7e-9c0e-0a6f1d7f6b11",
                "type": ["Achievement"],
                "name": "Badge",
                "description": "A badge.",
                "criteria": {"narrative": "Do it."}
            }
        }
    }));
    let rejected = app
        .post_json(
            "/credentials/verify",
            None,
            &json!({"verifiableCredential": badge}),
        )
        .await;
    assert_eq!(rejected.status, 400, "{}", rejected.text());
    assert!(problem_titles(&rejected.json()).contains(&"dates.missing-valid-from".to_owned()));
}

/// vc-di-eddsa: "If securedDocument is not a map … an error MUST be raised": a credential
/// sent as a JSON string is refused, though the same credential as an object verifies.
#[tokio::test]
async fn a_credential_sent_as_a_json_string_is_not_verified() {
    let app = app().await;
    let vc = signed_by_did_key(&with(
        plain("did:example:replaced"),
        "validFrom",
        json!("2025-01-01T00:00:00Z"),
    ));
    let as_object = app
        .post_json(
            "/credentials/verify",
            None,
            &json!({"verifiableCredential": vc}),
        )
        .await;
    assert_eq!(as_object.status, 200, "{}", as_object.text());
    let as_string = app
        .post_json(
            "/credentials/verify",
            None,
            &json!({"verifiableCredential": vc.to_string()}),
        )
        .await;
    assert_eq!(as_string.status, 400, "{}", as_string.text());

    // A `proof` that is not a map fails too.
    let mut null_proof = vc.clone();
    null_proof["proof"] = Value::Null;
    let response = app
        .post_json(
            "/credentials/verify",
            None,
            &json!({"verifiableCredential": null_proof}),
        )
        .await;
    assert_eq!(response.status, 400, "{}", response.text());
}
