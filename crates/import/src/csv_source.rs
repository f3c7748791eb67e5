//! CSV bytes → [`Table`]: encoding detection, then parsing.
//!
//! Why detection rather than asking: users do not know which encoding Excel used. Excel in
//! Japan writes plain "CSV" in Windows-31J (CP932) and "CSV UTF-8" with a BOM. Valid UTF-8 is
//! taken as UTF-8 because Shift-JIS text with kana or kanji is practically never valid UTF-8,
//! while the reverse test (does it decode as Shift-JIS?) accepts many UTF-8 files by accident.

use std::borrow::Cow;

use encoding_rs::SHIFT_JIS;

use crate::Limits;
use crate::error::ImportError;
use crate::table::{SourceEncoding, Table, TableBuilder};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes CSV bytes to text, reporting which encoding it was.
pub fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, SourceEncoding), ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(ImportError::Utf16);
    }
    if let Some(offset) = bytes.iter().position(|byte| *byte == 0) {
        return Err(ImportError::Binary { offset });
    }
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        return match std::str::from_utf8(rest) {
            Ok(text) => Ok((Cow::Borrowed(text), SourceEncoding::Utf8Bom)),
            Err(err) => Err(ImportError::UnknownEncoding {
                offset: UTF8_BOM.len() + err.valid_up_to(),
            }),
        };
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((Cow::Borrowed(text), SourceEncoding::Utf8)),
        Err(err) => SHIFT_JIS
            .decode_without_bom_handling_and_without_replacement(bytes)
            .map(|text| (Cow::Owned(text.into_owned()), SourceEncoding::ShiftJis))
            .ok_or(ImportError::UnknownEncoding {
                offset: err.valid_up_to(),
            }),
    }
}

/// Reads a CSV file: detects the encoding, then splits it into rows numbered as Excel would
/// show them (blank lines count, a quoted line break does not start a new row).
pub fn read_csv(bytes: &[u8], limits: &Limits) -> Result<Table, ImportError> {
    if bytes.len() > limits.max_bytes {
        return Err(ImportError::TooLarge {
            size: bytes.len(),
            limit: limits.max_bytes,
        });
    }
    let (text, encoding) = decode(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut builder = TableBuilder::new(encoding, limits);
    // The csv crate skips blank lines; Excel shows them as rows. So rows are numbered from the
    // line breaks before each record's end, minus those inside quoted fields so far.
    let breaks = break_starts(&text);
    let mut breaks_inside_fields = 0usize;
    let mut previous_row = 0usize;
    let mut record = csv::StringRecord::new();
    while reader
        .read_record(&mut record)
        .map_err(|err| csv_error(&err))?
    {
        // Just past the record and the first byte of its line terminator, if it has one.
        let end = usize::try_from(reader.position().byte()).unwrap_or(usize::MAX);
        let terminated = end
            .checked_sub(1)
            .and_then(|last| text.as_bytes().get(last))
            .is_some_and(|byte| matches!(byte, b'\r' | b'\n'));
        breaks_inside_fields += record.iter().map(count_breaks).sum::<usize>();
        let breaks_before = breaks.partition_point(|start| *start < end);
        // A quote left open at the end of the file swallows the final line break, which then
        // looks like a terminator; rows only ever move forward, so take at least the next one.
        let row = (breaks_before.saturating_sub(breaks_inside_fields) + usize::from(!terminated))
            .max(previous_row + 1);
        previous_row = row;
        builder.push(row, record.iter().map(str::to_owned).collect())?;
    }
    builder.finish()
}

/// Byte offsets where line breaks start; `\r\n`, `\n` and a lone `\r` each count once, as
/// in Excel.
fn break_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = Vec::new();
    for (index, byte) in bytes.iter().enumerate() {
        let after_cr = index
            .checked_sub(1)
            .and_then(|previous| bytes.get(previous))
            == Some(&b'\r');
        match byte {
            b'\r' => starts.push(index),
            b'\n' if !after_cr => starts.push(index),
            _ => {}
        }
    }
    starts
}

fn count_breaks(text: &str) -> usize {
    break_starts(text).len()
}

fn csv_error(err: &csv::Error) -> ImportError {
    let line = err.position().map_or(0, |position| position.line());
    let detail = match err.kind() {
        // Not reachable from &str input, but kept specific rather than a generic message.
        csv::ErrorKind::Utf8 { .. } => "invalid UTF-8 in a field".to_owned(),
        _ => err.to_string(),
    };
    ImportError::Csv { line, detail }
}
