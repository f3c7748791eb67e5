//! Row findings of the dry run: where, what, and a message in both languages.

use serde::{Deserialize, Serialize};
use tsumiki_i18n::{Arg, Lang, t};

use crate::mapping::Field;

/// Whether a finding keeps the row from being issued.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// The row is left out of the plan.
    Error,
    /// The row is issued; the user should look at it first.
    Warning,
}

/// What is wrong. Serialised in kebab case; also the suffix of the Fluent message id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingCode {
    /// A required value (name, achievement) is empty.
    MissingValue,
    /// None of email, employee number or DID is given.
    MissingIdentifier,
    BadEmail,
    BadDid,
    UnknownAchievement,
    BadDate,
    /// The issue date is after the `today` the caller passed.
    FutureDate,
    BadEvidenceUrl,
    ValueTooLong,
    /// Same recipient and achievement as an earlier row (the same idempotency key, or no
    /// external id telling them apart).
    DuplicateRow,
    /// Same recipient and achievement as an earlier row, but with a different external id.
    DuplicateRecipient,
    /// Text in cells to the right of the last header, which nothing reads.
    ExtraCells,
}

impl FindingCode {
    pub fn severity(self) -> Severity {
        match self {
            FindingCode::FutureDate | FindingCode::DuplicateRecipient | FindingCode::ExtraCells => {
                Severity::Warning
            }
            _ => Severity::Error,
        }
    }

    pub fn message_id(self) -> &'static str {
        match self {
            FindingCode::MissingValue => "import-missing-value",
            FindingCode::MissingIdentifier => "import-missing-identifier",
            FindingCode::BadEmail => "import-bad-email",
            FindingCode::BadDid => "import-bad-did",
            FindingCode::UnknownAchievement => "import-unknown-achievement",
            FindingCode::BadDate => "import-bad-date",
            FindingCode::FutureDate => "import-future-date",
            FindingCode::BadEvidenceUrl => "import-bad-evidence-url",
            FindingCode::ValueTooLong => "import-value-too-long",
            FindingCode::DuplicateRow => "import-duplicate-row",
            FindingCode::DuplicateRecipient => "import-duplicate-recipient",
            FindingCode::ExtraCells => "import-extra-cells",
        }
    }
}

/// A message in both languages, so the plan can be stored once and shown to anyone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalizedText {
    pub ja: String,
    pub en: String,
}

impl LocalizedText {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }
}

/// One problem in one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// 1-based row number as Excel shows it (the header is usually row 1).
    pub row: usize,
    /// The column's header text, when the finding is about one column.
    pub column: Option<String>,
    /// The column's letter (`A`, `B`, … `AA`), to find the cell in Excel.
    pub column_letter: Option<String>,
    pub field: Option<Field>,
    pub code: FindingCode,
    pub severity: Severity,
    /// The offending value as found (after trimming), when there is one.
    pub value: Option<String>,
    pub message: LocalizedText,
}

/// Where a finding points.
#[derive(Debug, Clone, Default)]
pub(crate) struct Place {
    pub row: usize,
    pub column: Option<(usize, String)>,
    pub field: Option<Field>,
}

/// Extra message arguments beyond row, column, field and value.
pub(crate) type Extra = Vec<(&'static str, Arg)>;

impl Finding {
    pub(crate) fn new(code: FindingCode, place: Place, value: Option<&str>, extra: Extra) -> Self {
        let message = LocalizedText {
            ja: render(code, &place, value, &extra, Lang::Ja),
            en: render(code, &place, value, &extra, Lang::En),
        };
        Finding {
            row: place.row,
            column_letter: place
                .column
                .as_ref()
                .map(|(index, _)| crate::table::column_letter(*index)),
            column: place.column.map(|(_, header)| header),
            field: place.field,
            code,
            severity: code.severity(),
            value: value.map(str::to_owned),
            message,
        }
    }
}

fn render(
    code: FindingCode,
    place: &Place,
    value: Option<&str>,
    extra: &Extra,
    lang: Lang,
) -> String {
    let mut args: Vec<(&str, Arg)> = vec![("row", place.row.into())];
    if let Some((index, header)) = &place.column {
        args.push(("column", header.into()));
        args.push(("letter", crate::table::column_letter(*index).into()));
    }
    if let Some(field) = place.field {
        args.push(("field", field.label(lang).into()));
    }
    if let Some(value) = value {
        args.push(("value", value.into()));
    }
    args.extend(extra.iter().cloned());
    t(lang, code.message_id(), &args)
}
