//! Idempotency keys: the same row maps to the same key however the file is re-sorted,
//! re-encoded or re-typed; a genuinely different row gets a different key.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use std::collections::BTreeMap;

use encoding_rs::SHIFT_JIS;
use rust_xlsxwriter::Workbook;
use tsumiki_import::{
    AchievementCatalog, FileFormat, ImportPlan, PlanOptions, RecipientKey, idempotency_key,
    plan_import,
};

const ROWS: [&str; 4] = [
    "山田 太郎,taro@example.jp,E001,,python-basics,",
    "佐藤 花子,hanako@example.jp,E002,,安全衛生,",
    "鈴木 一郎,,E003,did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK,python-basics,",
    "高橋 次郎,,E004,,python-basics,R-9",
];
const HEADER: &str = "氏名,メールアドレス,社員番号,DID,バッジ,管理番号";

fn csv(rows: &[&str]) -> String {
    let mut text = HEADER.to_owned();
    for row in rows {
        text.push('\n');
        text.push_str(row);
    }
    text
}

fn plan_bytes(bytes: &[u8], options: &PlanOptions<'_>) -> ImportPlan {
    let plan = plan_import(bytes, FileFormat::Auto, None, None, options).unwrap();
    assert!(plan.findings.is_empty(), "{:#?}", plan.findings);
    plan
}

/// Recipient name → key, independent of row order.
fn keys(plan: &ImportPlan) -> BTreeMap<String, String> {
    plan.rows
        .iter()
        .map(|row| {
            (
                row.recipient_name.clone().unwrap_or_default(),
                row.idempotency_key.clone(),
            )
        })
        .collect()
}

#[test]
fn reordering_rows_keeps_every_key() {
    let catalog = common::catalog();
    let options = common::options(&catalog);
    let original = plan_bytes(csv(&ROWS).as_bytes(), &options);
    let reversed: Vec<&str> = ROWS.iter().rev().copied().collect();
    let mut with_blank_rows = vec!["", ROWS[2], "", ROWS[0]];
    with_blank_rows.extend([ROWS[3], ROWS[1]]);
    for rows in [reversed, with_blank_rows] {
        let resorted = plan_bytes(csv(&rows).as_bytes(), &options);
        assert_eq!(keys(&resorted), keys(&original));
        // The rows really moved: each person is on another row than before.
        let row_of = |plan: &ImportPlan| -> BTreeMap<String, usize> {
            plan.rows
                .iter()
                .map(|row| (row.recipient_name.clone().unwrap_or_default(), row.row))
                .collect()
        };
        assert_ne!(
            row_of(&resorted)["山田 太郎"],
            row_of(&original)["山田 太郎"]
        );
    }
    let distinct: std::collections::BTreeSet<_> = keys(&original).into_values().collect();
    assert_eq!(distinct.len(), ROWS.len());
}

#[test]
fn re_encoding_and_re_typing_keep_every_key() {
    let catalog = common::catalog();
    let options = common::options(&catalog);
    let original = keys(&plan_bytes(csv(&ROWS).as_bytes(), &options));

    let text = csv(&ROWS);
    let (sjis, _, _) = SHIFT_JIS.encode(&text);
    assert_eq!(keys(&plan_bytes(&sjis, &options)), original);

    // Same data typed differently: upper-case domain, full-width ASCII, achievement by id.
    let retyped = [
        "山田 太郎,Taro@EXAMPLE.JP,E001,,python-basics,".to_owned(),
        format!(
            "佐藤 花子,ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ,E002,,{},",
            common::SAFETY_ID
        ),
        ROWS[2].to_owned(),
        "高橋 次郎,,Ｅ００４,,python-basics,Ｒ-9".to_owned(),
    ];
    let retyped: Vec<&str> = retyped.iter().map(String::as_str).collect();
    assert_eq!(
        keys(&plan_bytes(csv(&retyped).as_bytes(), &options)),
        original
    );

    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (row, line) in std::iter::once(HEADER).chain(ROWS).enumerate() {
        for (column, cell) in line.split(',').enumerate() {
            if !cell.is_empty() {
                sheet.write_string(row as u32, column as u16, cell).unwrap();
            }
        }
    }
    let xlsx = workbook.save_to_buffer().unwrap();
    assert_eq!(keys(&plan_bytes(&xlsx, &options)), original);
}

#[test]
fn genuinely_different_rows_get_different_keys() {
    let catalog = common::catalog();
    let options = common::options(&catalog);
    let base = keys(&plan_bytes(csv(&ROWS[..1]).as_bytes(), &options))["山田 太郎"].clone();
    for changed in [
        "山田 太郎,jiro@example.jp,E001,,python-basics,",
        "山田 太郎,taro@example.jp,E001,,安全衛生,",
        "山田 太郎,taro@example.jp,E001,,python-basics,R-1",
        "山田 太郎,taro@example.jp,E001,did:web:example.jp:taro,python-basics,",
    ] {
        let key = keys(&plan_bytes(csv(&[changed]).as_bytes(), &options))["山田 太郎"].clone();
        assert_ne!(key, base, "{changed}");
    }
    // The name is not part of the key: fixing a typo in it must not re-issue.
    let renamed = plan_bytes(
        csv(&["山田 太朗,taro@example.jp,E001,,python-basics,"]).as_bytes(),
        &options,
    );
    assert_eq!(renamed.rows[0].idempotency_key, base);

    let other_issuer = PlanOptions::new("urn:uuid:other-issuer", &catalog);
    let key = keys(&plan_bytes(csv(&ROWS[..1]).as_bytes(), &other_issuer))["山田 太郎"].clone();
    assert_ne!(key, base);
}

#[test]
fn key_uses_the_catalog_id_not_the_slug() {
    let mut renamed: AchievementCatalog = [(common::PYTHON_ID, common::PYTHON_ID)]
        .into_iter()
        .collect();
    renamed.insert("py-101", common::PYTHON_ID);
    let options = PlanOptions::new(common::ISSUER, &renamed);
    let plan = plan_bytes(
        csv(&["山田 太郎,taro@example.jp,,,py-101,"]).as_bytes(),
        &options,
    );
    assert_eq!(
        plan.rows[0].idempotency_key,
        idempotency_key(
            common::ISSUER,
            common::PYTHON_ID,
            &RecipientKey::email("taro@example.jp"),
            None
        )
    );
}
