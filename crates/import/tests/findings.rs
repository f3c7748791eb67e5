//! Row-by-row findings of the dry run: each kind, where it points, and its messages.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use chrono::NaiveDate;
use tsumiki_import::{
    FileFormat, Finding, FindingCode, ImportPlan, PlanOptions, Severity, plan_import,
};

const HEADER: &str = "氏名,メールアドレス,社員番号,DID,バッジ,エビデンスURL,発行日,管理番号";

fn plan_with(rows: &[&str], options: &PlanOptions<'_>) -> ImportPlan {
    let mut csv = String::from(HEADER);
    for row in rows {
        csv.push('\n');
        csv.push_str(row);
    }
    plan_import(csv.as_bytes(), FileFormat::Csv, None, None, options).unwrap()
}

fn plan(rows: &[&str]) -> ImportPlan {
    let catalog = common::catalog();
    plan_with(rows, &common::options(&catalog))
}

/// The only finding of a one-row file.
fn only_finding(row: &str) -> Finding {
    let plan = plan(&[row]);
    assert_eq!(plan.findings.len(), 1, "{:#?}", plan.findings);
    plan.findings[0].clone()
}

#[test]
fn a_clean_row_is_planned_with_normalised_values() {
    let plan = plan(&[
        "  山田 太郎 ,Taro@Example.JP; taro.yamada@example.jp,ｅ００１,did:web:example.jp:taro,python-basics,https://example.jp/work/1,2026/4/1,R-1",
    ]);
    assert!(plan.findings.is_empty(), "{:#?}", plan.findings);
    let row = &plan.rows[0];
    assert_eq!(row.row, 2);
    assert_eq!(row.recipient_name.as_deref(), Some("山田 太郎"));
    assert_eq!(row.emails, ["Taro@example.jp", "taro.yamada@example.jp"]);
    assert_eq!(row.employee_number.as_deref(), Some("e001"));
    assert_eq!(row.did.as_deref(), Some("did:web:example.jp:taro"));
    assert_eq!(row.achievement_ref, "python-basics");
    assert_eq!(row.achievement_id, common::PYTHON_ID);
    assert_eq!(
        row.evidence_url.as_deref(),
        Some("https://example.jp/work/1")
    );
    assert_eq!(row.external_id.as_deref(), Some("R-1"));
    assert_eq!(plan.totals.ready_rows, 1);
    assert!(!plan.has_errors());
}

#[test]
fn bad_email() {
    let finding = only_finding("山田 太郎,taro@example,,,python-basics,,,");
    assert_eq!(finding.code, FindingCode::BadEmail);
    assert_eq!(finding.severity, Severity::Error);
    assert_eq!(finding.row, 2);
    assert_eq!(finding.column.as_deref(), Some("メールアドレス"));
    assert_eq!(finding.column_letter.as_deref(), Some("B"));
    assert_eq!(finding.value.as_deref(), Some("taro@example"));
    assert_eq!(
        finding.message.en,
        "Row 2: \"taro@example\" in column \"メールアドレス\" is not a valid email address."
    );
    assert_eq!(
        finding.message.ja,
        "2 行目: 列「メールアドレス」の「taro@example」は正しいメールアドレスではありません。"
    );
}

#[test]
fn one_bad_address_among_good_ones_still_stops_the_row() {
    let plan = plan(&["山田 太郎,taro@example.jp;oops,,,python-basics,,,"]);
    assert!(plan.rows.is_empty());
    assert_eq!(plan.findings[0].value.as_deref(), Some("oops"));
}

#[test]
fn missing_required_values() {
    let plan = plan(&[",taro@example.jp,,,,,,"]);
    let found: Vec<_> = plan
        .findings
        .iter()
        .map(|finding| (finding.code, finding.column_letter.as_deref()))
        .collect();
    assert_eq!(
        found,
        [
            (FindingCode::MissingValue, Some("A")),
            (FindingCode::MissingValue, Some("E"))
        ]
    );
    assert_eq!(
        plan.findings[1].message.en,
        "Row 2: achievement (column \"バッジ\") is empty."
    );
    assert_eq!(
        plan.findings[0].message.ja,
        "2 行目: 受領者の氏名(列「氏名」)が空です。"
    );
}

