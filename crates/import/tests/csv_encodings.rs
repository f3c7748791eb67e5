//! CSV decoding: UTF-8 with and without BOM, Shift-JIS, and the files that are neither.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use encoding_rs::SHIFT_JIS;
use tsumiki_import::{
    ColumnMapping, FileFormat, ImportError, Limits, SourceEncoding, plan_import, read_table,
};

const JAPANESE_CSV: &str = "氏名,メールアドレス,社員番号,バッジ,発行日\n\
山田 太郎,taro@Example.JP,E001,python-basics,2026/4/1\n\
佐藤 花子,hanako@example.jp,E002,安全衛生,2026年4月2日\n";

fn read(bytes: &[u8]) -> Result<tsumiki_import::Table, ImportError> {
    read_table(bytes, FileFormat::Auto, None, &Limits::default())
}

#[test]
fn utf8_without_bom() {
    let table = read(JAPANESE_CSV.as_bytes()).unwrap();
    assert_eq!(table.encoding, SourceEncoding::Utf8);
    assert_eq!(
        table.headers,
        ["氏名", "メールアドレス", "社員番号", "バッジ", "発行日"]
    );
    assert_eq!(table.rows.len(), 2);
    assert_eq!(table.rows[0].row, 2);
    assert_eq!(table.rows[1].cells[0], "佐藤 花子");
}

#[test]
fn utf8_with_bom_strips_the_bom_from_the_first_header() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(JAPANESE_CSV.as_bytes());
    let table = read(&bytes).unwrap();
    assert_eq!(table.encoding, SourceEncoding::Utf8Bom);
    // With the BOM left in, "\u{FEFF}氏名" would not be recognised as the name column.
    assert_eq!(table.headers[0], "氏名");
    let mapping = ColumnMapping::auto(&table.headers);
    assert_eq!(
        mapping.headers(tsumiki_import::Field::RecipientName),
        ["氏名"]
    );
}

#[test]
fn shift_jis_is_detected_and_decoded() {
    let (bytes, _, unmappable) = SHIFT_JIS.encode(JAPANESE_CSV);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "fixture must not be UTF-8"
    );
    let table = read(&bytes).unwrap();
    assert_eq!(table.encoding, SourceEncoding::ShiftJis);
    assert_eq!(table.headers[1], "メールアドレス");
    assert_eq!(table.rows[0].cells[0], "山田 太郎");
    assert_eq!(table.rows[1].cells[3], "安全衛生");
}

#[test]
fn shift_jis_windows_extensions_decode() {
    // ① and ㈱ exist only in the Windows (CP932) extension of Shift-JIS, which Excel writes.
    let text = "氏名,email,badge\n㈱テスト①,a@example.jp,python-basics\n";
    let (bytes, _, unmappable) = SHIFT_JIS.encode(text);
    assert!(!unmappable);
    let table = read(&bytes).unwrap();
    assert_eq!(table.encoding, SourceEncoding::ShiftJis);
    assert_eq!(table.rows[0].cells[0], "㈱テスト①");
}

#[test]
fn shift_jis_plan_matches_utf8_plan() {
    let catalog = common::catalog();
    let options = common::options(&catalog);
    let (sjis, _, _) = SHIFT_JIS.encode(JAPANESE_CSV);
    let from_sjis = plan_import(&sjis, FileFormat::Csv, None, None, &options).unwrap();
    let from_utf8 = plan_import(
        JAPANESE_CSV.as_bytes(),
        FileFormat::Csv,
        None,
        None,
        &options,
    )
    .unwrap();
    assert_eq!(from_sjis.encoding, SourceEncoding::ShiftJis);
    assert_eq!(from_sjis.rows, from_utf8.rows);
    assert_eq!(from_sjis.rows.len(), 2);
    assert!(from_sjis.findings.is_empty(), "{:?}", from_sjis.findings);
}

#[test]
fn neither_utf8_nor_shift_jis_is_reported_with_the_offset() {
    // 0xFF is neither a Shift-JIS byte nor valid UTF-8.
    let bytes = b"name,email\nabc\xFF,x@y.jp\n";
    let err = read(bytes).unwrap_err();
    assert_eq!(err, ImportError::UnknownEncoding { offset: 14 });
    assert!(err.to_string().contains("neither UTF-8 nor Shift-JIS"));
}

