//! Header auto-mapping in Japanese and English, overrides, and mappings that do not fit.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use tsumiki_import::{
    ColumnMapping, Field, FileFormat, ImportError, Limits, plan_import, read_table,
};

fn headers(names: &[&str]) -> Vec<String> {
    names.iter().map(|name| (*name).to_owned()).collect()
}

#[test]
fn english_headers() {
    let mapping = ColumnMapping::auto(&headers(&[
        "Name",
        "E-mail",
        "Employee ID",
        "DID",
        "Achievement ID",
        "Evidence URL",
        "Narrative",
        "Issued On",
        "Row ID",
        "Notes",
    ]));
    assert_eq!(mapping.headers(Field::RecipientName), ["Name"]);
    assert_eq!(mapping.headers(Field::Email), ["E-mail"]);
    assert_eq!(mapping.headers(Field::EmployeeNumber), ["Employee ID"]);
    assert_eq!(mapping.headers(Field::Did), ["DID"]);
    assert_eq!(mapping.headers(Field::Achievement), ["Achievement ID"]);
    assert_eq!(mapping.headers(Field::EvidenceUrl), ["Evidence URL"]);
    assert_eq!(mapping.headers(Field::EvidenceNarrative), ["Narrative"]);
    assert_eq!(mapping.headers(Field::IssuedOn), ["Issued On"]);
    assert_eq!(mapping.headers(Field::ExternalId), ["Row ID"]);
}

#[test]
fn japanese_headers_with_full_width_and_notes() {
    let mapping = ColumnMapping::auto(&headers(&[
        "氏名（必須）",
        "メールアドレス",
        "メールアドレス２",
        "社員番号",
        "資格",
        "エビデンスURL",
        "発行日",
        "管理番号",
        "ＩＤ",
    ]));
    assert_eq!(mapping.headers(Field::RecipientName), ["氏名（必須）"]);
    assert_eq!(
        mapping.headers(Field::Email),
        ["メールアドレス", "メールアドレス２"]
    );
    assert_eq!(mapping.headers(Field::EmployeeNumber), ["社員番号"]);
    assert_eq!(mapping.headers(Field::Achievement), ["資格"]);
    assert_eq!(mapping.headers(Field::EvidenceUrl), ["エビデンスURL"]);
    assert_eq!(mapping.headers(Field::IssuedOn), ["発行日"]);
    // The first matching column wins: "管理番号" before "ＩＤ".
    assert_eq!(mapping.headers(Field::ExternalId), ["管理番号"]);
}

#[test]
fn other_japanese_spellings() {
    for (header, field) in [
        ("名前", Field::RecipientName),
        ("メール", Field::Email),
        ("Ｅメール", Field::Email),
        ("バッジ", Field::Achievement),
        ("バッジID", Field::Achievement),
        ("achievement", Field::Achievement),
        ("issued_on", Field::IssuedOn),
        ("employee_id", Field::EmployeeNumber),
        ("id", Field::ExternalId),
        ("row id", Field::ExternalId),
        ("email", Field::Email),
        ("name", Field::RecipientName),
    ] {
        assert_eq!(tsumiki_import::recognise(header), Some(field), "{header}");
    }
    for header in ["備考", "No.", "部署", "date of birth", "番号"] {
        assert_eq!(tsumiki_import::recognise(header), None, "{header}");
    }
}

#[test]
fn overrides_replace_the_guess() {
    let catalog = common::catalog();
    let options = common::options(&catalog);
    let csv = "受講者,連絡先,コース\n山田 太郎,taro@example.jp,python-basics\n";
    // Only "受講者" is guessed; the rest has to be chosen by the user.
    let guessed = ColumnMapping::auto(&headers(&["受講者", "連絡先", "コース"]));
    assert_eq!(guessed.headers(Field::RecipientName), ["受講者"]);
    assert_eq!(
        plan_import(
            csv.as_bytes(),
            FileFormat::Csv,
            None,
            Some(&guessed),
            &options
        )
        .unwrap_err(),
        ImportError::FieldNotMapped {
            field: Field::Achievement
        }
    );
    let mut mapping = guessed.clone();
    mapping
        .set(Field::Email, "連絡先")
        .set(Field::Achievement, "コース");
    let plan = plan_import(
        csv.as_bytes(),
        FileFormat::Csv,
        None,
        Some(&mapping),
        &options,
    )
    .unwrap();
    assert_eq!(plan.rows.len(), 1);
    assert_eq!(plan.rows[0].emails, ["taro@example.jp"]);
    assert_eq!(plan.mapping, mapping);
    // The mapping round-trips through JSON, as the web UI sends it back.
    let json = serde_json::to_string(&mapping).unwrap();
    assert!(json.contains("\"achievement\":[\"コース\"]"), "{json}");
    assert_eq!(
        serde_json::from_str::<ColumnMapping>(&json).unwrap(),
        mapping
    );
}

#[test]
fn mappings_that_do_not_fit_the_file() {
    let table = read_table(
        "name,email,email,badge\n".as_bytes(),
        FileFormat::Csv,
        None,
        &Limits::default(),
    )
    .unwrap();
    let mut mapping = ColumnMapping::new();
    mapping
        .set(Field::Achievement, "badge")
        .set(Field::RecipientName, "name");
    assert_eq!(
        mapping.resolve(&table.headers, true).unwrap_err(),
        ImportError::NoIdentifierMapped
    );
    mapping.set(Field::Email, "email");
    assert_eq!(
        mapping.resolve(&table.headers, true).unwrap_err(),
        ImportError::AmbiguousHeader {
            header: "email".into()
        }
    );
    mapping.set(Field::Email, "mail");
    assert_eq!(
        mapping.resolve(&table.headers, true).unwrap_err(),
        ImportError::UnknownHeader {
            field: Field::Email,
            header: "mail".into()
        }
    );
    mapping.remove(Field::Email).remove(Field::RecipientName);
    mapping.set(Field::Did, "name");
    assert_eq!(
        mapping.resolve(&table.headers, true).unwrap_err(),
        ImportError::FieldNotMapped {
            field: Field::RecipientName
        }
    );
    assert!(mapping.resolve(&table.headers, false).is_ok());
}
