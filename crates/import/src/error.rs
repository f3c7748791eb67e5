//! Why a file could not be planned at all (as opposed to row findings, which never stop a plan).

use thiserror::Error;
use tsumiki_i18n::{Arg, Lang, t};

use crate::mapping::Field;

/// A problem with the file as a whole. Row-level problems are [`crate::Finding`]s instead, so
/// that one bad row never hides the rest of the dry run.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    #[error("the file has more than {limit} data rows")]
    TooManyRows { limit: usize },
    #[error("row {row} has {count} columns, over the limit of {limit}")]
    TooManyColumns {
        row: usize,
        count: usize,
        limit: usize,
    },
    #[error(
        "the file is neither UTF-8 nor Shift-JIS text (first byte that is not UTF-8 at offset {offset})"
    )]
    UnknownEncoding { offset: usize },
    #[error("the file is UTF-16 text; save it as \"CSV UTF-8\" or as .xlsx")]
    Utf16,
    #[error("the file contains binary data (a NUL byte at offset {offset}), so it is not a CSV")]
    Binary { offset: usize },
    #[error("the file is a legacy .xls workbook; save it as .xlsx or as \"CSV UTF-8\"")]
    LegacyXls,
    #[error("the CSV could not be read near line {line}: {detail}")]
    Csv { line: u64, detail: String },
    #[error("the .xlsx workbook could not be read: {detail}")]
    Xlsx { detail: String },
    #[error("the .xlsx archive would expand to {size} bytes, over the limit of {limit} bytes")]
    XlsxTooLarge { size: u64, limit: u64 },
    #[error("the workbook has no sheet named \"{name}\" (sheets: {available})")]
    SheetNotFound { name: String, available: String },
    #[error("the workbook has no sheets")]
    NoSheets,
    #[error("the file has no header row")]
    NoHeader,
    #[error(
        "the mapping names the column \"{header}\" for {field}, but the file has no such column"
    )]
    UnknownHeader { field: Field, header: String },
    #[error(
        "the column \"{header}\" appears more than once in the header row, so it cannot be mapped"
    )]
    AmbiguousHeader { header: String },
    #[error("no column is mapped to {field}, which is required")]
    FieldNotMapped { field: Field },
    #[error("no column is mapped to a recipient identifier (email, employee number or DID)")]
    NoIdentifierMapped,
}

impl ImportError {
    /// The message id in the `import.ftl` Fluent files.
    pub fn message_id(&self) -> &'static str {
        match self {
            ImportError::Empty => "import-error-empty",
            ImportError::TooLarge { .. } => "import-error-too-large",
            ImportError::TooManyRows { .. } => "import-error-too-many-rows",
            ImportError::TooManyColumns { .. } => "import-error-too-many-columns",
            ImportError::UnknownEncoding { .. } => "import-error-unknown-encoding",
            ImportError::Utf16 => "import-error-utf16",
            ImportError::Binary { .. } => "import-error-binary",
            ImportError::LegacyXls => "import-error-legacy-xls",
            ImportError::Csv { .. } => "import-error-csv",
            ImportError::Xlsx { .. } => "import-error-xlsx",
            ImportError::XlsxTooLarge { .. } => "import-error-xlsx-too-large",
            ImportError::SheetNotFound { .. } => "import-error-sheet-not-found",
            ImportError::NoSheets => "import-error-no-sheets",
            ImportError::NoHeader => "import-error-no-header",
            ImportError::UnknownHeader { .. } => "import-error-unknown-header",
            ImportError::AmbiguousHeader { .. } => "import-error-ambiguous-header",
            ImportError::FieldNotMapped { .. } => "import-error-field-not-mapped",
            ImportError::NoIdentifierMapped => "import-error-no-identifier-mapped",
        }
    }

    /// The message for a person, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let args: Vec<(&str, Arg)> = match self {
            ImportError::Empty
            | ImportError::Utf16
            | ImportError::LegacyXls
            | ImportError::NoSheets
            | ImportError::NoHeader
            | ImportError::NoIdentifierMapped => Vec::new(),
            ImportError::TooLarge { size, limit } => {
                vec![("size", (*size).into()), ("limit", (*limit).into())]
            }
            ImportError::TooManyRows { limit } => vec![("limit", (*limit).into())],
            ImportError::TooManyColumns { row, count, limit } => vec![
                ("row", (*row).into()),
                ("count", (*count).into()),
                ("limit", (*limit).into()),
            ],
            ImportError::UnknownEncoding { offset } | ImportError::Binary { offset } => {
                vec![("offset", (*offset).into())]
            }
            ImportError::Csv { line, detail } => {
                vec![("line", (*line).into()), ("detail", detail.into())]
            }
            ImportError::Xlsx { detail } => vec![("detail", detail.into())],
            ImportError::XlsxTooLarge { size, limit } => {
                vec![("size", (*size).into()), ("limit", (*limit).into())]
            }
            ImportError::SheetNotFound { name, available } => {
                vec![("name", name.into()), ("available", available.into())]
            }
            ImportError::UnknownHeader { field, header } => {
                vec![
                    ("field", field.label(lang).into()),
                    ("header", header.into()),
                ]
            }
            ImportError::AmbiguousHeader { header } => vec![("header", header.into())],
            ImportError::FieldNotMapped { field } => vec![("field", field.label(lang).into())],
        };
        t(lang, self.message_id(), &args)
    }
}