#[test]
fn missing_identifier() {
    let finding = only_finding("山田 太郎,,,,python-basics,,,");
    assert_eq!(finding.code, FindingCode::MissingIdentifier);
    assert_eq!(finding.column, None);
    assert!(
        finding
            .message
            .en
            .contains("no email address, employee number or DID")
    );
}

#[test]
fn unknown_achievement_and_full_width_slug() {
    let finding = only_finding("山田 太郎,taro@example.jp,,,ruby-basics,,,");
    assert_eq!(finding.code, FindingCode::UnknownAchievement);
    assert_eq!(finding.value.as_deref(), Some("ruby-basics"));
    assert_eq!(
        finding.message.ja,
        "2 行目: バッジ「ruby-basics」は登録されていません(列「バッジ」)。"
    );
    // Full-width input of a known slug is accepted; a case change is not.
    let plan = plan(&[
        "a,a@example.jp,,,ｐｙｔｈｏｎ－ｂａｓｉｃｓ,,,",
        "b,b@example.jp,,,Python-Basics,,,",
    ]);
    assert_eq!(plan.rows.len(), 1);
    assert_eq!(plan.findings[0].row, 3);
}

#[test]
fn bad_did() {
    let finding = only_finding("山田 太郎,,,did:web:example.jp#key-1,python-basics,,,");
    assert_eq!(finding.code, FindingCode::BadDid);
    assert_eq!(finding.column_letter.as_deref(), Some("D"));
}

#[test]
fn bad_dates() {
    for date in ["2026/02/30", "4/1/2026", "来週"] {
        let finding = only_finding(&format!(
            "山田 太郎,taro@example.jp,,,python-basics,,{date},"
        ));
        assert_eq!(finding.code, FindingCode::BadDate, "{date}");
        assert_eq!(finding.value.as_deref(), Some(date));
        assert_eq!(finding.column_letter.as_deref(), Some("G"));
    }
}

#[test]
fn future_date_is_a_warning_only_when_today_is_given() {
    let row = "山田 太郎,taro@example.jp,,,python-basics,,2026-05-01,";
    assert!(plan(&[row]).findings.is_empty());
    let catalog = common::catalog();
    let mut options = common::options(&catalog);
    options.today = NaiveDate::from_ymd_opt(2026, 4, 1);
    let plan = plan_with(&[row], &options);
    assert_eq!(plan.rows.len(), 1, "a warning keeps the row");
    assert_eq!(plan.findings[0].code, FindingCode::FutureDate);
    assert_eq!(plan.findings[0].severity, Severity::Warning);
    assert_eq!(
        plan.findings[0].message.en,
        "Row 2: the issue date 2026-05-01 is after today (2026-04-01)."
    );
    assert_eq!(plan.totals.warnings, 1);
    assert_eq!(plan.totals.errors, 0);
}

#[test]
fn bad_evidence_url() {
    let finding = only_finding("山田 太郎,taro@example.jp,,,python-basics,example.jp/work,,");
    assert_eq!(finding.code, FindingCode::BadEvidenceUrl);
}

#[test]
fn overlong_value() {
    let catalog = common::catalog();
    let mut options = common::options(&catalog);
    options.limits.max_cell_chars = 20;
    let plan = plan_with(
        &["山田 太郎,taro@example.jp,,,python-basics,https://example.jp/a/long/path,,"],
        &options,
    );
    assert_eq!(plan.findings.len(), 1);
    assert_eq!(plan.findings[0].code, FindingCode::ValueTooLong);
    assert_eq!(
        plan.findings[0].message.en,
        "Row 2: the value in column \"エビデンスURL\" is 30 characters long, over the limit of 20."
    );
    assert!(plan.rows.is_empty());
}

#[test]
fn extra_cells_are_a_warning() {
    let finding = only_finding("山田 太郎,taro@example.jp,,,python-basics,,,,stray");
    assert_eq!(finding.code, FindingCode::ExtraCells);
    assert_eq!(finding.severity, Severity::Warning);
    assert_eq!(finding.column_letter.as_deref(), Some("I"));
    assert_eq!(
        finding.message.en,
        "Row 2: column I has a value (\"stray\") but no header, so it is ignored."
    );
}

