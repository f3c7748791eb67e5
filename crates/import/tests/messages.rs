//! Every message the crate can produce exists in Japanese and English and formats with the
//! arguments the code passes (a missing argument would make Fluent fall back to the bare id).
#![allow(clippy::unwrap_used, clippy::panic)]

use tsumiki_i18n::Lang;
use tsumiki_import::{Field, FindingCode, ImportError};

fn assert_rendered(text: &str, id: &str) {
    assert_ne!(text, id, "{id} fell back to its id");
    assert!(!text.contains('{') && !text.contains('}'), "{id}: {text}");
}

#[test]
fn every_file_error_has_both_languages() {
    let errors = [
        ImportError::Empty,
        ImportError::TooLarge {
            size: 30,
            limit: 20,
        },
        ImportError::TooManyRows { limit: 5 },
        ImportError::TooManyColumns {
            row: 1,
            count: 9,
            limit: 8,
        },
        ImportError::UnknownEncoding { offset: 3 },
        ImportError::Utf16,
        ImportError::Binary { offset: 2 },
        ImportError::LegacyXls,
        ImportError::Csv {
            line: 4,
            detail: "x".into(),
        },
        ImportError::Xlsx { detail: "y".into() },
        ImportError::XlsxTooLarge { size: 9, limit: 8 },
        ImportError::SheetNotFound {
            name: "a".into(),
            available: "b, c".into(),
        },
        ImportError::NoSheets,
        ImportError::NoHeader,
        ImportError::UnknownHeader {
            field: Field::Email,
            header: "mail".into(),
        },
        ImportError::AmbiguousHeader {
            header: "email".into(),
        },
        ImportError::FieldNotMapped {
            field: Field::Achievement,
        },
        ImportError::NoIdentifierMapped,
    ];
    for error in &errors {
        let ja = error.message(Lang::Ja);
        let en = error.message(Lang::En);
        assert_rendered(&ja, error.message_id());
        assert_rendered(&en, error.message_id());
        assert_ne!(ja, en);
    }
    assert_eq!(
        ImportError::UnknownHeader {
            field: Field::Email,
            header: "mail".into()
        }
        .message(Lang::Ja),
        "項目「メールアドレス」に指定された列「mail」がファイルにありません。"
    );
    assert_eq!(
        ImportError::TooManyRows { limit: 100_000 }.message(Lang::En),
        "The file has more than 100000 data rows. Split it into smaller files."
    );
}

#[test]
fn every_field_has_a_label_in_both_languages() {
    for field in Field::ALL {
        let ja = field.label(Lang::Ja);
        let en = field.label(Lang::En);
        assert!(!ja.starts_with("import-field-"), "{field}");
        assert!(!en.starts_with("import-field-"), "{field}");
    }
}

#[test]
fn every_finding_code_has_both_languages() {
    let codes = [
        FindingCode::MissingValue,
        FindingCode::MissingIdentifier,
        FindingCode::BadEmail,
        FindingCode::BadDid,
        FindingCode::UnknownAchievement,
        FindingCode::BadDate,
        FindingCode::FutureDate,
        FindingCode::BadEvidenceUrl,
        FindingCode::ValueTooLong,
        FindingCode::DuplicateRow,
        FindingCode::DuplicateRecipient,
        FindingCode::ExtraCells,
    ];
    for code in codes {
        for lang in Lang::ALL {
            assert!(
                tsumiki_i18n::has(lang, code.message_id()),
                "{code:?} {lang:?}"
            );
        }
    }
    // That the arguments the planner passes are enough is checked message by message in
    // tests/findings.rs, which compares whole sentences.
}
