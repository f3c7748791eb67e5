//! The decoded spreadsheet: a header row and data rows of text, whatever the file format.

use serde::{Deserialize, Serialize};

use crate::error::ImportError;

/// How the source bytes were read. Shown to the user so that a mis-detected file is obvious.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceEncoding {
    /// CSV in UTF-8 without a byte order mark.
    Utf8,
    /// CSV in UTF-8 with a byte order mark (Excel's "CSV UTF-8").
    Utf8Bom,
    /// CSV in Shift-JIS as Windows writes it (Windows-31J / CP932, Excel's plain "CSV" in Japan).
    ShiftJis,
    /// An Office Open XML workbook; its text is UTF-8 or UTF-16 inside the archive.
    Xlsx,
}

/// One data row as the user sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableRow {
    /// 1-based row number as Excel shows it (blank rows and rows above the header count too).
    pub row: usize,
    /// Cell text in column order; may be shorter or longer than the header.
    pub cells: Vec<String>,
}

/// A decoded sheet: what the header-mapping screen shows before anything is validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub encoding: SourceEncoding,
    /// Header cells, trimmed.
    pub headers: Vec<String>,
    /// Row number of the header row: 1 unless blank rows, or a title above a recognisable
    /// header, come first.
    pub header_row: usize,
    pub rows: Vec<TableRow>,
    /// Rows with no text at all; skipped, but counted so that totals add up.
    pub blank_rows: usize,
}

impl TableRow {
    /// Whether every cell is empty after trimming (Excel often leaves such rows at the end).
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|cell| cell.trim().is_empty())
    }
}

/// The spreadsheet column letter for a 0-based index (`0` → `A`, `26` → `AA`), as users
/// find cells in Excel by it.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// How far down to look for a header row when the first rows are not one. Excel sheets made
/// for people often start with a title (`2026年度 研修修了者一覧`) and a date above the header.
const HEADER_SEARCH_ROWS: usize = 10;

/// Collects rows from either reader, finding the header and enforcing row and column limits
/// as rows arrive (so a huge file fails early instead of after being read whole).
///
/// The header is the first non-blank row in which at least two cells are header names we
/// recognise; if none of the first [`HEADER_SEARCH_ROWS`] non-blank rows is, it is simply
/// the first non-blank row. Rows above the header are a preamble and are not data.
pub(crate) struct TableBuilder {
    encoding: SourceEncoding,
    max_rows: usize,
    max_columns: usize,
    header: Option<(usize, Vec<String>)>,
    /// Non-blank rows seen while the header is still undecided.
    candidates: Vec<TableRow>,
    rows: Vec<TableRow>,
    blank_rows: usize,
    last_row: usize,
}

impl TableBuilder {
    pub(crate) fn new(encoding: SourceEncoding, limits: &crate::Limits) -> Self {
        TableBuilder {
            encoding,
            max_rows: limits.max_rows,
            max_columns: limits.max_columns,
            header: None,
            candidates: Vec::new(),
            rows: Vec::new(),
            blank_rows: 0,
            last_row: 0,
        }
    }

    /// Adds the row Excel numbers `row`.
    pub(crate) fn push(&mut self, row: usize, cells: Vec<String>) -> Result<(), ImportError> {
        if cells.len() > self.max_columns {
            // Trailing empty cells (a stray format applied to a whole row) are harmless.
            let used = cells
                .iter()
                .rposition(|cell| !cell.trim().is_empty())
                .map_or(0, |last| last + 1);
            if used > self.max_columns {
                return Err(ImportError::TooManyColumns {
                    row,
                    count: used,
                    limit: self.max_columns,
                });
            }
        }
        let mut cells = cells;
        cells.truncate(self.max_columns);
        let row = TableRow { row, cells };
        if self.header.is_some() {
            return self.data_row(row);
        }
        if row.is_blank() {
            return Ok(());
        }
        let recognised = row
            .cells
            .iter()
            .filter(|cell| crate::mapping::recognise(cell).is_some())
            .count();
        if recognised >= 2 {
            self.candidates.clear();
            self.set_header(&row);
            return Ok(());
        }
        self.candidates.push(row);
        if self.candidates.len() >= HEADER_SEARCH_ROWS {
            self.settle_on_first_candidate()?;
        }
        Ok(())
    }

    fn set_header(&mut self, row: &TableRow) {
        let headers = row
            .cells
            .iter()
            .map(|cell| cell.trim().to_owned())
            .collect();
        self.header = Some((row.row, headers));
        self.last_row = row.row;
    }

    /// No row looked like a header: the first non-blank one is it, the rest are data.
    fn settle_on_first_candidate(&mut self) -> Result<(), ImportError> {
        let mut candidates = std::mem::take(&mut self.candidates).into_iter();
        if let Some(first) = candidates.next() {
            self.set_header(&first);
        }
        candidates.try_for_each(|row| self.data_row(row))
    }

    fn data_row(&mut self, row: TableRow) -> Result<(), ImportError> {
        // Rows the source leaves out entirely (blank CSV lines, absent `.xlsx` rows) count too.
        let skipped = row.row.saturating_sub(self.last_row).saturating_sub(1);
        self.last_row = row.row;
        self.blank_rows = self.blank_rows.saturating_add(skipped);
        if row.is_blank() {
            self.blank_rows += 1;
            return Ok(());
        }
        if self.rows.len() >= self.max_rows {
            return Err(ImportError::TooManyRows {
                limit: self.max_rows,
            });
        }
        self.rows.push(row);
        Ok(())
    }

    pub(crate) fn finish(mut self) -> Result<Table, ImportError> {
        if self.header.is_none() {
            self.settle_on_first_candidate()?;
        }
        let (header_row, headers) = self.header.ok_or(ImportError::NoHeader)?;
        Ok(Table {
            encoding: self.encoding,
            headers,
            header_row,
            rows: self.rows,
            blank_rows: self.blank_rows,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_excel() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
