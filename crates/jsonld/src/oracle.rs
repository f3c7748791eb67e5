//! A second, independent JSON-LD implementation (oxjsonld + oxrdf's RDFC-1.0), used only by
//! tests as a differential oracle for the fast path. Never used in production: it re-processes
//! contexts per document and has no canonicalization work limit.

use std::fmt::Write as _;

use oxjsonld::{JsonLdParser, JsonLdRemoteDocument};
use oxrdf::Dataset;
use oxrdf::dataset::{CanonicalizationAlgorithm, CanonicalizationHashAlgorithm};

use crate::store::DocumentStore;

/// JSON-LD text → canonical N-Quads (RDFC-1.0, SHA-256), loading contexts only from `store`.
pub fn canonical_nquads(json: &str, store: &DocumentStore) -> Result<String, String> {
    let store = store.clone();
    let parser = JsonLdParser::new()
        .for_slice(json.as_bytes())
        .with_load_document_callback(move |url, _| {
            let doc = store
                .get(url)
                .ok_or_else(|| format!("context not bundled: {url}"))?;
            Ok(JsonLdRemoteDocument {
                document: serde_json::to_vec(&*doc)?,
                document_url: url.to_owned(),
            })
        });
    let mut dataset = Dataset::new();
    for quad in parser {
        dataset.insert(&quad.map_err(|err| err.to_string())?);
    }
    dataset.canonicalize(CanonicalizationAlgorithm::Rdfc10 {
        hash_algorithm: CanonicalizationHashAlgorithm::Sha256,
    });
    let mut lines: Vec<String> = dataset.iter().map(|quad| format!("{quad} .\n")).collect();
    lines.sort();
    let mut out = String::new();
    for line in lines {
        let _ = write!(out, "{line}");
    }
    Ok(out)
}