#[test]
fn utf16_binary_and_legacy_xls_are_refused_by_name() {
    assert_eq!(read(b"\xFF\xFEn\0a\0").unwrap_err(), ImportError::Utf16);
    assert_eq!(
        read(b"name\0,email").unwrap_err(),
        ImportError::Binary { offset: 4 }
    );
    assert_eq!(
        read(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest").unwrap_err(),
        ImportError::LegacyXls
    );
    assert_eq!(read(b"").unwrap_err(), ImportError::Empty);
    assert_eq!(read(b"\n\n ,  \n").unwrap_err(), ImportError::NoHeader);
}

#[test]
fn row_numbers_match_what_excel_shows() {
    // Blank lines are rows in Excel; a quoted line break is not.
    let text = "name,email,badge\r\n\
                a,a@example.jp,python-basics\r\n\
                \r\n\
                \"b\r\nsecond line\",b@example.jp,python-basics\r\n\
                ,,\r\n\
                c,c@example.jp,python-basics\r\n";
    let table = read(text.as_bytes()).unwrap();
    let rows: Vec<usize> = table.rows.iter().map(|row| row.row).collect();
    assert_eq!(rows, [2, 4, 6]);
    assert_eq!(table.blank_rows, 2);
    assert_eq!(table.rows[1].cells[0], "b\r\nsecond line");
}

#[test]
fn header_after_leading_blank_lines() {
    let table = read(b"\n\nname,email,badge\nx,x@example.jp,python-basics\n").unwrap();
    assert_eq!(table.header_row, 3);
    assert_eq!(table.rows[0].row, 4);
}

#[test]
fn size_limit_is_checked_before_decoding() {
    let limits = Limits {
        max_bytes: 10,
        ..Limits::default()
    };
    let err = read_table(JAPANESE_CSV.as_bytes(), FileFormat::Auto, None, &limits).unwrap_err();
    assert_eq!(
        err,
        ImportError::TooLarge {
            size: JAPANESE_CSV.len(),
            limit: 10
        }
    );
}

#[test]
fn row_limit_counts_data_rows_only() {
    let limits = Limits {
        max_rows: 2,
        ..Limits::default()
    };
    // Exactly at the limit: fine.
    read_table(JAPANESE_CSV.as_bytes(), FileFormat::Csv, None, &limits).unwrap();
    let mut text = JAPANESE_CSV.to_owned();
    text.push_str("鈴木 一郎,ichiro@example.jp,E003,python-basics,2026-04-03\n");
    let err = read_table(text.as_bytes(), FileFormat::Csv, None, &limits).unwrap_err();
    assert_eq!(err, ImportError::TooManyRows { limit: 2 });
    assert!(err.to_string().contains("more than 2 data rows"));
}

#[test]
fn column_limit_ignores_trailing_empty_cells() {
    let limits = Limits {
        max_columns: 3,
        ..Limits::default()
    };
    let ok = "name,email,badge,,,\nx,x@example.jp,python-basics,,,\n";
    let table = read_table(ok.as_bytes(), FileFormat::Csv, None, &limits).unwrap();
    assert_eq!(table.headers.len(), 3);
    let wide = "name,email,badge,extra\nx,x@example.jp,python-basics,1\n";
    let err = read_table(wide.as_bytes(), FileFormat::Csv, None, &limits).unwrap_err();
    assert_eq!(
        err,
        ImportError::TooManyColumns {
            row: 1,
            count: 4,
            limit: 3
        }
    );
}

#[test]
fn default_limits_hold_a_realistic_maximum() {
    let mut text = String::from("name,email,badge\n");
    for index in 0..Limits::DEFAULT_MAX_ROWS {
        text.push_str(&format!("P{index},p{index}@example.jp,python-basics\n"));
    }
    assert!(text.len() < Limits::DEFAULT_MAX_BYTES);
    let table = read(text.as_bytes()).unwrap();
    assert_eq!(table.rows.len(), Limits::DEFAULT_MAX_ROWS);
    text.push_str("one,more@example.jp,python-basics\n");
    assert_eq!(
        read(text.as_bytes()).unwrap_err(),
        ImportError::TooManyRows {
            limit: Limits::DEFAULT_MAX_ROWS
        }
    );
}

#[test]
fn unterminated_quote_is_not_an_error_but_one_long_field() {
    // The csv crate reads to the end of input; what matters is that nothing panics and the
    // row is visibly wrong (the email column is missing).
    let table = read(b"name,email,badge\n\"x,x@example.jp,python-basics\n").unwrap();
    assert_eq!(table.rows.len(), 1);
    assert_eq!(table.rows[0].cells.len(), 1);
}

#[test]
fn quote_left_open_at_the_end_still_numbers_rows_forward() {
    // Found by the hostile-input property test: the open quote swallows the last line break.
    let table = read(b"name,email\n\n@\n\",\n").unwrap();
    let rows: Vec<usize> = table.rows.iter().map(|row| row.row).collect();
    assert_eq!(rows, [3, 4]);
    assert_eq!(table.rows[1].cells, [",\n"]);
}

#[test]
fn title_rows_above_a_recognisable_header_are_skipped() {
    let text = "2026年度 研修修了者一覧,,\n作成日: 2026/4/1,,\n\n氏名,メールアドレス,バッジ\n山田 太郎,taro@example.jp,python-basics\n";
    let table = read(text.as_bytes()).unwrap();
    assert_eq!(table.header_row, 4);
    assert_eq!(table.headers, ["氏名", "メールアドレス", "バッジ"]);
    assert_eq!(table.rows.len(), 1);
    assert_eq!(table.rows[0].row, 5);
}

#[test]
fn unrecognised_headers_fall_back_to_the_first_row() {
    // Nothing here is a known header name, so the first row is the header and the other
    // eleven rows (more than the header search window) are all data, in order.
    let mut text = String::from("受講者,連絡先,コース\n");
    for index in 0..11 {
        text.push_str(&format!("P{index},p{index}@example.jp,python-basics\n"));
    }
    let table = read(text.as_bytes()).unwrap();
    assert_eq!(table.header_row, 1);
    assert_eq!(table.headers, ["受講者", "連絡先", "コース"]);
    let rows: Vec<usize> = table.rows.iter().map(|row| row.row).collect();
    assert_eq!(rows, (2..=12).collect::<Vec<_>>());
    // A short file settles at the end instead.
    let table = read("受講者,連絡先\nA,a@example.jp\n".as_bytes()).unwrap();
    assert_eq!((table.header_row, table.rows.len()), (1, 1));
}
