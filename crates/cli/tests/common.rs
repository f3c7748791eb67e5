#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Helpers shared by the CLI integration tests: run the real binary, find test data.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub fn testdata(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata")
        .join(path)
}

pub fn tsumiki(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tsumiki"))
        .args(args)
        .output()
        .expect("run tsumiki")
}

pub fn tsumiki_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tsumiki"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn tsumiki");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("write stdin");
    child.wait_with_output().expect("wait tsumiki")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn code(output: &Output) -> i32 {
    output.status.code().unwrap_or(-1)
}

pub fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("read")).expect("json")
}

pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tsumiki-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// The 1EdTech OB 3.0 vector's key as a tsumiki key file (64-byte secret key form).
pub fn ob_vector_key_file(dir: &Path) -> PathBuf {
    let vector = read_json(&testdata("test-vectors/ob-v3p0/vector.json"));
    let pair = &vector["keyPair"];
    let key = serde_json::json!({
        "type": "Multikey",
        "id": pair["verificationMethod"],
        "controller": pair["controller"],
        "publicKeyMultibase": pair["publicKeyMultibase"],
        "secretKeyMultibase": pair["secretKeyMultibase"],
    });
    let path = dir.join("ob-key.json");
    std::fs::write(&path, key.to_string()).expect("write key");
    path
}

/// A controller document for the 1EdTech OB 3.0 vector's https key.
pub fn ob_vector_controller_doc(dir: &Path) -> PathBuf {
    let vector = read_json(&testdata("test-vectors/ob-v3p0/vector.json"));
    let pair = &vector["keyPair"];
    let doc = serde_json::json!({
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": pair["controller"],
        "verificationMethod": [{
            "id": pair["verificationMethod"],
            "type": "Multikey",
            "controller": pair["controller"],
            "publicKeyMultibase": pair["publicKeyMultibase"],
        }],
        "assertionMethod": [pair["verificationMethod"]],
    });
    let path = dir.join("ob-controller.json");
    std::fs::write(&path, doc.to_string()).expect("write controller doc");
    path
}
