#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The `tsumiki` command line, driven as a user drives it.

mod common;

use common::*;

#[test]
fn keys_new_writes_a_private_did_key_file_with_mode_0600() {
    let dir = temp_dir("keys-new");
    let key = dir.join("key.json");
    let out = tsumiki(&[
        "keys",
        "new",
        "--out",
        key.to_str().unwrap(),
        "--print",
        "did-key",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let file = read_json(&key);
    assert_eq!(file["type"], "Multikey");
    let controller = file["controller"].as_str().unwrap();
    assert!(controller.starts_with("did:key:z6Mk"), "{controller}");
    let public = file["publicKeyMultibase"].as_str().unwrap();
    assert_eq!(file["id"], format!("{controller}#{public}"));
    assert!(
        file["secretKeyMultibase"]
            .as_str()
            .unwrap()
            .starts_with('z')
    );
    assert_eq!(stdout(&out).trim(), controller);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}

#[test]
fn keys_new_with_controller_and_p256() {
    let dir = temp_dir("keys-p256");
    let key = dir.join("key.json");
    let out = tsumiki(&[
        "keys",
        "new",
        "--alg",
        "p256",
        "--controller",
        "https://issuer.example/org/1",
        "--out",
        key.to_str().unwrap(),
        "--print",
        "multikey",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let file = read_json(&key);
    assert_eq!(file["controller"], "https://issuer.example/org/1");
    let public = file["publicKeyMultibase"].as_str().unwrap();
    assert!(
        public.starts_with("zDn"),
        "P-256 multikey starts with zDn: {public}"
    );
    let printed: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(printed["publicKeyMultibase"], public);
    assert!(
        printed.get("secretKeyMultibase").is_none(),
        "public print leaks the secret"
    );
}

#[test]
fn issue_reproduces_the_w3c_eddsa_rdfc_2022_vector() {
    let signed = read_json(&testdata(
        "test-vectors/vc-di-eddsa/eddsa-rdfc-2022/signedDataInt.json",
    ));
    let created = signed["proof"]["created"].as_str().unwrap();
    let out = tsumiki(&[
        "issue",
        "--key",
        testdata("test-vectors/vc-di-eddsa/keyPair.json")
            .to_str()
            .unwrap(),
        "--created",
        created,
        testdata("test-vectors/vc-di-eddsa/unsigned.json")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let ours: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(ours, signed);
}

#[test]
fn issue_reproduces_the_1edtech_ob_vector() {
    let dir = temp_dir("issue-ob");
    let key = ob_vector_key_file(&dir);
    let vector = read_json(&testdata("test-vectors/ob-v3p0/vector.json"));
    let out = tsumiki(&[
        "issue",
        "--key",
        key.to_str().unwrap(),
        "--created",
        vector["proofOptions"]["created"].as_str().unwrap(),
        testdata("test-vectors/ob-v3p0/unsigned.json")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let ours: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(ours["proof"]["proofValue"], vector["proofValue"]);
    assert_eq!(
        ours,
        read_json(&testdata("test-vectors/ob-v3p0/signed.json"))
    );
}

#[test]
fn verify_exit_codes_valid_invalid_and_input_error() {
    let dir = temp_dir("verify-codes");
    let controller = ob_vector_controller_doc(&dir);
    let signed = testdata("test-vectors/ob-v3p0/signed.json");
    let at = ["--at", "2026-01-01T00:00:00Z"];
    let args = |file: &str| {
        let mut v = vec!["verify", "--controller-doc", controller.to_str().unwrap()];
        v.extend(at);
        v.push("--allow-unchecked-status");
        v.push(file);
        v.iter().map(|s| s.to_string()).collect::<Vec<_>>()
    };
    let run = |file: &str| {
        let a = args(file);
        tsumiki(&a.iter().map(String::as_str).collect::<Vec<_>>())
    };

    let ok = run(signed.to_str().unwrap());
    assert_eq!(code(&ok), 0, "{}\n{}", stdout(&ok), stderr(&ok));

    let mut tampered = read_json(&signed);
    tampered["credentialSubject"]["achievement"]["name"] = "Forged".into();
    let tampered_path = dir.join("tampered.json");
    std::fs::write(&tampered_path, tampered.to_string()).unwrap();
    let bad = run(tampered_path.to_str().unwrap());
    assert_eq!(code(&bad), 1, "{}", stdout(&bad));

    let missing = run(dir.join("no-such-file.json").to_str().unwrap());
    assert_eq!(code(&missing), 2);
    assert!(
        stderr(&missing).contains("エラー"),
        "message must also be in Japanese"
    );

    let usage = tsumiki(&["verify", "--no-such-flag", "x"]);
    assert_eq!(code(&usage), 2);
}

#[test]
fn verify_json_report_has_verdict_and_ordered_checks() {
    let dir = temp_dir("verify-json");
    let controller = ob_vector_controller_doc(&dir);
    let out = tsumiki(&[
        "verify",
        "--json",
        "--allow-unchecked-status",
        "--at",
        "2026-01-01T00:00:00Z",
        "--controller-doc",
        controller.to_str().unwrap(),
        testdata("test-vectors/ob-v3p0/signed.json")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["verified"], true);
    let checks = report["checks"].as_array().unwrap();
    assert!(!checks.is_empty());
    for check in checks {
        assert!(check["code"].is_string(), "{check}");
        assert!(
            ["pass", "fail", "warning"].contains(&check["outcome"].as_str().unwrap()),
            "{check}"
        );
        assert!(
            check["message"]["ja"].is_string() && check["message"]["en"].is_string(),
            "{check}"
        );
    }
}

#[test]
fn verify_reads_standard_input() {
    let dir = temp_dir("verify-stdin");
    let controller = ob_vector_controller_doc(&dir);
    let body = std::fs::read(testdata("test-vectors/ob-v3p0/signed.json")).unwrap();
    let out = tsumiki_stdin(
        &[
            "verify",
            "--allow-unchecked-status",
            "--at",
            "2026-01-01T00:00:00Z",
            "--controller-doc",
            controller.to_str().unwrap(),
            "-",
        ],
        &body,
    );
    assert_eq!(code(&out), 0, "{}\n{}", stdout(&out), stderr(&out));
}

#[test]
fn issue_jwt_then_verify_it() {
    let dir = temp_dir("jwt");
    let key = dir.join("key.json");
    assert_eq!(
        code(&tsumiki(&["keys", "new", "--out", key.to_str().unwrap()])),
        0
    );
    let did = read_json(&key)["controller"].as_str().unwrap().to_owned();
    let mut credential = read_json(&testdata("bench/ob3-badge.json"));
    credential["issuer"]["id"] = did.into();
    let unsigned = dir.join("unsigned.json");
    std::fs::write(&unsigned, credential.to_string()).unwrap();
    let out = tsumiki(&[
        "issue",
        "--format",
        "jwt",
        "--key",
        key.to_str().unwrap(),
        unsigned.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let jwt = stdout(&out).trim().to_owned();
    assert_eq!(jwt.split('.').count(), 3, "{jwt}");
    let jwt_path = dir.join("credential.jwt");
    std::fs::write(&jwt_path, &jwt).unwrap();
    let verified = tsumiki(&[
        "verify",
        "--allow-unchecked-status",
        "--at",
        "2026-01-01T00:00:00Z",
        jwt_path.to_str().unwrap(),
    ]);
    assert_eq!(
        code(&verified),
        0,
        "{}\n{}",
        stdout(&verified),
        stderr(&verified)
    );
}

#[test]
fn canon_matches_the_rdf_canon_suite_and_refuses_the_poison_graph() {
    let out = tsumiki(&[
        "canon",
        testdata("test-suites/rdf-canon/rdfc10/test001-in.nq")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let expected =
        std::fs::read_to_string(testdata("test-suites/rdf-canon/rdfc10/test001-rdfc10.nq"))
            .unwrap();
    assert_eq!(stdout(&out), expected);

    let map = tsumiki(&[
        "canon",
        "--map",
        testdata("test-suites/rdf-canon/rdfc10/test003-in.nq")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(code(&map), 0, "{}", stderr(&map));
    let got: serde_json::Value = serde_json::from_str(&stdout(&map)).unwrap();
    let want = read_json(&testdata(
        "test-suites/rdf-canon/rdfc10/test003-rdfc10map.json",
    ));
    assert_eq!(got, want);

    let poison = tsumiki(&[
        "canon",
        testdata("test-suites/rdf-canon/rdfc10/test074-in.nq")
            .to_str()
            .unwrap(),
    ]);
    assert_ne!(code(&poison), 0);
    assert!(
        stderr(&poison).contains("work limit"),
        "{}",
        stderr(&poison)
    );
}

#[test]
fn canon_of_json_ld_equals_the_published_canonical_document() {
    let out = tsumiki(&[
        "canon",
        testdata("test-vectors/ob-v3p0/unsigned.json")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let expected =
        std::fs::read_to_string(testdata("test-vectors/ob-v3p0/document-canon.txt")).unwrap();
    assert_eq!(stdout(&out).trim_end(), expected.trim_end());
}

#[test]
fn canon_rejects_undefined_terms_unless_asked() {
    let mut doc = read_json(&testdata("bench/ob3-badge.json"));
    doc["credentialSubject"]["favouriteColour"] = "blue".into();
    let text = doc.to_string();
    let strict = tsumiki_stdin(&["canon", "-"], text.as_bytes());
    assert_eq!(code(&strict), 2);
    assert!(
        stderr(&strict).contains("favouriteColour"),
        "{}",
        stderr(&strict)
    );
    let lenient = tsumiki_stdin(&["canon", "--unsafe-terms", "-"], text.as_bytes());
    assert_eq!(code(&lenient), 0, "{}", stderr(&lenient));
}

#[test]
fn bake_and_unbake_round_trip_png_and_svg() {
    let dir = temp_dir("bake");
    let credential = testdata("test-vectors/ob-v3p0/signed.json");
    // A 1x1 PNG and a tiny SVG, made here so the test needs no image files.
    let png: &[u8] = &[
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F,
        0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0B, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x60,
        0x00, 0x02, 0x00, 0x00, 0x05, 0x00, 0x01, 0x7A, 0x5E, 0xAB, 0x3F, 0x00, 0x00, 0x00, 0x00,
        0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];
    let png_path = dir.join("badge.png");
    std::fs::write(&png_path, png).unwrap();
    let svg_path = dir.join("badge.svg");
    std::fs::write(&svg_path, r#"<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><rect width="1" height="1"/></svg>"#).unwrap();
    let original = read_json(&credential);
    for image in [&png_path, &svg_path] {
        let baked = dir.join(format!(
            "baked.{}",
            image.extension().unwrap().to_str().unwrap()
        ));
        let out = tsumiki(&[
            "bake",
            "--image",
            image.to_str().unwrap(),
            "--credential",
            credential.to_str().unwrap(),
            "--out",
            baked.to_str().unwrap(),
        ]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let back = tsumiki(&["unbake", baked.to_str().unwrap()]);
        assert_eq!(code(&back), 0, "{}", stderr(&back));
        let got: serde_json::Value = serde_json::from_str(&stdout(&back)).unwrap();
        assert_eq!(got, original);
    }
}

#[test]
fn bench_prints_one_json_line_with_three_rates() {
    let out = tsumiki(&[
        "bench",
        "--doc",
        testdata("bench/ob3-badge.json").to_str().unwrap(),
        "--n",
        "20",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.trim().lines().count(), 1, "{text}");
    let figures: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
    for key in ["signPerSec", "verifyPerSec", "canonicalizePerSec"] {
        assert!(figures[key].as_f64().unwrap() > 0.0, "{key} in {text}");
    }
}
