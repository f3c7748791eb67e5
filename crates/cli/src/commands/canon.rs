//! `tsumiki canon`: RDFC-1.0 canonical N-Quads of a JSON-LD or N-Quads document.

use std::process::ExitCode;

use tsumiki_jsonld::{JsonLdProcessor, Options};
use tsumiki_rdf::{CanonLimits, HashAlgorithm, canonicalize, parse_nquads};

use crate::cli::{CanonArgs, HashName};
use crate::error::CliError;
use crate::input::{DEFAULT_MAX_INPUT, read_text};

pub fn run(args: CanonArgs) -> Result<ExitCode, CliError> {
    let text = read_text(&args.input, DEFAULT_MAX_INPUT)?;
    let quads = if args.nquads || args.input.ends_with(".nq") {
        parse_nquads(&text).map_err(|err| {
            CliError::input(
                format!("invalid N-Quads: {err}"),
                format!("N-Quads が不正です: {err}"),
            )
        })?
    } else {
        let document = serde_json::from_str(&text).map_err(|err| {
            CliError::input(
                format!("invalid JSON: {err}"),
                format!("JSON が不正です: {err}"),
            )
        })?;
        let options = if args.unsafe_terms {
            Options::standard()
        } else {
            Options::default()
        };
        JsonLdProcessor::bundled()
            .to_rdf(&document, &options)
            .map_err(|err| {
                CliError::input(
                    format!("cannot convert JSON-LD to RDF: {err}"),
                    format!("JSON-LD を RDF に変換できません: {err}"),
                )
            })?
    };
    let hash = match args.hash {
        HashName::Sha256 => HashAlgorithm::Sha256,
        HashName::Sha384 => HashAlgorithm::Sha384,
    };
    // Every canonicalization error is a work limit: the input was refused, not mishandled.
    let canonical = canonicalize(&quads, hash, &CanonLimits::default()).map_err(|err| {
        CliError::input(
            format!("{err}; the input was refused"),
            format!("正規化の作業量の上限を超えました（悪意のあるグラフの可能性があります）。入力を拒否しました: {err}"),
        )
    })?;
    if args.map {
        let map = serde_json::to_string_pretty(&canonical.issued_identifiers).map_err(|err| {
            CliError::input(
                format!("cannot print the map: {err}"),
                format!("マップを出力できません: {err}"),
            )
        })?;
        println!("{map}");
    } else {
        print!("{}", canonical.nquads);
    }
    Ok(ExitCode::SUCCESS)
}
