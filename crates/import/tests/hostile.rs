//! Hostile input: arbitrary bytes, CSV-shaped noise and damaged workbooks never panic, and
//! whatever is returned stays within the limits.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use proptest::prelude::*;
use rust_xlsxwriter::Workbook;
use tsumiki_import::{FileFormat, Limits, plan_import, read_table};

fn small_limits() -> Limits {
    Limits {
        max_bytes: 64 * 1024,
        max_rows: 50,
        max_columns: 12,
        max_cell_chars: 40,
        max_xlsx_uncompressed_bytes: 1024 * 1024,
    }
}

fn check(bytes: &[u8], format: FileFormat) {
    let limits = small_limits();
    if let Ok(table) = read_table(bytes, format, None, &limits) {
        assert!(table.rows.len() <= limits.max_rows);
        assert!(table.headers.len() <= limits.max_columns);
        assert!(
            table
                .rows
                .iter()
                .all(|row| row.cells.len() <= limits.max_columns)
        );
        assert!(table.rows.iter().all(|row| row.row > table.header_row));
        assert!(table.rows.windows(2).all(|pair| pair[0].row < pair[1].row));
    }
    let catalog = common::catalog();
    let mut options = common::options(&catalog);
    options.limits = limits;
    if let Ok(plan) = plan_import(bytes, format, None, None, &options) {
        let totals = plan.totals;
        assert_eq!(totals.ready_rows, plan.rows.len());
        assert!(totals.ready_rows + totals.rows_with_errors <= totals.data_rows);
        assert_eq!(totals.errors + totals.warnings, plan.findings.len());
        for finding in &plan.findings {
            assert!(!finding.message.ja.is_empty() && !finding.message.en.is_empty());
        }
    }
}

/// Text made of what CSV parsers and our normalisers find interesting.
fn csv_noise() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        ",",
        "\"",
        "\"\"",
        "\n",
        "\r",
        "\r\n",
        " ",
        "\u{3000}",
        "@",
        "＠",
        ".",
        ";",
        "、",
        "did:",
        "did:web:",
        ":",
        "%",
        "%2",
        "2026/4/1",
        "2026-02-30",
        "年",
        "月",
        "日",
        "python-basics",
        "安全衛生",
        "氏名",
        "メールアドレス",
        "email",
        "badge",
        "社員番号",
        "id",
        "a",
        "Z",
        "0",
        "\u{FEFF}",
        "\u{FFFD}",
        "https://",
        "\t",
    ]);
    prop::collection::vec(pieces, 0..200).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check(&bytes, FileFormat::Auto);
        check(&bytes, FileFormat::Csv);
        check(&bytes, FileFormat::Xlsx);
    }

    #[test]
    fn zip_magic_with_garbage_never_panics(tail in prop::collection::vec(any::<u8>(), 0..2048)) {
        let mut bytes = b"PK\x03\x04".to_vec();
        bytes.extend(tail);
        check(&bytes, FileFormat::Auto);
    }

    #[test]
    fn csv_shaped_noise_never_panics(
        header in csv_noise(),
        body in csv_noise(),
    ) {
        let text = format!("氏名,email,社員番号,DID,badge,発行日,id,evidence\n{header}\n{body}");
        check(text.as_bytes(), FileFormat::Csv);
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
        check(&sjis, FileFormat::Csv);
    }
}

fn workbook() -> Vec<u8> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (column, header) in ["name", "email", "badge"].iter().enumerate() {
        sheet.write_string(0, column as u16, *header).unwrap();
    }
    for row in 1..20u32 {
        sheet.write_string(row, 0, format!("P{row}")).unwrap();
        sheet
            .write_string(row, 1, format!("p{row}@example.jp"))
            .unwrap();
        sheet.write_string(row, 2, "python-basics").unwrap();
    }
    workbook.save_to_buffer().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn damaged_workbooks_never_panic(
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..16),
    ) {
        let mut bytes = workbook();
        for (index, value) in flips {
            let at = index.index(bytes.len());
            bytes[at] = value;
        }
        check(&bytes, FileFormat::Auto);
    }
}

#[test]
fn the_undamaged_workbook_is_fully_planned() {
    // Guards the fixture above: if it did not plan cleanly, the damage test would prove little.
    let catalog = common::catalog();
    let mut options = common::options(&catalog);
    options.limits = small_limits();
    let plan = plan_import(&workbook(), FileFormat::Auto, None, None, &options).unwrap();
    assert_eq!(plan.rows.len(), 19);
    assert!(plan.findings.is_empty());
}
