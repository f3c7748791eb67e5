//! Bulk-issuance spreadsheets: bytes in, a validated import plan out.
//!
//! The flow the web UI and the CLI follow:
//! 1. [`read_table`] decodes the upload (CSV in UTF-8 or Shift-JIS, or `.xlsx`) within
//!    [`Limits`];
//! 2. [`ColumnMapping::auto`] guesses which column is which from the headers, and the user may
//!    correct it;
//! 3. [`plan_table`] checks every row and returns an [`ImportPlan`]: the rows ready to issue,
//!    each with an idempotency key, and row-by-row [`Finding`]s in Japanese and English.
//!
//! Nothing here signs, stores or reads files: the crate is pure so that the dry run and the
//! real run see exactly the same plan, and so that it can be tested with bytes alone.

mod catalog;
mod csv_source;
mod did;
mod email;
mod error;
mod finding;
pub mod idempotency;
mod issue_date;
mod limits;
mod mapping;
mod plan;
mod table;
mod xlsx_source;

pub use catalog::AchievementCatalog;
pub use csv_source::{decode, read_csv};
pub use did::{is_did, is_web_url};
pub use email::{normalise_email, split_addresses};
pub use error::ImportError;
pub use finding::{Finding, FindingCode, LocalizedText, Severity};
pub use idempotency::{RecipientKey, idempotency_key};
pub use issue_date::{IssuedOn, parse_issue_date};
pub use limits::Limits;
pub use mapping::{ColumnMapping, Field, ResolvedMapping, header_key, recognise};
pub use plan::{ImportPlan, PlanOptions, PlannedRow, Totals, plan_table};
pub use table::{SourceEncoding, Table, TableRow, column_letter};
pub use xlsx_source::{read_xlsx, sheet_names};

use serde::{Deserialize, Serialize};

/// What kind of file the bytes are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileFormat {
    /// `.xlsx` if the bytes are a zip archive, otherwise CSV. File names lie more often than
    /// magic numbers do.
    #[default]
    Auto,
    Csv,
    Xlsx,
}

/// Decodes an upload into a [`Table`]. `sheet` picks an `.xlsx` sheet by name (default: the
/// first); it is ignored for CSV.
pub fn read_table(
    bytes: &[u8],
    format: FileFormat,
    sheet: Option<&str>,
    limits: &Limits,
) -> Result<Table, ImportError> {
    if bytes.len() > limits.max_bytes {
        return Err(ImportError::TooLarge {
            size: bytes.len(),
            limit: limits.max_bytes,
        });
    }
    let xlsx = match format {
        FileFormat::Auto => xlsx_source::is_zip(bytes),
        FileFormat::Csv => false,
        FileFormat::Xlsx => true,
    };
    if xlsx {
        read_xlsx(bytes, sheet, limits)
    } else if xlsx_source::is_legacy_xls(bytes) {
        Err(ImportError::LegacyXls)
    } else {
        read_csv(bytes, limits)
    }
}

/// The whole dry run in one call: decode, map (automatically unless `mapping` is given), check.
pub fn plan_import(
    bytes: &[u8],
    format: FileFormat,
    sheet: Option<&str>,
    mapping: Option<&ColumnMapping>,
    options: &PlanOptions<'_>,
) -> Result<ImportPlan, ImportError> {
    let table = read_table(bytes, format, sheet, &options.limits)?;
    let mapping = match mapping {
        Some(mapping) => mapping.clone(),
        None => ColumnMapping::auto(&table.headers),
    };
    plan_table(&table, &mapping, options)
}
