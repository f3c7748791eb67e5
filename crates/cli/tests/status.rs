#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `tsumiki verify --status-list URL=FILE`: revocation and suspension through the CLI.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use tsumiki_vc::status::{BitstringStatusList, StatusPurpose, status_list_credential};

const LIST_URL: &str = "https://issuer.example/status/revocation/1";
const INDEX: u64 = 42;

/// A did:key issuer, a credential with a revocation entry, and a signed status list in which
/// index 42 is `revoked`.
fn issued(dir: &Path, revoked: bool) -> (PathBuf, PathBuf) {
    let key = dir.join("key.json");
    assert_eq!(
        code(&tsumiki(&["keys", "new", "--out", key.to_str().unwrap()])),
        0
    );
    let did = read_json(&key)["controller"].as_str().unwrap().to_owned();

    let mut credential = read_json(&testdata("bench/ob3-badge.json"));
    credential["issuer"]["id"] = did.clone().into();
    credential["credentialStatus"] = serde_json::json!({
        "id": format!("{LIST_URL}#{INDEX}"),
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": INDEX.to_string(),
        "statusListCredential": LIST_URL,
    });
    let credential_path = sign(dir, &key, "credential", &credential);

    let mut list = BitstringStatusList::new(131_072).unwrap();
    list.set(INDEX, revoked).unwrap();
    let unsigned_list = status_list_credential(
        LIST_URL,
        &did,
        &StatusPurpose::Revocation,
        &list,
        "2025-01-01T00:00:00Z",
    )
    .unwrap();
    let list_path = sign(dir, &key, "list", &unsigned_list);
    (credential_path, list_path)
}

fn sign(dir: &Path, key: &Path, name: &str, document: &serde_json::Value) -> PathBuf {
    let unsigned = dir.join(format!("{name}-unsigned.json"));
    std::fs::write(&unsigned, document.to_string()).unwrap();
    let out = tsumiki(&[
        "issue",
        "--key",
        key.to_str().unwrap(),
        unsigned.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let signed = dir.join(format!("{name}.json"));
    std::fs::write(&signed, stdout(&out)).unwrap();
    signed
}

fn verify(credential: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["verify", "--json", "--at", "2026-01-01T00:00:00Z"];
    args.extend_from_slice(extra);
    args.push(credential.to_str().unwrap());
    tsumiki(&args)
}

fn status_outcomes(output: &std::process::Output) -> Vec<(String, String)> {
    let report: serde_json::Value = serde_json::from_str(&stdout(output)).unwrap();
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|check| check["step"] == "status")
        .map(|check| {
            (
                check["code"].as_str().unwrap().to_owned(),
                check["outcome"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn a_credential_that_is_not_revoked_verifies_with_its_list() {
    let dir = temp_dir("status-active");
    let (credential, list) = issued(&dir, false);
    let mapping = format!("{LIST_URL}={}", list.display());
    let out = verify(&credential, &["--status-list", &mapping]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let outcomes = status_outcomes(&out);
    assert!(!outcomes.is_empty(), "no status check in the report");
    assert!(
        outcomes.iter().all(|(_, outcome)| outcome == "pass"),
        "{outcomes:?}"
    );
}

#[test]
fn a_revoked_credential_fails_with_exit_code_1() {
    let dir = temp_dir("status-revoked");
    let (credential, list) = issued(&dir, true);
    let mapping = format!("{LIST_URL}={}", list.display());
    let out = verify(&credential, &["--status-list", &mapping]);
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    let outcomes = status_outcomes(&out);
    assert!(
        outcomes.iter().any(|(_, outcome)| outcome == "fail"),
        "{outcomes:?}"
    );
}

#[test]
fn an_unchecked_status_fails_unless_allowed() {
    let dir = temp_dir("status-unchecked");
    let (credential, _) = issued(&dir, false);
    let strict = verify(&credential, &[]);
    assert_eq!(code(&strict), 1, "{}", stdout(&strict));
    assert!(status_outcomes(&strict).iter().any(|(_, o)| o == "fail"));

    let allowed = verify(&credential, &["--allow-unchecked-status"]);
    assert_eq!(code(&allowed), 0, "{}", stdout(&allowed));
    assert!(
        status_outcomes(&allowed)
            .iter()
            .any(|(_, o)| o == "warning")
    );
}

#[test]
fn a_tampered_status_list_is_not_trusted() {
    let dir = temp_dir("status-forged");
    let (credential, list) = issued(&dir, true);
    // Clear the revocation by swapping in an all-zero list without re-signing it.
    let mut forged = read_json(&list);
    let clean = BitstringStatusList::new(131_072).unwrap().encode().unwrap();
    forged["credentialSubject"]["encodedList"] = clean.into();
    let forged_path = dir.join("forged.json");
    std::fs::write(&forged_path, forged.to_string()).unwrap();
    let mapping = format!("{LIST_URL}={}", forged_path.display());
    let out = verify(&credential, &["--status-list", &mapping]);
    assert_eq!(
        code(&out),
        1,
        "a forged list must not un-revoke: {}",
        stdout(&out)
    );
}

#[test]
fn a_malformed_status_list_argument_is_a_usage_error() {
    let dir = temp_dir("status-usage");
    let (credential, _) = issued(&dir, false);
    let out = verify(&credential, &["--status-list", "no-equals-sign"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("URL=FILE"), "{}", stderr(&out));
}
