#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `tsumiki impact` as an analyst runs it: the real binary on real files. The expected
//! figures are computed by hand in the comments.

mod common;

use std::path::PathBuf;

use common::{code, stderr, stdout, temp_dir, tsumiki, tsumiki_stdin};
use serde_json::Value;

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn run_ok(args: &[&str]) -> Value {
    let out = tsumiki(args);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

/// Runs and expects the input error exit (2) with one clear message and no panic.
fn run_err(args: &[&str]) -> String {
    let out = tsumiki(args);
    let err = stderr(&out);
    assert_eq!(code(&out), 2, "stdout: {} stderr: {err}", stdout(&out));
    assert!(!err.contains("panicked"), "{err}");
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    err
}

fn close(value: &Value, expected: f64) -> bool {
    value.as_f64().is_some_and(|v| (v - expected).abs() < 1e-9)
}

const NATIONALITIES: &str = "participant,nationality,function\n\
    a,JP,sales\nb,JP,sales\nc,JP,hr\nd,JP,hr\ne,US,it\nf,US,it\ng,US,it\n\
    h,IN,sales\ni,IN,hr\nj,BR,it\nk,,it\n";

#[test]
fn diversity_by_hand_without_suppression() {
    let dir = temp_dir("impact-diversity");
    let file = write(&dir, "cohort.csv", NATIONALITIES.as_bytes());
    let json = run_ok(&[
        "impact",
        "diversity",
        "--by",
        "nationality",
        "--diversity-threshold",
        "0",
        file.to_str().unwrap(),
    ]);
    // 4 JP, 3 US, 2 IN, 1 BR; the empty cell is missing, not a category. Σp² = 0.30.
    assert_eq!(json["n"], 10);
    assert_eq!(json["missing"], 1);
    assert!(close(&json["blau"], 0.70), "{json}");
    assert!(close(&json["blauNormalized"], 0.70 / 0.75), "{json}");
    let h = -(0.4 * 0.4f64.ln() + 0.3 * 0.3f64.ln() + 0.2 * 0.2f64.ln() + 0.1 * 0.1f64.ln());
    assert!(close(&json["shannon"], h));
    assert!(close(&json["evenness"], h / 4f64.ln()));
    assert!(close(&json["effectiveNumber"], h.exp()));
    let categories: Vec<(&str, u64)> = json["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["category"].as_str().unwrap(),
                c["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(categories, [("JP", 4), ("US", 3), ("IN", 2), ("BR", 1)]);
}

#[test]
fn diversity_suppresses_small_categories_by_default() {
    let dir = temp_dir("impact-diversity-default");
    let file = write(&dir, "cohort.csv", NATIONALITIES.as_bytes());
    let json = run_ok(&[
        "impact",
        "diversity",
        "--by",
        "nationality",
        file.to_str().unwrap(),
    ]);
    // IN (2) and BR (1) are below 3; together they hold 3 people, so nothing more is hidden.
    let text = json.to_string();
    assert!(
        !text.contains("\"IN\"") && !text.contains("\"BR\""),
        "{text}"
    );
    assert_eq!(json["suppressedCount"], 3);
    assert_eq!(json["threshold"], 3);
    let shown: Vec<&str> = json["categories"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["category"].as_str())
        .collect();
    assert_eq!(shown, ["JP", "US"]);
    // Indices of the published table (JP 4, US 3, a pool of 3), not of the whole cohort
    // (0.70), which would give the hidden split away.
    assert!(close(&json["blau"], 0.66));
}

#[test]
fn diversity_reads_shift_jis_with_a_japanese_header() {
    let dir = temp_dir("impact-diversity-sjis");
    let text = "氏名,国籍\n山田,日本\n佐藤,日本\n鈴木,日本\nSmith,米国\nJones,米国\nBrown,米国\n";
    let (bytes, _, lossy) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!lossy);
    let file = write(&dir, "sjis.csv", &bytes);
    let json = run_ok(&[
        "impact",
        "diversity",
        "--by",
        "国籍",
        file.to_str().unwrap(),
    ]);
    assert!(close(&json["blau"], 0.5));
    assert!(close(&json["blauNormalized"], 1.0));
    assert_eq!(json["categories"][0]["category"], "日本");
    // The same with Excel's "CSV UTF-8" (a byte order mark).
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    let file = write(&dir, "bom.csv", &bom);
    let again = run_ok(&[
        "impact",
        "diversity",
        "--by",
        "国籍",
        file.to_str().unwrap(),
    ]);
    assert_eq!(again["blau"], json["blau"]);
}

const SCORES: &str = "participant,pre,post\np1,3,4\np2,2,4\np3,4,7\np4,1,5\np5,5,10\n";

#[test]
fn change_by_hand() {
    let dir = temp_dir("impact-change");
    let file = write(&dir, "scores.csv", SCORES.as_bytes());
    let json = run_ok(&["impact", "change", file.to_str().unwrap()]);
    // Differences 1..5: mean 3, s_d = √2.5, t = √18 with 4 df, CI 3 ± 2.7764451·√0.5.
    assert_eq!(json["n"], 5);
    assert_eq!(json["df"], 4);
    assert!(close(&json["meanDiff"], 3.0));
    assert!(close(&json["sdDiff"], 2.5f64.sqrt()));
    assert!(close(&json["t"], 18f64.sqrt()));
    let ci = json["ci95"].as_array().unwrap();
    assert!(
        (ci[0].as_f64().unwrap() - 1.036_756_8).abs() < 1e-6,
        "{json}"
    );
    assert!(
        (ci[1].as_f64().unwrap() - 4.963_243_2).abs() < 1e-6,
        "{json}"
    );
    assert!((json["dz"].as_f64().unwrap() - 1.897_366_6).abs() < 1e-6);
    assert!((json["gz"].as_f64().unwrap() - 1.517_893_3).abs() < 1e-6);
    // No reliability: no RCI, reported as null rather than guessed.
    assert!(json["minReliableChange"].is_null());
    assert!(json["participants"][0]["rci"].is_null());
    assert!(json["participants"][0]["reliable"].is_null());
}

#[test]
fn change_with_reliability_gives_the_rci() {
    let dir = temp_dir("impact-change-rci");
    let csv = "participant,pre,post\nA,50,62\nB,40,51\nC,60,47\nD,55,55\n";
    let file = write(&dir, "scores.csv", csv.as_bytes());
    let json = run_ok(&[
        "impact",
        "change",
        "--reliability",
        "0.82",
        "--baseline-sd",
        "10",
        file.to_str().unwrap(),
    ]);
    // S_diff = √2 · 10 · √0.18 = 6; 1.96 · 6 = 11.76; A: 12/6 = 2 > 1.96.
    assert!(close(&json["minReliableChange"], 11.76), "{json}");
    let people = json["participants"].as_array().unwrap();
    assert!(close(&people[0]["rci"], 2.0));
    let reliable: Vec<bool> = people
        .iter()
        .map(|p| p["reliable"].as_bool().unwrap())
        .collect();
    assert_eq!(reliable, [true, false, true, false]);
    assert!(close(&json["reliableImprovementShare"], 0.25));
}

#[test]
fn change_accepts_japanese_headers_and_standard_input() {
    let csv = "参加者,事前,事後\n田中,2,3\n高橋,3,5\n";
    let out = tsumiki_stdin(&["impact", "change", "-"], csv.as_bytes());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert!(close(&json["meanDiff"], 1.5));
    assert_eq!(json["participants"][0]["participant"], "田中");
}

#[test]
fn change_rejects_bad_input_clearly() {
    let dir = temp_dir("impact-change-bad");
    let path = |name: &str, text: &str| write(&dir, name, text.as_bytes());
    let missing = path("missing.csv", "participant,pre\np1,1\np2,2\n");
    let err = run_err(&[
        "impact",
        "change",
        "--lang",
        "en",
        missing.to_str().unwrap(),
    ]);
    assert!(
        err.contains("\"post\"") && err.contains("participant, pre"),
        "{err}"
    );

    let text = path("text.csv", "participant,pre,post\np1,1,2\np2,three,4\n");
    let err = run_err(&["impact", "change", "--lang", "en", text.to_str().unwrap()]);
    assert!(err.contains("Row 3") && err.contains("three"), "{err}");
    let err = run_err(&["impact", "change", "--lang", "ja", text.to_str().unwrap()]);
    assert!(
        err.contains("3 行目") && err.contains("数値ではありません"),
        "{err}"
    );

    let nan = path("nan.csv", "participant,pre,post\np1,1,2\np2,NaN,4\n");
    let err = run_err(&["impact", "change", "--lang", "en", nan.to_str().unwrap()]);
    assert!(err.contains("not a number"), "{err}");

    let one = path("one.csv", "participant,pre,post\np1,1,2\n");
    let err = run_err(&["impact", "change", "--lang", "en", one.to_str().unwrap()]);
    assert!(err.contains("At least 2 participants"), "{err}");

    let twice = path("twice.csv", "participant,pre,post\np1,1,2\np1,2,4\n");
    let err = run_err(&["impact", "change", "--lang", "en", twice.to_str().unwrap()]);
    assert!(err.contains("\"p1\""), "{err}");

    let blank = path("blank.csv", "participant,pre,post\np1,1,2\np2,,4\n");
    let err = run_err(&["impact", "change", "--lang", "en", blank.to_str().unwrap()]);
    assert!(err.contains("Row 3") && err.contains("empty"), "{err}");

    let empty = path("empty.csv", "");
    let err = run_err(&["impact", "change", "--lang", "en", empty.to_str().unwrap()]);
    assert!(err.contains("empty"), "{err}");
    let header_only = path("header.csv", "participant,pre,post\n");
    let err = run_err(&[
        "impact",
        "change",
        "--lang",
        "en",
        header_only.to_str().unwrap(),
    ]);
    assert!(err.contains("no data rows"), "{err}");

    let good = path("good.csv", SCORES);
    for r in ["1", "-0.2", "NaN"] {
        let err = run_err(&[
            "impact",
            "change",
            "--lang",
            "en",
            "--reliability",
            r,
            good.to_str().unwrap(),
        ]);
        assert!(err.contains("--reliability"), "{err}");
    }
    let err = run_err(&[
        "impact",
        "change",
        "--lang",
        "ja",
        "--baseline-sd",
        "0",
        good.to_str().unwrap(),
    ]);
    assert!(
        err.contains("--baseline-sd") && err.contains("エラー"),
        "{err}"
    );
    let err = run_err(&[
        "impact",
        "change",
        "--lang",
        "en",
        "/nonexistent/scores.csv",
    ]);
    assert!(err.contains("cannot read"), "{err}");
}

#[test]
fn diversity_rejects_bad_input_clearly() {
    let dir = temp_dir("impact-diversity-bad");
    let file = write(&dir, "cohort.csv", NATIONALITIES.as_bytes());
    let err = run_err(&[
        "impact",
        "diversity",
        "--lang",
        "en",
        "--by",
        "gender",
        file.to_str().unwrap(),
    ]);
    assert!(
        err.contains("\"gender\"") && err.contains("nationality"),
        "{err}"
    );
    let empty = write(&dir, "empty.csv", b"participant,gender\na,\nb,\n");
    let err = run_err(&[
        "impact",
        "diversity",
        "--lang",
        "ja",
        "--by",
        "gender",
        empty.to_str().unwrap(),
    ]);
    assert!(err.contains("すべて空"), "{err}");
    let utf16 = write(&dir, "utf16.csv", b"\xFF\xFEa\x00,\x00b\x00");
    run_err(&["impact", "diversity", "--by", "a", utf16.to_str().unwrap()]);
}

const ROI: &str = r#"{
  "costs": [
    {"category": "faculty", "amount": 4000000},
    {"category": "travelAndAccommodation", "amount": 1500000},
    {"category": "participantTime", "hours": 400, "loadedRate": 5000},
    {"category": "faculty", "amount": 500000}
  ],
  "benefits": [
    {"annualValue": 10000000, "isolation": 0.4, "confidence": 0.8},
    {"annualValue": 5000000, "isolation": 0.5, "confidence": 0.5},
    {"nonRespondent": true}
  ],
  "horizonYears": 1
}"#;

#[test]
fn roi_by_hand() {
    let dir = temp_dir("impact-roi");
    let file = write(&dir, "roi.json", ROI.as_bytes());
    let json = run_ok(&["impact", "roi", file.to_str().unwrap()]);
    // Costs 8M; benefits 3.2M + 1.25M + 0 (non-respondent) = 4.45M.
    assert!(close(&json["costs"], 8_000_000.0));
    assert!(close(&json["benefits"], 4_450_000.0));
    assert!(close(&json["bcr"], 4.45 / 8.0));
    assert!(close(&json["roiPercent"], -44.375));
    assert!(close(&json["paybackMonths"], 96.0 / 4.45));
    assert_eq!(json["sensitivity"].as_array().unwrap().len(), 27);
    assert_eq!(json["costsByCategory"][0]["category"], "faculty");
}

#[test]
fn roi_rejects_bad_input_clearly() {
    let dir = temp_dir("impact-roi-bad");
    let cases = [
        (
            ROI.replace("\"isolation\": 0.4", "\"isolation\": 1.4"),
            "benefits[0].isolation",
        ),
        (ROI.replace("4000000", "-4000000"), "costs[0].amount"),
        (
            ROI.replace("\"horizonYears\": 1", "\"horizonYears\": 0"),
            "horizonYears",
        ),
        (
            ROI.replace("\"loadedRate\": 5000", "\"rate\": 5000"),
            "rate",
        ),
        (ROI.replace("faculty", "lunch"), "lunch"),
        ("{\"costs\": [".to_owned(), "not valid"),
        ("[]".to_owned(), "not valid"),
        (
            ROI.replace("{\"nonRespondent\": true}", "{\"isolation\": 0.5}"),
            "benefits[2]",
        ),
    ];
    for (index, (json, expected)) in cases.iter().enumerate() {
        let file = write(&dir, &format!("bad{index}.json"), json.as_bytes());
        let err = run_err(&["impact", "roi", "--lang", "en", file.to_str().unwrap()]);
        assert!(err.contains(expected), "case {index}: {err}");
    }
    let zero = r#"{"costs":[{"category":"platform","amount":0}],"benefits":[]}"#;
    let file = write(&dir, "zero.json", zero.as_bytes());
    let err = run_err(&["impact", "roi", "--lang", "en", file.to_str().unwrap()]);
    assert!(err.contains("total cost is 0"), "{err}");
    let file = write(&dir, "empty.json", b"  \n");
    let err = run_err(&["impact", "roi", "--lang", "ja", file.to_str().unwrap()]);
    assert!(err.contains("ファイルが空です"), "{err}");
}