#[test]
fn duplicates_within_the_file() {
    let plan = plan(&[
        "山田 太郎,taro@example.jp,,,python-basics,,,",
        "佐藤 花子,hanako@example.jp,,,python-basics,,,",
        // Same person (address case differs) and achievement (by id instead of slug).
        &format!("山田 太郎,TARO@example.jp,,,{},,,", common::PYTHON_ID),
        // Same person through another identifier: the DID changes the key, not the person.
        "佐藤 花子,hanako@example.jp,,did:web:example.jp:hanako,python-basics,,,",
        // Same person, another achievement: fine.
        "山田 太郎,taro@example.jp,,,安全衛生,,,",
    ]);
    let duplicates: Vec<_> = plan
        .findings
        .iter()
        .map(|finding| (finding.row, finding.code))
        .collect();
    assert_eq!(
        duplicates,
        [
            (4, FindingCode::DuplicateRow),
            (5, FindingCode::DuplicateRow)
        ]
    );
    assert_eq!(
        plan.findings[0].message.en,
        "Row 4 repeats row 2: same recipient and same achievement. It will not be issued twice."
    );
    assert_eq!(
        plan.findings[1].message.ja,
        "5 行目は 3 行目と同じ受領者・同じバッジです。二重には発行しません。"
    );
    let planned: Vec<usize> = plan.rows.iter().map(|row| row.row).collect();
    assert_eq!(planned, [2, 3, 6]);
    assert_eq!(plan.totals.rows_with_errors, 2);
}

#[test]
fn different_external_ids_make_a_repeat_a_warning() {
    let plan = plan(&[
        "山田 太郎,taro@example.jp,,,python-basics,,,2025-A",
        "山田 太郎,taro@example.jp,,,python-basics,,,2026-A",
        "山田 太郎,taro@example.jp,,,python-basics,,,2026-A",
    ]);
    let found: Vec<_> = plan
        .findings
        .iter()
        .map(|finding| (finding.row, finding.code, finding.severity))
        .collect();
    assert_eq!(
        found,
        [
            (3, FindingCode::DuplicateRecipient, Severity::Warning),
            (4, FindingCode::DuplicateRow, Severity::Error),
        ]
    );
    assert_eq!(plan.rows.len(), 2);
    assert_ne!(plan.rows[0].idempotency_key, plan.rows[1].idempotency_key);
}

#[test]
fn totals_add_up_and_the_plan_serialises() {
    let plan = plan(&[
        "a,a@example.jp,,,python-basics,,,",
        "",
        "b,bad,,,python-basics,,,",
        "c,c@example.jp,,,nope,,2026-13-01,",
    ]);
    let totals = plan.totals;
    assert_eq!(totals.data_rows, 3);
    assert_eq!(totals.blank_rows, 1);
    assert_eq!(totals.ready_rows, 1);
    assert_eq!(totals.rows_with_errors, 2);
    assert_eq!(totals.errors, 3);
    assert_eq!(totals.warnings, 0);
    let json = serde_json::to_value(&plan).unwrap();
    assert_eq!(json["encoding"], "utf8");
    assert_eq!(json["findings"][0]["code"], "bad-email");
    assert_eq!(json["findings"][0]["row"], 4);
    assert_eq!(json["findings"][1]["field"], "achievement");
    assert_eq!(
        json["rows"][0]["idempotency_key"].as_str().unwrap().len(),
        64
    );
    let back: ImportPlan = serde_json::from_value(json).unwrap();
    assert_eq!(back, plan);
}

#[test]
fn name_can_be_optional() {
    let catalog = common::catalog();
    let mut options = common::options(&catalog);
    options.require_name = false;
    let plan = plan_with(&[",taro@example.jp,,,python-basics,,,"], &options);
    assert!(plan.findings.is_empty());
    assert_eq!(plan.rows[0].recipient_name, None);
}
