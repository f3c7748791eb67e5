//! `.xlsx` workbooks built in the test with rust_xlsxwriter, read back through calamine.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use tsumiki_import::{
    FileFormat, ImportError, IssuedOn, Limits, SourceEncoding, plan_import, read_table, sheet_names,
};

/// A roster as HR would export it: Japanese headers, a numeric employee number, a real date
/// cell, a blank row, and a second sheet.
fn roster() -> Vec<u8> {
    let mut workbook = Workbook::new();
    let date = Format::new().set_num_format("yyyy/m/d");
    let notes = workbook.add_worksheet();
    notes.set_name("説明").unwrap();
    notes
        .write_string(0, 0, "このシートは読み込みません")
        .unwrap();
    let sheet = workbook.add_worksheet();
    sheet.set_name("受講者").unwrap();
    for (column, header) in [
        "氏名",
        "メールアドレス",
        "社員番号",
        "バッジ",
        "発行日",
        "備考",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, column as u16, *header).unwrap();
    }
    sheet.write_string(1, 0, "山田 太郎").unwrap();
    sheet.write_string(1, 1, "Taro@Example.JP").unwrap();
    sheet.write_number(1, 2, 1234.0).unwrap();
    sheet.write_string(1, 3, "python-basics").unwrap();
    let april_first = ExcelDateTime::from_ymd(2026, 4, 1).unwrap();
    sheet
        .write_datetime_with_format(1, 4, &april_first, &date)
        .unwrap();
    // Row 3 (index 2) left empty on purpose.
    sheet.write_string(3, 0, "佐藤 花子").unwrap();
    sheet.write_string(3, 1, "not-an-email").unwrap();
    sheet.write_string(3, 3, "安全衛生").unwrap();
    sheet.write_string(3, 4, "2026/02/30").unwrap();
    workbook.save_to_buffer().unwrap()
}

#[test]
fn sheet_names_in_workbook_order() {
    assert_eq!(
        sheet_names(&roster(), &Limits::default()).unwrap(),
        ["説明", "受講者"]
    );
}

#[test]
fn named_sheet_is_read_with_excel_row_numbers() {
    let table = read_table(
        &roster(),
        FileFormat::Auto,
        Some("受講者"),
        &Limits::default(),
    )
    .unwrap();
    assert_eq!(table.encoding, SourceEncoding::Xlsx);
    assert_eq!(
        table.headers[..5],
        ["氏名", "メールアドレス", "社員番号", "バッジ", "発行日"]
    );
    let rows: Vec<usize> = table.rows.iter().map(|row| row.row).collect();
    assert_eq!(rows, [2, 4]);
    assert_eq!(table.blank_rows, 1);
    // A whole number loses Excel's ".0"; a date cell becomes an ISO date.
    assert_eq!(table.rows[0].cells[2], "1234");
    assert_eq!(table.rows[0].cells[4], "2026-04-01");
}

#[test]
fn first_sheet_by_default() {
    let table = read_table(&roster(), FileFormat::Auto, None, &Limits::default()).unwrap();
    assert_eq!(table.headers, ["このシートは読み込みません"]);
    assert!(table.rows.is_empty());
}

#[test]
fn plan_from_xlsx_with_findings() {
    let catalog = common::catalog();
    let options = common::options(&catalog);
    let plan = plan_import(&roster(), FileFormat::Xlsx, Some("受講者"), None, &options).unwrap();
    assert_eq!(plan.rows.len(), 1);
    let row = &plan.rows[0];
    assert_eq!(row.row, 2);
    assert_eq!(row.emails, ["Taro@example.jp"]);
    assert_eq!(row.employee_number.as_deref(), Some("1234"));
    assert_eq!(row.achievement_id, common::PYTHON_ID);
    assert_eq!(
        row.issued_on.map(|date| date.to_string()).as_deref(),
        Some("2026-04-01")
    );
    assert!(matches!(row.issued_on, Some(IssuedOn::Date(_))));
    assert_eq!(plan.ignored_columns, ["備考"]);
    let codes: Vec<_> = plan
        .findings
        .iter()
        .map(|finding| (finding.row, finding.column_letter.as_deref(), finding.code))
        .collect();
    use tsumiki_import::FindingCode::*;
    assert_eq!(codes, [(4, Some("B"), BadEmail), (4, Some("E"), BadDate)]);
    assert_eq!(plan.totals.rows_with_errors, 1);
}

