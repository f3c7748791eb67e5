#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Cross-verification with the reference JavaScript stack (Digital Bazaar `vc` +
//! `eddsa-rdfc-2022-cryptosuite`, pinned in `interop/package.json`), in both directions.
//!
//! Needs `npm ci --prefix interop`. When `interop/node_modules` is missing the tests say so and
//! stop, unless `TSUMIKI_INTEROP=required` (as in CI), where a missing stack is a failure.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

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
    eprintln!(
        "skipping interop: run `npm ci --prefix interop` to cross-verify with the reference stack"
    );
    None
}

fn node(dir: &Path, script: &str, args: &[&Path]) -> std::process::Output {
    Command::new("node")
        .arg(dir.join(script))
        .args(args)
        .output()
        .expect("run node")
}

/// A fresh did:key issuer and the bench credential issued by it.
fn issuer_and_credential(dir: &Path) -> (PathBuf, PathBuf) {
    let key = dir.join("key.json");
    assert_eq!(
        code(&tsumiki(&["keys", "new", "--out", key.to_str().unwrap()])),
        0
    );
    let did = read_json(&key)["controller"].as_str().unwrap().to_owned();
    let mut credential = read_json(&testdata("bench/ob3-badge.json"));
    credential["issuer"]["id"] = did.into();
    let unsigned = dir.join("unsigned.json");
    std::fs::write(
        &unsigned,
        serde_json::to_string_pretty(&credential).unwrap(),
    )
    .unwrap();
    (key, unsigned)
}

#[test]
fn what_tsumiki_signs_verifies_in_the_reference_stack() {
    let Some(js) = interop_dir() else { return };
    let dir = temp_dir("interop-ours");
    let (key, unsigned) = issuer_and_credential(&dir);
    let out = tsumiki(&[
        "issue",
        "--key",
        key.to_str().unwrap(),
        unsigned.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let signed = dir.join("signed.json");
    std::fs::write(&signed, stdout(&out)).unwrap();
    let verdict = node(&js, "verify.mjs", &[&signed]);
    assert!(
        verdict.status.success(),
        "reference stack rejected ours: {}{}",
        stdout(&verdict),
        stderr(&verdict)
    );

    // And the reference stack must reject a tampered copy, or this test proves nothing.
    let mut tampered = read_json(&signed);
    tampered["credentialSubject"]["achievement"]["name"] = "Forged".into();
    let tampered_path = dir.join("tampered.json");
    std::fs::write(&tampered_path, tampered.to_string()).unwrap();
    assert!(!node(&js, "verify.mjs", &[&tampered_path]).status.success());
}

#[test]
fn what_the_reference_stack_signs_verifies_in_tsumiki() {
    let Some(js) = interop_dir() else { return };
    let dir = temp_dir("interop-theirs");
    let (key, unsigned) = issuer_and_credential(&dir);
    let out = node(&js, "sign.mjs", &[&key, &unsigned]);
    assert!(out.status.success(), "{}", stderr(&out));
    let signed = dir.join("signed.json");
    std::fs::write(&signed, &out.stdout).unwrap();
    let verdict = tsumiki(&[
        "verify",
        "--allow-unchecked-status",
        signed.to_str().unwrap(),
    ]);
    assert_eq!(
        code(&verdict),
        0,
        "{}\n{}",
        stdout(&verdict),
        stderr(&verdict)
    );
}

#[test]
fn a_proof_set_from_both_stacks_verifies_in_both() {
    let Some(js) = interop_dir() else { return };
    let dir = temp_dir("interop-set");
    let (key, unsigned) = issuer_and_credential(&dir);
    let theirs = node(&js, "sign.mjs", &[&key, &unsigned]);
    assert!(theirs.status.success(), "{}", stderr(&theirs));
    let first = dir.join("first.json");
    std::fs::write(&first, &theirs.stdout).unwrap();
    let ours = tsumiki(&[
        "issue",
        "--key",
        key.to_str().unwrap(),
        first.to_str().unwrap(),
    ]);
    assert_eq!(code(&ours), 0, "{}", stderr(&ours));
    let both = dir.join("both.json");
    std::fs::write(&both, stdout(&ours)).unwrap();
    assert_eq!(read_json(&both)["proof"].as_array().map(Vec::len), Some(2));
    let verdict = tsumiki(&["verify", "--allow-unchecked-status", both.to_str().unwrap()]);
    assert_eq!(
        code(&verdict),
        0,
        "{}\n{}",
        stdout(&verdict),
        stderr(&verdict)
    );
    let js_verdict = node(&js, "verify.mjs", &[&both]);
    assert!(
        js_verdict.status.success(),
        "{}{}",
        stdout(&js_verdict),
        stderr(&js_verdict)
    );
}

/// Doubles whose canonical form needs care (16 significant digits, not the shortest):
/// both stacks must sign the same bytes for them.
#[test]
fn awkward_doubles_canonicalize_like_the_reference_stack() {
    let Some(js) = interop_dir() else { return };
    let dir = temp_dir("interop-doubles");
    let (key, unsigned) = issuer_and_credential(&dir);
    let mut credential = read_json(&unsigned);
    credential["credentialSubject"]["achievement"]["creditsAvailable"] = serde_json::json!(8.35e25);
    credential["credentialSubject"]["creditsEarned"] = serde_json::json!(0.30000000000000004);
    std::fs::write(&unsigned, credential.to_string()).unwrap();

    let theirs = node(&js, "sign.mjs", &[&key, &unsigned]);
    assert!(theirs.status.success(), "{}", stderr(&theirs));
    let signed_by_them = dir.join("theirs.json");
    std::fs::write(&signed_by_them, &theirs.stdout).unwrap();
    let verdict = tsumiki(&[
        "verify",
        "--allow-unchecked-status",
        signed_by_them.to_str().unwrap(),
    ]);
    assert_eq!(
        code(&verdict),
        0,
        "{}\n{}",
        stdout(&verdict),
        stderr(&verdict)
    );

    let ours = tsumiki(&[
        "issue",
        "--key",
        key.to_str().unwrap(),
        unsigned.to_str().unwrap(),
    ]);
    assert_eq!(code(&ours), 0, "{}", stderr(&ours));
    let signed_by_us = dir.join("ours.json");
    std::fs::write(&signed_by_us, stdout(&ours)).unwrap();
    let js_verdict = node(&js, "verify.mjs", &[&signed_by_us]);
    assert!(
        js_verdict.status.success(),
        "{}{}",
        stdout(&js_verdict),
        stderr(&js_verdict)
    );
}
