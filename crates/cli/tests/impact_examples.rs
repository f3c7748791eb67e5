#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Published worked examples through `tsumiki impact`, the way an analyst checks the
//! figures: the real binary, a file, and the answer printed in the source. Each test names
//! its source; `docs/impact-formulas.md` has the formulas and full references.

mod common;

use std::path::PathBuf;

use common::{code, stderr, stdout, temp_dir, tsumiki, tsumiki_stdin};
use serde_json::Value;

fn write(dir: &std::path::Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn parse(out: &std::process::Output) -> Value {
    assert_eq!(code(out), 0, "{}", stderr(out));
    serde_json::from_str(&stdout(out)).unwrap()
}

fn run_ok(args: &[&str]) -> Value {
    parse(&tsumiki(args))
}

fn number(value: &Value) -> f64 {
    value
        .as_f64()
        .unwrap_or_else(|| panic!("not a number: {value}"))
}

/// `value` rounds to `printed` at `decimals` places, as the source prints it.
fn prints_as(value: &Value, printed: f64, decimals: i32) -> bool {
    (number(value) - printed).abs() <= 0.5 * 10f64.powi(-decimals) + 1e-12
}

fn close(value: &Value, expected: f64) -> bool {
    (number(value) - expected).abs() < 1e-9
}

/// Lakens (2013), Frontiers in Psychology 4:863, Table 1 (two movies rated by ten people):
/// t(9) = 4.74, Cohen's d_z = 1.50.
#[test]
fn lakens_2013_movie_ratings() {
    let dir = temp_dir("impact-examples-lakens");
    let movie_1 = [9, 7, 8, 9, 8, 9, 9, 10, 9, 9];
    let movie_2 = [9, 6, 7, 8, 7, 9, 8, 8, 8, 7];
    let mut csv = String::from("participant,pre,post\n");
    for (i, (pre, post)) in movie_2.iter().zip(movie_1).enumerate() {
        csv.push_str(&format!("r{},{pre},{post}\n", i + 1));
    }
    let file = write(&dir, "movies.csv", &csv);
    let json = run_ok(&["impact", "change", file.to_str().unwrap()]);
    assert_eq!(json["n"], 10);
    assert_eq!(json["df"], 9);
    assert!(close(&json["meanDiff"], 1.0), "{json}");
    assert!(prints_as(&json["t"], 4.74, 2), "{json}");
    assert!(prints_as(&json["dz"], 1.50, 2), "{json}");
    // g_z = d_z·(1 − 3/(4·9 − 1)) = 1.5·32/35 (the documented correction, by hand).
    assert!(close(&json["gz"], 1.5 * 32.0 / 35.0), "{json}");
}

/// Gravetter & Wallnau, "Statistics for the Behavioral Sciences", ch. 11, Figure 11.4:
/// differences −11, −10, −7, −2, 0, 0, +3, +4, +5 have M_D = −2.00 and s = 6.00, so
/// t = −2/(6/√9) = −1.00. Japanese headers, as a Japanese analyst's file has them.
#[test]
fn gravetter_wallnau_high_variability() {
    let dir = temp_dir("impact-examples-gw");
    let mut csv = String::from("参加者,事前,事後\n");
    for (i, d) in [-11, -10, -7, -2, 0, 0, 3, 4, 5].iter().enumerate() {
        csv.push_str(&format!("受講者{},50,{}\n", i + 1, 50 + d));
    }
    let file = write(&dir, "swearing.csv", &csv);
    let json = run_ok(&["impact", "change", file.to_str().unwrap()]);
    assert!(close(&json["meanDiff"], -2.0), "{json}");
    assert!(close(&json["sdDiff"], 6.0), "{json}");
    assert!(close(&json["t"], -1.0), "{json}");
    assert!(close(&json["dz"], -1.0 / 3.0), "{json}");
}

/// Jacobson & Truax (1991): S_diff = √2·s₁·√(1 − r); with r = 0.95 and s₁ = 7.6 a change
/// must exceed 1.96·7.6·√0.1 = 4.71 points to be reliable (by hand from the formula).
#[test]
fn jacobson_truax_1991_reliable_change() {
    let dir = temp_dir("impact-examples-jt");
    let file = write(
        &dir,
        "scores.csv",
        "participant,pre,post\na,20,14\nb,25,21\nc,18,18\nd,30,36\n",
    );
    let json = run_ok(&[
        "impact",
        "change",
        "--reliability",
        "0.95",
        "--baseline-sd",
        "7.6",
        file.to_str().unwrap(),
    ]);
    assert!(prints_as(&json["minReliableChange"], 4.71, 2), "{json}");
    let s_diff = 7.6 * 0.1f64.sqrt();
    let participants = json["participants"].as_array().unwrap();
    let rci: Vec<f64> = participants.iter().map(|p| number(&p["rci"])).collect();
    for (got, diff) in rci.iter().zip([-6.0, -4.0, 0.0, 6.0]) {
        assert!((got - diff / s_diff).abs() < 1e-9, "{json}");
    }
    let reliable: Vec<bool> = participants
        .iter()
        .map(|p| p["reliable"].as_bool().unwrap())
        .collect();
    assert_eq!(reliable, [true, false, false, true]);
    assert!(close(&json["reliableImprovementShare"], 0.25), "{json}");
}

/// Every participant gained 0.2: the SD of the differences is 0, so t and d_z are
/// undefined (null), not the 10¹⁶ that binary rounding of 0.2 would give.
#[test]
fn identical_decimal_gains_have_no_t() {
    let dir = temp_dir("impact-examples-decimal");
    let file = write(
        &dir,
        "scores.csv",
        "participant,pre,post\na,0.1,0.3\nb,0.2,0.4\nc,0.7,0.9\nd,3.3,3.5\n",
    );
    let json = run_ok(&["impact", "change", file.to_str().unwrap()]);
    assert_eq!(json["sdDiff"], 0.0, "{json}");
    assert!(json["t"].is_null() && json["dz"].is_null() && json["gz"].is_null());
    assert_eq!(json["ci95"][0], json["ci95"][1]);
}

const SHANNON_SOURCE: &str = "participant,letter\n1,A\n2,A\n3,A\n4,A\n5,B\n6,B\n7,C\n8,D\n";

/// Shannon (1948): letters A, B, C, D with probabilities 1/2, 1/4, 1/8, 1/8 carry
/// H = 7/4 bits; tsumiki prints nats, (7/4)·ln 2. Pielou J' and the IQV are both 7/8 here.
#[test]
fn shannon_1948_four_letters() {
    let dir = temp_dir("impact-examples-shannon");
    let file = write(&dir, "letters.csv", SHANNON_SOURCE);
    let json = run_ok(&[
        "impact",
        "diversity",
        "--by",
        "letter",
        "--diversity-threshold",
        "0",
        file.to_str().unwrap(),
    ]);
    assert!(close(&json["shannon"], 1.75 * 2f64.ln()), "{json}");
    assert!(close(&json["effectiveNumber"], 2f64.powf(1.75)), "{json}");
    assert!(close(&json["blau"], 42.0 / 64.0), "{json}");
    assert!(close(&json["evenness"], 0.875), "{json}");
    assert!(close(&json["blauNormalized"], 0.875), "{json}");
}

/// The same source at the default threshold 3: C and D (1 each) are small and together
/// still below 3, so B (2) is hidden with them (complementary suppression; Hundepool et al.
/// 2012). What is published is A 4 + one pool of 4, and the indices are those of that
/// 4 + 4 table: Blau ½, H = ln 2, not the 7/4 bits that would betray the hidden split.
#[test]
fn shannon_source_protected_publishes_only_the_pool() {
    let dir = temp_dir("impact-examples-shannon-protected");
    let file = write(&dir, "letters.csv", SHANNON_SOURCE);
    let json = run_ok(&[
        "impact",
        "diversity",
        "--by",
        "letter",
        file.to_str().unwrap(),
    ]);
    let categories = json["categories"].as_array().unwrap();
    let names: Vec<&Value> = categories.iter().map(|c| &c["category"]).collect();
    assert_eq!(names, [&Value::from("A"), &Value::Null], "{json}");
    assert!(categories[1]["count"].is_null());
    assert_eq!(json["suppressedCount"], 4);
    assert!(close(&json["blau"], 0.5), "{json}");
    assert!(close(&json["shannon"], 2f64.ln()), "{json}");
    for hidden in ["\"B\"", "\"C\"", "\"D\""] {
        assert!(!json.to_string().contains(hidden), "{hidden} in {json}");
    }
}

/// Phillips's ROI: each estimate × attribution (isolation) × confidence, non-respondents
/// as 0; BCR = benefits/costs, ROI % = (benefits − costs)/costs × 100. By hand: costs
/// 3.0M + 200 h × 6,000 + 0.8M = 5.0M; benefits 10M·0.6·0.8 + 2M·0.5·0.5 = 5.3M;
/// BCR 1.06, ROI 6 %, payback 12·5/5.3 months.
#[test]
fn phillips_roi_from_standard_input() {
    let input = br#"{
      "costs": [
        {"category": "faculty", "amount": 3000000},
        {"category": "participantTime", "hours": 200, "loadedRate": 6000},
        {"category": "backfill", "amount": 800000}
      ],
      "benefits": [
        {"annualValue": 10000000, "isolation": 0.6, "confidence": 0.8},
        {"annualValue": 2000000, "isolation": 0.5, "confidence": 0.5},
        {"nonRespondent": true}
      ]
    }"#;
    let json = parse(&tsumiki_stdin(&["impact", "roi", "-"], input));
    assert!(close(&json["costs"], 5_000_000.0), "{json}");
    assert!(close(&json["benefits"], 5_300_000.0), "{json}");
    assert!(close(&json["bcr"], 1.06), "{json}");
    assert!(close(&json["roiPercent"], 6.0), "{json}");
    assert!(close(&json["paybackMonths"], 12.0 * 5.0 / 5.3), "{json}");
    assert_eq!(json["nonRespondents"], 1);
    assert_eq!(json["sensitivity"].as_array().unwrap().len(), 27);
}