#[test]
fn missing_sheet_lists_the_sheets() {
    let err = read_table(
        &roster(),
        FileFormat::Xlsx,
        Some("Sheet1"),
        &Limits::default(),
    )
    .unwrap_err();
    assert_eq!(
        err,
        ImportError::SheetNotFound {
            name: "Sheet1".into(),
            available: "説明, 受講者".into()
        }
    );
}

#[test]
fn far_away_cell_hits_the_column_limit_without_allocating_a_grid() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "name").unwrap();
    // XFD1048576: the last cell Excel allows. A dense grid would be 17 billion cells.
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    let err = read_table(&bytes, FileFormat::Auto, None, &Limits::default()).unwrap_err();
    assert_eq!(
        err,
        ImportError::TooManyColumns {
            row: 1_048_576,
            count: 16_384,
            limit: Limits::DEFAULT_MAX_COLUMNS
        }
    );
}

#[test]
fn far_away_row_is_only_a_count_of_blank_rows() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "name").unwrap();
    sheet.write_string(1_048_575, 0, "x").unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    let table = read_table(&bytes, FileFormat::Auto, None, &Limits::default()).unwrap();
    assert_eq!(table.rows.len(), 1);
    assert_eq!(table.rows[0].row, 1_048_576);
    assert_eq!(table.blank_rows, 1_048_574);
}

#[test]
fn row_limit_applies_to_xlsx() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(0, 0, "name").unwrap();
    for row in 1..=4 {
        sheet.write_string(row, 0, "x").unwrap();
    }
    let bytes = workbook.save_to_buffer().unwrap();
    let limits = Limits {
        max_rows: 3,
        ..Limits::default()
    };
    assert_eq!(
        read_table(&bytes, FileFormat::Auto, None, &limits).unwrap_err(),
        ImportError::TooManyRows { limit: 3 }
    );
}

#[test]
fn declared_expansion_over_the_limit_is_refused() {
    let limits = Limits {
        max_xlsx_uncompressed_bytes: 1_000,
        ..Limits::default()
    };
    let err = read_table(&roster(), FileFormat::Auto, None, &limits).unwrap_err();
    assert!(
        matches!(err, ImportError::XlsxTooLarge { size, limit: 1_000 } if size > 1_000),
        "{err:?}"
    );
}

#[test]
fn broken_archives_are_errors_not_panics() {
    let bytes = roster();
    for cut in [4, 100, bytes.len() / 2, bytes.len() - 10] {
        let err = read_table(&bytes[..cut], FileFormat::Auto, None, &Limits::default());
        assert!(
            matches!(err, Err(ImportError::Xlsx { .. })),
            "cut at {cut}: {err:?}"
        );
    }
    let err = read_table(b"not a zip", FileFormat::Xlsx, None, &Limits::default()).unwrap_err();
    assert!(matches!(err, ImportError::Xlsx { .. }));
}

/// Rewrites every declared uncompressed size in the archive (local headers and central
/// directory) to `size`, as a zip bomb would to slip under a declared-size check.
fn understate_sizes(bytes: &mut [u8], size: u32) {
    let mut at = 0;
    while at + 4 <= bytes.len() {
        let field = match &bytes[at..at + 4] {
            b"PK\x03\x04" => Some(at + 22),
            b"PK\x01\x02" => Some(at + 24),
            _ => None,
        };
        if let Some(field) = field {
            bytes[field..field + 4].copy_from_slice(&size.to_le_bytes());
        }
        at += 1;
    }
}

#[test]
fn understated_sizes_fail_instead_of_expanding() {
    let mut bytes = roster();
    understate_sizes(&mut bytes, 16);
    let limits = Limits {
        max_xlsx_uncompressed_bytes: 16 * 64,
        ..Limits::default()
    };
    let err = read_table(&bytes, FileFormat::Auto, Some("受講者"), &limits).unwrap_err();
    assert!(matches!(err, ImportError::Xlsx { .. }), "{err:?}");
}
