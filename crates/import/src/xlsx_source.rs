//! `.xlsx` bytes → [`Table`], streaming the sheet's cells.
//!
//! Why streaming and not `worksheet_range`: a range is a dense grid sized by the furthest cell,
//! so one stray value in `XFD1048576` would allocate seventeen billion cells. Reading cells one
//! by one lets the row and column limits stop a hostile sheet early. The archive's declared
//! uncompressed size is checked first, against zip bombs.

use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx};

use crate::Limits;
use crate::error::ImportError;
use crate::table::{SourceEncoding, Table, TableBuilder};

/// Whether `bytes` look like a zip archive (an `.xlsx` is one).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Whether `bytes` are an OLE compound file, i.e. a legacy `.xls` workbook.
pub fn is_legacy_xls(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
}

/// The names of the workbook's sheets, in workbook order, for a sheet picker.
pub fn sheet_names(bytes: &[u8], limits: &Limits) -> Result<Vec<String>, ImportError> {
    Ok(open(bytes, limits)?.sheet_names())
}

/// Reads the sheet called `sheet`, or the first sheet.
pub fn read_xlsx(bytes: &[u8], sheet: Option<&str>, limits: &Limits) -> Result<Table, ImportError> {
    let mut workbook = open(bytes, limits)?;
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|name| name.as_str() == wanted)
            .cloned()
            .ok_or_else(|| ImportError::SheetNotFound {
                name: wanted.to_owned(),
                available: names.join(", "),
            })?,
        None => names.first().cloned().ok_or(ImportError::NoSheets)?,
    };
    let mut cells = workbook.worksheet_cells_reader(&name).map_err(xlsx_error)?;
    let mut builder = TableBuilder::new(SourceEncoding::Xlsx, limits);
    // Cells arrive in row-major order; rows without cells are absent (the builder counts gaps).
    let mut current: Option<(u32, Vec<String>)> = None;
    while let Some(cell) = cells.next_cell().map_err(xlsx_error)? {
        let (row, column) = cell.get_position();
        let text = cell_text(cell.get_value());
        if current
            .as_ref()
            .is_some_and(|(open_row, _)| *open_row != row)
            && let Some((done_row, done_cells)) = current.take()
        {
            builder.push(excel_row(done_row), done_cells)?;
        }
        if current.is_none() {
            current = Some((row, Vec::new()));
        }
        let column = column as usize;
        if column >= limits.max_columns {
            if text.trim().is_empty() {
                continue;
            }
            return Err(ImportError::TooManyColumns {
                row: excel_row(row),
                count: column + 1,
                limit: limits.max_columns,
            });
        }
        if let Some((_, row_cells)) = current.as_mut() {
            if row_cells.len() <= column {
                row_cells.resize(column + 1, String::new());
            }
            if let Some(slot) = row_cells.get_mut(column) {
                *slot = text;
            }
        }
    }
    if let Some((row, row_cells)) = current {
        builder.push(excel_row(row), row_cells)?;
    }
    builder.finish()
}

fn open<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Xlsx<Cursor<&'a [u8]>>, ImportError> {
    if bytes.len() > limits.max_bytes {
        return Err(ImportError::TooLarge {
            size: bytes.len(),
            limit: limits.max_bytes,
        });
    }
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    check_expanded_size(bytes, limits.max_xlsx_uncompressed_bytes)?;
    Xlsx::new(Cursor::new(bytes)).map_err(xlsx_error)
}

/// Sums the sizes the central directory declares. An archive that understates them gains
/// nothing: since zip 9.4 the reader fails an entry once it yields more than its declared size.
fn check_expanded_size(bytes: &[u8], limit: u64) -> Result<(), ImportError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|err| ImportError::Xlsx {
            detail: err.to_string(),
        })?;
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive
            .by_index_raw(index)
            .map_err(|err| ImportError::Xlsx {
                detail: err.to_string(),
            })?;
        total = total.saturating_add(entry.size());
    }
    if total > limit {
        return Err(ImportError::XlsxTooLarge { size: total, limit });
    }
    Ok(())
}

fn xlsx_error(err: calamine::XlsxError) -> ImportError {
    ImportError::Xlsx {
        detail: err.to_string(),
    }
}

fn excel_row(zero_based: u32) -> usize {
    zero_based as usize + 1
}

/// A cell as the text a user typed. Whole numbers lose Excel's `.0` (employee numbers are
/// often stored as numbers); dates become ISO 8601 so that the date check can read them.
fn cell_text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Empty => String::new(),
        DataRef::String(text) | DataRef::DateTimeIso(text) | DataRef::DurationIso(text) => {
            text.clone()
        }
        DataRef::SharedString(text) => (*text).to_owned(),
        DataRef::Int(number) => number.to_string(),
        DataRef::Float(number) => float_text(*number),
        DataRef::Bool(flag) => if *flag { "TRUE" } else { "FALSE" }.to_owned(),
        DataRef::DateTime(datetime) if datetime.is_datetime() => {
            let (year, month, day, hour, minute, second, _) = datetime.to_ymd_hms_milli();
            if (hour, minute, second) == (0, 0, 0) {
                format!("{year:04}-{month:02}-{day:02}")
            } else {
                format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}")
            }
        }
        DataRef::DateTime(duration) => float_text(duration.as_f64()),
        DataRef::Error(error) => error.to_string(),
    }
}

fn float_text(number: f64) -> String {
    // 2^53: every whole number below it prints exactly as an integer.
    if number.fract() == 0.0 && number.abs() < 9_007_199_254_740_992.0 {
        format!("{number:.0}")
    } else {
        number.to_string()
    }
}
