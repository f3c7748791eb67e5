#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! tsumiki's extension context: published byte for byte, used by every credential the server
//! issues to carry the micro-credential metadata OB 3.0 lacks, and verifiable by the reference
//! JavaScript stack when that stack is given the context file.

mod w3_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use axum::http::{StatusCode, header};
use serde_json::{Value, json};
use w3_support::*;

const CONTEXT_URL: &str = "https://w3id.org/tsumiki/v1";
const CONTEXT_FILE: &str = include_str!("../../jsonld/contexts/tsumiki-v1.jsonld");

fn contexts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../jsonld/contexts")
}

/// Every key anywhere in a JSON value (term definitions nest in scoped contexts).
fn all_keys(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                out.push(key.clone());
                all_keys(inner, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| all_keys(item, out)),
        _ => {}
    }
}

#[tokio::test]
async fn the_context_is_served_byte_for_byte_with_long_caching() {
    let app = app().await;
    let response = app.get("/contexts/tsumiki/v1").await;
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.text(), CONTEXT_FILE);
    assert_eq!(
        response.header(header::CONTENT_TYPE).as_deref(),
        Some("application/ld+json")
    );
    assert!(
        response
            .header(header::CACHE_CONTROL)
            .unwrap()
            .contains("immutable")
    );
    assert_eq!(
        response
            .header(header::ACCESS_CONTROL_ALLOW_ORIGIN)
            .as_deref(),
        Some("*")
    );
}

#[test]
fn the_context_is_protected_and_redefines_no_vc_or_ob_term() {
    let context: Value = serde_json::from_str(CONTEXT_FILE).unwrap();
    let definitions = context["@context"].as_object().unwrap();
    assert_eq!(definitions["@protected"], json!(true));
    let mut taken = Vec::new();
    for file in [
        "www.w3.org_ns_credentials_v2.jsonld",
        "ob-v3p0-3.0.3.json",
        "clr-v2p0-2.0.1.json",
    ] {
        let text = std::fs::read_to_string(contexts_dir().join(file)).unwrap();
        all_keys(&serde_json::from_str(&text).unwrap(), &mut taken);
    }
    for (term, definition) in definitions {
        if term.starts_with('@') || term == "xsd" {
            continue;
        }
        assert!(
            !taken.contains(term),
            "{term} is already defined by VC/OB/CLR"
        );
        if term != "tsumiki" {
            let id = definition["@id"].as_str().unwrap();
            assert_eq!(id, format!("tsumiki:{term}"), "{term}");
        }
    }
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(contexts_dir().join("manifest.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(manifest[CONTEXT_URL]["file"], "tsumiki-v1.jsonld");
}

#[tokio::test]
async fn issued_credentials_carry_the_metadata_in_both_languages_and_verify() {
    let app = app().await;
    let issued = app.issue("ext-1").await;
    let credential: Value = issued.credential.clone();
    assert_eq!(credential["@context"][2], CONTEXT_URL);
    let achievement = &credential["credentialSubject"]["achievement"];
    // Integral hours are written as integers, as every JSON-LD processor reads them.
    assert_eq!(achievement["studyHours"].to_string(), "30");
    assert_eq!(achievement["assessmentType"], "exam");
    assert_eq!(achievement["participationForm"], "online");
    assert!(
        achievement.get("qualityAssurance").is_none(),
        "empty fields are left out"
    );
    assert_eq!(achievement["nameTranslations"]["ja"], "データ分析入門");
    assert_eq!(
        achievement["nameTranslations"]["en"],
        "Introduction to Data Analysis"
    );
    assert_eq!(
        achievement["learningOutcomeTranslations"]["en"][0],
        "Explain descriptive statistics"
    );
    assert_eq!(achievement["name"], "データ分析入門");
    assert_eq!(achievement["inLanguage"], "ja");

    let verdict = app
        .post_json(
            "/credentials/verify",
            None,
            &json!({ "verifiableCredential": credential }),
        )
        .await;
    assert_eq!(verdict.status, StatusCode::OK, "{}", verdict.text());
    assert_eq!(
        verdict.json()["verified"],
        json!(true),
        "{}",
        verdict.text()
    );

    // The metadata is signed: changing the hours breaks the proof.
    let mut tampered = credential.clone();
    tampered["credentialSubject"]["achievement"]["studyHours"] = json!(300);
    let verdict = app
        .post_json(
            "/credentials/verify",
            None,
            &json!({ "verifiableCredential": tampered }),
        )
        .await;
    assert_eq!(
        verdict.json()["verified"],
        json!(false),
        "{}",
        verdict.text()
    );
}

fn interop_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../interop");
    if dir.join("node_modules/@digitalbazaar/vc").is_dir() {
        return Some(dir);
    }
    assert_ne!(
        std::env::var("TSUMIKI_INTEROP").as_deref(),
        Ok("required"),
        "interop/node_modules is missing: run `npm ci --prefix interop`"
    );
    eprintln!("skipping: run `npm ci --prefix interop` to verify with the reference stack");
    None
}

#[tokio::test]
async fn server_issued_credentials_verify_in_the_reference_stack() {
    let Some(js) = interop_dir() else { return };
    let app = app().await;
    let issued = app.issue("ext-interop").await;
    let did_document = app.get("/issuers/demo-univ/did.json").await;
    assert_eq!(did_document.status, StatusCode::OK);
    let dir = tempfile::tempdir().unwrap();
    let credential_path = dir.path().join("credential.json");
    let controller_path = dir.path().join("did.json");
    std::fs::write(&credential_path, issued.credential.to_string()).unwrap();
    std::fs::write(&controller_path, &did_document.bytes).unwrap();
    let run = |path: &Path| {
        Command::new("node")
            .arg(js.join("verify.mjs"))
            .arg(path)
            .arg(&controller_path)
            .output()
            .unwrap()
    };
    let verdict = run(&credential_path);
    assert!(
        verdict.status.success(),
        "reference stack rejected a server-issued credential: {}{}",
        String::from_utf8_lossy(&verdict.stdout),
        String::from_utf8_lossy(&verdict.stderr)
    );
    // A tampered translation must fail there too, or the check proves nothing.
    let mut tampered: Value = issued.credential.clone();
    tampered["credentialSubject"]["achievement"]["nameTranslations"]["en"] = json!("Forged");
    let tampered_path = dir.path().join("tampered.json");
    std::fs::write(&tampered_path, tampered.to_string()).unwrap();
    assert!(!run(&tampered_path).status.success());
}
