//! Reading FILE or `-` (standard input), bounded so that a huge input cannot exhaust memory.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use crate::error::CliError;

/// The largest input accepted by default (the verifier's own limit is the same).
pub const DEFAULT_MAX_INPUT: u64 = 1024 * 1024;

pub fn read_input(path: &str, max_bytes: u64) -> Result<Vec<u8>, CliError> {
    let mut data = Vec::new();
    let read = if path == "-" {
        io::stdin()
            .lock()
            .take(max_bytes + 1)
            .read_to_end(&mut data)
    } else {
        File::open(Path::new(path)).and_then(|file| file.take(max_bytes + 1).read_to_end(&mut data))
    };
    read.map_err(|err| {
        CliError::input(
            format!("cannot read {path}: {err}"),
            format!("{path} を読み込めません: {err}"),
        )
    })?;
    if data.len() as u64 > max_bytes {
        return Err(CliError::input(
            format!("{path} is larger than the limit of {max_bytes} bytes"),
            format!("{path} は上限の {max_bytes} バイトを超えています"),
        ));
    }
    Ok(data)
}

pub fn read_text(path: &str, max_bytes: u64) -> Result<String, CliError> {
    let bytes = read_input(path, max_bytes)?;
    String::from_utf8(bytes).map_err(|_| {
        CliError::input(
            format!("{path} is not valid UTF-8 text"),
            format!("{path} は UTF-8 のテキストではありません"),
        )
    })
}

pub fn read_json(path: &str, max_bytes: u64) -> Result<serde_json::Value, CliError> {
    let text = read_text(path, max_bytes)?;
    serde_json::from_str(&text).map_err(|err| {
        CliError::input(
            format!("{path} is not valid JSON: {err}"),
            format!("{path} は正しい JSON ではありません: {err}"),
        )
    })
}
