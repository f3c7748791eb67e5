//! Bounds on what an upload may cost us.
//!
//! Why: the import runs inside the web server on files anyone with an issuer role can upload. A
//! spreadsheet is a compressed archive and a CSV can be one giant line, so each dimension that
//! drives memory or time gets its own ceiling, checked before the work it guards.

use serde::{Deserialize, Serialize};

/// Ceilings for one import. [`Limits::default`] suits a web upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// Size of the uploaded file, checked before anything is decoded.
    pub max_bytes: usize,
    /// Data rows (the header row not counted).
    pub max_rows: usize,
    /// Columns in the header row or any data row.
    pub max_columns: usize,
    /// Characters in one cell; longer values are reported as findings, not stored.
    pub max_cell_chars: usize,
    /// Sum of the uncompressed sizes an `.xlsx` archive declares (guards against zip bombs).
    pub max_xlsx_uncompressed_bytes: u64,
}

impl Limits {
    pub const DEFAULT_MAX_BYTES: usize = 20 * 1024 * 1024;
    pub const DEFAULT_MAX_ROWS: usize = 100_000;
    pub const DEFAULT_MAX_COLUMNS: usize = 256;
    pub const DEFAULT_MAX_CELL_CHARS: usize = 4_096;
    pub const DEFAULT_MAX_XLSX_UNCOMPRESSED_BYTES: u64 = 256 * 1024 * 1024;
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: Self::DEFAULT_MAX_BYTES,
            max_rows: Self::DEFAULT_MAX_ROWS,
            max_columns: Self::DEFAULT_MAX_COLUMNS,
            max_cell_chars: Self::DEFAULT_MAX_CELL_CHARS,
            max_xlsx_uncompressed_bytes: Self::DEFAULT_MAX_XLSX_UNCOMPRESSED_BYTES,
        }
    }
}
